"""The content of the sections (C): missing sections, empty texts, placeholders."""

from __future__ import annotations

from ..conftest import set_value
from .rule_helpers import codes, findings


def test_example_is_clean(example_text: str) -> None:
    assert codes(example_text) == []


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


def test_english_messages(example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "business"), "3")
    (finding,) = findings(text, "H3", lang="en")
    assert finding.message.startswith(
        "table 3. Requests received and processed, row “I. New requests this year”"
    )
    assert "Natural persons 14" in finding.message


def test_c3_placeholder_spelt_with_escapes(example_text: str) -> None:
    text = set_value(example_text, ("report", "contact", "phone"), '"\\u3010待填写：电话】"')
    assert [f.path for f in findings(text, "C3")] == [("report", "contact", "phone")]
