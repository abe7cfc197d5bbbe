"""Each lint rule: a case that passes and a case that fails, through the engine."""

from __future__ import annotations

import pytest

from govreport.lint import lint_text
from govreport.lint.finding import Finding

from .conftest import set_value


def codes(text: str, **kwargs: object) -> list[str]:
    return [f.code for f in lint_text(text, "r.toml", **kwargs).findings]  # type: ignore[arg-type]


def findings(text: str, code: str, **kwargs: object) -> list[Finding]:
    return [f for f in lint_text(text, "r.toml", **kwargs).findings if f.code == code]  # type: ignore[arg-type]


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def test_example_is_clean(example_text: str) -> None:
    assert codes(example_text) == []


# -- H1–H5 ------------------------------------------------------------------------------


def test_h1_balance(example_text: str) -> None:
    # Moving one application from 结转 to 办结 in both places keeps H3 but breaks 一+二 = 三+四.
    text = set_value(example_text, ("requests", "carry_forward", "person"), "3")
    text = set_value(text, ("requests", "carry_forward", "total"), "3")
    found = findings(text, "H1")
    assert [f.path for f in found] == [
        ("requests", "carry_forward", "person"),
        ("requests", "carry_forward", "total"),
    ]
    msg = found[0].message
    assert "勾稽关系" in msg and "「自然人」列" in msg
    assert "一、本年新收政府信息公开申请数量 14 + 二、上年结转政府信息公开申请数量 1 = 15" in msg
    assert "三、本年度办理结果 （七）总计 13 + 四、结转下年度继续办理 3 = 16" in msg
    assert found[0].line == line_of(text, "person = 3", after="[requests.carry_forward]")
    assert findings(example_text, "H1") == []


def test_h2_outcome_total(example_text: str) -> None:
    text = set_value(example_text, ("requests", "results", "total", "person"), "12")
    text = set_value(text, ("requests", "results", "total", "total"), "15")
    text = set_value(text, ("requests", "carry_forward", "person"), "3")
    text = set_value(text, ("requests", "carry_forward", "total"), "3")
    found = findings(text, "H2")
    assert len(found) == 2  # 自然人 and 总计 columns
    assert found[0].path == ("requests", "results", "total", "person")
    assert "为 12，但各办理结果之和为 13" in found[0].message
    assert "（一）予以公开 6" in found[0].message and "（其余 16 项为 0）" in found[0].message
    assert codes(text).count("H1") == 0 and "H3" not in codes(text)
    assert findings(example_text, "H2") == []


def test_h3_row_total(example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "business"), "3")
    found = findings(text, "H3")
    assert [f.path for f in found] == [("requests", "new", "total")]
    assert "表三「一、本年新收政府信息公开申请数量」行「总计」列为 17" in found[0].message
    assert "自然人 14 + 法人或其他组织·商业企业 3" in found[0].message and "= 18" in found[0].message
    assert found[0].line == line_of(text, "total = 17", after="[requests.new]")
    assert findings(example_text, "H3") == []


def test_h4_appeal_total(example_text: str) -> None:
    text = set_value(example_text, ("appeals", "litigation", "after_review", "corrected"), "1")
    found = findings(text, "H4")
    assert [f.path for f in found] == [("appeals", "litigation", "after_review", "total")]
    assert "表四「行政诉讼·复议后起诉·总计」列为 0，但" in found[0].message
    assert "结果纠正 1" in found[0].message
    assert findings(example_text, "H4") == []


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (("requests", "new", "person"), "-1", "应为非负整数，实为 -1"),
        (("requests", "new", "person"), "1.5", "应为非负整数，实为 1.5"),
        (("requests", "new", "person"), '"14"', '应为非负整数，实为 "14"'),
        (("appeals", "review", "upheld"), "true", "应为非负整数，实为 true"),
        (("proactive", "item_8", "fees", "amount"), "-0.5", "应为非负数（单位：万元），实为 -0.5"),
        (("proactive", "item_8", "fees", "amount"), "nan", "应为非负数（单位：万元），实为 nan"),
        (("proactive", "item_5", "licensing", "decisions"), "inf", "应为非负整数，实为 inf"),
    ],
)
def test_h5_cell_value(example_text: str, path: tuple[str, ...], value: str, fragment: str) -> None:
    text = set_value(example_text, path, value)
    found = findings(text, "H5")
    assert [f.path for f in found] == [path]
    assert fragment in found[0].message
    # A malformed cell is not added up: no sum rule piles on.
    assert not {"H1", "H2", "H3", "H4"} & set(codes(text))


def test_h5_accepts_a_decimal_fee(example_text: str) -> None:
    text = set_value(example_text, ("proactive", "item_8", "fees", "amount"), "5949.088667")
    assert codes(text) == []


# -- structure and content ------------------------------------------------------------------


def test_s1_unknown_key_with_suggestion(example_text: str) -> None:
    text = example_text.replace("research = 0", "reserch = 0", 1)
    found = findings(text, "S1")
    assert len(found) == 1 and found[0].path == ("requests", "new", "reserch")
    assert "是否应为「research」（科研机构）" in found[0].message
    assert found[0].column == 1  # points at the key
    assert "S2" not in codes(text)  # the misspelling is one problem, not two


