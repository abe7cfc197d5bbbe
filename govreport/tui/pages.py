"""The pages of the editor: the preamble form, the narrative texts, the tables."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from govreport.format.spec import FormatSpec, KeyPath, Node
from govreport.format.totals import TotalState
from govreport.format.values import CellState, cell_state, is_placeholder, show_number
from govreport.i18n import current_lang, t
from govreport.lint.finding import Severity
from govreport.report.tomledit import MISSING
from govreport.report.writer import display_width
from govreport.tui.grid import GridSource, TableGrid
from govreport.tui.model import (
    EditorSection,
    EditSession,
    cell_text,
    finding_path,
    form_fields,
    optional_text,
    text_of,
)

ADD_TABLE_KEY = "Ctrl+O"  # the key of the editor's 添加可选表格 (app.py binds it)


def widget_id(prefix: str, path: KeyPath) -> str:
    return prefix + "-" + "-".join(path)


def shown_text(spec: FormatSpec, value: object) -> str:
    """What an input shows for a stored value: a placeholder shows as empty (its guidance
    is the input's grey hint), a date as 2024-12-31."""
    if value is MISSING or value is None or is_placeholder(value, spec.placeholder_marker):
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return text_of(value)
    return str(value)


def guidance(spec: FormatSpec, value: object, node: Node) -> str:
    if is_placeholder(value, spec.placeholder_marker):
        return str(value).strip().removeprefix(spec.placeholder_marker).lstrip("：:").removesuffix("】")
    return str(node.schema.get("description", ""))


class PageTitle(Static):
    DEFAULT_CSS = """
    PageTitle { height: 1; padding: 0 1; text-style: bold; color: $text-primary; width: 1fr; }
    """


class FieldChanged(Message):
    """A preamble field or a narrative text was edited by the user."""

    def __init__(self, path: KeyPath, text: str, widget: Widget) -> None:
        super().__init__()
        self.path = path
        self.text = text
        self.widget = widget


class _FieldsPage(VerticalScroll):
    """A page of one section's fields (the preamble form, a narrative's text boxes)."""

    def __init__(self, session: EditSession, section: EditorSection, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.section = section
        self.paths: dict[str, KeyPath] = {}


class PreamblePage(_FieldsPage):
    """基本信息: organ, year, level, statistics period, website, contact."""

    DEFAULT_CSS = """
    PreamblePage {
        height: 1fr;
        scrollbar-size-vertical: 1;
        & .field { height: 1; }
        & .field-label { width: 16; padding: 0 1; color: $text-muted; }
        & Input, & Select { width: 1fr; margin-right: 1; background: $boost; }
        & Input:focus { background: $primary-muted; }
        & .group-label { padding: 0 1; color: $text-primary; text-style: bold; }
        & Input.-invalid { background: $error-muted; }
        & .hint { padding: 0 1; color: $text-muted; height: auto; }
    }
    """

    def compose(self) -> ComposeResult:
        spec = self.session.spec
        yield PageTitle(self.section.title)
        group = self.section.node
        for node in form_fields(self.section.node):
            if node.parent is not None and node.parent is not group:
                group = node.parent
                yield Label(group.label(current_lang()), classes="group-label")
            value = self.session.value(node.path)
            wid = widget_id("field", node.path)
            self.paths[wid] = node.path
            with Horizontal(classes="field"):
                yield Label(node.label(current_lang()), classes="field-label")
                enum = node.schema.get("enum")
                if enum:
                    current = value if isinstance(value, str) and value in enum else Select.NULL
                    yield Select(
                        [(str(v), str(v)) for v in enum],
                        value=current,
                        prompt=t("（请选择）", "(choose)"),
                        compact=True,
                        id=wid,
                    )
                else:
                    locked = self.session.locked(node.path)
                    yield Input(
                        shown_text(spec, value),
                        placeholder=locked or guidance(spec, value, node),
                        compact=True,
                        id=wid,
                        disabled=locked is not None,
                        classes="-locked" if locked else "",
                    )
        yield Static(
            t(
                "日期写作 2024-12-31；邮编为 6 位数字。改动即时记录，Ctrl+S 保存到文件。",
                "Dates as 2024-12-31; the postcode has 6 digits. Changes are kept as you type; Ctrl+S saves the file.",
            ),
            classes="hint",
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        path = self.paths.get(event.input.id or "")
        if path is None:
            return
        event.stop()
        if event.value == shown_text(self.session.spec, self.session.value(path)):
            event.input.remove_class("-invalid")
            return
        self.post_message(FieldChanged(path, event.value, event.input))

    def on_select_changed(self, event: Select.Changed) -> None:
        path = self.paths.get(event.select.id or "")
        if path is None:
            return
        event.stop()
        value = "" if event.value is Select.NULL else str(event.value)
        if value == shown_text(self.session.spec, self.session.value(path)):
            return
        self.post_message(FieldChanged(path, value, event.select))

    def sync(self) -> None:
        """Show the stored values again (after undo, redo or a reload)."""
        spec = self.session.spec
        for wid, path in self.paths.items():
            widget = self.query_one(f"#{wid}")
            value = self.session.value(path)
            if isinstance(widget, Input):
                shown = shown_text(spec, value)
                if widget.value != shown:
                    with widget.prevent(Input.Changed):
                        widget.value = shown
                widget.remove_class("-invalid")
            elif isinstance(widget, Select):
                wanted: Any = value if isinstance(value, str) and value else Select.NULL
                if widget.value != wanted:
                    with widget.prevent(Select.Changed):
                        widget.value = wanted

    def focus_path(self, path: KeyPath) -> None:
        wid = widget_id("field", path)
        if wid in self.paths:
            widget = self.query_one(f"#{wid}")
            widget.focus()
            self.scroll_to_widget(widget, animate=False)


if TYPE_CHECKING:
    _PageBase = Widget
else:
    _PageBase = object  # a plain mixin: the page's own container class keeps its styles


class _GridHost(_PageBase):
    """A page with one or more table grids and the cell information line under them."""

    session: EditSession
    source: GridSource
    refusal: str | None
    _active: TableGrid | None = None

    @property
    def grids(self) -> list[TableGrid]:
        return list(self.query(TableGrid))

    @property
    def grid(self) -> TableGrid:
        """The grid the cursor was last moved in (the first one before that)."""
        grids = self.grids
        return self._active if self._active in grids and self._active is not None else grids[0]

    def on_table_grid_cursor_moved(self, event: TableGrid.CursorMoved) -> None:
        self._active = event.grid
        self.refusal = None
        self.update_info()

    def grid_for(self, path: KeyPath) -> TableGrid | None:
        """The grid showing the cell at *path*."""
        return next((g for g in self.grids if path in g.table.cell_paths()), None)

    def update_info(self) -> None:
        if not self.grids:
            return  # a message from a grid taken away since (an added table undone)
        grid = self.grid
        path = grid.cursor_path
        spec = self.session.spec
        row_zh, col_zh, row_en, col_en = spec.cell_labels.get(path, ("", "", "", ""))
        if current_lang() == "en":
            row_zh, col_zh = row_en, col_en
        where = Content.assemble((f"{row_zh} · " if row_zh else "", "$text bold"), (col_zh, "$text bold"))
        detail: list[str | tuple[str, str]] = []
        value = self.session.value(path)
        state = self.source.total_state(path)
        locked = self.session.locked(path)
        if self.refusal:
            detail.append((t(f"未接受：{self.refusal}", f"Not accepted: {self.refusal}"), "$text-error bold"))
        elif locked is not None:
            detail.append((locked, "$text-error bold"))
        elif grid.editing is not None:
            detail.append(
                (
                    t(
                        "正在编辑：Enter 确认并下移，Tab 确认并右移，Esc 取消",
                        "Editing: Enter confirms and goes down, Tab confirms and goes right, Esc cancels",
                    ),
                    "$text-accent",
                )
            )
        elif state is not None:
            detail.extend(_total_detail(spec, state))
        elif cell_state(value) is CellState.BLANK:
            detail.append(
                (
                    t("空白（原文此格未填）：没有的请填 0", "Blank (empty in the source): write 0 for none"),
                    "$text-warning",
                )
            )
        elif cell_state(value) is CellState.UNRESOLVED:
            comment = self.session.editor.comment(path)
            options = self.session.candidates(path)
            pick = t(
                f"；F5 填入候选值 {options[0]}" if options else "",
                f"; F5 fills in the candidate {options[0]}" if options else "",
            )
            detail.append(
                (
                    t(
                        f"导入时未能确定（{comment or '请对照原文填写'}）{pick}",
                        f"Not determined by the import ({comment or 'fill it in from the source'}){pick}",
                    ),
                    "$text-warning",
                )
            )
        elif value is MISSING:
            detail.append(
                (
                    t(
                        "文件中缺少此格：输入数字即可补上",
                        "This cell is missing from the file: type a number to add it",
                    ),
                    "$text-warning",
                )
            )
        else:
            node = spec.node(path)
            kind = node.cell_kind if node else "count"
            unit = (node.unit if node is not None else None) or "万元"
            unit_en = (node.unit_en if node is not None else None) or "10,000 yuan"
            detail.append(
                t(
                    f"金额（{unit}），可有小数" if kind == "amount" else "件数：非负整数，没有的填 0",
                    f"Amount ({unit_en}), may have decimals"
                    if kind == "amount"
                    else "Count: a whole number ≥ 0, 0 for none",
                )
            )
        findings = [f for f in self.session.findings if finding_path(f) == path]
        findings = [f for f in findings if f.code != "I1"]  # said above, with the candidates
        for finding in findings[:1]:
            if state is None or not state.mismatch:
                style = "$text-error" if finding.severity is Severity.ERROR else "$text-warning"
                lines = 2 if self.screen.has_class("-compact") else 5
                text = f"{finding.code}\u00a0{finding.message}"
                width = self.query_one(CellInfo).size.width - 2
                if width >= 20:  # laid out (else shown whole; fitted again on resize)
                    text = fit_sentences(text, width, lines)
                detail = [(text, style)]
        info = self.query_one(CellInfo)
        info.update(Content.assemble(where, "\n", *detail), layout=False)  # a fixed height: no re-layout


class NarrativePage(_GridHost, _FieldsPage):
    """A narrative section: one text editor per official sub-head, one paragraph per line; a
    table nested in the section (六's optional table) as a grid below the texts, or, while the
    file does not hold it, a line saying how to add it."""

    DEFAULT_CSS = """
    NarrativePage {
        height: 1fr;
        scrollbar-size-vertical: 1;
        & .text-label { padding: 0 1; color: $text-primary; text-style: bold; margin-top: 1; }
        & .hint { padding: 0 1; color: $text-muted; }
        & .locked { padding: 0 1; color: $text-error; text-style: bold; }
        & TextArea { height: auto; min-height: 3; max-height: 12; margin: 0 1 0 0; border: none; padding: 0 1 0 0; }
        & TextArea:focus { border: none; background: $boost; }
        & TableGrid { height: auto; max-height: 12; margin: 0 1 0 0; }
        & .table-absent { padding: 0 1; color: $text-muted; margin-top: 1; }
    }
    """

    def __init__(
        self, session: EditSession, section: EditorSection, source: GridSource, *, id: str | None = None
    ) -> None:
        super().__init__(session, section, id=id)
        self.source = source
        self.refusal: str | None = None
        self._present = self._tables_present()

    def _tables_present(self) -> tuple[bool, ...]:
        return tuple(self.session.has_table(t) for t in self.session.nested_tables(self.section.key))

    def compose(self) -> ComposeResult:
        spec = self.session.spec
        yield PageTitle(self.section.title)
        yield Static(
            t(
                "每一行是一个段落。Tab 到下一栏，Esc 回到章节列表。",
                "Each line is a paragraph. Tab goes to the next field, Esc back to the section list.",
            ),
            classes="hint",
        )
        fields = [f for f in self.section.node.children.values() if f.is_text]  # not a nested table
        for node in fields:
            value = self.session.value(node.path)
            wid = widget_id("text", node.path)
            self.paths[wid] = node.path
            if len(fields) > 1:
                title = node.label(current_lang()) + (
                    t("（可不写）", " (optional)") if optional_text(node) else ""
                )
                yield Label(title, classes="text-label")
            locked = self.session.locked(node.path)
            if locked is not None:
                yield Static(locked, classes="locked")
            yield TextArea(
                shown_text(spec, value),
                soft_wrap=True,
                show_line_numbers=True,  # a number per paragraph: each line is one
                placeholder=guidance(spec, value, node),
                id=wid,
                read_only=locked is not None,
            )
        yield from self._compose_tables()

    def _compose_tables(self) -> ComposeResult:
        shown = False
        for table in self.session.nested_tables(self.section.key):
            title = t(table.title, table.title_en) + (t("（可选）", " (optional)") if table.optional else "")
            if not self.session.has_table(table):
                yield Static(
                    t(
                        f"{title}：本报告未填写；按 {ADD_TABLE_KEY} 添加",
                        f"{title}: not in this report; press {ADD_TABLE_KEY} to add it",
                    ),
                    classes="table-absent",
                )
                continue
            yield Label(title, classes="text-label")
            yield TableGrid(table, self.source, id=widget_id("grid", table.path))
            shown = True
        if shown:
            yield CellInfo(id=widget_id("info", (self.section.key,)))

    def on_mount(self) -> None:
        self.update_info()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        path = self.paths.get(event.text_area.id or "")
        if path is None:
            return
        event.stop()
        if event.text_area.text == shown_text(self.session.spec, self.session.value(path)):
            return
        self.post_message(FieldChanged(path, event.text_area.text, event.text_area))

    def sync(self) -> None:
        for wid, path in self.paths.items():
            area = self.query_one(f"#{wid}", TextArea)
            shown = shown_text(self.session.spec, self.session.value(path))
            if area.text != shown:
                with area.prevent(TextArea.Changed):
                    area.load_text(shown)
        self.sync_tables()

    def sync_tables(self) -> None:
        """Show the nested tables' values again; a table added or taken away (undo) is built
        again or replaced by its line."""
        if self._tables_present() != self._present:
            self.call_later(self.rebuild)
            return
        for grid in self.grids:
            grid.refresh_values()
        self.update_info()

    async def rebuild(self) -> None:
        """Build the page again if a nested table was added or taken away since it was built."""
        present = self._tables_present()
        if present != self._present:
            self._present = present
            await self.recompose()
            self.update_info()

    def focus_path(self, path: KeyPath, line: int | None = None) -> None:
        wid = widget_id("text", path)
        if wid in self.paths:
            area = self.query_one(f"#{wid}", TextArea)
            area.focus()
            self.scroll_to_widget(area, animate=False)


class CellInfo(Static):
    """Under the grid: the full label of the cell under the cursor and what is known about it."""

    def on_resize(self) -> None:
        page = self.parent
        if isinstance(page, TablePage | NarrativePage):
            page.update_info()

    DEFAULT_CSS = """
    CellInfo { height: auto; min-height: 2; max-height: 6; padding: 0 1; color: $text-muted; background: $boost; }
    """


class TablePage(_GridHost, Vertical):
    """One of tables 二, 三, 四 with the cell information line."""

    DEFAULT_CSS = """
    TablePage { height: 1fr; }
    """

    def __init__(
        self, session: EditSession, section: EditorSection, source: GridSource, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.session = session
        self.section = section
        self.source = source
        self.refusal: str | None = None

    def compose(self) -> ComposeResult:
        yield PageTitle(self.section.title)
        yield TableGrid(self.session.spec.table(self.section.key), self.source, id=f"grid-{self.section.key}")
        yield CellInfo(id=f"info-{self.section.key}")

    def on_mount(self) -> None:
        self.update_info()

    def sync(self) -> None:
        self.grid.refresh_values()
        self.update_info()


_CLAUSE_END = "。；！？，：)）」;,:!?"


def fit_sentences(text: str, width: int, lines: int) -> str:
    """*text* if it fits in *lines* lines of *width* columns; else cut after the last clause
    that fits (never in the middle of a sentence's words), with t("…（F8 看全文）", "… (F8: all of it)")."""
    budget = width * lines
    if display_width(text) <= budget:
        return text
    tail = t("…（F8 看全文）", "… (F8: all of it)")
    room = budget - display_width(tail)
    cut, used = 0, 0
    for i, ch in enumerate(text):
        used += display_width(ch)
        if used > room:
            break
        if ch in _CLAUSE_END:
            cut = i + 1
    return (text[:cut] if cut else text[: max(room // 2, 1)]) + tail


def _total_detail(spec: FormatSpec, state: TotalState) -> list[str | tuple[str, str]]:
    entered = state.entered
    blank = cell_state(entered) is CellState.BLANK
    shown = t("空白", "blank") if blank else cell_text(entered)
    if state.computed is None:
        return [
            t(
                f"总计：填写 {shown}；有待定或无效的数，无法计算",
                f"Total: {shown} entered; a part is unresolved or invalid, so no sum",
            )
        ]
    computed = show_number(state.computed)
    if state.mismatch:
        return [
            (
                t(
                    f"总计：填写 {shown}，各项之和为 {computed}，不一致（Ctrl+T 填入计算合计）",
                    f"Total: {shown} entered, the parts add up to {computed}: they differ (Ctrl+T fills in the sum)",
                ),
                "$text-error bold",
            )
        ]
    if blank:
        return [
            (
                t(
                    f"总计：空白，各项之和为 {computed}（Ctrl+T 填入计算合计）",
                    f"Total: blank, the parts add up to {computed} (Ctrl+T fills in the sum)",
                ),
                "$text-warning",
            )
        ]
    return [
        (
            t(
                f"总计：填写 {shown}，与各项之和 {computed} 一致 ✓",
                f"Total: {shown} entered, equal to the sum of the parts {computed} ✓",
            ),
            "$text-success",
        )
    ]
