import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PRFACTS_SHARED", ROOT.parent / "shared"))
# The project's own restatement of the seed release (same figures, same 444% slip): the original sits
# in ../shared, which a clean clone has not got.
SEED = ROOT / "corpus" / "releases" / "001_seed_restated.txt"
REAL = SHARED / "corpus" / "real"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"  # OASIS SARIF 2.1.0 (see its README)


@pytest.fixture(scope="session")
def engine():
    from extractor import analyzer

    return analyzer()


@pytest.fixture
def prfacts(capsys, monkeypatch):
    """`prfacts ARGS` run in this process, as a `CompletedProcess`: a subprocess per call would spend
    most of the suite's time starting Python and loading the pipeline again."""
    from extractor.cli import main

    def run(*argv: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
        capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's usage errors exit, as they do on the command line
            code = exc.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["prfacts", *argv], code, out, err)

    return run


def need_shared(path: Path):
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared corpus sits beside a developer's clone only)")
    return path


# A user rule whose regex backtracks without end on a run of x's (budget and timeout tests).
SLOW_RULE = """
id: slow-count
kind: number
description: Backtracks without end on a run of x's, in a release where it can match ("Revenue"), so no prefilter spares the scan.
patterns:
  - '(?:x|xx)+y|Revenue'
"""
