"""Word drafts (.docx): read everywhere a file is read, findings placed by paragraph, fixes made in the runs.

Every document is built here with python-docx: the seed release (one error by design, "premium of 444%"
for 344%) with formatted runs and a revenue table, and small variants of it.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from extractor import analyzer
from extractor.cli import main
from extractor.reading.docx import fix_docx, read_docx
from extractor.reading.read import from_bytes
from extractor.reading.source import InputError

SEED_TXT = Path(__file__).resolve().parent.parent / "corpus" / "releases" / "001_seed_restated.txt"
ERROR = "444%"
# Revenue "in thousands"; the header spans the two year columns (a merged cell).
TABLE = [["", "Three months ended June 30", None], ["", "2017", "2016"], ["Product revenue", "1,200", "1,000"],
         ["Service revenue", "300", "250"], ["Total revenue", "1,500", "1,250"]]


def build(path: Path, total: str = "1,500", split=(ERROR,), field: bool = False) -> Path:
    """The seed release as a Word document; `split`: the runs "444%" is printed in (the first bold italic
    Georgia, the others plain); `field`: "444%" is the result of a field instead; `total`: the 2017 total."""
    d = docx.Document()
    lines = [line for line in SEED_TXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    for n, line in enumerate(lines):
        p = d.add_paragraph()
        if ERROR not in line:
            p.add_run(line).bold = n == 0
            continue
        before, after = line.split(ERROR)
        p.add_run(before[:20]).italic = True
        p.add_run(before[20:])
        if field:
            _field_run(p, ERROR)
        for k, part in enumerate(split):
            run = p.add_run(part)
            if k == 0:
                run.bold, run.italic, run.font.name, run.font.size = True, True, "Georgia", Pt(11)
        p.add_run(after)
        d.add_paragraph("Revenue (in thousands of dollars)")
        rows = [row[:] for row in TABLE]
        rows[-1][1] = total
        table = d.add_table(rows=len(rows), cols=3)
        table.cell(0, 1).merge(table.cell(0, 2))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    table.cell(r, c).text = value
    d.save(path)
    return path


def _field_run(p, text: str) -> None:
    """`text` as the shown result of a simple field (as Word writes a computed figure)."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " = 4 * 111 \\# \"0%\" ")
    r, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = text
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def runs_of(path: Path, paragraph: int = 3) -> list:
    return docx.Document(str(path)).paragraphs[paragraph - 1].runs


def check(capsys, *args) -> tuple[int, str, str]:
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def draft(tmp_path):
    return build(tmp_path / "draft.docx")


# ---------------------------------------------------------------- reading and placing


def test_check_places_the_finding_by_paragraph_and_character(draft, capsys):
    code, out, err = check(capsys, draft)
    assert code == 1 and err == ""
    line = SEED_TXT.read_text(encoding="utf-8").splitlines()[4]
    character = line.index(ERROR) + 1
    assert out.splitlines()[-1] == (f'{draft}: paragraph 3 ("As a result of the conversion,…"), character {character}: error '
                   "premium-discount 444% should be 344%: the fixed conversion price of $0.0040 against the closing "
                   "bid price of $0.0009 is a premium of 344.4%; 444% is the ratio of the two prices, not the premium")


def test_json_finding_carries_its_paragraph_and_the_table_is_read_as_a_table(tmp_path, capsys):
    code, out, _ = check(capsys, "--format", "json", build(tmp_path / "d.docx", total="1,600"))
    sheet = json.loads(out)[0]
    assert code == 1 and [t["format"] for t in sheet["tables"]] == ["pipe"]
    by_rule = {f["rule"]: f for f in sheet["findings"]}
    assert by_rule["premium-discount"]["paragraph"] == {
        "number": 3, "character": by_rule["premium-discount"]["column"], "opening": "As a result of the conversion,…",
        "table": None, "row": None, "column": None, "cell_paragraph": None}
    total = by_rule["sum-total"]
    assert total["stated"] == "1600000" and total["paragraph"] | {"number": 0} == {
        "number": 0, "character": 1, "opening": "1,600", "table": 1, "row": 5, "column": 2, "cell_paragraph": 1}
    # The merged header sits over the first year column; its second column is left empty.
    text = read_docx((tmp_path / "d.docx").read_bytes(), "d.docx").text
    assert "|  | Three months ended June 30 |  |\n|  | 2017 | 2016 |\n" in text


