"""The ``govreport`` command line.

Each command lives in its own module, loaded only when that command runs (click's "lazily
loading subcommands" pattern), and imports what it needs inside the command, so that
``govreport lint`` (run by pre-commit on every commit) starts without loading the other
commands, the TUI or the template engine.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from govreport import __version__
from govreport.cli.lang import BiGroup, BiOption, lang_option
from govreport.i18n import t

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# command name -> "module:attribute", in the order `govreport --help` lists them
COMMANDS = {
    "new": "govreport.cli.new_cmd:new",
    "edit": "govreport.cli.edit_cmd:edit",
    "lint": "govreport.cli.lint_cmd:lint",
    "fmt": "govreport.cli.fmt_cmd:fmt",
    "render": "govreport.cli.render_cmd:render",
    "import": "govreport.cli.import_cmd:import_",
    "check": "govreport.cli.check_cmd:check",
    "sum": "govreport.cli.sum_cmd:sum_",
    "export": "govreport.cli.export_cmd:export",
    "schema": "govreport.cli.schema_cmd:schema",
    "rules": "govreport.cli.rules_cmd:rules",
    "rule": "govreport.cli.rules_cmd:rule",
}


class LazyGroup(BiGroup):
    """A group whose subcommands are imported when they are used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(
    __version__,
    "-V",
    "--version",
    prog_name="govreport",
    message="%(prog)s %(version)s",  # the same in either language
    cls=BiOption,
    help="Show the version and exit.",
    help_zh="显示版本并退出。",
)
@lang_option
def cli(lang: str | None) -> None:
    """政府信息公开工作年度报告工具：新建、检查、编辑、生成和导入年度报告。

    \b
    按 2021 年官方格式：新建（new）、填写（edit）、检查（lint）、整理（fmt）、
    生成（render），或从已发布的报告开始（import）。--lang en 切换为英文（任何命令前后均可）。
    ---
    \b
    The annual report on government information disclosure, in the official
    2021 format: scaffold it (new), fill it in (edit), check it (lint), tidy it
    (fmt), publish it (render), start from a published one (import).
    """


def main() -> None:
    """Entry point: run the CLI and turn an unexpected crash into a one-line message.

    Standard error carries only messages for people: control characters in them (from a
    file name or a value quoted in a message) are shown escaped, never sent to the terminal."""
    from govreport.sanitize import install_on_stderr

    install_on_stderr()
    try:
        cli.main(prog_name="govreport", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo(t("govreport: 已中断", "govreport: interrupted"), err=True)
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - the last line of defence
        if os.environ.get("GOVREPORT_DEBUG"):
            raise
        click.echo(
            t(
                f"govreport: 内部错误：{type(exc).__name__}: {exc}（设置 GOVREPORT_DEBUG=1 查看详情）",
                f"govreport: internal error: {type(exc).__name__}: {exc} (set GOVREPORT_DEBUG=1 for details)",
            ),
            err=True,
        )
        sys.exit(3)
