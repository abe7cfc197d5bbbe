"""``govreport check``: published reports (any form import reads) and report files, checked in one go."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govreport.cli.lang import BiCommand, BiOption, chosen_lang, lang_option, set_lang, t
from govreport.cli.lint_cmd import EXIT_FATAL, EXIT_FINDINGS, EXIT_OK, _codes
from govreport.cli.options import (
    bi_option,
    force_option,
    ignore_option,
    jobs_option,
    no_copies_option,
    output_option,
    select_option,
)

BAR = 24


def _progress(stage: str, done: int, total: int) -> None:
    if done != total and done % max(1, total // 50) != 0:
        return
    from govreport.sanitize import raw_stream

    stream = raw_stream(sys.stderr)  # the progress line's \r and \x1b[K are deliberate
    filled = BAR * done // max(1, total)
    label = t("读取", "reading") if stage == "read" else t("检查", "checking")
    stream.write(f"\r{label} [{'#' * filled}{'-' * (BAR - filled)}] {done}/{total}")
    if done == total:
        stream.write("\r\x1b[K")
    stream.flush()


@click.command(cls=BiCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv", "html"]),
    default="text",
    show_default=True,
    cls=BiOption,
    help="text: a line per report; json: a record per report with its findings; csv: a row per report; "
    "html: one self-contained page (needs -o).",
    help_zh="text：每份报告一行； json：每份报告一条记录，带发现的问题； csv：每份报告一行； "
    "html：一个独立的网页（需要 -o）。",
)
@output_option(help="Write to this file instead of standard output.", help_zh="写入此文件，而不是标准输出。")
@force_option
@lang_option
@select_option
@ignore_option
@bi_option(
    "--config",
    "config_path",
    type=click.Path(path_type=str),
    help="Use this configuration file.",
    help_zh="使用此配置文件。",
)
@bi_option(
    "--parent",
    type=click.Path(path_type=str),
    help="A government's own report (any form): compared cell by cell with the sum of the other reports.",
    help_zh="上级政府本级的报告（任何形式）：与其他报告之和逐格比较。",
)
@no_copies_option
@jobs_option
@bi_option(
    "--exit-zero",
    is_flag=True,
    help="Exit with 0 even when errors are found.",
    help_zh="即使发现错误，退出状态也为 0。",
)
@bi_option(
    "--strict", is_flag=True, help="Warnings fail too (exit 1).", help_zh="有警告也算失败（退出状态 1）。"
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    force: bool,
    lang: str | None,
    select: str | None,
    ignore: str | None,
    config_path: str | None,
    parent: str | None,
    no_copies: bool,
    jobs: int | None,
    exit_zero: bool,
    strict: bool,
) -> None:
    """检查一批已发布的年度报告（文本、网页、Word 等导入能读的形式）和报告文件，逐份列出结果。

    \b
    Check many reports at once: files and directories of published reports (any form that
    `govreport import` reads) and report files (.toml), mixed.  Each source is imported in
    memory (nothing is written next to it) and linted by lint's engine and configuration;
    last year's report of the same organ among the inputs feeds the cross-year rules; the
    organs' texts are compared (内容雷同).  Exit status as lint: 0 no errors, 1 errors found,
    2 an input could not be read, or a usage or configuration error.
    """
    from govreport.check.inputs import expand_inputs
    from govreport.check.output import write_csv, write_json, write_text
    from govreport.check.run import CheckConfigError, CheckOptions, check_paths
    from govreport.cli.output import no_config_message, no_reports_message, unknown_code_message, write_output
    from govreport.lint.config import ConfigError, find_config, read_config_file
    from govreport.lint.registry import is_known_code

    for code in _codes(select) + _codes(ignore):
        if not is_known_code(code):
            raise click.BadParameter(unknown_code_message(code), param_hint="--select/--ignore")
    if output_format == "html" and not output:
        click.echo(
            t(
                "govreport: --format html 需要用 -o 指定输出文件（如 -o check.html）",
                "govreport: --format html needs an output file with -o (e.g. -o check.html)",
            ),
            err=True,
        )
        sys.exit(EXIT_FATAL)
    try:
        explicit = read_config_file(Path(config_path)) if config_path else None
        if config_path and explicit is None:
            raise ConfigError(no_config_message(config_path))
        run_config = explicit or find_config(Path.cwd())
    except ConfigError as exc:
        click.echo(f"govreport: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    lang = chosen_lang(None, lang) or run_config.lang or "zh"
    set_lang(lang)

    files = list(expand_inputs(paths))
    if parent:
        files = [f for f in files if f.resolve() != Path(parent).resolve()]
    if not files:
        click.echo(no_reports_message(), err=True)
        sys.exit(EXIT_FATAL)
    keep = "all" if parent else ("findings" if output_format == "html" else "none")
    options = CheckOptions(lang, _codes(select), _codes(ignore), explicit, not no_copies, keep)
    show_progress = sys.stderr.isatty() and len(files) > 1
    try:
        records = list(check_paths(files, options, jobs=jobs, progress=_progress if show_progress else None))
    except CheckConfigError as exc:
        click.echo(f"govreport: {exc}", err=True)
        sys.exit(EXIT_FATAL)

    comparison = None
    if parent:
        from govreport.check.rollup import RollupError, compare_parent

        try:
            comparison = compare_parent(Path(parent), records, lang)
        except RollupError as exc:
            click.echo(f"govreport: {exc}", err=True)
            sys.exit(EXIT_FATAL)
        if output_format != "html":
            for record in records:
                record.cells = None

    if output_format == "json":
        from govreport.check.output import record_dict

        if comparison is not None:
            import json

            payload = {"reports": [record_dict(r) for r in records], "parent": comparison.to_dict()}
            text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        else:
            text = write_json(records)
    elif output_format == "csv":
        text = write_csv(records)
    elif output_format == "html":
        from govreport.check.page import render_page

        text = render_page(records, lang, comparison)
    else:
        text = write_text(records, lang)
        if comparison is not None:
            text += comparison.text()
    done = (f"wrote {output}" if lang == "en" else f"已写入 {output}") if output else None
    write_output(output, text, force=force, done=done)

    if any(r.fatal for r in records):
        sys.exit(EXIT_FATAL)
    warned = any(r.warnings for r in records) or bool(comparison and comparison.differences)
    failed = any(r.errors for r in records) or (strict and warned)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)