def test_a_consistent_total_row_is_checked_and_passes(draft, engine):
    sheet = engine.analyze_source(read_docx(draft.read_bytes(), str(draft)))
    assert [f.rule for f in sheet.findings if f.severity != "info"] == ["premium-discount"]
    sums = [f for f in sheet.facts if f.type == "sum"]
    assert {sheet.mentions[f.roles["total"]].text for f in sums} >= {"1,500", "1,250"}


def test_from_bytes_reads_a_docx_by_its_name(draft):
    source = from_bytes(draft.read_bytes(), "upload.docx")
    assert source.format == "docx" and ERROR in source.text and source.raw == draft.read_bytes()
    assert source.paragraph_at(source.text.index(ERROR)).number == 3


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04 not really a zip", "not a zip file, or a damaged one"),
    (None, "There is no item named '[Content_Types].xml' in the archive"),
])
def test_a_corrupt_docx_is_one_line_naming_the_file(tmp_path, capsys, data, reason):
    bad = tmp_path / "bad.docx"
    if data is None:  # a zip, but not a Word document
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("hello.txt", "hello")
        data = buffer.getvalue()
    bad.write_bytes(data)
    code, out, err = check(capsys, bad)
    assert code == 2 and out == ""
    assert err.splitlines() == [f"prfacts: {bad}: not a Word document (.docx): {reason}"]
    with pytest.raises(InputError, match="^x.docx: not a Word document"):
        from_bytes(data, "x.docx")


