"""The editor and a table nested in a narrative section (六's optional 信息处理费 table, declared
only in the schema): shown as a grid on 六's page, edited with totals and H6 live, added with
添加可选表格 to a report that lacks it, saved losslessly (comments kept), undone."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

pytest.importorskip("textual")

from govreport.format import load_spec
from govreport.tui.app import MessageLine, ReportApp
from govreport.tui.grid import TableGrid
from govreport.tui.model import EditSession
from govreport.tui.pages import CellInfo, NarrativePage
from govreport.tui.widgets import FindingsPanel

from .conftest import EXAMPLE
from .tui_helpers import example_copy, settle

SIZE = (100, 32)
SPEC = load_spec("2021")
TABLE = next(t for t in SPEC.tables if t.optional and t.nested)
COUNT, NOTIFIED, COLLECTED = TABLE.cell_paths()
GRID_ID = "#grid-" + "-".join(TABLE.path)
FEES = "\n[other.fees]  # a comment of mine\nnotified_count = 2\nnotified_amount = 100.5\ncollected_amount = 80\n"


async def open_six(pilot) -> NarrativePage:  # type: ignore[no-untyped-def]
    await settle(pilot)
    index = [s.key for s in pilot.app.session.sections].index(TABLE.section)
    for _ in range(index):
        await pilot.press("down")
    await pilot.pause()
    page = pilot.app.screen.query_one(f"#page-{TABLE.section}", NarrativePage)
    return page


def message(app: ReportApp) -> str:
    return str(app.screen.query_one(MessageLine).render())


async def test_the_table_is_a_grid_on_its_sections_page_and_h6_is_live(tmp_path: Path) -> None:
    path = tmp_path / "fees.toml"
    path.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "本年度未收取政府信息公开信息处理费。", "本年度收取信息处理费。"
        )
        + FEES,
        encoding="utf-8",
    )
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_six(pilot)
        grid = page.query_one(GRID_ID, TableGrid)
        assert [grid.shown(p) for p in TABLE.cell_paths()] == ["2", "100.5", "80"]
        assert grid.move_to(COLLECTED)
        grid.focus()
        await pilot.pause()
        info = str(page.query_one(CellInfo).render())
        assert "实际收取金额（元）" in info and "金额（元）" in info and "万元" not in info
        await pilot.press("1", "2", "0", ".", "5", "enter")
        session = app.session
        assert session is not None and session.value(COLLECTED) == 120.5
        await settle(pilot)
        panel = app.screen.query_one(FindingsPanel)
        assert any(f.code == "H6" and f.path == COLLECTED for f in panel.findings)
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = path.read_text(encoding="utf-8")
        assert "[other.fees]  # a comment of mine" in text and "collected_amount = 120.5" in text
        assert (
            tomllib.loads(text)["other"]["text"]
            == "本年度收取信息处理费。\n"
            + tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))["other"]["text"].split("\n", 1)[1]
        )


async def test_the_table_is_added_to_a_report_without_it_saved_and_undone(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_six(pilot)
        assert not page.query(TableGrid)
        assert "Ctrl+O" in str(page.query_one(".table-absent").render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        session = app.session
        assert session is not None
        assert [session.value(p) for p in TABLE.cell_paths()] == ["", "", ""]  # blank, never a guess
        grid = page.query_one(GRID_ID, TableGrid)
        assert grid.has_focus and grid.cursor_path == COUNT
        assert "已添加「信息处理费收取情况」" in message(app)
        await pilot.press("3", "tab", "4", "5", ".", "5", "tab", "4", "0", "enter")
        assert [session.value(p) for p in TABLE.cell_paths()] == [3, 45.5, 40]
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = path.read_text(encoding="utf-8")
        assert saved.startswith(before.rstrip("\n"))  # everything else, comments and all, as it was
        assert tomllib.loads(saved)["other"]["fees"] == {
            "notified_count": 3,
            "notified_amount": 45.5,
            "collected_amount": 40,
        }
        await pilot.press("ctrl+o")  # once added, nothing more to add
        assert "没有可添加的可选表格" in message(app)
        for _ in range(4):  # the three cells, then the addition
            await pilot.press("escape", "ctrl+z")
        await pilot.pause()
        await pilot.pause()
        assert session.text == before
        assert not page.query(TableGrid) and page.query(".table-absent")


async def test_the_key_elsewhere_says_where_the_table_can_be_added(tmp_path: Path) -> None:
    app = ReportApp.for_file(example_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")  # 三: no optional table
        await pilot.press("ctrl+o")
        assert "本节没有可添加的可选表格" in message(app) and "信息处理费收取情况" in message(app)
        assert app.session is not None and not app.session.dirty


def test_the_model_adds_and_targets_the_table(tmp_path: Path) -> None:
    session = EditSession.open(example_copy(tmp_path))
    assert session.addable_tables(TABLE.section) == [TABLE] and not session.has_table(TABLE)
    target = session.target_of_path(COLLECTED)
    assert target is not None and (target.kind, target.section, target.path) == (
        "cell",
        TABLE.section,
        COLLECTED,
    )
    edit = session.add_table(TABLE)
    assert edit is not None and session.has_table(TABLE) and session.add_table(TABLE) is None
    assert set(session.blank_cells(TABLE.section)) == set(TABLE.cell_paths())
    assert session.blanks_to_zero(TABLE.section) is not None
    assert [session.value(p) for p in TABLE.cell_paths()] == [0, 0, 0]


async def test_the_cell_line_under_the_table_follows_the_findings(tmp_path: Path) -> None:
    """After the check has run again, the line under the nested table no longer shows the
    finding about the cell as it was (a blank cell, Q1) once the cell is filled."""
    app = ReportApp.for_file(example_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        page = await open_six(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "Q1" in str(page.query_one(CellInfo).render())  # the blank cell under the cursor
        await pilot.press("3", "enter", "left")  # back onto the cell just filled
        await settle(pilot)
        assert app.session is not None and app.session.value(COUNT) == 3
        assert page.grid.cursor_path == COUNT
        assert "Q1" not in str(page.query_one(CellInfo).render())
