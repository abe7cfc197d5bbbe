"""``govreport new``: scaffold a new year's report."""

from __future__ import annotations

import datetime as _dt
import sys

import click


@click.command()
@click.option(
    "--year",
    type=click.IntRange(2008, 2100),
    help="Report year.  [default: the year after --from's, else last calendar year]",
)
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
@click.option("--format-version", default="2021", show_default=True, help="Format of the new report.")
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
    from govreport.format.spec import UnknownFormatError, load_spec
    from govreport.report.document import ReportDocument, ReportError
    from govreport.report.scaffold import new_report, relative_ref
    from govreport.report.writer import write_report_toml

    try:
        spec = load_spec(format_version)
    except UnknownFormatError:
        raise click.UsageError(f"未知的格式版本 {format_version!r}") from None
    if level is not None:
        levels = spec["report.level"].schema.get("enum", [])
        if level not in levels:
            raise click.BadParameter(f"应为以下之一：{'、'.join(levels)}", param_hint="--level")

    last = None
    if previous:
        try:
            last = ReportDocument.load(previous)
        except ReportError as exc:
            click.echo(f"govreport: 无法读取上年报告：{exc.message}", err=True)
            sys.exit(2)
        if last.format_version not in (None, spec.version):
            click.echo(
                f"govreport: 注意：上年报告为 {last.format_version} 年格式，只结转两种格式共有的数据",
                err=True,
            )

    if year is None:
        year = last.year + 1 if last is not None and last.year is not None else _dt.date.today().year - 1
    if last is not None and last.year is not None and last.year != year - 1:
        click.echo(f"govreport: 注意：上年报告是 {last.year} 年的，新报告是 {year} 年的", err=True)
    if not organ and last is not None and not last.organ:
        click.echo(
            f"govreport: 上年报告 {previous} 没有写明机关名称（[report] organ），请用 --organ 给出", err=True
        )
        sys.exit(2)
    if not organ and last is None:
        raise click.UsageError("请用 --organ 给出机关名称（或用 --from 指定上年报告）")

    name = organ or (last.organ if last is not None else None) or ""
    target = output or f"{_safe_filename(name)}-{year}.toml"
    ref = relative_ref(previous, None if target == "-" else target) if previous else None
    scaffold = new_report(spec, year=year, organ=organ, level=level, previous=last, previous_ref=ref)
    text = write_report_toml(spec, scaffold.data, schema_ref=schema_ref)
    name = scaffold.data["report"]["organ"]
    write_output(target, text, force=force, done=f"已创建 {target}（{name} {year} 年）")
    for note in scaffold.notes:
        click.echo(f"  {note}", err=True)


def _safe_filename(name: str) -> str:
    return "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip() or "report"
