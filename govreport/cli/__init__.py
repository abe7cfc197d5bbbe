"""The ``govreport`` command line.

Each command lives in its own module and imports what it needs when it runs, so that
``govreport lint`` (run by pre-commit on every commit) starts without loading the TUI or the
template engine.
"""

from __future__ import annotations

import os
import sys

import click

from govreport import __version__
from govreport.cli.edit_cmd import edit
from govreport.cli.fmt_cmd import fmt
from govreport.cli.import_cmd import import_
from govreport.cli.lint_cmd import lint
from govreport.cli.new_cmd import new
from govreport.cli.render_cmd import render
from govreport.cli.rules_cmd import rule, rules
from govreport.cli.schema_cmd import schema

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="govreport")
def cli() -> None:
    """政府信息公开工作年度报告工具：新建、检查、编辑、生成和导入年度报告。

    \b
    The annual report on government information disclosure, in the official
    2021 format: scaffold it (new), check it (lint), print its schema (schema).
    """


cli.add_command(new)
cli.add_command(lint)
cli.add_command(fmt)
cli.add_command(schema)
cli.add_command(rules)
cli.add_command(rule)
cli.add_command(render)
cli.add_command(import_)
cli.add_command(edit)


def main() -> None:
    """Entry point: run the CLI and turn an unexpected crash into a one-line message."""
    try:
        cli.main(prog_name="govreport", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("govreport: 已中断", err=True)
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - the last line of defence
        if os.environ.get("GOVREPORT_DEBUG"):
            raise
        click.echo(
            f"govreport: 内部错误：{type(exc).__name__}: {exc}（设置 GOVREPORT_DEBUG=1 查看详情）", err=True
        )
        sys.exit(3)
