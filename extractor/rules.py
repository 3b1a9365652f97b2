"""Finding and loading the rules: YAML files under `rules/` (and the user's own dirs).

Rules are data. Each stage asks for its folder (`quantities`, `facts`, `checks`)
and gets the parsed documents, read once per process. A malformed file is a
`RuleError` naming the file, never a traceback from deep inside a stage.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml


class RuleError(ValueError):
    """A rule file that cannot be used, with the file named."""


def rules_root() -> Path:
    # An editable install (and a source checkout) keeps rules/ beside the package;
    # a wheel ships them as extractor/rules_data.
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "rules", here / "rules_data"):
        if (candidate / "quantities").is_dir():
            return candidate
    raise RuleError(f"rules folder not found beside {here}")


def _load_file(path: Path) -> list[dict]:
    try:
        documents = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    items: list = []
    for data in documents:
        if data is not None:
            items.extend(data if isinstance(data, list) else [data])
    for item in items:
        if not isinstance(item, dict) or "id" not in item:
            raise RuleError(f"{path}: each rule needs a mapping with an 'id'")
        item.setdefault("_file", str(path))
    return items


@lru_cache(maxsize=None)
def _load_folder(folder: str) -> tuple[dict, ...]:
    root = Path(folder)
    items: list[dict] = []
    for path in sorted(root.glob("*.yaml")):
        items.extend(_load_file(path))
    return tuple(items)


def load(stage: str, extra_dirs: Iterable[str | Path] = ()) -> list[dict]:
    """Every rule of one stage: the built-in ones, then those in `extra_dirs/<stage>` or `extra_dirs`."""
    items = list(_load_folder(str(rules_root() / stage)))
    for extra in extra_dirs:
        extra = Path(extra)
        folder = extra / stage if (extra / stage).is_dir() else extra
        if not folder.is_dir():
            raise RuleError(f"{extra}: rules directory not found")
        items.extend(i for i in _load_folder(str(folder.resolve())) if _stage_of(i) in (None, stage))
    seen: dict[str, str] = {}
    for item in items:
        if item["id"] in seen and seen[item["id"]] != item["_file"]:
            raise RuleError(f"{item['_file']}: rule id {item['id']!r} already defined in {seen[item['id']]}")
        seen[item["id"]] = item["_file"]
    return items


def _stage_of(item: dict) -> str | None:
    return item.get("stage")


@lru_cache(maxsize=None)
def lexicon() -> dict:
    for item in _load_folder(str(rules_root() / "quantities")):
        if item["id"] == "lexicon":
            return item
    raise RuleError("rules/quantities/lexicon.yaml is missing")
