"""What the editor knows without a screen: totals, cell input, sections, targets, the file."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import pytest

from govreport.format import FormatSpec
from govreport.format.totals import filled_totals, total_relations, total_states
from govreport.lint import lint_text
from govreport.report.tomledit import ReportEditor
from govreport.tui.gridlayout import build_layout, fit, wrap
from govreport.tui.model import (
    DiskChangedError,
    EditSession,
    InputRefused,
    OpenError,
    parse_cell_input,
    parse_field_input,
    target_of,
)

from .conftest import EXAMPLE, set_value

TEXT = EXAMPLE.read_text(encoding="utf-8")


# -- totals ----------------------------------------------------------------------------------


def test_every_total_of_the_example_agrees(spec: FormatSpec) -> None:
    editor = ReportEditor(TEXT)
    states = total_states(spec, editor.get)
    assert len(states) == len(spec.total_cells)
    assert not any(s.mismatch for s in states.values())
    assert filled_totals(spec, editor.get) == {}


def test_h1_is_not_a_total(spec: FormatSpec) -> None:
    rules = {r.rule for rels in total_relations(spec).values() for r in rels}
    assert rules == {"H2", "H3", "H4"}


def test_totals_come_after_the_totals_they_add_up(spec: FormatSpec) -> None:
    order = list(total_relations(spec))
    grand = ("requests", "results", "total", "total")
    assert order.index(("requests", "results", "granted", "total")) < order.index(grand)
    assert order.index(("requests", "results", "total", "person")) < order.index(grand)


def test_fill_totals_in_dependency_order_satisfies_lint(spec: FormatSpec) -> None:
    editor = ReportEditor(TEXT)
    editor.set(("requests", "results", "withheld", "state_secret", "person"), 5)
    editor.set(("requests", "new", "business"), "")
    editor.set(("appeals", "review", "pending"), 3)
    filled = filled_totals(spec, editor.get)
    assert filled == {
        ("requests", "new", "total"): 15,
        ("requests", "results", "withheld", "state_secret", "total"): 5,
        ("requests", "results", "total", "person"): 18,
        ("requests", "results", "total", "total"): 21,
        ("appeals", "review", "total"): 4,
    }
    editor.apply(filled)
    codes = {f.code for f in lint_text(editor.text).findings}
    assert not codes & {"H2", "H3", "H4"}
    assert "H1" in codes  # the balance is the clerk's to fix, never filled in


def test_an_unresolved_part_leaves_its_total_alone(spec: FormatSpec) -> None:
    editor = ReportEditor(TEXT)
    editor.set(("requests", "new", "person"), "?")
    states = total_states(spec, editor.get)
    assert states[("requests", "new", "total")].computed is None
    assert ("requests", "new", "total") not in filled_totals(spec, editor.get)


def test_a_blank_total_is_filled_but_not_a_mismatch(spec: FormatSpec) -> None:
    editor = ReportEditor(TEXT)
    editor.set(("requests", "new", "total"), "")
    state = total_states(spec, editor.get)[("requests", "new", "total")]
    assert not state.mismatch and state.computed == 17
    assert filled_totals(spec, editor.get) == {("requests", "new", "total"): 17}


# -- what a cell accepts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [("12", "count", 12), (" 0 ", "count", 0), ("１２", "count", 12), ("1,234", "count", 1234),
     ("1.85", "amount", 1.85), ("3", "amount", 3), (".5", "amount", 0.5)],
)  # fmt: skip
def test_accepted_cell_input(text: str, kind: str, value: float) -> None:
    result = parse_cell_input(text, kind)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [("-1", "count", "负数"), ("1.5", "count", "整数"), ("无", "count", "不是数字"), ("", "count", "请填写"),
     ("-0.5", "amount", "负数"), ("1.2.3", "amount", "不是数字"), ("1000000000", "count", "超出")],
)  # fmt: skip
def test_refused_cell_input(text: str, kind: str, reason: str) -> None:
    with pytest.raises(InputRefused, match=reason):
        parse_cell_input(text, kind, 999999999)


def test_field_input(spec: FormatSpec) -> None:
    assert parse_field_input(spec["report.year"], "２０２５") == 2025
    assert parse_field_input(spec["report.period_end"], "2025-12-31") == _dt.date(2025, 12, 31)
    assert parse_field_input(spec["report.organ"], " 某乡 ") == " 某乡 "
    with pytest.raises(InputRefused, match="2008"):
        parse_field_input(spec["report.year"], "1999")
    with pytest.raises(InputRefused, match="日期"):
        parse_field_input(spec["report.period_end"], "2025/12/31")


# -- where a finding points ------------------------------------------------------------------------


def test_targets(spec: FormatSpec) -> None:
    session = EditSession(Path("x.toml"), TEXT)
    sections = session.sections
    assert target_of(spec, ("requests", "new", "total"), sections).kind == "cell"  # type: ignore[union-attr]
    row = target_of(spec, ("requests", "new"), sections)  # a missing row: its first cell
    assert row is not None and row.path == ("requests", "new", "person")
    assert target_of(spec, ("overview", "active"), sections).kind == "text"  # type: ignore[union-attr]
    assert target_of(spec, ("report", "contact", "postcode"), sections).kind == "field"  # type: ignore[union-attr]
    unknown = target_of(spec, ("requests", "new", "persn"), sections)  # S1 unknown key
    assert unknown is not None and unknown.path == ("requests", "new", "person")
    assert target_of(spec, ("format",), sections) is None


# -- sections ---------------------------------------------------------------------------------------


def test_section_states() -> None:
    session = EditSession(Path("x.toml"), TEXT)
    states = {s.key: session.section_state(s).status for s in session.sections}
    assert set(states.values()) == {"filled"}
    assert [s.short_title for s in session.sections][:2] == ["基本信息", "一、总体情况"]
    session.editor.set(("appeals", "review", "upheld"), "")
    session.editor.set(("problems", "text"), "【待填写：……】\n")
    states = {s.key: session.section_state(s).status for s in session.sections}
    assert states["appeals"] == "incomplete" and states["problems"] == "empty"


# -- the file ----------------------------------------------------------------------------------------


def test_save_refuses_to_overwrite_a_file_changed_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(TEXT, encoding="utf-8")
    session = EditSession.open(path)
    session.set_cell(("requests", "new", "person"), "15")
    assert session.dirty
    os.utime(path, ns=(1, 1))  # touched, not changed: not a conflict
    assert not session.disk_changed()
    path.write_text(TEXT + "# elsewhere\n", encoding="utf-8")
    with pytest.raises(DiskChangedError):
        session.save()
    assert path.read_text(encoding="utf-8").endswith("# elsewhere\n")
    session.save(force=True)
    assert path.read_text(encoding="utf-8") == set_value(TEXT, ("requests", "new", "person"), "15")
    assert not session.dirty and not session.disk_changed()
    path.unlink()
    assert session.disk_changed()


def test_save_compares_at_the_moment_of_the_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another save lands after the editor's own check and before its write: still refused."""
    path = tmp_path / "r.toml"
    path.write_text(TEXT, encoding="utf-8")
    session = EditSession.open(path)
    session.set_cell(("requests", "new", "person"), "15")
    real_check = session.disk_changed

    def check_then_race() -> bool:
        changed = real_check()
        path.write_text(TEXT + "# saved by another editor\n", encoding="utf-8")
        return changed

    monkeypatch.setattr(session, "disk_changed", check_then_race)
    with pytest.raises(DiskChangedError):
        session.save()
    assert path.read_text(encoding="utf-8").endswith("# saved by another editor\n")
    assert session.dirty


