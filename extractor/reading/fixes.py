"""Applying the fixes that findings propose: `prfacts check --fix` and `--diff`.

A finding's fix is a replacement of `[start, end)` in the analysed text. Here
it becomes an edit of the original file: offsets are mapped back through the
`SourceText` (Markdown keeps offsets, HTML maps them run by run), the
original's slice must still read as the analysed slice (else the edit is not
safe and is skipped), and in HTML the replacement is escaped. Suppressed
findings are never fixed; of overlapping edits the first (by position) wins.
Files are written atomically: a temporary file in the same folder, then
`os.replace`, keeping the file's mode, byte-order mark and line endings.
"""

from __future__ import annotations

import difflib
import html
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .encodings import decode_text, encode_text
from .source import SourceText
from ..models import Finding


@dataclass(frozen=True)
class Edit:
    start: int  # offsets in the original text
    end: int
    replacement: str
    rule: str
    old: str


def edit_for(source: SourceText, finding: Finding) -> Edit | None:
    """The original-file edit of a finding's fix, or None when it has none or it cannot be mapped safely."""
    fix = finding.fix
    if fix is None or fix.start < 0 or fix.end > len(source.text) or fix.start > fix.end:
        return None
    analysed = source.text[fix.start:fix.end]
    a, b = source.original_span(fix.start, fix.end)
    if fix.start == fix.end:  # a pure insertion
        a = b = source.to_original(fix.start)
    old = source.original[a:b]
    replacement = fix.replacement
    if source.format == "html":
        if html.unescape(old).replace("\xa0", " ") != analysed:
            return None
        replacement = html.escape(replacement, quote=False)
    elif old != analysed:
        return None
    return Edit(a, b, replacement, finding.rule, old)


def plan(source: SourceText, findings: Iterable[Finding]) -> tuple[list[Edit], list[Finding]]:
    """The edits to make (sorted, non-overlapping) and the fixable findings that were skipped."""
    edits: list[Edit] = []
    skipped: list[Finding] = []
    candidates = []
    for f in findings:
        if f.suppressed or f.fix is None:
            continue
        e = edit_for(source, f)
        if e is None:
            skipped.append(f)
        else:
            candidates.append((e, f))
    candidates.sort(key=lambda ef: (ef[0].start, ef[0].end))
    last_end = -1
    seen: set[tuple[int, int, str]] = set()
    for e, f in candidates:
        key = (e.start, e.end, e.replacement)
        if key in seen:  # two findings proposing the same edit: make it once
            continue
        if e.start < last_end:  # overlaps an edit already taken
            skipped.append(f)
            continue
        seen.add(key)
        edits.append(e)
        last_end = e.end
    return edits, skipped


def apply_edits(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True)
class FixResult:
    data: bytes  # the corrected file, in the encoding it came in
    applied: list[Edit]
    skipped: list[Finding]


def fix_document(data: bytes, source: SourceText, findings: Iterable[Finding]) -> FixResult:
    """The file `data`, already read as `source`, with the fixes of `findings` applied.

    The findings must come from analysing that source: their offsets index its text. Nothing to apply
    gives the bytes back untouched (a file's byte-order mark and line ends stay as they were).
    """
    if source.format == "docx":  # fixed in its runs, so its formatting stays
        from .docx import fix_docx

        fixed, edits, not_made = fix_docx(data, findings, source)
        return FixResult(fixed, edits, [f for f, _ in not_made])
    edits, skipped = plan(source, findings)
    if not edits:
        return FixResult(data, [], skipped)
    return FixResult(encode_text(apply_edits(source.original, edits), source.encoding or "utf-8"), edits, skipped)


def unified_diff(path: str, old: str, new: str, context: int = 3) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}",
        n=context,
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write_atomic(path: str | Path, text: str, encoding: str | None = None) -> None:
    """Replace a file's text in one step: temp file in the same folder, fsync, os.replace.

    The file keeps its encoding: the one it was read with (`encoding`, from the reading stage), or failing
    that the one its bytes show (a cp1252 exhibit stays cp1252, a UTF-16 file keeps its byte-order mark);
    its mode is kept; line endings are the text's own.
    """
    path = Path(os.path.realpath(path))  # a symlinked draft: write its target, keep the link
    try:
        used = encoding or decode_text(path.read_bytes(), str(path))[1]
    except FileNotFoundError:
        used = encoding or "utf-8"
    write_bytes_atomic(path, encode_text(text, used))


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Replace a file's bytes in one step (a Word document's too): temp file in the same folder, fsync,
    os.replace; the file's mode is kept."""
    path = Path(os.path.realpath(path))
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".prfacts-tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
