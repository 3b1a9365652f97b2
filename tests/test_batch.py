"""`prfacts batch` and `prfacts report`: one record per document, in order, resumable after kill -9, on Dask too."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SLOW_RULE
from extractor import batch
from extractor.batch import pool
from extractor.linter.budget import Budget
from extractor.reading import edgar
from extractor.cli import main
from extractor.reading.read import from_bytes

RELEASES = sorted((ROOT / "corpus" / "releases").glob("*.txt"))

EX99_HTML = """<html><head><title>ex99-1</title><style>p {margin:0}</style></head><body>
<p style="text-align:center"><b>Harbor Point Robotics Reports Fourth Quarter and Fiscal 2024 Results</b></p>
<p>BOSTON, Feb. 12, 2025 /PRNewswire/ -- Harbor Point Robotics, Inc. (NASDAQ: HPRX) today reported revenue of
$48.2 million for the fourth quarter of 2024, up 12.5% from $42.8 million in the fourth quarter of 2023.</p>
<table>
<tr><th>(In thousands of dollars)</th><th>Q4 2024</th><th>Q4 2023</th></tr>
<tr><td>Product revenue</td><td>40,100</td><td>35,600</td></tr>
<tr><td>Service revenue</td><td>8,100</td><td>7,200</td></tr>
<tr><td>Total revenue</td><td>48,200</td><td>42,800</td></tr>
</table>
<p>Cash and equivalents were $61.0 million at December&nbsp;31, 2024.</p>
</body></html>
"""

EX99_TEXT = """<PAGE>
                                                                    Exhibit 99.2

HARBOR POINT ROBOTICS ANNOUNCES $25 MILLION SHARE REPURCHASE PROGRAM

BOSTON, Feb. 12, 2025 -- Harbor Point Robotics, Inc. (NASDAQ: HPRX) announced that its
Board of Directors authorized the repurchase of up to $25 million of its common stock
over the next 12 months, about 4% of its 18,500,000 shares outstanding.

<PAGE>
Contact: investors@harborpoint.example, (617) 555-0100
"""

MAIN_8K = """<html><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 8-K</p>
<p>Item 2.02 Results of Operations and Financial Condition. On February 12, 2025 the Company issued the
press release furnished as Exhibit 99.1.</p></body></html>
"""


def submission() -> bytes:
    """A small but realistic EDGAR full submission: an 8-K, two EX-99 exhibits (HTML, text), a graphic, a PDF."""
    graphic = base64.b64encode(bytes(range(256)) * 3).decode("ascii")
    uu = "begin 644 g12345g01.jpg\n" + "\n".join("M" + graphic[i:i + 60] for i in range(0, len(graphic), 60)) + "\nend\n"

    def document(type_, seq, filename, description, text):
        return (f"<DOCUMENT>\n<TYPE>{type_}\n<SEQUENCE>{seq}\n<FILENAME>{filename}\n<DESCRIPTION>{description}\n"
                f"<TEXT>\n{text}</TEXT>\n</DOCUMENT>\n")

    header = """<SEC-DOCUMENT>0001234567-25-000012.txt : 20250212
