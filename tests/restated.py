"""What the restatement tests read off a fact sheet: the figures bound by words (not by value) and the slips
the restated-value check flags."""


def bound(sheet):
    """Each figure bound by words, with the figure it restates and how it was bound."""
    by = {m.id: m.text for m in sheet.mentions}
    return {by[f.roles["b"]]: (by[f.roles["a"]], f.attributes.get("by")) for f in sheet.facts
            if f.type == "restatement" and f.attributes.get("by")}


def flagged(sheet):
    return [f.message for f in sheet.findings if f.rule == "restated-value"]
