"""The editor for a clerk with an imported report: paste from a spreadsheet, blank → 0, the
candidates of "?" cells, the findings of the section on screen first (issue 14, point 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual import events

from govreport.tui.app import MessageLine, ReportApp
from govreport.tui.widgets import FindingsPanel

from .conftest import EXAMPLE, set_value
from .tui_helpers import example_copy, open_table_3, settle

SIZE = (80, 24)
NEW = ("requests", "new")


def message(app: ReportApp) -> str:
    return str(app.screen.query_one(MessageLine).render())


async def paste(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


async def test_a_row_and_a_block_pasted_from_a_spreadsheet_fill_consecutive_cells(tmp_path: Path) -> None:
    app = ReportApp.for_file(example_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_table_3(pilot)
        session = app.session
        assert session is not None
        await paste(pilot, "1\t2\t3\r\n")  # one row copied from Excel (CRLF at the end)
        assert [session.value((*NEW, k)) for k in ("person", "business", "research")] == [1, 2, 3]
        assert "已粘贴 3 个格" in message(app)
        await paste(pilot, "4\t5\n6\t7")  # a block of two rows
        assert session.value((*NEW, "person")) == 4 and session.value((*NEW, "business")) == 5
        assert session.value(("requests", "carried_over", "person")) == 6
        assert session.value(("requests", "carried_over", "business")) == 7
        await pilot.press("ctrl+z")  # one paste, one undo step
        assert (
            session.value((*NEW, "person")) == 1
            and session.value(("requests", "carried_over", "person")) == 1
        )
        # a block with a bad value, or one that does not fit, changes nothing
        before = {p: session.value(p) for p in grid.table.cell_paths()}
        await paste(pilot, "8\tx\t9")
        assert message(app).startswith("未接受：") and "「x」" in message(app)
        await paste(pilot, "\t".join(["1"] * 9))
        assert message(app).startswith("未接受：") and "9 个值" in message(app)
        assert {p: session.value(p) for p in grid.table.cell_paths()} == before


async def test_blank_cells_become_zero_with_one_key_unresolved_ones_do_not(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = set_value(text, (*NEW, "business"), '""')
    text = set_value(text, (*NEW, "research"), '""')
    text = set_value(text, (*NEW, "person"), '"?"')
    text = set_value(text, ("appeals", "review", "other"), '""')
    path = tmp_path / "imported.toml"
    path.write_text(text, encoding="utf-8")
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_table_3(pilot)
        session = app.session
        assert session is not None
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert session.value((*NEW, "business")) == 0 and session.value((*NEW, "research")) == 0
        assert session.value((*NEW, "person")) == "?"  # unknown is not 0
        assert session.value(("appeals", "review", "other")) == ""  # another table: not this one
        assert "2 个空白格填为 0" in message(app)
        await pilot.press("escape", "ctrl+b")  # from the section list: every table
        await settle(pilot)
        assert session.value(("appeals", "review", "other")) == 0
        await pilot.press("ctrl+z")
        assert session.value(("appeals", "review", "other")) == ""


async def test_an_unresolved_cell_shows_its_candidates_and_takes_one_with_a_key(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "person = 14    # 自然人", 'person = "?"   # 未确定：可能为 14、41；原文「1441」有 2 种拆法', 1
    )
    path = tmp_path / "imported.toml"
    path.write_text(text, encoding="utf-8")
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_table_3(pilot)
        assert grid.cursor_path == (*NEW, "person")
        info = str(app.screen.query_one("#info-requests").render())
        assert "可能为 14、41" in info and "F5" in info
        await pilot.press("f5")
        assert app.session is not None and app.session.value((*NEW, "person")) == 14
        assert "候选：[14] / 41" in message(app)
        await pilot.press("f5")
        assert app.session.value((*NEW, "person")) == 41
        # the stale 未确定 comment is settled (the source's digits stay); undo brings it back
        comment = app.session.editor.comment((*NEW, "person"))
        assert comment.startswith("已填写；导入时：可能为 14、41") and "1441" in comment
        await pilot.press("ctrl+z", "ctrl+z")
        assert app.session.value((*NEW, "person")) == "?"
        assert app.session.editor.comment((*NEW, "person")).startswith("未确定：可能为 14、41")
        await pilot.press("ctrl+y")
        assert app.session.editor.comment((*NEW, "person")).startswith("已填写；")


async def test_the_findings_of_the_section_on_screen_come_first(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = set_value(text, ("report", "website"), '"【待填写网站】"')  # 基本信息 (first in the file)
    text = set_value(text, ("appeals", "review", "total"), "9")  # 四
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FindingsPanel)
        assert panel.findings[0].path[0] == "report"
        await pilot.press("down", "down", "down", "down")  # 四
        await settle(pilot)
        assert panel.findings[0].path[0] == "appeals"
        assert {f.path[0] for f in panel.findings} >= {"report", "appeals"}  # the others follow


async def test_the_compact_layout_shows_more_rows_of_table_3_at_80x24(tmp_path: Path) -> None:
    text = set_value(EXAMPLE.read_text(encoding="utf-8"), (*NEW, "total"), "18")  # findings shown
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_table_3(pilot)
        await settle(pilot)
        assert app.screen.has_class("-compact")
        assert app.screen.query_one(FindingsPanel).findings
        visible = grid.scrollable_content_region.height - len(grid.layout_.fixed)
        rows = sum(1 for line in grid.layout_.lines[:visible] if line.row is not None)
        assert rows >= 7, rows


def test_a_long_finding_is_cut_after_a_clause_not_in_a_word() -> None:
    from govreport.tui.pages import fit_sentences

    text = (
        "H3 表三「一、本年新收政府信息公开申请数量」行「总计」列为 18，但自然人与法人或其他组织各列之和为 17："
        + "自然人 14 + " * 20
    )
    short = fit_sentences(text, 60, 2)
    assert short.endswith("…（F8 看全文）")
    assert short.removesuffix("…（F8 看全文）")[-1] in "。；！？，：)）」"
    assert fit_sentences("短句。", 60, 2) == "短句。"


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_section_titles_fit_the_section_list_in_both_formats(version: str) -> None:
    from govreport.format import load_spec
    from govreport.report.writer import display_width
    from govreport.tui.model import sections_of

    room = 19 - 2  # SectionList's width, less its border and padding
    for section in sections_of(load_spec(version)):
        assert display_width(section.short_title) <= room, section.short_title
