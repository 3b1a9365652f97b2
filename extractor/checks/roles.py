"""A fact's roles for a formula: the readings its words allow, its figures as the inputs, and in words."""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from ..intervals import Interval
from ..models import Fact
from .compiler import Check
from .figures import Unusable, _bound, _frac, input_interval, input_point
from .findings import Context
from .wording import listing, named, role_stem, shown


def _role_values(fact: Fact, ctx: Context) -> dict[str, str]:
    """Each role's figure as printed; numbered roles also listed under their stem ("{part}": "A, B and C")."""
    values = {role: shown(ctx.by_id[mid].text) for role, mid in fact.roles.items()}
    groups: dict[str, list[str]] = {}
    for role, mid in sorted(fact.roles.items(), key=lambda r: ctx.by_id[r[1]].start):
        if role_stem(role) != role:
            groups.setdefault(role_stem(role), []).append(shown(ctx.by_id[mid].text))
    return {**{stem: listing(texts) for stem, texts in groups.items()}, **values}


def _namer(fact: Fact, ctx: Context) -> Callable[[str, str], str | None]:
    return lambda role, words: named(ctx.text, ctx.by_id[fact.roles[role]], words) if role in fact.roles else None


def _choices(check: Check, fact: Fact, signed: bool = False, sizes: tuple = ()) -> list[dict[str, int]]:
    """Every reading of the fact's words: one, or two for a word like "improvement". A stated figure printed with
    its own minus after a word that reads it down ("down -1.5%") may say the direction twice or once: both. The
    attributes in `sizes` read both ways too: between two losses printed negative, "narrowed by $0.04" or "a loss
    that increased $0.4 million" tells the loss's size, not its signed value."""
    readings: list[dict[str, int]] = [{}]
    for name, mapping in check.attributes.items():
        word = fact.attributes.get(name, "")
        if word not in mapping:
            return []
        values = (-1, 1) if signed and mapping[word] == (-1,) or name in sizes else mapping[word]
        readings = [{**r, name: v} for r in readings for v in values]
    return readings


def _shared_bound(check: Check, fact: Fact, ctx: Context) -> str | None:
    """The bound ("max" for "up to") that the stated figure and every bounded input share, if any."""
    stated = ctx.by_id[fact.roles[check.stated]]
    bound = _bound(stated.qualifier) if stated.qualifier else "around"
    if bound not in ("max", "min"):
        return None
    others = [ctx.by_id[i] for r, i in fact.roles.items() if r != check.stated]
    if all(_bound(m.qualifier) in ("around", bound) for m in others if m.qualifier):
        return bound
    return None


def _roles_env(check: Check, fact: Fact, ctx: Context, points: bool, choice: dict[str, int] | None = None,
               shared_bound: str | None = None, read=_frac):
    def env(name: str):
        if name in check.attributes:
            if not choice or name not in choice:
                raise Unusable(name)
            v = Fraction(choice[name])
            return [v if points else Interval.point(v)]
        ids = [mid for role, mid in fact.roles.items() if role == name or (role.startswith(name + "_") and role[len(name) + 1 :].isdigit())]
        if not ids:
            raise Unusable(name)
        return [(ctx.corrected[i] if points else Interval.point(ctx.corrected[i])) if i in ctx.corrected
                else input_point(ctx.by_id[i], ctx.year) if points else input_interval(ctx.by_id[i], ctx.year, shared_bound, read)
                for i in ids]

    return env


def _attribute_words(check: Check, fact: Fact) -> dict[str, str]:
    """`{dir_word}` is the word the release used ("premium"); `{dir_other}` its opposite ("discount");
    `{dir_word_a}` and `{dir_other_a}` the same with their article ("an increase", "a decrease")."""
    out = {}
    for name, mapping in check.attributes.items():
        word = fact.attributes.get(name)
        if word in mapping:
            out[f"{name}_word"], out[f"{name}_word_a"] = word, _with_article(word)
            opposite = [w for w, v in mapping.items() if len(v) == 1 and len(mapping[word]) == 1 and v[0] == -mapping[word][0]]
            if opposite:
                out[f"{name}_other"], out[f"{name}_other_a"] = opposite[0], _with_article(opposite[0])
    return out


def _with_article(word: str) -> str:
    # The attribute words are plain nouns (increase, decline, premium...): a vowel letter is a vowel sound.
    return ("an " if word[:1].lower() in "aeio" else "a ") + word


def _has_role(fact: Fact, role: str) -> bool:
    return role in fact.roles or any(r.startswith(role + "_") for r in fact.roles)
