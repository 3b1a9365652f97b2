"""`prfacts rules debug FILE`: the encoded text a fact pattern runs against, and what matched where.

A fact rule is a regex over the release with every mention replaced by a placeholder (`⟨P3⟩`, see
`extractor/facts.py`); writing one means seeing that text. This prints it a sentence a line, then every match
of every pattern (or of the rule `--rule` names) with the roles it bound, as the release prints them.
"""

from __future__ import annotations

from . import SENTENCE, FactRule, _roles, encode
from ..quantities import read_quantities


def debug(analyzer, text: str, rule_id: str | None = None) -> list[str]:
    """The lines `rules debug` prints for `text`; a `rule_id` no pattern rule has is a `KeyError`."""
    from ..document import read_document

    doc = read_document(text)
    mentions = read_quantities(doc, analyzer.recogniser)
    finder = analyzer.facts
    rules = [r for r in finder.rules if isinstance(r, FactRule) and rule_id in (None, r.id)]
    if rule_id is not None and not rules:
        raise KeyError(rule_id)
    encoded = encode(doc.text, mentions, doc.sentence_starts, finder.qualifier_cut)
    by_id = {m.id: m for m in mentions}
    out = ["encoded text (one sentence a line):"]
    sentences = [s.strip() for s in encoded.split(SENTENCE) if s.strip()]
    out += [f"  {n}: {SENTENCE}{s}" for n, s in enumerate(sentences, 1)]
    out.append("matches:")
    found = 0
    lowered = encoded.lower()
    for rule in rules:
        for n, (pattern, words) in enumerate(zip(rule.patterns, rule.requires), 1):
            if words and not any(word in lowered for word in words):
                out.append(f"  {rule.id} pattern {n}: not run, the text has none of {', '.join(words)}")
                continue
            for match in pattern.finditer(encoded, overlapped=rule.overlapped):
                roles = _roles(match)
                if not roles:
                    continue
                found += 1
                bound = ", ".join(f"{role}={by_id[i].text!r}" for role, i in roles.items())
                out.append(f"  {rule.id} pattern {n} at {match.start()}-{match.end()}: {bound}")
                out.append(f"    {match.group(0)!r}")
    if not found:
        out.append("  none")
    return out