<SEC-HEADER>0001234567-25-000012.hdr.sgml : 20250212
<ACCEPTANCE-DATETIME>20250212161503
ACCESSION NUMBER:\t\t0001234567-25-000012
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t5
CONFORMED PERIOD OF REPORT:\t20250212
FILED AS OF DATE:\t\t20250212
FILER:
\tCOMPANY DATA:
\t\tCOMPANY CONFORMED NAME:\t\t\tHarbor Point Robotics, Inc.
\t\tCENTRAL INDEX KEY:\t\t\t0001234567
</SEC-HEADER>
"""
    return (header
            + document("8-K", 1, "hprx-20250212.htm", "8-K", MAIN_8K)
            + document("EX-99.1", 2, "hprx-ex99_1.htm", "PRESS RELEASE", EX99_HTML)
            + document("EX-99.2", 3, "hprx-ex99_2.txt", "REPURCHASE RELEASE", EX99_TEXT)
            + document("GRAPHIC", 4, "g12345g01.jpg", "GRAPHIC", uu)
            + document("EX-99.3", 5, "hprx-ex99_3.pdf", "SLIDES", "<PDF>\nbegin 644 hprx-ex99_3.pdf\nM1234\nend\n</PDF>\n")
            + "</SEC-DOCUMENT>\n").encode("ascii")


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def keys(path: Path) -> list[str]:
    return [r["source"]["path"] for r in records(path)]


@pytest.fixture
def docs(tmp_path, monkeypatch):
    """A folder of releases (with a sub-folder and files batch must skip or report), relative to the cwd."""
    monkeypatch.chdir(tmp_path)
    root = Path("docs")
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for i, src in enumerate(RELEASES[:6]):
        folder = root / "sub" if i % 2 else root
        (folder / f"r{i}.txt").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "notes.html").write_text("<html><body><p>Revenue rose 12% to $3.0 million.</p></body></html>",
                                     encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (root / "gone.txt").symlink_to("nowhere.txt")  # listed in its folder, cannot be read
    (root / "data.csv").write_text("a,b\n1,2\n")  # not a document type: folders skip it
    (root / "README.md").write_text("# About these releases\n")  # not a release: folders skip it
    (root / "sub" / "LICENSE.txt").write_text("MIT\n")
    (root / ".hidden" / "r.txt").write_text("hidden")
    return root


# ---------------------------------------------------------------- inputs


def test_expand_files_folders_globs_missing_and_duplicates(docs):
    tasks = batch.expand(["docs", "docs/r0.txt", "docs/*.csv", "missing.txt", "nomatch/*.txt"])
    got = [t.key for t in tasks]
    assert got == ["docs/binary.txt", "docs/gone.txt", "docs/notes.html", "docs/r0.txt", "docs/r2.txt",
                   "docs/r4.txt", "docs/sub/r1.txt", "docs/sub/r3.txt", "docs/sub/r5.txt",
                   "docs/data.csv", "missing.txt", "nomatch/*.txt"]
    errors = {t.key: t.error for t in tasks if t.error}
    assert errors == {"missing.txt": "missing.txt: no such file",
                      "nomatch/*.txt": "nomatch/*.txt: no file matches this pattern"}
    # The output file is never an input, even inside an input folder.
    assert "docs/r0.txt" not in [t.key for t in batch.expand(["docs"], skip=["docs/r0.txt"])]
    # --exclude globs match names and paths; an excluded folder is not searched.
    kept = [t.key for t in batch.expand(["docs"], exclude=["sub", "*.html"])]
    assert kept == ["docs/binary.txt", "docs/gone.txt", "docs/r0.txt", "docs/r2.txt", "docs/r4.txt"]


# ---------------------------------------------------------------- EDGAR


def _exhibit_source(part, name):
    """An exhibit read the way every input is: its body and format, then the one reader."""
    data, fmt = edgar.prepare(part)
    return from_bytes(data, name, fmt)


def test_edgar_submission_is_split_into_press_release_exhibits(tmp_path):
    data = submission()
    assert edgar.is_submission(data)
    assert not edgar.is_submission(RELEASES[0].read_bytes())
    parts = edgar.split(data)
    assert [(p.type, p.ident, p.wrapper) for p in parts] == [
        ("8-K", "1/hprx-20250212.htm", None), ("EX-99.1", "2/hprx-ex99_1.htm", None),
        ("EX-99.2", "3/hprx-ex99_2.txt", None), ("GRAPHIC", "4/g12345g01.jpg", "uuencoded"),
        ("EX-99.3", "5/hprx-ex99_3.pdf", "PDF")]
    html_part, text_part = edgar.exhibits(data)
    html = _exhibit_source(html_part, "s.txt#2/hprx-ex99_1.htm")
    assert html.format == "html" and "<p" not in html.text and "margin" not in html.text
    assert "| Total revenue | 48,200 | 42,800 |" in html.text  # the table became a pipe table
    text = _exhibit_source(text_part, "s.txt#3/hprx-ex99_2.txt")
    assert "<PAGE>" not in text.text and "$25 million" in text.text
    assert len(text.text) == len(text_part.body)  # SGML page tags are blanked, offsets kept


def test_edgar_compact_and_closed_headers():
    data = (b"<SEC-DOCUMENT><DOCUMENT><TYPE>8-K<SEQUENCE>1<TEXT><p>Item 8.01</p></TEXT></DOCUMENT>\n"
            b"<DOCUMENT><TYPE>EX-99.01</TYPE><SEQUENCE>2</SEQUENCE><FILENAME>q2fy27pr.htm</FILENAME>"
            b"<TEXT><html><body><p>Revenue was $30.0 billion.</p></body></html></TEXT></DOCUMENT></SEC-DOCUMENT>")
    (part,) = edgar.exhibits(data)
    assert (part.type, part.ident) == ("EX-99.01", "2/q2fy27pr.htm")
    assert _exhibit_source(part, "x").text == "Revenue was $30.0 billion."


def test_edgar_submission_gives_a_record_per_exhibit(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("0001234567-25-000012.txt").write_bytes(submission())
    Path("other.txt").write_bytes(submission().replace(b"<TYPE>EX-99", b"<TYPE>EX-10"))
    summary = batch.run(["0001234567-25-000012.txt", "other.txt"], "out.jsonl", jobs=1)
    got = records(Path("out.jsonl"))
    assert [r["source"]["path"] for r in got] == ["0001234567-25-000012.txt#2/hprx-ex99_1.htm",
                                                   "0001234567-25-000012.txt#3/hprx-ex99_2.txt", "other.txt"]
    html, text, other = got
    assert any(m["text"] == "48,200" and m.get("cell") for m in html["mentions"])  # read from the HTML table
    assert any(m["kind"] == "money" and m["text"].startswith("$25 million") for m in text["mentions"])
    assert other["error"].startswith("other.txt: EDGAR submission without a press-release exhibit")
    assert summary.documents == 3 and len(summary.errors) == 1


# ---------------------------------------------------------------- records


def test_one_record_per_document_in_order_errors_included(docs):
    summary = batch.run(["docs", "docs/missing.txt"], "out.jsonl", jobs=1)
    got = records(Path("out.jsonl"))
    expected = [t.key for t in batch.expand(["docs", "docs/missing.txt"])]
    assert [r["source"]["path"] for r in got] == expected and len(got) == 10
    errors = {r["source"]["path"]: r["error"] for r in got if "error" in r}
    assert set(errors) == {"docs/binary.txt", "docs/gone.txt", "docs/missing.txt"}
    assert "binary" in errors["docs/binary.txt"] and "no such file" in errors["docs/gone.txt"]
    assert all(message.startswith(key + ": ") for key, message in errors.items())
    sheets = [r for r in got if "error" not in r]
    assert all({"mentions", "facts", "findings", "metadata"} <= set(r) for r in sheets)
    assert summary.documents == 10 and len(summary.errors) == 3
    assert summary.kinds["money"] > 0 and summary.run.documents == 10


def test_records_are_identical_whatever_the_workers(docs):
    batch.run(["docs"], "one.jsonl", jobs=1)
    batch.run(["docs"], "two.jsonl", jobs=2)
    assert Path("one.jsonl").read_bytes() == Path("two.jsonl").read_bytes()


def test_a_worker_that_dies_costs_only_its_document(docs, monkeypatch):
    """A document that kills its worker (out of memory, a crash) gets an error record; the others are analysed."""
    real = batch.analyze_doc

    def analyze_doc(doc, engine, limits):  # runs in the (forked) worker process
        if doc.key.endswith("r2.txt"):
            os._exit(9)
        return real(doc, engine, limits)

    monkeypatch.setattr(pool, "analyze_doc", analyze_doc)
    monkeypatch.setattr(pool, "mp_context", lambda: __import__("multiprocessing").get_context("fork"))
    batch.run(["docs"], "out.jsonl", jobs=2)
    got = records(Path("out.jsonl"))
    assert [r["source"]["path"] for r in got] == [t.key for t in batch.expand(["docs"])]
    dead = [r for r in got if "worker process" in r.get("error", "")]
    assert [r["source"]["path"] for r in dead] == ["docs/r2.txt"]
    assert sum("error" not in r for r in got) == 6  # 9 documents: 2 unreadable, 1 killed its worker


# ---------------------------------------------------------------- resume


def _spawn(args, cwd):
    # A process of its own, unlike the suite's other CLI runs: the point is to kill -9 it midway.
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "extractor", "batch", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_kill_9_midway_then_resume_equals_an_uninterrupted_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("many")
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in RELEASES]
    for i in range(48):  # documents big enough that the run lasts a while
        (folder / f"d{i:02}.txt").write_text("\n\n".join(texts[(i + k) % len(texts)] for k in range(3)),
                                             encoding="utf-8")
    batch.run(["many"], "reference.jsonl", jobs=1)
    reference = Path("reference.jsonl").read_bytes()
    total = reference.count(b"\n")
    assert total == 48

    out = Path("out.jsonl")
    proc = _spawn(["many", "--out", "out.jsonl", "--jobs", "2"], tmp_path)
    workers = []
    deadline = time.monotonic() + 120
    while _lines(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    try:
        import psutil

        workers = psutil.Process(proc.pid).children(recursive=True)
    except Exception:  # psutil comes with dask[distributed]; without it, skip the orphan check
        pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = _lines(out)
    assert 3 <= written < total, f"the run was not killed midway ({written} of {total} records)"
    # A torn last line (a write cut short) is what resume must clean up too.
    partial = reference.split(b"\n")[written][:50]
    with open(out, "ab") as f:
        f.write(partial)

    resumed = _spawn(["many", "--out", "out.jsonl", "--jobs", "2", "--resume"], tmp_path)
    stdout, stderr = resumed.communicate(timeout=180)
    assert resumed.returncode == 0, stderr.decode()
    assert out.read_bytes() == reference
    assert b"dropped an incomplete last line" in stderr
    if workers:  # the killed run's workers noticed their parent was gone and left
        import psutil

        _, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive


def test_resume_refuses_a_damaged_file_and_an_existing_file_needs_a_flag(docs, capsys):
    assert main(["batch", "docs/r0.txt", "--out", "out.jsonl", "-q"]) == 0
    assert main(["batch", "docs/r0.txt", "--out", "out.jsonl", "-q"]) == 2
    assert "--resume" in capsys.readouterr().err
    Path("bad.jsonl").write_text('not json\n{"schema_version":"1.0","source":{"path":"docs/r0.txt"},"error":"x"}\n')
    assert main(["batch", "docs", "--out", "bad.jsonl", "--resume", "-q"]) == 2
    assert "line 1 is not a prfacts record" in capsys.readouterr().err
    assert main(["batch", "docs/r0.txt", "--out", "out.jsonl", "--overwrite", "-q"]) == 0


def test_resume_over_other_inputs_is_refused(docs, capsys):
    assert main(["batch", "docs/sub", "--out", "out.jsonl", "-q"]) == 0  # a run over other inputs
    before = Path("out.jsonl").read_bytes()
    assert main(["batch", "docs", "--out", "out.jsonl", "--resume", "-q"]) == 2
    err = capsys.readouterr().err
    assert "out.jsonl: not resuming a run over other inputs (record 1 is for docs/sub/r1.txt, where these " \
           "inputs give docs/binary.txt)" in err and "--overwrite" in err
    assert main(["batch", "docs/r0.txt", "--out", "out.jsonl", "--resume", "-q"]) == 2
    assert "holds a record for docs/sub/r1.txt, which is not among these inputs" in capsys.readouterr().err
    assert Path("out.jsonl").read_bytes() == before  # refused: not a byte changed


def test_resume_with_documents_added_after_the_end_completes_the_run(docs):
    batch.run(["docs/r0.txt"], "out.jsonl", jobs=1)
    summary = batch.run(["docs/r0.txt", "docs/sub"], "out.jsonl", jobs=1, resume=True)
    assert keys(Path("out.jsonl")) == ["docs/r0.txt", "docs/sub/r1.txt", "docs/sub/r3.txt", "docs/sub/r5.txt"]
    assert summary.run.documents == 3 and summary.documents == 4
    batch.run(["docs/r0.txt", "docs/sub"], "fresh.jsonl", jobs=1)
    assert Path("fresh.jsonl").read_bytes() == Path("out.jsonl").read_bytes()


# ---------------------------------------------------------------- the budget of a document


def test_documents_over_the_size_budget_are_error_records(docs, capsys):
    assert main(["batch", "docs", "--out", "out.jsonl", "-q", "--jobs", "1", "--max-chars", "1000"]) == 0
    got = {r["source"]["path"]: r for r in records(Path("out.jsonl"))}
    assert len(got) == 9 and "error" not in got["docs/notes.html"]  # a small document is analysed
    assert got["docs/r0.txt"]["error"].startswith("docs/r0.txt: ")
    assert "characters, over the limit of 1,000 characters (--max-chars" in got["docs/r0.txt"]["error"]
    Path(".prfacts.toml").write_text("max-chars = 1000\n")  # the configuration of the current folder
    assert main(["batch", "docs", "--out", "cfg.jsonl", "-q", "--jobs", "1"]) == 0
    assert Path("cfg.jsonl").read_bytes() == Path("out.jsonl").read_bytes()




def test_a_document_that_never_ends_is_cut_off_and_the_run_goes_on(docs):
    import time

    (Path("house") / "quantities").mkdir(parents=True)
    (Path("house") / "quantities" / "slow.yaml").write_text(SLOW_RULE)
    Path("docs/r2.txt").write_text("Revenue was $5 million. " + "x" * 40 + "\n")
    started = time.monotonic()
    assert main(["batch", "docs", "--out", "out.jsonl", "-q", "--jobs", "2", "--rules-dir", "house",
                 "--timeout", "5"]) == 0  # 5 s: on a loaded machine a tiny release must still reach the rule
    # Without the timeout the rule never ends; with it the run ends in seconds, plus the workers' start, which on a
    # cold cache (the house rules' Hyperscan database built) and a busy 2-core machine is tens of seconds: the
    # bound tells a run that ends from one that hangs, not a fast machine from a slow one
    assert time.monotonic() - started < 120
    got = records(Path("out.jsonl"))
    assert [r["source"]["path"] for r in got] == [t.key for t in batch.expand(["docs"])]
    (slow,) = [r for r in got if r["source"]["path"] == "docs/r2.txt"]
    rule = (Path("house") / "quantities" / "slow.yaml").resolve()
    assert slow["error"] == (f"docs/r2.txt: analysis took longer than 5 s (--timeout, or timeout in the "
                             f"configuration), in user rule {rule} pattern 1 (its regex may backtrack without end)")
    assert sum("error" not in r for r in got) == 6  # the other releases and the HTML note


def test_a_worker_stuck_past_its_budget_is_stopped(docs, monkeypatch):
    """A worker the timer signal cannot reach (stuck in C code) is stopped by the parent, and the run goes on."""
    import time

    real = batch.analyze_doc

    def analyze_doc(doc, engine, limits):  # runs in the (forked) worker process
        if doc.key.endswith("r2.txt"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return real(doc, engine, limits)

    monkeypatch.setattr(pool, "analyze_doc", analyze_doc)
    monkeypatch.setattr(pool, "mp_context", lambda: __import__("multiprocessing").get_context("fork"))
    started = time.monotonic()
    batch.run(["docs"], "out.jsonl", jobs=2, limits=Budget(timeout=0.3))
    assert time.monotonic() - started < 20
    got = records(Path("out.jsonl"))
    assert [r["source"]["path"] for r in got] == [t.key for t in batch.expand(["docs"])]
    stuck = [r for r in got if "did not stop" in r.get("error", "")]
    assert [r["source"]["path"] for r in stuck] == ["docs/r2.txt"]
    assert stuck[0]["error"] == ("docs/r2.txt: analysis took longer than 0.3 s (--timeout) and did not stop; its "
                                 "worker process was stopped")
    assert sum("error" not in r for r in got) == 6


def test_a_slow_worker_start_is_no_documents_time(docs, monkeypatch):
    """A worker's start (on a cold cache it builds the Hyperscan databases) does not count against the first
    document's budget: the parent's clock for it starts once a worker answers."""
    real = pool._init_worker

    def slow_start(settings):  # runs in each (forked) worker before its first task
        real(settings)
        time.sleep(3)

    monkeypatch.setattr(pool, "_init_worker", slow_start)
    monkeypatch.setattr(pool, "mp_context", lambda: __import__("multiprocessing").get_context("fork"))
    batch.run(["docs"], "out.jsonl", jobs=2, limits=Budget(timeout=1))  # the parent steps in after 2 s
    got = records(Path("out.jsonl"))
    assert not [r for r in got if "did not stop" in r.get("error", "")]
    assert sum("error" not in r for r in got) == 7  # every release and the HTML note


def test_empty_folder_exclude_and_encoding_options(docs, capsys):
    Path("empty").mkdir()
    Path("docs/utf16.txt").write_bytes("Revenue rose 12% to $3.0 million.\n".encode("utf-16-le"))
    assert main(["batch", "empty", "docs", "--out", "out.jsonl", "-q", "-j", "1", "--exclude", "sub",
                 "--exclude", "r?.txt", "--encoding", "utf-16-le"]) == 0
    got = {r["source"]["path"]: r for r in records(Path("out.jsonl"))}
    assert list(got) == ["empty", "docs/binary.txt", "docs/gone.txt", "docs/notes.html", "docs/utf16.txt"]
    assert got["empty"]["error"].startswith("empty: no documents in this folder")
    assert got["docs/utf16.txt"]["source"]["encoding"] == "utf-16-le" and got["docs/utf16.txt"]["mentions"]


# ---------------------------------------------------------------- summary and report


def test_batch_summary_and_report_command(docs, capsys):
    assert main(["batch", "docs", "--out", "out.jsonl", "--jobs", "1", "--progress", "log"]) == 0
    err = capsys.readouterr().err
    assert "prfacts batch: 9/9 documents (100%)" in err  # plain log lines: stderr is not a terminal
    assert "documents/s" in err and "files with errors (2)" in err
    assert main(["report", "out.jsonl"]) == 0
    text = capsys.readouterr().out
    for word in ("documents", "mentions", "facts", "findings", "docs/binary.txt: binary file"):
        assert word in text
    assert main(["report", "out.jsonl", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 9 and data["analysed"] == 7
    assert [e["path"] for e in data["errors"]] == ["docs/binary.txt", "docs/gone.txt"]
    assert sum(data["mentions"].values()) == sum(len(r.get("mentions", [])) for r in records(Path("out.jsonl")))
    n_findings = sum(len(r.get("findings", [])) for r in records(Path("out.jsonl")))
    assert sum(sum(v.values()) for v in data["findings"].values()) + sum(data["suppressed"].values()) == n_findings
    assert main(["batch", "docs", "--out", "out.jsonl", "--resume", "-q", "--fail-on-error"]) == 1


# ---------------------------------------------------------------- Dask


def test_dask_engine_records_equal_the_local_engine(docs, tmp_path):
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    import dask.bag as db

    Path("s.txt").write_bytes(submission())
    inputs = ["docs", "s.txt"]
    batch.run(inputs, "local.jsonl", jobs=1)
    local = Path("local.jsonl").read_text(encoding="utf-8")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        batch.run(inputs, "dask.jsonl", engine="dask", scheduler=cluster.scheduler_address)
        assert Path("dask.jsonl").read_text(encoding="utf-8") == local
        with distributed.Client(cluster):
            # Bytes, as files are read: their records name the encoding they were decoded with.
            pairs = [(str(p), p.read_bytes()) for p in sorted(Path("docs").glob("r*.txt"))]
            lines = batch.dask_records(db.from_sequence(pairs, npartitions=3)).compute()
    by_key = {json.loads(line)["source"]["path"]: line for line in local.splitlines()}
    assert lines == [by_key[key] for key, _ in pairs]

