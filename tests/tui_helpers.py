"""Helpers for the TUI tests: a copy of the example, waiting for the findings."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from textual.pilot import Pilot

from govreport.tui.app import EditorScreen

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
