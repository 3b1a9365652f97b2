"""Reading drafts: .txt as is, .md with markup blanked in place, .html through a real parser,
stdin with --stdin-filename; every analysed offset maps back to the original line and column."""

from __future__ import annotations

import io
import re
import sys

import pytest

from extractor.reading.markdown import strip_markdown
from extractor.reading.read import from_string, read_source
from extractor.reading.source import InputError

from conftest import SEED


def _at(original: str, line: int, col: int) -> str:
    return re.split(r"\r\n|\r|\n", original)[line - 1][col - 1:]


MD = """# Ascent *Solar* converts

Upon conversion, **the Company** issued [750M shares](http://example.com/a_b?x=1) of stock.
- The fixed price represents a _premium_ of 444% to the bid of `$0.0009`.
> Quoted: 19.15% of the total.
<!-- prfacts-disable premium-discount -->
snake_case_word and 3 * 4 and file_name_2020.txt stay as they are.

```
Revenue      1,191.1    __not_emphasis__
```
"""


def test_markdown_blanks_markup_in_place():
    text = strip_markdown(MD)
    assert len(text) == len(MD)
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(MD) if c == "\n"]
    lines = text.split("\n")
    assert lines[0].strip() == "Ascent  Solar  converts"
    assert "750M shares" in lines[2] and "http" not in lines[2] and "**" not in lines[2]
    assert lines[3].strip().startswith("The fixed price") and "_premium_" not in lines[3] and "`" not in lines[3]
    assert lines[4].strip().startswith("Quoted")
    assert lines[5].strip() == ""  # the comment is not analysed (suppressions are read from the original)
    assert "snake_case_word" in lines[6] and "3 * 4" in lines[6] and "file_name_2020.txt" in lines[6]
    assert "__not_emphasis__" in lines[9]  # code fences are kept as they are
    assert lines[8] == lines[10] == "```"  # and so are their fences: the document stage reads the table


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("needle", ["750M shares", "444%", "$0.0009", "19.15%", "1,191.1"])
def test_markdown_positions_are_the_original_ones(needle, eol):
    md = MD.replace("\n", eol)
    src = from_string(md, "x.md")
    assert src.format == "markdown" and src.text == strip_markdown(MD)
    start = src.text.index(needle)
    line, col = src.line_col(start)
    assert _at(md, line, col).startswith(needle)
    assert src.original_span(start, start + len(needle)) == (md.index(needle), md.index(needle) + len(needle))


HTML = """<!DOCTYPE html>
<html><head><title>Not text 99%</title><style>p { margin: 0 }</style>
<script>var x = "12%";</script></head>
<body>
<h1>Ascent &amp; Solar</h1>
<!-- prfacts-disable-next-line -->
<p>The fixed price of $0.0040 per share represents
   a significant premium of <b>444&#37;</b> to the bid of&nbsp;$0.0009.</p>
<table>
  <tr><th>Item</th><th>2024</th></tr>
  <tr><td>Revenue</td><td>1,191.1</td></tr>
  <tr><td>Net&nbsp;loss</td><td>(3.2)</td></tr>
</table>
<p>Caf&eacute; line<br>next 12.5%</p>
</body></html>
"""


def test_html_text_blocks_and_tables():
    src = from_string(HTML, "x.html")
    assert src.format == "html"
    assert "99%" not in src.text and "12%" not in src.text and "margin" not in src.text
    assert "prfacts-disable" not in src.text
    assert src.text.startswith("Ascent & Solar\n\nThe fixed price")
    assert "premium of 444% to the bid of $0.0009." in src.text
    assert "| Item | 2024 |\n| Revenue | 1,191.1 |\n| Net loss | (3.2) |" in src.text
    assert "Café line\nnext 12.5%" in src.text


EDGAR_TABLE = """<html><body><p>(in thousands, except per share data)</p><table>
<tr><td></td><td colspan="3">Three Months Ended December 31,</td><td colspan="3">Year Ended December 31,</td></tr>
<tr><td></td><td colspan="2">2024</td><td>2023</td><td colspan="2">2024</td><td>2023</td></tr>
<tr><td>Revenue</td><td>$</td><td>412,905</td><td>$ 398,000</td><td>$</td><td>1,612,300</td><td>$ 1,500,000</td></tr>
<tr><td>Net loss per share</td><td>$</td><td>(0.12</td><td>(0.10)</td><td>$</td><td>(0.45</td><td>(0.40)</td></tr>
</table></body></html>"""


