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
        Binding("escape", "dismiss('cancel')", "取消"),
        Binding("left", "app.focus_previous", "上一个", show=False),
        Binding("right", "app.focus_next", "下一个", show=False),
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
        "退出",
        f"「{name}」有未保存的修改。",
        [
            ("save", "保存并退出", "primary"),
            ("discard", "不保存，退出", "error"),
            ("cancel", "取消", "default"),
        ],
    )


def disk_changed_dialog(name: str, exists: bool) -> ChoiceDialog:
    if not exists:
        return ChoiceDialog(
            "文件已被删除",
            f"「{name}」在打开后被删除或移走了。要用当前内容重新写入吗？",
            [("overwrite", "重新写入", "primary"), ("cancel", "取消", "default")],
        )
    return ChoiceDialog(
        "文件已在别处修改",
        f"「{name}」在打开后被其他程序修改过。覆盖它会丢失那些修改；重新载入会丢失这里未保存的修改。",
        [
            ("overwrite", "覆盖", "error"),
            ("reload", "重新载入", "primary"),
            ("cancel", "取消", "default"),
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
        Binding("escape,f1,question_mark,q", "dismiss", "关闭帮助"),
    ]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "按键帮助（Esc 关闭；↑↓ 滚动）"
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
        Binding("escape", "cancel", "取消"),
        Binding("ctrl+s", "create", "创建"),
    ]

    def __init__(self, path: Path, *, default_year: int | None = None) -> None:
        super().__init__()
        self.path = path
        self.default_year = default_year or _dt.date.today().year - 1

    def compose(self) -> ComposeResult:
        spec = load_spec(DEFAULT_FORMAT)
        levels = [str(v) for v in spec[spec.preamble_path("level")].schema.get("enum", [])]
        with Vertical() as box:
            box.border_title = "新建年度报告"
            yield Static(f"文件「{self.path.name}」还不存在。填写以下信息后新建：", classes="intro")
            with Horizontal(classes="field"):
                yield Label(spec[spec.preamble_path("year")].title, classes="field-label")
                yield Input(str(self.default_year), compact=True, id="year")
            with Horizontal(classes="field"):
                yield Label(spec[spec.preamble_path("organ")].title, classes="field-label")
                yield Input(placeholder="如：××乡人民政府", compact=True, id="organ")
            with Horizontal(classes="field"):
                yield Label(spec[spec.preamble_path("level")].title, classes="field-label")
                yield Select([(v, v) for v in levels], prompt="（可不选）", compact=True, id="level")
            with Horizontal(classes="field"):
                yield Label("上年报告", classes="field-label")
                yield Input(placeholder="可留空；如 ../2024.toml", compact=True, id="previous")
            yield Static(
                "指定上年报告时，结转机关信息、联系方式、上年结转申请数和现行有效件数，机关名称可不填。",
                classes="note",
            )
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("新建", id="create", variant="primary", compact=True)
                yield Button("取消", id="cancel", compact=True)
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
            error.update("年度应为 2008 到 2100 之间的四位数字")
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
