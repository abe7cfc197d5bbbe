"""The supervisors' rules (E): length of 一, the publication deadline, the old format, citation
typos, a broken outline, the share of （六）其他处理, a jump in applications."""

from __future__ import annotations

import datetime as dt

import pytest

from govreport.lint import lint_text
from govreport.lint.registry import all_rules, get_rule
from govreport.lint.source import SourceInfo
from govreport.report.document import ReportDocument

from ..conftest import EXAMPLE_2023, ROOT, set_value
from .rule_helpers import run, with_text


def _signed(text: str, date: str) -> str:
    doc = ReportDocument.from_text(text)
    return with_text(
        text, ("other", "text"), doc.data["other"]["text"].strip() + "\n云岭县青石镇人民政府\n" + date
    )


def _outcomes(text: str, other: int, granted: int) -> str:
    """Table 三 with *granted* disclosed and *other* in （六）3.其他, every sum kept right."""
    doc = ReportDocument.from_text(text)
    results = doc.data["requests"]["results"]
    for group in ("withheld", "unavailable", "not_processed", "other"):
        for row in results[group]:
            for col in results[group][row]:
                text = set_value(text, ("requests", "results", group, row, col), "0")
    for row in ("granted", "partial", "total"):
        for col in results[row]:
            text = set_value(text, ("requests", "results", row, col), "0")
    total = other + granted
    for row, value in ((("granted",), granted), (("other", "other"), other), (("total",), total)):
        text = set_value(text, ("requests", "results", *row, "person"), str(value))
        text = set_value(text, ("requests", "results", *row, "total"), str(value))
    for part in ("new", "carried_over", "carry_forward"):
        for col in doc.data["requests"][part]:
            text = set_value(text, ("requests", part, col), "0")
    text = set_value(text, ("requests", "new", "person"), str(total))
    text = set_value(text, ("requests", "new", "total"), str(total))
    return text


def test_every_e_rule_has_bilingual_docs() -> None:
    codes = [r.code for r in all_rules() if r.family == "E"]
    assert codes == [f"E{i}" for i in range(1, 9)]
    for code in codes:
        rule = get_rule(code)
        assert rule is not None
        assert rule.doc_in("zh") != rule.doc_in("en")
        assert rule.summary_in("zh").endswith("。")


def test_example_has_no_e_findings(example_text: str) -> None:
    previous = ReportDocument.load(EXAMPLE_2023)
    assert [
        f.code for f in lint_text(example_text, "r.toml", previous=previous).findings if f.code[0] == "E"
    ] == []


def test_e1_counts_every_character_of_section_one(example_text: str) -> None:
    doc = ReportDocument.from_text(example_text)
    used = sum(
        sum(1 for ch in v if not ch.isspace()) for v in doc.data["overview"].values() if isinstance(v, str)
    )
    pad = 1000 - used  # exactly at the limit: no finding
    at_limit = with_text(
        example_text, ("overview", "intro"), doc.data["overview"]["intro"].strip() + "好" * pad
    )
    assert run(at_limit, "E1") == []
    over = with_text(
        example_text, ("overview", "intro"), doc.data["overview"]["intro"].strip() + "好" * (pad + 1)
    )
    [finding] = run(over, "E1")
    assert "共 1001 字" in finding.message and finding.path == ("overview",)
    assert finding.line == example_text.split("\n").index("[overview]") + 1


def test_e2_signature_date_after_the_township_deadline(example_text: str) -> None:
    assert run(_signed(example_text, "2025年1月31日"), "E2") == []
    [late] = run(_signed(example_text, "2025年2月3日"), "E2")
    assert "2025年2月3日" in late.message and "2025年1月31日" in late.message and "晚 3 天" in late.message


def test_e2_page_date_wins_and_deadline_is_configurable(example_text: str) -> None:
    source = SourceInfo("html", dt.date(2025, 2, 10))
    [late] = run(example_text, "E2", options={"source": source})
    assert "网页发布时间" in late.message
    from govreport.lint.config import parse_config

    config = parse_config({"defaults": {"deadlines": {"乡镇人民政府": "02-15"}}}, None)
    assert run(example_text, "E2", options={"source": source}, config=config) == []
    from govreport.lint.config import ConfigError

    for bad in (
        {"deadline": "2-30"},
        {"deadline": 131},
        {"deadlines": {"乡镇": "01-31"}},
        {"deadlines": "01-31"},
    ):
        with pytest.raises(ConfigError, match="deadline"):
            parse_config({"defaults": bad}, None)


def test_e2_a_county_government_has_until_march(example_text: str) -> None:
    text = set_value(example_text, ("report", "level"), '"县级人民政府"')
    assert run(_signed(text, "2025年3月20日"), "E2") == []
    assert len(run(_signed(text, "2025年4月1日"), "E2")) == 1


