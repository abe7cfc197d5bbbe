"""The operations of govreport.ops called directly, without click: each does its job and
raises OperationError (never prints, never exits) on bad input; cli/ reads and writes files
only through them; ops/ does not import click."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from govreport.ops.check import CheckRunOptions, run_check
from govreport.ops.errors import NotWritten, OperationError
from govreport.ops.export import ExportOptions, findings_name, run_export
from govreport.ops.fmt import format_file
from govreport.ops.importing import ImportOptions, import_report
from govreport.ops.lint import LintOptions, lint_buffer, run_lint
from govreport.ops.new import NewReportError, prepare_new_report
from govreport.ops.output import write_file
from govreport.ops.render import RenderOptions, prepare_render, render
from govreport.ops.schema import schema_text
from govreport.ops.sum import SumOptions, sum_reports

from .conftest import EXAMPLE, ROOT

PACKAGE = ROOT / "govreport"
ORGAN = "云岭县青石镇人民政府"


def copy_example(tmp_path: Path, name: str = "a.toml", organ: str | None = None) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    if organ is not None:
        text = text.replace(f'organ = "{ORGAN}"', f'organ = "{organ}"', 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- errors and writing ------------------------------------------------------------------


def test_operation_error_carries_both_languages_and_falls_back_to_chinese() -> None:
    both = OperationError("没有找到报告文件", "no report file found")
    assert (both.text(), both.text("zh"), both.text("en")) == ("没有找到报告文件",) * 2 + (
        "no report file found",
    )
    assert OperationError("只有中文").text("en") == "只有中文"


def test_write_file_refuses_an_existing_file_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    assert write_file(target, "一", force=False) == target
    with pytest.raises(NotWritten) as refused:
        write_file(target, "二", force=False)
    assert refused.value.exists and "已存在，未覆盖" in refused.value.text()
    assert target.read_text(encoding="utf-8") == "一"
    write_file(target, "二", force=True)
    assert target.read_text(encoding="utf-8") == "二"
    with pytest.raises(NotWritten) as failed:
        write_file(tmp_path / "missing" / "out.txt", "三", force=False)
    assert not failed.value.exists and failed.value.text().startswith("无法写入")
    assert failed.value.text("en").startswith(
        "cannot write"
    ) and "folder does not exist" in failed.value.text("en")


# -- new, lint, fmt ----------------------------------------------------------------------------


def test_new_makes_a_report_that_lint_reads_and_refuses_a_wrong_level(tmp_path: Path) -> None:
    report = prepare_new_report(year=2025, organ="测试乡人民政府")
    assert report.default_filename == "测试乡人民政府-2025.toml"
    assert tomllib.loads(report.text)["report"]["year"] == 2025
    codes = {f.code for f in lint_buffer(report.text, "new.toml")}
    assert "C3" in codes  # the guidance is left to be filled in
    with pytest.raises(NewReportError) as wrong:
        prepare_new_report(year=2025, organ="测试乡人民政府", level="不存在的层级")
    assert (
        isinstance(wrong.value, OperationError) and wrong.value.option == "--level" and wrong.value.bad_value
    )


def test_lint_finds_a_wrong_total_and_passes_the_example(tmp_path: Path) -> None:
    good = copy_example(tmp_path, "good.toml")
    run = run_lint(LintOptions([str(good)], previous=str(ROOT / "examples" / "qingshi-2023.toml")))
    assert run.files == [good] and not run.failed(strict=True) and not run.fatal
    assert (run.lang, run.output_format) == ("zh", "text")

    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace("total = 17", "total = 18", 1), encoding="utf-8")
    run = run_lint(LintOptions([str(bad)], lang="en", select="H3"))
    assert run.failed() and run.lang == "en"
    assert [f.code for f in run.results[0].findings] == ["H3"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (LintOptions(["x.toml"], select="Z9"), "未知的规则代码 Z9"),
        (LintOptions(["x.toml"], previous="does-not-exist.toml"), "无法读取上年报告"),
        (LintOptions(["x.toml"], config_path="does-not-exist.toml"), "does-not-exist.toml"),
    ],
)
def test_lint_raises_for_bad_input(options: LintOptions, expected: str, tmp_path: Path) -> None:
    with pytest.raises(OperationError) as raised:
        run_lint(options)
    assert expected in raised.value.text()


def test_lint_of_an_empty_directory_raises_unless_non_reports_are_skipped(tmp_path: Path) -> None:
    with pytest.raises(OperationError, match="没有找到报告文件"):
        run_lint(LintOptions([str(tmp_path)]))
    skipped: list[str] = []
    other = tmp_path / "pyproject.toml"
    other.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    run = run_lint(LintOptions([str(other)], skip_non_reports=True, on_skip=skipped.append))
    assert run.files == [] and run.results == []


def test_fmt_rewrites_a_file_once_and_reports_a_broken_one(tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    messy = path.read_text(encoding="utf-8").replace("person = 14    # 自然人", "person=14", 1)
    path.write_text(messy, encoding="utf-8")
    checked = format_file(path, write=False)
    assert checked.changed and not checked.written and path.read_text(encoding="utf-8") == messy
    assert any(line.startswith("-person=14") for line in checked.diff())
    done = format_file(path)
    assert done.written and path.read_text(encoding="utf-8") == done.formatted
    assert not format_file(path).changed  # idempotent

    broken = tmp_path / "broken.toml"
    broken.write_text('format = "2021"\n[report\n', encoding="utf-8")
    outcome = format_file(broken)
    assert outcome.error is not None and outcome.error.text().startswith(f"{broken}:")
    assert not outcome.written and broken.read_text(encoding="utf-8") == 'format = "2021"\n[report\n'


def test_fmt_fix_repairs_full_width_digits(tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("person = 14 ", "person = １４", 1), encoding="utf-8"
    )
    outcome = format_file(path, fix=True)
    assert [(r.before, r.after) for r in outcome.repairs] == [("１４", "14")]
    assert (
        outcome.written and tomllib.loads(path.read_text(encoding="utf-8"))["requests"]["new"]["person"] == 14
    )


# -- render, import --------------------------------------------------------------------------


def test_render_then_import_gives_back_the_numbers(tmp_path: Path) -> None:
    plan = prepare_render(RenderOptions(str(EXAMPLE), output=str(tmp_path / "r.html")))
    assert plan.to == "html" and plan.errors == []
    page = render(plan)
    assert isinstance(page, str) and ORGAN in page

    imported = import_report(ImportOptions("-", stdin=io.BytesIO(page.encode("utf-8"))))
    assert imported.name == "<stdin>" and imported.result.complete
    data = tomllib.loads(imported.result.text)
    assert data["requests"]["new"]["total"] == 17 and data["report"]["organ"] == ORGAN
    assert any(ORGAN in line for line in imported.summary())


@pytest.mark.parametrize(
    ("options", "option", "expected"),
    [
        (RenderOptions(str(EXAMPLE), to="md", fragment=True), "--fragment", "--fragment"),
        (RenderOptions(str(EXAMPLE), template=Path("t.docx")), "--template", "--template"),
        (RenderOptions(str(EXAMPLE), to="docx", output_is_terminal=True), "--output", "Word"),
        (RenderOptions(str(EXAMPLE), output="no-such-dir/r.html"), None, "目录 no-such-dir 不存在"),
        (RenderOptions("does-not-exist.toml"), None, "does-not-exist.toml"),
    ],
)
def test_render_raises_for_bad_input(options: RenderOptions, option: str | None, expected: str) -> None:
    with pytest.raises(OperationError) as raised:
        prepare_render(options)
    assert raised.value.option == option and expected in raised.value.text()


def test_import_raises_for_a_missing_or_empty_source(tmp_path: Path) -> None:
    with pytest.raises(OperationError, match=r"does-not-exist\.txt"):
        import_report(ImportOptions("does-not-exist.txt"))
    with pytest.raises(OperationError, match="空"):
        import_report(ImportOptions("-", stdin=io.BytesIO(b"  \n")))


# -- check, sum, export, schema -------------------------------------------------------------


def test_check_reports_every_input_and_raises_for_bad_input(tmp_path: Path) -> None:
    run = run_check(CheckRunOptions([str(ROOT / "examples")], output_format="csv", jobs=1))
    assert len(run.records) == 2 and not run.failed() and not run.fatal
    header, *rows = run.text.splitlines()
    assert header.startswith("file,organ,") and [row.split(",")[3] for row in rows] == ["2023", "2024"]
    assert all(row.split(",")[7] == "ok" for row in rows)
    with pytest.raises(OperationError, match="--format html"):
        run_check(CheckRunOptions([str(EXAMPLE)], output_format="html"))
    with pytest.raises(OperationError, match="没有找到报告"):
        run_check(CheckRunOptions([str(tmp_path)]))
    with pytest.raises(OperationError) as wrong:
        run_check(CheckRunOptions([str(EXAMPLE)], ignore="NOPE"))
    assert wrong.value.option == "--select/--ignore"


def test_sum_adds_up_two_organs_and_refuses_what_would_be_wrong(tmp_path: Path) -> None:
    a = copy_example(tmp_path, "a.toml")
    b = copy_example(tmp_path, "b.toml", organ="云岭县石门乡人民政府")
    summed = sum_reports(SumOptions([str(a), str(b)], " 云岭县人民政府 ", jobs=1))
    data = tomllib.loads(summed.text)
    assert (summed.parts, summed.year, data["report"]["organ"]) == (2, 2024, "云岭县人民政府")
    assert data["requests"]["new"]["total"] == 34 and data["requests"]["new"]["person"] == 28

    with pytest.raises(OperationError, match="--organ 不能为空"):
        sum_reports(SumOptions([str(a)], "  "))
    with pytest.raises(OperationError, match="不止一次"):
        sum_reports(SumOptions([str(a), str(copy_example(tmp_path, "a2.toml"))], "县", jobs=1))
    with pytest.raises(OperationError, match="年"):
        sum_reports(SumOptions([str(a), str(ROOT / "examples" / "qingshi-2023.toml")], "县", jobs=1))
    broken = tmp_path / "broken.toml"
    broken.write_text("[report\n", encoding="utf-8")
    with pytest.raises(OperationError) as unreadable:
        sum_reports(SumOptions([str(a), str(broken)], "县", jobs=1))
    assert "1 份报告无法读取" in unreadable.value.text() and len(unreadable.value.details) == 1


def test_export_makes_its_files_and_refuses_to_replace_one(tmp_path: Path) -> None:
    output = str(tmp_path / "cells.csv")
    exported = run_export(ExportOptions([str(EXAMPLE)], "csv", output, jobs=1))
    targets = [f.target for f in exported.outputs]
    assert targets == [output, findings_name(output)] and findings_name(output).endswith("cells-findings.csv")
    cells = exported.outputs[0].data
    assert isinstance(cells, str) and len(cells.splitlines()) > 100 and ORGAN in cells

    Path(findings_name(output)).write_text("old", encoding="utf-8")
    with pytest.raises(NotWritten) as refused:
        run_export(ExportOptions([str(EXAMPLE)], "csv", output, jobs=1))
    assert refused.value.target == findings_name(output)
    assert run_export(ExportOptions([str(EXAMPLE)], "csv", output, force=True, jobs=1)).outputs
    with pytest.raises(OperationError, match="xlsx"):
        run_export(ExportOptions([str(EXAMPLE)], "xlsx", "-"))


def test_schema_text_and_an_unknown_version() -> None:
    assert '"$schema"' in schema_text("2021")
    with pytest.raises(OperationError) as unknown:
        schema_text("2099")
    assert unknown.value.option == "--format-version" and "2021" in unknown.value.text()


# -- the boundary --------------------------------------------------------------------------


def _calls(tree: ast.AST) -> list[str]:
    """The functions called: ``name`` for ``name(...)``, ``.name`` for ``x.name(...)``."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            names.append(
                func.id
                if isinstance(func, ast.Name)
                else "." + func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
    return names


