"""One engine: the same files give the same findings through `check`, `extract`, `batch` and the API.

The files: a .txt, a .md with a table, an .html, an EDGAR full submission whose EX-99.1 HTML exhibit
has a table total that is wrong, a .txt with a suppression comment, and a folder whose `.prfacts.toml`
ignores a rule and changes a severity. Every door must apply the configuration of the file's folder,
the suppression comments and the EDGAR split, and give the same rule, severity, span, suppressed flag
and message.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

import extractor
from extractor.cli import main

RELEASE = """\
Acme Corp Announces Conversion

NEW YORK, Tuesday, March 17, 2025 /PRNewswire/ -- Acme Corp (NASDAQ: ACME) announced today a conversion.

{comment}The conversion price of $0.0040 per share represents a premium of 444% to the closing bid price of $0.0009.
"""

TABLE_MD = """\
# Acme Corp reports results

NEW YORK, March 3, 2025 -- Acme Corp reported its revenue (in thousands):

| | 2024 | 2023 |
|---|---|---|
| Product revenue | 1,200 | 1,000 |
| Service revenue | 300 | 250 |
| Total revenue | 1,500 | 1,520 |
"""

PAGE_HTML = """\
<html><body>
<p>NEW YORK, March 3, 2025 -- Acme Corp announced a private placement.</p>
<p>The purchase price of $1.38 per share represents a premium of <b>120%</b> to the closing bid price of $1.15.</p>
</body></html>
"""

EXHIBIT = """\
<html><body>
<p>NEW YORK, March 3, 2025 -- Acme Corp reported its revenue (in thousands).</p>
<table>
<tr><td></td><td>2024</td><td>2023</td></tr>
<tr><td>Product revenue</td><td>1,200</td><td>1,000</td></tr>
<tr><td>Service revenue</td><td>300</td><td>250</td></tr>
<tr><td>Total revenue</td><td>1,500</td><td>1,520</td></tr>
</table>
</body></html>
"""

# The main form holds a figure a plain-text reading would flag; only the press-release exhibit is read.
SUBMISSION = f"""\
<SEC-DOCUMENT>0000950170-25-000001.txt : 20250303
<SEC-HEADER>0000950170-25-000001.hdr.sgml : 20250303
CONFORMED SUBMISSION TYPE:	8-K
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>form8-k.htm
<TEXT>
<html><body><p>The price of $0.0040 per share represents a premium of 444% to the bid price of $0.0009.</p></body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex99-1.htm
<DESCRIPTION>PRESS RELEASE
<TEXT>
{EXHIBIT}</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""

CONFIG = 'ignore = ["date-weekday"]\nseverity = { premium-discount = "warning" }\n'

INPUTS = ["release.txt", "table.md", "page.html", "filing.txt", "suppressed.txt", "configured"]
EXHIBIT_KEY = "filing.txt#2/ex99-1.htm"

