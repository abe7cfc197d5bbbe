"""``govreport edit``: the application and its main screen."""

from __future__ import annotations

import functools
from collections import deque
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, OptionList, Static

from govreport.format.spec import KeyPath
from govreport.format.totals import TotalState
from govreport.fsutil import describe_os_error
from govreport.i18n import current_lang, t
from govreport.lint.finding import Finding, Severity
from govreport.ops.lint import lint_buffer
from govreport.report.tomledit import Edit
from govreport.tui.dialogs import HelpScreen, NewReportScreen, disk_changed_dialog, quit_dialog
from govreport.tui.grid import TableGrid
from govreport.tui.model import (
    BLANK_MARK,
    DiskChangedError,
    EditSession,
    InputRefused,
    OpenError,
    Target,
)
from govreport.tui.pages import ADD_TABLE_KEY, FieldChanged, NarrativePage, PreamblePage, TablePage
from govreport.tui.widgets import FindingsPanel, SectionList

_HELP, _HELP_TIP = t("帮助", "Help"), t("帮助：列出所有按键", "Help: every key")
COMPACT_BELOW = 30  # terminal lines: below this the page title goes and the info lines shrink
LINT_DELAY = 0.15  # seconds after the last edit before the findings are re-checked

KEY_NAMES = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "enter": "Enter",
    "escape": "Esc",
    "tab": "Tab",
    "backspace": "Backspace",
    "delete": "Delete",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "question_mark": "?",
}


