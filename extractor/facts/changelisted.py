"""Changes listed with the figures they reach, a "respectively" closing each list: "Gross and adjusted gross margin
increased 380 and 400 basis points, respectively, to 43.9% and 44.1%, respectively" (the changes first, then
"respectively, to" the figures) or "were 13.5% and 14.2%, respectively, an increase of 240 and 300 basis points,
respectively" (the figures first). The two lists pair in order when they are as long; `changeprior` then reads each
pair as a figure and its change. The patterns are the change-prior rule's (`_Reader`: `list_joint`, `list_closed`,
`list_to`, `list_changes_after`, `list_verb`).
"""

from __future__ import annotations

from ..models import Mention


# the most items a list "respectively" pairs may have: a longer run of figures is a series, not two lists read in
# order, and walking it from each of its items would take time growing with the square of its length
MAX_ITEMS = 8


def _run(reader, prose: list[Mention], i: int, text: str) -> tuple[int, int]:
    """The first and last index of the list of figures prose[i] is an item of: figures of one sentence with only
    commas and "and" between them; (i, i) for a run longer than MAX_ITEMS."""
    first = last = i
    while first and i - first < MAX_ITEMS and prose[first - 1].sentence == prose[i].sentence \
            and reader.list_joint.fullmatch(text, prose[first - 1].end, prose[first].start):
        first -= 1
    while last + 1 < len(prose) and last - first < MAX_ITEMS and prose[last + 1].sentence == prose[i].sentence \
            and reader.list_joint.fullmatch(text, prose[last].end, prose[last + 1].start):
        last += 1
    return (first, last) if last - first < MAX_ITEMS else (i, i)


def listed_change(reader, prose: list[Mention], i: int, text: str) -> tuple[Mention, object, Mention] | None:
    """The new figure of a change that is an item of a list of changes "respectively" closes, paired in order with
    a list as long of the figures they reach, "respectively" closing it too (the changes first, "increased 380 and
    400 basis points, respectively, to 43.9% and 44.1%", or the figures first, "were 13.5% and 14.2%,
    respectively, an increase of 240 and 300 basis points"), the cue word that says whether they went up, and the
    figure whose words name the measure (the list's first change where the figures follow "respectively, to",
    which name nothing)."""
    first, last = _run(reader, prose, i, text)
    if first == last or not reader.list_closed.match(text, prose[last].end, prose[last].end + 40):
        return None
    size = last - first + 1
    # the changes first, then "respectively, to" the figures they reach
    if last + size < len(prose) and reader.list_to.fullmatch(text, prose[last].end, prose[last + 1].start):
        f_first, f_last = _run(reader, prose, last + 1, text)
        verb = reader.list_verb.search(text, max(0, prose[first].start - 40), prose[first].start)
        if (f_first, f_last) == (last + 1, last + size) and verb is not None:
            return prose[last + 1 + i - first], verb, prose[first]
    # the figures first, "respectively," then the changes' word
    if first >= size:
        word = reader.list_changes_after.fullmatch(text, prose[first - 1].end, prose[first].start)
        if word is not None and _run(reader, prose, first - 1, text) == (first - size, first - 1):
            return prose[first - size + i - first], word, prose[first - size + i - first]
    return None
