"""A file's lines in its own terms: where they start whatever the line endings (CRLF, lone CR, LF), where a
string occurs, and line endings made "\n" before any reader sees the text, with the offset map back."""

from __future__ import annotations

import regex


# A line ends at CRLF, a lone CR or LF: lines and columns are counted in the file's own terms.
_LINE_END = regex.compile(r"\r\n?|\n")


def occurrences(text: str, needle: str) -> list[int]:
    """Where `needle` starts in `text`, in order (found once, then looked up by binary search)."""
    out, at = [], text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


def line_starts(original: str) -> list[int]:
    """Offsets where the lines of a file's text start, whatever its line endings."""
    return [0] + [m.end() for m in _LINE_END.finditer(original)]


def normalise_newlines(content: str) -> tuple[str, list[int], list[int]]:
    """`content` with CRLF and lone CR as LF, and the runs mapping its offsets back to `content`'s.

    A lone CR becomes one LF (no offset moves); each CRLF loses its CR, so the
    text after it starts a new run. An LF maps to the CR it replaces, the end
    of the file's line.
    """
    if "\r" not in content:
        return content, [], []
    runs_at, runs_to = [0], [0]
    for n, m in enumerate(regex.finditer(r"\r\n", content), 1):
        runs_at.append(m.end() - n)
        runs_to.append(m.end())
    return content.replace("\r\n", "\n").replace("\r", "\n"), runs_at, runs_to
