"""``govreport schema``: print the JSON Schema of a format (for editors and other tools)."""

from __future__ import annotations

import click

from govreport.format.spec import DEFAULT_FORMAT


@click.command()
@click.option("--format-version", default=DEFAULT_FORMAT, show_default=True, help="Which format's schema.")
@click.option(
    "--list", "list_versions", is_flag=True, help="List the format versions this installation knows."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="Write to a file.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def schema(format_version: str, list_versions: bool, output: str | None, force: bool) -> None:
    """输出报告格式的 JSON Schema（供编辑器和其他工具使用）。

    \b
    Print the JSON Schema (draft 2020-12) of a report format.  The schema is the
    single source of truth of govreport: structure, official labels, table layout
    (x-table) and sum relations (x-relations).
    """
    from govreport.cli.output import write_output
    from govreport.format.spec import UnknownFormatError, available_formats, schema_path

    if list_versions:
        for version in available_formats():
            click.echo(version)
        return
    try:
        text = schema_path(format_version).read_text(encoding="utf-8")
    except UnknownFormatError:
        raise click.UsageError(
            f"未知的格式版本 {format_version!r}（可用：{', '.join(available_formats())}）"
        ) from None
    write_output(output, text, force=force)
