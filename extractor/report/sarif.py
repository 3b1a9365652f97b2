"""SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) read.

One run; `tool.driver.rules` lists every check rule loaded (built-in and the
user's own, read with `extractor.rules.load("checks")`) plus any rule a
finding names that is not among them. Each finding is one result with its
location in the original file (1-based lines, columns in Unicode code points:
`columnKind` says so), a fingerprint that survives lines moving (rule, stated
text and the line's normalised content, not its number), the proposed fix as
a SARIF `fix`, and `suppressions: [{kind: inSource}]` when a comment in the
draft suppressed it.

The log is reproducible: it holds no time and no path of the machine it ran
on (file URIs are relative to the working folder, `%SRCROOT%`, unless a draft
lies outside it), so two runs over the same drafts write identical files.
`times` (`prfacts check --timestamp`) adds an `invocations` entry with the
start and end time and the working folder as the `%SRCROOT%` base.

A `Checked` may carry `source` (the `SourceText`: end positions, fix regions
and fingerprints come from it) and `rules_dirs` (the user's rule folders);
without them the report still holds, from the fact sheet alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..models import Finding
from ..wording import role_words
from . import Checked, formatter

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://prfacts.dev/"  # the namespace `prfacts schema` uses for its $id
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "prfacts/v1"


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    m = re.search(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text)
    return text[: m.start()] if m else text


def _text(value) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _pascal(rule_id: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^A-Za-z0-9]+", rule_id) if p) or "Rule"


def _loaded_rules(results: list[Checked]) -> list[dict]:
    from ..rules import RuleError, load

    dirs: list[str] = []
    for r in results:
        for d in getattr(r, "rules_dirs", ()) or ():
            if d not in dirs:
                dirs.append(d)
    out: dict[str, dict] = {}
    # Built-in rules once, then each user folder on its own (so one bad folder costs only its rules).
    for extra in [()] + [(d,) for d in dirs]:
        try:
            for item in load("checks", extra):
                out.setdefault(str(item["id"]), item)
        except (RuleError, OSError):
            continue
    return list(out.values())


def _descriptor(rule: dict, seen_severity: str | None = None) -> dict:
    rid = str(rule["id"])
    description = _text(rule.get("description")) or _text(rule.get("message")) or f"prfacts check {rid}"
    title = _text(rule.get("title")) or _first_sentence(description)
    help_text = _text(rule.get("help")) or _text(rule.get("fix")) or description
    if rule.get("fix") is True:
        help_text += " prfacts proposes the corrected figure: `prfacts check --fix` applies it, `--diff` shows it."
    severity = rule.get("severity") if rule.get("severity") in LEVEL else (seen_severity or "warning")
    markdown = f"**{title}**\n\n{description}"
    if help_text != description:
        markdown += f"\n\n{help_text}"
    return {
        "id": rid,
        "name": _pascal(rid),
        "shortDescription": {"text": title},
        "fullDescription": {"text": description},
        "help": {"text": help_text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"tags": ["prfacts", "press-release"]},
    }


def _uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to the working folder with forward slashes, else an absolute file URI."""
    p = Path(path)
    cwd = Path.cwd()
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(cwd.resolve())
        except ValueError:
            return p.resolve().as_uri(), None
    rel = os.path.normpath(str(p)).replace(os.sep, "/")
    if rel.startswith("../") or rel == "..":
        return (cwd / p).resolve().as_uri(), None
    return quote(rel, safe="/-._~"), "%SRCROOT%"


def _location(uri: str, base: str | None) -> dict:
    loc = {"uri": uri}
    if base:
        loc["uriBaseId"] = base
    return loc


def _region(result: Checked, f: Finding) -> dict:
    source = getattr(result, "source", None)
    if source is not None and 0 <= f.start <= f.end <= len(source.text):
        _, b = source.original_span(f.start, f.end)
        end_line, end_col = source.original_line_col(b)
    else:
        end_line, end_col = f.line, f.column + max(0, f.end - f.start)
    if (end_line, end_col) < (f.line, f.column):
        end_line, end_col = f.line, f.column
    region = {"startLine": f.line, "startColumn": f.column, "endLine": end_line, "endColumn": end_col}
    if source is not None:
        a, b = source.original_span(f.start, f.end)
        snippet = source.original[a:b]
        if snippet:
            region["snippet"] = {"text": snippet}
    return region


