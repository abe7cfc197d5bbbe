"""Last year's report: ``new --from`` records it, lint uses it first, says which file it used and
warns when several files could be it (issue 14, points 2 and 5).  All in fresh processes."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

from .conftest import EXAMPLE, parse_findings, run_cli, set_value

LAST = EXAMPLE.with_name("qingshi-2023.toml")


def folder(tmp_path: Path) -> Path:
    """Last year's filled report and a draft of it (same organ and year, other numbers)."""
    shutil.copy(LAST, tmp_path / "qingshi-2023.toml")
    draft = LAST.read_text(encoding="utf-8")
    draft = set_value(draft, ("requests", "carry_forward", "person"), "5")  # not what was published
    (tmp_path / "a-draft-2023.toml").write_text(draft, encoding="utf-8")  # first by name
    return tmp_path


def test_new_from_without_year_is_the_year_after_last(tmp_path: Path) -> None:
    shutil.copy(LAST, tmp_path / "last.toml")
    (tmp_path / "next").mkdir()
    done = run_cli("new", "--from", "last.toml", "-o", "next/new.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = tomllib.loads((tmp_path / "next" / "new.toml").read_text(encoding="utf-8"))
    assert data["report"]["year"] == tomllib.loads(LAST.read_text(encoding="utf-8"))["report"]["year"] + 1
    assert data["report"]["previous"] == "../last.toml"  # relative to the new file's folder
    assert "注意" not in done.stderr  # no "last year's report is of another year" note


def test_lint_uses_the_file_new_from_recorded_and_says_so(tmp_path: Path) -> None:
    folder(tmp_path)
    done = run_cli("new", "--from", "qingshi-2023.toml", "-o", "new.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lint = run_cli("lint", "--select", "X", "new.toml", cwd=tmp_path)
    assert lint.returncode == 0, lint.stdout
    assert parse_findings(lint.stdout) == []  # no false X1/X2 from the draft
    assert "new.toml: 上年报告：qingshi-2023.toml" in lint.stdout
    en = run_cli("lint", "--lang", "en", "--select", "X", "new.toml", cwd=tmp_path)
    assert "new.toml: last year's report: qingshi-2023.toml" in en.stdout


def test_several_candidates_are_named_in_a_warning(tmp_path: Path) -> None:
    folder(tmp_path)
    shutil.copy(EXAMPLE, tmp_path / "qingshi-2024.toml")  # no previous = "…" in it
    lint = run_cli("lint", "--select", "X", "qingshi-2024.toml", cwd=tmp_path)
    findings = parse_findings(lint.stdout)
    x4 = [f for f in findings if f["code"] == "X4"]
    assert len(x4) == 1
    assert "a-draft-2023.toml、qingshi-2023.toml" in x4[0]["msg"] and "previous" in x4[0]["msg"]
    assert "上年报告：a-draft-2023.toml" in lint.stdout
    out = json.loads(run_cli("lint", "--format", "json", "qingshi-2024.toml", cwd=tmp_path).stdout)
    assert {f["previous"] for f in out} == {"a-draft-2023.toml"}
    assert "X4" in {f["code"] for f in out}
    # naming the right file settles it: no X4, no X1 from the draft
    text = (tmp_path / "qingshi-2024.toml").read_text(encoding="utf-8")
    text = text.replace("[report]\n", '[report]\nprevious = "qingshi-2023.toml"\n', 1)
    (tmp_path / "qingshi-2024.toml").write_text(text, encoding="utf-8")
    lint = run_cli("lint", "--select", "X", "qingshi-2024.toml", cwd=tmp_path)
    assert lint.returncode == 0 and parse_findings(lint.stdout) == []
    assert "上年报告：qingshi-2023.toml" in lint.stdout


def test_a_previous_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    shutil.copy(LAST, tmp_path / "qingshi-2023.toml")
    text = EXAMPLE.read_text(encoding="utf-8").replace("[report]\n", '[report]\nprevious = "gone.toml"\n', 1)
    (tmp_path / "r.toml").write_text(text, encoding="utf-8")
    lint = run_cli("lint", "--select", "X", "r.toml", cwd=tmp_path)
    x4 = [f for f in parse_findings(lint.stdout) if f["code"] == "X4"]
    assert len(x4) == 1 and "gone.toml" in x4[0]["msg"] and "改用 qingshi-2023.toml" in x4[0]["msg"]
    assert x4[0]["line"] == str(text.splitlines().index('previous = "gone.toml"') + 1)
