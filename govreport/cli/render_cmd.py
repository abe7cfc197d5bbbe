"""``govreport render``: the report as HTML or Markdown, in the official layout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

EXIT_OK, EXIT_UNFINISHED, EXIT_FATAL = 0, 1, 2
STRICT_LIST = 20  # findings listed when --strict refuses; the rest are counted

_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


@click.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--to",
    "to",
    type=click.Choice(["html", "md"]),
    help="Output format.  [default: from the -o suffix (.html, .md), else html]",
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
    "--strict",
    is_flag=True,
    help="Refuse (exit 1, listing why) a report with lint errors: placeholders, wrong sums, '?' values.",
)
def render(
    file: str,
    to: str | None,
    output: str | None,
    force: bool,
    fragment: bool,
    template_dir: Path | None,
    strict: bool,
) -> None:
    """生成报告的 HTML 或 Markdown 文本，版式与官方格式一致。

    \b
    Render a report as a standalone HTML page (A4 print styles), an HTML
    fragment (--fragment) or Markdown, with the official table layout.
    A report with lint errors still renders, with a warning on stderr;
    with --strict it is refused.
    Exit status: 0 written, 1 --strict and the report has errors (nothing
    written), 2 the output exists (use --force), or the report or a template
    could not be read.
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

    findings = lint_document(doc)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    if errors and strict:
        from govreport.lint.output import format_text_line

        click.echo(
            f"govreport: 未生成：报告有 {len(errors)} 个错误、{warnings} 个警告（--strict）：", err=True
        )
        for finding in errors[:STRICT_LIST]:
            click.echo(f"  {format_text_line(finding)}", err=True)
        if len(errors) > STRICT_LIST:
            click.echo(f"  ……另有 {len(errors) - STRICT_LIST} 个错误（运行 govreport lint 查看）", err=True)
        sys.exit(EXIT_UNFINISHED)
    if errors:
        click.echo(
            f"govreport: 注意：报告有 {len(errors)} 个错误、{warnings} 个警告未解决"
            "（运行 govreport lint 查看；--strict 则不生成），仍按原样生成",
            err=True,
        )

    try:
        text = render_report(doc, to, fragment=fragment, template_dir=template_dir, spec=spec)
    except RenderError as exc:
        click.echo(f"govreport: {exc.message}", err=True)
        sys.exit(EXIT_FATAL)

    write_output(output, text, force=force, done=f"已生成 {output}")
