"""Snapshots of the main screens of ``govreport edit`` at 80×24 (pytest-textual-snapshot).

Update them after a deliberate change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the report it writes before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytest_textual_snapshot")

from textual.pilot import Pilot

from govreport.tui.app import ReportApp

from .conftest import EXAMPLE, set_value
from .tui_helpers import example_copy, settle

SIZE = (80, 24)


def _app(tmp_path: Path) -> ReportApp:
    return ReportApp.for_file(example_copy(tmp_path))


def test_preamble(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=settle)


def test_table_3_with_a_total_that_disagrees(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter", "down", "down", "7", "enter")
        await settle(pilot)

    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_table_3_editing_a_cell(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter", "right", "1", "2")
        await settle(pilot)

    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_table_2(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)

    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_table_4_in_two_bands(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")
        await settle(pilot)

    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_narrative_with_sub_heads(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_findings_and_blank_cells(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / EXAMPLE.name
    text = set_value(EXAMPLE.read_text(encoding="utf-8"), ("requests", "new", "business"), '""')
    text = set_value(text, ("requests", "carried_over", "person"), '"?"')
    path.write_text(text, encoding="utf-8")

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)

    assert snap_compare(ReportApp.for_file(path), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_new_report_dialog(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = ReportApp.for_file(tmp_path / "2025.toml", default_year=2025)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press(*"测试乡人民政府")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_light_theme(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f9", "down", "down", "down", "enter", "down", "down", "7", "enter")
        await settle(pilot)

    assert snap_compare(_app(tmp_path), terminal_size=SIZE, run_before=run_before)
