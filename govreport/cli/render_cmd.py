"""``govreport render``: the report as HTML or Markdown, in the official layout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govreport.cli.lang import BiCommand, BiOption, current_lang, lang_option, t
from govreport.cli.options import force_option, output_option

EXIT_OK, EXIT_UNFINISHED, EXIT_FATAL = 0, 1, 2
STRICT_LIST = 20  # findings listed when --strict refuses; the rest are counted

_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".docx": "docx"}


@click.command(cls=BiCommand)
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--to",
    "to",
    type=click.Choice(["html", "md", "docx"]),
    cls=BiOption,
    help="Output format.  [default: from the -o suffix (.html, .md, .docx), else html]",
    help_zh="输出格式。[默认：按 -o 的扩展名（.html、.md、.docx），否则 html]",
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
    from govreport.cli.output import cannot_write_message, write_output
    from govreport.lint.engine import lint_document
    from govreport.lint.finding import Severity
    from govreport.render import RenderError, render_report
    from govreport.render.model import spec_for
    from govreport.report.document import ReportDocument, ReportError, ReportSyntaxError

    if to is None:
        to = _SUFFIXES.get(Path(output).suffix.lower(), "html") if output and output != "-" else "html"
    if fragment and to != "html":
        raise click.UsageError(
            t("--fragment 只用于 HTML 输出（--to html）", "--fragment is for HTML output only (--to html)")
        )
    if template is not None and to != "docx":
        raise click.UsageError(
            t(
                "--template 只用于 Word 输出（--to docx）；HTML 模板请用 --template-dir",
                "--template is for Word output only (--to docx); for HTML templates use --template-dir",
            )
        )
    if to == "docx" and (output is None or output == "-") and sys.stdout.isatty():
        raise click.UsageError(
            t(
                "Word 文件不能输出到终端，请用 -o 指定文件（如 -o 报告.docx）",
                "a Word file cannot go to the terminal; name a file with -o (e.g. -o report.docx)",
            )
        )
    if output and output != "-":
        parent = Path(output).parent
        if not parent.is_dir():
            click.echo(
                cannot_write_message(
                    output, t(f"目录 {parent} 不存在", f"the directory {parent} does not exist")
                ),
                err=True,
            )
            sys.exit(EXIT_FATAL)

    try:
        doc = ReportDocument.load(file)
        spec = spec_for(doc)
    except ReportSyntaxError as exc:
        click.echo(f"govreport: {file}:{exc.line}:{exc.column}: {exc.shown}", err=True)
        sys.exit(EXIT_FATAL)
    except ReportError as exc:
        click.echo(f"govreport: {exc.shown}", err=True)
        sys.exit(EXIT_FATAL)
    except RenderError as exc:
        click.echo(f"govreport: {file}: {exc.message}", err=True)
        sys.exit(EXIT_FATAL)

    findings = lint_document(doc, lang=current_lang(lang))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
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

    try:
        if to == "docx":
            from govreport.render.word import render_docx

            text: str | bytes = render_docx(doc, spec=spec, template=template, template_dir=template_dir)
        else:
            text = render_report(doc, to, fragment=fragment, template_dir=template_dir, spec=spec)
    except RenderError as exc:
        click.echo(f"govreport: {exc.message}", err=True)
        sys.exit(EXIT_FATAL)

    write_output(output, text, force=force, done=t(f"已生成 {output}", f"Wrote {output}", lang))
