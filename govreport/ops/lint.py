"""Lint: report files checked by the lint engine, with the configuration, last year's report
and the rule selection worked out as ``govreport lint`` does.  Nothing here imports more than
the lint path needs (no Jinja2, Textual, pdfplumber or python-docx)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.i18n import t
from govreport.ops.errors import OperationError, usage_error

if TYPE_CHECKING:
    from govreport.lint.config import LintConfig
    from govreport.lint.engine import LintResult
    from govreport.lint.finding import Finding

PROGRESS_MIN = 50  # files: below this a batch is over before a progress line helps


@dataclass
class LintOptions:
    paths: Sequence[str]
    lang: str | None = None  # None: the configuration's, else Chinese
    output_format: str | None = None  # None: the configuration's, else "text"
    previous: str | None = None  # last year's report for every file
    select: str | None = None  # rule codes or prefixes, comma-separated
    ignore: str | None = None
    config_path: str | None = None
    jobs: int | None = None
    skip_non_reports: bool = False
    progress: Callable[[int, int], None] | None = None  # called from PROGRESS_MIN files on
    on_skip: Callable[[str], None] | None = None  # a named file that is not a report, skipped


@dataclass
class LintRun:
    """What lint found: a result per file, and what decides the output."""

    files: list[Path]
    results: list[LintResult]
    lang: str
    output_format: str
    progress_shown: bool = False
    notes: list[str] = field(default_factory=list)  # which configuration turned rules off

    @property
    def fatal(self) -> bool:
        return any(r.fatal for r in self.results)

    def failed(self, strict: bool = False) -> bool:
        return any(r.errors for r in self.results) or (strict and any(r.warnings for r in self.results))


def parse_codes(value: str | None) -> tuple[str, ...]:
    """``"h1, x"`` → ``("H1", "X")``."""
    if not value:
        return ()
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


def rule_codes(select: str | None, ignore: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The codes of ``--select`` and ``--ignore``; a usage error for a code no rule has."""
    from govreport.lint.registry import is_known_code

    selected, ignored = parse_codes(select), parse_codes(ignore)
    for code in selected + ignored:
        if not is_known_code(code):
            raise usage_error(
                f"未知的规则代码 {code}（见 govreport rules）",
                "--select/--ignore",
                f"unknown rule code {code} (see govreport rules)",
                bad_value=True,
            )
    return selected, ignored


def _refuse_special_file(path: Path) -> None:
    """A FIFO, socket or device given as --config would block or never end: refuse it."""
    from govreport.fsutil import special_kind
    from govreport.lint.config import ConfigError

    try:
        kind = special_kind(os.stat(path).st_mode)
    except OSError:
        return  # reading it reports what is wrong
    if kind:
        raise ConfigError(
            t(f"{path}: 是{kind}，不是普通文件，未读取", f"{path}: not a regular file ({kind}), not read")
        )


def load_config(config_path: str | None) -> tuple[LintConfig | None, LintConfig]:
    """The configuration file given (or None) and the one that applies to the current
    directory's run (the file given, else the one found upward); OperationError if unusable."""
    from govreport.lint.config import ConfigError, find_config, read_config_file

    try:
        if config_path:
            _refuse_special_file(Path(config_path))
        explicit = read_config_file(Path(config_path)) if config_path else None
        if config_path and explicit is None:
            raise ConfigError(
                t(
                    f"{config_path}: 没有 [tool.govreport] 配置",
                    f"{config_path}: no [tool.govreport] configuration",
                )
            )
        return explicit, explicit or find_config(Path.cwd())
    except ConfigError as exc:
        raise OperationError(str(exc)) from None


def find_report_files(
    paths: Sequence[str], *, skip_non_reports: bool, on_skip: Callable[[str], None] | None
) -> list[Path]:
    """The report files named or found in the directories named; OperationError if there are
    none (unless *skip_non_reports*: then nothing is to be done)."""
    from govreport.lint.discover import expand_paths

    files = list(expand_paths(paths, skip_non_reports=skip_non_reports, on_skip=on_skip))
    if not files and not skip_non_reports:
        raise OperationError("没有找到报告文件", "no report files found")
    return files


def run_lint(options: LintOptions) -> LintRun:
    """Lint the files of *options*; OperationError for a wrong code, an unusable
    configuration, an unreadable last year's report or no report file at all."""
    from govreport.lint.batch import BatchConfigError, BatchOptions, lint_paths
    from govreport.report.document import ReportDocument, ReportError

    selected, ignored = rule_codes(options.select, options.ignore)
    explicit, run_config = load_config(options.config_path)
    lang = options.lang or run_config.lang or "zh"
    output_format = options.output_format or run_config.output_format or "text"

    last_year: ReportDocument | None = None
    if options.previous:
        try:
            last_year = ReportDocument.load(options.previous)
        except ReportError as exc:
            raise OperationError(
                f"无法读取上年报告：{exc.message}", f"cannot read last year's report: {exc.shown}"
            ) from None

    files = find_report_files(
        options.paths, skip_non_reports=options.skip_non_reports, on_skip=options.on_skip
    )
    run = LintRun(files, [], lang, output_format)
    if not files:
        return run
    batch = BatchOptions(lang, selected, ignored, explicit, last_year)
    run.progress_shown = options.progress is not None and len(files) >= PROGRESS_MIN
    progress = options.progress if run.progress_shown else None
    try:
        run.results.extend(lint_paths(files, batch, jobs=options.jobs, progress=progress))
    except BatchConfigError as exc:
        raise OperationError(str(exc)) from None
    if output_format == "text":
        run.notes = silenced_notes(files, explicit, lang)
    return run


def lint_buffer(text: str, name: str, lang: str = "zh") -> list[Finding]:
    """The findings of a report's text that is not (or not yet) a file: the editor's buffer,
    their messages in *lang*."""
    from govreport.lint.engine import lint_text

    return lint_text(text, name, lang=lang).findings


def silenced_notes(files: list[Path], explicit: LintConfig | None, lang: str) -> list[str]:
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
