"""The rule files' schema: one pydantic model per kind of rule, unknown keys forbidden.

Every document of every rule file (built-in and a user's `--rules-dir`) is checked against the model of its
kind before any stage compiles it, so a misspelled key is an error naming the file, the line and the key
instead of a setting silently ignored. The kind of a document is known from its folder (`quantities`,
`facts`, `checks`) and its own keys; `prfacts rules schema` prints the JSON Schema the models give, for
editors (`rules/schema.json`).
"""

from __future__ import annotations

import difflib
import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..models import SEVERITIES

Scalar = str | int | float | bool | None


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False)

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        # pydantic's own "extra_forbidden" names the key but not what was meant: say it here, with a suggestion.
        if isinstance(data, dict):
            known = [f.alias or name for name, f in cls.model_fields.items()]
            for key in data:
                if key not in known:
                    close = difflib.get_close_matches(str(key), known, n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    raise PydanticCustomError("unknown_key", "unknown key {key!r}{hint}", {"key": key, "hint": hint})
        return data


# ---------------------------------------------------------------- shared parts


class DocsExample(Strict):
    bad: str
    good: str


class DocsFix(Strict):
    how: str
    safety: Literal["safe", "unsafe", "none"]


class Docs(Strict):
    """What `rules explain`, `docs/rules/` and SARIF show."""

    what: str | None = None
    why: str | None = None
    example: DocsExample | None = None
    fix: DocsFix | None = None


class Rule(Strict):
    id: str
    description: str | None = None
    docs: Docs | None = None


# ---------------------------------------------------------------- rules/quantities


class MentionExpect(Strict):
    """A mention an example must yield; the fields listed are compared as text, the others not at all."""

    kind: str | None = None
    text: str | None = None
    value: Scalar = None
    low: Scalar = None
    high: Scalar = None
    unit: Scalar = None
    currency: Scalar = None
    qualifier: Scalar = None
    subject: Scalar = None


class QuantityExample(Strict):
    text: str
    expect: list[MentionExpect] = Field(default_factory=list)
    todo: bool = False  # a known gap: run, expected to fail


class QuantityRule(Rule):
    kind: str
    examples: list[QuantityExample] = Field(default_factory=list)
    todo: list[QuantityExample] = Field(default_factory=list)
    subject_after: str | None = None
    subject_before: str | None = None
    unit_after: str | None = None


class BaseQuantityRule(QuantityRule):
    """Finds candidates: regexes built from named fragments (`{NUMBER}`, `{SCALE_AFTER}`)."""

    patterns: list[str] = Field(min_length=1)


class Context(Strict):
    before: str | None = None
    after: str | None = None
    extend: bool = False
    unit: str | None = None
    unscaled_only: bool = False
    unless_after: str | None = None
    figure: str | None = None

    @model_validator(mode="after")
    def _one_side(self) -> Context:
        if not self.before and not self.after:
            raise ValueError("a context needs 'before' or 'after'")
        return self


class RefiningQuantityRule(QuantityRule):
    """Retypes a base candidate by the words around it."""

    refines: str
    contexts: list[Context] = Field(min_length=1)


class Lexicon(Rule):
    scales: dict[str, Any]
    currency_symbols: dict[str, Any]
    currency_codes: list[str]
    currency_words: dict[str, Any]
    currency_subunits: dict[str, Any] = Field(default_factory=dict)
    currency_subunit_marks: dict[str, Any] = Field(default_factory=dict)
    qualifiers: dict[str, Any]
    months: dict[str, Any]
    number_words: dict[str, Any]
    fractions: dict[str, Any]
    multiples: dict[str, Any]
    ordinal_quarters: dict[str, Any]
    weekdays: list[str]
    abbreviations: list[str] = Field(default_factory=list)
    subject_stop_words: str | None = None
    phrase_through_words: str | None = None
    compound_tails: str | None = None


class Fragments(Rule):
    fragments: dict[str, str]
    examples: list[QuantityExample] = Field(default_factory=list)
    todo: list[QuantityExample] = Field(default_factory=list)


# ---------------------------------------------------------------- rules/facts


class FactExpect(Strict):
    type: str
    roles: dict[str, str]
    attributes: dict[str, Scalar] = Field(default_factory=dict)


class FactExample(Strict):
    text: str
    expect: list[FactExpect] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    todo: bool = False


class FactRule(Rule):
    type: str
    examples: list[FactExample] = Field(default_factory=list)
    todo: list[FactExample] = Field(default_factory=list)


class RejectBefore(Strict):
    roles: list[str]
    pattern: str
    enclosed: bool = False
    alike: str | None = None  # found earlier in every other role's clause: all share the sign, none is rejected


class RejectAfter(Strict):
    """Roles whose figure may not be followed by these words: "30% of total sales" is a share, not a change."""

    roles: list[str]
    pattern: str


class PatternFactRule(FactRule):
    """Regexes over the encoded release, written with slot macros (`{price:reference}`, `{gap}`)."""

    patterns: list[str] = Field(min_length=1)
    # named word lists a pattern writes as `{=name}`: one list of change verbs, not a copy in every pattern
    words: dict[str, list[str]] = Field(default_factory=dict)
    borrow: dict[str, str] = Field(default_factory=dict)
    same: list[str] = Field(default_factory=list)
    same_currency: list[str] = Field(default_factory=list)
    # [total, part]: no part may be the total's own figure (a list of levels reached, not of parts)
    distinct: list[str] = Field(default_factory=list, max_length=2)
    # [total, part]: a cap ("up to") whose every part is a cap too lists sub-limits, which need not add up to it
    sublimits: list[str] = Field(default_factory=list, max_length=2)
    # roles whose figure may not be printed with a sign (a signed percentage is a change)
    unsigned: list[str] = Field(default_factory=list)
    party: str | None = None
    normalise: dict[str, dict[str, list[str]]] = Field(default_factory=dict)
    reject_before: RejectBefore | None = None
    reject_after: RejectAfter | None = None
    reject_units: list[str] = Field(default_factory=list)
    # read across a sentence end, no two roles' figures may name clashing quarters (or full year), or years too
    same_period: Literal["", "quarter", "year"] = ""
    overlapped: bool = True
    strength: Literal["auto", "tight", "loose"] = "auto"


class MechanismFactRule(FactRule):
    """Facts a mechanism of its own binds (tables, restatements, margins, footings)."""

    mechanism: str
    options: dict[str, Any] = Field(default_factory=dict)


# ---------------------------------------------------------------- rules/checks


class Flagged(Strict):
    """A text the check must flag once, on `flagged`."""

    text: str
    flagged: str
    expected: str | int | float | None = None
    message_contains: str | None = None
    severity: Literal[SEVERITIES] | None = None
    fix: str | None = None  # the text the fix writes in place of `flagged`


def _text_or_item(value: Any) -> str:
    return "text" if isinstance(value, str) else "item"


TextOrFlagged = Annotated[Annotated[str, Tag("text")] | Annotated[Flagged, Tag("item")],
                          Discriminator(_text_or_item)]


class CheckExamples(Strict):
    pass_: list[str] = Field(default_factory=list, alias="pass")
    fail: list[Flagged] = Field(default_factory=list)
    info: list[Flagged] = Field(default_factory=list)
    todo: list[TextOrFlagged] = Field(default_factory=list)  # known gaps: run, expected to fail


class Diagnosis(Strict):
    formula: str
    message: str
    severity: Literal[SEVERITIES] | None = None
    # the diagnosis blames a word the fact captured, not the figure: the fix rewrites that word (an attribute's)
    # into its opposite in the same form, one pair each way ("increased": "decreased")
    rewrite: dict[str, dict[str, str]] = Field(default_factory=dict)


class CheckRule(Rule):
    description: str
    message: str
    title: str | None = None
    severity: Literal[SEVERITIES] = "error"
    mechanism: str = "formula"
    fact: str | None = None
    stated: str | None = None
    formula: str | None = None
    requires: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    attributes: dict[str, dict[str, int | list[int]]] = Field(default_factory=dict)
    diagnoses: list[Diagnosis] = Field(default_factory=list)
    fix: bool = False
    compare_with: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    examples: CheckExamples = Field(default_factory=CheckExamples)
    help: str | None = None

    @model_validator(mode="after")
    def _formula_parts(self) -> CheckRule:
        if self.mechanism == "formula":
            missing = [k for k in ("fact", "stated", "formula") if not getattr(self, k)]
            if missing:
                raise ValueError(f"a formula check needs {', '.join(missing)}")
        return self


# ---------------------------------------------------------------- which model a document is

STAGES = ("quantities", "facts", "checks")


def kind_of(doc: dict, stage: str | None) -> type[Rule] | str:
    """The model of a rule document in `stage`'s folder (None: a flat folder, the kind read from its keys);
    a string says why it fits no kind."""
    stage = stage or stage_of(doc)
    if stage == "quantities":
        if doc.get("id") in ("lexicon", "fragments"):
            return Lexicon if doc["id"] == "lexicon" else Fragments
        if "refines" in doc or "contexts" in doc:
            return RefiningQuantityRule
        if "patterns" in doc:
            return BaseQuantityRule
        return "fits no quantity rule kind: a base rule has 'patterns', a refining rule 'refines' and 'contexts'"
    if stage == "facts":
        if "mechanism" in doc:
            return MechanismFactRule
        if "patterns" in doc:
            return PatternFactRule
        return "fits no fact rule kind: a fact rule has 'patterns' or a 'mechanism'"
    if stage == "checks":
        return CheckRule
    return "fits no rule kind: a check has 'message', a fact rule 'type', a quantity rule 'kind'"


def stage_of(doc: dict) -> str | None:
    """The folder a rule found in a flat user folder belongs to, from its own keys."""
    if "message" in doc or "formula" in doc or "fact" in doc:
        return "checks"
    if "type" in doc:
        return "facts"
    if "kind" in doc or "refines" in doc or doc.get("id") in ("lexicon", "fragments"):
        return "quantities"
    return None


def explain(error: ValidationError, doc: dict, lines: dict, line: int) -> tuple[int, str]:
    """The line and words of a validation error's first problem."""
    err = error.errors()[0]
    here, path, key = doc, [], None
    for step in err["loc"]:
        entry = lines.get(id(here))
        if isinstance(here, dict) and step in here:
            line = entry[1].get(step, line) if entry else line
            here, key = here[step], step
            path.append(str(step))
        elif isinstance(here, list) and isinstance(step, int) and step < len(here):
            line = entry[1][step] if entry else line
            here = here[step]
            path[-1:] = [f"{path[-1] if path else ''}[{step}]"]
        elif isinstance(step, str) and err["type"] == "missing" and step == err["loc"][-1]:
            key = step  # a missing key: the line of the mapping it belongs in
    where = ".".join(path)
    if err["type"] == "unknown_key":
        unknown = err["ctx"]["key"]
        entry = lines.get(id(here))
        line = entry[1].get(unknown, line) if entry else line
        inside = f" in {where}" if where else ""
        return line, f"unknown key {unknown!r}{inside}{err['ctx']['hint']}"
    if err["type"] == "missing":
        inside = f" in {where}" if where else ""
        return line, f"missing key {key!r}{inside}"
    message = err["msg"].removeprefix("Value error, ")
    return line, f"key {where!r}: {message}" if where else message


def validate(doc: Any, stage: str | None, lines: dict, line: int) -> str | None:
    """None when `doc` is a valid rule of `stage`, else the problem as `LINE: rule ID: words`."""
    if not isinstance(doc, dict) or "id" not in doc:
        return f"{line}: each rule needs a mapping with an 'id'"
    model = kind_of(doc, stage)
    if isinstance(model, str):
        return f"{line}: rule {doc['id']}: {model}"
    try:
        model.model_validate(doc)
    except ValidationError as exc:
        at, words = explain(exc, doc, lines, line)
        return f"{at}: rule {doc['id']}: {words}"
    return None


def json_schema() -> dict:
    """One JSON Schema for any rule file, for editors (the YAML language server)."""
    any_rule = (BaseQuantityRule | RefiningQuantityRule | Lexicon | Fragments | PatternFactRule | MechanismFactRule
                | CheckRule)
    schema = TypeAdapter(any_rule).json_schema(by_alias=True)
    one = {"anyOf": schema["anyOf"]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "prfacts rule file",
            "$defs": schema["$defs"], "anyOf": [one, {"type": "array", "items": one}]}


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