def key_name(key: str) -> str:
    """``ctrl+s`` → ``Ctrl+S``, ``shift+f8`` → ``Shift+F8``, ``up`` → ``↑``."""
    names = []
    for one in key.split(","):
        parts = one.split("+")
        base = KEY_NAMES.get(parts[-1], parts[-1].upper() if len(parts[-1]) <= 3 else parts[-1].title())
        mods = [p.title() for p in parts[:-1]]
        names.append("+".join([*mods, base]))
    return " / ".join(names)


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        height: 1; width: 1fr; padding: 0 1;
        background: $primary-background; color: $text; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """


class MessageLine(Static):
    DEFAULT_CSS = """
    MessageLine {
        height: 1; width: 1fr; padding: 0 1; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis;
        &.-error { color: $text-error; text-style: bold; }
        &.-success { color: $text-success; }
    }
    """


class EditorScreen(Screen[None]):
    """The section list, the page of the selected section, the findings, the messages."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", t("保存", "Save")),
        Binding("ctrl+z", "undo", t("撤销", "Undo")),
        Binding("ctrl+y", "redo", t("重做", "Redo"), show=False),
        Binding(
            "ctrl+t",
            "fill_totals",
            t("填入合计", "Fill totals"),
            tooltip=t(
                "把每个总计填为各项之和（一步，可撤销）",
                "Set every total to the sum of its parts (one step, can be undone)",
            ),
        ),
        Binding(
            "ctrl+b",
            "blanks_to_zero",
            t("空白填 0", "Blanks → 0"),
            show=False,
            tooltip=t(
                "把本表（在章节列表中：全部表格）的空白格填为 0（一步，可撤销）",
                "Fill this table's blank cells with 0 (in the section list: every table's; one step, can be undone)",
            ),
        ),
        Binding(
            ADD_TABLE_KEY.lower(),
            "add_table",
            t("添加可选表格", "Add an optional table"),
            show=False,
            tooltip=t(
                "在本节添加报告尚未填写的可选表格，格内留空待填（可撤销）",
                "Add an optional table the report does not have yet to this section, its cells blank (undoable)",
            ),
        ),
        Binding("f8", "next_finding", t("下个问题", "Next finding")),
        Binding("shift+f8", "previous_finding", t("上个问题", "Previous finding"), show=False),
        Binding("f1", "help", _HELP, tooltip=_HELP_TIP),
        Binding("question_mark", "help", _HELP, show=False, tooltip=_HELP_TIP),
        Binding(
            "escape",
            "focus_sections",
            t("回到章节列表", "Back to the sections"),
            show=False,
            tooltip=t("回到左侧章节列表", "Back to the section list on the left"),
        ),
        Binding("f6", "focus_findings", t("到检查结果", "To the findings"), show=False),
        Binding("f9", "toggle_theme", t("切换深色/浅色", "Dark/light theme"), show=False),
    ]

    DEFAULT_CSS = """
    EditorScreen {
        layout: vertical;
        & #main { height: 1fr; }
        & ContentSwitcher { width: 1fr; height: 1fr; }
        &.-compact CellInfo { max-height: 3; }
        &.-compact PageTitle { display: none; }
    }
    """

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session
        self._severity: dict[KeyPath, Severity] = {}
        self._lint_running = False
        self._lint_pending = False
        self._jumped = False  # F8 has gone to a finding since the findings were shown
        self._lint_timer: Timer | None = None

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        session = self.session
        yield TitleBar(id="titlebar")
        with Horizontal(id="main"):
            yield SectionList(session, id="sections")
            first = session.sections[0]
            with ContentSwitcher(initial=f"page-{first.key}", id="pages"):
                yield self._new_page(first.key)  # the others are built when first shown
        yield FindingsPanel(id="findings")
        yield MessageLine(id="message")
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        """A small terminal (80×24) gets the compact layout: more rows of the table."""
        compact = event.size.height < COMPACT_BELOW
        self.set_class(compact, "-compact")
        self.findings_panel.max_lines = 3 if compact else 5

    def on_mount(self) -> None:
        self.update_title()
        self.query_one(SectionList).focus()
        self.call_after_refresh(self.schedule_lint)  # the first screen first, then the findings

    def _new_page(self, key: str) -> PreamblePage | NarrativePage | TablePage:
        section = next(s for s in self.session.sections if s.key == key)
        pid = f"page-{key}"
        if section.kind == "preamble":
            return PreamblePage(self.session, section, id=pid)
        if section.kind == "narrative":
            return NarrativePage(self.session, section, self, id=pid)
        return TablePage(self.session, section, self, id=pid)

    @property
    def sections(self) -> SectionList:
        return self.query_one(SectionList)

    @property
    def findings_panel(self) -> FindingsPanel:
        return self.query_one(FindingsPanel)

    def page(self, key: str) -> PreamblePage | NarrativePage | TablePage | None:
        """The page of a section, if it has been shown."""
        found = self.query(f"#page-{key}")
        page = found.first() if found else None
        return page if isinstance(page, PreamblePage | NarrativePage | TablePage) else None

    @property
    def current_key(self) -> str:
        current = self.query_one(ContentSwitcher).current or ""
        return current.removeprefix("page-")

    async def show_section(self, key: str) -> PreamblePage | NarrativePage | TablePage:
        switcher = self.query_one(ContentSwitcher)
        page = self.page(key)
        if page is None:
            page = self._new_page(key)
            await switcher.mount(page)
        switcher.current = page.id
        self.sections.select_key(key)
        panel = self.findings_panel
        if panel.findings and self.session.findings_current:
            panel.show_findings(self.session.findings, current=True, section=key)
        if isinstance(page, TablePage):
            page.sync()
        elif isinstance(page, NarrativePage):
            page.sync_tables()
        return page

    def update_title(self) -> None:
        session = self.session
        organ = session.value(session.spec.preamble_path("organ"))
        year = session.value(session.spec.preamble_path("year"))
        organ_text = (
            organ if isinstance(organ, str) and organ else t("（未填机关名称）", "(organ not filled in)")
        )
        year_text = t(f"{year} 年度", f"{year}") if isinstance(year, int) else ""
        parts: list[str | tuple[str, str]] = [(session.name, "bold")]
        if session.dirty:
            parts.append((t("  ● 未保存", "  ● unsaved"), "$text-warning bold"))
        parts.append(f"  │  {organ_text} {year_text}")
        self.query_one(TitleBar).update(Content.assemble(*parts), layout=False)  # fixed size: no re-layout

    def say(self, text: str, kind: str = "info") -> None:
        line = self.query_one(MessageLine)
        if line.has_class(f"-{kind}") and str(line.content) == text:
            return
        line.set_classes(f"-{kind}")
        line.update(text, layout=False)  # one line, always: no re-layout

    # -- the grid's source -------------------------------------------------------------------
    def cell_value(self, path: KeyPath) -> object:
        return self.session.value(path)

    def total_state(self, path: KeyPath) -> TotalState | None:
        return self.session.totals().get(path)

    def cell_severity(self, path: KeyPath) -> Severity | None:
        return self._severity.get(path)

    def cell_locked(self, path: KeyPath) -> str | None:
        return self.session.locked(path)

    def commit_cell(self, path: KeyPath, text: str) -> str | None:
        page = self.page(path[0])
        try:
            edit = self.session.set_cell(path, text)
        except InputRefused as exc:
            if isinstance(page, TablePage | NarrativePage):
                page.refusal = str(exc)
                page.update_info()
            self.say(t(f"未接受：{exc}", f"Not accepted: {exc}"), "error")
            return str(exc)
        self.say("")
        self.changed(edit)
        return None

    def commit_block(self, cells: list[tuple[KeyPath, str]]) -> str | None:
        if not cells:
            return None
        try:
            edit = self.session.set_cells(
                cells, label=t(f"粘贴 {len(cells)} 个格", f"paste {len(cells)} cells")
            )
        except InputRefused as exc:
            self.say(t(f"未接受：{exc}", f"Not accepted: {exc}"), "error")
            return str(exc)
        self.changed(edit)
        self.say(
            t(f"已粘贴 {len(cells)} 个格（Ctrl+Z 撤销）", f"Pasted {len(cells)} cells (Ctrl+Z undoes)"),
            "success",
        )
        return None

    def next_candidate(self, path: KeyPath) -> None:
        options = self.session.candidates(path)
        if not options:
            self.say(t("本格没有导入时的候选值", "This cell has no candidates from the import"), "info")
            return
        current = self.session.value(path)
        pick = options[(options.index(current) + 1) % len(options)] if current in options else options[0]
        edit = self.session.fill_candidate(path, pick)
        self.changed(edit)
        shown = " / ".join(f"[{v}]" if v == pick else str(v) for v in options)
        self.say(
            t(
                f"已填入候选值 {pick}（候选：{shown}；F5 换下一个，Ctrl+Z 撤销；请对照原文核实）",
                f"Filled in the candidate {pick} (candidates: {shown}; F5 the next one, Ctrl+Z undoes; check it against the source)",
            ),
            "success",
        )

    @on(TableGrid.Refused)
    def grid_refused(self, event: TableGrid.Refused) -> None:
        self.say(t(f"未接受：{event.reason}", f"Not accepted: {event.reason}"), "error")

    def action_blanks_to_zero(self) -> None:
        grid = self._editing_grid()
        if grid is not None and not grid.commit():
            return
        key = self.current_key
        section = next((s for s in self.session.sections if s.key == key), None)
        table = (
            key
            if section is not None and section.kind == "table" and self.focused is not self.sections
            else None
        )
        edit = self.session.blanks_to_zero(table)
        where = t(
            f"「{section.short_title}」" if table and section else "全部表格",
            f"“{section.short_title}”" if table and section else "every table",
        )
        if edit is None:
            self.say(t(f"{where}没有空白格", f"{where}: no blank cells"), "success")
            return
        self.changed(edit, sync=True)
        self.say(
            t(
                f"已把{where}的 {len(edit.paths)} 个空白格填为 0（Ctrl+Z 撤销）",
                f"Filled {len(edit.paths)} blank cells of {where} with 0 (Ctrl+Z undoes)",
            ),
            "success",
        )

    # -- changes ------------------------------------------------------------------------------
    def changed(self, edit: Edit | None, *, sync: bool = False) -> None:
        """After an edit: title, totals and section states now, findings soon."""
        if edit is None:
            return
        self.update_title()
        keys = {p[0] for p in edit.paths}
        cells = {
            p for p in edit.paths if self.session.spec.node(p) is not None and self.session.spec[p].cell_kind
        }
        for key in keys:
            page = self.page(key)
            if isinstance(page, TablePage) or (sync and page is not None):
                page.sync()  # a page never shown is built from the current values
            elif isinstance(page, NarrativePage) and any(p[0] == key for p in cells):
                page.sync_tables()  # a cell of a table nested in the section: not its texts
        self.sections.refresh_states()
        self.lint_soon()

    def lint_soon(self) -> None:
        """Lint once the typing pauses (``LINT_DELAY``): a burst of keys is checked once, and a
        keystroke's own work (the value, the totals, the redraw) is not slowed by the check."""
        if self._lint_timer is not None:
            self._lint_timer.stop()
        self._lint_timer = self.set_timer(LINT_DELAY, self.schedule_lint)

    @on(FieldChanged)
    def field_changed(self, event: FieldChanged) -> None:
        section = next(s for s in self.session.sections if s.key == event.path[0])
        try:
            if section.kind == "narrative":
                edit = self.session.set_text(event.path, event.text)
            else:
                edit = self.session.set_field(event.path, event.text)
        except InputRefused as exc:
            event.widget.add_class("-invalid")
            self.say(t(f"未接受：{exc}", f"Not accepted: {exc}"), "error")
            return
        event.widget.remove_class("-invalid")
        self.say("")
        self.changed(edit)

    def on_descendant_focus(self) -> None:
        self.session.editor.seal()  # typing in another place starts a new undo step

    # -- navigation ----------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#sections")
    async def section_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id:
            await self.show_section(event.option_id)

    @on(SectionList.Opened)
    async def section_opened(self, event: SectionList.Opened) -> None:
        page = await self.show_section(event.key)
        self.focus_page(page)

    def focus_page(self, page: PreamblePage | NarrativePage | TablePage) -> None:
        if isinstance(page, TablePage):
            page.grid.focus()
        else:
            focusable = [w for w in page.query("Input, Select, TextArea") if w.focusable]
            if focusable:
                focusable[0].focus()

    def action_focus_sections(self) -> None:
        self.sections.focus()

    def action_focus_findings(self) -> None:
        self.findings_panel.focus()

    @on(OptionList.OptionSelected, "#findings")
    async def finding_selected(self, event: OptionList.OptionSelected) -> None:
        finding = self.findings_panel.finding_at(event.option_index)
        if finding is not None:
            await self.jump(finding)

    @on(OptionList.OptionHighlighted, "#findings")
    def finding_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        finding = self.findings_panel.finding_at(event.option_index)
        if finding is not None and self.findings_panel.has_focus:
            self.say(f"{finding.code} {finding.message}", "info")

    async def action_next_finding(self, step: int = 1) -> None:
        panel = self.findings_panel
        if not panel.findings:
            self.say(t("没有发现问题", "No findings"), "success")
            return
        current = panel.highlighted
        index = 0 if current is None else (current + step) % len(panel.findings)
        if current is not None and not self._jumped:
            index = current  # the first F8 goes to the highlighted finding itself
        self._jumped = True
        panel.highlighted = index
        await self.jump(panel.findings[index])

    async def action_previous_finding(self) -> None:
        await self.action_next_finding(-1)

    async def jump(self, finding: Finding) -> None:
        target = self.session.target(finding)
        self.say(
            f"{finding.code} {finding.message}", "error" if finding.severity is Severity.ERROR else "info"
        )
        if target is not None:
            await self.reveal(target, focus=True)

    async def reveal(self, target: Target, *, focus: bool = False) -> None:
        page = await self.show_section(target.section)
        grid = page.grid_for(target.path) if isinstance(page, TablePage | NarrativePage) else None
        if grid is not None:
            grid.move_to(target.path)
            if focus:
                grid.focus()
        elif target.kind in ("text", "field") and focus and not isinstance(page, TablePage):
            page.focus_path(target.path)
        elif focus:
            self.focus_page(page)

    # -- actions -----------------------------------------------------------------------------
    def _editing_grid(self) -> TableGrid | None:
        focused = self.focused
        return focused if isinstance(focused, TableGrid) and focused.editing is not None else None

    async def action_undo(self) -> None:
        grid = self._editing_grid()
        if grid is not None:
            grid.cancel_edit()
            return
        edit = self.session.editor.undo()
        if edit is None:
            self.say(t("没有可以撤销的修改", "Nothing to undo"))
            return
        self.changed(edit, sync=True)
        await self._reveal_paths(edit.paths)
        self.say(
            t(
                f"已撤销：{edit.label}" if edit.label else "已撤销",
                f"Undone: {edit.label}" if edit.label else "Undone",
            )
        )

    async def action_redo(self) -> None:
        grid = self._editing_grid()
        if grid is not None:
            return
        edit = self.session.editor.redo()
        if edit is None:
            self.say(t("没有可以重做的修改", "Nothing to redo"))
            return
        self.changed(edit, sync=True)
        await self._reveal_paths(edit.paths)
        self.say(
            t(
                f"已重做：{edit.label}" if edit.label else "已重做",
                f"Redone: {edit.label}" if edit.label else "Redone",
            )
        )

    async def _reveal_paths(self, paths: list[KeyPath]) -> None:
        if not paths:
            return
        target = next(
            (t for p in paths if (t := self.session.target_of_path(p)) is not None and t.kind == "cell"), None
        ) or self.session.target_of_path(paths[0])
        if target is not None and target.section == self.current_key:
            await self.reveal(target)

    def action_fill_totals(self) -> None:
        grid = self._editing_grid()
        if grid is not None and not grid.commit():
            return
        edit = self.session.fill_totals()
        if edit is None:
            self.say(
                t("每个总计都已等于各项之和", "Every total already equals the sum of its parts"), "success"
            )
            return
        self.changed(edit, sync=True)
        self.say(
            t(
                f"已填入计算合计：改了 {len(edit.paths)} 个总计（Ctrl+Z 撤销）",
                f"Filled in the computed totals: {len(edit.paths)} totals changed (Ctrl+Z undoes)",
            ),
            "success",
        )

    async def action_add_table(self) -> None:
        """添加可选表格: the optional table of the current section that the file does not hold
        yet is added, its cells blank; the cursor goes to its first cell."""
        key = self.current_key
        tables = self.session.addable_tables(key)
        if not tables:
            elsewhere = self.session.addable_tables()
            if elsewhere:
                where_zh = "、".join(
                    f"「{self.session.spec[tb.section].short_title}」的「{tb.title}」" for tb in elsewhere
                )
                where_en = ", ".join(f"“{tb.title_en}”" for tb in elsewhere)
                self.say(
                    t(
                        f"本节没有可添加的可选表格；可在 {where_zh} 添加",
                        f"this section has no optional table to add; {where_en} can be added in its section",
                    ),
                    "info",
                )
            else:
                self.say(
                    t("没有可添加的可选表格（报告中已有）", "no optional table to add (the report has them)"),
                    "info",
                )
            return
        table = tables[0]
        edit = self.session.add_table(table)
        self.changed(edit, sync=True)
        page = await self.show_section(key)
        if isinstance(page, NarrativePage):
            await page.rebuild()  # the grid now, for the cursor to go into it
        target = self.session.target_of_path(table.cell_paths()[0])
        if target is not None:
            await self.reveal(target, focus=True)
        self.say(
            t(
                f"已添加「{table.title}」：格内留空，请填写（Ctrl+Z 撤销）",
                f"Added “{table.title_en}”: its cells are blank, fill them in (Ctrl+Z undoes)",
            ),
            "success",
        )

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(help_groups()))

    def action_toggle_theme(self) -> None:
        self.app.theme = "textual-light" if self.app.theme == "textual-dark" else "textual-dark"

    def action_save(self) -> None:
        self.save()

    def save(self, *, force: bool = False, then_quit: bool = False) -> None:
        grid = self._editing_grid()
        if grid is not None and not grid.commit():
            return
        try:
            self.session.save(force=force)
        except DiskChangedError:
            self.app.push_screen(
                disk_changed_dialog(self.session.name, self.session.path.exists()),
                lambda answer: self._disk_answer(answer, then_quit),
            )
            return
        except OSError as exc:
            self.say(
                t(
                    f"无法保存：{describe_os_error(exc)}（修改仍在编辑器中，可另行处理后再按 Ctrl+S）",
                    f"Cannot save: {describe_os_error(exc)} (the changes are still in the editor; fix it, then press Ctrl+S)",
                ),
                "error",
            )
            return
        self.update_title()
        self.say(t(f"已保存 {self.session.name}", f"Saved {self.session.name}"), "success")
        if then_quit:
            self.app.exit()

    def _disk_answer(self, answer: str | None, then_quit: bool) -> None:
        if answer == "overwrite":
            self.save(force=True, then_quit=then_quit)
        elif answer == "reload":
            app = self.app
            assert isinstance(app, ReportApp)
            app.reload()
        else:
            self.say(t("未保存：文件已在别处修改", "Not saved: the file was changed elsewhere"), "error")

    # -- findings --------------------------------------------------------------------------------
    def schedule_lint(self) -> None:
        """Check the current text with the lint engine, in a thread; at most one run at a time."""
        self._lint_timer = None
        if self._lint_running:
            self._lint_pending = True
            return
        self._lint_running = True
        self._lint_pending = False
        text, version, name = self.session.text, self.session.editor.version, self.session.name

        def work() -> None:
            try:
                findings = lint_buffer(text, name, current_lang())
            except Exception as exc:  # a bug in a rule must not take the unsaved work with it
                self.app.call_from_thread(self._lint_failed, f"{type(exc).__name__}: {exc}", version)
                return
            self.app.call_from_thread(self._lint_done, findings, version)

        self.run_worker(work, thread=True, group="lint", exit_on_error=False)

    def _lint_failed(self, error: str, version: int) -> None:
        self._lint_running = False
        self.session.findings_version = version
        self.findings_panel.border_title = t("检查结果：检查程序出错", "Findings: the checker failed")
        self.say(
            t(
                f"检查程序出错（修改不受影响，可以保存）：{error}",
                f"The checker failed (your changes are safe and can be saved): {error}",
            ),
            "error",
        )

    def _lint_done(self, findings: list[Finding], version: int) -> None:
        self._lint_running = False
        self.session.set_findings(findings, version)
        self._severity = self.session.severity_by_path()
        current = self.session.findings_current
        self.findings_panel.show_findings(findings, current=current, section=self.current_key)
        self._jumped = False
        self.sections.refresh_states()
        page = self.page(self.current_key)
        if isinstance(page, TablePage):
            page.sync()
        elif isinstance(page, NarrativePage) and page.grids:
            page.sync_tables()  # the cell line under a nested table shows the new findings
        if self._lint_pending or not current:
            self.schedule_lint()

    @property
    def lint_idle(self) -> bool:
        return not self._lint_running and self.session.findings_current


