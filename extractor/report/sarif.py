"""SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) read.

One run; `tool.driver.rules` lists every check rule loaded (built-in and the
user's own, read with `extractor.rules.load("checks")`) plus any rule a
finding names that is not among them. Each finding is one result with its
location in the original file (1-based lines, columns in Unicode code points:
`columnKind` says so), a fingerprint that survives lines moving (rule, stated
text and the line's normalised content, not its number), the proposed fix as
a SARIF `fix`, and `suppressions: [{kind: inSource}]` when a comment in the
draft suppressed it.

File URIs are relative to `%SRCROOT%`: the root of the git repository the
first draft lies in (`git rev-parse --show-toplevel` from its folder), the
folder `--sarif-root` names, or else the working folder; so a run from a
subfolder keeps the subfolder in the URI, as code scanning needs. A draft
outside that root gets an absolute file URI; standard input is `stdin`, or
the name `--stdin-filename` gives it.

The log is reproducible: it holds no time and no path of the machine it ran
on, so two runs over the same drafts write identical files. `times`
(`prfacts check --timestamp`) adds an `invocations` entry with the start and
end time, the working folder, and the root's address as `%SRCROOT%`'s uri.

Rule descriptors come from the rules' `docs` (`extractor.rules.docs`): help text
(what and why), help markdown (the rule's page), and `helpUri` where the pages
are published (`docs-url`, `--docs-url`, PRFACTS_DOCS_URL; see `.links`),
whose address is then the tool's `informationUri` too. Output stays within
GitHub code scanning's upload limits (`LIMITS`): past them the least severe
results are left out, and a notification says how many.

A Word document (.docx) is a zip, where a character offset means nothing: its
regions count lines as paragraphs (every paragraph of the body in reading
order, a table cell's included) and columns as characters in the paragraph,
the location's `message` names the paragraph by its opening words (and its
table cell), a logical location of kind `element` names it for tools, and no
SARIF `fix` is given (a replacement region cannot apply to the zip; the
result's `expected` property and `prfacts check --fix` remain).

A `Checked` may carry `source` (the `SourceText`: end positions, fix regions
and fingerprints come from it) and `rules_dirs` (the user's rule folders);
without them the report still holds, from the fact sheet alone.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..models import SEVERITIES, Finding
from ..checks.wording import role_words
from . import Checked, formatter

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "prfacts/v1"
STDIN_NAMES = ("-", "<stdin>")
# GitHub code scanning's upload limits (docs: "SARIF results exceed limit"): a file over them is rejected.
LIMITS = {"runs": 20, "results_per_run": 25_000, "rules_per_run": 25_000, "locations_per_result": 1_000,
          "related_locations_per_result": 100, "tags_per_rule": 20, "rule_id_chars": 255}
RANK = {s: n for n, s in enumerate(SEVERITIES)}


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


def _descriptor(rule: dict, seen_severity: str | None = None, docs_url: str | None = None) -> dict:
    from ..rules import docs as ruledocs
    from .links import doc_url

    rid = str(rule["id"])
    help_text = ruledocs.help_text(rule) or f"prfacts check {rid}"
    what = ruledocs.sections(rule)[0][1] if ruledocs.sections(rule) else help_text
    severity = rule.get("severity") if rule.get("severity") in LEVEL else (seen_severity or "warning")
    descriptor = {
        "id": rid,
        "name": _pascal(rid),
        "shortDescription": {"text": ruledocs.title(rule)},
        "fullDescription": {"text": what},
        "help": {"text": help_text, "markdown": ruledocs.page_body("checks", rule)},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"tags": ["prfacts", "press-release"]},
    }
    safety = ((rule.get("docs") or {}).get("fix") or {}).get("safety")
    if safety:
        descriptor["properties"]["fixSafety"] = safety
    url = doc_url(rid, docs_url, published=True)
    if url:
        descriptor["helpUri"] = url
    return descriptor


@lru_cache(maxsize=64)
def _git_root(folder: str) -> Path | None:
    """The top of the git work tree `folder` is in, or None (no git, or not in a repository)."""
    try:
        done = subprocess.run(["git", "-C", folder, "rev-parse", "--show-toplevel"], capture_output=True,
                              text=True, timeout=30, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    top = done.stdout.strip()
    return Path(top).resolve() if done.returncode == 0 and top else None


def source_root(paths: list[str], root: str | None = None) -> Path:
    """What `%SRCROOT%` stands for: `root` if given, else the first draft's repository, else the working folder."""
    if root:
        return Path(root).resolve()
    for path in paths:
        if path in STDIN_NAMES:
            continue
        folder = Path(path).absolute().parent
        while not folder.is_dir() and folder != folder.parent:  # a name given to stdin need not exist
            folder = folder.parent
        return _git_root(str(folder)) or Path.cwd().resolve()
    return _git_root(str(Path.cwd())) or Path.cwd().resolve()


