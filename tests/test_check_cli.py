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
from extractor import config as configuration
from extractor import suppress
from extractor.cli import main
from extractor.models import Evidence, FactSheet, Finding, Fix, Mention, Metadata, Source

from conftest import SEED, need_shared

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

    monkeypatch.setattr(extractor, "analyzer", analyzer)
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
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 444%".encode("latin-1"))
    code, out, err = run(capsys, "missing.txt", "latin1.txt", "bad.txt")
    assert code == 2
    assert "bad.txt:3:35: error premium-discount" in out
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("prfacts: missing.txt:") and "no such file" in lines[0]
    assert lines[1].startswith("prfacts: latin1.txt:") and "UTF-8" in lines[1]
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
    sheet = json.loads((tmp_path / "report.json").read_text())
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
    (tmp_path / "pyproject.toml").write_text('[tool.prfacts]\nfail-on = "never"\n')
    sub = tmp_path / "drafts"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.prfacts]: not a config
    (sub / "a.txt").write_text(DRAFT)
    assert run(capsys, "drafts/a.txt")[0] == 0  # the parent's fail-on = never
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
    findings = json.loads(out)["findings"]
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

    text = need_shared(SEED).read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n") if p.strip()]
    md = ["# Ascent Solar announces conversion", ""]
    for i, p in enumerate(paras):
        p = p.replace("www.AscentSolar.com", "[www.AscentSolar.com](http://www.ascentsolar.com/)")
        md += [("> " + p) if i == 2 else ("**" + p[:8] + "**" + p[8:]) if i == 0 else p, ""]
    page = ["<!DOCTYPE html>", "<html><head><title>Release</title></head><body>", "<h1>Ascent Solar</h1>"]
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
    sheet = json.loads(out)
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
    assert not [f for f in json.loads(out)["findings"] if f["severity"] in ("error", "warning")]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html_report_the_same_findings_at_the_right_lines(tmp_path, capsys, fmt):
    files = _seed_variants(tmp_path)

    def findings(path):
        code, out, _ = _real(capsys, str(path), "--format", "json")
        return code, json.loads(out)["findings"]

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
    (tmp_path / "ok.txt").write_text("A plain sentence.\n")
    proc = subprocess.run([sys.executable, "-m", "extractor", "check", "nope.txt", "ok.txt"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "prfacts: nope.txt: no such file"
