"""`prfacts check`: exit codes, formats, configuration, suppressions, --fix and --diff.

Most tests swap in a small fake analyzer (findings from fixed patterns), so they
test the command, not the checks. The tests at the end run the real analyzer on
the seed release (one error: premium-discount on "444%", fixed to "344%").
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import extractor
from extractor.linter import suppress
from extractor.linter import engine as engine_module
from extractor.linter import config as configuration
from extractor.cli import main
from extractor.rules import check_ids
from extractor.models import Evidence, FactSheet, Finding, Fix, Mention, Metadata, Source

from conftest import SARIF_SCHEMA, SEED, SLOW_RULE

# ---------------------------------------------------------------- a fake analyzer

# pattern -> (rule, severity, replacement or None)
FAKE_RULES = [
    (re.compile(r"444%"), "premium-discount", "error", "344%"),
    (re.compile(r"WARN-ME"), "style-warning", "warning", None),
    (re.compile(r"NOTE-ME"), "note-info", "info", None),
    (re.compile(r"(?<=ABC)DEF"), "overlap-b", "error", "xyz"),
    (re.compile(r"ABCD"), "overlap-a", "error", "wxyz"),
]


class FakeAnalyzer:
    def __init__(self, rules_dirs=()):
        self.rules_dirs = tuple(rules_dirs)

    def analyze_source(self, src) -> FactSheet:
        text = src.text
        mentions, findings = [], []
        for n, m in enumerate(re.finditer(r"\d+(?:\.\d+)?%", text)):
            mentions.append(Mention(id=n, kind="percent", text=m.group(0), start=m.start(), end=m.end(), sentence=0,
                                    value=m.group(0)[:-1], low=m.group(0)[:-1], high=m.group(0)[:-1], unit="%"))
        for pattern, rule, severity, replacement in FAKE_RULES:
            for m in pattern.finditer(text):
                line, col = src.line_col(m.start())
                fix = Fix(start=m.start(), end=m.end(), replacement=replacement) if replacement else None
                findings.append(Finding(rule=rule, severity=severity, message=f"{m.group(0)} is wrong", stated=m.group(0),
                                        expected=replacement, start=m.start(), end=m.end(), line=line, column=col,
                                        evidence=[Evidence(role="stated", start=m.start(), end=m.end(), text=m.group(0))],
                                        fix=fix))
        findings.sort(key=lambda f: f.start)
        source = Source(path=src.path, sha256=hashlib.sha256(text.encode()).hexdigest(), length=len(text))
        return FactSheet(source=source, metadata=Metadata(), mentions=mentions, findings=findings)


@pytest.fixture
def fake(monkeypatch, tmp_path):
    calls = []

    def analyzer(rules_dirs=()):
        calls.append(tuple(rules_dirs))
        return FakeAnalyzer(rules_dirs)

    def known_rules(rules_dirs):  # the fake's rules are rules too (rule patterns must name a rule)
        return check_ids(tuple(rules_dirs)) + tuple(rule for _, rule, _, _ in FAKE_RULES)

    monkeypatch.setattr(extractor, "analyzer", analyzer)
    monkeypatch.setattr(engine_module, "known_rules", known_rules)
    monkeypatch.chdir(tmp_path)
    return calls


def run(capsys, *argv):
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


DRAFT = "Headline\n\nThe price represents a premium of 444% to the bid.\nAnother line.\n"


# ---------------------------------------------------------------- exit codes and text


def test_text_format_and_exit_codes(fake, tmp_path, capsys):
    (tmp_path / "bad.txt").write_text(DRAFT)
    (tmp_path / "clean.txt").write_text("Nothing to see: 12% and 13%.\n")
    code, out, err = run(capsys, "bad.txt")
    assert code == 1
    assert out == "bad.txt:3:35: error premium-discount 444% is wrong\n"
    assert err == ""
    code, out, err = run(capsys, "clean.txt")
    assert (code, out, err) == (0, "", "")


def test_fail_on_levels(fake, tmp_path, capsys):
    (tmp_path / "w.txt").write_text("Only a WARN-ME and a NOTE-ME here.\n")
    assert run(capsys, "w.txt")[0] == 0
    assert run(capsys, "w.txt", "--fail-on", "warning")[0] == 1
    assert run(capsys, "w.txt", "--fail-on", "info")[0] == 1
    (tmp_path / "n.txt").write_text("Only a NOTE-ME.\n")
    assert run(capsys, "n.txt", "--fail-on", "warning")[0] == 0
    assert run(capsys, "n.txt", "--fail-on", "info")[0] == 1
    (tmp_path / "e.txt").write_text(DRAFT)
    assert run(capsys, "e.txt", "--fail-on", "never")[0] == 0


def test_input_errors_name_the_file_and_other_files_are_still_checked(fake, tmp_path, capsys):
    (tmp_path / "bad.txt").write_text(DRAFT)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01 444%")
    code, out, err = run(capsys, "missing.txt", "binary.txt", "bad.txt")
    assert code == 2
    assert "bad.txt:3:35: error premium-discount" in out
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("prfacts: missing.txt:") and "no such file" in lines[0]
    assert lines[1].startswith("prfacts: binary.txt:") and "binary file" in lines[1]
    assert "Traceback" not in err


def test_usage_errors_exit_2(fake, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "nope", "x.txt"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--fix", "--diff", "x.txt"])
    assert exc.value.code == 2
    capsys.readouterr()


def test_folders_and_globs_expand_to_drafts(fake, tmp_path, capsys):
    d = tmp_path / "drafts" / "q3"
    d.mkdir(parents=True)
    (d / "a.txt").write_text(DRAFT)
    (d / "b.md").write_text(DRAFT)
    (d / "notes.yaml").write_text("444%")
    (tmp_path / "drafts" / ".hidden").mkdir()
    (tmp_path / "drafts" / ".hidden" / "c.txt").write_text(DRAFT)
    code, out, _ = run(capsys, "drafts")
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == [os.path.join("drafts", "q3", "a.txt"),
                                                                  os.path.join("drafts", "q3", "b.md")]
    code, out, _ = run(capsys, "drafts/**/*.md")
    assert [line.split(":")[0] for line in out.splitlines()] == ["drafts/q3/b.md"]


def test_stdin_with_filename_picks_the_reader_and_names_the_file(fake, tmp_path, capsys, monkeypatch):
    md = "# Title\n\nA **premium** of **444%** here.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(md.encode())))
    code, out, _ = run(capsys, "-", "--stdin-filename", "drafts/x.md")
    assert code == 1
    assert out == "drafts/x.md:3:20: error premium-discount 444% is wrong\n"


def test_json_and_output_file(fake, tmp_path, capsys):
    (tmp_path / "bad.txt").write_text(DRAFT)
    code, out, _ = run(capsys, "bad.txt", "--format", "json", "--output", "report.json")
    assert code == 1 and out == ""
    (sheet,) = json.loads((tmp_path / "report.json").read_text())  # an array, even for one file
    assert sheet["findings"][0]["rule"] == "premium-discount"
    assert sheet["findings"][0]["suppressed"] is False


# ---------------------------------------------------------------- configuration


def test_rule_patterns():
    m = configuration.rule_matches
    assert m("premium-discount", "premium-discount")
    assert m("premium-discount", "premium")
    assert m("premium-discount", "premium-")
    assert m("premium-discount", "prem*")
    assert m("premium-discount", "ALL")
    assert not m("premium-discount", "prem")
    assert not m("premium-discount", "discount")
    assert configuration.split_rules("a, b,c") == ("a", "b", "c")


def test_no_config_is_the_default(tmp_path):
    cfg = configuration.find_config(tmp_path / "x.txt")
    assert cfg == configuration.Config()
    assert cfg.fail_level == "error" and cfg.rules_dirs == ()


def test_pyproject_config_found_upward(fake, tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.prfacts]\nignore = ["premium"]\n')
    sub = tmp_path / "drafts" / "2025"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(DRAFT + "WARN-ME\n")
    code, out, _ = run(capsys, "drafts/2025/a.txt")
    assert code == 0
    assert "premium-discount" not in out and "style-warning" in out


def test_pyproject_without_table_is_skipped_and_prfacts_toml_wins(fake, tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.prfacts]\nignore = ["premium"]\n')
    sub = tmp_path / "drafts"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.prfacts]: not a config
    (sub / "a.txt").write_text(DRAFT)
    assert run(capsys, "drafts/a.txt")[0] == 0  # the parent's ignore
    (sub / ".prfacts.toml").write_text('fail-on = "error"\n')
    assert run(capsys, "drafts/a.txt")[0] == 1  # the nearer .prfacts.toml


def test_severity_override_select_and_fail_on(fake, tmp_path, capsys):
    (tmp_path / ".prfacts.toml").write_text(
        '[tool.prfacts]\nseverity = { premium-discount = "warning" }\nselect = ["premium", "style"]\n'
    )
    (tmp_path / "a.txt").write_text(DRAFT + "WARN-ME NOTE-ME\n")
    code, out, _ = run(capsys, "a.txt")
    assert code == 0
    assert "a.txt:3:35: warning premium-discount" in out
    assert "note-info" not in out  # not selected
    assert run(capsys, "a.txt", "--fail-on", "warning")[0] == 1
    # The command line: --select replaces the file's, --ignore adds to it.
    code, out, _ = run(capsys, "a.txt", "--select", "note-info")
    assert out.splitlines() == ["a.txt:5:9: info note-info NOTE-ME is wrong"]
    code, out, _ = run(capsys, "a.txt", "--ignore", "style-warning")
    assert "style-warning" not in out and "premium-discount" in out


def test_explicit_config_and_config_errors(fake, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(DRAFT)
    (tmp_path / "lenient.toml").write_text('fail-on = "never"\n')
    assert run(capsys, "a.txt", "--config", "lenient.toml")[0] == 0
    (tmp_path / "broken.toml").write_text("fail-on = \n")
    code, out, err = run(capsys, "a.txt", "--config", "broken.toml")
    assert code == 2 and err.startswith("prfacts: broken.toml: invalid TOML")
    (tmp_path / ".prfacts.toml").write_text('fail-on = "sometimes"\n')
    code, out, err = run(capsys, "a.txt")
    assert code == 2 and "fail-on must be one of" in err and ".prfacts.toml" in err
    (tmp_path / ".prfacts.toml").write_text('colour = "red"\n')
    code, out, err = run(capsys, "a.txt")
    assert code == 2 and "unknown prfacts setting 'colour'" in err


def test_rules_dirs_relative_to_the_config_file(fake, tmp_path, capsys):
    (tmp_path / "house-rules" / "checks").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.prfacts]\nrules-dirs = ["house-rules"]\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("clean\n")
    assert run(capsys, "drafts/a.txt")[0] == 0
    assert fake[-1] == (str((tmp_path / "house-rules").resolve()),)
    # the lead's `prfacts rules test` asks the same function
    assert configuration.find_config(tmp_path / "drafts").rules_dirs == fake[-1]
    (tmp_path / "pyproject.toml").write_text('[tool.prfacts]\nrules-dirs = ["nowhere"]\n')
    code, _, err = run(capsys, "drafts/a.txt")
    assert code == 2 and "rules-dirs entry 'nowhere' is not a directory" in err


# ---------------------------------------------------------------- suppressions


def test_suppression_comments(fake, tmp_path, capsys):
    text = (
        "<!-- prfacts-disable-next-line premium-discount -->\n"
        "\n"
        "A 444% premium (suppressed: the next non-empty line).\n"
        "A 444% premium (reported).\n"
        "<!-- prfacts-disable style-warning, note-info -->\n"
        "WARN-ME NOTE-ME 444% (only the premium is reported)\n"
        "<!-- prfacts-enable note-info -->\n"
        "WARN-ME NOTE-ME (the note is reported again)\n"
        "<!-- prfacts-disable -->\n"
        "444% WARN-ME (everything suppressed)\n"
        "<!-- prfacts-enable -->\n"
        "<!-- prfacts-disable-next-line -->\n"
        "444% NOTE-ME (everything on this line suppressed)\n"
        "444% (reported)\n"
    )
    (tmp_path / "a.txt").write_text(text)
    code, out, _ = run(capsys, "a.txt", "--fail-on", "info")
    assert code == 1
    assert [tuple(line.split(" ")[0:3]) for line in out.splitlines()] == [
        ("a.txt:4:3:", "error", "premium-discount"),
        ("a.txt:6:17:", "error", "premium-discount"),
        ("a.txt:8:9:", "info", "note-info"),
        ("a.txt:14:1:", "error", "premium-discount"),
    ]
    code, out, _ = run(capsys, "a.txt", "--format", "json")
    (sheet,) = json.loads(out)
    findings = sheet["findings"]
    suppressed = [(f["line"], f["rule"]) for f in findings if f["suppressed"]]
    assert suppressed == [(3, "premium-discount"), (6, "style-warning"), (6, "note-info"), (8, "style-warning"),
                          (10, "premium-discount"), (10, "style-warning"), (13, "premium-discount"),
                          (13, "note-info")]


def test_suppressed_findings_never_fail(fake, tmp_path, capsys):
    (tmp_path / "a.md").write_text("<!-- prfacts-disable premium -->\n\nA premium of 444% here.\n")
    code, out, _ = run(capsys, "a.md")
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "a.md", "--format", "sarif")
    result = json.loads(out)["runs"][0]["results"][0]
    assert result["suppressions"] == [{"kind": "inSource", "justification": "prfacts-disable comment in the draft"}]


def test_suppress_same_line_only_after_the_comment():
    original = "444% <!-- prfacts-disable --> 444%\n"
    d = suppress.parse(original)
    starts = [0]
    assert not suppress.is_suppressed(d, starts, "x", 1, 1)
    assert suppress.is_suppressed(d, starts, "x", 1, 31)


# ---------------------------------------------------------------- fixes


def test_fix_writes_in_place_and_rechecks(fake, tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(DRAFT + "WARN-ME\n")
    p.chmod(0o640)
    code, out, err = run(capsys, "a.txt", "--fix")
    assert code == 0  # what remains is a warning
    assert p.read_text() == (DRAFT + "WARN-ME\n").replace("444%", "344%")
    assert out == "a.txt:5:1: warning style-warning WARN-ME is wrong\n"
    assert "a.txt: applied 1 fix" in err
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".prfacts-tmp")]
    code, out, err = run(capsys, "a.txt", "--fix")
    assert code == 0 and "applied" not in err


def test_fix_keeps_bom_and_crlf_and_skips_suppressed(fake, tmp_path, capsys):
    p = tmp_path / "a.txt"
    raw = "\ufeffLine one 444%\r\n<!-- prfacts-disable-next-line -->\r\nkept 444%\r\n".encode("utf-8")
    p.write_bytes(raw)
    code, _, _ = run(capsys, "a.txt", "--fix")
    assert code == 0
    assert p.read_bytes() == raw.replace(b"one 444%", b"one 344%")


def test_overlapping_fixes_apply_the_first(fake, tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("xx ABCDEF yy\n")
    code, out, err = run(capsys, "a.txt", "--fix")
    assert p.read_text() == "xx wxyzEF yy\n"
    assert "fix for overlap-b not applied" in err


def test_diff_prints_and_does_not_write(fake, tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(DRAFT)
    code, out, err = run(capsys, "a.txt", "--diff")
    assert code == 1
    assert p.read_text() == DRAFT
    assert out.splitlines() == [
        "--- a/a.txt", "+++ b/a.txt", "@@ -1,4 +1,4 @@", " Headline", " ",
        "-The price represents a premium of 444% to the bid.",
        "+The price represents a premium of 344% to the bid.", " Another line.",
    ]


def test_fix_html_maps_through_markup_and_entities(fake, tmp_path, capsys):
    p = tmp_path / "a.html"
    p.write_text("<html><body>\n<p>A premium of <b>444&#37;</b> &amp; more.</p>\n</body></html>\n")
    code, out, _ = run(capsys, "a.html", "--fix")
    assert code == 0 and out == ""
    assert p.read_text() == "<html><body>\n<p>A premium of <b>344%</b> &amp; more.</p>\n</body></html>\n"


def test_fix_stdin_prints_the_fixed_text(fake, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode())))
    code, out, err = run(capsys, "-", "--stdin-filename", "x.txt", "--fix")
    assert code == 0
    assert out == DRAFT.replace("444%", "344%")


# ---------------------------------------------------------------- the real analyzer on the seed


def _seed_variants(tmp_path: Path) -> dict[str, Path]:
    """The seed as .txt, .md (headings, emphasis, a quote, a link) and .html (markup, an entity, wrapped lines)."""
    import html

    text = SEED.read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n") if p.strip()]
    md = ["# Brightfield announces conversion", ""]
    for i, p in enumerate(paras):
        p = p.replace("www.brightfieldtfp.com", "[www.brightfieldtfp.com](http://www.brightfieldtfp.com/)")
        md += [("> " + p) if i == 3 else ("**" + p[:6] + "**" + p[6:]) if i == 1 else p, ""]  # 3: a quote; 1: the dateline
    page = ["<!DOCTYPE html>", "<html><head><title>Release</title></head><body>", "<h1>Brightfield</h1>"]
    for p in paras:
        body = html.escape(p, quote=False).replace("444%", "<b>444&#37;</b>").replace(". ", ".\n   ")
        page.append(f"<p>{body}</p>")
    page.append("</body></html>")
    out = {"txt": tmp_path / "seed.txt", "md": tmp_path / "seed.md", "html": tmp_path / "seed.html"}
    out["txt"].write_text(text, encoding="utf-8")
    out["md"].write_text("\n".join(md), encoding="utf-8")
    out["html"].write_text("\n".join(page) + "\n", encoding="utf-8")
    return out


def _real(capsys, *argv):
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_has_one_error_premium_discount(tmp_path, capsys):
    seed = _seed_variants(tmp_path)["txt"]
    code, out, err = _real(capsys, str(seed), "--format", "json")
    (sheet,) = json.loads(out)
    errors = [f for f in sheet["findings"] if f["severity"] == "error"]
    assert code == 1 and err == ""
    assert [(f["rule"], f["stated"] is not None) for f in errors] == [("premium-discount", True)]
    f = errors[0]
    text = seed.read_text()
    assert text[f["fix"]["start"]:f["fix"]["end"]] == "444%" and f["fix"]["replacement"] == "344%"
    line = text.split("\n")[f["line"] - 1]
    assert line[f["column"] - 1:].startswith("444%")


def test_fix_on_seed_changes_only_444_and_checks_clean(tmp_path, capsys):
    seed = _seed_variants(tmp_path)["txt"]
    before = seed.read_text()
    code, out, err = _real(capsys, str(seed), "--fix")
    assert code == 0, out + err
    after = seed.read_text()
    assert len(after) == len(before)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(changed) == 1 and before[changed[0]:changed[0] + 4] == "444%" and after[changed[0]:changed[0] + 4] == "344%"
    assert after == before.replace("444%", "344%")
    code, out, _ = _real(capsys, str(seed), "--format", "json")
    assert code == 0
    assert not [f for f in json.loads(out)[0]["findings"] if f["severity"] in ("error", "warning")]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html_report_the_same_findings_at_the_right_lines(tmp_path, capsys, fmt):
    files = _seed_variants(tmp_path)

    def findings(path):
        code, out, _ = _real(capsys, str(path), "--format", "json")
        return code, json.loads(out)[0]["findings"]

    code_txt, plain = findings(files["txt"])
    code_other, other = findings(files[fmt])
    assert code_other == code_txt == 1
    key = lambda f: (f["rule"], f["severity"], f["stated"], f["expected"], f["message"])  # noqa: E731
    assert sorted(map(key, other)) == sorted(map(key, plain))
    original = files[fmt].read_text().split("\n")
    for f in other:
        line = original[f["line"] - 1]
        stated = f["evidence"][0]["text"] if f["evidence"] else None
        premium = next((e["text"] for e in f["evidence"] if e["role"] == "stated"), None)
        if f["rule"] == "premium-discount":
            assert line[f["column"] - 1:].startswith("444")  # "444%" or "444&#37;"
            assert premium == "444%"
        elif stated:
            printed = line[f["column"] - 1:]
            assert printed[:1].isdigit() or printed[:1] == "$", (f, printed[:20])


def test_fix_on_markdown_and_html_seed(tmp_path, capsys):
    files = _seed_variants(tmp_path)
    before = {k: p.read_text() for k, p in files.items()}
    code, out, err = _real(capsys, str(files["md"]), str(files["html"]), "--fix")
    assert code == 0, out + err
    assert files["md"].read_text() == before["md"].replace("444%", "344%")
    assert files["html"].read_text() == before["html"].replace("<b>444&#37;</b>", "<b>344%</b>")


def test_console_script_never_shows_a_traceback(tmp_path):
    # A process of its own, unlike the suite's other CLI runs: what a user sees is the interpreter's exit.
    (tmp_path / "ok.txt").write_text("A plain sentence.\n")
    proc = subprocess.run([sys.executable, "-m", "extractor", "check", "nope.txt", "ok.txt"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "prfacts: nope.txt: no such file"


# ---------------------------------------------------------------- no silent skips


def test_empty_and_unlistable_folders_are_errors(fake, tmp_path, capsys, monkeypatch):
    (tmp_path / "empty").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text("444%")  # not a draft: folders skip it
    (tmp_path / "ok.txt").write_text("fine\n")
    code, out, err = run(capsys, "empty", "docs", "ok.txt")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "prfacts: empty: no documents in this folder (looked for .txt .md .markdown .html .htm .xhtml .docx)",
        "prfacts: docs: no documents in this folder (looked for .txt .md .markdown .html .htm .xhtml .docx; 1 excluded)"]
    real_scandir = os.scandir

    def scandir(path="."):  # as a folder without read permission behaves (the tests may run as root)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    (tmp_path / "locked").mkdir()
    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = run(capsys, "locked")
    assert code == 2 and err == "prfacts: locked: cannot list folder: Permission denied\n"


def test_exclude_globs_and_readme(fake, tmp_path, capsys):
    d = tmp_path / "drafts"
    (d / "old").mkdir(parents=True)
    for name in ("a.txt", "README.md", "LICENSE.txt", "b.draft.md", "old/c.txt"):
        (d / name).write_text(DRAFT)
    code, out, _ = run(capsys, "drafts", "--exclude", "*.draft.md", "--exclude", "old")
    assert [line.split(":")[0] for line in out.splitlines()] == ["drafts/a.txt"]
    code, out, _ = run(capsys, "drafts/README.md")  # a file named on the command line is always checked
    assert code == 1 and out.startswith("drafts/README.md:")
    code, _, err = run(capsys, "drafts/*.md", "--exclude", "*.draft.md")
    assert code == 2 and err == "prfacts: drafts/*.md: no file matches this pattern but 2 excluded\n"


def test_unknown_rule_patterns_are_errors(fake, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(DRAFT)
    code, out, err = run(capsys, "a.txt", "--select", "premum")
    assert code == 2 and out == ""
    assert err == "prfacts: --select: no rule matches 'premum' (did you mean premium?)\n"
    code, _, err = run(capsys, "a.txt", "--ignore", "nothing-like-it")
    assert code == 2 and "--ignore: no rule matches 'nothing-like-it' (prfacts rules list shows them)" in err
    (tmp_path / ".prfacts.toml").write_text('select = ["premium", "dates"]\n')
    code, _, err = run(capsys, "a.txt")
    assert code == 2 and ".prfacts.toml: select: no rule matches 'dates'" in err
    (tmp_path / ".prfacts.toml").write_text('severity = { premium-discont = "warning" }\n')
    code, _, err = run(capsys, "a.txt")
    assert code == 2 and "severity: no rule matches 'premium-discont'" in err
    (tmp_path / ".prfacts.toml").write_text('[tool.prfacts]\nselect = ["ALL"]\nfail_on = "error"\nmax-char = 5\n')
    code, _, err = run(capsys, "a.txt")
    assert code == 2 and "unknown prfacts setting 'max-char'" in err


def test_one_error_line_for_a_broken_configuration(fake, tmp_path, capsys):
    (tmp_path / ".prfacts.toml").write_text('select = ["premum"]\n')
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(DRAFT)
    code, out, err = run(capsys, "a.txt", "b.txt")
    assert code == 2 and len(err.splitlines()) == 1 and "select: no rule matches 'premum'" in err


def test_found_configuration_may_not_lower_the_bar_unless_named(fake, tmp_path, capsys):
    outside = tmp_path / "outside-rules"
    (outside / "checks").mkdir(parents=True)
    project = tmp_path / "project"
    project.mkdir()
    (project / "a.txt").write_text(DRAFT)
    (project / ".prfacts.toml").write_text('fail-on = "never"\n')
    code, out, err = run(capsys, "project/a.txt")
    assert code == 2 and "a.txt" not in out
    assert "project/.prfacts.toml: fail-on = 'never' would let errors pass" in err
    assert "--config" in err
    assert run(capsys, "project/a.txt", "--config", "project/.prfacts.toml")[0] == 0  # named: trusted
    (project / ".prfacts.toml").write_text('fail-on = "warning"\n')  # stricter is always fine
    assert run(capsys, "project/a.txt")[0] == 1
    (project / ".prfacts.toml").write_text('rules-dirs = ["../outside-rules"]\n')
    code, _, err = run(capsys, "project/a.txt")
    assert code == 2 and "rules-dirs entry '../outside-rules' is outside the folder of this file" in err
    assert run(capsys, "project/a.txt", "--config", "project/.prfacts.toml")[0] == 1
    assert fake[-1] == (str(outside.resolve()),)


# ---------------------------------------------------------------- the budget of a document


def test_size_budget_from_the_command_line_and_the_configuration(fake, tmp_path, capsys):
    (tmp_path / "big.txt").write_text("x" * 500 + "\n" + DRAFT)
    (tmp_path / "small.txt").write_text(DRAFT)
    code, out, err = run(capsys, "big.txt", "small.txt", "--max-chars", "300")
    assert code == 2
    assert out == "small.txt:3:35: error premium-discount 444% is wrong\n"  # the other file is still checked
    assert err == ("prfacts: big.txt: 576 characters, over the limit of 300 characters (--max-chars, or max-chars "
                   "in the configuration)\n")
    (tmp_path / ".prfacts.toml").write_text("max-chars = 300\n")
    assert "big.txt: 576 characters" in run(capsys, "big.txt")[2]
    assert run(capsys, "big.txt", "--max-chars", "1000")[0] == 1  # the command line wins
    (tmp_path / ".prfacts.toml").write_text("max-chars = -3\n")
    assert "max-chars must be a positive whole number, not -3" in run(capsys, "big.txt")[2]
    with pytest.raises(SystemExit) as exc:
        main(["check", "big.txt", "--timeout", "0"])
    assert exc.value.code == 2 and "--timeout: must be a positive number of seconds" in capsys.readouterr().err


def test_time_budget_interrupts_a_slow_analysis(fake, tmp_path, capsys, monkeypatch):
    import time

    slow = FakeAnalyzer.analyze_source

    def analyze_source(self, src):
        if "SLOW" in src.text:
            time.sleep(30)  # the timer signal cuts it short
        return slow(self, src)

    monkeypatch.setattr(FakeAnalyzer, "analyze_source", analyze_source)
    (tmp_path / "slow.txt").write_text("SLOW\n")
    (tmp_path / "bad.txt").write_text(DRAFT)
    started = time.monotonic()
    code, out, err = run(capsys, "slow.txt", "bad.txt", "--timeout", "0.3")
    assert time.monotonic() - started < 5
    assert code == 2 and out.startswith("bad.txt:3:35: error")
    assert err == "prfacts: slow.txt: analysis took longer than 0.3 s (--timeout, or timeout in the configuration)\n"




def test_a_user_rule_that_never_ends_is_an_error_for_its_document(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house" / "quantities").mkdir(parents=True)
    (tmp_path / "house" / "quantities" / "slow.yaml").write_text(SLOW_RULE)
    # a budget well above the ordinary work, so the clock runs out inside the rule (on a loaded machine too)
    (tmp_path / ".prfacts.toml").write_text('rules-dirs = ["house"]\ntimeout = 2\n')
    (tmp_path / "hostile.txt").write_text("Revenue was $5 million. " + "x" * 40 + "\n")
    (tmp_path / "fine.txt").write_text("Revenue was $5 million.\n")
    code, out, err = _real(capsys, "hostile.txt", "fine.txt")
    assert code == 2 and out == ""
    rule = (tmp_path / "house" / "quantities" / "slow.yaml").resolve()
    assert err == (f"prfacts: hostile.txt: analysis took longer than 2 s (--timeout, or timeout in the "
                   f"configuration), in user rule {rule} pattern 1 (its regex may backtrack without end)\n")


def test_more_than_a_million_characters_is_analysed(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text("The quick brown fox jumps over the lazy dog by the river. " * 18000)  # 1.04 M characters
    code, out, err = _real(capsys, str(big), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["source"]["length"] == 1_044_000


# ---------------------------------------------------------------- reproducible SARIF


def test_sarif_is_the_same_file_run_after_run(fake, tmp_path, capsys):
    from jsonschema.validators import validator_for

    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(DRAFT)
    (tmp_path / "drafts" / "b.md").write_text("WARN-ME\n")
    runs = []
    for _ in range(2):
        run(capsys, "drafts", "--format", "sarif", "-o", "out.sarif")
        runs.append((tmp_path / "out.sarif").read_bytes())
    assert runs[0] == runs[1]
    text = runs[0].decode()
    assert str(tmp_path) not in text and "file://" not in text and "Time" not in text
    run(capsys, "drafts", "--format", "sarif", "-o", "stamped.sarif", "--timestamp")
    log = json.loads((tmp_path / "stamped.sarif").read_text())
    if SARIF_SCHEMA.exists():  # the schema sits in ../shared beside a developer's clone
        schema = json.loads(SARIF_SCHEMA.read_text())
        validator_for(schema)(schema).validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["startTimeUtc"].endswith("Z") and invocation["endTimeUtc"] >= invocation["startTimeUtc"]
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


# ---------------------------------------------------------------- --encoding


def test_encoding_option_reads_every_input_with_it(fake, tmp_path, capsys):
    (tmp_path / "utf16.txt").write_bytes(DRAFT.encode("utf-16-le"))  # no byte-order mark: not guessable
    code, _, err = run(capsys, "utf16.txt")
    assert code == 2 and "binary file" in err
    code, out, err = run(capsys, "utf16.txt", "--encoding", "utf-16-le")
    assert (code, err) == (1, "") and out.startswith("utf16.txt:3:35: error premium-discount")
    with pytest.raises(SystemExit) as exc:
        main(["check", "utf16.txt", "--encoding", "klingon"])
    assert exc.value.code == 2 and "unknown encoding 'klingon'" in capsys.readouterr().err


def test_html_report_is_reproducible_and_timestamp_is_opt_in(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DRAFT)
    pages = []
    for extra in ([], [], ["--timestamp"]):
        _real(capsys, "a.txt", "--format", "html", "-o", "r.html", "--fail-on", "never", *extra)
        pages.append((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    assert pages[2] != pages[0] and "UTC" in pages[2]