def test_e2_a_date_inside_a_sentence_is_not_a_signature(example_text: str) -> None:
    doc = ReportDocument.from_text(example_text)
    body = (
        doc.data["other"]["text"].strip()
        + "\n本机关于2025年3月5日召开了政务公开工作会议，部署了全年的工作任务和重点事项安排，并印发了工作方案和实施细则"
    )
    assert run(with_text(example_text, ("other", "text"), body), "E2") == []


def test_e3_old_format_for_a_new_year(example_text: str) -> None:
    shanghai = ROOT.parent / "shared" / "reference" / "samples" / "shanghai-2019-trial-format.txt"
    if not shanghai.exists():
        pytest.skip("the shared samples are not present")
    from govreport.importer import import_path

    text = import_path(shanghai).text
    assert run(text, "E3") == []  # a 2019 report in the 2019 format is right
    text = text.replace("year = 2019", "year = 2022", 1)
    [finding] = run(text, "E3")
    assert finding.path == ("format",) and "2019 年试行格式" in finding.message


def test_e3_reads_what_the_importer_saw(example_text: str) -> None:
    seen = ("label-variant", "proactive.item_1.normative_documents:规范性文件")
    source = SourceInfo("html", observations=(seen,))
    [finding] = run(example_text, "E3", options={"source": source})
    assert "行政规范性文件" in finding.message
    assert (
        run(
            example_text,
            "E3",
            options={"source": SourceInfo("html", observations=(("title-variant", "problems:x"),))},
        )
        == []
    )


def test_e4_citation_typos_at_their_character(example_text: str) -> None:
    doc = ReportDocument.from_text(example_text)
    body = (
        "根据《中华人民共和国政府信息公开条列》和国办公开办涵〔2021〕30号的要求，"
        + doc.data["overview"]["intro"].strip()
    )
    text = with_text(example_text, ("overview", "intro"), body)
    found = run(text, "E4")
    assert [("条列" in f.message, "办涵" in f.message) for f in found] == [(True, False), (False, True)]
    line = text.split("\n")[found[0].line - 1]
    assert line[found[0].column - 1 :].startswith("政府信息公开条列")


def test_e4_wrong_notice_number(example_text: str) -> None:
    doc = ReportDocument.from_text(example_text)
    ok = with_text(
        example_text, ("overview", "intro"), "依据国办公开办函〔2021〕30号。" + doc.data["overview"]["intro"]
    )
    assert run(ok, "E4") == []
    bad = with_text(
        example_text, ("overview", "intro"), "依据国办公开办函〔2021〕3号。" + doc.data["overview"]["intro"]
    )
    assert len(run(bad, "E4")) == 1


def test_e5_a_section_heading_inside_a_text(example_text: str) -> None:
    doc = ReportDocument.from_text(example_text)
    body = doc.data["problems"]["text"].strip() + "\n六、其他需要报告的事项\n本年度未收取信息处理费。"
    [inside] = run(with_text(example_text, ("problems", "text"), body), "E5")
    assert "第二套编号" in inside.message
    shifted = doc.data["problems"]["text"].strip() + "\n五、其他需要报告的事项\n本年度未收取信息处理费。"
    [off] = run(with_text(example_text, ("problems", "text"), shifted), "E5")
    assert "编号与官方章节" in off.message
    plain = doc.data["problems"]["text"].strip() + "\n一、加强培训\n二、完善制度"
    assert run(with_text(example_text, ("problems", "text"), plain), "E5") == []


def test_e6_share_of_other_outcomes(example_text: str) -> None:
    high = _outcomes(example_text, other=6, granted=6)
    assert [f.code for f in lint_text(high, "r.toml", select=["H"]).findings] == []
    [finding] = run(high, "E6")
    assert "50%" in finding.message and finding.path == ("requests", "results", "total", "total")
    assert len(finding.related) == 3
    assert run(_outcomes(example_text, other=3, granted=7), "E6") == []  # 30 %: not above
    assert run(_outcomes(example_text, other=4, granted=2), "E6") == []  # too few to say


@pytest.mark.parametrize(
    ("last", "this", "expected"), [(17, 86, 1), (17, 85, 0), (17, 3, 1), (17, 4, 0), (1, 5, 0), (0, 50, 0)]
)
def test_e7_jump_in_applications(example_text: str, last: int, this: int, expected: int) -> None:
    previous = ReportDocument.from_text(set_value(example_text, ("requests", "new", "total"), str(last)))
    text = set_value(example_text, ("requests", "new", "total"), str(this))
    assert len(run(text, "E7", previous=previous)) == expected


def test_e7_needs_the_same_organ(example_text: str) -> None:
    other = example_text.replace('organ = "云岭县青石镇人民政府"', 'organ = "云岭县白石镇人民政府"', 1)
    previous = ReportDocument.from_text(set_value(other, ("requests", "new", "total"), "2"))
    assert run(set_value(example_text, ("requests", "new", "total"), "100"), "E7", previous=previous) == []
