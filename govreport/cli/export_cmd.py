"""``govreport export``: every cell of every report, in tidy long form, and the findings."""

from __future__ import annotations

import sys

import click

from govreport.cli import options as opt
from govreport.cli.lang import BiCommand, lang_option
from govreport.cli.lint_cmd import EXIT_FATAL, EXIT_OK


@click.command(cls=BiCommand)
@opt.paths_argument
@opt.to_option(["csv", "xlsx", "jsonl"], "target", "Output format.", "输出格式。", required=True)
@opt.output_option(
    "File to write ('-': standard output, csv and jsonl only).",
    "写入的文件（'-' 为标准输出，只用于 csv 和 jsonl）。",
    required=True,
)
@opt.bi_option(
    "--force",
    is_flag=True,
    help="Replace the output file(s) if they exist.",
    help_zh="输出文件已存在时覆盖。",
)
@lang_option
@opt.select_option
@opt.ignore_option
@opt.no_copies_option
@opt.jobs_option()
def export(
    paths: tuple[str, ...],
    target: str,
    output: str,
    force: bool,
    lang: str | None,
    select: str | None,
    ignore: str | None,
    no_copies: bool,
    jobs: int | None,
) -> None:
    """把多份报告的每个单元格（长表）和检查发现的问题导出为 CSV、Excel 或 JSON Lines。

    \b
    Every cell of every report in tidy long form (organ, level, year, format, table, row key,
    row label, column key, column label, value, state: number / blank / unresolved / missing
    / invalid) and the findings of `govreport check`.  xlsx: a sheet "cells" and a sheet
    "findings", frozen header rows.  csv: the cells in FILE and the findings beside it in
    FILE-findings.csv.  jsonl: one object a line, "kind" = "cell" or "finding".
    Exit status: 0 written, 2 an input could not be read (the others are written) or a usage
    error.
    """
    from govreport.cli.output import perform, write_output
    from govreport.ops.export import ExportOptions, run_export

    options = ExportOptions(paths, target, output, force, lang, select, ignore, not no_copies, jobs)
    exported = perform(lang, run_export, options)
    for file in exported.outputs:
        write_output(file.target, file.data, force=force, done=file.done)
    for record in exported.records:
        if record.fatal:
            click.echo(f"govreport: {record.fatal}", err=True)
    sys.exit(EXIT_FATAL if exported.fatal else EXIT_OK)
