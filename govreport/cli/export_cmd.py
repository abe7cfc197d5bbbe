"""``govreport export``: every cell of every report, in tidy long form, and the findings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govreport.cli.lang import BiCommand, current_lang, lang_option, t
from govreport.cli.lint_cmd import EXIT_FATAL, EXIT_OK, _codes
from govreport.cli.options import (
    bi_option,
    ignore_option,
    jobs_option,
    no_copies_option,
    output_option,
    select_option,
)


def findings_name(output: str) -> str:
    """``cells.csv`` → ``cells-findings.csv``: where ``--to csv`` puts the findings."""
    path = Path(output)
    return str(path.with_name(f"{path.stem}-findings{path.suffix or '.csv'}"))


@click.command(cls=BiCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@bi_option(
    "--to",
    "target",
    type=click.Choice(["csv", "xlsx", "jsonl"]),
    required=True,
    help="Output format.",
    help_zh="输出格式。",
)
@output_option(
    required=True,
    help="File to write ('-': standard output, csv and jsonl only).",
    help_zh="写入的文件（'-' 为标准输出，仅限 csv 和 jsonl）。",
)
@bi_option(
    "--force",
    is_flag=True,
    help="Replace the output file(s) if they exist.",
    help_zh="输出文件已存在时覆盖。",
)
@lang_option
@select_option
@ignore_option
@no_copies_option
@jobs_option
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
    from govreport.check import export as ex
    from govreport.check.inputs import expand_inputs
    from govreport.check.run import CheckConfigError, CheckOptions, check_paths
    from govreport.cli.output import (
        cannot_write_message,
        exists_message,
        no_reports_message,
        unknown_code_message,
        write_output,
    )
    from govreport.lint.registry import is_known_code

    for code in _codes(select) + _codes(ignore):
        if not is_known_code(code):
            raise click.BadParameter(unknown_code_message(code), param_hint="--select/--ignore")
    if target == "xlsx" and output == "-":
        click.echo(
            t(
                "govreport: --to xlsx 需要用 -o 指定输出文件（Excel 文件不能写到标准输出）",
                "govreport: --to xlsx needs an output file with -o (an Excel file cannot go to standard output)",
            ),
            err=True,
        )
        sys.exit(EXIT_FATAL)
    files = list(expand_inputs(paths))
    if not files:
        click.echo(no_reports_message(), err=True)
        sys.exit(EXIT_FATAL)
    extra = findings_name(output) if target == "csv" and output != "-" else None
    if not force:
        for name in (output, extra):
            if name and name != "-" and Path(name).exists():
                click.echo(exists_message(name), err=True)
                sys.exit(EXIT_FATAL)
    options = CheckOptions(current_lang(lang), _codes(select), _codes(ignore), None, not no_copies, "all")
    try:
        records = list(check_paths(files, options, jobs=jobs))
    except CheckConfigError as exc:
        click.echo(f"govreport: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    cells = sum(len(r.cells or {}) for r in records)
    found = sum(len(r.findings) for r in records)
    done = t(
        f"已导出 {len(records)} 份报告的 {cells} 个单元格和 {found} 个问题到 {output}",
        f"Exported {cells} cells and {found} findings of {len(records)} reports to {output}",
    )
    if target == "xlsx":
        from govreport.fsutil import RefusedOverwrite, describe_os_error, write_atomic

        try:
            write_atomic(output, ex.to_xlsx(records), overwrite=force)
        except RefusedOverwrite:
            click.echo(exists_message(output), err=True)
            sys.exit(EXIT_FATAL)
        except OSError as exc:
            click.echo(cannot_write_message(output, describe_os_error(exc)), err=True)
            sys.exit(EXIT_FATAL)
        click.echo(done, err=True)
    elif target == "jsonl":
        write_output(output, ex.to_jsonl(records), force=force, done=done if output != "-" else None)
    else:
        write_output(output, ex.to_csv(records), force=force)
        if extra:
            write_output(
                extra,
                ex.findings_csv(records),
                force=force,
                done=t(f"{done}（问题见 {extra}）", f"{done} (findings in {extra})"),
            )
    for record in records:
        if record.fatal:
            click.echo(f"govreport: {record.fatal}", err=True)
    sys.exit(EXIT_FATAL if any(r.fatal for r in records) else EXIT_OK)
