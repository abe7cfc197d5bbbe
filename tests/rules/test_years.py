"""Across years (X) and the year and period (Y)."""

from __future__ import annotations

from govreport.report.document import ReportDocument

from ..conftest import EXAMPLE_2023, ROOT, set_value
from .rule_helpers import codes, run, with_text


def _broken_x1() -> str:
    text = (ROOT / "examples" / "qingshi-2024.toml").read_text(encoding="utf-8")
    text = set_value(text, ("requests", "carried_over", "person"), "2")
    text = set_value(text, ("requests", "carried_over", "total"), "2")
    text = set_value(text, ("requests", "new", "person"), "13")
    return set_value(text, ("requests", "new", "total"), "16")


def test_consecutive_examples_pass_across_years(example_text: str, last_year: ReportDocument) -> None:
    assert codes(example_text, previous=last_year) == []


def test_x1_carried_over_must_equal_last_years_carry_forward(
    example_text: str, last_year: ReportDocument
) -> None:
    text = set_value(example_text, ("requests", "carried_over", "person"), "2")
    text = set_value(text, ("requests", "carried_over", "total"), "2")
    text = set_value(text, ("requests", "new", "person"), "13")
    text = set_value(text, ("requests", "new", "total"), "16")  # keep H1 and H3 satisfied
    # Without last year's report the tables are consistent (the prose, not updated, is flagged).
    assert set(codes(text)) == {"P1"}
    found = run(text, "X1", previous=last_year)
    assert [f.path for f in found] == [
        ("requests", "carried_over", "person"),
        ("requests", "carried_over", "total"),
    ]
    assert "为 2，但 2023 年报告的表三「四、结转下年度继续办理」行「自然人」列为 1" in found[0].message


def test_x2_in_force_continuity(example_text: str, last_year: ReportDocument) -> None:
    text = set_value(example_text, ("proactive", "item_1", "normative_documents", "in_force"), "15")
    (finding,) = run(text, "X2", previous=last_year)
    assert finding.severity.value == "warning"
    assert "按 2023 年的 10 + 本年制发 3 − 本年废止 1 应为 12" in finding.message


def test_x3_repeated_text(example_text: str, last_year: ReportDocument) -> None:
    copied = str(last_year.get(("problems", "text"))).replace("2024年", "2025年") + "另外加一句很短的话。\n"
    text = with_text(example_text, ("problems", "text"), copied.strip())
    (finding,) = run(text, "X3", previous=last_year)
    assert "与 2023 年报告的同一部分重复率为" in finding.message and "%" in finding.message
    assert run(example_text, "X3", previous=last_year) == []


def test_x_rules_ignore_a_report_of_another_organ(example_text: str, last_year: ReportDocument) -> None:
    other = set_value(last_year.text, ("report", "organ"), '"另一个乡人民政府"')
    copied = str(last_year.get(("problems", "text")))
    text = with_text(example_text, ("problems", "text"), copied.strip())
    assert run(text, "X3", previous=ReportDocument.from_text(other)) == []


def test_previous_report_found_beside_the_file(run_cli_in_dir) -> None:  # type: ignore[no-untyped-def]
    proc, _directory = run_cli_in_dir(
        {"2023.toml": EXAMPLE_2023.read_text(encoding="utf-8"), "2024.toml": _broken_x1()}, "lint", "."
    )
    assert proc.returncode == 1
    assert "2024.toml" in proc.stdout and " X1 " in proc.stdout


def test_y1_period(example_text: str) -> None:
    text = set_value(example_text, ("report", "period_end"), "2023-12-31")
    (finding,) = run(text, "Y1")
    assert "应为 2024-12-31" in finding.message
    assert run(example_text, "Y1") == []


def test_y2_year_in_text(example_text: str) -> None:
    body = "2023年，我镇认真落实条例。\n本机关2023年未收到行政复议申请。\n与2023年相比，申请数量有所增加。\n2025年将继续完善制度。"
    text = with_text(example_text, ("overview", "management"), body)
    found = run(text, "Y2")
    assert len(found) == 2  # the leading year and 本机关2023年; not the comparison, not the plan
    assert all("2023 年与报告年度 2024 年不符" in f.message for f in found)
    lines = text.split("\n")
    assert lines[found[0].line - 1].startswith("2023年，我镇")
    assert lines[found[1].line - 1][found[1].column - 1 :].startswith("2023年未收到")


def test_y3_title_year(example_text: str) -> None:
    text = example_text.replace(
        "[report]\n", '[report]\ntitle = "云岭县青石镇人民政府2023年政府信息公开工作年度报告"\n', 1
    )
    (finding,) = run(text, "Y3")
    assert "2023" in finding.message
    good = example_text.replace("[report]\n", '[report]\ntitle = "青石镇2024年政府信息公开工作年度报告"\n', 1)
    assert codes(good) == []