def _uri(path: str, root: Path) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to the root with forward slashes, else an absolute file URI."""
    if path in STDIN_NAMES:
        return "stdin", None
    full = Path(path).absolute().resolve()
    try:
        rel = full.relative_to(root)
    except ValueError:
        return full.as_uri(), None
    return quote(rel.as_posix(), safe="/-._~"), "%SRCROOT%"


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
        from ..reading.fixes import edit_for

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


def _paragraph_location(f: Finding) -> dict:
    """A Word document's paragraph as a person (the message) and a tool (the logical location) find it."""
    p = f.paragraph
    name = f"paragraph {p.number}"
    full = f"table {p.table}/row {p.row}/column {p.column}/{name}" if p.table is not None else name
    return {"message": {"text": p.label()},
            "logicalLocations": [{"name": name, "fullyQualifiedName": full, "kind": "element"}]}


def _result(r: Checked, f: Finding, fingerprint: str, rule_index: int, uri: str, base: str | None) -> dict:
    res: dict = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": _location(uri, base), "region": _region(r, f)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    related = _related(r, f, uri, base)[: LIMITS["related_locations_per_result"]]
    if related:
        res["relatedLocations"] = related
    if f.paragraph is not None:
        res["locations"][0].update(_paragraph_location(f))
    fix = _fix(r, f, uri, base) if f.paragraph is None else None  # a replacement region means nothing in a zip
    if fix:
        res["fixes"] = [fix]
    if f.suppressed:
        res["suppressions"] = [{"kind": "inSource", "justification": "prfacts-disable comment in the draft"}]
    props = {k: v for k, v in (("stated", f.stated), ("expected", f.expected)) if v is not None}
    if props:
        res["properties"] = props
    return res


def _docs_url(results: list[Checked]) -> str | None:
    """The docs-url the checked files' configuration (or --docs-url) gives; one run has one."""
    from .links import configured

    return next(filter(None, map(configured, results)), None)


def _capped(findings: list[tuple[Checked, Finding]]) -> tuple[list[tuple[Checked, Finding]], int]:
    """At most the results one run may hold: the most severe kept, in their order; and how many were left out."""
    cap = LIMITS["results_per_run"]
    if len(findings) <= cap:
        return findings, 0
    keep = sorted(range(len(findings)), key=lambda i: (RANK.get(findings[i][1].severity, 1), i))[:cap]
    return [findings[i] for i in sorted(keep)], len(findings) - cap


def sarif_log(results: list[Checked], times: tuple[datetime, datetime] | None = None, root: str | None = None) -> dict:
    from .links import published_base

    docs_url = _docs_url(results)
    rules = [_descriptor(r, docs_url=docs_url) for r in _loaded_rules(results)]
    index = {r["id"]: i for i, r in enumerate(rules)}
    for r in results:
        for f in r.sheet.findings:
            if f.rule not in index:
                index[f.rule] = len(rules)
                rules.append(_descriptor({"id": f.rule}, f.severity, docs_url))

    top = source_root([r.path for r in results], root)
    kept, left_out = _capped([(r, f) for r in results for f in r.sheet.findings])
    sarif_results, seen, uris = [], {}, {}
    for r, f in kept:
        uri, base = uris.setdefault(id(r), _uri(r.path, top))
        fp = _fingerprint(r, f)
        seen[(id(r), fp)] = n = seen.get((id(r), fp), 0) + 1
        sarif_results.append(_result(r, f, f"{fp}:{n}", index[f.rule], uri, base))

    driver = {"name": "prfacts", "version": __version__, "semanticVersion": __version__}
    if published_base(docs_url):  # the project's own address, only where the user published the pages
        driver["informationUri"] = published_base(docs_url)
    driver["rules"] = rules
    run: dict = {"tool": {"driver": driver}}
    invocation = _invocation(times, left_out)
    if invocation:
        run["invocations"] = [invocation]
    srcroot: dict = {"description": {"text": "The root of the drafts' git repository (or --sarif-root)"}}
    if times is not None:  # asked for: where this run happened (differs from machine to machine)
        srcroot["uri"] = top.as_uri().rstrip("/") + "/"
    run["originalUriBaseIds"] = {"%SRCROOT%": srcroot}
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = sarif_results
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _invocation(times: tuple[datetime, datetime] | None, left_out: int) -> dict | None:
    if times is None and not left_out:
        return None
    invocation: dict = {"executionSuccessful": True}
    if times is not None:
        invocation.update({"startTimeUtc": _utc(times[0]), "endTimeUtc": _utc(times[1]),
                           "workingDirectory": {"uri": Path.cwd().resolve().as_uri().rstrip("/") + "/"}})
    if left_out:
        invocation["toolExecutionNotifications"] = [{"level": "warning", "message": {
            "text": f"{left_out} less severe results left out: one run may hold {LIMITS['results_per_run']}"}}]
    return invocation


def _utc(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@formatter("sarif")
def render_sarif(results: list[Checked], times: tuple[datetime, datetime] | None = None, root: str | None = None) -> str:
    return json.dumps(sarif_log(results, times, root), indent=2, ensure_ascii=False) + "\n"
