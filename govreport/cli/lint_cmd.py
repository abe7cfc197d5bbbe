"""``govreport lint``: check report files."""

from __future__ import annotations

import os
import sys

import click

from govreport.cli import options as opt
from govreport.cli.lang import BiCommand, BiOption, lang_option
from govreport.i18n import t

EXIT_OK, EXIT_FINDINGS, EXIT_FATAL = 0, 1, 2


def _progress(done: int, total: int) -> None:
    from govreport.sanitize import raw_stream

    if done == total or done % 10 == 0:
        stream = raw_stream(sys.stderr)  # the progress line's \r is deliberate
        stream.write(t(f"\r检查中 {done}/{total} …", f"\rchecking {done}/{total} …"))
        stream.flush()


@click.command(cls=BiCommand)
@opt.paths_argument
@opt.format_option(
    ["text", "json", "github", "sarif"],
    "Output format (env GOVREPORT_FORMAT).  [default: text]",
    "输出格式（环境变量 GOVREPORT_FORMAT）。[默认：text]",
    envvar="GOVREPORT_FORMAT",
)
@lang_option
@click.option(
    "--previous",
    type=click.Path(path_type=str),
    cls=BiOption,
    help="Last year's report, for the cross-year rules X1–X3.  [default: found beside the file]",
    help_zh="上年报告，用于跨年检查 X1–X3。[默认：报告中 previous 指定的文件，或同目录中找到的]",
)
@opt.select_option
@opt.ignore_option
@opt.config_option
@opt.exit_zero_option
@opt.jobs_option(
    "Worker processes for many files.  [default: one per CPU from 64 files]",
    "检查大量文件时的工作进程数。[默认：64 个文件起每个 CPU 一个]",
)
@opt.skip_non_reports_option
@opt.strict_option
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    cls=BiOption,
    help="Colour in text output.",
    help_zh="文本输出是否着色。",
)
def lint(
    paths: tuple[str, ...],
    output_format: str | None,
    lang: str | None,
    previous: str | None,
    select: str | None,
    ignore: str | None,
    config_path: str | None,
    exit_zero: bool,
    skip_non_reports: bool,
    jobs: int | None,
    strict: bool,
    color: str,
) -> None:
    """检查报告文件：缺失的章节、未填写的占位内容、表格的勾稽关系和各项规则。

    \b
    检查报告文件（目录中的报告文件都会检查）。每个问题一行：
        文件:行:列: 代码 说明
    退出状态：0 没有错误（警告不算，除非 --strict），1 发现错误，
    2 文件无法读取或解析，或用法、配置有误。
    规则列表：govreport rules；一条规则的说明：govreport rule 代码。
    ---
    \b
    Check report files (directories are searched for report files).  Each finding is
        FILE:LINE:COLUMN: CODE message
    Exit status: 0 no errors (warnings don't count unless --strict), 1 errors found,
    2 a file could not be read or parsed, or a usage or configuration error.
    Rules: `govreport rules`; one rule's documentation: `govreport rule CODE`.
    """
    from govreport.cli.lang import chosen_lang
    from govreport.cli.output import perform, say
    from govreport.lint.output import write_github, write_json, write_sarif, write_text
    from govreport.ops.lint import LintOptions, run_lint

    progress = _progress if sys.stderr.isatty() else None
    options = LintOptions(
        paths, chosen_lang(None, lang), output_format, previous, select, ignore, config_path, jobs
    )
    options.skip_non_reports, options.progress, options.on_skip = skip_non_reports, progress, say
    run = perform(lang, run_lint, options)
    if not run.files:
        return  # --skip-non-reports and nothing to check
    if run.progress_shown:
        from govreport.sanitize import raw_stream

        raw_stream(sys.stderr).write("\r\x1b[K")

    for result in run.results:
        if result.fatal and not result.findings:
            say(result.fatal)
    out = sys.stdout
    if run.output_format == "json":
        write_json(run.results, out)
    elif run.output_format == "github":
        write_github(run.results, out)
    elif run.output_format == "sarif":
        write_sarif(run.results, out, run.lang)
    else:
        colour = color == "always" or (color == "auto" and out.isatty() and not os.environ.get("NO_COLOR"))
        write_text(run.results, out, run.lang, colour)
        for line in run.notes:
            out.write(line + "\n")

    if run.fatal:
        sys.exit(EXIT_FATAL)
    sys.exit(EXIT_FINDINGS if run.failed(strict) and not exit_zero else EXIT_OK)
