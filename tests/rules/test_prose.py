"""Prose against the tables (P)."""

from __future__ import annotations

from ..conftest import set_value
from .rule_helpers import run, with_text


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
