"""`nlp.add_pipe("prfacts")` in a user's spaCy pipeline (extractor/component.py)."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractor import extract
from extractor.component import make_prfacts, new_pipeline

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "corpus" / "releases" / "001_seed_restated.txt").read_text(encoding="utf-8")


@Language.component("test_shouter")
def shouter(doc: Doc) -> Doc:
    """Stands in for a user's own component: it sets something of its own and leaves the tokens alone."""
    doc.user_data["shouted"] = doc.text.upper()
    return doc


def pipeline(*before: str, **config) -> Language:
    nlp = spacy.blank("en")
    for name in before:
        nlp.add_pipe(name)
    nlp.add_pipe("prfacts", config=config)
    return nlp


def by_text(doc: Doc) -> dict[str, list]:
    spans: dict[str, list] = {}
    for span in doc.spans["prfacts"]:
        spans.setdefault(span.text, []).append(span)
    return spans


def test_the_seed_release_gives_its_quantities_as_spans_with_values_and_intervals():
    doc = pipeline()(SEED)
    spans = by_text(doc)
    price, premium = spans["$0.0040"][0], spans["444%"][0]
    assert (price.label_, price._.prfacts_value, price._.prfacts_low, price._.prfacts_high) == ("price", "0.0040", "0.00395", "0.00405")
    assert (price._.prfacts_currency, price._.prfacts_unit) == ("USD", "share")
    assert (premium.label_, premium._.prfacts_value, premium._.prfacts_low, premium._.prfacts_high) == ("percent", "444", "443.5", "444.5")
    assert Decimal(spans["$3.0M"][0]._.prfacts_low) == 2950000
    assert premium._.prfacts_mention.text == "444%" and premium._.prfacts_mention.kind == "percent"
    (finding,) = [f for f in doc._.prfacts_findings if f.rule == "premium-discount"]
    assert (finding.severity, SEED[finding.start : finding.end], finding.expected) == ("error", "444%", "344.4")
    assert finding.fix.replacement == "344%"


def test_the_sheet_is_the_one_extract_gives_for_the_text():
    doc = pipeline()(SEED)
    assert doc._.prfacts.model_dump_json() == extract(SEED).model_dump_json()
    assert doc._.prfacts_facts == doc._.prfacts.facts and doc._.prfacts.facts
    assert len(doc.spans["prfacts"]) == len(doc._.prfacts.mentions)
    # every span covers its mention, widened to whole tokens of the user's tokenizer
    for span in doc.spans["prfacts"]:
        m = span._.prfacts_mention
        assert span.start_char <= m.start < m.end <= span.end_char and span.label_ == m.kind


@pytest.mark.parametrize("before", [("sentencizer",), ("test_shouter", "sentencizer"), ("sentencizer", "test_shouter")])
def test_after_other_components_the_users_tokens_and_sentences_are_untouched(before):
    theirs = spacy.blank("en")
    for name in before:
        theirs.add_pipe(name)
    ours = pipeline(*before)
    expected, doc = theirs(SEED), ours(SEED)
    assert [(t.text, t.idx, t.whitespace_) for t in doc] == [(t.text, t.idx, t.whitespace_) for t in expected]
    assert [s.start for s in doc.sents] == [s.start for s in expected.sents]
    assert doc.user_data.get("shouted") == expected.user_data.get("shouted")
    assert "444%" in by_text(doc) and any(f.rule == "premium-discount" for f in doc._.prfacts_findings)


def test_a_span_that_is_not_ours_has_no_mention():
    doc = pipeline()(SEED)
    start = SEED.index("444%")
    assert doc.char_span(start, start + 4, alignment_mode="expand")._.prfacts_mention is None
    assert spacy.blank("en")("no component here")._.prfacts is None


def test_the_results_travel_with_the_doc_in_bytes():
    doc = pipeline()(SEED)
    again = Doc(doc.vocab).from_bytes(doc.to_bytes())
    assert again._.prfacts == doc._.prfacts
    assert [(s.text, s.label_, s._.prfacts_value) for s in again.spans["prfacts"]] == \
        [(s.text, s.label_, s._.prfacts_value) for s in doc.spans["prfacts"]]


def test_saved_and_loaded_pipelines_keep_the_component_and_its_rule_folders(tmp_path):
    from test_rules_cli import USER_CHECK

    checks = tmp_path / "my-rules" / "checks"
    checks.mkdir(parents=True)
    (checks / "fee.yaml").write_text(textwrap.dedent(USER_CHECK.format(expected="7")), encoding="utf-8")
    nlp = pipeline("sentencizer", rules_dirs=[str(tmp_path / "my-rules")], spans_key="figures")
    nlp.to_disk(tmp_path / "saved")
    loaded = spacy.load(tmp_path / "saved")
    assert loaded.pipe_names == ["sentencizer", "prfacts"]
    text = "The agent received $70,000, representing 9% of the $1,000,000 raised.\n\n" + SEED
    doc, expected = loaded(text), nlp(text)
    assert [s.text for s in doc.spans["figures"]] == [s.text for s in expected.spans["figures"]]
    assert {f.rule for f in doc._.prfacts_findings} >= {"fee-share", "premium-discount"}


def test_new_pipeline_tokenizes_figures_so_spans_fit_them_exactly():
    doc = new_pipeline()("Net proceeds of $3.0M and a 1-for-10 split.")
    assert [(s.text, s.label_) for s in doc.spans["prfacts"]] == [("$3.0M", "money"), ("1-for-10", "ratio")]
    assert [t.text for t in doc][3:6] == ["$", "3.0", "M"]


def test_the_entry_point_names_the_factory_spacy_registers():
    """Installed, the entry point lets spaCy find "prfacts" with no import of extractor; here (no reinstall)
    the entry point is read from pyproject.toml and resolved the way importlib.metadata would."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = project["project"]["entry-points"]["spacy_factories"]["prfacts"]
    module, _, attribute = target.partition(":")
    assert getattr(importlib.import_module(module), attribute) is make_prfacts
    assert Language.has_factory("prfacts")
    assert spacy.registry.factories.get("prfacts") is make_prfacts
    assert Language.get_factory_meta("prfacts").default_config == {"rules_dirs": [], "spans_key": "prfacts"}


def test_the_readme_example_runs_and_prints_what_the_readme_shows(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Inside your spaCy pipeline", 1)[1]
    code, shown = re.search(r"```python\n(.*?)```\n\n```\n(.*?)```", section, re.S).groups()
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == shown


def test_prfacts_own_run_never_imports_spacy():
    """Nothing after the tokenizer read a token, so extract and check read the text alone: spaCy (a quarter
    of the run, and half of the start-up time and memory) is loaded only for a spaCy user. A fresh interpreter:
    the suite's own process has imported spaCy long before."""
    code = ("import sys; from extractor.cli import main; status = main(['check', sys.argv[1]]); "
            "sys.exit(3 if 'spacy' in sys.modules else status)")
    seed = ROOT / "corpus" / "releases" / "001_seed_restated.txt"
    done = subprocess.run([sys.executable, "-c", code, str(seed)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1 and "premium-discount" in done.stdout, done.stderr[-800:]
