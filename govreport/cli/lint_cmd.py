"""``govreport lint``: check report files."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from govreport.cli.lang import BiCommand, BiOption, lang_option, t
from govreport.cli.output import no_config_message, no_report_files_message, unknown_code_message

if TYPE_CHECKING:
    from govreport.lint.config import LintConfig

EXIT_OK, EXIT_FINDINGS, EXIT_FATAL = 0, 1, 2
PROGRESS_MIN = 50  # files: below this a batch is over before a progress line helps


def _progress(done: int, total: int) -> None:
    from govreport.sanitize import raw_stream

    if done == total or done % 10 == 0:
        stream = raw_stream(sys.stderr)  # the progress line's \r is deliberate
        stream.write(t(f"\r检查中 {done}/{total} …", f"\rchecking {done}/{total} …"))
        stream.flush()


def _refuse_special_file(path: Path) -> None:
    """A FIFO, socket or device given as --config would block or never end: refuse it."""
    from govreport.fsutil import not_regular, special_kind
    from govreport.lint.config import ConfigError

    try:
        kind = special_kind(os.stat(path).st_mode)
    except OSError:
        return  # reading it reports what is wrong
    if kind:
        raise ConfigError(not_regular(str(path), kind))


def _codes(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


@click.command(cls=BiCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    envvar="GOVREPORT_FORMAT",
    cls=BiOption,
    help="Output format (env GOVREPORT_FORMAT).  [default: text]",
    help_zh="输出格式（环境变量 GOVREPORT_FORMAT）。[默认：text]",
)
@lang_option
@click.option(
    "--previous",
    type=click.Path(path_type=str),
    cls=BiOption,
    help="Last year's report, for the cross-year rules X1–X3.  [default: found beside the file]",
    help_zh="上年报告，用于跨年检查 X1–X3。[默认：报告中 previous 指定的文件，或同目录中找到的]",
)
@click.option(
    "--select",
    cls=BiOption,
    help="Only these rule codes or prefixes, comma-separated (e.g. H,X1).",
    help_zh="只检查这些规则代码或前缀，逗号分隔（如 H,X1）。",
)
@click.option(
    "--ignore",
    cls=BiOption,
    help="Skip these rule codes or prefixes, comma-separated.",
    help_zh="跳过这些规则代码或前缀，逗号分隔。",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=str),
    cls=BiOption,
    help="Use this configuration file.",
    help_zh="使用此配置文件。",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    cls=BiOption,
    help="Exit with 0 even when errors are found.",
    help_zh="即使发现错误，退出状态也为 0。",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    cls=BiOption,
    help="Worker processes for many files.  [default: one per CPU from 64 files]",
    help_zh="检查大量文件时的工作进程数。[默认：64 个文件起每个 CPU 一个]",
)
@click.option(
    "--skip-non-reports",
    is_flag=True,
    cls=BiOption,
    help="Skip named files that are not report files (for pre-commit, which passes every .toml).",
    help_zh="跳过不是报告文件的文件（供 pre-commit 使用，它会传入所有 .toml）。",
)
@click.option(
    "--strict",
    is_flag=True,
    cls=BiOption,
    help="Warnings fail too (exit 1).",
    help_zh="有警告也算失败（退出状态 1）。",
)
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
    from govreport.lint.batch import BatchConfigError, BatchOptions, lint_paths
    from govreport.lint.config import ConfigError, find_config, read_config_file
    from govreport.lint.discover import expand_paths
    from govreport.lint.engine import LintResult
    from govreport.lint.output import write_github, write_json, write_sarif, write_text
    from govreport.lint.registry import is_known_code
    from govreport.report.document import ReportDocument, ReportError

    for code in _codes(select) + _codes(ignore):
        if not is_known_code(code):
            raise click.BadParameter(unknown_code_message(code), param_hint="--select/--ignore")

    try:
        if config_path:
            _refuse_special_file(Path(config_path))
        explicit = read_config_file(Path(config_path)) if config_path else None
        if config_path and explicit is None:
            raise ConfigError(no_config_message(config_path))
        run_config = explicit or find_config(Path.cwd())
    except ConfigError as exc:
        click.echo(f"govreport: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    from govreport.cli.lang import chosen_lang, set_lang

    lang = chosen_lang(None, lang) or run_config.lang or "zh"
    set_lang(lang)
    output_format = output_format or run_config.output_format or "text"

    last_year: ReportDocument | None = None
    if previous:
        try:
            last_year = ReportDocument.load(previous)
        except ReportError as exc:
            click.echo(
                t(
                    f"govreport: 无法读取上年报告：{exc.shown}",
                    f"govreport: cannot read last year's report: {exc.shown}",
                ),
                err=True,
            )
            sys.exit(EXIT_FATAL)

    files = list(
        expand_paths(
            paths,
            skip_non_reports=skip_non_reports,
            on_skip=lambda m: click.echo(f"govreport: {m}", err=True),
        )
    )
    if not files:
        if skip_non_reports:
            return
        click.echo(no_report_files_message(), err=True)
        sys.exit(EXIT_FATAL)
    options = BatchOptions(lang, _codes(select), _codes(ignore), explicit, last_year)
    show_progress = len(files) >= PROGRESS_MIN and sys.stderr.isatty()
    results: list[LintResult] = []
    try:
        for result in lint_paths(files, options, jobs=jobs, progress=_progress if show_progress else None):
            results.append(result)
    except BatchConfigError as exc:
        click.echo(f"govreport: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    if show_progress:
        from govreport.sanitize import raw_stream

        raw_stream(sys.stderr).write("\r\x1b[K")

    for result in results:
        if result.fatal and not result.findings:
            click.echo(f"govreport: {result.fatal}", err=True)
    out = sys.stdout
    if output_format == "json":
        write_json(results, out)
    elif output_format == "github":
        write_github(results, out)
    elif output_format == "sarif":
        write_sarif(results, out, lang)
    else:
        colour = color == "always" or (color == "auto" and out.isatty() and not os.environ.get("NO_COLOR"))
        write_text(results, out, lang, colour)
        for line in _silenced_notes(files, explicit, lang):
            out.write(line + "\n")

    if any(r.fatal for r in results):
        sys.exit(EXIT_FATAL)
    failed = any(r.errors for r in results) or (strict and any(r.warnings for r in results))
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


def _silenced_notes(files: list[Path], explicit: LintConfig | None, lang: str) -> list[str]:
    """Which configuration file turned rules off for these files, so that a "全部通过" made by
    a forgotten ``ignore = ["ALL"]`` in a parent directory says where it comes from."""
    from govreport.lint.config import ConfigError, find_config
    from govreport.lint.registry import all_rules

    codes = [r.code for r in all_rules()]
    off: dict[Path, set[str]] = {}
    for file in files:
        try:
            config = explicit or find_config(file)
        except ConfigError:
            continue
        if config.source is None:
            continue
        disabled = {code for code in codes if not config.enabled(code, file)}
        if disabled:
            off.setdefault(config.source, set()).update(disabled)
    notes = []
    for source, disabled in off.items():
        shown = [c for c in codes if c in disabled]
        if len(shown) == len(codes):
            what = ("全部规则", "every rule")
        elif len(shown) > 8:
            what = (f" {len(shown)} 条规则", f"{len(shown)} rules")
        else:
            what = (" " + "、".join(shown), ", ".join(shown))
        notes.append(
            f"注意：配置文件 {source} 停用了{what[0]}。"
            if lang != "en"
            else f"Note: the configuration file {source} turns off {what[1]}."
        )
    return notes
