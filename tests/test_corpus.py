"""The project's own gold corpus, and every real release processed without an exception."""

from pathlib import Path

import pytest

from conftest import REAL, ROOT, need_shared
from extractor.evaluation import score_corpus


@pytest.mark.parametrize("folder", ["releases", "heldout"])
def test_gold_corpus_f1(engine, folder):
    path = ROOT / "corpus" / folder
    if not any(path.glob("*.gold.json")):
        pytest.skip(f"no gold files in {path}")
    score = score_corpus(engine, path)
    table = score.table()
    # The gold is matched in full (every kind scores 1.000): any miss or extra mention is a regression.
    low = {k: round(v["f1"], 3) for k, v in table.items() if v["f1"] < 1.0}
    assert not low, f"F1 below 1.0: {low}\n" + "\n".join(score.errors[:40])


def test_every_real_release_is_processed(engine):
    need_shared(REAL)
    files = sorted(Path(REAL).glob("*/*.txt"))
    assert len(files) > 1000
    texts = [(f.read_text(encoding="utf-8"), str(f)) for f in files]
    count = 0
    for sheet in engine.analyze_many(texts):
        count += 1
        for m in sheet.mentions:
            assert sheet.source.length >= m.end
    assert count == len(files)
