"""The editor on a file of the wrong shape, and after an internal error: nothing typed is lost."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("textual")

from govreport.report.tomledit import EditError, ReportEditor
from govreport.tui.app import EditorScreen, MessageLine, ReportApp
from govreport.tui.grid import LOCKED
from govreport.tui.model import EditSession, InputRefused

from .conftest import EXAMPLE
from .tui_helpers import open_table, settle

SIZE = (80, 24)
REVIEW = re.compile(r"\[appeals\.review\][^\[]*", re.S)


def wrong_shape(tmp_path: Path) -> Path:
    """The example with 行政复议 written as an array: ``[appeals]`` / ``review = [1, 2]``."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = REVIEW.sub("[appeals]\nreview = [1, 2]\n\n", text, count=1)
    path = tmp_path / "shape.toml"
    path.write_text(text, encoding="utf-8")
    assert tomllib.loads(text)["appeals"]["review"] == [1, 2]
    return path


def test_the_session_locks_what_lies_under_a_wrong_value(tmp_path: Path) -> None:
    session = EditSession.open(wrong_shape(tmp_path))
    reason = session.locked(("appeals", "review", "upheld"))
    assert reason is not None and "appeals.review" in reason and "数组" in reason
    assert session.locked(("appeals", "litigation", "direct", "upheld")) is None
    with pytest.raises(InputRefused, match=r"appeals\.review"):
        session.set_cell(("appeals", "review", "upheld"), "5")
    assert not session.dirty
    # Ctrl+T leaves the locked cells alone and fills the others
    session.set_cell(("appeals", "litigation", "direct", "upheld"), "3")
    edit = session.fill_totals()
    assert edit is not None and all(p[:2] != ("appeals", "review") for p in edit.paths)
    assert tomllib.loads(session.text)["appeals"]["review"] == [1, 2]


def test_an_edit_that_fails_half_way_changes_nothing() -> None:
    text = "[a]\nx = 1\nb = [1]\n"
    editor = ReportEditor(text)
    with pytest.raises(EditError):
        editor.apply({("a", "x"): 2, ("a", "b", "c"): 3})
    assert editor.text == text
    assert editor.get(("a", "x")) == 1
    assert not editor.can_undo


async def test_the_editor_keeps_running_on_a_file_of_the_wrong_shape(tmp_path: Path) -> None:
    path = wrong_shape(tmp_path)
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_table(pilot, 4, "appeals")  # 四
        assert grid.move_to(("appeals", "review", "upheld"))
        assert grid.shown(("appeals", "review", "upheld")) == LOCKED
        await pilot.press("5", "enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, EditorScreen)
        message = str(app.screen.query_one(MessageLine).render())
        assert message.startswith("未接受：") and "appeals.review" in message
        assert grid.editing is None
        info = str(app.screen.query_one("#info-appeals").render())
        assert "只读" in info
        # the rest of the table still takes input, and saving keeps the wrong part as it was
        assert grid.move_to(("appeals", "litigation", "direct", "upheld"))
        await pilot.press("4", "enter", "ctrl+s")
        await settle(pilot)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["appeals"]["review"] == [1, 2]
    assert data["appeals"]["litigation"]["direct"]["upheld"] == 4


async def test_an_internal_error_saves_the_unsaved_work_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / EXAMPLE.name
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    original = path.read_text(encoding="utf-8")

    def broken(self: EditorScreen) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(EditorScreen, "action_fill_totals", broken)
    app = ReportApp.for_file(path)
    with pytest.raises(RuntimeError, match="a bug"):  # run_test re-raises what stopped the app
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("down", "down", "down", "enter", "7", "enter")
            assert app.session is not None and app.session.dirty
            await pilot.press("ctrl+t")  # the bug
            await pilot.pause()
    assert app.return_code
    assert path.read_text(encoding="utf-8") == original  # the file itself is untouched
    assert app.rescued is not None and app.rescued.name == f"{EXAMPLE.name}.unsaved-1.toml"
    saved = tomllib.loads(app.rescued.read_text(encoding="utf-8"))
    assert saved["requests"]["new"]["person"] == 7
    # a second rescue never replaces the first
    session = EditSession.open(path)
    session.set_cell(("requests", "new", "person"), "8")
    second = session.save_aside()
    assert second is not None and second.name.endswith(".unsaved-2.toml")
    assert tomllib.loads(app.rescued.read_text(encoding="utf-8"))["requests"]["new"]["person"] == 7


async def test_an_os_error_on_save_is_said_in_chinese_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import govreport.tui.model as model

    path = tmp_path / EXAMPLE.name
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(model, "write_atomic", full)
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter", "7", "enter", "ctrl+s")
        await settle(pilot)
        said = str(app.screen.query_one(MessageLine).render())
        assert said.startswith("无法保存：磁盘空间不足") and "No space" not in said
        assert app.is_running and app.session is not None and app.session.dirty
    from govreport.fsutil import describe_os_error

    assert describe_os_error(OSError(errno.EROFS, "Read-only file system")) == "文件系统是只读的"
    assert (
        describe_os_error(OSError(errno.EROFS, "Read-only file system"), "en")
        == "the file system is read-only"
    )
    assert "Weird" in describe_os_error(OSError(12345, "Weird"))
