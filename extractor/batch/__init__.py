"""Many documents at once: `prfacts batch` and `prfacts report` (see `extractor.batch.pool`)."""

from __future__ import annotations

import importlib

# The public API, name -> the module that defines it. Loaded on first use: `extractor.engine` reads documents
# with `tasks`, and the engines here run `extractor.engine`, so importing the package must not import them.
_API = {
    **dict.fromkeys(("Doc", "Task", "expand", "read_doc", "to_source"), "tasks"),
    **dict.fromkeys(("BatchError", "Settings", "Stats", "analyze_doc", "error_line", "stats_of", "default_jobs",
                     "exit_with_parent", "dask_records", "check_same_inputs", "Output", "open_output", "Progress",
                     "RunInfo", "Summary", "summarize", "run", "add_commands"), "pool"),
}
__all__ = sorted(_API)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_API[name]}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
