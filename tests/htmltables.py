"""Read rendered report tables back from HTML, as a browser sees them (html5lib).

A table is split into its row groups (``<thead>``, ``<tbody>``); inside each, row and column
spans are expanded into a grid, as the HTML table model does.  Rows without a ``<td>`` are
header rows; a header row made of one cell spanning the table is a block heading.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

import html5lib


def parse(html: str) -> ET.Element:
    return html5lib.parse(html, namespaceHTMLElements=False)


def text(el: ET.Element) -> str:
    """The text content of *el*, with white space removed (as the PDF test compares it)."""
    return "".join("".join(el.itertext()).split())


def span(el: ET.Element, name: str) -> int:
    return int(el.get(name, "1"))


@dataclass
class Group:
    """One row group, expanded: ``grid[r][c]`` is the cell element covering row r, column c."""

    rows: list[list[ET.Element]]
    grid: list[list[ET.Element]] = field(default_factory=list)

    @property
    def header_rows(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if not any(c.tag == "td" for c in row)]

    @property
    def body_rows(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if any(c.tag == "td" for c in row)]


def expand(rows: list[list[ET.Element]]) -> list[list[ET.Element]]:
    """The grid of a row group (HTML table model: a rowspan never leaves its group)."""
    grid: list[list[ET.Element | None]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            for dr in range(span(cell, "rowspan")):
                if r + dr >= len(rows):
                    raise AssertionError(f"rowspan of {text(cell)!r} leaves its row group")
                target = grid[r + dr]
                while len(target) < c + span(cell, "colspan"):
                    target.append(None)
                for dc in range(span(cell, "colspan")):
                    if target[c + dc] is not None:
                        raise AssertionError(f"cells overlap at {text(cell)!r}")
                    target[c + dc] = cell
            c += span(cell, "colspan")
    for r, row in enumerate(grid):
        if any(cell is None for cell in row):
            raise AssertionError(f"row {r} of a row group has a hole")
    return grid  # type: ignore[return-value]


def groups(table: ET.Element) -> list[Group]:
    found = []
    for section in table:
        if section.tag not in ("thead", "tbody", "tfoot"):
            continue
        rows = [[c for c in tr if c.tag in ("th", "td")] for tr in section if tr.tag == "tr"]
        found.append(Group(rows, expand(rows)))
    return found


def width(table: ET.Element) -> int:
    widths = {len(row) for g in groups(table) for row in g.grid}
    if len(widths) != 1:
        raise AssertionError(f"rows of different widths: {sorted(widths)}")
    return widths.pop()


@dataclass
class Block:
    """A block of a report table as read back: heading, header rows, body rows."""

    heading: ET.Element | None
    head: list[list[ET.Element]]  # the header rows as written (cells, not the grid)
    head_grid: list[list[ET.Element]]
    body: list[list[ET.Element]]
    body_grid: list[list[ET.Element]]


def blocks(table: ET.Element) -> list[Block]:
    """Blocks: a ``<thead>`` with the ``<tbody>`` after it, or a ``<tbody>`` holding both."""
    n = width(table)
    result: list[Block] = []
    pending: Group | None = None
    for g in groups(table):
        if not g.body_rows:
            pending = g
            continue
        head_rows = [*(pending.rows if pending else []), *(g.rows[i] for i in g.header_rows)]
        head_grid = [*(pending.grid if pending else []), *(g.grid[i] for i in g.header_rows)]
        pending = None
        heading = None
        if head_rows and len(head_rows[0]) == 1 and span(head_rows[0][0], "colspan") == n:
            heading = head_rows[0][0]
            head_rows, head_grid = head_rows[1:], head_grid[1:]
        body = [g.rows[i] for i in g.body_rows]
        body_grid = [g.grid[i] for i in g.body_rows]
        result.append(Block(heading, head_rows, head_grid, body, body_grid))
    return result


def value_cells(table: ET.Element) -> Iterator[tuple[list[str], ET.Element]]:
    """Each value cell with its context: block heading, row labels (left to right), then the
    column headers above it (top to bottom), each cell once."""
    for block in blocks(table):
        for row in block.body_grid:
            labels: list[str] = []
            seen: set[int] = set()
            for c, cell in enumerate(row):
                if cell.tag == "th":
                    if id(cell) not in seen:
                        labels.append(text(cell))
                        seen.add(id(cell))
                    continue
                if id(cell) in seen:
                    continue
                seen.add(id(cell))
                heads: list[str] = []
                for head_row in block.head_grid:
                    h = text(head_row[c])
                    if not heads or heads[-1] != h:
                        heads.append(h)
                context = ([text(block.heading)] if block.heading is not None else []) + labels + heads
                yield context, cell


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(x == y for y in it) for x in needle)
