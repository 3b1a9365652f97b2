"""What the quantity stage reads is carried on the mention to the checks, never read again from the text; a
figure's printing, which few checks ask, is read on the first ask and kept."""

import datetime as dt
from decimal import Decimal

from extractor.quantities.dates import DateReading
from extractor.document import read_document
from extractor.quantities.metadata import read_metadata
from extractor.models import FactSheet
from extractor.quantities.numbers import printed_form
from extractor.quantities import read_quantities
from extractor.checks.wording import printed

RELEASE = ("NEW YORK, March 3, 2025 -- Acme Corp. will meet on Tuesday, February 12, 2025 and closed on "
           "June 31, 2025. It sold 1,250,000 shares at $4.00 per share for gross proceeds of $5.0 million, "
           "a loss of (1,191.1) thousand.")


def _by_text(sheet):
    return {m.text: m for m in sheet.mentions}


def test_dates_carry_their_parts_and_weekday(engine):
    sheet = engine.analyze(RELEASE)
    by = _by_text(sheet)
    meeting, closing = by["Tuesday, February 12, 2025"], by["June 31, 2025"]
    assert (meeting._date.parts, meeting._date.weekday) == ((2025, 2, 12), "Tuesday")
    assert closing._date.parts == (2025, 6, 31) and closing._date.on(None) is None
    assert [(f.rule, f.start, f.message) for f in sheet.findings] == [
        ("date-weekday", meeting.start, "February 12, 2025 is a Wednesday, not a Tuesday"),
        ("date-invalid", closing.start, "June 31, 2025 does not exist: June has 30 days"),
    ]


def test_the_weekday_check_reads_the_carried_reading(engine):
    """Change what the quantity stage read, not the text: the finding follows the reading."""
    text = "NEW YORK, March 3, 2025 -- The meeting is on Wednesday, February 12, 2025."
    assert not engine.analyze(text).findings  # February 12, 2025 was a Wednesday
    doc = read_document(text)
    mentions = read_quantities(doc, engine.recogniser)
    (m,) = [m for m in mentions if m.kind == "date" and m._date.weekday]
    m._date = DateReading(m.value, m.low, m.high, (2025, 2, 13), "Wednesday")
    meta = read_metadata(text, mentions)
    facts = engine.facts.find(text, mentions, meta, doc.sentence_starts)
    findings = engine.verifier.verify(text, mentions, facts, meta, lambda pos: (1, pos + 1), doc.sentence_starts)
    assert [(f.rule, f.message) for f in findings] == [
        ("date-weekday", "February 12, 2025 is a Thursday, not a Wednesday")]


def test_a_reading_without_a_year_takes_the_release_year():
    r = DateReading("--02-29", "--02-29", "--02-29", (None, 2, 29))
    assert r.on(2024) == dt.date(2024, 2, 29) and r.on(2025) is None and r.on(None) is None
    assert DateReading("2025-Q4", "2025-10-01", "2025-12-31").on(2025) is None


def test_a_figures_printing_is_read_once_on_first_ask_and_the_json_does_not_carry_it(engine):
    sheet = engine.analyze(RELEASE)
    proceeds = _by_text(sheet)["$5.0 million"]
    for m in sheet.mentions:
        if m.kind != "date" and m is not proceeds:
            first = printed(m)
            assert first == printed_form(m.text, m.value, m.kind), m.text
            assert m._printed is (first if first is not None else False)  # kept: a second ask reads nothing
            assert printed(m) is first
    assert (proceeds._printed, proceeds.carried_printing) == (None, None)  # never asked: never read
    shown = printed(proceeds)
    assert (shown.places, shown.multiplier, shown.digits) == (1, Decimal(10) ** 6, "5.0")
    assert proceeds._printed is shown
    dumped = sheet.model_dump_json()
    assert "_printed" not in dumped and "parts" not in dumped and "multiplier" not in dumped
    # a sheet read back from JSON is read from its text the same way
    again = {m.text: m for m in FactSheet.model_validate_json(dumped).mentions}
    assert again["$5.0 million"]._printed is None
    assert printed(again["$5.0 million"]) == printed(proceeds)
