"""``govreport import``: turn a published report (text, HTML, Word) into a report file."""

from __future__ import annotations

import sys

import click

from govreport.cli.lang import BiCommand, BiOption, lang_option
from govreport.cli.options import force_option, output_option
from govreport.i18n import t


@click.command("import", cls=BiCommand)
@click.argument("source", type=click.Path(dir_okay=True, allow_dash=True, path_type=str))
@output_option()
@force_option
@click.option(
    "--type",
    "kind",
    type=click.Choice(["text", "html", "mht", "docx", "pdf"]),
    cls=BiOption,
    help="What SOURCE is.  [default: from its extension, else from its content]",
    help_zh="SOURCE 的类型。[默认：按扩展名，否则按内容判断]",
)
@click.option(
    "-q", "--quiet", is_flag=True, cls=BiOption, help="Do not print the summary.", help_zh="不输出导入摘要。"
)
@lang_option
def import_(
    source: str, output: str | None, force: bool, kind: str | None, quiet: bool, lang: str | None
) -> None:
    """导入已发布的年度报告（文本、网页、Word 或 PDF），生成报告文件。

    \b
    读取已发布的报告（.txt/.md 或 '-' 标准输入、从网站保存的 .html/.htm 或 .mht、.docx、有文字层的 .pdf），写成报告文件。
    无法从原文确定的数值写为 "?"，候选值写在注释中；摘要（标准错误输出）按表格列出每个值是怎样读出的。
    退出状态：0 已导入，1 已导入但有数值或章节缺失，2 无法导入。
    ---
    \b
    Read a published report (.txt/.md or '-' for standard input, .html/.htm or .mht as
    saved from a portal, .docx, .pdf with a text layer) and write it as a report file.
    Values that cannot be determined from
    the source are written as "?" with their candidates in a comment; the summary (on
    standard error) says, per table, how each value was read.  Exit status: 0 imported,
    1 imported with values or sections missing, 2 the source could not be imported.
    """
    from govreport.cli.output import perform, write_output
    from govreport.ops.importing import ImportOptions, import_report

    options = ImportOptions(source, kind, sys.stdin.buffer if source == "-" else None)
    imported = perform(lang, import_report, options)
    write_output(output, imported.result.text, force=force)
    if not quiet:
        for line in imported.summary():
            click.echo(line, err=True)
        if output and output != "-":
            click.echo(
                t(
                    f"已写入 {output}；用 govreport lint {output} 查看需要核对的地方",
                    f"Wrote {output}; run govreport lint {output} to see what needs checking",
                ),
                err=True,
            )
    sys.exit(0 if imported.result.complete else 1)