def test_extract_and_batch_read_a_docx_and_folders_yield_docx_but_not_word_lock_files(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "drafts"
    folder.mkdir()
    build(folder / "q2.docx")
    (folder / "~$q2.docx").write_bytes(b"\x00owner")  # Word's lock file beside an open document
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 cut short")
    assert main(["extract", "drafts/q2.docx"]) == 0
    sheet = json.loads(capsys.readouterr().out)[0]
    assert sheet["source"]["path"] == "drafts/q2.docx" and any(m["text"] == ERROR for m in sheet["mentions"])
    assert main(["batch", "drafts", "--out", "out.jsonl", "--jobs", "1", "-q"]) == 0
    records = [json.loads(line) for line in Path("out.jsonl").read_text().splitlines()]
    assert [r["source"]["path"] for r in records] == ["drafts/broken.docx", "drafts/q2.docx"]
    assert records[0]["error"] == "drafts/broken.docx: not a Word document (.docx): not a zip file, or a damaged one"
    assert [(f["rule"], f["paragraph"]["number"]) for f in records[1]["findings"] if f["severity"] == "error"] == [
        ("premium-discount", 3)]


def test_suppression_comments_work_per_paragraph(draft, capsys):
    d = docx.Document(str(draft))
    d.paragraphs[2].insert_paragraph_before("<!-- prfacts-disable-next-line premium-discount -->")
    d.save(draft)
    code, out, _ = check(capsys, "--format", "json", draft)
    found = {f["rule"]: f for f in json.loads(out)[0]["findings"]}
    assert code == 0 and found["premium-discount"]["suppressed"] and found["premium-discount"]["line"] == 4


def test_sarif_and_html_name_the_paragraph(draft, capsys):
    import jsonschema

    _, out, _ = check(capsys, "--format", "sarif", draft)
    from conftest import SARIF_SCHEMA, need_shared

    schema = json.loads(need_shared(SARIF_SCHEMA).read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(out), schema)
    result = next(r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "premium-discount")
    location = result["locations"][0]
    assert location["message"]["text"].startswith('paragraph 3 ("As a result of the conversion,…"), character ')
    assert location["logicalLocations"] == [{"name": "paragraph 3", "fullyQualifiedName": "paragraph 3",
                                             "kind": "element"}]
    assert location["physicalLocation"]["region"]["startLine"] == 3
    assert "fixes" not in result
    _, out, _ = check(capsys, "--format", "html", draft)
    assert "paragraph 3 (&quot;As a result of the conversion,…&quot;), character" in out


# ---------------------------------------------------------------- fixing


def test_fix_corrects_the_figure_inside_its_run_and_keeps_the_formatting(draft, capsys):
    before = [(r.text, r.bold, r.italic, r.font.name, r.font.size) for r in runs_of(draft)]
    code, out, err = check(capsys, "--fix", draft)
    assert (code, err) == (0, f"prfacts: {draft}: applied 1 fix\n") and ": error " not in out
    after = [(r.text, r.bold, r.italic, r.font.name, r.font.size) for r in runs_of(draft)]
    assert after == [(("344%",) + b[1:]) if b[0] == ERROR else b for b in before]
    assert after[2] == ("344%", True, True, "Georgia", Pt(11))
    assert docx.Document(str(draft)).tables[0].cell(4, 1).text == "1,500"


def test_a_span_across_runs_gets_the_replacement_in_the_first(tmp_path, capsys):
    draft = build(tmp_path / "split.docx", split=("4", "44", "%"))
    assert check(capsys, "--fix", draft)[0] == 0
    runs = runs_of(draft)
    assert [r.text for r in runs[2:5]] == ["344%", "", ""]
    assert (runs[2].bold, runs[2].font.name) == (True, "Georgia")
    assert "premium of 344% to the closing" in docx.Document(str(draft)).paragraphs[2].text


def test_a_figure_in_a_field_is_not_fixed_and_the_file_is_left_alone(tmp_path, capsys):
    draft = build(tmp_path / "field.docx", split=(), field=True)
    data = draft.read_bytes()
    code, out, err = check(capsys, "--fix", draft)
    assert code == 1 and draft.read_bytes() == data
    assert err.startswith(f'prfacts: {draft}: paragraph 3 ("As a result of the conversion,…"), character ')
    assert err.endswith(": fix for premium-discount (444% -> 344%) not applied: the figure is the result of a "
                        "field, which Word computes (change the field's source instead)\n")
    assert "error premium-discount" in out


def test_a_paragraph_changed_since_the_check_is_not_fixed(draft):
    source = read_docx(draft.read_bytes(), str(draft))
    findings = analyzer().analyze_source(source).findings
    edited = docx.Document(str(draft))
    edited.paragraphs[2].runs[0].text = "Since then, "
    buffer = io.BytesIO()
    edited.save(buffer)
    data, applied, skipped = fix_docx(buffer.getvalue(), findings, source)
    assert data == buffer.getvalue() and applied == []
    assert [(f.rule, why) for f, why in skipped] == [
        ("premium-discount", "the paragraph's text is no longer what was checked")]


def test_diff_prints_the_changed_paragraph_and_writes_nothing(tmp_path, capsys):
    draft = build(tmp_path / "d.docx", total="1,600")
    data = draft.read_bytes()
    code, out, _ = check(capsys, "--diff", draft)
    assert code == 1 and draft.read_bytes() == data
    hunks = [line for line in out.splitlines() if line[:1] in "-+@" and not line.startswith(("---", "+++"))]
    assert hunks[0] == "@@ -3 +3 @@" and "premium of 444% to" in hunks[1] and "premium of 344% to" in hunks[2]
    assert hunks[3:] == [hunks[3], "-1,600", "+1,500"] and hunks[3].startswith("@@ -")


def test_fix_of_a_docx_on_standard_input_writes_the_fixed_document(draft, capsys, monkeypatch):
    class Stdin:
        buffer = io.BytesIO(draft.read_bytes())

    monkeypatch.setattr("sys.stdin", Stdin)
    out = io.BytesIO()

    class Stdout(io.StringIO):
        buffer = out

    monkeypatch.setattr("sys.stdout", Stdout())
    assert main(["check", "--fix", "-", "--stdin-filename", "draft.docx"]) == 0
    assert "premium of 344% to" in docx.Document(io.BytesIO(out.getvalue())).paragraphs[2].text


def test_two_tables_with_only_an_empty_paragraph_between_stay_two(engine):
    d = docx.Document()
    for label, value in (("Units", "1"), ("Orders", "2")):
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 1).text, table.cell(1, 0).text, table.cell(1, 1).text = "2024", label, value
        d.add_paragraph("")
    buffer = io.BytesIO()
    d.save(buffer)
    source = from_bytes(buffer.getvalue(), "two.docx")
    sheet = engine.analyze_source(source)
    assert len(sheet.tables) == 2
    assert [source.paragraph_at(m.start).table for m in sheet.mentions if m.text in ("1", "2")] == [1, 2]
