"""The small ones of issue 14 (point 10): the intro's guidance, the README's render output."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from govreport.lint import lint_text
from govreport.report.scaffold import new_report
from govreport.report.writer import write_report_toml

from .conftest import ROOT


def test_the_intro_guidance_says_what_lint_accepts(spec) -> None:  # type: ignore[no-untyped-def]
    text = write_report_toml(spec, new_report(spec, year=2025, organ="测试乡人民政府").data)
    intro_guidance = next(line for line in text.splitlines() if "概述本年度" in line)
    assert "删去" not in intro_guidance and "清空" in intro_guidance
    # doing what it says (emptying the paragraph) leaves no finding at the intro
    start = text.index("intro = '''")
    end = text.index("'''", start + len("intro = '''")) + 3
    emptied = text[:start] + 'intro = ""' + text[end:]
    findings = lint_text(emptied, "r.toml").findings
    assert not [f for f in findings if f.path[:2] == ("overview", "intro")]


def test_the_readme_render_output_is_ignored_by_git() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    done = subprocess.run(
        ["git", "check-ignore", "-q", "qingshi-2024.html"], cwd=ROOT, capture_output=True, check=False
    )
    assert done.returncode == 0, "the README's set-up command leaves qingshi-2024.html untracked"
