"""``govreport new``: scaffold a new year's report."""

from __future__ import annotations

import sys

import click

from govreport.format.spec import DEFAULT_FORMAT


@click.command()
@click.option("--year", type=click.IntRange(2008, 2100), help="Report year.  [default: last calendar year]")
@click.option("--organ", help="机关名称 (the organ); taken from --from when not given.")
@click.option("--level", help="机关层级, e.g. 乡镇人民政府, 县级政府部门 (see `govreport schema`).")
@click.option(
    "--from",
    "previous",
    type=click.Path(path_type=str),
    help="Last year's report: carry over organ, contact, 上年结转 and 现行有效件数.",
)
@click.option("-o", "--output", help="File to write ('-' for standard output).  [default: ORGAN-YEAR.toml]")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--format-version", default=DEFAULT_FORMAT, show_default=True, help="Format of the new report.")
@click.option(
    "--schema-ref",
    help="What the file's #:schema line points at (a URL or a path).  [default: the schema's $id]",
)
def new(
    year: int | None,
    organ: str | None,
    level: str | None,
    previous: str | None,
    output: str | None,
    force: bool,
    format_version: str,
    schema_ref: str | None,
) -> None:
    """新建年度报告文件：所有章节齐全，表格为 0，待填写处有填写提示。

    \b
    Write a new report file with every section, all tables at zero and guidance
    where text is needed.  An existing file is never replaced unless --force is given.
    """
    from govreport.cli.output import write_output
    from govreport.ops.new import NewReportError, prepare_new_report

    try:
        report = prepare_new_report(
            year=year,
            organ=organ,
            level=level,
            previous=previous,
            format_version=format_version,
            schema_ref=schema_ref,
        )
    except NewReportError as exc:
        if exc.option == "--level":
            raise click.BadParameter(exc.message, param_hint="--level") from None
        if exc.option is not None:
            raise click.UsageError(exc.message) from None
        click.echo(f"govreport: {exc.message}", err=True)
        sys.exit(2)
    for warning in report.warnings:
        click.echo(f"govreport: {warning}", err=True)
    target = output or report.default_filename
    write_output(target, report.text, force=force, done=f"已创建 {target}（{report.organ} {report.year} 年）")
    for note in report.notes:
        click.echo(f"  {note}", err=True)
