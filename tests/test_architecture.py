"""The folder shows the flow, and stays small enough to read.

A module of `extractor/` imports only from its own stage, the stages before it and the shared
modules (every import counts, a function's too: a late import is still a dependency). No module
is over 400 lines and no function over 60, except the modules listed below as awaiting their split,
each held at its present size so it cannot grow.

The imports are read with `ast`, not by importing: an editable install elsewhere on the machine
would otherwise answer an import this tree cannot, and hide a module that moved.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"

# Imported by any stage: the records every stage hands on, and the interval type.
SHARED = ["models", "intervals"]

# The flow, earlier first. Each name is a package of extractor/ or a module at its top.
STAGES = [
    "rules",  # rule loading and the rules' docs: the data every later stage runs
    "reading",  # bytes to a SourceText, and fixes written back into the source
    "document",  # sentences, tables, offsets
    "quantities",  # mentions: money, shares, prices, percents, dates; the release's metadata
    "facts",  # mentions bound into facts by the rules
    "checks",  # the arithmetic of the facts, and the wording of findings
    "pipeline",  # the analyzer: the stages above in their order
    "report",  # findings rendered: text, JSON, SARIF, HTML
    "linter",  # the check command: configuration, budget, suppressions, the engine, rule examples
    "evaluation",  # scoring against the gold
]

# The doors, each of which may import anything before it.
DOORS = ["__init__", "batch", "serve", "component", "cli", "__main__"]

# Imports against the flow, each with the reason it stays for now.
KNOWN_BACK_EDGES = {
    ("extractor.linter.engine", "extractor"):
        "looks the analyzer up on the package at call time, so a test can swap in its own",
}

# The version is a constant of the package, and the package loads nothing but the models.
ANYWHERE = {("extractor", "__version__")}

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

ORDER = [*STAGES, *DOORS]


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "static" not in p.parts)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def exists(name: str) -> bool:
    """Is `name` (dotted, from `extractor`) a module or package of this tree?"""
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def unit(name: str) -> str:
    """The stage, shared module or door a dotted module name belongs to."""
    parts = name.split(".")
    if len(parts) == 1:
        return "__init__"
    return parts[1]


def rank(u: str) -> int:
    if u in SHARED:
        return -1
    if u not in ORDER:
        raise AssertionError(f"extractor/{u} is in no stage: add it to STAGES, SHARED or DOORS in {__file__}")
    return ORDER.index(u)


def imports(path: Path) -> list[tuple[int, str, str | None]]:
    """(line, imported module, name imported from it when that name is not a module) for each import."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, None) for a in node.names if a.name.split(".")[0] == "extractor"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != "extractor":
                continue
            for a in node.names:
                sub = f"{source}.{a.name}"
                found.append((node.lineno, sub, None) if exists(sub) else (node.lineno, source, a.name))
    return found


def test_every_module_has_a_place_in_the_flow():
    for path in modules():
        rank(unit(module_name(path)))


def test_imports_follow_the_flow():
    wrong = []
    for path in modules():
        importer = module_name(path)
        here = rank(unit(importer))
        for line, target, name in imports(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if not exists(target):
                wrong.append(f"{where} imports {target}, which is not in this tree")
            elif (target, name) in ANYWHERE or (importer, target) in KNOWN_BACK_EDGES:
                continue
            elif unit(target) != unit(importer) and rank(unit(target)) >= here:
                wrong.append(f"{where}: {importer} ({unit(importer)}) imports {target} ({unit(target)}), "
                             f"a later stage or door")
    assert not wrong, "imports against the flow:\n  " + "\n  ".join(dict.fromkeys(wrong))  # once per line


def test_known_back_edges_still_exist():
    edges = {(module_name(p), t) for p in modules() for _, t, _ in imports(p)}
    gone = [f"{a} -> {b}" for a, b in KNOWN_BACK_EDGES if (a, b) not in edges]
    assert not gone, f"drop from KNOWN_BACK_EDGES (the import is gone): {gone}"


def test_modules_are_short():
    wrong = []
    for path in modules():
        rel = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            wrong.append(f"{rel} has {lines} lines (at most {MAX_MODULE_LINES})")
    assert not wrong, "\n  ".join(["modules over the limit:", *wrong])


def test_functions_are_short():
    wrong = []
    for path in modules():
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                wrong.append(f"{rel}:{node.lineno} {node.name} has {lines} lines (at most {MAX_FUNCTION_LINES})")
    assert not wrong, "\n  ".join(["functions over the limit:", *wrong])


def test_every_package_is_shipped():
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {p.parent for p in modules()}
    plain = sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").is_file())
    assert not plain, f"folders of modules without an __init__.py: {plain}"
    packages = {module_name(f / "__init__.py") for f in folders}
    missing = sorted(packages - set(setup["packages"]))
    assert not missing, f"pyproject.toml [tool.setuptools] packages leaves out {missing}"
    assert setup["package-dir"]["extractor.rules_data"] == "rules"


@pytest.mark.parametrize("name", [*SHARED, *STAGES])
def test_each_stage_is_there(name):
    assert exists(f"extractor.{name}"), f"extractor.{name} is listed in the flow but missing"