def _line_text(result: Checked, line: int) -> str | None:
    source = getattr(result, "source", None)
    if source is None:
        return None
    lines = source.original.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else None


def _fingerprint(result: Checked, f: Finding) -> str:
    line = _line_text(result, f.line)
    if line is None:
        line = " ".join(e.text for e in f.evidence)
    normal = " ".join(line.split()).lower()
    key = "\0".join((f.rule, f.stated or "", normal))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _fix(result: Checked, f: Finding, uri: str, base: str | None) -> dict | None:
    if f.fix is None:
        return None
    source = getattr(result, "source", None)
    if source is not None:
        from ..fixes import edit_for

        edit = edit_for(source, f)
        if edit is None:
            return None
        sl, sc = source.original_line_col(edit.start)
        el, ec = source.original_line_col(edit.end)
        old, new = edit.old, edit.replacement
    else:
        sl, el = f.line, f.line
        sc = f.column + (f.fix.start - f.start)
        ec = sc + (f.fix.end - f.fix.start)
        old, new = f.stated or "", f.fix.replacement
        if sc < 1:
            return None
    return {
        "description": {"text": f"Replace '{old}' with '{new}'" if old else f"Insert '{new}'"},
        "artifactChanges": [
            {
                "artifactLocation": _location(uri, base),
                "replacements": [
                    {
                        "deletedRegion": {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec},
                        "insertedContent": {"text": new},
                    }
                ],
            }
        ],
    }


def _related(result: Checked, f: Finding, uri: str, base: str | None) -> list[dict]:
    """The figures a finding relates (its evidence), as SARIF related locations."""
    source = getattr(result, "source", None)
    related = []
    for n, e in enumerate(f.evidence):
        if source is None or not (0 <= e.start <= e.end <= len(source.text)):
            continue
        a, b = source.original_span(e.start, e.end)
        sl, sc = source.original_line_col(a)
        el, ec = source.original_line_col(b)
        related.append({
            "id": n + 1,
            "message": {"text": f"{role_words(e.role)}: {e.text}"},
            "physicalLocation": {
                "artifactLocation": _location(uri, base),
                "region": {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec},
            },
        })
    return related


def sarif_log(results: list[Checked], times: tuple[datetime, datetime] | None = None) -> dict:
    rules = [_descriptor(r) for r in _loaded_rules(results)]
    index = {r["id"]: i for i, r in enumerate(rules)}
    for r in results:
        for f in r.sheet.findings:
            if f.rule not in index:
                index[f.rule] = len(rules)
                rules.append(_descriptor({"id": f.rule}, f.severity))

    sarif_results = []
    for r in results:
        uri, base = _uri(r.path)
        seen: dict[str, int] = {}
        for f in r.sheet.findings:
            fp = _fingerprint(r, f)
            seen[fp] = seen.get(fp, 0) + 1
            res: dict = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": LEVEL.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": _location(uri, base), "region": _region(r, f)}}
                ],
                "partialFingerprints": {FINGERPRINT_KEY: f"{fp}:{seen[fp]}"},
            }
            related = _related(r, f, uri, base)
            if related:
                res["relatedLocations"] = related
            fix = _fix(r, f, uri, base)
            if fix:
                res["fixes"] = [fix]
            if f.suppressed:
                res["suppressions"] = [{"kind": "inSource", "justification": "prfacts-disable comment in the draft"}]
            props = {k: v for k, v in (("stated", f.stated), ("expected", f.expected)) if v is not None}
            if props:
                res["properties"] = props
            sarif_results.append(res)

    driver = {"name": "prfacts", "version": __version__, "semanticVersion": __version__,
              "informationUri": INFORMATION_URI, "rules": rules}
    run: dict = {"tool": {"driver": driver}}
    if times is not None:  # asked for: when and where this run happened (differs from run to run)
        root = Path.cwd().resolve().as_uri() + "/"
        run["invocations"] = [{"executionSuccessful": True, "startTimeUtc": _utc(times[0]),
                               "endTimeUtc": _utc(times[1]), "workingDirectory": {"uri": root}}]
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": root}}
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = sarif_results
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _utc(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@formatter("sarif")
def render_sarif(results: list[Checked], times: tuple[datetime, datetime] | None = None) -> str:
    return json.dumps(sarif_log(results, times), indent=2, ensure_ascii=False) + "\n"