def help_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    def rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
        """One row per description; keys that do the same thing share it."""
        merged: dict[str, list[str]] = {}
        for b in bindings:
            if isinstance(b, Binding):
                merged.setdefault(b.tooltip or b.description, []).append(key_name(b.key))
        return [(" / ".join(keys), what) for what, keys in merged.items()]

    return [
        (
            t("全局", "Everywhere"),
            [
                (
                    "Ctrl+Q",
                    t("退出（有未保存的修改时先询问）", "Quit (asks first when there are unsaved changes)"),
                ),
                *rows(EditorScreen.BINDINGS),
            ],
        ),
        (
            t("表格", "Tables"),
            [
                (
                    t("0–9 . 等", "0–9 . etc."),
                    t("直接输入，开始编辑本格（替换原值）", "Type to edit the cell (replaces its value)"),
                ),
                *rows(TableGrid.BINDINGS),
                (
                    t("鼠标单击 / 再次单击", "Click / click again"),
                    t("选中本格 / 编辑本格", "Select the cell / edit it"),
                ),
            ],
        ),
        (
            t("章节列表", "Section list"),
            [
                ("↑ / ↓", t("选择章节（右侧显示该节）", "Choose a section (shown on the right)")),
                ("Enter / →", t("进入本节编辑", "Edit this section")),
                ("Tab", t("到下一个区域", "To the next area")),
            ],
        ),
        (
            t("文字和基本信息", "Texts and report details"),
            [
                ("Tab / Shift+Tab", t("到下一栏 / 上一栏", "Next field / previous field")),
                (
                    t("Enter（文字栏中）", "Enter (in a text field)"),
                    t("另起一段（每一行是一个段落）", "New paragraph (each line is a paragraph)"),
                ),
                ("Ctrl+Z / Ctrl+Y", t("在文字栏中撤销 / 重做输入", "Undo / redo typing in a text field")),
            ],
        ),
        (
            t("检查结果", "Findings"),
            [("↑ / ↓", t("选择一条", "Choose one")), ("Enter", t("跳到该处", "Go to it"))],
        ),
        (
            t("说明", "Signs"),
            [
                (BLANK_MARK, t("原文此格空白（没有的请填 0）", "blank in the source (write 0 for none)")),
                (
                    "?",
                    t(
                        "导入时未能确定的数，候选值在该格说明中",
                        "a number the import could not determine; its candidates are in the cell's note",
                    ),
                ),
                ("17≠18", t("总计填写 17，各项之和为 18", "the total says 17, its parts add up to 18")),
            ],
        ),
    ]


