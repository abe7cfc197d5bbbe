"""Dialogs: a new report, unsaved changes, a file changed on disk, the list of keys."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from govreport.format.spec import DEFAULT_FORMAT, load_spec
from govreport.i18n import current_lang, t
from govreport.tui.model import EditSession, OpenError

DIALOG_CSS = """
    align: center middle;
    & > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    & .question { margin-bottom: 1; width: 1fr; }
    & Horizontal { height: auto; align-horizontal: center; }
    & Button { margin: 0 1; min-width: 10; }
"""


class ChoiceDialog(ModalScreen[str]):
    """A question with buttons; each button's id is the answer, Esc answers "cancel"."""

    DEFAULT_CSS = "ChoiceDialog {" + DIALOG_CSS + "}"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss('cancel')", t("取消", "Cancel")),
        Binding("left", "app.focus_previous", t("上一个", "Previous"), show=False),
        Binding("right", "app.focus_next", t("下一个", "Next"), show=False),
    ]

    def __init__(self, title: str, question: str, choices: Iterable[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.choices = list(choices)  # (answer, label, variant)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            yield Static(self.question, classes="question")
            with Horizontal():
                for answer, label, variant in self.choices:
                    yield Button(label, id=answer, variant=variant, compact=True)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "cancel")


def quit_dialog(name: str) -> ChoiceDialog:
    return ChoiceDialog(
        t("退出", "Quit"),
        t(f"「{name}」有未保存的修改。", f"“{name}” has unsaved changes."),
        [
            ("save", t("保存并退出", "Save and quit"), "primary"),
            ("discard", t("不保存，退出", "Quit without saving"), "error"),
            ("cancel", t("取消", "Cancel"), "default"),
        ],
    )


def disk_changed_dialog(name: str, exists: bool) -> ChoiceDialog:
    if not exists:
        return ChoiceDialog(
            t("文件已被删除", "The file was deleted"),
            t(
                f"「{name}」在打开后被删除或移走了。要用当前内容重新写入吗？",
                f"“{name}” was deleted or moved after it was opened. Write it again with the current content?",
            ),
            [
                ("overwrite", t("重新写入", "Write again"), "primary"),
                ("cancel", t("取消", "Cancel"), "default"),
            ],
        )
    return ChoiceDialog(
        t("文件已在别处修改", "The file was changed elsewhere"),
        t(
            f"「{name}」在打开后被其他程序修改过。覆盖它会丢失那些修改；重新载入会丢失这里未保存的修改。",
            f"Another program changed “{name}” after it was opened. Overwriting loses those changes; reloading loses the unsaved changes here.",
        ),
        [
            ("overwrite", t("覆盖", "Overwrite"), "error"),
            ("reload", t("重新载入", "Reload"), "primary"),
            ("cancel", t("取消", "Cancel"), "default"),
        ],
    )


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by where it works."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 76;
            max-width: 100%;
            height: 1fr;
            max-height: 100%;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        & .group { text-style: bold; color: $text-primary; margin-top: 1; }
        & .row { height: auto; }
        & .key { width: 22; color: $text-accent; text-style: bold; }
        & .what { width: 1fr; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss", t("关闭帮助", "Close help")),
    ]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = t("按键帮助（Esc 关闭；↑↓ 滚动）", "Keys (Esc closes; ↑↓ scroll)")
            for title, rows in self.groups:
                yield Label(title, classes="group")
                for keys, what in rows:
                    with Horizontal(classes="row"):
                        yield Label(keys, classes="key")
                        yield Label(what, classes="what")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


class NewReportScreen(Screen[tuple[EditSession, list[str]] | None]):
    """The file does not exist: ask for the year and the organ, then create it as
    ``govreport new`` does."""

    DEFAULT_CSS = """
    NewReportScreen {
        align: center middle;
        & > Vertical {
            width: 72; max-width: 100%; height: auto; max-height: 100%;
            border: thick $primary; background: $surface; padding: 1 2;
        }
        & .intro { margin-bottom: 1; }
        & .field { height: 1; margin-bottom: 1; }
        & .field-label { width: 12; color: $text-muted; }
        & Input, & Select { width: 1fr; }
        & .note { color: $text-muted; margin-bottom: 1; }
        & #error { color: $text-error; height: auto; }
        & Horizontal.buttons { height: auto; align-horizontal: center; margin-top: 1; }
        & Button { margin: 0 1; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", t("取消", "Cancel")),
        Binding("ctrl+s", "create", t("创建", "Create")),
    ]

    def __init__(self, path: Path, *, default_year: int | None = None) -> None:
        super().__init__()
        self.path = path
        self.default_year = default_year or _dt.date.today().year - 1

    def compose(self) -> ComposeResult:
        spec = load_spec(DEFAULT_FORMAT)
        levels = [str(v) for v in spec[spec.preamble_path("level")].schema.get("enum", [])]
        with Vertical() as box:
            box.border_title = t("新建年度报告", "New annual report")
            yield Static(
                t(
                    f"文件「{self.path.name}」还不存在。填写以下信息后新建：",
                    f"The file “{self.path.name}” does not exist yet. Fill in the following to create it:",
                ),
                classes="intro",
            )
            with Horizontal(classes="field"):
                yield Label(spec[spec.preamble_path("year")].label(current_lang()), classes="field-label")
                yield Input(str(self.default_year), compact=True, id="year")
            with Horizontal(classes="field"):
                yield Label(spec[spec.preamble_path("organ")].label(current_lang()), classes="field-label")
                yield Input(placeholder=t("如：××乡人民政府", "e.g. ××乡人民政府"), compact=True, id="organ")
            with Horizontal(classes="field"):
                yield Label(spec[spec.preamble_path("level")].label(current_lang()), classes="field-label")
                yield Select(
                    [(v, v) for v in levels], prompt=t("（可不选）", "(optional)"), compact=True, id="level"
                )
            with Horizontal(classes="field"):
                yield Label(t("上年报告", "Last year's report"), classes="field-label")
                yield Input(
                    placeholder=t("可留空；如 ../2024.toml", "optional; e.g. ../2024.toml"),
                    compact=True,
                    id="previous",
                )
            yield Static(
                t(
                    "指定上年报告时，结转机关信息、联系方式、上年结转申请数和现行有效件数，机关名称可不填。",
                    "With last year's report, the organ, the contact, the applications carried over and the documents in force are carried over; the organ may then be left empty.",
                ),
                classes="note",
            )
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button(t("新建", "Create"), id="create", variant="primary", compact=True)
                yield Button(t("取消", "Cancel"), id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#organ", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_create(self) -> None:
        error = self.query_one("#error", Static)
        year_text = self.query_one("#year", Input).value.strip()
        if not year_text.isdigit() or not 2008 <= int(year_text) <= 2100:
            error.update(
                t("年度应为 2008 到 2100 之间的四位数字", "The year must be four digits from 2008 to 2100")
            )
            self.query_one("#year", Input).focus()
            return
        organ = self.query_one("#organ", Input).value.strip()
        level_value = self.query_one("#level", Select).value
        level = None if level_value is Select.NULL else str(level_value)
        previous = self.query_one("#previous", Input).value.strip() or None
        try:
            session, notes = EditSession.create(
                self.path, year=int(year_text), organ=organ or None, level=level, previous=previous
            )
        except OpenError as exc:
            error.update(str(exc))
            return
        self.dismiss((session, notes))
