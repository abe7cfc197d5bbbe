"""Options several commands share, written once: ``-o/--output`` and ``--force``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from govreport.cli.lang import BiOption, F

OUTPUT_HELP = "File to write ('-' for standard output).  [default: standard output]"
OUTPUT_HELP_ZH = "写入的文件（'-' 为标准输出）。[默认：标准输出]"


def output_option(help: str = OUTPUT_HELP, help_zh: str = OUTPUT_HELP_ZH, **kwargs: Any) -> Callable[[F], F]:
    """``-o/--output FILE``, with its help in English and Chinese."""

    def decorate(f: F) -> F:
        return click.option("-o", "--output", cls=BiOption, help=help, help_zh=help_zh, **kwargs)(f)

    return decorate


def force_option(f: F) -> F:
    """``--force``: replace the output file if it exists."""
    return click.option(
        "--force",
        is_flag=True,
        cls=BiOption,
        help="Replace the output file if it exists.",
        help_zh="输出文件已存在时覆盖。",
    )(f)


def bi_option(*decls: str, help: str, help_zh: str, **kwargs: Any) -> Callable[[F], F]:
    """A click option with its help in English and Chinese."""

    def decorate(f: F) -> F:
        return click.option(*decls, cls=BiOption, help=help, help_zh=help_zh, **kwargs)(f)

    return decorate


# the options of the batch commands (check, export)
select_option = bi_option(
    "--select",
    help="Only these rule codes or prefixes, comma-separated.",
    help_zh="只检查这些规则代码或前缀，逗号分隔（如 H,X1）。",
)
ignore_option = bi_option(
    "--ignore",
    help="Skip these rule codes or prefixes, comma-separated.",
    help_zh="跳过这些规则代码或前缀，逗号分隔。",
)
no_copies_option = bi_option(
    "--no-copies",
    is_flag=True,
    help="Do not compare the organs' texts (copied text, E8).",
    help_zh="不比较各机关的文字（内容雷同，E8）。",
)
jobs_option = bi_option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    help="Worker processes.  [default: one per CPU]",
    help_zh="工作进程数。[默认：每个 CPU 一个]",
)
