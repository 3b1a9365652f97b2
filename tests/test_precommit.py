"""The repository's `.pre-commit-hooks.yaml`, run by pre-commit itself.

The working tree (tracked and untracked files, as `git ls-files` lists them) is
committed into a temporary repository; a second temporary repository, the
user's, names it in its `.pre-commit-config.yaml` (`repo:` that path, `rev:` its
commit), and `pre-commit run` runs the hooks on drafts there. pre-commit builds
its own virtualenv and installs the package into it, as it would for a user
(once per test module: both hooks share it). A draft with the seed's error
fails the `prfacts` hook; the fixed draft passes; the `prfacts-fix` hook
rewrites the draft. Skipped when git or pre-commit is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
                       reason="needs git and pre-commit (pip install -e '.[test]')"),
    pytest.mark.slow,  # the virtualenv and the install of the package and its dependencies: 25-50 s
]

GIT_ID = ["-c", "user.name=prfacts tests", "-c", "user.email=tests@prfacts.invalid", "-c", "commit.gpgsign=false"]


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def _git(*args, cwd, env):
    return subprocess.run(["git", *GIT_ID, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """The working tree, untracked files included, as a committed repository pre-commit can clone."""
    tmp = tmp_path_factory.mktemp("precommit")
    env = _env(tmp / "home")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip(f"{ROOT} is not a git working tree")
    src = tmp / "prfacts-src"
    for name in filter(None, listed.stdout.split("\0")):
        path = ROOT / name
        if path.is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, src / name)
    assert (src / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", cwd=src, env=env)
    _git("add", "-A", cwd=src, env=env)
    _git("commit", "-q", "-m", "working tree", cwd=src, env=env)
    return src, tmp, env


@pytest.fixture(scope="module")
def user_repo(hook_repo):
    src, tmp, env = hook_repo
    user = tmp / "user"
    user.mkdir()
    _git("init", "-q", cwd=user, env=env)
    rev = _git("rev-parse", "HEAD", cwd=src, env=env).stdout.strip()
    (user / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {src.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: prfacts\n      - id: prfacts-fix\n"
    )
    return user


def _run(hook_repo, user: Path, hook: str, *files: str):
    _, _, env = hook_repo
    _git("add", "-A", cwd=user, env=env)  # pre-commit sees a hook's changes as unstaged changes to staged files
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "run", hook, "--files", *files, "--color", "never"],
                          cwd=user, env=env, capture_output=True, text=True, timeout=1800)
    return proc.returncode, proc.stdout + proc.stderr


def test_hook_fails_on_the_seed_error_and_passes_once_fixed(hook_repo, user_repo):
    seed = SEED.read_text(encoding="utf-8")
    draft = user_repo / "drafts" / "release.txt"
    draft.parent.mkdir()
    draft.write_text(seed, encoding="utf-8")
    (user_repo / "notes.py").write_text("x = '444%'\n")  # not a draft: the hook's `files` leaves it out

    code, out = _run(hook_repo, user_repo, "prfacts", "drafts/release.txt")
    assert code == 1, out
    assert "Failed" in out and "drafts/release.txt:5:435: error premium-discount" in out, out

    draft.write_text(seed.replace("444%", "344%"), encoding="utf-8")
    code, out = _run(hook_repo, user_repo, "prfacts", "drafts/release.txt")
    assert code == 0, out
    assert "Passed" in out, out

    code, out = _run(hook_repo, user_repo, "prfacts", "notes.py")
    assert code == 0 and "(no files to check)" in out and "Skipped" in out, out


def test_fix_hook_rewrites_the_draft(hook_repo, user_repo):
    seed = SEED.read_text(encoding="utf-8")
    draft = user_repo / "fixme.md"
    draft.write_text(seed, encoding="utf-8")
    code, out = _run(hook_repo, user_repo, "prfacts-fix", "fixme.md")
    assert code == 1, out  # pre-commit fails a hook that changed files
    assert draft.read_text(encoding="utf-8") == seed.replace("444%", "344%")
    code, out = _run(hook_repo, user_repo, "prfacts-fix", "fixme.md")
    assert code == 0, out
