"""``govreport edit`` on the command line: help, and files it cannot open (no terminal needed)."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_cli


def test_help(run) -> None:  # type: ignore[no-untyped-def]
    result = run("edit", "--help")
    assert result.exit_code == 0 and "用法：" in result.stdout and "FILE" in result.stdout


def test_a_file_that_is_not_toml_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "2021"\n[report\norgan = 1\n', encoding="utf-8")
    proc = run_cli("edit", str(bad))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert (
        len(lines) == 1 and lines[0].startswith(f"govreport: {bad}: TOML 语法错误") and "第 2 行" in lines[0]
    )
    assert bad.read_text(encoding="utf-8").startswith('format = "2021"\n[report\n')  # untouched


def test_an_unknown_format_and_a_directory_are_refused(tmp_path: Path) -> None:
    unknown = tmp_path / "r.toml"
    unknown.write_text('format = "1999"\n', encoding="utf-8")
    proc = run_cli("edit", str(unknown))
    assert proc.returncode == 2 and "未知的格式版本" in proc.stderr
    proc = run_cli("edit", str(tmp_path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