def test_s1_chinese_label_as_key(example_text: str) -> None:
    text = example_text.replace("research = 0", '"科研机构" = 0', 1)
    assert "是否应为「research」" in findings(text, "S1")[0].message


def test_s1_subtotal_column_is_not_in_the_format(example_text: str) -> None:
    text = example_text.replace("other = 0      # 法人或其他组织·其他", "other = 0\nsubtotal = 3", 1)
    assert [f.path[-1] for f in findings(text, "S1")] == ["subtotal"]


def test_s2_missing_key(example_text: str) -> None:
    text = example_text.replace("pending = 1", "", 1)
    found = findings(text, "S2")
    assert [f.path for f in found] == [("appeals", "review", "pending")]
    assert found[0].line == line_of(text, "[appeals.review]")


def test_s3_wrong_type(example_text: str) -> None:
    text = set_value(example_text, ("report", "year"), '"2024"')
    assert "应为整数" in findings(text, "S3")[0].message


def test_s4_out_of_range(example_text: str) -> None:
    text = set_value(example_text, ("report", "year"), "1999")
    assert "不小于 2008" in findings(text, "S4")[0].message


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (("report", "contact", "postcode"), '"65129"', "6 位数字"),
        (("report", "organ"), '""', "不能为空"),
        (("report", "level"), '"村委会"', "应为以下之一"),
        (("report", "period_start"), '"2024-13-01"', "应为日期"),
    ],
)
def test_s5_invalid_value(example_text: str, path: tuple[str, ...], value: str, fragment: str) -> None:
    text = set_value(example_text, path, value)
    found = findings(text, "S5")
    assert [f.path for f in found] == [path] and fragment in found[0].message


def test_c1_missing_section(example_text: str) -> None:
    start = example_text.index("# ==== 四、")
    end = example_text.index("# ==== 五、")
    text = example_text[:start] + example_text[end:]
    found = findings(text, "C1")
    assert len(found) == 1 and "缺少章节「四、政府信息公开行政复议、行政诉讼情况」" in found[0].message
    assert "S2" not in codes(text)


def test_c2_empty_text(example_text: str) -> None:
    text = set_value(example_text, ("other", "text"), '""')
    found = findings(text, "C2")
    assert len(found) == 1 and "「六、其他需要报告的事项」没有内容" in found[0].message
    intro_empty = set_value(example_text, ("overview", "intro"), '""')
    assert findings(intro_empty, "C2") == []  # the introduction may be empty


def test_c3_placeholder(example_text: str) -> None:
    text = set_value(example_text, ("report", "contact", "postcode"), '"【待填写：6 位邮政编码】"')
    assert [f.path for f in findings(text, "C3")] == [("report", "contact", "postcode")]
    assert "S5" not in codes(text)  # the placeholder is one finding, not a pattern error too


def test_f1_syntax_error_has_line_and_column() -> None:
    result = lint_text('format = "2021"\n[report]\norgan = "x\n', "r.toml")
    assert result.fatal
    (finding,) = result.findings
    assert (finding.code, finding.line) == ("F1", 3)
    assert finding.column > 1


def test_f2_unknown_and_missing_format(example_text: str) -> None:
    unknown = example_text.replace('format = "2021"', 'format = "1999"')
    (finding,) = lint_text(unknown, "r.toml").findings
    assert finding.code == "F2" and "1999" in finding.message
    missing = example_text.replace('format = "2021"', "")
    assert codes(missing) == ["F2"]


def test_english_messages(example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "business"), "3")
    (finding,) = findings(text, "H3", lang="en")
    assert finding.message.startswith(
        "table 3. Requests received and processed, row “I. New requests this year”"
    )
    assert "Natural persons 14" in finding.message


# -- cells without a number ------------------------------------------------------------------


def test_q1_blank_cell_is_a_warning_and_counts_as_zero(example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "research"), '""')
    found = lint_text(text, "r.toml").findings
    assert [(f.code, f.severity.value) for f in found] == [("Q1", "warning")]
    assert "为空白；没有的请填 0" in found[0].message
    assert findings(example_text, "Q1") == []


def test_q1_blank_total_is_not_summed(example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "total"), '""')
    assert codes(text) == ["Q1"]  # neither H3 on the row nor H1 on the 总计 column
    text = set_value(text, ("requests", "new", "person"), '""')
    assert "H3" not in codes(text)


def test_i1_unresolved_value_stops_the_sums(example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "person"), '"?"')
    text = text.replace('person = "?"', 'person = "?"  # 候选：14 或 41', 1)
    found = lint_text(text, "r.toml").findings
    assert [f.code for f in found] == ["I1"]
    assert "导入时未能确定" in found[0].message
    assert findings(example_text, "I1") == []


def test_h5_string_that_is_not_blank_or_unresolved(example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "person"), '"无"')
    assert [f.code for f in lint_text(text, "r.toml").findings] == ["H5"]


def test_c3_placeholder_spelt_with_escapes(example_text: str) -> None:
    text = set_value(example_text, ("report", "contact", "phone"), '"\\u3010待填写：电话】"')
    assert [f.path for f in findings(text, "C3")] == [("report", "contact", "phone")]
