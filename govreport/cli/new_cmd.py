"""``govreport new``: scaffold a new year's report."""

from __future__ import annotations

import datetime as _dt
import sys

import click

from govreport.cli.lang import BiCommand, BiOption, lang_option, t


@click.command(cls=BiCommand)
@click.option(
    "--year",
    type=click.IntRange(2008, 2100),
    cls=BiOption,
    help="Report year.  [default: the year after --from's, else last calendar year]",
    help_zh="报告年度。[默认：--from 报告的下一年，否则为上一个日历年]",
)
@click.option(
    "--organ",
    cls=BiOption,
    help="The organ (机关名称); taken from --from when not given.",
    help_zh="机关名称；未给出时取自 --from 的上年报告。",
)
@click.option(
    "--level",
    cls=BiOption,
    help="The level of the organ (机关层级), e.g. 乡镇人民政府 (see `govreport schema`).",
    help_zh="机关层级，如 乡镇人民政府、县级政府部门（见 govreport schema）。",
)
@click.option(
    "--from",
    "previous",
    type=click.Path(path_type=str),
    cls=BiOption,
    help="Last year's report: carry over organ, contact, 上年结转 and 现行有效件数.",
    help_zh="上年报告：结转机关信息、联系方式、上年结转和现行有效件数。",
)
@click.option(
    "-o",
    "--output",
    cls=BiOption,
    help="File to write ('-' for standard output).  [default: ORGAN-YEAR.toml]",
    help_zh="写入的文件（'-' 为标准输出）。[默认：机关名称-年度.toml]",
)
@click.option(
    "--force",
    is_flag=True,
    cls=BiOption,
    help="Replace the output file if it exists.",
    help_zh="输出文件已存在时覆盖。",
)
@click.option(
    "--format-version",
    default="2021",
    show_default=True,
    cls=BiOption,
    help="Format of the new report.",
    help_zh="新报告的格式版本。",
)
@click.option(
    "--schema-ref",
    cls=BiOption,
    help="What the file's #:schema line points at (a URL or a path).  [default: the schema's $id]",
    help_zh="文件首行 #:schema 指向的地址（网址或路径）。[默认：schema 的 $id]",
)
@lang_option
def new(
    year: int | None,
    organ: str | None,
    level: str | None,
    previous: str | None,
    output: str | None,
    force: bool,
    format_version: str,
    schema_ref: str | None,
    lang: str | None,
) -> None:
    """新建年度报告文件：所有章节齐全，表格为 0，待填写处有填写提示。

    \b
    写出包含所有章节的新报告文件：表格为 0，需要文字处有填写提示。
    给出 --from 上年报告时结转机关信息、上年结转和现行有效件数，年度默认为其下一年，
    并在 [report] 中记下 previous（供 govreport lint 跨年检查）。已存在的文件不会被覆盖，除非加 --force。
    ---
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
        click.echo(
            t(
                f"govreport: 注意：上年报告是 {last.year} 年的，新报告是 {year} 年的",
                f"govreport: note: last year's report is of {last.year}, the new one of {year}",
                lang,
            ),
            err=True,
        )
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
    done = t(f"已创建 {target}（{name} {year} 年）", f"Created {target} ({name}, {year})", lang)
    write_output(target, text, force=force, done=done)
    for note in scaffold.notes:
        click.echo(f"  {note}", err=True)


def _safe_filename(name: str) -> str:
    return "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip() or "report"
