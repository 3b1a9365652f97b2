"""Reading a regex pattern as text: its top-level items, its classes, its opening and closing look-arounds.

The prescan and the gates hand patterns to Hyperscan, which has no look-arounds; these read where a pattern's
look-arounds stand, without compiling it, so each can be kept, read as text or dropped.
"""

from __future__ import annotations

import regex

ZERO_WIDTH = ("(?=", "(?!", "(?<=", "(?<!", "\\b", "\\B", "^", "$", "\\A", "\\Z", "\\G")


def anchored(pattern: str) -> str:
    """The pattern with its opening look-behind and closing look-ahead read as text: `(?<=Form )\\d+` becomes
    `(?:Form )\\d+`. Whether a text holds a match is all the prescan asks, and a match of the pattern lies inside
    one of this, so it stays a superset; while Hyperscan, which drops look-arounds, would otherwise look for any
    run of digits. Other zero-width items before the look-behind, or after the look-ahead, assert at a place
    that has moved: they are dropped, which also only widens it. A pattern with a top-level alternation is kept.
    """
    items = top_items(pattern)
    if items is None or "|" in items:
        return pattern
    head = next((i for i, item in enumerate(items) if not item.startswith(ZERO_WIDTH)), len(items))
    behind = [i for i in range(head) if items[i].startswith("(?<=") and items[i].endswith(")")]
    if behind:
        items = ["(?:" + items[behind[-1]][4:]] + items[head:]
    tail = next((i for i in range(len(items) - 1, -1, -1) if not items[i].startswith(ZERO_WIDTH)), -1)
    ahead = [i for i in range(tail + 1, len(items)) if items[i].startswith("(?=") and items[i].endswith(")")]
    if ahead:
        items = items[: tail + 1] + ["(?:" + items[ahead[0]][3:]]
    return "".join(items)


def top_items(pattern: str) -> list[str] | None:
    """The pattern's top-level items (a group, a class, an escape or a character, each with its quantifier),
    `|` as an item of its own; None when the brackets do not close."""
    items, i, n = [], 0, len(pattern)
    while i < n:
        start, ch = i, pattern[i]
        if ch == "\\":
            i += 2
            if pattern[i - 1 : i] in ("p", "P", "N", "x") and pattern[i : i + 1] == "{":  # \p{Greek}, \x{20ac}
                i = pattern.find("}", i) + 1 or n
        elif ch == "[":
            i = class_end(pattern, i)
        elif ch == "(":
            end = group_end(pattern, i)
            if end is None:
                return None
            i = end
        else:
            i += 1
        quantifier = QUANTIFIER.match(pattern, i)
        if quantifier and ch != "|":
            i = quantifier.end()
        items.append(pattern[start:i])
    return items


def group_end(pattern: str, i: int) -> int | None:
    """Just past the group opening at `i` (escapes and classes skipped); None when its brackets do not close."""
    depth, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = class_end(pattern, i)
            continue
        depth += (c == "(") - (c == ")")
        i += 1
        if depth == 0:
            return i
    return None


def class_end(pattern: str, i: int) -> int:
    """Just past the character class opening at `i` (a "]" first in it, or after "^", is a member)."""
    i += 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


QUANTIFIER = regex.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")


