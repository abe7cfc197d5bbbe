"""``govreport edit`` driven by Textual's Pilot: edit, see the totals, fill them, save."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Button, TextArea

from govreport.format import load_spec
from govreport.report.scaffold import new_report
from govreport.report.writer import write_report_toml
from govreport.tui.app import EditorScreen, MessageLine, ReportApp
from govreport.tui.dialogs import ChoiceDialog, HelpScreen, NewReportScreen
from govreport.tui.grid import TableGrid
from govreport.tui.widgets import FindingsPanel

from .conftest import EXAMPLE, set_value
from .tui_helpers import GRANTED, example_copy, open_granted, open_table_3, settle

SIZE = (80, 24)


def comments(text: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"#[^\n]*", text)]


async def test_edit_a_cell_fill_totals_and_save(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_granted(pilot)
        await pilot.press("7", "enter")  # 6 → 7
        session = app.session
        assert session is not None
        assert session.value((*GRANTED, "person")) == 7
        # The row total and （七）总计 now disagree with their parts, shown at once …
        assert grid.shown((*GRANTED, "total")) == "7≠8"
        assert grid.shown(("requests", "results", "total", "person")) == "13≠14"
        await settle(pilot)
        # … and by the lint engine, in the findings panel
        panel = app.screen.query_one(FindingsPanel)
        flagged = {(f.code, f.path) for f in panel.findings}
        assert ("H3", (*GRANTED, "total")) in flagged
        assert ("H2", ("requests", "results", "total", "person")) in flagged
        assert "● 未保存" in str(app.screen.query_one("#titlebar").render())

        await pilot.press("ctrl+t")  # fill totals from their parts
        assert grid.shown((*GRANTED, "total")) == "8"
        assert not any(state.mismatch for state in session.totals().values())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not session.dirty

    expected = EXAMPLE.read_text(encoding="utf-8")
    for cell, value in [
        ((*GRANTED, "person"), "7"),
        ((*GRANTED, "total"), "8"),
        (("requests", "results", "total", "person"), "14"),
        (("requests", "results", "total", "total"), "17"),
    ]:
        expected = set_value(expected, cell, value)
    saved = path.read_text(encoding="utf-8")
    assert saved == expected
    assert comments(saved) == comments(EXAMPLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("-3", "不能填负数"), ("1.5", "件数只能是整数"), ("abc", "不是数字"), ("", "请填写数字")],
)
async def test_bad_input_in_a_cell_is_refused(tmp_path: Path, typed: str, reason: str) -> None:
    path = example_copy(tmp_path)
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_table_3(pilot)
        cell = grid.cursor_path
        before = app.session.value(cell)  # type: ignore[union-attr]
        if typed:
            await pilot.press(*typed)
        else:
            await pilot.press("delete")
        await pilot.press("enter")
        assert app.session.value(cell) == before  # type: ignore[union-attr]
        assert grid.editing is not None  # still editing: the input can be corrected
        assert grid.cursor_path == cell
        message = str(app.screen.query_one(MessageLine).render())
        assert reason in message and "未接受" in message
        assert not app.session.dirty  # type: ignore[union-attr]
        await pilot.press("escape")
        assert grid.editing is None


async def test_the_fee_cell_takes_a_decimal_and_full_width_digits(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # 二、主动公开
        grid = app.screen.query_one("#grid-proactive", TableGrid)
        fee = ("proactive", "item_8", "fees", "amount")
        assert grid.move_to(fee)
        await pilot.press("2", ".", "5", "enter")
        assert app.session.value(fee) == 2.5  # type: ignore[union-attr]
        assert grid.move_to(("proactive", "item_5", "licensing", "decisions"))
        await pilot.press("１", "２", "tab")  # from a Chinese input method
        assert app.session.value(("proactive", "item_5", "licensing", "decisions")) == 12  # type: ignore[union-attr]


async def test_blank_and_unresolved_cells_show_as_such_and_take_a_number(tmp_path: Path) -> None:
    path = tmp_path / "imported.toml"
    text = set_value(EXAMPLE.read_text(encoding="utf-8"), ("requests", "new", "person"), '"?"')
    text = set_value(text, ("requests", "new", "business"), '""')
    path.write_text(text, encoding="utf-8")
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_table_3(pilot)
        assert grid.shown(("requests", "new", "person")) == "?"
        assert grid.shown(("requests", "new", "business")) == "空"
        await settle(pilot)
        codes = {f.code for f in app.screen.query_one(FindingsPanel).findings}
        assert {"I1", "Q1"} <= codes
        await pilot.press("1", "4", "tab", "2", "enter")
        await settle(pilot)
        assert app.session.value(("requests", "new", "person")) == 14  # type: ignore[union-attr]
        assert app.session.value(("requests", "new", "business")) == 2  # type: ignore[union-attr]
        codes = {f.code for f in app.screen.query_one(FindingsPanel).findings}
        assert not codes & {"I1", "Q1"}


async def test_quitting_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    original = path.read_text(encoding="utf-8")
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_table_3(pilot)
        await pilot.press("5", "enter")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "未保存" in str(app.screen.query_one(".question").render())
        await pilot.press("escape")  # cancel: back to the editor, nothing lost
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.session is not None and app.session.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_text(encoding="utf-8") == original  # discarded, as asked


async def test_quitting_without_changes_does_not_ask(tmp_path: Path) -> None:
    app = ReportApp.for_file(example_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_save_and_quit_from_the_prompt(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_table_3(pilot)
        await pilot.press("5", "enter")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
    assert "person = 5 " in path.read_text(encoding="utf-8")


async def test_a_file_changed_on_disk_is_not_silently_overwritten(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_table_3(pilot)
        await pilot.press("5", "enter")
        changed_elsewhere = path.read_text(encoding="utf-8") + "# added in another editor\n"
        path.write_text(changed_elsewhere, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#cancel")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == changed_elsewhere
        assert app.session is not None and app.session.dirty

        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#reload")  # take the other editor's version
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert not app.session.dirty
        assert app.session.text == changed_elsewhere

        path.write_text(changed_elsewhere + "# again\n", encoding="utf-8")
        await pilot.press("down", "down", "down", "enter", "9", "enter", "ctrl+s")
        await pilot.pause()
        await pilot.click("#overwrite")
        await pilot.pause()
        saved = path.read_text(encoding="utf-8")
        assert "# added in another editor" in saved and "# again" not in saved
        assert "person = 9 " in saved


async def test_undo_and_redo(tmp_path: Path) -> None:
    app = ReportApp.for_file(example_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_table_3(pilot)
        cell = grid.cursor_path
        await pilot.press("9", "9", "enter", "ctrl+t")
        session = app.session
        assert session is not None
        assert session.value(cell) == 99 and session.value(("requests", "new", "total")) == 102
        await pilot.press("ctrl+z")  # undoes the fill, as one step
        assert session.value(("requests", "new", "total")) == 17 and session.value(cell) == 99
        await pilot.press("ctrl+z")
        assert session.value(cell) == 14 and not session.dirty
        await pilot.press("ctrl+y", "ctrl+y")
        assert session.value(("requests", "new", "total")) == 102


async def test_typing_text_and_undo_restores_the_editor(tmp_path: Path) -> None:
    app = ReportApp.for_file(example_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(5):
            await pilot.press("down")
        await pilot.press("enter")  # 五、存在的主要问题及改进情况
        area = app.screen.query_one("#text-problems-text", TextArea)
        assert area.has_focus
        await pilot.press("ctrl+a")  # start of the line
        await pilot.press(*"新增")
        session = app.session
        assert session is not None
        assert str(session.value(("problems", "text"))).startswith("新增2024年")
        await pilot.press("escape", "ctrl+z")  # back in the section list: undo the typing
        assert str(session.value(("problems", "text"))).startswith("2024年")
        assert area.text.startswith("2024年")


async def test_selecting_a_finding_jumps_to_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        set_value(EXAMPLE.read_text(encoding="utf-8"), ("requests", "new", "business"), "3"), encoding="utf-8"
    )
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FindingsPanel)
        assert [f.code for f in panel.findings] == ["H3", "H1"]
        await pilot.press("f8")
        grid = app.screen.query_one("#grid-requests", TableGrid)
        assert grid.has_focus and grid.cursor_path == ("requests", "new", "total")
        await pilot.press("f8")
        assert grid.cursor_path == ("requests", "carry_forward", "business")


async def test_a_placeholder_finding_jumps_to_its_text(tmp_path: Path) -> None:
    spec = load_spec()
    path = tmp_path / "new.toml"
    path.write_text(
        write_report_toml(spec, new_report(spec, year=2025, organ="测试乡人民政府").data), encoding="utf-8"
    )
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FindingsPanel)
        index = next(i for i, f in enumerate(panel.findings) if f.path == ("overview", "active"))
        panel.focus()
        panel.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, TextArea) and focused.id == "text-overview-active"
        assert focused.text == ""  # the guidance is a hint, not text to delete


async def test_help_lists_every_key(tmp_path: Path) -> None:
    app = ReportApp.for_file(example_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        keys = " ".join(k for _, rows in app.screen.groups for k, _ in rows)
        for binding in [*EditorScreen.BINDINGS, *TableGrid.BINDINGS]:
            from govreport.tui.app import key_name

            assert key_name(binding.key) in keys  # type: ignore[union-attr]
        await pilot.press("escape")
        assert isinstance(app.screen, EditorScreen)


async def test_a_missing_file_is_created_through_the_new_dialog(tmp_path: Path) -> None:
    path = tmp_path / "2025.toml"
    app = ReportApp.for_file(path, default_year=2025)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NewReportScreen)
        await pilot.press(*"测试乡人民政府")
        await pilot.click("#create")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    spec = load_spec()
    expected = write_report_toml(
        spec, new_report(spec, year=2025, organ="测试乡人民政府").data, templates=True
    )
    assert path.read_text(encoding="utf-8") == expected


async def test_the_new_dialog_carries_over_last_years_report(tmp_path: Path) -> None:
    path = tmp_path / "2025.toml"
    app = ReportApp.for_file(path, default_year=2025)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#previous").value = str(EXAMPLE)  # type: ignore[attr-defined]
        await pilot.click("#create")
        await settle(pilot)
        assert app.session is not None
        assert app.session.value(("requests", "carried_over", "person")) == 2  # last year's 结转
        assert app.session.value(("report", "organ")) == "云岭县青石镇人民政府"


async def test_the_new_dialog_refuses_a_bad_year_and_can_be_cancelled(tmp_path: Path) -> None:
    path = tmp_path / "2025.toml"
    app = ReportApp.for_file(path, default_year=2025)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#year").value = "25"  # type: ignore[attr-defined]
        await pilot.press(*"测试乡")
        await pilot.click("#create")
        await pilot.pause()
        assert "年度" in str(app.screen.query_one("#error").render())
        assert not path.exists()
        await pilot.click("#cancel")
        await pilot.pause()
    assert not path.exists()


def test_buttons_have_the_answers_as_ids() -> None:
    from govreport.tui.dialogs import disk_changed_dialog, quit_dialog

    assert [c[0] for c in quit_dialog("x").choices] == ["save", "discard", "cancel"]
    assert [c[0] for c in disk_changed_dialog("x", True).choices] == ["overwrite", "reload", "cancel"]
    assert Button  # the dialogs are buttons with these ids


async def test_the_mouse_selects_and_edits_a_cell(tmp_path: Path) -> None:
    app = ReportApp.for_file(example_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_table_3(pilot)
        layout = grid.layout_
        row = layout.rows[1]  # 二、上年结转
        slot = row.cells[2]
        offset = (slot.x + slot.width - 1, row.line + len(layout.fixed) - grid.scroll_offset.y)
        await pilot.click(grid, offset=offset)
        assert grid.cursor_path == slot.path and grid.editing is None
        await pilot.click(grid, offset=offset)  # a second click edits
        assert grid.editing is not None
        await pilot.press("3", "enter")
        assert app.session.value(slot.path) == 3  # type: ignore[union-attr]


async def test_a_bug_in_the_lint_engine_does_not_stop_the_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import govreport.tui.app as app_module

    def broken(text: str, name: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app_module, "lint_buffer", broken)
    app = ReportApp.for_file(example_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.is_running
        assert "检查程序出错" in str(app.screen.query_one(MessageLine).render())
        grid = await open_table_3(pilot)
        await pilot.press("5", "enter")
        assert app.session.value(grid.layout_.rows[0].cells[0].path) == 5  # type: ignore[union-attr]
