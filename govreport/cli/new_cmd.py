"""``govreport new``: scaffold a new year's report."""

from __future__ import annotations

import click

from govreport.cli.lang import BiCommand, BiOption, lang_option
from govreport.cli.options import force_option, output_option
from govreport.format.spec import DEFAULT_FORMAT
from govreport.i18n import t


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
    help="The level of the organ (机关层级, e.g. 乡镇人民政府; see `govreport schema`).",
    help_zh="机关层级，如 乡镇人民政府、县级政府部门（见 govreport schema）。",
)
@click.option(
    "--from",
    "previous",
    type=click.Path(path_type=str),
    cls=BiOption,
    help="Last year's report: carry over organ, contact, the carried-over applications (上年结转) "
    "and the documents in force (现行有效件数).",
    help_zh="上年报告：结转机关信息、联系方式、上年结转和现行有效件数。",
)
@output_option(
    "File to write ('-' for standard output).  [default: ORGAN-YEAR.toml]",
    "写入的文件（'-' 为标准输出）。[默认：机关名称-年度.toml]",
)
@force_option
@click.option(
    "--format-version",
    default=DEFAULT_FORMAT,
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
    from govreport.cli.output import perform, write_output
    from govreport.ops.new import prepare_new_report

    report = perform(
        lang,
        prepare_new_report,
        year=year,
        organ=organ,
        level=level,
        previous=previous,
        format_version=format_version,
        schema_ref=schema_ref,
        new_file=output if output not in (None, "-") else None,
    )
    for warning in report.warnings:
        click.echo(f"govreport: {warning}", err=True)
    target = output or report.default_filename
    done = t(
        f"已创建 {target}（{report.organ} {report.year} 年）",
        f"Created {target} ({report.organ}, {report.year})",
        lang,
    )
    write_output(target, report.text, force=force, done=done)
    for note in report.notes:
        click.echo(f"  {note}", err=True)
