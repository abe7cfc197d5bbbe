"""The language of the command line: Chinese by default, English with ``--lang en``.

``--lang`` is accepted by every command and by ``govreport`` itself (``govreport --lang en
rules``), and read from ``GOVREPORT_LANG``; the command's own option wins over the global one,
which wins over the environment (then a configuration file's ``lang``, where a command has one).

``--help`` follows the same choice: a command's help text is written Chinese first, then a line
``---``, then English; an option's help is English with its Chinese in ``help_zh``
(:class:`BiOption`).  :class:`BiCommand` shows the one asked for.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from govreport import i18n
from govreport.cli import clicktext
from govreport.i18n import LANGS

_SEPARATOR = re.compile(r"\n[ \t]*---[ \t]*\n")
HELP_ZH = "显示本帮助并退出。"
META_KEY = "govreport.lang"
F = TypeVar("F", bound=Callable[..., Any])


def _remember(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return value
    source = ctx.get_parameter_source(param.name) if param.name else None
    if source is click.core.ParameterSource.ENVIRONMENT and META_KEY in ctx.meta:
        return value  # `govreport --lang en lint` with GOVREPORT_LANG set: the option wins
    ctx.meta[META_KEY] = value  # meta is shared by the whole command chain
    i18n.set_lang(value)  # and the messages below the command line follow it
    return value


def set_lang(lang: str | None) -> None:
    """Use *lang* for the rest of the command (a configuration file's ``lang``, when the
    command line did not choose)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and lang in LANGS:
        ctx.meta[META_KEY] = lang
    i18n.set_lang(lang)


def lang_from_argv(args: list[str]) -> str | None:
    """``--lang X`` or ``--lang=X`` in the arguments (before ``--``), the last one winning, so
    that click's own errors, found before any option is handled, are in that language."""
    found: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found if found in LANGS else None


def chosen_lang(ctx: click.Context | None = None, explicit: str | None = None) -> str | None:
    """The language asked for: *explicit*, else ``--lang`` given to this command or to
    ``govreport``, else ``GOVREPORT_LANG``; None when nothing was asked for."""
    if explicit in LANGS:
        return explicit
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is not None:
        value = ctx.meta.get(META_KEY)
        if value in LANGS:
            return str(value)
    return i18n.recorded_lang()


def current_lang(explicit: str | None = None) -> str:
    return chosen_lang(None, explicit) or "zh"


def lang_option(f: F) -> F:
    """``--lang zh|en`` (and ``GOVREPORT_LANG``), read before ``--help`` so that
    ``--lang en --help`` is in English."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        envvar="GOVREPORT_LANG",
        is_eager=True,
        expose_value=True,
        callback=_remember,
        cls=BiOption,
        help="Language of messages and help (env GOVREPORT_LANG).  [default: zh]",
        help_zh="信息和帮助的语言（环境变量 GOVREPORT_LANG）。[默认：zh 中文]",
    )(f)


class BiOption(click.Option):
    """An option with its help in English (``help``) and Chinese (``help_zh``)."""

    def __init__(self, *args: Any, help_zh: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_zh = help_zh


def split_help(text: str | None) -> tuple[str, str]:
    """A help text written Chinese, ``---``, English, as its two parts."""
    if not text:
        return "", ""
    parts = _SEPARATOR.split(inspect.cleandoc(text), maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    # no "---": the first paragraph is the Chinese summary, the rest the English text
    head, _, rest = inspect.cleandoc(text).partition("\n\n")
    return head.strip(), (rest.strip() or head.strip())


class BiFormatter(click.HelpFormatter):
    """click's help layout, with a full-width colon after the headings in Chinese."""

    def write_heading(self, heading: str) -> None:
        if i18n.current_lang() == "en":
            super().write_heading(heading)
        else:
            self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and i18n.current_lang() != "en":
            prefix = clicktext.translate("Usage:")  # "用法：", no space after a full-width colon
        super().write_usage(prog, args, prefix)


class BiContext(click.Context):
    formatter_class = BiFormatter


class _Bilingual:
    """Help in the language asked for (Chinese unless English was asked for)."""

    context_class: type[click.Context] = BiContext

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        """Run the command in the language its arguments ask for: ``--lang`` is looked for in
        them before click parses them, so that click's own errors follow it too."""
        argv = list(args) if args is not None else sys.argv[1:]
        clicktext.install()
        i18n.set_lang(lang_from_argv(argv))
        try:
            return super().main(args, *rest, **kwargs)  # type: ignore[misc]
        finally:
            i18n.set_lang(None)

    def _pick(self, ctx: click.Context) -> str:
        return chosen_lang(ctx) or "zh"

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = self._pick(ctx)
        command: Any = self
        saved = command.help
        zh, en = split_help(saved)
        command.help = en if lang == "en" else zh
        swapped: list[tuple[click.Option, str | None]] = []
        for param in command.get_params(ctx):
            if lang == "en" or not isinstance(param, click.Option):
                continue
            if isinstance(param, BiOption) and param.help_zh:
                swapped.append((param, param.help))
                param.help = param.help_zh

        try:
            super().format_help(ctx, formatter)  # type: ignore[misc]
        finally:
            command.help = saved
            for param, text in swapped:
                param.help = text

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Show this message and exit." if self._pick(ctx) == "en" else HELP_ZH
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        command: Any = self
        saved = command.help
        zh, en = split_help(saved)
        command.help = en if (chosen_lang() or "zh") == "en" else zh
        try:
            return str(super().get_short_help_str(limit))  # type: ignore[misc]
        finally:
            command.help = saved


class BiCommand(_Bilingual, click.Command):
    """A command whose ``--help`` is Chinese by default and English with ``--lang en``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context_settings.setdefault("help_option_names", ["-h", "--help"])


class BiGroup(_Bilingual, click.Group):
    """The ``govreport`` group, bilingual like its commands."""
