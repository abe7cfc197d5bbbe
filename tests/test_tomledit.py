"""The editing layer: values set by key path, everything else in the file kept, undo/redo."""

from __future__ import annotations

import datetime as _dt
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.format import FormatSpec, load_spec
from govreport.report.tomledit import MISSING, EditError, ReportEditor

from .conftest import EXAMPLE

TEXT = EXAMPLE.read_text(encoding="utf-8")


def test_untouched_document_is_byte_identical() -> None:
    editor = ReportEditor(TEXT)
    assert editor.text == TEXT
    assert editor.data == tomllib.loads(TEXT)


def test_setting_a_cell_changes_only_its_value_and_keeps_the_comment_column() -> None:
    editor = ReportEditor(TEXT)
    assert editor.set(("requests", "new", "person"), 140)
    before = TEXT.splitlines()
    after = editor.text.splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("person = 14    # 自然人", "person = 140   # 自然人")]


def test_a_wider_value_pushes_the_comment_but_keeps_two_spaces() -> None:
    editor = ReportEditor(TEXT)
    editor.set(("requests", "new", "person"), 123456789)
    assert "person = 123456789  # 自然人" in editor.text


def test_setting_the_same_value_is_no_change() -> None:
    editor = ReportEditor(TEXT)
    assert not editor.set(("requests", "new", "person"), 14)
    assert not editor.can_undo
    assert editor.set(("requests", "new", "person"), 14.0)  # a float is another value


def test_blank_unresolved_and_decimal_values() -> None:
    editor = ReportEditor(TEXT)
    editor.set(("requests", "new", "person"), "")
    editor.set(("requests", "new", "business"), "?")
    editor.set(("proactive", "item_8", "fees", "amount"), 2.5)
    data = tomllib.loads(editor.text)
    assert data["requests"]["new"]["person"] == ""
    assert data["requests"]["new"]["business"] == "?"
    assert data["proactive"]["item_8"]["fees"]["amount"] == 2.5


def test_text_is_written_as_a_literal_multiline_string() -> None:
    editor = ReportEditor(TEXT)
    editor.set(("problems", "text"), "第一段。\n第二段。\n")
    assert "text = '''\n第一段。\n第二段。\n'''" in editor.text
    tricky = "引号'''和\\反斜杠\n"
    editor.set(("other", "text"), tricky)
    assert tomllib.loads(editor.text)["other"]["text"] == tricky


def test_dates_and_integers_in_the_preamble() -> None:
    editor = ReportEditor(TEXT)
    editor.set(("report", "period_end"), _dt.date(2024, 6, 30))
    editor.set(("report", "year"), 2023)
    data = tomllib.loads(editor.text)
    assert data["report"]["period_end"] == _dt.date(2024, 6, 30) and data["report"]["year"] == 2023


def test_a_new_key_goes_after_the_last_value_with_its_label() -> None:
    editor = ReportEditor(TEXT, label_for=lambda path: "电子邮箱" if path[-1] == "email" else None)
    editor.set(("report", "contact", "email"), "gk@example.cn")
    lines = editor.text.splitlines()
    i = lines.index('phone = "0871-6512340"              # 电话')
    assert lines[i + 1] == 'email = "gk@example.cn"  # 电子邮箱'
    assert lines[i + 2] == ""
    assert lines[i + 3] == "# ==== 一、总体情况 ===="  # the banner stays with its section


