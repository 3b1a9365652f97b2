"""README.md kept true: its commands, flags, snippets and check table are read out of it and run.

A newcomer copies what the README shows, so every `prfacts ...` command it shows must name a real
subcommand and real flags, the first example must print what the README says it prints, the GitHub
Actions workflow and the pre-commit configuration must work as pasted, and the table of checks must
list every check rule. The snippets are read from README.md itself, so they cannot drift from it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from extractor import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
SHELL = {"sh", "bash", "shell", "console"}
DRAFT = "The offering price of $2.50 per share represents a premium of 125% to the closing price of $2.00.\n"
CLEAN = DRAFT.replace("125%", "25%")


def _blocks_after(marker: str, lang: str | None = None) -> list[str]:
    """The fenced blocks after the first occurrence of `marker`, in order (only `lang` ones if given)."""
    start = README.index(marker)
    return [m.group(2) for m in FENCE.finditer(README) if m.start() > start and lang in (None, m.group(1))]


def _section(heading: str) -> str:
    """A section's text, from its heading to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = README.index(f"\n{heading}\n")
    end = re.compile(rf"^#{{1,{len(level)}}} ", re.M).search(README, start + len(heading) + 2)
    return README[start:end.start() if end else len(README)]


def _segments(line: str) -> list[list[str]]:
    """A shell line's simple commands: split at &&, ||, | and ;, comments dropped."""
    lex = shlex.shlex(line, posix=True, punctuation_chars=True)
    lex.whitespace_split, lex.commenters = True, "#"
    segments, current = [], []
    for token in lex:
        if token and set(token) <= set("&|;()<>"):
            segments.append(current)
            current = []
        else:
            current.append(token)
    return [s for s in segments + [current] if s]


def _readme_commands() -> list[list[str]]:
    """Every `prfacts ...` command in a shell block or an inline code span."""
    commands = []
    for lang, body in FENCE.findall(README):
        if lang in SHELL:
            for line in body.splitlines():
                commands += [s for s in _segments(line) if s[0] == "prfacts"]
    prose = FENCE.sub("", README)
    for span in re.findall(r"`(prfacts [^`]+)`", prose):
        commands += [s for s in _segments(span.replace("\n", " ")) if s[0] == "prfacts"]
    return commands


def _subcommands(parser: argparse.ArgumentParser) -> dict:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices
    return {}


def _help(path: tuple[str, ...], capsys) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        cli.main([*path, "--help"])
    assert exit_.value.code == 0, path
    return capsys.readouterr().out


def test_every_documented_command_and_flag_exists(capsys):
    commands = _readme_commands()
    assert len(commands) > 30, "the README's commands were not found: has the code-block format changed?"
    helps, wrong = {}, []
    for command in commands:
        parser, path, args = cli.build_parser(), [], command[1:]
        while args and not args[0].startswith("-") and _subcommands(parser):
            if args[0] not in _subcommands(parser):
                wrong.append(f"{shlex.join(command)}: no command `prfacts {' '.join(path + [args[0]])}`")
                break
            parser = _subcommands(parser)[args[0]]
            path, args = path + [args[0]], args[1:]
        else:
            if tuple(path) not in helps:
                helps[tuple(path)] = _help(tuple(path), capsys)
            for flag in {a.split("=")[0] for a in args if a.startswith("-") and a != "-"}:
                if not re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", helps[tuple(path)]):
                    wrong.append(f"{shlex.join(command)}: `prfacts {' '.join(path)}` has no {flag}")
    assert not wrong, "\n".join(wrong)


def _all_helps(parser: argparse.ArgumentParser, path: tuple[str, ...], capsys) -> str:
    return _help(path, capsys) + "".join(_all_helps(sub, path + (name,), capsys)
                                         for name, sub in _subcommands(parser).items())


