"""Helpers for the TUI tests: a copy of the example, waiting for the findings, opening a table."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from textual.pilot import Pilot

from govreport.tui.app import EditorScreen
from govreport.tui.grid import TableGrid

from .conftest import EXAMPLE


def example_copy(tmp_path: Path) -> Path:
    """The example report under its own name (the title bar shows only the file name)."""
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    return path


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the lint engine has checked the current text and the screen is drawn."""
    for _ in range(500):
        await pilot.pause()
        screen = pilot.app.screen
        if not isinstance(screen, EditorScreen) or screen.lint_idle:
            break
        await asyncio.sleep(0.01)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_table(pilot: Pilot[None], position: int, key: str) -> TableGrid:
    """Open the section at *position* in the section list (基本信息 is 0) and return its grid,
    which has the focus."""
    await settle(pilot)
    await pilot.press(*["down"] * position, "enter")
    grid = pilot.app.screen.query_one(f"#grid-{key}", TableGrid)
    assert grid.has_focus
    return grid


async def open_table_3(pilot: Pilot[None]) -> TableGrid:
    """Table 三 (the section list: 基本信息, 一, 二, 三)."""
    return await open_table(pilot, 3, "requests")


GRANTED = ("requests", "results", "granted")  # table 三's row （一）予以公开


async def open_granted(pilot: Pilot[None]) -> TableGrid:
    """Table 三 with the cursor on 予以公开 · 自然人 (two rows down from the top)."""
    grid = await open_table_3(pilot)
    await pilot.press("down", "down")
    assert grid.cursor_path == (*GRANTED, "person")
    return grid
