"""``render --strict``: an unfinished report is not published (issue 14, point 6); ``render -o``
onto an existing file exits 2 as documented (point 10).  Fresh processes."""

from __future__ import annotations

from pathlib import Path

from govreport.report.scaffold import new_report
from govreport.report.writer import write_report_toml

from .conftest import EXAMPLE, run_cli, set_value


def test_strict_refuses_a_report_with_placeholders_and_lists_why(tmp_path: Path, spec) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "new.toml"
    path.write_text(
        write_report_toml(spec, new_report(spec, year=2025, organ="测试乡人民政府").data), encoding="utf-8"
    )
    out = tmp_path / "new.html"
    done = run_cli("render", "--strict", str(path), "-o", str(out))
    assert done.returncode == 1
    assert not out.exists()
    lines = done.stderr.splitlines()
    assert lines[0].startswith("govreport: 未生成：报告有 ") and "--strict" in lines[0]
    assert any(" C3 " in line and f"{path}:" in line for line in lines[1:])
    # without --strict it renders, and the warning counts what is open
    loose = run_cli("render", str(path), "-o", str(out))
    assert loose.returncode == 0 and out.exists()
    assert "个错误、" in loose.stderr and "个警告未解决" in loose.stderr


def test_strict_refuses_a_wrong_total(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        set_value(EXAMPLE.read_text(encoding="utf-8"), ("requests", "new", "total"), "99"), encoding="utf-8"
    )
    done = run_cli("render", "--strict", str(path))
    assert done.returncode == 1 and done.stdout == ""
    assert " H3 " in done.stderr


def test_strict_renders_a_finished_report(tmp_path: Path) -> None:
    done = run_cli("render", "--strict", str(EXAMPLE), "--to", "md")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("#")


def test_an_existing_output_exits_2_as_documented(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    out.write_text("mine", encoding="utf-8")
    done = run_cli("render", str(EXAMPLE), "-o", str(out))
    assert done.returncode == 2 and out.read_text(encoding="utf-8") == "mine"
    help_text = run_cli("render", "--help").stdout
    assert (
        "2 the output exists" in help_text.replace("\n", " ").replace("  ", " ")
        or "输出文件已存在" in help_text
    )
