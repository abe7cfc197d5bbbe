"""``govreport render``: the report as HTML or Markdown, in the official layout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govreport.cli.lang import BiCommand, BiOption, current_lang, lang_option
from govreport.cli.options import force_option, output_option, to_option
from govreport.i18n import t

EXIT_OK, EXIT_UNFINISHED, EXIT_FATAL = 0, 1, 2
STRICT_LIST = 20  # findings listed when --strict refuses; the rest are counted


@click.command(cls=BiCommand)
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@to_option(
    ["html", "md", "docx"],
    "to",
    "Output format.  [default: from the -o suffix (.html, .md, .docx), else html]",
    "输出格式。[默认：按 -o 的扩展名（.html、.md、.docx），否则 html]",
)
@output_option()
@force_option
@click.option(
    "--fragment",
    is_flag=True,
    cls=BiOption,
    help="HTML: only the report body, for pasting into a portal's CMS.",
    help_zh="HTML：只输出报告正文，便于粘贴到网站内容管理系统。",
)
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    cls=BiOption,
    help="Directory whose templates replace the packaged ones of the same name.",
    help_zh="模板目录：其中的模板替换自带的同名模板。",
)
@click.option(
    "--strict",
    is_flag=True,
    cls=BiOption,
    help="Refuse (exit 1, listing why) a report with lint errors: placeholders, wrong sums, '?' values.",
    help_zh="报告有检查错误（待填写内容、合计不符、“?”值）时不生成（退出状态 1，并列出原因）。",
)
@click.option(
    "--template",
    "template",
    type=click.Path(dir_okay=True, path_type=Path),
    cls=BiOption,
    help="Word: a .docx (or .dotx) whose styles and page set-up are used; its body is replaced.",
    help_zh="Word：使用其样式和页面设置的 .docx（或 .dotx）文件，正文被替换。",
)
@lang_option
def render(
    file: str,
    to: str | None,
    output: str | None,
    force: bool,
    fragment: bool,
    template_dir: Path | None,
    template: Path | None,
    strict: bool,
    lang: str | None,
) -> None:
    """生成报告的 HTML、Markdown 或 Word 文件，版式与官方格式一致。

    \b
    把报告生成为独立的 HTML 页面（A4 打印样式）、HTML 片段（--fragment）、Markdown 或 Word 文件
    （--to docx，GB/T 9704-2012 公文格式），
    表格版式与官方格式一致。有检查错误的报告仍会生成并给出提示；加 --strict 则不生成。
    退出状态：0 已生成，1 --strict 且报告有错误（未写出），2 输出文件已存在（用 --force），
    或报告、模板无法读取。
    ---
    \b
    Render a report as a standalone HTML page (A4 print styles), an HTML
    fragment (--fragment), Markdown, or a Word file (--to docx, in the
    document style of GB/T 9704-2012), with the official table layout.
    A report with lint errors still renders, with a warning on stderr;
    with --strict it is refused.
    Exit status: 0 written, 1 --strict and the report has errors (nothing
    written), 2 the output exists (use --force), or the report or a template
    could not be read.
    """
    from govreport.cli.output import perform, write_output
    from govreport.ops.render import RenderOptions, prepare_render, render

    options = RenderOptions(
        file, to, output, fragment, template_dir, template, current_lang(lang), sys.stdout.isatty()
    )
    plan = perform(lang, prepare_render, options)
    errors, warnings = plan.errors, plan.warnings
    if errors and strict:
        from govreport.lint.output import format_text_line

        click.echo(
            t(
                f"govreport: 未生成：报告有 {len(errors)} 个错误、{warnings} 个警告（--strict）：",
                f"govreport: not rendered: the report has {len(errors)} errors and {warnings} warnings (--strict):",
                lang,
            ),
            err=True,
        )
        for finding in errors[:STRICT_LIST]:
            click.echo(f"  {format_text_line(finding, current_lang(lang))}", err=True)
        if len(errors) > STRICT_LIST:
            more = len(errors) - STRICT_LIST
            click.echo(
                t(
                    f"  ……另有 {more} 个错误（运行 govreport lint 查看）",
                    f"  … and {more} more (see govreport lint)",
                    lang,
                ),
                err=True,
            )
        sys.exit(EXIT_UNFINISHED)
    if errors:
        click.echo(
            t(
                f"govreport: 注意：报告有 {len(errors)} 个错误、{warnings} 个警告未解决"
                "（运行 govreport lint 查看；--strict 则不生成），仍按原样生成",
                f"govreport: note: the report has {len(errors)} errors and {warnings} warnings open"
                " (see govreport lint; --strict refuses), rendered as it is",
                lang,
            ),
            err=True,
        )

    text = perform(lang, render, plan)

    write_output(output, text, force=force, done=t(f"已生成 {output}", f"Wrote {output}", lang))
