"""The pre-commit hooks, run by the real pre-commit framework on a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT, set_value

pytestmark = pytest.mark.slow

IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".ci"
)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=True)
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree, committed to a scratch repository that pre-commit can clone."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("hooks") / "govreport"
    shutil.copytree(ROOT, repo, ignore=IGNORE)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "hooks under test")
    return repo, git(repo, "rev-parse", "HEAD")


def pre_commit(cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def test_hooks_with_the_real_pre_commit(
    hook_repo: tuple[Path, str], tmp_path: Path, example_text: str
) -> None:
    pytest.importorskip("pre_commit")
    repo, rev = hook_repo
    work = tmp_path / "reports"
    work.mkdir()
    git(work, "init", "-q")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: govreport-fmt\n      - id: govreport-lint\n",
        encoding="utf-8",
    )
    (work / "pyproject.toml").write_text('[project]\nname = "reports"\n', encoding="utf-8")
    (work / "good.toml").write_text(example_text, encoding="utf-8")
    bad = set_value(example_text, ("requests", "new", "total"), "18")
    (work / "bad.toml").write_text(bad, encoding="utf-8")
    messy = example_text.replace("total = 2      # 总计\n", "total = 2  # 已核对\n", 1)
    (work / "messy.toml").write_text(messy, encoding="utf-8")
    git(work, "add", "-A")

    home = tmp_path / "pre-commit-home"
    proc = pre_commit(work, home)
    output = proc.stdout + proc.stderr
    env_failed = proc.returncode == 3 or "An unexpected error has occurred" in output
    if env_failed and ("Could not" in output or "pip" in output):
        pytest.skip(f"pre-commit could not build the hook environment (no package index?):\n{output[-2000:]}")
    assert proc.returncode == 1, output
    assert "govreport lint（检查年度报告）" in output and "Failed" in output
    assert "bad.toml:" in output and " H3 " in output
    assert "pyproject.toml" not in output.split("govreport lint")[1]  # not a report: skipped
    assert "files were modified by this hook" in output
    assert "total = 2      # 总计 · 已核对" in (work / "messy.toml").read_text(encoding="utf-8")

    (work / "bad.toml").write_text(example_text, encoding="utf-8")
    git(work, "add", "-A")
    proc = pre_commit(work, home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert EXAMPLE.read_text(encoding="utf-8") == (work / "good.toml").read_text(encoding="utf-8")
