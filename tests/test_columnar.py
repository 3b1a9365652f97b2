"""`prfacts batch --format parquet`: four typed tables holding the JSON Lines records, resumable after kill -9,
the same on Dask, and the README's query over them."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import typing
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import REAL, ROOT, need_shared
from pydantic import BaseModel

from extractor import batch, models
from extractor.batch import columns
from extractor.reading import paths
from extractor.cli import main

CHECKS = ROOT / "corpus" / "checks"
RELEASES = sorted((ROOT / "corpus" / "releases").glob("*.txt"))
NOTE = "<html><body><p>Revenue rose 12% to $3.0 million from $2.7 million.</p></body></html>"


def part_files(out: Path, table: str) -> list[Path]:
    return sorted((out / table).glob("part-*.parquet"))


def load(out: Path) -> dict[str, list[dict]]:
    """Every table's rows, the parts read in order."""
    return {t: [row for f in part_files(out, t) for row in pq.read_table(f).to_pylist()] for t in columns.TABLES}


def shape(t) -> object:
    """A type without the names Parquet gives nested fields (`element`, a map's entries)."""
    if pa.types.is_list(t):
        return ("list", shape(t.value_type))
    if pa.types.is_map(t):
        return ("map", shape(t.key_type), shape(t.item_type))
    if pa.types.is_struct(t):
        return ("struct", tuple((f.name, shape(f.type)) for f in t))
    return str(t)


def described(schema) -> list[tuple]:
    return [(f.name, shape(f.type), f.metadata) for f in schema]


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def checks(tmp_path_factory):
    """The project's corpus/checks releases (and a missing file) as JSON Lines and as Parquet in parts of 7."""
    root = tmp_path_factory.mktemp("checks")
    inputs = [str(CHECKS), str(root / "missing.txt")]
    # One job: the tables are the point here; the worker pool's parquet output is the kill -9 test's.
    batch.run(inputs, str(root / "results.jsonl"), jobs=1)
    batch.run(inputs, str(root / "results"), jobs=1, format="parquet", chunk=7)
    return root


# ---------------------------------------------------------------- the tables


