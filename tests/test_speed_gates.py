"""The shortcuts that spare a regex must never change what the regex would find.

Each gate below is a plain test (a word, a character, a one-pass prescan) put in front of a pattern; each test
checks that the gated reading and the plain one agree, on texts written to sit at the gate's edges.
"""

from __future__ import annotations

import gc

import pytest

from extractor.document import notes
from extractor.pipeline import _collector_paused
from extractor.quantities import interpret, numbers, recogniser
from extractor.rules.prefilter import required_words

QUALIFIED = [
    "revenue of approximately $5.0 million", "up to an aggregate of $25 million", "not less than 10,000 shares",
    "a margin of c.14% and sub-90% occupancy", "(approx. 1,200 employees)", "about $3 and roughly 4%",
    "xabout 5 units", "in excess of 7%", "more than 12 sites", "approximately\n$4 million", "nearly-5 stores",
    "up to 5", "of 5", "approx.5", "Ca. 40 wells", "circa 2,000 tonnes", "over\t$1 billion", "  $7",
]


@pytest.mark.parametrize("text", QUALIFIED)
def test_the_qualifier_gate_agrees_with_the_plain_search_at_every_position(text):
    rec = recogniser(())
    for start in range(len(text) + 1):
        plain = rec.qualifier.search(text, max(0, start - 40), start)
        expected = plain.group("qual").lower() if plain else None
        assert interpret._qualifier(rec, text, start) == expected, (text, start)


def test_words_a_match_must_span_leave_look_arounds_out():
    # a look-behind may read before the window a context is searched in: its words are not the match's
    pattern = r"(?<=\bdividends\s)per\b"
    assert required_words(pattern) == ("dividends",)
    assert required_words(pattern, lookarounds=False) == ("per",)


@pytest.mark.parametrize("digits", ["0", "1250", "12.5", ".5", "5.", ".", "1.2.3", "١٢", "1,250", "²", "-1", "0012"])
def test_ungrouped_digits_are_digits_the_grammar_accepts(digits):
    if numbers._ungrouped(digits):
        assert numbers._DIGITS.fullmatch(digits)


@pytest.mark.parametrize("line", [
    "(In millions)   4Q24   4Q23   Change", "(in thousands, except per share data)", "Revenue (US$ millions)  877.1",
    "EURm  2024  2023", "('000 euros)", "(Expressed in Canadian dollars)", "no note on this line at all 1,234",
    "(In NT$ million, except per share data)", "Weighted average common shares (millions)", "€310m", "",
])
def test_a_note_the_prescan_lets_through_is_every_note_the_pattern_finds(line):
    spans = lambda found: [m.span() for m in found]  # noqa: E731
    assert spans(notes._notes(line, 0, len(line))) == spans(notes._UNIT_NOTE.finditer(line, 0, len(line)))


def test_the_collector_is_left_as_it_was_found():
    was = gc.isenabled()
    try:
        gc.enable()
        with _collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()
        with _collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # someone else turned it off: not ours to turn on
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("before", [
    "Hong Kong Boone Group Limited ", "the Bank of Nova Scotia, ", "issued by Acme Corp., ", "McDonald's Corporation ",
    "A B C D E F G H I J K L ", "shares of The Coca-Cola Company,  ", "lower case only ", "", " , ", "Alpha & Omega ",
    "Société Générale S.A. ", "Fund I, L.P. and its affiliates ", "X", "Notes due 2030 ",
])
def test_the_defined_terms_name_read_backwards_is_the_forward_searchs(before):
    from extractor.quantities import metadata
    import regex

    forward = regex.compile(metadata._FULL_NAME.pattern.removeprefix("(?r)"), metadata._FULL_NAME.flags & ~regex.R)
    for text in (before, "Some text. " + before, "(" + before):
        ahead, back = forward.search(text), metadata._FULL_NAME.search(text)
        assert (ahead and ahead.group("full")) == (back and back.group("full")), text


EDGE_TABLES = [
    # a total that misses its parts by less than the screen's margin: only the exact fractions find the error
    "| | 2024 | 2023 |\n|---|---|---|\n| A | 123,456,789.01 | 100.01 |\n| B | 0.01 | 200.02 |\n"
    "| Total | 123,456,789.05 | 300.03 |\n",
    "| | 2024 | 2023 |\n|---|---|---|\n| A | 1,000 | 900 |\n| B | 2,000 | 2,100 |\n| C | 500 | 400 |\n"
    "| Total | 3,600 | 3,400 |\n",
    # parts whose rounded intervals meet the total's only at an end: the exact fractions decide
    "| | 2024 | 2023 |\n|---|---|---|\n| A | 100 | 90 |\n| B | 200 | 210 |\n| Total | 300 | 301 |\n",
    "| | 2024 |\n|---|---|\n| A | 0.1 |\n| B | 0.2 |\n| C | 0.3 |\n| Total | 0.6 |\n",
    "| | 2024 |\n|---|---|\n| A | 123,456,789.01 |\n| B | 0.01 |\n| Total | 123,456,789.03 |\n",
]


@pytest.mark.parametrize("table", EDGE_TABLES)
def test_the_float_screen_of_additive_checks_never_changes_a_finding(table, engine, monkeypatch):
    from extractor.checks import formula

    text = "Revenue by line, in millions:\n\n" + table
    screened = [(f.rule, f.start, f.message) for f in engine.analyze(text).findings]
    monkeypatch.setattr(formula, "_clearly_holds", lambda *args: False)  # every fact evaluated exactly
    assert [(f.rule, f.start, f.message) for f in engine.analyze(text).findings] == screened


def test_the_edge_tables_reach_both_sides_of_the_screen_and_find_errors(engine, monkeypatch):
    from extractor.checks import formula

    settled, screen = [], formula._clearly_holds
    monkeypatch.setattr(formula, "_clearly_holds", lambda *args: settled.append(screen(*args)) or settled[-1])
    findings = [f.rule for table in EDGE_TABLES for f in engine.analyze("Revenue by line, in millions:\n\n" + table).findings]
    assert True in settled and False in settled  # some facts settled in floats, some left to the fractions
    assert findings.count("sum-total") == 2  # the near miss the floats cannot tell, and the plain one


def test_only_formulas_that_add_and_subtract_are_screened():
    from extractor.intervals import additive, parse

    assert additive(parse("sum(part) - abs(other) + min(a, b) - 3"))
    assert not additive(parse("dir * (to - from)")) and not additive(parse("part / whole * 100"))


def test_an_after_context_is_not_matched_where_its_window_holds_none_of_its_words():
    from pathlib import Path

    rec = recogniser(())
    gated = [ctx for kind in ("number", "money", "percent", "shares", "price")
             for _, _, ctx in rec.contexts(kind) if ctx.after is not None and ctx.requires]
    assert gated  # the built-in rules have after-contexts with words to require
    root = Path(__file__).resolve().parent.parent / "corpus" / "releases"
    texts = [f.read_text(encoding="utf-8") for f in sorted(root.glob("*.txt"))[:5]]
    texts += ["12 basic and diluted", "$5 per share", "4 cents per share", "$0.10 dividend", "$3.00/share"]
    for text in texts:
        for at in range(len(text)):
            window = text[at:at + 120].lower()
            for ctx in gated:
                if not any(word in window for word in ctx.requires):
                    assert ctx.after.match(text, at, min(len(text), at + 120)) is None, (text[at:at + 40], ctx.requires)