def test_a_missing_row_is_created_before_the_next_sections_banner() -> None:
    text = TEXT.replace(
        "[requests.carry_forward]  # 四、结转下年度继续办理\nperson = 2     # 自然人\nbusiness = 0   # 法人或其他组织·商业企业\nresearch = 0   # 法人或其他组织·科研机构\nnonprofit = 0  # 法人或其他组织·社会公益组织\nlegal = 0      # 法人或其他组织·法律服务机构\nother = 0      # 法人或其他组织·其他\ntotal = 2      # 总计\n\n",
        "",
    )
    assert "carry_forward" not in text
    editor = ReportEditor(text, label_for=lambda path: {3: "四、结转下年度继续办理"}.get(len(path) + 1))
    editor.set(("requests", "carry_forward", "person"), 2)
    out = editor.text
    assert "\n[requests.carry_forward]  # 四、结转下年度继续办理\nperson = 2\n\n# ==== 四、" in out
    assert tomllib.loads(out)["requests"]["carry_forward"] == {"person": 2}
    editor.undo()
    assert editor.text == text


def test_undo_and_redo_restore_the_exact_text() -> None:
    editor = ReportEditor(TEXT, label_for=lambda path: "x")
    editor.set(("requests", "new", "person"), 140)
    editor.set(("report", "contact", "email"), "a@b.cn")
    editor.set(("problems", "text"), "改写。\n")
    editor.set(("newsection", "key"), 1)
    after = editor.text
    while editor.undo():
        pass
    assert editor.text == TEXT and editor.data == tomllib.loads(TEXT)
    while editor.redo():
        pass
    assert editor.text == after and editor.data == tomllib.loads(after)


def test_grouped_edits_merge_into_one_undo_step_until_sealed() -> None:
    editor = ReportEditor(TEXT)
    for text in ("a\n", "ab\n", "abc\n"):
        editor.set(("problems", "text"), text, group="typing")
    editor.seal()
    editor.set(("problems", "text"), "abcd\n", group="typing")
    editor.undo()
    assert editor.get(("problems", "text")) == "abc\n"
    editor.undo()
    assert editor.text == TEXT


def test_apply_is_one_step_and_a_new_edit_clears_redo() -> None:
    editor = ReportEditor(TEXT)
    edit = editor.apply({("requests", "new", "person"): 1, ("requests", "new", "total"): 4}, label="两格")
    assert edit is not None and edit.paths == [("requests", "new", "person"), ("requests", "new", "total")]
    editor.undo()
    assert editor.can_redo
    editor.set(("requests", "new", "other"), 1)
    assert not editor.can_redo


def test_removing_and_reading_missing_keys() -> None:
    editor = ReportEditor(TEXT)
    assert editor.get(("no", "such", "key")) is MISSING
    editor.set(("report", "level"), MISSING)
    assert "level" not in tomllib.loads(editor.text)["report"]
    editor.undo()
    assert editor.text == TEXT


def test_comment_of_a_value() -> None:
    text = TEXT.replace("person = 14    # 自然人", 'person = "?"   # 自然人 ？候选：14 或 1、4')
    assert ReportEditor(text).comment(("requests", "new", "person")) == "自然人 ？候选：14 或 1、4"


def test_errors() -> None:
    with pytest.raises(EditError):
        ReportEditor("a = [")
    editor = ReportEditor(TEXT)
    with pytest.raises(EditError):
        editor.set(("format", "x"), 1)  # through a value
    with pytest.raises(EditError):
        editor.set(("requests", "new"), 1)  # a table is not a value


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=32),
            st.one_of(st.integers(min_value=0, max_value=10**6), st.just(""), st.just("?")),
        ),
        min_size=1,
        max_size=12,
    ),
    st.integers(min_value=0, max_value=12),
)
def test_random_edits_keep_text_data_and_comments_in_step(
    edits: list[tuple[int, object]], undos: int
) -> None:
    spec: FormatSpec = load_spec()
    cells = [c.path for c in spec.cells()]
    editor = ReportEditor(TEXT)
    for index, value in edits:
        editor.set(cells[index * 7 % len(cells)], value)
    for _ in range(undos):
        editor.undo()
    text = editor.text
    assert tomllib.loads(text) == editor.data
    comment_lines = [line.split("#", 1)[1] for line in TEXT.splitlines() if "#" in line]
    assert [line.split("#", 1)[1] for line in text.splitlines() if "#" in line] == comment_lines