# What each document must give, whatever the door: (rule, severity, line, column, suppressed).
EXPECTED = {
    "release.txt": [("date-weekday", "error", 3, 11, False), ("premium-discount", "error", 5, 67, False)],
    "table.md": [("sum-total", "error", 9, 27, False)],
    "page.html": [("premium-discount", "error", 3, 69, False)],  # at "120%", inside the <b>
    EXHIBIT_KEY: [("sum-total", "error", 7, 45, False)],
    "suppressed.txt": [("date-weekday", "error", 3, 11, False), ("premium-discount", "error", 6, 67, True)],
    "configured/release.txt": [("premium-discount", "warning", 5, 67, False)],
}


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("release.txt").write_text(RELEASE.format(comment=""), encoding="utf-8")
    Path("suppressed.txt").write_text(
        RELEASE.format(comment="<!-- prfacts-disable-next-line premium-discount -->\n"), encoding="utf-8")
    Path("table.md").write_text(TABLE_MD, encoding="utf-8")
    Path("page.html").write_text(PAGE_HTML, encoding="utf-8")
    Path("filing.txt").write_text(SUBMISSION, encoding="utf-8")
    Path("configured").mkdir()
    shutil.copy("release.txt", "configured/release.txt")
    Path("configured/.prfacts.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def _findings(sheets) -> dict[str, list[tuple]]:
    """Each document's findings, as every door must agree on them."""
    return {s["source"]["path"]: sorted((f["rule"], f["severity"], f["start"], f["end"], f["line"], f["column"],
                                         f["suppressed"], f["message"]) for f in s["findings"])
            for s in sheets}


def _check(capsys, *argv) -> dict:
    code = main(["check", "--format", "json", *argv])
    out = capsys.readouterr().out
    assert code == 1
    return _findings(json.loads(out))


def _extract(capsys, *argv) -> dict:
    assert main(["extract", *argv]) == 0
    return _findings(json.loads(capsys.readouterr().out))


def _batch(capsys, *argv, jobs: str = "2") -> dict:
    assert main(["batch", *argv, "-o", "out.jsonl", "-q", "--overwrite", "--jobs", jobs]) == 0
    capsys.readouterr()
    records = [json.loads(line) for line in Path("out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert not [r for r in records if "error" in r]
    return _findings(records)


def test_every_door_gives_the_same_findings(files, capsys):
    checked = _check(capsys, *INPUTS)
    # The expected findings, in the documents as each door names them.
    assert list(checked) == ["release.txt", "table.md", "page.html", EXHIBIT_KEY, "suppressed.txt",
                             "configured/release.txt"]
    assert {k: [(f[0], f[1], f[4], f[5], f[6]) for f in v] for k, v in checked.items()} == EXPECTED
    assert _extract(capsys, *INPUTS) == checked
    assert _batch(capsys, *INPUTS) == checked
    assert _batch(capsys, *INPUTS, jobs="1") == checked
    assert main(["check", "--format", "jsonl", *INPUTS]) == 1  # a batch record is the sheet check prints
    assert capsys.readouterr().out == Path("out.jsonl").read_text(encoding="utf-8")
    api = [sheet.model_dump(mode="json") for path in ["release.txt", "table.md", "page.html", "filing.txt",
                                                      "suppressed.txt", "configured/release.txt"]
           for sheet in extractor.check_file(path)]
    assert _findings(api) == checked
    in_memory = [extractor.check_text(Path(p).read_text(encoding="utf-8"), p).model_dump(mode="json")
                 for p in EXPECTED if "#" not in p]
    assert _findings(in_memory) == {k: v for k, v in checked.items() if "#" not in k}


def test_exhibit_positions_are_inside_the_exhibit(files, capsys):
    assert main(["check", "filing.txt"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{EXHIBIT_KEY}:7:45: error sum-total 1,520 should be 1,250")
    assert EXHIBIT.splitlines()[6][44:].startswith("1,520")
    assert "premium-discount" not in out  # the main 8-K form is not a press release
    before = Path("filing.txt").read_bytes()
    assert main(["check", "--fix", "filing.txt"]) == 1
    assert Path("filing.txt").read_bytes() == before
    assert capsys.readouterr().err == (f"prfacts: {EXHIBIT_KEY}: 1 fix not applied: an exhibit of an EDGAR "
                                       "submission is not edited in place\n")


def test_a_folder_with_a_bad_configuration_is_one_error_and_the_rest_go_on(files, capsys):
    Path("configured/.prfacts.toml").write_text('ignore = ["date-wekday"]\n', encoding="utf-8")
    assert main(["check", "configured", "table.md"]) == 2
    out, err = capsys.readouterr()
    assert out.startswith("table.md:9:27: error sum-total")
    assert err.startswith("prfacts: ") and "configured/.prfacts.toml: ignore: no rule matches 'date-wekday'" in err
    assert main(["batch", "configured", "table.md", "-o", "out.jsonl", "-q", "--jobs", "1"]) == 0
    bad, good = [json.loads(line) for line in Path("out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert bad["source"]["path"] == "configured/release.txt" and "no rule matches 'date-wekday'" in bad["error"]
    assert good["source"]["path"] == "table.md" and good["findings"][0]["rule"] == "sum-total"


def test_configuration_and_suppressions_decide_the_exit_status(files, capsys):
    assert main(["check", "configured"]) == 0  # its finding is a warning there
    assert main(["check", "configured", "--fail-on", "warning"]) == 1
    assert main(["check", "suppressed.txt", "--ignore", "date-weekday"]) == 0  # what is left is suppressed
    (sheet,) = extractor.check_file("release.txt", config="configured/.prfacts.toml")
    assert [(f.rule, f.severity) for f in sheet.findings] == [("premium-discount", "warning")]


def test_json_is_an_array_for_one_file_and_jsonl_one_line_each(files, capsys):
    assert main(["check", "--format", "json", "table.md"]) == 1
    (sheet,) = json.loads(capsys.readouterr().out)
    assert sheet["source"]["path"] == "table.md"
    assert main(["check", "--format", "jsonl", "table.md", "release.txt"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == ["table.md", "release.txt"]


def test_rules_dir_for_check_extract_and_batch(files, capsys):
    from test_rules_cli import USER_CHECK

    (files / "house" / "checks").mkdir(parents=True)
    (files / "house" / "checks" / "fee.yaml").write_text(textwrap.dedent(USER_CHECK.format(expected="7")),
                                                         encoding="utf-8")
    Path("fee.txt").write_text("The agent received $70,000, representing 9% of the $1,000,000 raised.\n",
                               encoding="utf-8")
    rules = lambda found: sorted({f[0] for f in found["fee.txt"]})  # noqa: E731
    assert "fee-share" not in rules(_check(capsys, "fee.txt"))
    with_rules = _check(capsys, "fee.txt", "--rules-dir", "house")
    assert "fee-share" in rules(with_rules)
    assert _extract(capsys, "fee.txt", "--rules-dir", "house") == with_rules
    assert _batch(capsys, "fee.txt", "--rules-dir", "house", jobs="1") == with_rules
    assert main(["check", "fee.txt", "--rules-dir", "nowhere"]) == 2
    assert capsys.readouterr().err == "prfacts: nowhere: no such rules folder (--rules-dir)\n"


def test_select_and_ignore_on_every_command(files, capsys):
    ignored = _check(capsys, "release.txt", "--ignore", "date-weekday")
    assert [f[0] for f in ignored["release.txt"]] == ["premium-discount"]
    assert _extract(capsys, "release.txt", "--ignore", "date-weekday") == ignored
    assert _batch(capsys, "release.txt", "--select", "premium", jobs="1") == ignored
