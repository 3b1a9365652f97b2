"""Reading a rule file's YAML with the line each mapping, key and list item starts on.

The schema's errors (`extractor/rules/schema.py`) name the line of the key at fault; pyyaml's nodes know it
and its plain data does not, so the constructors below keep a table from each mapping and list built to
its lines while the file is read.
"""

from __future__ import annotations

from typing import Any

import yaml


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers where each mapping, key and list item starts (1-based lines)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.lines: dict[int, tuple[int, dict | list]] = {}


def _mapping(loader: _LineLoader, node):
    data = loader.construct_mapping(node, deep=True)
    keys = {loader.construct_object(k): k.start_mark.line + 1 for k, _ in node.value}
    loader.lines[id(data)] = (node.start_mark.line + 1, keys)
    return data


def _sequence(loader: _LineLoader, node):
    data = loader.construct_sequence(node, deep=True)
    loader.lines[id(data)] = (node.start_mark.line + 1, [n.start_mark.line + 1 for n in node.value])
    return data


_LineLoader.add_constructor("tag:yaml.org,2002:map", _mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _sequence)


def read(text: str) -> tuple[list[tuple[dict | Any, int]], dict]:
    """The documents of a rule file (a document holding a list gives each item) with their lines, and the
    line table `schema.explain` reads."""
    loader = _LineLoader(text)
    items: list = []
    try:
        while loader.check_data():
            data = loader.get_data()
            if data is None:
                continue
            for item in data if isinstance(data, list) else [data]:
                items.append((item, loader.lines.get(id(item), (1, {}))[0]))
    finally:
        loader.dispose()
    return items, loader.lines