class KeyDone(Message):
    """Posted right behind a key (or paste) to the widget it went to.  Messages are handled in
    order and bubble in order, so when this reaches the app, the key has been handled wherever
    it went (the widget, its parents, the bindings) and the next key may go out."""

    def __init__(self, serial: int) -> None:
        super().__init__()
        self.serial = serial


KEY_TIMEOUT = 2.0  # seconds: a key whose KeyDone got lost (its widget was removed) frees the next


class ReportApp(App[None]):
    """``govreport edit FILE``.

    Keys are handled one at a time, in order: Textual forwards each key to the focused widget's
    queue at once, and a key that widget does not take itself (an arrow, Enter, Tab: the
    bindings) comes back to the app only after the keys behind it were already forwarded — so a
    burst (a paste, a fast typist over SSH, a slow machine) put ``Up Right 9`` into the cell the
    cursor left.  Here a key goes out only when the one before it is done (:class:`KeyDone`).
    """

    TITLE = "govreport edit"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", t("退出", "Quit"), priority=True),
    ]
    CSS = """
    Screen { background: $surface; }
    """

    def __init__(
        self, path: str | Path, *, session: EditSession | None = None, default_year: int | None = None
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.session = session
        self.default_year = default_year  # for a new report; last calendar year if None
        self.notes: list[str] = []
        self.rescued: Path | None = None  # where unsaved work went when an internal error stopped the app
        self._keys: deque[events.Key | events.Paste] = deque()
        self._key_busy = False
        self._key_serial = 0

    # -- keys in order ------------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self._keys.append(event)
            if not self._key_busy:
                await self._next_key()
            return
        await super().on_event(event)

    async def _next_key(self) -> None:
        while self._keys and not self._key_busy:
            event = self._keys.popleft()
            self._key_busy = True
            self._key_serial += 1
            serial = self._key_serial
            await super().on_event(event)  # priority bindings, else forwarded to the focused widget
            target = self.focused or self.screen
            target.post_message(KeyDone(serial))
            self.set_timer(KEY_TIMEOUT, functools.partial(self._key_finished, serial))

    def _key_finished(self, serial: int) -> None:
        if serial == self._key_serial and self._key_busy:
            self._key_busy = False
            if self._keys:
                self.call_next(self._next_key)

    async def on_key_done(self, message: KeyDone) -> None:
        message.stop()
        self._key_finished(message.serial)
        await self._next_key()

    @classmethod
    def for_file(cls, path: str | Path, *, default_year: int | None = None) -> ReportApp:
        """The app for *path*: opened now if it exists (``OpenError`` if it cannot be), else the
        app asks for what a new report needs."""
        p = Path(path)
        session = EditSession.open(p) if p.exists() else None
        return cls(p, session=session, default_year=default_year)

    def get_key_display(self, binding: Binding) -> str:
        return key_name(binding.key)

    def on_mount(self) -> None:
        if self.session is not None:
            self.push_screen(EditorScreen(self.session))
        else:
            self.push_screen(NewReportScreen(self.path, default_year=self.default_year), self._created)

    def _created(self, result: tuple[EditSession, list[str]] | None) -> None:
        if result is None:
            self.exit(message=t("未新建文件", "No file created"))
            return
        self.session, self.notes = result
        screen = EditorScreen(self.session)
        self.push_screen(screen)
        note = t("；".join(self.notes), "; ".join(self.notes))
        self.call_after_refresh(
            screen.say,
            t(
                f"已新建 {self.session.name}" + (f"（{note}）" if note else ""),
                f"Created {self.session.name}" + (f" ({note})" if note else ""),
            ),
            "success",
        )

    def _handle_exception(self, error: Exception) -> None:
        """An internal error stops the app: first, the unsaved work goes to a file beside it."""
        if self.session is not None and self.rescued is None:
            try:
                self.rescued = self.session.save_aside()
            except Exception:  # never let the rescue hide the error
                self.rescued = None
        super()._handle_exception(error)

    def reload(self) -> None:
        assert self.session is not None
        try:
            self.session.reload()
        except OpenError as exc:
            if isinstance(self.screen, EditorScreen):
                self.screen.say(t(f"无法重新载入：{exc}", f"Cannot reload: {exc}"), "error")
            return
        screen = EditorScreen(self.session)
        self.switch_screen(screen)
        self.call_after_refresh(screen.say, t("已从磁盘重新载入", "Reloaded from the disk"), "success")

    async def action_quit(self) -> None:
        screen = self.screen
        if isinstance(screen, ModalScreen):
            return
        if isinstance(screen, EditorScreen) and self.session is not None and self.session.dirty:
            grid = screen._editing_grid()
            if grid is not None:
                grid.commit()

            def answer(choice: str | None) -> None:
                if choice == "save":
                    screen.save(then_quit=True)
                elif choice == "discard":
                    self.exit()

            self.push_screen(quit_dialog(self.session.name), answer)
            return
        self.exit()
