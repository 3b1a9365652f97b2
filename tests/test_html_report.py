"""The HTML report opens on the findings and shows the release below, its boilerplate folded."""

from __future__ import annotations

import re

import pytest

from extractor.cli import main
from extractor.report import links
from extractor.report.boilerplate import folds

DRAFT = """Northwind Robotics Prices Public Offering of Common Stock

BOSTON, MA -- (BUSINESS WIRE) -- March 3, 2025 -- Northwind Robotics, Inc. (NASDAQ: NWRB) today announced the \
pricing of an underwritten public offering of 4,000,000 shares of its common stock at a price of $3.00 per share, \
for gross proceeds of $13.0 million.

The offering is expected to close on March 5, 2025, subject to customary closing conditions.

Use of Proceeds

Northwind intends to use the net proceeds for working capital and the expansion of its Ohio plant.

About Northwind Robotics, Inc.

Northwind Robotics designs and builds autonomous warehouse robots for third-party logistics providers.

The company will host its investor day on Tuesday, March 17, 2025 in Boston.

Forward-Looking Statements

This press release contains forward-looking statements within the meaning of the Private Securities Litigation \
Reform Act of 1995, including statements about the closing of the offering.

Actual results may differ materially from those indicated by these statements.

Media Contact:
Jane Roe
press@northwind.example
"""


@pytest.fixture
def page(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(links.DOCS_URL_ENV, "https://docs.example/rules")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    assert main(["check", "--format", "html", "-o", "report.html", "draft.txt"]) == 1
    capsys.readouterr()
    return (tmp_path / "report.html").read_text(encoding="utf-8")


def _notes(page: str) -> list[str]:
    return re.findall(r'<article class="note [^"]+" id="f1-\d+">.*?</article>', page)


def test_the_page_opens_on_the_findings(page):
    assert '<p class="summary-line">2 errors in 1 of 1 file</p>' in page
    notes = _notes(page)
    assert len(notes) == 2
    assert page.index('class="findings"') < page.index('<div class="release">')
    proceeds = next(n for n in notes if "issuance-proceeds" in n)
    assert ">error</span>" in proceeds
    assert "$13.0 million should be $12.0 million: 4,000,000 at the price of $3.00 each come to $12.0 million" in proceeds
    # the sentence, its figure and the evidence marked
    assert '<mark class="hit">$13.0 million</mark>' in proceeds and '<mark class="ev">$3.00</mark>' in proceeds
    assert "Fix: replace <del>$13.0 million</del> with <ins>$12.0 million</ins>" in proceeds
    assert '<a class="doc" href="https://docs.example/rules/issuance-proceeds.md">' in proceeds
    # each finding links to its place in the release, and the badge there back to it
    assert 'href="#m1-1"' in proceeds and 'id="m1-1" href="#f1-1"' in page


def test_boilerplate_is_folded_but_not_a_paragraph_with_a_finding(page):
    release = page[page.index('<div class="release">'):]
    folded = re.findall(r'<details class="fold"><summary>([^<]*?) <span', release)
    assert folded == ["About Northwind Robotics, Inc.", "Forward-Looking Statements", "Media Contact"]
    about = release[release.index("About Northwind Robotics, Inc. <span"):]
    assert about.index("</details>") < about.index("investor day")  # the weekday error stays in view
    for text in ("Private Securities Litigation", "Jane Roe"):
        before = release[:release.index(text)]
        assert before.count("<details") > before.count("</details>")  # inside a fold
    assert "Use of Proceeds" in release and release.index("Use of Proceeds") < release.index('class="fold"')


def test_no_link_without_a_documentation_address(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(links.DOCS_URL_ENV, raising=False)
    monkeypatch.setattr(links, "DOCS_DIR", tmp_path / "no-docs")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    main(["check", "--format", "html", "-o", "report.html", "draft.txt"])
    capsys.readouterr()
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert len(_notes(page)) == 2 and 'class="doc"' not in page


def test_the_configured_documentation_address_wins(tmp_path, monkeypatch, capsys):
    """docs-url in the configuration (or --docs-url) names where the pages are, as it does for SARIF."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(links.DOCS_URL_ENV, "https://env.example/rules")
    (tmp_path / ".prfacts.toml").write_text('docs-url = "https://house.example/prfacts/"\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    main(["check", "--format", "html", "-o", "report.html", "draft.txt"])
    capsys.readouterr()
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'href="https://house.example/prfacts/issuance-proceeds.md"' in page and "env.example" not in page


def test_the_page_needs_nothing_from_outside(page):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//(?!docs\.example)""", page)
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert '<html lang="en">' in page


def test_fold_kinds_by_heading_and_by_opening():
    text = ("Acme Widgets Reports Record Quarter\n\nRevenue rose to $5.0 million.\n\n"
            "Safe Harbor Statement\n\nStatements in this press release that are not historical are forward-looking.\n\n"
            "Certain statements in this announcement may be forward-looking statements.\n\n"
            "| Item | 2024 |\n|---|---|\n| Revenue | 5.0 |\n\n"
            "INVESTOR RELATIONS CONTACT\nJohn Doe\n(555) 010-0000\n")
    got = folds(text, [], [(text.index("| Item"), text.index("INVESTOR"))])
    assert [(f.kind, f.title) for f in got] == [("forward-looking statements", "Safe Harbor Statement"),
                                               ("contacts", "INVESTOR RELATIONS CONTACT")]
    assert "| Item" not in text[got[0].start:got[0].end]  # a table ends a section
    assert folds("Title\n\nAbout 40% of sales are exports.\n\nMore news.\n", []) == []


TABLE_RELEASE = """Acme Reports Results

AUSTIN, TX -- March 3, 2025 -- Acme Corp. today reported results.

(in thousands)

| | 2024 | | 2023 |
| Product revenue | $ | 1,200 | | $ | 1,000 |
| Service revenue | | 800 | | | 700 |
| Total revenue | $ | 2,100 | | $ | 1,700 |
"""


def test_a_table_is_shown_as_a_table_with_the_flagged_cell_marked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "results.txt").write_text(TABLE_RELEASE, encoding="utf-8")
    assert main(["check", "--format", "html", "-o", "report.html", "results.txt"]) == 1
    capsys.readouterr()
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    (grid,) = re.findall(r'<table class="grid">.*?</table>', page)
    assert '<th scope="row">Total revenue</th>' in grid and "<th>2024</th>" in grid
    flagged = re.findall(r'<span class="q q-money flag-error"[^>]*>([^<]+)</span><sup class="badge error">1</sup>', grid)
    assert flagged == ["2,100"]
    assert len(re.findall(r'class="q q-money ev"', grid)) == 2  # the parts are its evidence
    assert re.search(r'<details class="table-box" open>', page)
