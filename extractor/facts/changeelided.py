"""A comparison a clause leaves to the one before it: "Gross profit of $405 million was $51 million lower than
Q3 2024, while EBITDA of $455 million for the same period was $65 million lower." The second change names no
period it is compared with; a reader takes the one the sentence's comparison before it named ("than Q3 2024"),
not the year-ago column a table would otherwise offer.

Only a bare comparative elides it: the change's words right after it are "higher", "lower", "more", "less",
"better" or "worse" and then the clause ends. A change whose words go on ("lower in the quarter", "lower due to
...") says nothing of its own comparison, and `changeprior` reads it as before.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..models import Mention

# a comparative closing the clause right after the change: "was $65 million lower."
_BARE = regex.compile(r"(?i)\s*(?:higher|lower|more|less|greater|better|worse)\s*(?:[.;,)]|$)")
# the words that make a date what a change is compared with ("lower than Q3 2024", "up 8% over Q2"; `changeprior`
# reads a change's own period with them too), and those words right before a date
COMPARING = r"over|from|compared\s+(?:to|with)|versus|vs\.?|against|than"
_AGAINST = regex.compile(rf"(?i)\b(?:{COMPARING})\s+(?:the\s+)?$")
# how far before a date its comparing word may stand, in characters
_REACH = 30


def elided_period(dates: tuple[list[Mention], list[int]], text: str, change: Mention) -> str | None:
    """The period an earlier comparison of the change's sentence named, when the change ends its clause on a bare
    comparative; else None. `dates` are the release's dates in order, with their start offsets."""
    if not _BARE.match(text, change.end):
        return None
    found, starts = dates
    for d in reversed(found[:bisect_left(starts, change.start)]):
        if d.sentence != change.sentence:
            break
        if _AGAINST.search(text, max(0, d.start - _REACH), d.start):
            return d.value
    return None
