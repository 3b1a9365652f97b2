"""Rule files are validated against a schema: an invalid one is one line naming the file, the line and the key."""

import json
from pathlib import Path

import pytest

from extractor.rules import schema as rule_schema
from extractor.cli import main
from extractor.rules import load, rules_root

CHANGE_RULE = """\
id: fee-change
type: change
patterns:
  - '{{percent:pct}} to {{money:to}} from {{money:from}}'
examples:
  - text: "Fees rose 25% to $12.5 million from $10.0 million."
    {key}:
      - type: change
        roles: {{pct: 25%, to: $12.5 million, from: $10.0 million}}
"""

CHECK_RULE = """\
id: fee-share
fact: share-of-total
description: A placement fee stated as a share of the proceeds must be that share.
stated: pct
formula: part / whole * 100
message: "{{stated}} should be {{expected}}"
{extra}examples:
  fail:
    - text: "The agent received $70,000, representing 9% of the $1,000,000 raised."
      {flagged}expected: "7"
"""

CASES = {  # name: (folder, file text, the error after "x.yaml:")
    "unknown key": ("facts", CHANGE_RULE.format(key="expected"),
                    "7: rule fee-change: unknown key 'expected' in examples[0] (did you mean 'expect'?)"),
    "missing flagged": ("checks", CHECK_RULE.format(extra="", flagged=""),
                        "9: rule fee-share: missing key 'flagged' in examples.fail[0]"),
    "wrong type": ("checks", CHECK_RULE.format(extra="fix: [1]\n", flagged='flagged: "9%"\n      '),
                   "7: rule fee-share: key 'fix': Input should be a valid boolean"),
    "misspelled top key": ("checks", CHECK_RULE.format(extra="severty: error\n", flagged='flagged: "9%"\n      '),
                           "7: rule fee-share: unknown key 'severty' (did you mean 'severity'?)"),
    "bad yaml": ("checks", "id: x\nfact: [a\n", "3: cannot read rule file: expected ',' or ']', but got '<stream end>'"),
    "no kind": ("facts", "id: fee\ntype: offering\n",
                "1: rule fee: fits no fact rule kind: a fact rule has 'patterns' or a 'mechanism'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", [["rules", "test"], ["rules", "list"], ["check", "release.txt"]])
def test_an_invalid_rule_is_one_line_with_file_line_and_key(case, command, tmp_path, monkeypatch, capsys):
    folder, text, error = CASES[case]
    (tmp_path / "house" / folder).mkdir(parents=True)
    rule_file = tmp_path / "house" / folder / "x.yaml"
    rule_file.write_text(text, encoding="utf-8")
    (tmp_path / "release.txt").write_text("Revenue was $1.0 million.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([*command, "--rules-dir", "house"]) == 2
    err = capsys.readouterr().err
    assert f"{rule_file.resolve()}:{error}\n" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_a_flat_user_folder_gives_each_rule_to_its_stage(tmp_path):
    (tmp_path / "fee.yaml").write_text(CHECK_RULE.format(extra="", flagged='flagged: "9%"\n      '), encoding="utf-8")
    (tmp_path / "change.yaml").write_text(CHANGE_RULE.format(key="expect"), encoding="utf-8")
    assert [r["id"] for r in load("checks", (str(tmp_path),)) if r["id"].startswith("fee")] == ["fee-share"]
    assert [r["id"] for r in load("facts", (str(tmp_path),)) if r["id"].startswith("fee")] == ["fee-change"]
    assert not [r for r in load("quantities", (str(tmp_path),)) if r["id"].startswith("fee")]


def test_todo_and_fix_keys_are_accepted():
    rule_schema.CheckRule.model_validate({
        "id": "c", "description": "d", "message": "m", "fact": "f", "stated": "s", "formula": "a / b",
        "examples": {"fail": [{"text": "t", "flagged": "9%", "fix": "7%"}],
                     "todo": ["a known gap", {"text": "t", "flagged": "9%"}]}})
    example = {"text": "t", "expect": [{"type": "change", "roles": {"a": "1"}}], "todo": True}
    rule_schema.PatternFactRule.model_validate({"id": "f", "type": "change", "patterns": ["x"],
                                                "examples": [example], "todo": [example]})
    rule_schema.BaseQuantityRule.model_validate({"id": "q", "kind": "money", "patterns": ["x"],
                                                 "examples": [{"text": "t", "expect": [], "todo": True}],
                                                 "todo": [{"text": "t"}]})


def test_every_built_in_rule_validates():
    for stage in rule_schema.STAGES:  # load() validates each document against the model of its kind
        assert load(stage)


def test_the_committed_json_schema_is_the_models(capsys):
    assert main(["rules", "schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == (rules_root() / "schema.json").read_text(encoding="utf-8"), \
        "rules/schema.json is stale: prfacts rules schema > rules/schema.json"
    assert json.loads(printed)["anyOf"]


def test_the_json_schema_accepts_the_built_in_rules_and_rejects_an_unknown_key():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    validator = jsonschema.Draft202012Validator(rule_schema.json_schema())
    for path in sorted(Path(rules_root()).glob("*/*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            assert doc is None or not list(validator.iter_errors(doc)), path
    assert list(validator.iter_errors({"id": "x", "type": "change", "patterns": ["p"], "expected": []}))


def test_rules_debug_shows_the_encoded_text_and_the_roles_bound(tmp_path, capsys):
    release = tmp_path / "r.txt"
    release.write_text("Revenue increased 25% to $12.5 million from $10.0 million.\n", encoding="utf-8")
    assert main(["rules", "debug", str(release), "--rule", "change"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["encoded text (one sentence a line):", "  1: ¶Revenue increased ⟨%0⟩ to ⟨M1⟩ from ⟨M2⟩."]
    assert out[3].startswith("  change pattern ")
    assert out[3].endswith(": pct='25%', to='$12.5 million', from='$10.0 million'")
    assert main(["rules", "debug", str(release), "--rule", "no-such-rule"]) == 2
    assert "no-such-rule" in capsys.readouterr().err


def test_no_built_in_fact_pattern_writes_the_placeholder_encoding():
    raw = [(r["id"], n) for r in load("facts") for n, p in enumerate(r.get("patterns") or [], 1)
           if any(c in p for c in "⟨⟩¶")]
    assert not raw, f"write these with slot macros ({{price}}, {{gap:40 stop:,}}, ...): {raw}"


def test_gap_modifiers_shape_the_run():
    from extractor.facts import _expand
    from extractor.rules import RuleError

    assert _expand("{gap:30}", "x") == "[^⟨⟩;¶]{0,30}?"
    assert _expand("{gap:30 stop:, cross:clause}", "x") == "[^⟨⟩¶,]{0,30}?"
    assert _expand("{skip:60 pass:date not:and|from}", "x") == r"(?:(?!\b(?:and|from)\b)(?:[^⟨;¶]|⟨[D]\d+⟩)){0,60}?"
    assert _expand("(?<!{price})", "x") == r"(?<!⟨[P]\d+⟩)"
    with pytest.raises(RuleError, match="unknown modifier 'stops:,'"):
        _expand("{gap:30 stops:,}", "x")


def test_the_readmes_fact_rule_works_as_shown(tmp_path, monkeypatch, capsys):
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rule = re.search(r"```yaml\n# house-rules/facts/fee.yaml\n(.*?)```", readme, re.DOTALL).group(1)
    shown = re.search(r"```\n(encoded text \(one sentence a line\):\n.*?)```", readme, re.DOTALL).group(1)
    text = re.search(r'- text: "(.*?)"', rule).group(1)
    (tmp_path / "house-rules" / "facts").mkdir(parents=True)
    (tmp_path / "house-rules" / "facts" / "fee.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / "release.txt").write_text(text + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["rules", "debug", "release.txt", "--rules-dir", "house-rules", "--rule", "placement-fee"]) == 0
    assert capsys.readouterr().out == shown
    from extractor import analyzer
    from extractor.linter.ruletest import check_fact_example, rule_examples

    [(_, _, example)] = [e for e in rule_examples(load("facts", ("house-rules",))) if e[0]["id"] == "placement-fee"]
    assert check_fact_example(analyzer(("house-rules",)), example) == (True, "")


def test_prefilter_words_are_read_from_the_pattern():
    from extractor.rules.prefilter import required_words

    assert required_words(r"⟨[P]\d+⟩\s+(?:premium|discount)\s+of") == ("discount", "premium")
    assert required_words(r"(?:premium\s+)?of\s+⟨[%]\d+⟩") == ()  # optional: nothing required
    assert required_words(r"(?<!premium\s)⟨[%]\d+⟩") == ()  # a negative look-around requires nothing
    assert required_words(r"(?<=\bstated\s+value\s)⟨[P]\d+⟩") == ("stated",)  # the longest word required
    assert required_words(r"(?P<dir>rose|higher) (?P<dir>up|down)") == ("higher", "rose")  # a group name twice
    # a back-reference to a named group needs no words of its own: the group's words are required already
    assert required_words(r"(?P<m>\w+)\s+rose\b.{0,40}?\bincrease\s+in\s+(?P=m)") == ("increase",)


def test_every_pattern_that_matches_an_example_has_its_words_in_the_text():
    """The derived words never skip a pattern that would match: checked on every fact rule's examples."""
    from extractor import analyzer
    from extractor.document import read_document
    from extractor.facts import FactRule, encode
    from extractor.quantities import read_quantities

    engine = analyzer()
    rules = [r for r in engine.facts.rules if isinstance(r, FactRule)]
    checked = 0
    for raw in load("facts"):
        for example in raw.get("examples") or []:
            doc = read_document(example["text"])
            mentions = read_quantities(doc, engine.recogniser)
            encoded = encode(doc.text, mentions, doc.sentence_starts, engine.facts.qualifier_cut)
            for rule in rules:
                for pattern, words in zip(rule.patterns, rule.requires):
                    if pattern.search(encoded):
                        checked += 1
                        assert not words or any(w in encoded.lower() for w in words), (rule.id, words)
    assert checked > 50


def test_a_word_list_is_written_once_and_a_missing_one_is_named():
    from extractor.facts import compile_fact_rules
    from extractor.rules import RuleError

    rule = {"id": "fee-change", "type": "change", "_file": "fee.yaml",
            "words": {"up": ["rose", "grew", "surged"]},
            "patterns": ["(?<=\\b{=up}\\s){percent:pct} to {money:to} from {money:from}"]}
    compiled = compile_fact_rules([rule])[0]
    text = "⟨%0⟩ to ⟨M1⟩ from ⟨M2⟩"
    assert compiled.patterns[0].search("Fees surged " + text)
    assert not compiled.patterns[0].search("Fees fell " + text)
    with pytest.raises(RuleError, match="fee.yaml: no word list 'down'"):
        compile_fact_rules([{**rule, "patterns": ["{=down} {percent:pct}"]}])


def test_a_mechanism_rule_reads_another_rules_options_and_a_missing_one_is_named():
    from extractor.facts import compile_fact_rules
    from extractor.rules import RuleError

    base = {"id": "change-prior", "type": "change", "mechanism": "prior-change", "_file": "prior.yaml",
            "options": {"other_basis": "organic", "unnamed_quarter": "the\\s+quarter"}}
    finer = {"id": "change-finer", "type": "change", "mechanism": "change-finer", "_file": "finer.yaml",
             "options": {"options_of": "change-prior", "unnamed_quarter": "sequential"}}
    rule = compile_fact_rules([base, finer])[1]
    # the named rule's options, the rule's own over them, and no `options_of` left among them
    assert rule.options == {"other_basis": "organic", "unnamed_quarter": "sequential"}
    with pytest.raises(RuleError, match="finer.yaml: fact rule 'change-finer': options_of names no rule 'change-prior'"):
        compile_fact_rules([finer])
