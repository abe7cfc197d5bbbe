"""``govreport schema``: print the JSON Schema of a format (for editors and other tools)."""

from __future__ import annotations

import click

from govreport.cli.lang import BiCommand, BiOption, lang_option, t
from govreport.cli.options import force_option, output_option
from govreport.format.spec import DEFAULT_FORMAT


@click.command(cls=BiCommand)
@click.option(
    "--format-version",
    default=DEFAULT_FORMAT,
    show_default=True,
    cls=BiOption,
    help="Which format's schema.",
    help_zh="哪个格式版本的 schema。",
)
@click.option(
    "--list",
    "list_versions",
    is_flag=True,
    cls=BiOption,
    help="List the format versions this installation knows.",
    help_zh="列出已安装的格式版本。",
)
@output_option("Write to a file.", "写入文件。", type=click.Path(dir_okay=False, path_type=str))
@force_option
@lang_option
def schema(
    format_version: str, list_versions: bool, output: str | None, force: bool, lang: str | None
) -> None:
    """输出报告格式的 JSON Schema（供编辑器和其他工具使用）。

    \b
    输出报告格式的 JSON Schema（draft 2020-12）。它是 govreport 唯一的格式依据：结构、官方标签、
    表格版式（x-table）和勾稽关系（x-relations）。
    ---
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
        known = ", ".join(available_formats())
        raise click.UsageError(
            t(
                f"未知的格式版本 {format_version!r}（可用：{known}）",
                f"unknown format version {format_version!r} (known: {known})",
            )
        ) from None
    write_output(output, text, force=force)
