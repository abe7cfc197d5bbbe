"""What a cell holds (I, Q1): unresolved values stop the sums, blank cells count as 0."""

from __future__ import annotations

from govreport.lint import lint_text

from ..conftest import set_value
from .rule_helpers import codes, findings


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
