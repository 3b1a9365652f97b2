"""One path walker for `check`, `extract` and `batch`; `extract` over folders, with the budget, without tracebacks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractor import batch
from extractor.reading import paths
from extractor.cli import main

ROOT = Path(__file__).resolve().parent.parent
RELEASE = "BOSTON, Feb. 12, 2025 -- Revenue rose 12.5% to $48.2 million from $42.8 million.\n"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A folder whose sorted paths differ from a walk's visiting order (`a/b-c.txt` < `a/b/c.txt` < `a/b.txt`)."""
    monkeypatch.chdir(tmp_path)
    for name in ("a/z.txt", "a/b.txt", "a/b/c.txt", "a/b-c.txt", "a/B.md", "a/README.md", "a/LICENCE",
                 "a/.hidden.txt", "a/.git/x.txt", "a/notes.csv"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(RELEASE, encoding="utf-8")
    return Path("a")


ORDER = ["a/B.md", "a/b-c.txt", "a/b.txt", "a/b/c.txt", "a/z.txt"]


def test_one_order_for_check_extract_and_batch(tree, capsys):
    assert [e.path for e in paths.walk(["a", "a/z.txt"])] == ORDER  # a file reached twice is taken once
    assert [t.key for t in batch.expand(["a"])] == ORDER
    assert main(["extract", "a", "--format", "jsonl"]) == 0
    assert [json.loads(line)["source"]["path"] for line in capsys.readouterr().out.splitlines()] == ORDER
    assert main(["check", "a", "--format", "json"]) == 0
    assert [sheet["source"]["path"] for sheet in json.loads(capsys.readouterr().out)] == ORDER
    assert main(["batch", "a", "--out", "out.jsonl", "-q", "-j", "1"]) == 0
    assert [json.loads(line)["source"]["path"] for line in Path("out.jsonl").read_text().splitlines()] == ORDER


def test_walker_errors_name_the_path():
    assert paths.walk(["missing.txt", "nomatch/*.md", "-"]) == [
        paths.Entry("missing.txt", "missing.txt: no such file"),
        paths.Entry("nomatch/*.md", "nomatch/*.md: no file matches this pattern"),
        paths.Entry("-")]


def test_no_second_walker_in_the_package():
    """Folders are walked in one place: no other module lists folders or expands globs."""
    for module in sorted((ROOT / "extractor").rglob("*.py")):
        if module.name == "paths.py":
            continue
        text = module.read_text(encoding="utf-8")
        for call in ("os.walk(", "glob.glob(", ".rglob(", "os.scandir(", "os.listdir("):
            assert call not in text, f"{module.name} calls {call} (use extractor.reading.paths.walk)"


def test_extract_reports_each_bad_input_and_goes_on(tree, capsys):
    Path("big.txt").write_text("x" * 2000 + "\n", encoding="utf-8")
    Path("empty").mkdir()
    code = main(["extract", "big.txt", "empty", "a/z.txt", "--max-chars", "1000", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err
    assert [json.loads(line)["source"]["path"] for line in out.splitlines()] == ["a/z.txt"]
    assert err.splitlines() == [
        "prfacts: big.txt: 2,001 characters, over the limit of 1,000 characters (--max-chars, or max-chars in "
        "the configuration)",
        "prfacts: empty: no documents in this folder (looked for .txt .md .markdown .html .htm .xhtml .docx)"]


def test_extract_cuts_off_a_user_rule_that_never_ends(tree, capsys):
    (Path("house") / "quantities").mkdir(parents=True)
    (Path("house") / "quantities" / "slow.yaml").write_text(
        "id: slow-count\nkind: number\ndescription: backtracks\npatterns: ['(?:x|xx)+y|Revenue']\n", encoding="utf-8")
    # (it can match, "Revenue", so no prefilter spares the scan that backtracks on the x's)
    # a budget well above the ordinary work, so the clock runs out inside the rule (on a loaded machine too)
    Path(".prfacts.toml").write_text('rules-dirs = ["house"]\ntimeout = 2\n', encoding="utf-8")
    Path("hostile.txt").write_text("Revenue was $5 million. " + "x" * 40 + "\n", encoding="utf-8")
    code = main(["extract", "hostile.txt", "a/z.txt", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 2 and len(out.splitlines()) == 1
    assert err.startswith("prfacts: hostile.txt: analysis took longer than 2 s") and "slow.yaml pattern 1" in err


def test_extract_json_is_an_array_for_one_file_or_a_folder(tree, capsys):
    assert main(["extract", "a/z.txt"]) == 0
    assert [s["source"]["path"] for s in json.loads(capsys.readouterr().out)] == ["a/z.txt"]
    os.remove("a/b/c.txt")
    assert main(["extract", "a/b"]) == 2  # now an empty folder: said, not skipped
    assert "a/b: no documents in this folder" in capsys.readouterr().err
