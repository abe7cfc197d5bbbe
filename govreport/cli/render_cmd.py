"""``govreport render``: the report as HTML or Markdown, in the official layout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

EXIT_OK, EXIT_FATAL = 0, 2

_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".docx": "docx"}


@click.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--to",
    "to",
    type=click.Choice(["html", "md", "docx"]),
    help="Output format.  [default: from the -o suffix (.html, .md, .docx), else html]",
)
@click.option("-o", "--output", help="File to write ('-' for standard output).  [default: standard output]")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--fragment", is_flag=True, help="HTML: only the report body, for pasting into a portal's CMS.")
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory whose templates replace the packaged ones of the same name.",
)
@click.option(
    "--template",
    "template",
    type=click.Path(dir_okay=True, path_type=Path),
    help="Word: a .docx (or .dotx) whose styles and page set-up are used; its body is replaced.",
)
def render(
    file: str,
    to: str | None,
    output: str | None,
    force: bool,
    fragment: bool,
    template_dir: Path | None,
    template: Path | None,
) -> None:
    """生成报告的 HTML、Markdown 或 Word 文件，版式与官方格式一致。

    \b
    Render a report as a standalone HTML page (A4 print styles), an HTML
    fragment (--fragment), Markdown, or a Word file (--to docx, in the
    document style of GB/T 9704-2012), with the official table layout.
    A report with lint errors still renders, with a warning on stderr.
    Exit status: 0 written, 1 the output exists (use --force), 2 the report
    or a template could not be read.
    """
    from govreport.cli.output import write_output
    from govreport.lint.engine import lint_document
    from govreport.lint.finding import Severity
    from govreport.render import RenderError, render_report
    from govreport.render.model import spec_for
    from govreport.report.document import ReportDocument, ReportError, ReportSyntaxError

    if to is None:
        to = _SUFFIXES.get(Path(output).suffix.lower(), "html") if output and output != "-" else "html"
    if fragment and to != "html":
        raise click.UsageError("--fragment 只用于 HTML 输出（--to html）")
    if template is not None and to != "docx":
        raise click.UsageError("--template 只用于 Word 输出（--to docx）；HTML 模板请用 --template-dir")
    if to == "docx" and (output is None or output == "-") and sys.stdout.isatty():
        raise click.UsageError("Word 文件不能输出到终端，请用 -o 指定文件（如 -o 报告.docx）")
    if output and output != "-":
        parent = Path(output).parent
        if not parent.is_dir():
            click.echo(f"govreport: 无法写入 {output}：目录 {parent} 不存在", err=True)
            sys.exit(EXIT_FATAL)

    try:
        doc = ReportDocument.load(file)
        spec = spec_for(doc)
    except ReportSyntaxError as exc:
        click.echo(f"govreport: {file}:{exc.line}:{exc.column}: {exc.message}", err=True)
        sys.exit(EXIT_FATAL)
    except ReportError as exc:
        click.echo(f"govreport: {exc.message}", err=True)
        sys.exit(EXIT_FATAL)
    except RenderError as exc:
        click.echo(f"govreport: {file}: {exc.message}", err=True)
        sys.exit(EXIT_FATAL)

    errors = sum(1 for f in lint_document(doc) if f.severity is Severity.ERROR)
    if errors:
        click.echo(
            f"govreport: 注意：报告有 {errors} 个错误（运行 govreport lint 查看），仍按原样生成", err=True
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

    write_output(output, text, force=force, done=f"已生成 {output}")
