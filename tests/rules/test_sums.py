"""The sums of the tables (H): every relation of the schema, cell by cell."""

from __future__ import annotations

import pytest

from govreport.lint import lint_text

from ..conftest import set_value
from .rule_helpers import codes, findings, line_of


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


def test_h5_string_that_is_not_blank_or_unresolved(example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "person"), '"无"')
    assert [f.code for f in lint_text(text, "r.toml").findings] == ["H5"]
