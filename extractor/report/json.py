"""The fact sheets as JSON: always an array, one sheet per document (one file or many); or JSON Lines."""

from . import Checked, formatter


def sheets_json(sheets) -> str:
    """An array of fact sheets, the one JSON shape of `check` and `extract`."""
    return "[\n" + ",\n".join(s.model_dump_json(indent=2) for s in sheets) + "\n]\n" if sheets else "[]\n"


@formatter("json")
def render_json(results: list[Checked]) -> str:
    return sheets_json([r.sheet for r in results])


@formatter("jsonl")
def render_jsonl(results: list[Checked]) -> str:
    return "".join(r.sheet.model_dump_json() + "\n" for r in results)