def test_open_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "2021"\n[report\n', encoding="utf-8")
    with pytest.raises(OpenError, match=r"TOML 语法错误.*第 2 行"):
        EditSession.open(bad)
    with pytest.raises(OpenError, match="不存在"):
        EditSession.open(tmp_path / "none.toml")
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('format = "1999"\n', encoding="utf-8")
    with pytest.raises(OpenError, match="未知的格式版本"):
        EditSession.open(unknown)


def test_create_refuses_to_replace_a_file(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(OpenError, match="已存在"):
        EditSession.create(path, year=2025, organ="某乡人民政府")
    assert path.read_text(encoding="utf-8") == "x = 1\n"


# -- the table layout -----------------------------------------------------------------------------------


def test_wrap_and_fit() -> None:
    assert wrap("社会公益组织", 4) == ["社会", "公益", "组织"]
    assert wrap("第一项加第二项之和，等于", 6) == [
        "第一项",
        "加第二",
        "项之",
        "和，等",
        "于",
    ]  # no line starts with ，
    assert fit("一、本年新收政府信息公开申请数量", 10) == "一、本年… "  # 8 + 1 + 1 cells


@pytest.mark.parametrize("width", [40, 61, 80, 100, 160])
def test_every_cell_is_laid_out_once_within_the_width(spec: FormatSpec, width: int) -> None:
    for table in spec.tables:  # optional tables: tests/test_fee_block.py
        if table.optional:
            continue
        layout = build_layout(table, width)
        paths = [slot.path for row in layout.rows for slot in row.cells]
        assert sorted(paths) == sorted(table.cell_paths())
        if layout.width <= width:
            for row in layout.rows:
                assert all(slot.x + slot.width <= layout.width for slot in row.cells)


def test_header_labels_come_from_the_schema(spec: FormatSpec) -> None:
    table = spec.table("requests")
    layout = build_layout(table, 61)
    header = "\n".join("".join(t for t, _ in line.segs) for line in layout.fixed)
    for leaf in ("自然", "商业", "总计", "申请人情况", "法人或其他组织"):
        assert leaf in header
    labels = [line for line in layout.lines if line.row is None]
    assert [line.segs[0][0].strip() for line in labels][:2] == ["三、本年度办理结果", "（三）不予公开"]


def test_table_4_splits_into_bands_at_80_columns_but_not_wider(spec: FormatSpec) -> None:
    table = spec.table("appeals")
    narrow, wide = build_layout(table, 61), build_layout(table, 120)
    assert not narrow.fixed and len(narrow.rows) == 2  # 行政复议 | 行政诉讼, one above the other
    assert len(wide.fixed) > 0 and len(wide.rows) == 1
    assert narrow.width <= 61


def test_a_wide_value_widens_only_its_column(spec: FormatSpec) -> None:
    table = spec.table("requests")
    total = ("requests", "new", "total")
    plain = build_layout(table, 61)
    wider = build_layout(table, 61, {total: 7})
    slot = next(s for s in wider.rows[0].cells if s.path == total)
    assert slot.width == 7
    person = ("requests", "new", "person")
    assert [s.width for s in wider.rows[0].cells if s.path == person] == [
        s.width for s in plain.rows[0].cells if s.path == person
    ]
