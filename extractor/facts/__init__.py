"""Binding quantities into facts, driven by `rules/facts/*.yaml`.

The release is encoded once as a string in which every mention is replaced by
a placeholder naming its kind and id (`⟨P3⟩` for price #3) and every sentence
starts with `¶`:

    ¶The fixed conversion price of ⟨P9⟩ per share represents a significant
    premium of ⟨%10⟩ to the Company's latest closing bid price of ⟨P11⟩ ...

A fact rule is a regex over that string, written with slot macros:
`{price:reference}` matches a price placeholder and binds it to the role
`reference`; `{gap}` is a run of words without mentions inside one sentence,
`{skip}` may also pass dates, plain numbers and ratios (not other amounts),
`{any}` may pass any mention, and `{cross}` may pass sentence ends. A gap or
skip takes modifiers after its length: `stop:,)` also ends it at these
characters, `cross:clause,sentence` lets it pass semicolons and sentence ends, `pass:date,ratio`
names the mentions it may pass, `not:and|from` the words it may not pass
(`{gap:40 stop:, not:and|equivalent}`). A slot without a role (`{price}`)
matches a mention of that kind and binds nothing (for look-arounds). Other
named groups become the fact's attributes (`(?P<dir>premium|discount)`; an `x_` one, only matched again, no).
A slot repeated in a pattern (`(?:, {money:part})+`) binds every capture.

Qualifier words ("approximately") are dropped from the encoding: the mention
already carries them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import (balancemoves, balancesums, changefiner, changelevels, changelists, changeprior, changerows, changevalues, footings, margins, namedratios, prosepershare, restate, segments,
               sharenamed, sumadjusted, sumelided, sumlists, sumnext, sumvalues, tableblocks, tablefacts, tablemargins, tablemultiples, tableaverages, tablepershare, tableratiorows,
               tableratios, tableshares, tabletrades)
from ..rules.prefilter import required_words
from ..rules.prescan import Prescan
from .encoding import CODES, POINTS_CODE, SENTENCE, encode, word_spans  # noqa: F401 (the package's names)
from .signs import capped, clash, followed, rejected
from .subjects import Reading
from ..models import Fact, Mention, Metadata
from ..rules import RuleError, lexicon, load, timed


_SLOT = regex.compile(r"\{(?P<kind>[a-z]+)(?::(?P<role>[a-z_]+))?\}")
_WORDS = regex.compile(r"\{=(?P<name>[a-z_]+)\}")
_GAP = regex.compile(r"\{(?P<what>gap|skip|any|cross)(?::(?P<n>\d+))?(?P<mods>(?:[ ]+[^\s{}]+)*)\}")
# What a gap stops at, the mentions it may pass and its length when the rule does not say: one mechanism.
_RUNS = {"gap": (";" + SENTENCE, "", 120), "skip": (";" + SENTENCE, "DNR", 200)}
_CROSS = {"clause": ";", "sentence": SENTENCE}
_SLOT_KINDS = {
    "money": "M",
    "price": "P",
    "shares": "S",
    "percent": "%",
    "points": "T",
    "date": "D",
    "number": "N",
    "ratio": "R",
    "amount": "MPSN",  # any figure that can be compared
    "quantity": "MPS",  # money, prices and share counts: what parts of a total are
    "total": "MS",  # money or share counts: what releases add up
    "value": "PM",  # a price or an amount of money: what premiums compare
    "rate": "%T",  # a percentage in percent or points
    "figure": "MPSN%T",  # any figure that can change
}
# Facts bound by a mechanism of their own rather than a pattern: table structure, restatements.
MECHANISMS = {**tablefacts.MECHANISMS, "table-share": tableshares.table_shares, "restatement": restate.restatements,
              "margin": margins.margins, "footings": footings.footings, "segments": segments.segments,
              "change-list": changelists.change_lists, "sum-list": sumlists.sum_lists, "sum-next": sumnext.sums_next,
              "sum-elided": sumelided.sums_elided, "sum-adjusted": sumadjusted.sums_adjusted,
              "prior-change": changeprior.prior_changes, **tableratios.MECHANISMS, **tablepershare.MECHANISMS,
              **tableratiorows.MECHANISMS, **tableaverages.MECHANISMS, **changerows.MECHANISMS, **tablemultiples.MECHANISMS, **tabletrades.MECHANISMS,
              "prose-table-margin": tablemargins.prose_margins, **tableblocks.MECHANISMS,
              "prose-table-per-share": prosepershare.prose_per_share, "named-share": sharenamed.named_shares,
              "named-ratio": namedratios.named_ratios, "sum-adds-up": sumvalues.sums_adding_up,
              "change-adds-up": changevalues.changes_adding_up, "change-levels": changelevels.change_levels,
              **balancesums.MECHANISMS, **balancemoves.MECHANISMS, "change-finer": changefiner.finer_changes}
# Mechanisms that read the facts the other rules found (a table's change columns), and so run after them.
LATE = {"balance-sum", "prior-change", "change-finer", "change-table-row", "change-levels", "named-share", "sum-adds-up", "sum-adjusted", "change-adds-up", "footings",
        "table-multiple-rows"}
_PLACEHOLDER = regex.compile(r"⟨(?P<code>.)(?P<id>\d+)⟩")


def _with_words(pattern: str, words: dict[str, list[str]], source: str) -> str:
    """`{=name}` is the rule's word list of that name, as one group (longest first, so "increased" is read
    before "increase"); each word is a regex of its own ("year[-\\s]over[-\\s]year")."""
    def named(m: regex.Match) -> str:
        if m.group("name") not in words:
            raise RuleError(f"{source}: no word list {m.group('name')!r} (the rule's `words`)")
        return "(?:" + "|".join(sorted((str(w) for w in words[m.group("name")]), key=len, reverse=True)) + ")"

    return _WORDS.sub(named, pattern)


def _expand(pattern: str, source: str) -> str:
    def slot(m: regex.Match) -> str:
        kind, role = m.group("kind"), m.group("role")
        if role is None and kind in ("gap", "skip", "any", "cross"):
            return m.group(0)
        if kind not in _SLOT_KINDS:
            raise RuleError(f"{source}: unknown slot kind {kind!r}")
        number = "\\d+" if role is None else f"(?P<r_{role}>\\d+)"
        return f"⟨[{regex.escape(_SLOT_KINDS[kind])}]{number}⟩"

    def gap(m: regex.Match) -> str:
        what, n, mods = m.group("what"), m.group("n"), m.group("mods").split()
        if what in _RUNS:
            return _run(what, n, mods, source)
        if mods:
            raise RuleError(f"{source}: {{{what}}} takes no modifiers")
        if what == "any":  # may pass any mention, inside the clause
            return f"[^;{SENTENCE}]{{0,{n or 200}}}?"
        return f"(?s:.{{0,{n or 400}}}?)"  # cross: may pass sentence ends

    return _GAP.sub(gap, _SLOT.sub(slot, pattern))


def _run(what: str, n: str | None, mods: list[str], source: str) -> str:
    """A gap (words only) or skip (may pass dates, plain numbers and ratios) as its modifiers shape it.

    A semicolon ends a clause: by default no gap crosses one, nor a sentence end."""
    stops, passes, default = _RUNS[what]
    nots, para = "", False
    for mod in mods:
        key, _, value = mod.partition(":")
        if key == "stop":
            stops += value
        elif key == "cross" and all(k in _CROSS for k in value.split(",")):
            stops = "".join(c for c in stops if c not in {_CROSS[k] for k in value.split(",")})
        elif key == "pass" and all(k in _SLOT_KINDS for k in value.split(",")):
            passes = "".join(dict.fromkeys("".join(_SLOT_KINDS[k] for k in value.split(","))))
        elif key == "not":
            nots = value
        elif mod == "within:paragraph":  # crosses sentences, never into the next paragraph: another story
            para = True
        else:
            raise RuleError(f"{source}: unknown modifier {mod!r} in {{{what}}}")
    stops = regex.escape(stops, special_only=True).replace("]", "\\]")
    unit = f"(?:[^⟨{stops}]|⟨[{regex.escape(passes)}]\\d+⟩)" if passes else f"[^⟨⟩{stops}]"
    if nots:
        unit = f"(?:(?!\\b(?:{nots})\\b){unit})"
    if para:  # the sentence mark opening a paragraph (after a blank line) is never passed
        unit = f"(?:(?!(?<=\\n[ \\t]*\\n){SENTENCE}){unit})"
    return f"{unit}{{0,{n or default}}}?"


def _required_kinds(pattern: str) -> Counter:
    """Placeholder kinds a pattern cannot match without, with how many it needs: a release that
    lacks them is not searched at all (most releases carry no price, say)."""
    need: Counter = Counter()
    depth, escaped, top_level = 0, False, []
    for ch in pattern:  # a slot inside a group may be optional or one of alternatives: only top-level ones count
        top_level.append(depth == 0)
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
    for m in _SLOT.finditer(pattern):
        codes = _SLOT_KINDS.get(m.group("kind"), "")
        if len(codes) == 1 and top_level[m.start()]:
            need[codes] += 1
    return need


@dataclass
class FactRule:
    id: str
    type: str
    patterns: list[regex.Pattern]
    description: str = ""
    borrow: dict[str, str] = field(default_factory=dict)
    same: list[str] = field(default_factory=list)
    party: str | None = None
    normalise: dict[str, dict[str, str]] = field(default_factory=dict)
    # Roles whose figure must not follow these words (a "net loss of" reads as negative), nor stand alone in
    # brackets ("(2.1)" is a negative figure; "(28% versus 35%)" is a bracketed comparison).
    reject_before: tuple[list[str], regex.Pattern, bool, regex.Pattern | None] | None = None
    reject_units: frozenset[str] = frozenset()  # units no count may have ("13-week" is a period; not a price per day)
    same_currency: list[str] = field(default_factory=list)
    # Per pattern, the words (lower case) it cannot match without, read from the pattern: a release that has
    # none of them is skipped with a plain substring test, far cheaper than any regex scan.
    requires: list[tuple[str, ...]] = field(default_factory=list)
    examples: list[dict] = field(default_factory=list)
    source: str = ""
    needs: list[Counter] = field(default_factory=list)
    # False: matches are read left to right without overlaps (a list read whole, once)
    overlapped: bool = True
    # "auto": loose when a match crosses a sentence end or borrows a role; "loose": every binding is weak
    # evidence (figures chosen among candidates); "tight": the phrase names each role whatever the distance.
    strength: str = "auto"
    # [total, part]: no part may be the total's very figure (a list holding its total counts levels reached by dates,
    # "150 by 2025, 250 by 2026 and 500 by 2027", never parts of it)
    distinct: list[str] = field(default_factory=list)
    sublimits: list[str] = field(default_factory=list)  # [total, part]: caps under a cap are sub-limits (signs.capped)
    # roles whose figure may not be printed with a sign ("(+12%)" beside an amount is its change, not its share)
    unsigned: list[str] = field(default_factory=list)
    # roles whose figure may not be followed by these words ("30.0% of total sales" is a share, not a change)
    reject_after: tuple[list[str], regex.Pattern] | None = None
    same_period: str = ""  # read across a sentence end, no two figures of clashing "quarter"s or "year"s (signs.clash)


def compile_fact_rules(raw_rules: list[dict]) -> list[FactRule | tablefacts.TableRule]:
    rules: list = []
    for raw in raw_rules:
        source = raw.get("_file", raw["id"])
        if raw.get("mechanism"):
            if raw["mechanism"] not in MECHANISMS or "type" not in raw:
                raise RuleError(f"{source}: fact rule {raw['id']!r}: unknown mechanism {raw['mechanism']!r} or no type")
            rules.append(tablefacts.TableRule(raw["id"], raw["type"], raw["mechanism"], tablefacts.options_of(raw, raw_rules)))
            continue
        if "type" not in raw or not raw.get("patterns"):
            raise RuleError(f"{source}: fact rule {raw['id']!r} needs a type and patterns")
        patterns, requires = [], []
        words = raw.get("words") or {}
        texts = [_with_words(p, words, source) for p in raw["patterns"]]
        needs = [_required_kinds(p) for p in texts]
        for n, p in enumerate(texts):
            body = _expand(p, source)
            requires.append(required_words(body))
            try:
                # a user's rule runs on the document's clock (built-in rules are linear by construction)
                patterns.append(timed(regex.compile(body, regex.I | regex.V0), f"{source} pattern {n + 1}"))
            except regex.error as exc:
                raise RuleError(f"{source} pattern {n + 1}: {exc}") from None
        normalise = {
            attr: {str(word).lower(): str(value) for value, words in groups.items() for word in words}
            for attr, groups in (raw.get("normalise") or {}).items()
        }
        reject = None
        if raw.get("reject_before"):
            spec = raw["reject_before"]
            reject = (list(spec["roles"]), timed(regex.compile(spec["pattern"] + r"\s*$"), f"{source} reject_before"),
                      bool(spec.get("enclosed")), timed(regex.compile(spec["alike"]), f"{source} alike")
                      if spec.get("alike") else None)
        after = raw.get("reject_after")
        after = (list(after["roles"]), timed(regex.compile(after["pattern"]), f"{source} reject_after")) if after else None
        if raw.get("strength") not in (None, "auto", "tight", "loose"):
            raise RuleError(f"{source}: fact rule {raw['id']!r}: strength is 'auto', 'tight' or 'loose'")
        rules.append(
            FactRule(raw["id"], raw["type"], patterns, raw.get("description", ""), dict(raw.get("borrow") or {}),
                     list(raw.get("same") or []), raw.get("party"), normalise, reject,
                     frozenset(raw.get("reject_units") or []), list(raw.get("same_currency") or []),
                     requires,
                     raw.get("examples") or [], source, needs,
                     overlapped=bool(raw.get("overlapped", True)), strength=raw.get("strength") or "auto",
                     distinct=list(raw.get("distinct") or []), sublimits=list(raw.get("sublimits") or []), unsigned=list(raw.get("unsigned") or []), reject_after=after, same_period=raw.get("same_period") or "")
        )
    return rules


@lru_cache(maxsize=8)
def fact_rules(extra_dirs: tuple[str, ...] = ()) -> list[FactRule]:
    return compile_fact_rules(load("facts", extra_dirs))


class FactFinder:
    def __init__(self, rules_dirs: tuple[str, ...] = ()):
        self.rules = fact_rules(tuple(rules_dirs))
        self.order = sorted(self.rules, key=lambda r: getattr(r, "mechanism", None) in LATE)  # a stable sort
        # Which phrase patterns (numbered across the rules, in order) can match an encoded release: one pass.
        self.prescan = Prescan([p for r in self.rules if not isinstance(r, tablefacts.TableRule) for p in r.patterns])
        # The qualifier words the quantity stage already read ("approximately") are cut from the encoding.
        words = sorted((str(w) for w in lexicon()["qualifiers"]), key=len, reverse=True)
        self.qualifier_cut = regex.compile(
            r"(?i)\b(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\s+(?:of\s+|to\s+)?$"
        )
        # Told ("fact", rule id, pattern index) of each fact kept, when the rule examples measure their coverage.
        self.record = None

    def find(self, text: str, mentions: list[Mention], meta: Metadata, sentence_starts: list[int]) -> list[Fact]:
        if not mentions:
            return []
        encoded = encode(text, mentions, sentence_starts, self.qualifier_cut)
        have = Counter(m.group("code") for m in _PLACEHOLDER.finditer(encoded))
        possible = self.prescan.possible(encoded)
        lowered = encoded.lower() if possible is None else ""
        k = -1  # the pattern's number across the phrase rules, as the prescan counts them
        by_id = {m.id: m for m in mentions}
        facts: list[Fact] = []
        seen: set[tuple] = set()
        reading = Reading(mentions, text, meta.dateline_date)
        for rule in self.order:
            if isinstance(rule, tablefacts.TableRule):
                late = (facts,) if rule.mechanism in LATE else ()
                for fact in MECHANISMS[rule.mechanism](rule, mentions, text, reading, *late):
                    key = (fact.type, tuple(sorted(fact.roles.items())))
                    if key not in seen:
                        seen.add(key)
                        facts.append(fact)
                continue
            for index, (pattern, need, words) in enumerate(zip(rule.patterns, rule.needs, rule.requires)):
                k += 1
                if possible is not None:
                    if k not in possible:
                        continue  # (asked first: most patterns stop at this set lookup)
                elif words and not any(word in lowered for word in words):
                    continue
                if any(have[code] < n for code, n in need.items()):
                    continue
                for match in pattern.finditer(encoded, overlapped=rule.overlapped):
                    roles = _roles(match)
                    if not roles:
                        continue
                    fact = self._make(rule, match, roles, by_id, facts, meta, text, reading)
                    if fact is None:
                        continue
                    key = (fact.type, tuple(sorted(fact.roles.items())))
                    if key in seen:
                        continue
                    seen.add(key)
                    facts.append(fact)
                    if self.record is not None:
                        self.record("fact", rule.id, index)
        facts.sort(key=lambda f: (min(by_id[i].start for i in f.roles.values()), f.type))
        for n, f in enumerate(facts):
            f.id = n
        return facts

    def _make(self, rule: FactRule, match, roles: dict[str, int], by_id, facts: list[Fact], meta: Metadata, text: str, reading: Reading):
        # Read across a sentence end, or a role borrowed: looser evidence (an error then needs a known mistake).
        loose = rule.strength == "loose" or rule.strength == "auto" and SENTENCE in match.group(0)[1:]
        # read across a sentence end, every role still its own words' (none borrowed): loose, but each figure is
        # the one its place in the pattern names, chosen by no figure agreeing (`named`)
        named = loose and rule.strength == "auto"
        for role, fact_type in rule.borrow.items():
            if role in roles:
                continue
            # Take the role from the closest fact of that type, preferring one stated before.
            anchor = min(by_id[i].start for i in roles.values() if not i == -1)
            donors = [f for f in facts if f.type == fact_type and role in f.roles]
            if not donors:
                return None
            before = [f for f in donors if by_id[f.roles[role]].start <= anchor]
            donor = (before or donors)[-1 if before else 0]
            roles[role] = donor.roles[role]
            loose, named = rule.strength != "tight", False
        if rule.reject_units and any(by_id[i].unit in rule.reject_units and by_id[i].kind != "price" for i in roles.values()) \
                or rule.reject_before and rejected(rule.reject_before, roles, by_id, text) \
                or rule.reject_after and followed(rule.reject_after, roles, by_id, text) \
                or rule.same_period and SENTENCE in match.group(0)[1:] and clash(roles, by_id, reading, rule.same_period == "year") \
                or rule.sublimits and capped(rule.sublimits, roles, by_id):
            return None
        if rule.same:
            # Figures compared must be alike: same kind, unit and currency ...
            ref = [by_id[mid] for r, mid in roles.items() if r in rule.same or r.rsplit("_", 1)[0] in rule.same]
            if len({(m.kind, m.unit, m.currency) for m in ref}) > 1:
                return None
        if any(by_id[roles[r]].text[:1] in "+-−±" for r in rule.unsigned if r in roles):
            return None
        if rule.distinct and rule.distinct[0] in roles and any(
                by_id[i].value == by_id[roles[rule.distinct[0]]].value
                for r, i in roles.items() if r.rsplit("_", 1)[0] == rule.distinct[1]):
            return None
        if rule.same_currency:
            # ... or, for a premium, any two amounts of one currency (a price against an index level).
            # A premium compares like with like: two unit values, or two aggregates ("$535 million" against
            # a market value in millions), never a total against a per-share price.
            ref = [by_id[roles[r]] for r in rule.same_currency if r in roles]
            if len({m.currency for m in ref}) > 1 or any(m.kind not in ("money", "price") for m in ref):
                return None
            if len({m.kind == "money" and m.scale is not None for m in ref}) > 1:
                return None
        attributes = {k: " ".join(v.lower().split()) for k, v in match.groupdict().items() if v and not k.startswith(("r_", "x_"))}
        for attr, words in rule.normalise.items():
            if attr in attributes:
                attributes[attr] = words.get(attributes[attr], attributes[attr])
        parties = {}
        if meta.issuer:
            parties["issuer"] = meta.issuer
        if rule.party:
            span_text = match.group(0)
            for short, full in meta.aliases.items():
                if short.lower() not in ("company", "issuer") and short in span_text and full != meta.issuer:
                    parties[rule.party] = full
                    break
        return Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=by_id[min(roles.values(), key=lambda i: by_id[i].start)].sentence,
                    attributes=attributes, parties=parties, strength="loose" if loose else "tight",
                    words=word_spans(match, attributes, text, by_id), named=bool(loose and named))


def _roles(match) -> dict[str, int]:
    roles: dict[str, int] = {}
    for name in match.re.groupindex:
        if not name.startswith("r_"):
            continue
        captures = match.captures(name)
        role = name[2:]
        if len(captures) == 1:
            roles[role] = int(captures[0])
        elif len(captures) > 1:
            for n, c in enumerate(captures, 1):
                roles[f"{role}_{n}"] = int(c)
    return roles
