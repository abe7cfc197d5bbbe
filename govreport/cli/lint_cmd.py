"""``govreport lint``: check report files."""

from __future__ import annotations

import sys

import click

EXIT_OK, EXIT_FINDINGS, EXIT_FATAL = 0, 1, 2


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Message language."
)
def lint(files: tuple[str, ...], output_format: str, lang: str) -> None:
    """检查报告文件：缺失的章节、未填写的占位内容、表格的勾稽关系和各项规则。

    \b
    Check report files.  Each finding is printed as
        FILE:LINE:COLUMN: CODE message
    Exit status: 0 no errors, 1 errors found, 2 a file could not be read or parsed.
    """
    from govreport.lint.engine import lint_file
    from govreport.lint.output import write_json, write_text

    results = [lint_file(f, lang=lang) for f in files]
    for result in results:
        if result.fatal and not result.findings:
            click.echo(f"govreport: {result.fatal}", err=True)
    if output_format == "json":
        write_json(results, sys.stdout)
    else:
        write_text(results, sys.stdout, lang)
    if any(r.fatal for r in results):
        sys.exit(EXIT_FATAL)
    sys.exit(EXIT_FINDINGS if any(r.errors for r in results) else EXIT_OK)
