"""``govreport check``: published reports (any form import reads) and report files, checked in one go."""

from __future__ import annotations

import sys

import click

from govreport.cli import options as opt
from govreport.cli.lang import BiCommand, lang_option
from govreport.cli.lint_cmd import EXIT_FATAL, EXIT_FINDINGS, EXIT_OK
from govreport.i18n import t

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
@opt.paths_argument
@opt.format_option(
    ["text", "json", "csv", "html"],
    "text: a line per report; json: a record per report with its findings; csv: a row per report; "
    "html: one self-contained page (needs -o).",
    "text：每份报告一行； json：每份报告一条记录及其问题； csv：每份报告一行； html：一个独立的网页（需要 -o）。",
    default="text",
    show_default=True,
)
@opt.output_option("Write to this file instead of standard output.", "写入此文件，而不是标准输出。")
@opt.force_option
@lang_option
@opt.select_option
@opt.ignore_option
@opt.config_option
@opt.bi_option(
    "--parent",
    type=click.Path(path_type=str),
    help="A government's own report (any form): compared cell by cell with the sum of the other reports.",
    help_zh="政府本级的报告（任何形式）：与其他报告之和逐格比较。",
)
@opt.no_copies_option
@opt.jobs_option()
@opt.exit_zero_option
@opt.strict_option
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
    from govreport.cli.output import perform, write_output
    from govreport.ops.check import CheckRunOptions, run_check

    progress = _progress if sys.stderr.isatty() else None
    options = CheckRunOptions(paths, output_format, output, lang, select, ignore, config_path, parent)
    options.copies, options.jobs, options.progress = not no_copies, jobs, progress
    run = perform(lang, run_check, options)
    done = (f"wrote {output}" if run.lang == "en" else f"已写入 {output}") if output else None
    write_output(output, run.text, force=force, done=done)

    if run.fatal:
        sys.exit(EXIT_FATAL)
    sys.exit(EXIT_FINDINGS if run.failed(strict) and not exit_zero else EXIT_OK)
