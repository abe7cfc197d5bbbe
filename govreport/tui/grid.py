"""The table grid: an official table laid out as in the format, edited like a spreadsheet.

Arrows move; typing or Enter edits the cell under the cursor; Enter commits and moves down,
Tab commits and moves right; Esc cancels.  What was typed goes to the grid's *source*,
which stores it or refuses it with a message (the grid then stays in edit mode).  Each
总计 shows the value entered and, when it differs, the sum of its parts (``17≠18``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from govreport.format.layout import TableLayout
from govreport.format.spec import KeyPath
from govreport.format.totals import TotalState
from govreport.format.values import show_number
from govreport.i18n import t
from govreport.lint.finding import Severity
from govreport.report.writer import display_width
from govreport.tui.gridlayout import CellSlot, GridLayout, GridLine, build_layout
from govreport.tui.model import BLANK_MARK, MISSING_MARK, cell_text


class GridSource(Protocol):
    """Where the grid gets its values and sends what was typed."""

    def cell_value(self, path: KeyPath) -> object: ...

    def total_state(self, path: KeyPath) -> TotalState | None: ...

    def cell_severity(self, path: KeyPath) -> Severity | None: ...

    def cell_locked(self, path: KeyPath) -> str | None:
        """Why the cell is read-only (the file's shape), or None."""
        ...

    def commit_block(self, cells: list[tuple[KeyPath, str]]) -> str | None:
        """Store a pasted block, all or nothing; return a message if it was refused."""
        ...

    def next_candidate(self, path: KeyPath) -> None:
        """Fill an unresolved cell with the next of the values the import found possible."""
        ...

    def commit_cell(self, path: KeyPath, text: str) -> str | None:
        """Store *text* in the cell; return a message if it was refused."""
        ...


@dataclass
class _Edit:
    path: KeyPath
    buffer: str


LOCKED = "✗"  # a cell the file's shape keeps read-only


class TableGrid(ScrollView, can_focus=True):
    """One official table (``spec.tables``), with a cell cursor and an edit line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(0, -1)", t("上移", "Up"), show=False, tooltip=t("移动光标", "Move the cursor")),
        Binding(
            "down", "move(0, 1)", t("下移", "Down"), show=False, tooltip=t("移动光标", "Move the cursor")
        ),
        Binding(
            "left", "move(-1, 0)", t("左移", "Left"), show=False, tooltip=t("移动光标", "Move the cursor")
        ),
        Binding(
            "right", "move(1, 0)", t("右移", "Right"), show=False, tooltip=t("移动光标", "Move the cursor")
        ),
        Binding("home", "row_edge(-1)", t("行首", "Start of the row"), show=False),
        Binding("end", "row_edge(1)", t("行尾", "End of the row"), show=False),
        Binding("pageup", "page(-1)", t("上一页", "Page up"), show=False),
        Binding("pagedown", "page(1)", t("下一页", "Page down"), show=False),
        Binding("enter", "enter", t("编辑/确认并下移", "Edit / confirm and go down"), show=False),
        Binding("f2", "edit", t("编辑本格", "Edit the cell"), show=False),
        Binding("tab", "commit_move(1)", t("确认并右移", "Confirm and go right"), show=False),
        Binding("shift+tab", "commit_move(-1)", t("确认并左移", "Confirm and go left"), show=False),
        Binding("escape", "cancel", t("取消编辑", "Cancel the edit"), show=False),
        Binding("backspace", "backspace", t("删除一个字符", "Delete a character"), show=False),
        Binding("delete", "clear", t("清空后重新输入", "Clear, then type anew"), show=False),
        Binding(
            "f5",
            "candidate",
            t("待定格：依次填入候选值", "Unresolved cell: fill in its candidates in turn"),
            show=False,
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--heading",
        "grid--header",
        "grid--corner",
        "grid--rule",
        "grid--label",
        "grid--label-cursor",
        "grid--group",
        "grid--cell",
        "grid--total",
        "grid--mismatch",
        "grid--special",
        "grid--error",
        "grid--warning",
        "grid--cursor",
        "grid--editing",
    }

    DEFAULT_CSS = """
    TableGrid {
        height: 1fr;
        background: $surface;
        scrollbar-size-vertical: 1;
        scrollbar-size-horizontal: 1;
        & > .grid--heading { color: $text; text-style: bold; }
        & > .grid--header { color: $text; text-style: bold; }
        & > .grid--corner { color: $text-muted; }
        & > .grid--rule { color: $foreground 35%; }
        & > .grid--label { color: $text; }
        & > .grid--label-cursor { color: $text; background: $boost; text-style: bold; }
        & > .grid--group { color: $text-muted; text-style: bold; }
        & > .grid--cell { color: $text; }
        & > .grid--total { color: $text; text-style: bold; background: $boost; }
        & > .grid--mismatch { color: $text-error; background: $error-muted; text-style: bold; }
        & > .grid--special { color: $text-warning; text-style: italic; }
        & > .grid--error { color: $text-error; text-style: bold underline; }
        & > .grid--warning { color: $text-warning; text-style: underline; }
        & > .grid--cursor { color: $block-cursor-foreground; background: $block-cursor-blurred-background; }
        & > .grid--editing { color: $foreground; background: $boost; text-style: bold underline; }
        &:focus > .grid--cursor { color: $block-cursor-foreground; background: $block-cursor-background; text-style: $block-cursor-text-style; }
    }
    """

    class _GridMessage(Message):
        """A message from a grid (its ``control``, for ``on(…, "#id")`` handlers)."""

        def __init__(self, grid: TableGrid) -> None:
            super().__init__()
            self.grid = grid

        @property
        def control(self) -> TableGrid:
            return self.grid

    class CursorMoved(_GridMessage):
        """The cursor is on another cell (or edit mode changed)."""

        def __init__(self, grid: TableGrid, path: KeyPath) -> None:
            super().__init__(grid)
            self.path = path

    class Refused(_GridMessage):
        """Input the grid itself could not place (a pasted block that does not fit)."""

        def __init__(self, grid: TableGrid, reason: str) -> None:
            super().__init__(grid)
            self.reason = reason

    def __init__(
        self, table: TableLayout, source: GridSource, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.table = table
        self.source = source
        self.row = 0
        self.col = 0
        self.editing: _Edit | None = None
        self._layout: GridLayout | None = None
        self._layout_key: tuple[object, ...] | None = None

    # -- layout -------------------------------------------------------------------------
    @property
    def layout_(self) -> GridLayout:
        if self._layout is None:
            self._relayout()
        assert self._layout is not None
        return self._layout

    def _content(self) -> dict[KeyPath, int]:
        """The width each cell's text needs (a total that disagrees shows both numbers)."""
        widths: dict[KeyPath, int] = {}
        for path in self.table.cell_paths():
            widths[path] = display_width(self._text(path))
        if self.editing is not None:
            widths[self.editing.path] = max(
                widths.get(self.editing.path, 0), display_width(self.editing.buffer) + 1
            )
        return widths

    def shown(self, path: KeyPath) -> str:
        """The text the grid shows for a cell (``17≠18`` for a total that disagrees)."""
        if self.editing is not None and self.editing.path == path:
            return self.editing.buffer
        return self._text(path)

    def _text(self, path: KeyPath) -> str:
        if self.source.cell_locked(path) is not None:
            return LOCKED
        text = cell_text(self.source.cell_value(path))
        state = self.source.total_state(path)
        if state is not None and state.mismatch and state.computed is not None:
            text = f"{text}≠{show_number(state.computed)}"
        return text

    def _relayout(self) -> None:
        width = max(self.scrollable_content_region.width, 20)
        content = self._content()
        key = (width, tuple(sorted(content.items())))
        if self._layout is not None and key == self._layout_key:
            return
        self._layout_key = key
        self._layout = build_layout(self.table, width, content)
        rows = self._layout.rows
        self.row = min(self.row, len(rows) - 1)
        self.col = min(self.col, len(rows[self.row].cells) - 1)
        self.virtual_size = Size(self._layout.width, len(self._layout.fixed) + len(self._layout.lines))

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self.scroll_to_cursor()

    def refresh_values(self) -> None:
        """Values changed (an edit, undo, new findings): redraw, re-laying out if needed."""
        self._relayout()
        self.refresh()

    # -- the cursor -----------------------------------------------------------------------
    @property
    def cursor_path(self) -> KeyPath:
        return self.layout_.rows[self.row].cells[self.col].path

    @property
    def cursor_slot(self) -> CellSlot:
        return self.layout_.rows[self.row].cells[self.col]

    def move_to(self, path: KeyPath) -> bool:
        for r, row in enumerate(self.layout_.rows):
            for c, slot in enumerate(row.cells):
                if slot.path == path:
                    self._set_cursor(r, c)
                    return True
        return False

    def _set_cursor(self, row: int, col: int) -> None:
        rows = self.layout_.rows
        row = max(0, min(row, len(rows) - 1))
        col = max(0, min(col, len(rows[row].cells) - 1))
        before, scrolled = self.row, self.scroll_offset
        self.row, self.col = row, col
        self.scroll_to_cursor()
        if self.scroll_offset == scrolled:
            self._refresh_rows(before, row)  # only the two rows the cursor left and entered
        else:
            self.refresh()
        self.post_message(self.CursorMoved(self, self.cursor_path))

    def _refresh_rows(self, *rows: int) -> None:
        layout = self.layout_
        width = self.size.width
        for r in set(rows):
            y = len(layout.fixed) + layout.rows[r].line - self.scroll_offset.y
            if len(layout.fixed) <= y < self.size.height:
                self.refresh(Region(0, y, width, 1))

    def scroll_to_cursor(self) -> None:
        layout = self.layout_
        if not layout.rows:
            return
        row = layout.rows[self.row]
        visible = max(self.scrollable_content_region.height - len(layout.fixed), 1)
        line = row.line
        top = line
        while top > 0 and layout.lines[top - 1].row is None and line - top < visible - 1:
            top -= 1  # keep the group labels above the row in view
        y = self.scroll_offset.y
        if top < y:
            y = top
        elif line >= y + visible:
            y = line - visible + 1
        slot = row.cells[self.col]
        x = self.scroll_offset.x
        view_w = max(self.scrollable_content_region.width - layout.label_part, 1)
        left = slot.x - 1 - layout.label_part
        if left < x:
            x = left
        elif left + slot.width + 2 > x + view_w:
            x = left + slot.width + 2 - view_w
        self.scroll_to(x=max(x, 0), y=y, animate=False)

    # -- editing --------------------------------------------------------------------------
    def start_edit(self, buffer: str | None = None) -> None:
        path = self.cursor_path
        if self.source.cell_locked(path) is not None:
            self.source.commit_cell(path, buffer or "")  # refused: the source says why
            return
        if buffer is None:
            value = self.source.cell_value(path)
            buffer = str(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""
        self.editing = _Edit(path, buffer)
        self.refresh_values()
        self.post_message(self.CursorMoved(self, path))

    def cancel_edit(self) -> None:
        if self.editing is not None:
            self.editing = None
            self.refresh_values()
            self.post_message(self.CursorMoved(self, self.cursor_path))

    def commit(self) -> bool:
        """Store the edit line; False (still editing) if the source refused it."""
        if self.editing is None:
            return True
        edit = self.editing
        refused = self.source.commit_cell(edit.path, edit.buffer)
        if refused is not None:
            self.refresh()
            return False
        self.editing = None
        self.refresh_values()
        return True

    # -- actions ----------------------------------------------------------------------------
    def action_move(self, dx: int, dy: int) -> None:
        if not self.commit():
            return
        rows = self.layout_.rows
        if dy:
            target = self.row + dy
            if not 0 <= target < len(rows):
                return
            # keep the column under the cursor: the cell at the same x on the next row
            x = self.cursor_slot.x
            cells = rows[target].cells
            col = min(range(len(cells)), key=lambda i: abs(cells[i].x - x))
            self._set_cursor(target, col)
        else:
            col = self.col + dx
            if 0 <= col < len(rows[self.row].cells):
                self._set_cursor(self.row, col)
            elif col < 0 and self.row > 0:
                self._set_cursor(self.row - 1, len(rows[self.row - 1].cells) - 1)
            elif col >= len(rows[self.row].cells) and self.row + 1 < len(rows):
                self._set_cursor(self.row + 1, 0)

    def action_row_edge(self, direction: int) -> None:
        if self.commit():
            self._set_cursor(self.row, 0 if direction < 0 else len(self.layout_.rows[self.row].cells) - 1)

    def action_page(self, direction: int) -> None:
        if self.commit():
            step = max(self.scrollable_content_region.height - len(self.layout_.fixed) - 1, 1)
            self._set_cursor(self.row + direction * step, self.col)

    def action_enter(self) -> None:
        if self.editing is None:
            self.start_edit()
        elif self.commit():
            self.action_move(0, 1)

    def action_edit(self) -> None:
        if self.editing is None:
            self.start_edit()

    def action_commit_move(self, direction: int) -> None:
        if self.editing is None:
            raise SkipAction()  # Tab moves the focus when not editing
        if self.commit():
            self.action_move(direction, 0)

    def action_cancel(self) -> None:
        if self.editing is None:
            raise SkipAction()
        self.cancel_edit()

    def action_backspace(self) -> None:
        if self.editing is None:
            self.start_edit("")
        else:
            self.editing.buffer = self.editing.buffer[:-1]
            self.refresh()

    def action_clear(self) -> None:
        if self.editing is None:
            self.start_edit("")
        else:
            self.editing.buffer = ""
            self.refresh()

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if not event.is_printable or char is None:
            return
        if self.editing is None:
            if char in ("?", " "):
                return  # ? is help; a space does nothing
            self.start_edit(char)
        else:
            self.editing.buffer += char
            self.refresh_values()
        event.stop()
        event.prevent_default()

    def action_candidate(self) -> None:
        if self.editing is None:
            self.source.next_candidate(self.cursor_path)

    def block_at_cursor(self, text: str) -> list[tuple[KeyPath, str]] | str:
        """The cells a tab-separated block (copied from Excel or WPS) goes to, from the cursor
        right and down; or why it does not fit."""
        rows = self.layout_.rows
        lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
        out: list[tuple[KeyPath, str]] = []
        for r, line in enumerate(lines):
            values = line.split("\t")
            if self.row + r >= len(rows):
                return t(
                    f"粘贴的 {len(lines)} 行超出表格（从本行起只有 {len(rows) - self.row} 行）",
                    f"the {len(lines)} pasted rows go past the table (only {len(rows) - self.row} rows from here)",
                )
            cells = rows[self.row + r].cells
            if self.col + len(values) > len(cells):
                return t(
                    f"第 {r + 1} 行有 {len(values)} 个值，从本格起只有 {len(cells) - self.col} 格",
                    f"row {r + 1} has {len(values)} values, only {len(cells) - self.col} cells from here",
                )
            out.extend((cells[self.col + c].path, v) for c, v in enumerate(values))
        return out

    def on_paste(self, event: events.Paste) -> None:
        text = event.text.strip()
        if not text:
            return
        if "\t" in text or "\n" in text:  # a row or block from a spreadsheet
            event.stop()
            if not self.commit():
                return
            block = self.block_at_cursor(event.text)
            if isinstance(block, str):
                self.post_message(self.Refused(self, block))  # nothing stored
                return
            if self.source.commit_block(block) is None:
                self.refresh_values()
            return
        if self.editing is None:
            self.start_edit(text)
        else:
            self.editing.buffer += text
            self.refresh_values()
        event.stop()

    def on_blur(self, event: events.Blur) -> None:
        if self.editing is not None and not self.commit():
            self.cancel_edit()

    def on_click(self, event: events.Click) -> None:
        meta = event.style.meta
        if "grid_row" not in meta:
            return
        row, col = int(meta["grid_row"]), int(meta["grid_col"])
        if not self.commit():
            return
        again = (row, col) == (self.row, self.col)
        self._set_cursor(row, col)
        if again or event.chain >= 2:
            self.start_edit()

    # -- drawing ------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"grid--{name}") if name else Style()

    def render_line(self, y: int) -> Strip:
        layout = self.layout_
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y < len(layout.fixed):
            strip = self._static_strip(layout.fixed[y])
        else:
            index = self.scroll_offset.y + y - len(layout.fixed)
            if index >= len(layout.lines):
                return Strip.blank(width, base)
            line = layout.lines[index]
            strip = self._row_strip(line) if line.row is not None else self._static_strip(line)
        scroll_x = self.scroll_offset.x
        if scroll_x:
            frozen = layout.label_part
            strip = Strip.join(
                [strip.crop(0, frozen), strip.crop(frozen + scroll_x, frozen + scroll_x + width)]
            )
        return strip.crop_extend(0, width, base)

    def _static_strip(self, line: GridLine) -> Strip:
        return Strip([Segment(text, self._style(style)) for text, style in line.segs])

    def _row_strip(self, line: GridLine) -> Strip:
        assert line.row is not None
        layout = self.layout_
        row = layout.rows[line.row]
        on_row = line.row == self.row
        segments: list[Segment] = []
        for text, name in line.segs:
            segments.append(Segment(text, self._style("label-cursor" if on_row else name)))
        rule = self._style("rule")
        for c, slot in enumerate(row.cells):
            segments.append(Segment("│", rule))
            shown, style = self._cell(slot, on_row and c == self.col)
            meta = Style.from_meta({"grid_row": line.row, "grid_col": c})
            segments.append(Segment(shown, style + meta))
        segments.append(Segment("│", rule))
        return Strip(segments)

    def _cell(self, slot: CellSlot, cursor: bool) -> tuple[str, Style]:
        width = slot.width
        if self.editing is not None and self.editing.path == slot.path:
            shown = self.editing.buffer + "▏"
            while display_width(shown) > width and len(shown) > 1:
                shown = shown[1:]
            return shown + " " * (width - display_width(shown)), self._style("editing")
        text = self._text(slot.path)
        style = self._style("cell")
        state = self.source.total_state(slot.path)
        if state is not None:
            style += self._style("total")
            if state.mismatch:
                style += self._style("mismatch")
        if text in (BLANK_MARK, "?", MISSING_MARK):
            style += self._style("special")
        if text == LOCKED:
            style += self._style("error")
        severity = self.source.cell_severity(slot.path)
        if severity is Severity.ERROR and not (state is not None and state.mismatch):
            style += self._style("error")
        elif severity is Severity.WARNING:
            style += self._style("warning")
        if cursor:
            style += self._style("cursor")
        pad = max(width - display_width(text), 0)
        return " " * pad + text, style
