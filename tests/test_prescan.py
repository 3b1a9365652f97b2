"""The Hyperscan prescan may only spare a scan that would find nothing: the set it answers is a superset of
the patterns that match, on real text, on every kind of character, and through its disk cache."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex

from extractor import analyzer
from extractor.rules import prescan
from extractor.rules.gates import gate, matches
from extractor.rules.patterntext import anchored
from extractor.rules.prescan import Prescan

pytestmark = pytest.mark.skipif(prescan.hyperscan is None, reason="hyperscan is not installed here")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def _module_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("prescan-cache")


@pytest.fixture(autouse=True)
def _own_cache(_module_cache, monkeypatch):
    """A cache of this module's own (the user's is never read or written), shared by its tests: a database for
    all the built-in patterns takes a second or two to build. The cache test has one of its own."""
    monkeypatch.setenv("PRFACTS_CACHE", str(_module_cache))
    monkeypatch.delenv("PRFACTS_PRESCAN", raising=False)


def _matching(patterns, text: str) -> set[int]:
    return {i for i, p in enumerate(patterns) if any(m.end() > m.start() for m in p.finditer(text))}


def _texts() -> list[str]:
    files = sorted((ROOT / "corpus" / "releases").glob("*.txt")) + sorted((ROOT / "corpus" / "heldout").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def test_every_quantity_pattern_that_matches_is_possible():
    rec = analyzer().recogniser
    patterns = [p for r in rec.scanners for p in r.patterns]
    scan = Prescan(patterns)
    spared = 0
    for text in _texts():
        possible = scan.possible(text)
        if possible is None:
            continue
        assert _matching(patterns, text) <= possible
        spared += len(patterns) - len(possible)
    assert spared > 0  # it does spare scans, or it is only a cost


def test_every_fact_pattern_that_matches_an_encoded_release_is_possible():
    from extractor.document import read_document
    from extractor.facts import encode, tablefacts
    from extractor.quantities import read_quantities

    a = analyzer()
    patterns = [p for r in a.facts.rules if not isinstance(r, tablefacts.TableRule) for p in r.patterns]
    scan = Prescan(patterns)
    for text in _texts()[:60]:
        doc = read_document(text)
        encoded = encode(text, read_quantities(doc, a.recogniser), doc.sentence_starts, a.facts.qualifier_cut)
        possible = scan.possible(encoded)
        assert possible is not None, [c for c in set(encoded) if ord(c) > 127]
        assert _matching(patterns, encoded) <= possible


@pytest.mark.parametrize("text, found", [
    ("Revenue\u00a0of €12\u00a0million", True),  # a no-break space is a space, "€" a named character
    ("Umsatz ٣ Millionen", True),  # an Arabic-Indic digit is a digit
    ("Hauptstraße 12, Berlin", False),  # "ß" is named (street names) and a word character: no faithful copy
    ("a 5 \u212a rise", False),  # the Kelvin sign folds to "k"
])
def test_a_copy_is_made_only_where_it_is_faithful(text, found):
    scan = Prescan([regex.compile(r"(?<![\w.])\d+\s?(?:million|€)"), regex.compile(r"[a-zß]+straße")])
    assert (scan.possible(text) is not None) is found


def test_stand_ins_keep_each_class():
    digit, space, word = (regex.compile(p) for p in (r"\b\d\d\b", r"x\sy", r"\bab\b"))
    scan = Prescan([digit, space, word])
    assert scan.possible("value ٣٤ here") == {0}
    assert scan.possible("x\u2009y") == {1}
    assert scan.possible("ab") == {2} and scan.possible("abé") == frozenset()


def test_unknown_flags_and_patterns_hyperscan_refuses_always_run():
    scan = Prescan([regex.compile(r"abc", regex.REVERSE), regex.compile(r"\p{Greek}x"), regex.compile("zzz")])
    assert scan.possible("nothing here") == {0, 1}


def test_a_back_reference_is_read_as_any_text():
    scan = Prescan([regex.compile(r"(?P<a>x\d)-(?P=a)")])
    assert scan.possible("x1-x1") == {0} and scan.possible("y1-y1") == frozenset()


def test_the_database_is_cached_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("PRFACTS_CACHE", str(tmp_path))
    patterns = [regex.compile(r"\bCUSIP\b"), regex.compile(r"\d+ shares")]
    first = Prescan(patterns)
    assert first.possible("12 shares") == {1}
    (cached,) = (tmp_path / "prfacts").glob("prescan-*.hsdb")
    assert Prescan(patterns).possible("CUSIP 1") == {0}  # read back from the cache
    cached.write_bytes(b"[0]\nnot a database")
    assert Prescan(patterns).possible("CUSIP 1") == {0}


def test_switched_off_or_pickled():
    scan = Prescan([regex.compile(r"\d")])
    assert scan.possible("1") == {0}
    clone = pickle.loads(pickle.dumps(scan))
    assert clone._db is None and clone.possible("1") == {0}


def test_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv("PRFACTS_PRESCAN", "0")
    assert Prescan([regex.compile(r"\d")]).possible("1") is None


@pytest.mark.parametrize("pattern, read", [
    (r"(?<=\bCOVID-?)\d+\b", r"(?:\bCOVID-?)\d+\b"),  # the look-behind becomes text
    (r"(?=\d)(?<=(?:a|b) )\d+(?=x)\b", r"(?:(?:a|b) )\d+(?:x)"),  # assertions at the moved places dropped
    (r"(?<![\w$.,])\d{1,6}(?=\s+St\b)", r"(?<![\w$.,])\d{1,6}(?:\s+St\b)"),  # a negative one is Hyperscan's
    (r"(?<=a)b|c", r"(?<=a)b|c"),  # an alternation at the top is kept
    (r"[(\]]x(?=[)])", r"[(\]]x(?:[)])"),  # brackets inside a class are not groups
])
def test_look_arounds_at_the_ends_are_read_as_text(pattern, read):
    assert anchored(pattern) == read


def test_threads_sharing_one_prescan_get_the_answers_each_would_alone():
    from concurrent.futures import ThreadPoolExecutor

    rec = analyzer().recogniser
    scan = Prescan([p for r in rec.scanners for p in r.patterns])
    texts = _texts()[:40] * 3
    alone = [scan.possible(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(scan.possible, texts)) == alone


def test_fact_sheets_are_the_same_with_and_without_the_prescan(monkeypatch):
    texts = _texts()[::3]
    a = analyzer()
    with_prescan = [a.analyze(t).model_dump_json() for t in texts]
    monkeypatch.setenv("PRFACTS_PRESCAN", "0")  # the required-word test of prefilter.py decides instead
    assert [a.analyze(t).model_dump_json() for t in texts] == with_prescan


# ---------------------------------------------------------------- gates: where a pattern can start (gates.py)

from extractor.rules.prefilter import leading_strings  # noqa: E402

GATED_TEXTS = [
    "It opened two new plants, Twenty-one stores and ONE HUNDRED sites; someone phoned about the one-off.",
    "See http://example.com and www.example.org, or the Form 10-K and the 10-Q; CUSIP 123456AB7.",
    "Revenue doubled, a third of it; a fivefold rise; 2-for-1; the lone one one one.",
    "éone Ωtwo three€ four—five six\u00a0seven",  # letters, signs and spaces that are not ASCII around the words
    "",
]


@pytest.mark.parametrize("pattern, leads", [
    (r"\b(?:one|Two)(?<!x)\s+\d", {"one", "Two"}),  # opening zero-width items skipped; a later one ends them
    (r"(?P<w>\b(?:[Hh]alf|a)\s)", {"Half", "half", "a"}),  # a space class ends them
    (r"(?<=\bForm\s)\d+", set()),  # the look-behind's words are before the match
    (r"(?:CUSIP|ISIN)\s*\w{9}", {"CUSIP", "ISIN"}),
    (r"x?\d+", set()),  # a class by category: nothing to name
    (r"(?i:one)\b", set()),  # a group that changes the case is not read as printed
    (r"(?:USD|EUR)\s?\d", {"USD", "EUR"}),
])
def test_the_strings_a_match_starts_with_are_read_from_the_pattern(pattern, leads):
    assert set(leading_strings(pattern)) == leads


@pytest.mark.parametrize("text", GATED_TEXTS + _texts()[::14])
def test_a_gated_pattern_finds_what_its_plain_scan_finds(text):
    scan = analyzer().recogniser.prescan
    assert scan.gated  # the built-in rules have patterns worth a gate (spelled numbers among them)
    possible, starts = scan.scan(text)
    if possible is None:
        return
    patterns = [p for p, _ in zip(_scanners(), scan.sources)]
    for k in scan.gated:
        gated = [m.span() for m in matches(patterns[k], text, starts.get(k, []))]
        assert gated == [m.span() for m in patterns[k].finditer(text) if m.end() > m.start()], (k, text[:60])


def _scanners():
    return [p for r in analyzer().recogniser.scanners for p in r.patterns]


def test_a_gate_tries_its_pattern_only_at_its_words_and_after_the_last_match():
    pattern = regex.compile(r"\b(?:one|two)(?:[\s-](?:one|two))*\b")
    text = "one two, phone two-one"
    scan = Prescan([pattern], gates=True)
    possible, starts = scan.scan(text)
    assert possible == {0} and starts == {0: [0, 4, 11, 15, 19]}  # "one" in "phone" too: the regex decides
    assert [m.group(0) for m in matches(pattern, text, starts[0])] == ["one two", "two-one"]
    assert Prescan([pattern]).scan(text)[1] == {}  # asked for no gates
    bracket, dollar = Prescan([regex.compile(r"\(\d")], gates=True), Prescan([regex.compile(r"\$\d")], gates=True)
    bracket.prepare(), dollar.prepare()
    assert bracket.gated == frozenset() and dollar.gated == {0}  # "(" is in every sentence, "$" is not


def test_a_look_behind_that_names_words_gates_where_its_matches_end():
    pattern = regex.compile(r"(?=\d)(?<=\b(?P<mon>January|March)\s(?<!\d\s))(?P<d>\d{1,2})\b")
    g = gate(pattern.pattern, pattern.flags)
    assert g is not None and not g.at_start and g.behind == r"\b(?:January|March)\s"  # its look-arounds dropped
    text = "On January 5 and March\n12, not in May 7 nor January x; March 1999"
    scan = Prescan([pattern], gates=True)
    possible, starts = scan.scan(text)
    assert starts == {0: [11, 23, 52, 61]}  # after each month and its space: the regex decides the rest
    assert [m.group(0) for m in matches(pattern, text, starts[0])] == [m.group(0) for m in pattern.finditer(text)] \
        == ["5", "12"]


@pytest.mark.parametrize("pattern", [
    r"(?<=\d )x",  # a look-behind that names no word: it would open the gate nearly everywhere
    r"(?<=(?:ab)?)x\w+",  # one that can match nothing
    r"(?<=\b(?P<w>one|two) (?P=w) )x",  # a back reference Hyperscan cannot follow
])
def test_no_gate_where_it_would_not_pay_or_cannot_be_read(pattern):
    scan = Prescan([regex.compile(pattern)], gates=True)
    scan.prepare()
    assert scan.gated == frozenset()


def test_a_pickled_prescan_builds_its_gates_again():
    pattern = regex.compile(r"\b(?:one|two)\b")
    scan = Prescan([pattern], gates=True)
    expected = scan.scan("one or two")
    clone = pickle.loads(pickle.dumps(scan))
    assert clone._gates is None and clone.gated == frozenset()  # a worker process builds its own
    assert clone.scan("one or two") == expected == ({0}, {0: [0, 7]})
