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
