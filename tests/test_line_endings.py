"""Every line ending and encoding a filing comes in reads as its UTF-8, LF twin (issue 11).

The same release, with LF, CRLF or CR line endings and encoded as UTF-8, UTF-8
with a byte-order mark, UTF-16 (LE and BE, with a byte-order mark) or cp1252,
gives the same facts and findings, through the library and through
`prfacts check`, at the line and column of each file's own lines; the sheet
says which encoding was read. Fenced tables in Markdown are read as tables.
"""

from __future__ import annotations

import io
import json
import re
import sys

import pytest

from extractor.cli import main
from extractor.reading.read import from_string, read_source

# A wrong table total, a wrong change in a sentence wrapped over two lines, curly apostrophes before
# the flagged figures (one byte in cp1252, three in UTF-8, two in UTF-16: columns count characters).
RELEASE = """ACME Corp Reports Third Quarter 2024 Results

NEW YORK, Nov. 12, 2024 (GLOBE NEWSWIRE) -- ACME Corp (NASDAQ: ACME) today reported the quarter’s results.
The company’s revenue grew 20% to $12.5 million
from $10.0 million a year earlier, driven by new products.

Segment revenue (in thousands):

| Segment | Q3 2024 | Q3 2023 |
|---|---|---|
| Products | 7,500 | 6,000 |
| Services | 5,000 | 4,000 |
| Total’s | 13,500 | 10,000 |

About ACME
ACME makes things.
"""

ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}
# encoding -> (how the file is written, what the sheet reports)
ENCODINGS = {
    "utf-8": (lambda t: t.encode("utf-8"), "utf-8"),
    "utf-8-bom": (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
    "utf-16-le": (lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be": (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16-be"),
    "cp1252": (lambda t: t.encode("cp1252"), "cp1252"),
}
VARIANTS = [(e, c) for e in ENDINGS for c in ENCODINGS]


def _write(tmp_path, text: str, ending: str, codec: str, suffix: str = ".txt"):
    path = tmp_path / f"{ending}-{codec}{suffix}"
    path.write_bytes(ENCODINGS[codec][0](text.replace("\n", ENDINGS[ending])))
    return path


def _file_lines(path, codec: str) -> list[str]:
    """The file's own lines, decoded the way it was written (any line ending ends a line)."""
    data = path.read_bytes()
    text = data.decode({"utf-8-bom": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(codec, codec))
    return re.split(r"\r\n|\r|\n", text)


def _result(sheet) -> dict:
    """Everything but the source record (path and encoding differ by design)."""
    return sheet.model_dump(exclude={"source"})


@pytest.fixture(scope="module")
def lf_sheet(engine):
    sheet = engine.analyze_source(from_string(RELEASE, "rel.txt"))
    assert {f.rule for f in sheet.findings if f.severity == "error"} == {"change-percent", "sum-total"}
    assert any(f.type == "change" for f in sheet.facts)
    return sheet


@pytest.mark.parametrize("ending,codec", VARIANTS)
def test_every_ending_and_encoding_gives_the_same_facts_and_findings(engine, lf_sheet, tmp_path, ending, codec):
    path = _write(tmp_path, RELEASE, ending, codec)
    source = read_source(str(path))
    assert source.text == RELEASE  # the analysed text is the LF, decoded one
    sheet = engine.analyze_source(source)
    assert sheet.source.encoding == ENCODINGS[codec][1]
    assert _result(sheet) == _result(lf_sheet)
    lines = _file_lines(path, codec)
    for f in sheet.findings:
        flagged = source.text[f.start:f.end]
        assert lines[f.line - 1][f.column - 1:].startswith(flagged), (f.rule, f.line, f.column)
        a, b = source.original_span(f.start, f.end)
        assert source.original[a:b] == flagged


FLAGGED = {"change-percent": "20%", "sum-total": "13,500"}


def _check_lines(capsys, path) -> list[tuple[str, int, int, str]]:
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    found = []
    for line in out.splitlines():
        m = re.match(r"^(.*):(\d+):(\d+): (\w+) ([\w-]+) ", line)
        assert m and m.group(1) == str(path), line
        found.append((m.group(5), int(m.group(2)), int(m.group(3)), m.group(4)))
    return found


def test_prfacts_check_gives_the_same_rules_at_each_files_own_lines(tmp_path, capsys):
    expected = _check_lines(capsys, _write(tmp_path, RELEASE, "lf", "utf-8"))
    assert {rule for rule, *_ in expected} >= {"change-percent", "sum-total"}
    for ending, codec in VARIANTS:
        path = _write(tmp_path, RELEASE, ending, codec)
        found = _check_lines(capsys, path)
        assert found == expected, (ending, codec)
        lines = _file_lines(path, codec)
        for rule, line, col, _ in found:
            if rule in FLAGGED:
                assert lines[line - 1][col - 1:].startswith(FLAGGED[rule]), (ending, codec, rule)


@pytest.mark.parametrize("codec", list(ENCODINGS))
def test_the_fact_sheet_names_the_encoding(tmp_path, capsys, codec):
    path = _write(tmp_path, RELEASE, "crlf", codec)
    assert main(["check", "--format", "json", str(path)]) == 1
    assert json.loads(capsys.readouterr().out)[0]["source"]["encoding"] == ENCODINGS[codec][1]


def test_stdin_is_decoded_and_normalised_too(engine, lf_sheet, monkeypatch):
    data = ENCODINGS["utf-16-le"][0](RELEASE.replace("\n", "\r\n"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    source = read_source("-", stdin_filename="drafts/rel.txt")
    assert source.encoding == "utf-16-le" and source.text == RELEASE
    assert _result(engine.analyze_source(source)) == _result(lf_sheet)


def test_encoding_override(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("caf\xe9 \x93quoted\x94\r\nRevenue 5%".encode("latin-1"))
    assert read_source(str(path)).text == "café “quoted”\nRevenue 5%"  # the guess: cp1252
    forced = read_source(str(path), encoding="latin-1")
    assert forced.encoding == "iso8859-1" and forced.text == "café \x93quoted\x94\nRevenue 5%"
    bare = tmp_path / "bare16.txt"
    bare.write_bytes("Revenue 5%\r\n".encode("utf-16-le"))  # no byte-order mark: only an override reads it
    assert read_source(str(bare), encoding="utf-16-le").text == "Revenue 5%\n"


def test_cp1252_bytes_it_leaves_undefined_still_read(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Revenue \x81 grew 5%\x92")
    source = read_source(str(path))
    assert source.encoding == "cp1252" and source.text == "Revenue \x81 grew 5%’"


def test_mixed_and_lone_cr_positions():
    original = "a\r\nb\rc\nd\r\n\r\ne 5%"
    source = from_string(original, "x.txt")
    assert source.text == "a\nb\nc\nd\n\ne 5%"
    for i, ch in enumerate(source.text):
        line, col = source.line_col(i)
        own = re.split(r"\r\n|\r|\n", original)[line - 1]
        assert (own + "\n")[col - 1] == ch
    assert source.line_col(source.text.index("5%")) == (6, 3)


# ---------------------------------------------------------------- Markdown and HTML with CRLF and CR

HTML = """<html><body>
<p>The company&rsquo;s revenue grew <b>20%</b> to $12.5 million
from $10.0 million a year earlier.</p>
<pre>
(In thousands)
                      Q3 2024     Q3 2023
Products                7,500       6,000
Services                5,000       4,000
Total                  13,500      10,000
</pre>
</body></html>
"""


@pytest.mark.parametrize("ending", ["crlf", "cr"])
@pytest.mark.parametrize("suffix,text", [(".html", HTML), (".md", "**Revenue** " + RELEASE)])
def test_markdown_and_html_read_every_line_ending_alike(engine, tmp_path, ending, suffix, text):
    lf = engine.analyze_source(from_string(text, "x" + suffix))
    assert {f.rule for f in lf.findings} >= {"change-percent"}
    path = _write(tmp_path, text, ending, "utf-8", suffix)
    source = read_source(str(path))
    sheet = engine.analyze_source(source)
    assert _result(sheet) == _result(lf)
    lines = _file_lines(path, "utf-8")
    for f in sheet.findings:
        a, b = source.original_span(f.start, f.end)
        printed = source.original[a:b]
        assert printed and lines[f.line - 1][f.column - 1:].startswith(printed)


# ---------------------------------------------------------------- fenced tables in Markdown

FENCED = """# ACME reports

ACME Corp reported its segment results.

{fence}text
(In thousands)
                      Q3 2024     Q3 2023
Products                7,500       6,000
Services                5,000       4,000
Total                  13,500      10,000
{close}

A `code` span and *emphasis* after the table.
"""


@pytest.mark.parametrize("fence,close", [("```", "```"), ("  ~~~~", "~~~~~"), ("````", "````")])
@pytest.mark.parametrize("ending", ["lf", "crlf"])
def test_a_fenced_table_in_markdown_is_read(engine, tmp_path, fence, close, ending):
    path = _write(tmp_path, FENCED.format(fence=fence, close=close), ending, "utf-8", ".md")
    source = read_source(str(path))
    sheet = engine.analyze_source(source)
    assert [t.format for t in sheet.tables] == ["fixed"]
    (total,) = [f for f in sheet.findings if f.rule == "sum-total"]
    assert source.text[total.start:total.end] == "13,500" and (total.line, total.column) == (10, 24)
    assert "`code`" not in source.text and "*emphasis*" not in source.text  # markup outside is still blanked


@pytest.mark.parametrize("suffix,text", [(".html", HTML), (".md", FENCED.format(fence="```", close="```")),
                                         (".txt", RELEASE)])
def test_every_offset_maps_where_its_lf_twin_does(suffix, text):
    """The CRLF map is the LF map moved by one character per line break before the position."""
    lf = from_string(text, "x" + suffix)
    crlf = from_string(text.replace("\n", "\r\n"), "x" + suffix)
    assert crlf.text == lf.text
    for i in range(len(lf.text)):
        pos = lf.to_original(i)
        assert crlf.to_original(i) == pos + text.count("\n", 0, pos)
        assert crlf.line_col(i) == lf.line_col(i)
