"""Extraction end to end: the seed's acceptance facts, tables, non-quantities."""

import json

import pytest

from conftest import SEED


def by_kind(sheet, kind):
    return [(m.text, m.value) for m in sheet.mentions if m.kind == kind]


@pytest.fixture(scope="module")
def seed_sheet(engine):
    return engine.analyze(SEED.read_text(encoding="utf-8"), str(SEED))


def test_seed_quantities(seed_sheet):
    s = seed_sheet
    assert by_kind(s, "money") == [("$3.0M", "3000000"), ("$6.2M", "6200000")]
    assert by_kind(s, "price") == [("$0.0040", "0.0040"), ("$1,000", "1000"), ("$0.0040", "0.0040"),
                                   ("$0.0009", "0.0009")]
    assert by_kind(s, "shares") == [("3,000", "3000"), ("750M", "750000000"), ("1,550M", "1550000000")]
    assert by_kind(s, "percent") == [("19.15%", "19.15"), ("444%", "444")]
    dates = by_kind(s, "date")
    assert ("08/01/17", "2017-08-01") in dates and ("February 8, 2017", "2017-02-08") in dates
    series_k = next(m for m in s.mentions if m.text == "3,000")
    assert series_k.subject == "Series K Convertible Preferred Stock"
    money = next(m for m in s.mentions if m.text == "$3.0M")
    assert (money.low, money.high, money.currency) == ("2950000", "3050000", "USD")


def test_seed_metadata(seed_sheet):
    meta = seed_sheet.metadata
    assert meta.issuer == "Brightfield Thin-Film Power, Inc."
    assert [t.symbol for t in meta.tickers] == ["BTFP"]
    assert meta.aliases["Kowloon Harbor"] == "Kowloon Harbor Capital Limited"
    assert meta.dateline_date == "2017-08-01" and meta.wire == "Marketwired"


def test_seed_non_quantities(seed_sheet):
    text = SEED.read_text(encoding="utf-8")
    for phrase in ("ISO 9001:2015", "4800 Quarry Ridge Road", "CO 80403", "+1-720-555-0187", "www.brightfieldtfp.com"):
        start = text.index(phrase)
        end = start + len(phrase)
        assert not [m for m in seed_sheet.mentions if m.start < end and m.end > start], phrase


def test_offsets_index_the_text(seed_sheet):
    text = SEED.read_text(encoding="utf-8")
    for m in seed_sheet.mentions:
        assert text[m.start : m.end] == m.text


def test_table_cells_are_scaled_and_labelled(engine):
    text = ("ACME REPORTS RESULTS\n\n(In millions of dollars except per share data)\n\n"
            "| | Q4 2024 | Q4 2023 |\n|---|---|---|\n| Revenue | $1,191.1 | $1,050.0 |\n"
            "| Net loss | (12.5) | — |\n| Diluted EPS | $(0.42) | $0.10 |\n| Gross margin | 41.2% | 39.0% |\n")
    sheet = engine.analyze(text)
    cells = {(m.cell.row_label, m.cell.column_header): m for m in sheet.mentions if m.cell}
    rev = cells[("Revenue", "Q4 2024")]
    assert (rev.kind, rev.value, rev.currency) == ("money", "1191100000", "USD")
    loss = cells[("Net loss", "Q4 2024")]
    assert loss.value == "-12500000"
    assert ("Net loss", "Q4 2023") not in cells  # a dash is nil
    eps = cells[("Diluted EPS", "Q4 2024")]
    assert (eps.kind, eps.value) == ("price", "-0.42")
    assert cells[("Gross margin", "Q4 2024")].kind == "percent"
    assert sheet.tables[0].unit_note.startswith("(In millions")


@pytest.mark.parametrize(
    "text,kind,value",
    [
        ("raised US$1.23 billion", "money", "1230000000"),
        ("a EUR 12m loan", "money", "12000000"),
        ("closed on Feb. 12, 2025", "date", "2025-02-12"),
        ("on 6 February 2025", "date", "2025-02-06"),
        ("for the first half of 2025", "date", "2025-H1"),
        ("a 1-for-10 reverse split", "ratio", "0.1"),
    ],
)
def test_examples_of_each_kind(engine, text, kind, value):
    sheet = engine.analyze(text)
    assert [(m.kind, m.value) for m in sheet.mentions] == [(kind, value)]


def test_cli_extract_json_and_jsonl(tmp_path, prfacts):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Revenue rose 12% to $5.0 million.", encoding="utf-8")
    b.write_text("It sold 1,000 shares at $2.00 per share.", encoding="utf-8")
    r = prfacts("extract", str(a))
    assert r.returncode == 0
    (sheet,) = json.loads(r.stdout)  # an array, even for one file
    assert sheet["source"]["path"] == str(a) and len(sheet["source"]["sha256"]) == 64
    assert [m["kind"] for m in sheet["mentions"]] == ["percent", "money"]
    r = prfacts("extract", "--format", "jsonl", str(a), str(b))
    lines = r.stdout.splitlines()
    assert [json.loads(x)["source"]["path"] for x in lines] == [str(a), str(b)]


def test_cli_stdin(prfacts):
    r = prfacts("extract", "-", stdin="Shares rose 5%.")
    assert r.returncode == 0 and json.loads(r.stdout)[0]["mentions"][0]["value"] == "5"


@pytest.mark.parametrize("content", [b"\x00\x01binary", b"\xff\xfeA\x00B"])  # NULs; UTF-16 cut off
def test_cli_bad_input_is_one_clear_line(tmp_path, content, prfacts):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    r = prfacts("extract", str(bad))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and str(bad) in r.stderr and "Traceback" not in r.stderr


def test_cli_missing_file(prfacts):
    r = prfacts("extract", "does-not-exist.txt")
    assert r.returncode == 2 and "does-not-exist.txt: no such file" in r.stderr


def test_schema_command_prints_json_schema(prfacts):
    r = prfacts("schema")
    schema = json.loads(r.stdout)
    assert schema["title"] == "FactSheet" and "mentions" in schema["properties"]


def test_extract_and_check_place_html_findings_alike(tmp_path, capsys):
    """`extract` on an HTML release reports its findings where `check` does (the same offsets into the text read,
    the same line and column of the file), not at positions of the raw markup."""
    from extractor.cli import main

    page = tmp_path / "r.html"
    page.write_text("<html>\n<head><title>x</title></head>\n<body>\n<div>\n<p>Acme sold <b>1,000,000</b> shares at "
                    "$2.00 per share for gross proceeds of $3.0 million.</p>\n</div>\n</body></html>\n", encoding="utf-8")
    sheets = {}
    for command in ("extract", "check"):
        main([command, str(page), "--format", "json"])
        sheets[command] = json.loads(capsys.readouterr().out)[0]
    placed = {c: [(f["rule"], f["start"], f["end"], f["line"], f["column"]) for f in s["findings"]] for c, s in sheets.items()}
    assert placed["extract"] == placed["check"] and placed["check"]
    text_start = placed["check"][0][1]
    assert [m for m in sheets["extract"]["mentions"] if m["start"] == text_start][0]["text"] == "$3.0 million"
    assert placed["check"][0][3] == 5  # the line of the raw file the figure is on
