"""Keys that arrive together (a paste, a fast typist over SSH, a slow machine) act in order, each on
the cell the cursor is on when that key is handled — driven by Pilot with a burst posted at once,
and through a real terminal (tmux)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
import uuid
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual import events
from textual.pilot import Pilot

from govreport.tui.app import ReportApp

from .conftest import EXAMPLE
from .tui_helpers import GRANTED, example_copy, open_granted, open_table_3, settle

SIZE = (80, 24)
NEW = ("requests", "new")


def _key(name: str) -> events.Key:
    char = name if len(name) == 1 else {"enter": "\r", "tab": "\t"}.get(name)
    return events.Key(name, char)


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Post every key at once, as a terminal delivers a burst, then wait until all are handled."""
    for name in keys:
        pilot.app.post_message(_key(name))
    await settle(pilot)
    for _ in range(20):
        await pilot.pause()


def value(path: Path, keys: tuple[str, ...]) -> object:
    data: object = tomllib.loads(path.read_text(encoding="utf-8"))
    for k in keys:
        assert isinstance(data, dict)
        data = data[k]
    return data


async def test_arrows_then_digits_in_one_burst_go_to_the_new_cell(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_granted(pilot)
        before = app.session.value((*GRANTED, "person"))  # type: ignore[union-attr]
        await burst(pilot, "up", "right", "9", "enter")
        session = app.session
        assert session is not None
        # up → 二、上年结转·自然人, right → 二·商业企业: the 9 goes there, not where the cursor was
        assert session.value((*GRANTED, "person")) == before
        assert session.value(("requests", "carried_over", "business")) == 9
        assert grid.cursor_path == ("requests", "results", "granted", "business")


async def test_digits_and_tabs_in_one_burst_fill_consecutive_cells(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_table_3(pilot)
        start = grid.cursor_path
        assert start == (*NEW, "person")
        await burst(pilot, "1", "2", "tab", "3", "tab", "4", "enter")
        session = app.session
        assert session is not None
        assert grid.has_focus  # still in table 三, not another section
        assert session.value((*NEW, "person")) == 12
        assert session.value((*NEW, "business")) == 3
        assert session.value((*NEW, "research")) == 4
        await burst(pilot, "ctrl+s")
    assert value(path, (*NEW, "person")) == 12
    assert value(path, (*NEW, "business")) == 3
    assert value(path, (*NEW, "research")) == 4


async def test_a_long_burst_is_the_same_as_keys_one_by_one(tmp_path: Path) -> None:
    keys = [
        "down",
        "5",
        "tab",
        "6",
        "right",
        "7",
        "enter",
        "left",
        "left",
        "8",
        "enter",
        "up",
        "up",
        "9",
        "tab",
    ]
    results = []
    for mode in ("one by one", "burst"):
        path = tmp_path / mode / EXAMPLE.name
        path.parent.mkdir()
        shutil.copy(EXAMPLE, path)
        app = ReportApp.for_file(path)
        async with app.run_test(size=SIZE) as pilot:
            grid = await open_table_3(pilot)
            if mode == "burst":
                await burst(pilot, *keys)
            else:
                for k in keys:
                    await pilot.press(k)
                await settle(pilot)
            assert app.session is not None
            results.append(({p: app.session.value(p) for p in grid.table.cell_paths()}, grid.cursor_path))
    assert results[0] == results[1]


# -- a real terminal ------------------------------------------------------------------------------


def _tmux() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed (apt-get install tmux): the real-terminal test needs it")
    return tmux


def _wait_for(cmd: list[str], text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not on the screen:\n{screen}")


def test_a_burst_of_keys_through_a_real_terminal(tmp_path: Path) -> None:
    tmux = _tmux()
    path = example_copy(tmp_path)
    socket = f"govreport-test-{uuid.uuid4().hex[:8]}"
    base = [tmux, "-L", socket, "-f", os.devnull]
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    env.pop("TMUX", None)
    command = f"{sys.executable} -m govreport edit {path.name}"
    subprocess.run(
        [*base, "new-session", "-d", "-x", "80", "-y", "24", "-s", "t", command],
        cwd=tmp_path,
        env=env,
        check=True,
    )
    capture = [*base, "capture-pane", "-p", "-t", "t"]
    try:
        _wait_for(capture, "基本信息")
        _wait_for(capture, "检查结果")
        # one send-keys: the terminal gets the whole burst at once
        subprocess.run([*base, "send-keys", "-t", "t", "Down", "Down", "Down", "Enter"], check=True)
        _wait_for(capture, "法人或其他组织")
        subprocess.run(
            [
                *base,
                "send-keys",
                "-t",
                "t",
                "1",
                "2",
                "Tab",
                "3",
                "Tab",
                "4",
                "Enter",
                "Up",
                "Right",
                "9",
                "Enter",
                "C-s",
            ],
            check=True,
        )
        _wait_for(capture, "已保存")
    finally:
        subprocess.run([*base, "send-keys", "-t", "t", "C-q"], check=False)
        time.sleep(0.3)
        subprocess.run([*base, "kill-server"], check=False, capture_output=True)
    assert value(path, (*NEW, "person")) == 12
    assert value(path, (*NEW, "business")) == 3
    assert value(path, (*NEW, "research")) == 4
    # Enter after 4 moved down to 二·科研机构; Up, Right: 一·社会公益组织
    assert value(path, (*NEW, "nonprofit")) == 9