def test_html_colspans_keep_headers_over_their_figures(engine):
    src = from_string(EDGAR_TABLE, "x.html")
    got = {m.text: m for m in engine.analyze(src.text).mentions if m.cell}
    assert got["412,905"].cell.column_path == "Three Months Ended December 31, > 2024"
    assert got["1,612,300"].cell.column_path == "Year Ended December 31, > 2024"
    assert got["1,500,000"].cell.column_path == "Year Ended December 31, > 2023"
    assert (got["412,905"].kind, got["412,905"].value) == ("money", "412905000")
    assert (got["(0.45"].kind, got["(0.45"].value) == ("price", "-0.45")


@pytest.mark.parametrize("needle,printed", [
    ("$0.0040", "$0.0040"), ("444%", "444&#37;"), ("$0.0009", "$0.0009"), ("1,191.1", "1,191.1"),
    ("(3.2)", "(3.2)"), ("12.5%", "12.5%"), ("Café", "Caf&eacute;"), ("Ascent & Solar", "Ascent &amp; Solar"),
])
@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_html_positions_map_to_the_source(needle, printed, eol):
    page = HTML.replace("\n", eol)
    src = from_string(page, "x.html")
    assert src.text == from_string(HTML, "x.html").text
    start = src.text.index(needle)
    line, col = src.line_col(start)
    assert _at(page, line, col).startswith(printed)
    a, b = src.original_span(start, start + len(needle))
    assert page[a:b] == printed


def test_read_source_errors_name_the_file(tmp_path):
    with pytest.raises(InputError, match=r"^missing\.txt: no such file$"):
        read_source("missing.txt")
    with pytest.raises(InputError, match=r"is a directory"):
        read_source(str(tmp_path))
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match=r"bin\.txt: binary file"):
        read_source(str(tmp_path / "bin.txt"))
    (tmp_path / "odd.txt").write_bytes(b"\xff\xfeA\x00B")  # UTF-16 cut off in the middle of a character
    with pytest.raises(InputError, match=r"odd\.txt: not valid utf-16-le \(byte 0x42 at offset 4\)"):
        read_source(str(tmp_path / "odd.txt"))
    (tmp_path / "nobom.txt").write_bytes("Revenue 5%".encode("utf-16-le"))
    with pytest.raises(InputError, match=r"nobom\.txt: binary file .*byte-order mark"):
        read_source(str(tmp_path / "nobom.txt"))
    with pytest.raises(InputError, match=r"nobom\.txt: unknown encoding 'klingon'"):
        read_source(str(tmp_path / "nobom.txt"), encoding="klingon")


def test_bom_and_crlf(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffLine one\r\nA premium of 444%.\r\n".encode("utf-8"))
    src = read_source(str(p))
    assert src.text == "Line one\nA premium of 444%.\n" and src.encoding == "utf-8-sig"
    assert src.original == "Line one\r\nA premium of 444%.\r\n"
    assert src.line_col(src.text.index("444%")) == (2, 14)


def test_stdin_with_a_filename_picks_the_reader(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML.encode("utf-8"))))
    src = read_source("-", stdin_filename="drafts/x.htm")
    assert src.path == "drafts/x.htm" and src.format == "html" and "444%" in src.text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00")))
    with pytest.raises(InputError, match=r"^<stdin>: binary file"):
        read_source("-")


def test_markdown_seed_gives_the_plain_texts_mentions_at_the_same_places(engine):
    text = SEED.read_text(encoding="utf-8")
    md = text.replace("As a result of the conversion", "**As a result of the conversion**", 1).replace("444%", "*444%*")
    plain = engine.analyze_source(from_string(text, "seed.txt"))
    marked_src = from_string(md, "seed.md")
    marked = engine.analyze_source(marked_src)
    assert [(m.kind, m.text, m.value) for m in marked.mentions] == [(m.kind, m.text, m.value) for m in plain.mentions]
    for m in marked.mentions:
        line, col = marked_src.line_col(m.start)
        assert _at(md, line, col).startswith(m.text)
