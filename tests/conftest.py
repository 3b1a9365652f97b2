import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PRFACTS_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_c980f6bff3474404.txt"
REAL = SHARED / "corpus" / "real"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"  # OASIS SARIF 2.1.0 (see its README)


@pytest.fixture(scope="session")
def engine():
    from extractor import analyzer

    return analyzer()


def need_shared(path: Path):
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared corpus sits beside a developer's clone only)")
    return path


# A user rule whose regex backtracks without end on a run of x's (budget and timeout tests).
SLOW_RULE = """
id: slow-count
kind: number
description: Backtracks without end on a run of x's.
patterns:
  - '(?:x|xx)+y'
"""