def test_every_flag_named_in_the_prose_exists(capsys):
    """A flag named on its own (`--max-chars N`, `--quiet`/`-q`) belongs to at least one command."""
    prose = FENCE.sub("", README)
    flags = set(re.findall(r"`(--[a-z][\w-]*|-[a-z])\b", prose))
    assert len(flags) > 20, "the README's flags were not found"
    helps = _all_helps(cli.build_parser(), (), capsys)
    missing = {f for f in flags if not re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", helps)}
    assert missing == set(), f"flags the README names that no prfacts command has: {sorted(missing)}"


def test_the_check_table_lists_every_check_rule(capsys):
    assert cli.main(["rules", "list", "--format", "json"]) == 0
    rules = {rule["id"] for rule in json.loads(capsys.readouterr().out)["checks"]}
    rows = [line.split("|")[1] for line in _section("## What it checks").splitlines() if line.startswith("| `")]
    listed = {rule for cell in rows for rule in re.findall(r"`([\w-]+)`", cell)}
    assert rules - listed == set(), "check rules missing from the README's table"
    assert listed - rules == set(), "the README's table names checks that do not exist"


def test_how_it_is_built_names_every_module():
    table = _section("## How it is built")
    named = set(re.findall(r"`(?:extractor/)?([\w/]+?)(?:\.py)?/?`", table))
    modules = {p.stem for p in (ROOT / "extractor").rglob("*.py") if "static" not in p.parts}
    packages = {p.parent.name for p in (ROOT / "extractor").glob("*/__init__.py")}
    named = {name.rpartition("/")[2] for name in named}
    assert (modules | packages) - {"__init__", "__main__"} - named == set(), "modules the README's map leaves out"


def _normalised(command: list[str]) -> list[str]:
    """`python -m pip install -q X` and `pip install X` are the same install."""
    if command[:3] == ["python", "-m", "pip"]:
        command = command[2:]
    return [a for a in command if a != "-q"]


def test_ci_runs_the_readmes_test_command():
    readme = next(b for b in _blocks_after("## Getting started", "sh") if "pytest" in b)
    documented = [_normalised(s) for line in readme.splitlines() for s in _segments(line)]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    run = [_normalised(shlex.split(line)) for line in ci if line.startswith(("python ", "pip "))]
    assert documented == run


def test_the_first_example_prints_what_the_readme_shows(capsys, monkeypatch):
    install = next(b for b in _blocks_after("## Getting started", "sh") if "pip install -e . &&" in b)
    [command] = [s for s in _segments(install.strip()) if s[0] == "prfacts"]
    shown = _blocks_after(install.strip(), "")[0]
    monkeypatch.chdir(ROOT)  # the example's path is relative to the repository root
    assert cli.main(command[1:]) == 1  # the example's error is there by design
    printed = capsys.readouterr().out.splitlines()
    # Piped, as here, only the finding lines are printed; the sentences and summary are for a terminal.
    assert printed == [line for line in shown.splitlines() if line.startswith("corpus/")]
    assert shown.splitlines()[-1] == "1 error, 1 note in 1 of 1 file"


def test_the_python_example_prints_what_the_readme_shows(capsys):
    code = _blocks_after("the package you import is `extractor`", "python")[0]
    shown = _blocks_after(code, "")[0]
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == shown


def _workflow_steps() -> list[dict]:
    workflow = yaml.safe_load(_blocks_after("### GitHub Actions", "yaml")[0])
    [job] = workflow["jobs"].values()
    return job["steps"]


@pytest.mark.parametrize("draft, status", [(DRAFT, 1), (CLEAN, 0)])
def test_the_github_workflow_runs_as_written(tmp_path, monkeypatch, capsys, draft, status):
    """Each `run:` step in a folder laid out as the workflow expects: drafts/ and prfacts/ beside it."""
    (tmp_path / "prfacts").symlink_to(ROOT, target_is_directory=True)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "q3.txt").write_text(draft, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    steps = _workflow_steps()
    codes = {}
    for step in (s for s in steps if "run" in s):
        for command in (s for line in step["run"].splitlines() for s in _segments(line)):
            if command[:2] == ["pip", "install"]:
                # Checked for form, not run: it would reinstall prfacts into the environment the tests run in.
                [target] = command[2:]
                assert (tmp_path / target / "pyproject.toml").read_text().count('name = "prfacts"') == 1
                continue
            assert command[0] == "prfacts", f"a step runs something the test does not know: {command}"
            codes[step["name"]] = cli.main(command[1:])
    assert codes == {"Check the drafts": status, "Annotate the pull request": 0}
    annotations = capsys.readouterr().out
    assert ("::error" in annotations and "premium-discount" in annotations) == bool(status)

    [upload] = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert upload["if"] == "always()"
    sarif = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == (["premium-discount"] if status else [])


needs_precommit = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
    reason="needs git and pre-commit (pip install -e '.[test]')",
)


@needs_precommit
def test_the_precommit_configuration_runs_as_written(tmp_path):
    from test_precommit import _env, _git

    env = _env(tmp_path / "home")
    # `language: system` runs the `prfacts` on PATH; this one runs the working tree under test, as
    # `pip install -e .` in the virtual environment would (the shared install may be another tree).
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "prfacts").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m extractor "$@"\n')
    (bin_dir / "prfacts").chmod(0o755)
    env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", PYTHONPATH=str(ROOT))
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    _git("init", "-q", cwd=repo, env=env)
    (repo / ".pre-commit-config.yaml").write_text(_blocks_after("### pre-commit", "yaml")[0], encoding="utf-8")
    draft = repo / "drafts" / "q3.md"
    draft.write_text(DRAFT, encoding="utf-8")

    def run(*args):
        _git("add", "-A", cwd=repo, env=env)
        proc = subprocess.run([sys.executable, "-m", "pre_commit", "run", *args, "--all-files", "--color", "never"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=600)
        return proc.returncode, proc.stdout + proc.stderr

    code, out = run()
    assert code == 1 and "Failed" in out and "drafts/q3.md:1:63: error premium-discount" in out, out
    assert "apply proposed fixes" not in out, "the fix hook should run only on demand"
    code, out = run("prfacts-fix", "--hook-stage", "manual")
    assert code == 1 and "files were modified by this hook" in out, out
    assert draft.read_text(encoding="utf-8") == CLEAN
    code, out = run()
    assert code == 0 and "Passed" in out, out
