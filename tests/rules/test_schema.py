"""The shape of a report file (S): unknown and missing keys, types, ranges, values."""

from __future__ import annotations

import pytest

from ..conftest import set_value
from .rule_helpers import codes, findings, line_of


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
