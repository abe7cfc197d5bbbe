"""Rules of the lint issue: across years (X), year and period (Y), prose (P), plausibility (Q)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport.lint import lint_text
from govreport.lint.finding import Finding
from govreport.report.document import ReportDocument

from .conftest import ROOT, set_value

EXAMPLE_2023 = ROOT / "examples" / "qingshi-2023.toml"


@pytest.fixture
def last_year() -> ReportDocument:
    return ReportDocument.load(EXAMPLE_2023)


def run(text: str, code: str, **kwargs: object) -> list[Finding]:
    return [f for f in lint_text(text, "r.toml", **kwargs).findings if f.code == code]  # type: ignore[arg-type]


def all_codes(text: str, **kwargs: object) -> list[str]:
    return [f.code for f in lint_text(text, "r.toml", **kwargs).findings]  # type: ignore[arg-type]


def with_text(text: str, path: tuple[str, ...], body: str) -> str:
    return set_value(text, path, "'''\n" + body + "\n'''")


# -- X: across years -------------------------------------------------------------------------


def test_consecutive_examples_pass_across_years(example_text: str, last_year: ReportDocument) -> None:
    assert all_codes(example_text, previous=last_year) == []


def test_x1_carried_over_must_equal_last_years_carry_forward(
    example_text: str, last_year: ReportDocument
) -> None:
    text = set_value(example_text, ("requests", "carried_over", "person"), "2")
    text = set_value(text, ("requests", "carried_over", "total"), "2")
    text = set_value(text, ("requests", "new", "person"), "13")
    text = set_value(text, ("requests", "new", "total"), "16")  # keep H1 and H3 satisfied
    # Without last year's report the tables are consistent (the prose, not updated, is flagged).
    assert set(all_codes(text)) == {"P1"}
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


def _broken_x1() -> str:
    text = (ROOT / "examples" / "qingshi-2024.toml").read_text(encoding="utf-8")
    text = set_value(text, ("requests", "carried_over", "person"), "2")
    text = set_value(text, ("requests", "carried_over", "total"), "2")
    text = set_value(text, ("requests", "new", "person"), "13")
    return set_value(text, ("requests", "new", "total"), "16")


# -- Y: year and period ----------------------------------------------------------------------


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
    assert all_codes(good) == []


# -- P: prose against tables -----------------------------------------------------------------


def test_p1_received_and_processed(example_text: str) -> None:
    body = "全年共收到政府信息公开申请20件，上年结转3件。办结16件。"
    text = with_text(example_text, ("overview", "on_request"), body)
    found = run(text, "P1")
    assert [f.message.split("中的 ")[1].split(" ")[0] for f in found] == ["20", "3"]
    assert "一、本年新收政府信息公开申请数量」总计（17）" in found[0].message
    number_column = text.split("\n")[found[0].line - 1].index("20") + 1
    assert found[0].column == number_column


def test_p1_accepts_the_carry_over_folded_in(example_text: str) -> None:
    body = "全年共收到政府信息公开申请18件（含上年结转1件），办结16件。"
    assert run(with_text(example_text, ("overview", "on_request"), body), "P1") == []


def test_p1_says_none_received_but_table_has_some(example_text: str) -> None:
    body = "本年度未收到自然人、法人或其他组织提交的政府信息公开申请。"
    (finding,) = run(with_text(example_text, ("overview", "on_request"), body), "P1")
    assert "说未收到申请" in finding.message and "17" in finding.message


def test_p1_skips_comparisons(example_text: str) -> None:
    body = "全年共收到政府信息公开申请17件，较上年收到申请11件增加6件。"
    assert run(with_text(example_text, ("overview", "on_request"), body), "P1") == []


def test_p2_outcomes(example_text: str) -> None:
    body = "收到的申请办结16件，其中予以公开及部分公开12件，不予公开1件，无法提供4件，不予处理2件；结转下年度继续办理2件。"
    found = run(with_text(example_text, ("overview", "on_request"), body), "P2")
    assert [f.message.split("中的 ")[1].split(" ")[0] for f in found] == ["12", "2"]
    assert "「（一）予以公开」与「（二）部分公开" in found[0].message and "（10）" in found[0].message
    assert "「（五）不予处理」总计之和（1）" in found[1].message


def test_p2_unavailable_may_mean_not_held(example_text: str) -> None:
    text = set_value(example_text, ("requests", "results", "unavailable", "needs_creation", "person"), "1")
    body = "因本机关不掌握等原因无法提供4件。"
    text = with_text(text, ("overview", "on_request"), "共收到申请：" + body)
    assert run(text, "P2") == []


def test_p3_appeals(example_text: str) -> None:
    body = "本年因政府信息公开被申请行政复议3件，行政诉讼1件。"
    found = run(with_text(example_text, ("overview", "oversight"), body), "P3")
    assert len(found) == 1 and "3 件与表四「行政复议」总计（2）" in found[0].message
    none = "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    found = run(with_text(example_text, ("overview", "oversight"), none), "P3")
    assert {f.message.split("说没有")[1][:4] for f in found} == {"行政复议", "行政诉讼"}


def test_p4_published_penalties_but_table_says_zero(example_text: str) -> None:
    text = set_value(example_text, ("proactive", "item_6", "punishment", "decisions"), "0")
    found = run(text, "P4")
    assert len(found) == 1 and "提到公开行政处罚" in found[0].message
    denial = with_text(text, ("overview", "active"), "本年未作出行政处罚决定，无需公开行政处罚结果。")
    assert run(denial, "P4") == []


def test_p5_fee_statement(example_text: str) -> None:
    no_fee = with_text(example_text, ("other", "text"), "按照县政务公开工作要点，各项任务均已落实。")
    no_fee = no_fee.replace("，未收取信息处理费。", "。")  # 一（二） says it too
    (finding,) = run(no_fee, "P5")
    assert finding.path == ("other", "text") and "信息处理费" in finding.message
    assert run(example_text, "P5") == []


def test_p5_fee_collected_without_applications() -> None:
    from govreport.format import load_spec
    from govreport.report.scaffold import new_report
    from govreport.report.writer import write_report_toml

    data = new_report(load_spec(), year=2024, organ="测试乡人民政府").data
    data["other"]["text"] = "本年度收取信息处理费120元。"
    (finding,) = run(write_report_toml(load_spec(), data), "P5")
    assert "没有申请" in finding.message


# -- Q: plausibility -------------------------------------------------------------------------


def test_q2_rules_reported_by_a_township(example_text: str) -> None:
    text = set_value(example_text, ("proactive", "item_1", "rules", "issued"), "2")
    (finding,) = run(text, "Q2")
    assert "乡镇人民政府没有规章制定权" in finding.message
    city = set_value(text, ("report", "level"), '"设区的市级人民政府"')
    assert run(city, "Q2") == []


def test_q2_level_from_the_organ_name_or_the_config(example_text: str) -> None:
    from govreport.lint.config import LintConfig

    text = set_value(example_text, ("proactive", "item_1", "rules", "in_force"), "1")
    text = text.replace('level = "乡镇人民政府"', "", 1)
    assert len(run(text, "Q2")) == 1  # 云岭县青石镇人民政府 is a township by its name
    county = set_value(text, ("report", "organ"), '"云岭县司法局"')
    assert run(county, "Q2") == []  # unknown level: no guess
    config = LintConfig(defaults={"level": "县级政府部门"})
    assert len(run(county, "Q2", config=config)) == 1


def test_q3_fee_in_yuan(example_text: str) -> None:
    text = set_value(example_text, ("proactive", "item_8", "fees", "amount"), "18500")
    (finding,) = run(text, "Q3")
    assert "像是以元填写" in finding.message
    assert run(set_value(example_text, ("proactive", "item_8", "fees", "amount"), "5949.088667"), "Q3") == []


@pytest.fixture
def run_cli_in_dir(tmp_path: Path):  # type: ignore[no-untyped-def]
    from .conftest import run_cli

    def go(files: dict[str, str], *args: str):  # type: ignore[no-untyped-def]
        for name, content in files.items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        return run_cli(*args, cwd=tmp_path), tmp_path

    return go
