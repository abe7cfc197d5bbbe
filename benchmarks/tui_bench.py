"""How fast ``govreport edit`` responds, against a plain Textual DataTable app run the same way.

Two measurements, each as a median over several runs and as a ratio to its peer:

* **first screen**: from creating the app for the example report to its first screen drawn
  (Pilot ``run_test`` at 80×24).  Peer: a minimal Textual app showing a ``DataTable`` of the
  size of table 三 (25 rows × 7 columns with row labels), started the same way.
* **keystroke → totals**: with the cursor in a cell of table 三, typing a digit and Enter
  until the grid shows the new value and the recomputed 总计 (drawn).  Peer: a key bound to
  ``DataTable.update_cell`` on the same-size table, until drawn.  And **keystroke → findings**:
  the same keystroke until the lint engine's findings for the new text are on screen.

Run:  .venv/bin/python benchmarks/tui_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreport.format import load_spec  # noqa: E402
from govreport.tui.app import EditorScreen, ReportApp  # noqa: E402
from govreport.tui.grid import TableGrid  # noqa: E402

EXAMPLE = ROOT / "examples" / "qingshi-2024.toml"
SIZE = (80, 24)


class PeerApp(App[None]):
    """A plain DataTable with the rows, columns and labels of table 三."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "bump", "bump")]

    def compose(self) -> ComposeResult:
        yield DataTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        layout = load_spec().table("requests")
        block = layout.blocks[0]
        for ref in block.rows[0].cells:
            table.add_column(ref.column_label_zh, key=".".join(ref.path[-1:]))
        for row in block.rows:
            table.add_row(*[0] * len(row.cells), label=row.label_zh[:12], key=".".join(row.path))
        table.focus()

    value = 0

    def action_bump(self) -> None:
        self.value += 1
        table = self.query_one(DataTable)
        table.update_cell("requests.new", "person", self.value)
        table.update_cell("requests.new", "total", self.value)


async def first_screen_ours(path: Path) -> float:
    start = time.perf_counter()
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        elapsed = time.perf_counter() - start
    return elapsed


async def first_screen_peer() -> float:
    start = time.perf_counter()
    app = PeerApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
    return elapsed


async def keystrokes_ours(path: Path, runs: int) -> tuple[list[float], list[float]]:
    totals: list[float] = []
    findings: list[float] = []
    app = ReportApp.for_file(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        while not screen.lint_idle:
            await asyncio.sleep(0.005)
        await pilot.press("down", "down", "down", "enter")
        grid = screen.query_one("#grid-requests", TableGrid)
        for i in range(runs):
            digit = str(i % 9 + 1)
            start = time.perf_counter()
            await pilot.press(digit, "enter", "up")  # type, commit (moves down), back up
            assert grid.shown(("requests", "new", "person")) == digit
            totals.append(time.perf_counter() - start)
            while not screen.lint_idle:
                await asyncio.sleep(0.001)
            await pilot.pause()
            findings.append(time.perf_counter() - start)
    return totals, findings


async def keystrokes_peer(runs: int) -> list[float]:
    out: list[float] = []
    app = PeerApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(runs):
            start = time.perf_counter()
            await pilot.press("x", "down", "up")  # the same three keys as ours
            out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / EXAMPLE.name
        shutil.copy(EXAMPLE, path)
        ours_first, peer_first = [], []
        for _ in range(args.runs):  # interleaved, so that both see the same machine state
            ours_first.append(asyncio.run(first_screen_ours(path)))
            peer_first.append(asyncio.run(first_screen_peer()))
        totals, findings = asyncio.run(keystrokes_ours(path, args.runs * 3))
        peer_keys = asyncio.run(keystrokes_peer(args.runs * 3))

    def ms(values: list[float]) -> float:
        return statistics.median(values) * 1000

    rows = [
        (
            "first screen (80×24, example loaded)",
            ms(ours_first),
            "DataTable app, table 三's size",
            ms(peer_first),
        ),
        ("keystroke → totals drawn", ms(totals), "DataTable.update_cell drawn", ms(peer_keys)),
        ("keystroke → findings drawn", ms(findings), "DataTable.update_cell drawn", ms(peer_keys)),
    ]
    print(f"govreport edit vs a plain Textual DataTable app (median of {args.runs}/{args.runs * 3} runs)")
    for what, ours, peer_name, peer in rows:
        print(f"  {what:<38} {ours:8.1f} ms   peer ({peer_name}) {peer:8.1f} ms   ratio {ours / peer:5.2f}")


if __name__ == "__main__":
    main()