# a file opened, read or written; or a report loaded (ReportDocument.load)
FILE_ACCESS = {"open", "write_atomic", "read_stream_bounded", "read_bytes_checked", "read_report_file"}
FILE_ACCESS |= {
    "." + name for name in ("open", "write_text", "write_bytes", "read_text", "read_bytes", "load")
}
FILE_ACCESS |= {"." + name for name in ("write_atomic", "unlink", "mkdir", "touch", "rmdir")}


def test_cli_reads_and_writes_files_only_through_ops() -> None:
    offenders = []
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.name}: {name}()" for name in _calls(tree) if name in FILE_ACCESS]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "govreport.fsutil":
                offenders += [
                    f"{path.name}: imports {a.name}" for a in node.names if a.name != "describe_os_error"
                ]
    assert offenders == []


def test_ops_never_import_click_nor_print() -> None:
    for path in sorted((PACKAGE / "ops").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        modules += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [m for m in modules if m.split(".")[0] == "click" or m.startswith("govreport.cli")], (
            path.name
        )
        assert not {"print", ".echo", ".exit", "exit"} & set(_calls(tree)), path.name
    init = ast.parse((PACKAGE / "ops" / "__init__.py").read_text(encoding="utf-8"))
    assert not [n for n in init.body if isinstance(n, ast.Import | ast.ImportFrom)]


def test_lint_operation_loads_neither_click_nor_the_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from govreport.ops.lint import LintOptions, run_lint\n"
        f"run = run_lint(LintOptions([{str(EXAMPLE)!r}]))\n"
        "assert run.results and not run.fatal\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'click', 'textual', 'jinja2', 'docx', 'pdfplumber', 'tomlkit'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
