"""The fact sheets as JSON: one object for one input, an array for several."""

from . import Checked, formatter


@formatter("json")
def render_json(results: list[Checked]) -> str:
    if len(results) == 1:
        return results[0].sheet.model_dump_json(indent=2) + "\n"
    return "[\n" + ",\n".join(r.sheet.model_dump_json(indent=2) for r in results) + "\n]\n"