def test_tables_hold_every_record_exactly_and_typed(checks):
    records, out = jsonl(checks / "results.jsonl"), checks / "results"
    got = load(out)
    assert got == {t: table.to_pylist() for t, table in columns.to_tables(records).items()}
    assert len(part_files(out, "documents")) == -(-len(records) // 7)
    for table in columns.TABLES:
        for f in part_files(out, table):
            assert described(pq.read_schema(f)) == described(columns.schema(table))

    docs = got["documents"]
    assert [d["document"] for d in docs] == [r["source"]["path"] for r in records]
    assert [d["seq"] for d in docs] == list(range(len(records)))
    (missing,) = [d for d in docs if d["error"]]
    assert missing["error"] == f"{checks / 'missing.txt'}: no such file"
    assert all(v is None for k, v in missing.items() if k not in ("document", "seq", "error", "schema_version"))
    assert len(got["mentions"]) == sum(len(r.get("mentions", [])) for r in records) > 200
    assert len(got["findings"]) == sum(len(r.get("findings", [])) for r in records) > 10

    for m in got["mentions"]:  # the decimal beside each exact string is that string's value, never rounded
        if m["kind"] == "date":
            assert m["value_num"] is None
        else:
            exact = tuple(Decimal(m[k]) for k in ("value", "low", "high"))
            assert (m["value_num"], m["low_num"], m["high_num"]) == exact
    mention_ids = {(m["document"], m["id"]) for m in got["mentions"]}
    fact_ids = {(f["document"], f["id"]) for f in got["facts"]}
    assert all((f["document"], r["mention"]) in mention_ids for f in got["facts"] for r in f["roles"])
    assert all((x["document"], x["fact"]) in fact_ids for x in got["findings"] if x["fact"] is not None)


def test_column_types_decimals_offsets_and_vocabularies():
    for table in columns.TABLES:
        s = columns.schema(table)
        assert "float" not in str(described(s)) and "double" not in str(described(s))
        assert s.field("document").type == pa.string()
        assert all(s.field(n).type == pa.int64() for n in ("start", "end", "id") if n in s.names)
    assert columns.schema("mentions").field("value_num").type == pa.decimal128(38, 12)
    for table, name in (("mentions", "kind"), ("findings", "severity"), ("facts", "type"), ("findings", "rule")):
        assert pa.types.is_dictionary(columns.schema(table).field(name).type)
    assert columns._decimal("0.0040") == Decimal("0.0040") and columns._decimal("2024-Q4") is None
    assert columns._decimal("0." + "3" * 13) is None and columns._decimal("1" + "0" * 26) is None
    assert columns._decimal("9" * 26 + "." + "9" * 12) == Decimal("9" * 26 + "." + "9" * 12)


def _model_fields(model, prefix=()):
    """(path, model of a list's items or None) for every field of a pydantic model, nested models followed."""
    for name, info in model.model_fields.items():
        inner = [a for a in (info.annotation, *typing.get_args(info.annotation))
                 if isinstance(a, type) and issubclass(a, BaseModel)]
        if typing.get_origin(info.annotation) is list or not inner:
            yield prefix + (name,), inner[0] if inner else None
        else:
            yield from _model_fields(inner[0], prefix + (name,))


def test_every_field_of_the_fact_sheet_has_a_column():
    """A field added to the fact sheet must get a column: the tables hold everything the JSON Lines do."""
    for table, model, children in (("documents", models.FactSheet, {"mentions", "facts", "findings"}),
                                   ("documents", models.ErrorRecord, set()), ("mentions", models.Mention, set()),
                                   ("facts", models.Fact, set()), ("findings", models.Finding, set())):
        paths = {path: columns.schema(table).field(name).type for name, _, path, _ in columns.COLUMNS[table]}
        for path, item in _model_fields(model):
            if path[0] in children or path == ("source",):  # child tables; an error record's source is its key
                continue
            assert path in paths, f"{model.__name__}.{'.'.join(path)} has no column in {table}"
            if item is not None:  # a list of records: a list of structs with the same fields
                assert [f.name for f in paths[path].value_type] == list(item.model_fields), path


def test_the_docs_list_every_column_as_the_code_has_it():
    text = (ROOT / "docs" / "parquet.md").read_text(encoding="utf-8")
    documented = re.search(r"<!-- columns: python -m extractor.batch.columns -->\n(.*?)<!-- end columns -->", text, re.S)
    assert documented and documented.group(1) == columns.markdown()


def test_report_of_a_parquet_output_equals_the_report_of_its_jsonl_twin(checks, capsys):
    assert main(["report", str(checks / "results.jsonl"), "--format", "json"]) == 0
    from_jsonl = json.loads(capsys.readouterr().out)
    assert main(["report", str(checks / "results"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == from_jsonl
    # every release of corpus/checks and the missing file
    assert from_jsonl["documents"] == len(list(CHECKS.glob("*.txt"))) + 1 and len(from_jsonl["errors"]) == 1


def test_the_readme_query_finds_every_offering_whose_proceeds_do_not_match(checks, monkeypatch):
    duckdb = pytest.importorskip("duckdb")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Columnar output"):]
    query = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(checks)  # the query reads results/
    got = duckdb.sql(query).fetchall()

    expected = []  # the same question asked of the JSON Lines records
    for r in jsonl(checks / "results.jsonl"):
        facts = {f["id"]: f for f in r.get("facts", [])}
        mentions = {m["id"]: m for m in r.get("mentions", [])}
        for x in r.get("findings", []):
            fact = facts.get(x["fact"])
            if fact and fact["type"] in ("issuance", "issuance-tranches") and not x["suppressed"]:
                expected.append((r["metadata"]["issuer"], r["source"]["path"],
                                 mentions[fact["roles"]["proceeds"]]["text"], Decimal(x["expected"]), x["severity"]))
    assert got == sorted(expected, key=lambda row: (row[0], row[1]))
    assert [(Path(doc).name, proceeds, value) for _, doc, proceeds, value, _ in got] == [
        ("issuance-proceeds.bad.txt", "$1.0 million", Decimal("10000000")),
        ("issuance-tranches.bad.txt", "C$5.0 million", Decimal("7000000"))]


# ---------------------------------------------------------------- resume, overwrite, refusals


def _spawn(args, cwd):
    # A process of its own, unlike the suite's other CLI runs: the point is to kill -9 it midway.
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "extractor", "batch", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_kill_9_midway_then_resume_equals_an_uninterrupted_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("many")
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in RELEASES]
    for i in range(24):
        (folder / f"d{i:02}.txt").write_text("\n\n".join(texts[(i + k) % len(texts)] for k in range(3)),
                                             encoding="utf-8")
    args = ["many", "--format", "parquet", "--chunk-size", "2", "--jobs", "2"]
    batch.run(["many"], "reference", jobs=1, format="parquet", chunk=2)

    proc = _spawn([*args, "--out", "out"], tmp_path)
    deadline = time.monotonic() + 120
    while len(part_files(Path("out"), "documents")) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = len(part_files(Path("out"), "documents"))
    assert 2 <= finished < 12, f"the run was not killed midway ({finished} of 12 parts)"
    # What a kill inside a chunk leaves: some of its tables' parts in place, a temporary file.
    shutil.copy(Path("out/mentions/part-00000.parquet"), Path(f"out/mentions/part-{finished:05}.parquet"))
    Path(f"out/facts/.part-{finished:05}.parquet.tmp").write_bytes(b"PAR1 torn")
    kept = Path("out/documents/part-00000.parquet").stat().st_mtime_ns

    resumed = _spawn([*args, "--out", "out", "--resume"], tmp_path)
    _, stderr = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, stderr.decode()
    assert b"of an unfinished part left by an interrupted run" in stderr
    assert Path("out/documents/part-00000.parquet").stat().st_mtime_ns == kept  # finished parts are kept
    assert load(Path("out")) == load(Path("reference"))
    for table in columns.TABLES:  # the same chunks, so the same files
        assert [f.read_bytes() for f in part_files(Path("out"), table)] == \
               [f.read_bytes() for f in part_files(Path("reference"), table)]
    assert not list(Path("out").rglob(".*.tmp"))


def test_existing_output_needs_resume_or_overwrite_and_other_inputs_are_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("a").mkdir()
    Path("a/note.html").write_text(NOTE, encoding="utf-8")
    Path("b.html").write_text(NOTE, encoding="utf-8")
    parquet = ["--format", "parquet", "-q", "-j", "1"]
    assert main(["batch", "a", "--out", "out", *parquet]) == 0
    assert main(["batch", "a", "--out", "out", *parquet]) == 2
    assert "out holds batch output: --resume completes it, --overwrite starts it again" in capsys.readouterr().err
    before = {p: p.read_bytes() for p in Path("out").rglob("*.parquet")}
    assert main(["batch", "b.html", "--out", "out", "--resume", *parquet]) == 2
    assert "out: not resuming a run over other inputs (it holds a record for a/note.html" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in Path("out").rglob("*.parquet")} == before  # refused: untouched
    assert main(["batch", "a", "b.html", "--out", "out", "--resume", *parquet]) == 0  # a document added at the end
    assert [d["document"] for d in load(Path("out"))["documents"]] == ["a/note.html", "b.html"]
    assert main(["batch", "b.html", "--out", "out", "--overwrite", *parquet]) == 0
    assert [d["document"] for d in load(Path("out"))["documents"]] == ["b.html"]
    assert [p.name for p in part_files(Path("out"), "mentions")] == ["part-00000.parquet"]

    Path("out/documents/part-00000.parquet").rename("out/documents/part-00001.parquet")
    assert main(["batch", "b.html", "--out", "out", "--resume", *parquet]) == 2
    assert "out: documents part 0 is missing; not resuming over a damaged output" in capsys.readouterr().err
    Path("out/documents/part-00001.parquet").rename("out/documents/part-00000.parquet")
    Path("out/facts/part-00000.parquet").write_bytes(b"PAR1 not really")  # damaged by hand
    for argv in (["report", "out"], ["batch", "b.html", "--out", "out", "--resume", *parquet]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("prfacts: out/facts/part-00000.parquet: not a readable Parquet table of prfacts")
        assert err.count("\n") == 1


def test_outputs_prfacts_will_not_write(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("note.html").write_text(NOTE, encoding="utf-8")
    Path("mine").mkdir()
    Path("mine/thesis.docx").write_bytes(b"precious")
    Path("file.parquet").write_bytes(b"x")
    for out, flags, message in (
            ("mine", ["--overwrite"], "mine: holds 'thesis.docx', which prfacts did not write"),
            ("file.parquet", [], "file.parquet is a file: --format parquet writes a folder"),
            ("-", [], "--format parquet writes a folder: give --out OUT_DIR"),
            ("nowhere/out", [], "nowhere/out: no such folder")):
        assert main(["batch", "note.html", "--out", out, "--format", "parquet", "-q", *flags]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err, err
    assert Path("mine/thesis.docx").read_bytes() == b"precious"
    assert main(["batch", "note.html", "--out", "x.jsonl", "--chunk-size", "5", "-q"]) == 2
    assert "--chunk-size is for --format parquet" in capsys.readouterr().err
    assert main(["report", "mine"]) == 2
    assert "mine: a folder without prfacts tables" in capsys.readouterr().err


def test_runs_without_analysed_documents_still_write_four_readable_tables(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("empty").mkdir()
    Path("out").mkdir()  # an empty folder is a fine place to write
    summary = batch.run(["empty"], "out", jobs=1, format="parquet")
    got = load(Path("out"))
    assert [d["error"] for d in got["documents"]] == [f"empty: no documents in this folder (looked for "
                                                      f"{' '.join(g[1:] for g in paths.DEFAULT_INCLUDE)})"]
    assert got["mentions"] == got["facts"] == got["findings"] == [] and summary.documents == 1
    batch.run([], "none", jobs=1, format="parquet")
    assert load(Path("none")) == {t: [] for t in columns.TABLES}
    assert all(len(part_files(Path(out), t)) == 1 for t in columns.TABLES for out in ("out", "none"))


def test_without_pyarrow_parquet_is_one_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("note.html").write_text(NOTE, encoding="utf-8")
    Path("out/documents").mkdir(parents=True)
    monkeypatch.setattr(columns, "pa", None)
    assert main(["batch", "note.html", "--out", "new", "--format", "parquet", "-q"]) == 2
    assert capsys.readouterr().err == "prfacts: --format parquet needs pyarrow: pip install 'prfacts[parquet]'\n"
    assert not Path("new").exists()
    assert main(["report", "out"]) == 2
    assert "needs pyarrow" in capsys.readouterr().err
    assert main(["batch", "note.html", "--out", "x.jsonl", "-q"]) == 0  # JSON Lines needs no pyarrow


# ---------------------------------------------------------------- Dask, the real corpus


def test_dask_engine_writes_the_same_tables(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.chdir(tmp_path)
    inputs = [str(p) for p in RELEASES[:3]] + [str(CHECKS / "issuance-proceeds.bad.txt"), "missing.txt"]
    batch.run(inputs, "local", jobs=1, format="parquet", chunk=2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        batch.run(inputs, "dask", engine="dask", scheduler=cluster.scheduler_address, format="parquet", chunk=2)
    assert load(Path("dask")) == load(Path("local"))
    assert len(load(Path("dask"))["documents"]) == 5


def test_real_releases_load_with_pyarrow(tmp_path):
    need_shared(REAL)
    files = [e.path for e in paths.walk([str(REAL)])][::135][:12]  # a spread over the four sources
    summary = batch.run(files, str(tmp_path / "real"), jobs=2, format="parquet")
    tables = {t: pq.read_table(tmp_path / "real" / t) for t in columns.TABLES}  # a folder reads as one dataset
    assert tables["documents"].column("document").to_pylist() == files
    assert tables["documents"].column("error").null_count == 12 and not summary.errors
    assert tables["mentions"].num_rows == sum(summary.kinds.values()) > 100
    assert tables["facts"].num_rows == sum(summary.facts.values())
    keys = set(files)
    assert all(set(tables[t].column("document").to_pylist()) <= keys for t in columns.TABLES)
