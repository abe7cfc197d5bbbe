"""Options several commands share, written once: the paths, ``-o/--output``, ``--force``,
the rule selection and configuration of lint and check, workers, exit-status flags."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from govreport.cli.lang import BiOption, F

OUTPUT_HELP = "File to write ('-' for standard output).  [default: standard output]"
OUTPUT_HELP_ZH = "写入的文件（'-' 为标准输出）。[默认：标准输出]"
JOBS_HELP = "Worker processes.  [default: one per CPU]"
JOBS_HELP_ZH = "工作进程数。[默认：每个 CPU 一个]"


def bi_option(*decls: str, help: str, help_zh: str, **kwargs: Any) -> Callable[[F], F]:
    """An option with its help in English and Chinese."""

    def decorate(f: F) -> F:
        return click.option(*decls, cls=BiOption, help=help, help_zh=help_zh, **kwargs)(f)

    return decorate


def paths_argument(f: F) -> F:
    """``PATH...``: files and directories, at least one."""
    return click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))(f)


def format_option(choices: list[str], help: str, help_zh: str, **kwargs: Any) -> Callable[[F], F]:
    """``--format`` (the parameter ``output_format``) among *choices*."""
    return bi_option(
        "--format", "output_format", type=click.Choice(choices), help=help, help_zh=help_zh, **kwargs
    )


def to_option(choices: list[str], dest: str, help: str, help_zh: str, **kwargs: Any) -> Callable[[F], F]:
    """``--to`` (the parameter *dest*): the output format among *choices*."""
    return bi_option("--to", dest, type=click.Choice(choices), help=help, help_zh=help_zh, **kwargs)


def output_option(help: str = OUTPUT_HELP, help_zh: str = OUTPUT_HELP_ZH, **kwargs: Any) -> Callable[[F], F]:
    """``-o/--output FILE``, with its help in English and Chinese."""
    return bi_option("-o", "--output", help=help, help_zh=help_zh, **kwargs)


force_option = bi_option(
    "--force", is_flag=True, help="Replace the output file if it exists.", help_zh="输出文件已存在时覆盖。"
)
select_option = bi_option(
    "--select",
    help="Only these rule codes or prefixes, comma-separated (e.g. H,X1).",
    help_zh="只检查这些规则代码或前缀，逗号分隔（如 H,X1）。",
)
ignore_option = bi_option(
    "--ignore",
    help="Skip these rule codes or prefixes, comma-separated.",
    help_zh="跳过这些规则代码或前缀，逗号分隔。",
)
config_option = bi_option(
    "--config",
    "config_path",
    type=click.Path(path_type=str),
    help="Use this configuration file.",
    help_zh="使用此配置文件。",
)
exit_zero_option = bi_option(
    "--exit-zero",
    is_flag=True,
    help="Exit with 0 even when errors are found.",
    help_zh="即使发现错误，退出状态也为 0。",
)
strict_option = bi_option(
    "--strict", is_flag=True, help="Warnings fail too (exit 1).", help_zh="有警告也算失败（退出状态 1）。"
)
skip_non_reports_option = bi_option(
    "--skip-non-reports",
    is_flag=True,
    help="Skip named files that are not report files (for pre-commit, which passes every .toml).",
    help_zh="跳过不是报告文件的文件（供 pre-commit 使用，它会传入所有 .toml）。",
)
no_copies_option = bi_option(
    "--no-copies",
    is_flag=True,
    help="Do not compare the organs' texts (内容雷同, E8).",
    help_zh="不比较各机关报告的文字（内容雷同，E8）。",
)


def jobs_option(help: str = JOBS_HELP, help_zh: str = JOBS_HELP_ZH) -> Callable[[F], F]:
    """``-j/--jobs N``: worker processes (1 to 64)."""
    return bi_option("-j", "--jobs", type=click.IntRange(1, 64), help=help, help_zh=help_zh)
