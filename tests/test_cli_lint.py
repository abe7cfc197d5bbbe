"""``govreport lint`` as a user runs it: output lines, JSON, exit codes, bad files."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from govreport.format import FormatSpec
from govreport.report.locate import PositionIndex

from .conftest import EXAMPLE, parse_findings, run_cli, set_value


@pytest.fixture
def run(run_fresh):  # type: ignore[no-untyped-def]
    """The CLI as users run it: a fresh process for every call (see conftest.run_fresh)."""
    return run_fresh


def test_example_passes_with_exit_0(run) -> None:  # type: ignore[no-untyped-def]
    result = run("lint", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert parse_findings(result.stdout) == []
    assert "全部通过" in result.stdout


def test_errors_exit_1_with_file_line_col_code(run, tmp_path: Path, example_text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.toml"
    path.write_text(set_value(example_text, ("requests", "new", "business"), "3"), encoding="utf-8")
    result = run("lint", str(path))
    assert result.exit_code == 1
    found = parse_findings(result.stdout)
    assert [f["code"] for f in found] == ["H3", "H1"]  # the row total, and the column's balance
    finding = found[0]
    assert finding["file"] == str(path)
    index = PositionIndex(path.read_text(encoding="utf-8"))
    pos = index.value(("requests", "new", "total"))
    assert (int(finding["line"]), int(finding["col"])) == (pos.line, pos.column)  # type: ignore[union-attr]


def test_json_output(run, tmp_path: Path, example_text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.toml"
    path.write_text(set_value(example_text, ("appeals", "review", "total"), "5"), encoding="utf-8")
    result = run("lint", "--format", "json", str(path))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data) == 1
    item = data[0]
    assert {"file", "line", "column", "code", "severity", "message", "path"} <= item.keys()
    assert (item["code"], item["severity"], item["path"]) == ("H4", "error", "appeals.review.total")
    assert item["message"].startswith("表四「行政复议·总计」列为 5")


def test_json_output_is_an_empty_array_when_clean(run) -> None:  # type: ignore[no-untyped-def]
    result = run("lint", "--format", "json", str(EXAMPLE))
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_many_files_in_one_call(run, tmp_path: Path, example_text: str) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.toml"
    bad.write_text(set_value(example_text, ("requests", "new", "total"), "18"), encoding="utf-8")
    result = run("lint", str(EXAMPLE), str(bad))
    assert result.exit_code == 1
    assert {f["file"] for f in parse_findings(result.stdout)} == {str(bad)}
    assert "检查了 2 个文件" in result.stdout


def _one_line_error(proc) -> str:  # type: ignore[no-untyped-def]
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = [line for line in (proc.stderr + proc.stdout).splitlines() if line.strip()]
    error_lines = [line for line in lines if not line.startswith(("发现", "全部通过"))]
    assert len(error_lines) == 1, lines
    return error_lines[0]


def test_malformed_toml_exits_2_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('format = "2021"\n[report]\norgan = "未闭合\nyear = 2024\n', encoding="utf-8")
    proc = run_cli("lint", str(path))
    assert proc.returncode == 2
    line = _one_line_error(proc)
    assert line.startswith(f"{path}:3:") and "F1 TOML 语法错误" in line


def test_missing_file_exits_2(tmp_path: Path) -> None:
    proc = run_cli("lint", str(tmp_path / "nope.toml"))
    assert proc.returncode == 2
    assert "文件不存在" in _one_line_error(proc)


def test_unreadable_file_exits_2(run, tmp_path: Path, example_text: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "secret.toml"
    path.write_text(example_text, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() != 0:
        proc = run_cli("lint", str(path))
        assert proc.returncode == 2, proc.stderr
        assert "没有读取权限" in _one_line_error(proc)
        return

    # root reads anything regardless of permissions: make the read fail as the OS would.
    real_open = os.open

    def denied(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if os.fspath(file) == os.fspath(path):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    from click.testing import CliRunner

    from govreport.cli import cli

    result = CliRunner().invoke(cli, ["lint", str(path)])  # in-process: the patch must apply
    assert result.exit_code == 2
    assert result.stderr.strip() == f"govreport: {path}: 没有读取权限"


def test_lint_without_files_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    assert run("lint").exit_code == 2


def _dependents(spec: FormatSpec, path: tuple[str, ...]) -> set[tuple[str, ...]]:
    related = {path}
    for relation in spec.relations:
        if path in relation.cells:
            related.update(relation.cells)
    return related


@pytest.mark.parametrize("table", ["requests", "appeals"])
def test_changing_any_number_is_caught_at_its_line(spec: FormatSpec, example_text: str, table: str) -> None:
    """The done-when of the core issue: every single change of table 三 or 四 is flagged
    with a finding on the line of the changed value or of a value that depends on it."""
    from govreport.lint import lint_text

    index = PositionIndex(example_text)
    for path in spec.table(table).cell_paths():
        original = example_text.split("\n")[index.value(path).line - 1]  # type: ignore[union-attr]
        value = int(original.split("=")[1].split("#")[0])
        text = set_value(example_text, path, str(value + 1))
        result = lint_text(text, "r.toml")
        errors = [f for f in result.findings if f.severity.value == "error"]
        assert errors, f"changing {'.'.join(path)} was not flagged"
        changed_index = PositionIndex(text)
        lines = {changed_index.value(p).line for p in _dependents(spec, path)}  # type: ignore[union-attr]
        assert any(f.line in lines for f in errors), (path, [(f.code, f.line) for f in errors])


def test_lint_does_not_import_textual_or_jinja2() -> None:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['govreport', 'lint', {str(EXAMPLE)!r}]\n"
        "try:\n"
        "    runpy.run_module('govreport', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'jinja2', 'rich', 'jsonschema', 'tomlkit', 'lxml', 'docx', 'pdfplumber', 'pdfminer', 'pypdfium2', 'charset_normalizer'))\n"
        "print('HEAVY', heavy)\n"
    )
    import subprocess

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout
