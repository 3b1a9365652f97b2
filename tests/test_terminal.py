"""`prfacts check` on a terminal: colour, the summary, --statistics, --quiet and --exit-zero; plain in a pipe."""

from __future__ import annotations

import re
import shutil
import sys

import pytest

from extractor.cli import main

from conftest import ROOT

SEED = ROOT / "corpus" / "releases" / "001_seed_restated.txt"
CLEAN = "Acme Corp. sold 1,000,000 shares at $2.00 per share for gross proceeds of $2.0 million.\n"
ESC = "\x1b["
LINE = re.compile(r"^[^:\s]+:\d+:\d+: (error|warning|info) [a-z-]+ \S.*$")


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def run(capsys, *argv, tty=False, monkeypatch=None):
    if tty:
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_pipe_gets_plain_parseable_lines_and_no_summary(drafts, capsys):
    code, out, _ = run(capsys, "seed.txt", "clean.txt")
    assert code == 1 and ESC not in out
    lines = out.splitlines()
    assert len(lines) == 2 and all(LINE.match(line) for line in lines)
    assert lines[1].startswith("seed.txt:5:435: error premium-discount 444% should be 344%")


def test_colour_always_marks_severity_path_and_rule(drafts, capsys):
    _, out, _ = run(capsys, "seed.txt", "--color", "always")
    line = out.splitlines()[1]
    assert line.startswith("\x1b[1mseed.txt\x1b[0m:5:435: \x1b[1;31merror\x1b[0m \x1b[2mpremium-discount\x1b[0m ")
    assert re.sub(r"\x1b\[[\d;]*m", "", out) == run(capsys, "seed.txt")[1]  # colour adds nothing else


def test_colour_auto_follows_the_terminal_and_the_environment(drafts, capsys, monkeypatch):
    assert ESC not in run(capsys, "seed.txt")[1]
    assert ESC in run(capsys, "seed.txt", tty=True, monkeypatch=monkeypatch)[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC not in run(capsys, "seed.txt", tty=True, monkeypatch=monkeypatch)[1]
    assert ESC in run(capsys, "seed.txt", "--color", "always")[1]  # the flag wins over the environment
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert ESC in run(capsys, "seed.txt")[1]
    assert ESC not in run(capsys, "seed.txt", "--color", "never")[1]
    assert ESC not in run(capsys, "seed.txt", "-o", "report.txt")[1] + (drafts / "report.txt").read_text()


def test_summary_on_a_terminal(drafts, capsys, monkeypatch):
    code, out, _ = run(capsys, "seed.txt", "clean.txt", "--color", "never", tty=True, monkeypatch=monkeypatch)
    assert code == 1 and out.splitlines()[-1] == "1 error, 1 note in 1 of 2 files"
    code, out, _ = run(capsys, "clean.txt", "--color", "never", tty=True, monkeypatch=monkeypatch)
    assert code == 0 and out == "All checks passed: 1 file\n"
    code, out, err = run(capsys, "clean.txt", "missing.txt", "--color", "never", tty=True, monkeypatch=monkeypatch)
    assert code == 2 and "missing.txt" in err
    assert out == "All checks passed: 1 file; 1 input could not be checked (see above)\n"


def test_a_terminal_shows_the_sentence_under_each_finding(drafts, capsys, monkeypatch):
    _, out, _ = run(capsys, "seed.txt", "--color", "never", tty=True, monkeypatch=monkeypatch)
    lines = out.splitlines()
    assert lines[2].startswith("seed.txt:5:435: error premium-discount")
    assert lines[3] == ("    | …the fixed conversion price of $0.0040 per share represents a premium of 444% to the closing "
                        "bid price of $0.0009 on the trading day before the conversion notice…")
    _, out, _ = run(capsys, "seed.txt", "--color", "always", tty=True, monkeypatch=monkeypatch)
    assert "a premium of \x1b[1;4m444%\x1b[0m to the" in out.splitlines()[3]


def test_quiet_prints_only_the_findings(drafts, capsys, monkeypatch):
    _, out, _ = run(capsys, "seed.txt", "clean.txt", "-q", "--color", "never", tty=True, monkeypatch=monkeypatch)
    assert len(out.splitlines()) == 2 and all(LINE.match(line) for line in out.splitlines())
    assert run(capsys, "clean.txt", "--quiet", tty=True, monkeypatch=monkeypatch)[1] == ""


def test_statistics_count_findings_per_rule(drafts, capsys):
    (drafts / "seed2.txt").write_text((drafts / "seed.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run(capsys, "seed.txt", "seed2.txt", "clean.txt", "--statistics")
    assert code == 1
    assert [line.split()[:3] for line in out.splitlines()] == [["2", "premium-discount", "error"],
                                                               ["2", "implied-total", "info"]]
    assert out.splitlines()[0].endswith("Premium or discount does not match the two prices")


def test_exit_zero_keeps_findings_but_not_input_errors(drafts, capsys):
    code, out, _ = run(capsys, "seed.txt", "--exit-zero")
    assert code == 0 and "premium-discount" in out
    code, _, err = run(capsys, "seed.txt", "missing.txt", "--exit-zero")
    assert code == 2 and "missing.txt" in err
