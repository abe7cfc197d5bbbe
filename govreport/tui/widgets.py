"""The section list and the findings panel."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from govreport.i18n import t
from govreport.lint.finding import Finding, Severity
from govreport.report.writer import display_width
from govreport.tui.gridlayout import fit
from govreport.tui.model import EditorSection, EditSession, SectionState

# the columns an entry of the section list has for its text (the list is 19 wide: its border,
# the option's padding and the scroll bar take the rest)
PROMPT_WIDTH = 16


def elide(text: str, width: int) -> str:
    """*text* cut to *width* terminal columns, with "…" when cut (not padded)."""
    return text if display_width(text) <= width else fit(text, width).rstrip(" ")


def section_prompt(section: EditorSection, state: SectionState, width: int = PROMPT_WIDTH) -> Content:
    """Two lines, each kept to one line of the list: the section's short title, then its state
    and its findings (the counts are kept whole; the state's words are cut when they do not fit)."""
    counts: list[tuple[str, str]] = []
    if state.errors:
        counts.append((f" ✗{state.errors}", "$text-error bold"))
    if state.warnings:
        counts.append((f" !{state.warnings}", "$text-warning bold"))
    room = width - 2 - sum(display_width(c) for c, _ in counts)
    parts: list[str | tuple[str, str]] = [(elide(section.short_title, width), "bold"), "\n  "]
    parts.append(
        (elide(state.label, max(room, 1)), "$text-muted" if state.status != "filled" else "$text-success")
    )
    parts.extend(counts)
    return Content.assemble(*parts)


class SectionList(OptionList):
    """The preamble and the six sections, each with its state and number of findings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "open", t("进入本节", "Open the section"), show=False),
    ]

    DEFAULT_CSS = """
    SectionList {
        width: 19;
        height: 1fr;
        border: none;
        border-right: vkey $foreground 20%;
        padding: 0;
        background: $surface;
        scrollbar-size-vertical: 1;
        & > .option-list--option { padding: 0 0 0 1; }
        &:focus { border: none; border-right: vkey $accent; background-tint: transparent; }
    }
    """

    class Opened(Message):
        """Enter or → on a section: go into it."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, session: EditSession, *, id: str | None = None) -> None:
        self.session = session
        self._states = {s.key: session.section_state(s) for s in session.sections}
        options = [Option(section_prompt(s, self._states[s.key]), id=s.key) for s in session.sections]
        super().__init__(*options, id=id)

    def refresh_states(self) -> None:
        """Show each section's state; only the entries whose state changed are redrawn."""
        for section in self.session.sections:
            state = self.session.section_state(section)
            if self._states.get(section.key) != state:
                self._states[section.key] = state
                self.replace_option_prompt(section.key, section_prompt(section, state))

    def action_open(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.Opened(option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.Opened(event.option_id))

    def select_key(self, key: str) -> None:
        index = self.get_option_index(key)
        if self.highlighted != index:
            self.highlighted = index


def finding_prompt(finding: Finding) -> Content:
    if finding.severity is Severity.ERROR:
        mark = ("✗ ", "$text-error bold")
    elif finding.severity is Severity.WARNING:
        mark = ("! ", "$text-warning bold")
    else:
        mark = ("· ", "$text-muted")
    return Content.assemble(mark, (f"{finding.code} ", "bold"), finding.message.replace("\n", " "))


def _section_of(finding: Finding) -> str:
    cause = finding.consequence_of
    if cause is not None and isinstance(cause.get("path"), str):
        return str(cause["path"]).split(".")[0]
    return str(finding.path[0]) if finding.path else ""


class FindingsPanel(OptionList):
    """The findings of the lint engine on the text being edited; Enter jumps to one."""

    DEFAULT_CSS = """
    FindingsPanel {
        height: 5;
        border: none;
        border-top: solid $foreground 20%;
        border-title-align: left;
        border-title-color: $text;
        padding: 0;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        scrollbar-size-vertical: 1;
        &:focus { border: none; border-top: solid $accent; background-tint: transparent; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []
        self.max_lines = 5  # with its border; the compact layout (80×24) takes 3
        self.border_title = t("检查结果：正在检查…", "Findings: checking…")

    def show_findings(
        self, findings: list[Finding], current: bool = True, section: str | None = None
    ) -> None:
        """Show *findings*; those of *section* (the one on screen) first, each group in file order."""
        previous = self.highlighted
        if section is not None:
            findings = sorted(findings, key=lambda f: _section_of(f) != section)  # stable
        self.findings = list(findings)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
        if not findings:
            title = t("检查结果：全部通过 ✓", "Findings: all passed ✓")
        else:
            counts = [t(f"{errors} 个错误", f"{errors} errors")] if errors else []
            counts += [t(f"{warnings} 个警告", f"{warnings} warnings")] if warnings else []
            title = t(
                f"检查结果：{'、'.join(counts) or f'{len(findings)} 条提示'}（Enter 或 F8 跳到该处）",
                f"Findings: {', '.join(counts) or f'{len(findings)} notes'} (Enter or F8 goes there)",
            )
        self.border_title = title if current else title + " …"
        self.styles.height = min(1 + len(findings), self.max_lines) if findings else 1
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options([Option(finding_prompt(f), id=str(i)) for i, f in enumerate(findings)])
            if findings:
                self.highlighted = min(previous or 0, len(findings) - 1)

    def finding_at(self, index: int | None) -> Finding | None:
        if index is None or not 0 <= index < len(self.findings):
            return None
        return self.findings[index]
