"""Properties of the reading, document and quantity stages on any text (Hypothesis).

Whatever the input: no exception; every mention's offsets slice back to its text; the same input gives the
same sheet; a text read with CRLF or CR line endings gives the sheet its LF twin gives, at the same lines and
columns of each file. Bounded (few examples, short texts) so the suite stays within minutes.
"""

from decimal import Decimal

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from extractor.reading.read import from_string  # noqa: E402

# Text that looks like a release often enough to reach the rules: figures, scale words, currency, punctuation,
# table pipes and fences, line breaks of every kind, and any other character now and then.
ATOMS = st.sampled_from([
    "$", "US$", "€", "12", "3.0", "0.0040", "1,550,000", "444", "%", " percent", " million", " billion", "M",
    " shares", " per share", "(", ")", "-", "—", ",", ".", ". ", ":", ";", "|", " | ", "```", "\n", "\r\n", "\r",
    " ", "  ", "Revenue", " increased ", " to ", " from ", " of ", "Total", " premium ", "Inc.", "Q4 2024",
    "March 17, 2025", "Tuesday, ", "approximately ", "1-for-10", "3x", "http://a.b/1.2", "\t", '"', "“", "’",
])
TEXTS = st.lists(st.one_of(ATOMS, st.text(max_size=3)), max_size=40).map("".join)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def sheet_of(engine, content: str, name: str = "draft.txt"):
    source = from_string(content, name)
    return source, engine.analyze_source(source)


@SETTINGS
@given(TEXTS)
def test_any_text_gives_mentions_that_slice_back(engine, text):
    source, sheet = sheet_of(engine, text)
    for m in sheet.mentions:
        assert source.text[m.start:m.end] == m.text
        if m.kind != "date":
            assert Decimal(m.low) <= Decimal(m.value) <= Decimal(m.high), m
    for f in sheet.findings:
        assert 0 <= f.start <= f.end <= len(source.text)


@SETTINGS
@given(TEXTS)
def test_same_input_same_sheet(engine, text):
    assert sheet_of(engine, text)[1] == sheet_of(engine, text)[1]


def _positions(source, sheet):
    return [(m.kind, m.text, m.value, source.line_col(m.start)) for m in sheet.mentions], \
           [(f.rule, f.message, source.line_col(f.start)) for f in sheet.findings]


@SETTINGS
@given(TEXTS, st.sampled_from(["\r\n", "\r"]))
def test_line_endings_do_not_change_the_sheet(engine, text, newline):
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    other = lf.replace("\n", newline)
    assert _positions(*sheet_of(engine, lf)) == _positions(*sheet_of(engine, other))


@SETTINGS
@given(TEXTS)
def test_markdown_and_html_readers_never_fail(engine, text):
    for name in ("draft.md", "draft.html"):
        source, sheet = sheet_of(engine, text, name)
        for m in sheet.mentions:
            assert source.text[m.start:m.end] == m.text
            a, b = source.original_span(m.start, m.end)
            assert 0 <= a <= b <= len(source.original)
