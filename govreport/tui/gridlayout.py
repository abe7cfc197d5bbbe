"""Lay out an official table (from ``spec.tables``) in a terminal of a given width.

The header keeps the official merged cells: each header cell is placed over the columns it
spans, its text wrapped to fit; a group heading is drawn across its columns as
``──法人或其他组织──``.  Row labels become an indented tree: a label that spans several rows
in the official table (``三、本年度办理结果``, ``（三）不予公开``) is a line of its own above
the rows it covers, and long labels are cut with ``…`` (the full label of the focused row is
shown beside the grid).  A block too wide for the terminal is split between its top-level
column groups into *bands* stacked one above the other (table 四 at 80 columns).

Nothing here draws: the result is lines of ``(text, style name)`` segments and the position
of every cell; the grid widget adds values, the cursor and colours.  No Textual in here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from govreport.format.layout import Block, HeaderCell, TableLayout
from govreport.format.spec import KeyPath
from govreport.report.writer import display_width

Seg = tuple[str, str]  # (text, style name); style names are the grid's component classes

LABEL_MIN = 12
LABEL_COMFORT = 24
UNIT_MIN = 4
UNIT_MAX = 12
INDENT = 2
NO_LINE_START = set("）》」』】〕，。、：；！？…·”’")


def char_width(ch: str) -> int:
    return display_width(ch)


def fit(text: str, width: int) -> str:
    """*text* cut to *width* cells (with ``…``) and padded to exactly *width*."""
    if width <= 0:
        return ""
    w = display_width(text)
    if w <= width:
        return text + " " * (width - w)
    out, used = [], 0
    for ch in text:
        cw = char_width(ch)
        if used + cw > width - 1:
            break
        out.append(ch)
        used += cw
    return "".join(out) + "…" + " " * (width - 1 - used)


def wrap(text: str, width: int) -> list[str]:
    """Break *text* into lines of at most *width* cells (any character may end a line, but a
    closing punctuation mark does not start one)."""
    if width <= 0:
        return [text]
    lines: list[list[str]] = [[]]
    used = 0
    for ch in text:
        cw = char_width(ch)
        if used + cw > width and lines[-1]:
            carry: list[str] = []
            if ch in NO_LINE_START and len(lines[-1]) > 1:
                carry = [lines[-1].pop()]
            lines.append(carry)
            used = sum(char_width(c) for c in carry)
        lines[-1].append(ch)
        used += cw
    return ["".join(line) for line in lines]


def center(text: str, width: int, fill: str = " ") -> str:
    w = display_width(text)
    if w >= width:
        return fit(text, width)
    left = (width - w) // 2
    return fill * left + text + fill * (width - w - left)


@dataclass
class CellSlot:
    """Where one cell of the report is drawn on its row line."""

    path: KeyPath
    x: int  # first display column of the cell's content (after its left rule)
    width: int
    kind: str  # "count" or "amount"
    column_label: str


@dataclass
class GridRow:
    """A row of the table that holds cells (the cursor moves over these)."""

    path: KeyPath
    label: str  # the full official row label
    line: int  # index into GridLayout.lines
    cells: list[CellSlot]


@dataclass
class GridLine:
    segs: list[Seg]  # for a row line: the label part only; cells are drawn by the widget
    row: int | None = None  # index into GridLayout.rows


@dataclass
class GridLayout:
    width: int  # width of a full line
    label_part: int  # width of the label column with its rule (frozen when scrolling)
    unit: int  # width of one official column unit
    fixed: list[GridLine] = field(default_factory=list)  # header lines that do not scroll away
    lines: list[GridLine] = field(default_factory=list)
    rows: list[GridRow] = field(default_factory=list)


@dataclass
class _Placed:
    cell: HeaderCell
    r0: int
    r1: int
    x0: int
    x1: int


def _place(block: Block) -> list[_Placed]:
    """Header cells with their level and unit ranges, placed as in an HTML table."""
    occupied: set[tuple[int, int]] = set()
    placed: list[_Placed] = []
    for r, row in enumerate(block.header_rows):
        u = 0
        for cell in row:
            while (r, u) in occupied:
                u += 1
            placed.append(_Placed(cell, r, r + cell.rowspan, u, u + cell.colspan))
            for rr in range(r, r + cell.rowspan):
                for uu in range(u, u + cell.colspan):
                    occupied.add((rr, uu))
            u += cell.colspan
    return placed


@dataclass
class _Band:
    block: Block
    placed: list[_Placed]
    u0: int  # unit range of the band, in the block's units (label units first)
    u1: int
    first: bool  # the first band of its block
    widths: list[int] = field(default_factory=list)  # display width of each unit of the band

    @property
    def units(self) -> int:
        return self.u1 - self.u0

    def span(self, a: int, b: int) -> int:
        """Display width of units a..b-1 with the rules between them."""
        return sum(self.widths[a - self.u0 : b - self.u0]) + (b - a - 1)

    def x(self, u: int, label_part: int) -> int:
        """Display column of the rule to the left of unit *u*."""
        return label_part + sum(self.widths[: u - self.u0]) + (u - self.u0)

    @property
    def value_width(self) -> int:
        return sum(self.widths) + self.units + 1


def _bands(block: Block, placed: list[_Placed], fits: int | None) -> list[_Band]:
    """Split a block between its top-level column groups so that each band has at most
    *fits* units (None: no split)."""
    start = block.label_columns
    end = max((p.x1 for p in placed), default=start)
    tops = sorted((p for p in placed if p.r0 == 0 and not p.cell.corner), key=lambda p: p.x0)
    if fits is None or end - start <= fits or len(tops) < 2:
        return [_Band(block, placed, start, end, True)]
    bands: list[_Band] = []
    u0 = start
    for top in tops:
        if top.x1 - u0 > fits and top.x0 > u0:
            bands.append(_Band(block, placed, u0, top.x0, not bands))
            u0 = top.x0
    bands.append(_Band(block, placed, u0, end, not bands))
    return bands


def _label_depth(block: Block, path: KeyPath) -> int:
    return max(len(path) - len(block.root) - 1, 0)


def _natural_label_width(table: TableLayout) -> int:
    width = 0
    for block in table.blocks:
        for row in block.rows:
            for label in row.labels:
                width = max(width, INDENT * _label_depth(block, label.path) + display_width(label.text))
    return width


def _preferred_unit(bands: list[_Band]) -> int:
    """The unit width at which every column heading fits on one line (at most UNIT_MAX)."""
    best = UNIT_MIN
    for band in bands:
        for p in band.placed:
            if p.cell.column is not None:
                span = p.x1 - p.x0
                need = -(-(display_width(p.cell.text) - (span - 1)) // span)
                best = max(best, need)
    return min(best, UNIT_MAX)


def build_layout(table: TableLayout, width: int, content: Mapping[KeyPath, int] | None = None) -> GridLayout:
    """Lay *table* out in *width* cells; *content* gives the width each cell's text needs
    (a column grows to fit its widest cell)."""
    content = content or {}
    has_labels = any(b.label_columns for b in table.blocks)
    placed = {id(b): _place(b) for b in table.blocks}
    natural = _natural_label_width(table) if has_labels else 0
    label_min = min(natural, LABEL_MIN)

    # How many units fit beside the narrowest acceptable label column: split wider blocks.
    fits = max((width - label_min - 1) // (UNIT_MIN + 1), 1)
    bands = [band for b in table.blocks for band in _bands(b, placed[id(b)], fits)]
    units = max(band.units for band in bands)

    # The label column first gets what it needs up to a comfortable width; then the columns
    # grow until their headings fit on one line; what is left goes to the labels again.
    label_w = min(natural, max(LABEL_MIN, width - 1 - units * (UNIT_MIN + 1))) if has_labels else 0
    target = min(label_w, LABEL_COMFORT)
    unit = max(UNIT_MIN, min(_preferred_unit(bands), (width - 1 - target) // units - 1))
    for band in bands:
        band.widths = [unit] * band.units
        _fit_content(band, content)
    value_w = max(band.value_width for band in bands)
    if has_labels:
        label_w = min(natural, max(label_min, width - value_w))
    layout = GridLayout(width=label_w + value_w, label_part=label_w, unit=unit)

    single = len(bands) == 1
    for i, band in enumerate(bands):
        if i and not band.first:
            layout.lines.append(GridLine([(" " * layout.width, "")]))  # between bands of a block
        header = _header_lines(band, label_w, layout.width)
        (layout.fixed if single else layout.lines).extend(header)
        _body_lines(layout, band, label_w)
    return layout


def _fit_content(band: _Band, content: Mapping[KeyPath, int]) -> None:
    """Widen the units of a column whose widest value does not fit."""
    block = band.block
    for p in band.placed:
        if p.cell.column is None or not band.u0 <= p.x0 < band.u1:
            continue
        index = block.columns.index(p.cell.column)
        need = max((content.get(row.cells[index].path, 0) for row in block.rows), default=0)
        have = band.span(p.x0, p.x1)
        if need > have:
            band.widths[p.x1 - 1 - band.u0] += need - have


def _header_lines(band: _Band, label_w: int, width: int) -> list[GridLine]:
    block = band.block
    lines: list[GridLine] = []
    if block.heading is not None and band.first:
        lines.append(GridLine([(fit(block.heading.text, width), "heading")]))
    cells = [p for p in band.placed if not p.cell.corner and band.u0 <= p.x0 < band.u1]
    corner = next((p for p in band.placed if p.cell.corner), None)
    levels = len(block.header_rows)

    def cell_w(p: _Placed) -> int:
        return band.span(p.x0, p.x1)

    texts = {id(p): wrap(p.cell.text, cell_w(p)) for p in cells}
    heights = [1] * levels
    for p in cells:
        if p.r1 - p.r0 == 1:
            heights[p.r0] = max(heights[p.r0], len(texts[id(p)]))
    for p in cells:
        if p.r1 - p.r0 > 1:
            need, avail = len(texts[id(p)]), sum(heights[p.r0 : p.r1])
            if need > avail:
                heights[p.r1 - 1] += need - avail
    offsets = [sum(heights[:r]) for r in range(levels)]
    total = sum(heights)

    corner_lines: list[str] = []
    if label_w:
        corner_lines = wrap(corner.cell.text, label_w) if corner and corner.cell.text else []
        if len(corner_lines) > total:
            corner_lines = [*corner_lines[: total - 1], fit(corner_lines[total - 1] + "……", label_w)]

    def level_of(y: int) -> int:
        for r in range(levels - 1, -1, -1):
            if y >= offsets[r]:
                return r
        return 0

    for y in range(total):
        segs: list[Seg] = []
        if label_w:
            text = corner_lines[y] if y < len(corner_lines) else ""
            segs.append((fit(text, label_w), "corner"))
        level = level_of(y)
        u = band.u0
        while u < band.u1:
            owner = next((p for p in cells if p.x0 <= u < p.x1 and p.r0 <= level < p.r1), None)
            if owner is None:
                segs.append(("│" + " " * band.widths[u - band.u0], "rule"))
                u += 1
                continue
            w = cell_w(owner)
            lines_of = texts[id(owner)]
            rect_h = sum(heights[owner.r0 : owner.r1])
            top = offsets[owner.r0] + (rect_h - len(lines_of)) // 2
            k = y - top
            group = owner.cell.column is None
            if group and len(lines_of) == 1 and k == 0:
                body = center(lines_of[0], w, "─")
            elif 0 <= k < len(lines_of):
                body = center(lines_of[k], w)
            else:
                body = " " * w
            segs.append(("│", "rule"))
            segs.append((body, "header"))
            u = owner.x1
        segs.append(("│", "rule"))
        lines.append(GridLine(segs))

    leaf_starts = sorted(p.x0 for p in cells if p.cell.column is not None)
    parts = ["─" * label_w]
    for i, x0 in enumerate(leaf_starts):
        x1 = leaf_starts[i + 1] if i + 1 < len(leaf_starts) else band.u1
        parts.append(("┼" if i or label_w else "├") + "─" * band.span(x0, x1))
    rule: list[Seg] = [("".join(parts) + "┤", "rule")]
    lines.append(GridLine(rule))
    return lines


def _body_lines(layout: GridLayout, band: _Band, label_w: int) -> None:
    block = band.block
    label_part = label_w
    leaf_cols = [
        i
        for i, col in enumerate(block.columns)
        if any(p.cell.column == col and band.u0 <= p.x0 < band.u1 for p in band.placed)
    ]
    col_range = {
        p.cell.column: (p.x0, p.x1)
        for p in band.placed
        if p.cell.column is not None and band.u0 <= p.x0 < band.u1
    }

    def empty_cells() -> list[Seg]:
        segs: list[Seg] = []
        for i in leaf_cols:
            x0, x1 = col_range[block.columns[i]]
            segs.append(("│" + " " * band.span(x0, x1), "rule"))
        segs.append(("│", "rule"))
        return segs

    for row in block.rows:
        for label in row.labels[:-1] if row.labels else []:
            if label.rowspan > 1:
                indent = " " * (INDENT * _label_depth(block, label.path))
                segs: list[Seg] = [(fit(indent + label.text, label_w), "group")]
                layout.lines.append(GridLine(segs + empty_cells()))
        segs = []
        if label_w:
            leaf = row.labels[-1] if row.labels else None
            indent = " " * (INDENT * _label_depth(block, leaf.path)) if leaf else ""
            segs = [(fit(indent + (leaf.text if leaf else ""), label_w), "label")]
        slots: list[CellSlot] = []
        for i in leaf_cols:
            ref = row.cells[i]
            column = block.columns[i]
            x0, x1 = col_range[column]
            slots.append(
                CellSlot(
                    ref.path, band.x(x0, label_part) + 1, band.span(x0, x1), ref.kind, ref.column_label_zh
                )
            )
        layout.rows.append(GridRow(row.path, row.label_zh, len(layout.lines), slots))
        layout.lines.append(GridLine(segs, row=len(layout.rows) - 1))
