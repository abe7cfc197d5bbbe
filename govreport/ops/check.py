"""Check: many reports in any form (report files, published reports imported in memory)
linted in one batch, compared for copied text and, with a parent, against their sum; the
result as text, JSON, CSV or one HTML page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.ops.errors import OperationError

if TYPE_CHECKING:
    from govreport.check.rollup import Comparison
    from govreport.check.run import CheckRecord

NO_INPUTS = (
    "没有找到报告（报告文件 .toml，或 .txt、.html、.docx、.pdf 等已发布的报告）",
    "no reports found (report files .toml, or published reports: .txt, .html, .docx, .pdf…)",
)


@dataclass
class CheckRunOptions:
    paths: Sequence[str]
    output_format: str = "text"  # text, json, csv, html
    output: str | None = None  # where the result goes (html needs a file)
    lang: str | None = None  # None: the configuration's, else Chinese
    select: str | None = None
    ignore: str | None = None
    config_path: str | None = None
    parent: str | None = None  # a government's own report, compared with the sum of the others
    copies: bool = True
    jobs: int | None = None
    progress: Callable[[str, int, int], None] | None = None


@dataclass
class CheckRun:
    records: list[CheckRecord]
    comparison: Comparison | None
    text: str  # the result in the format asked for
    lang: str

    @property
    def fatal(self) -> bool:
        return any(r.fatal for r in self.records)

    def failed(self, strict: bool = False) -> bool:
        warned = any(r.warnings for r in self.records) or bool(
            self.comparison and self.comparison.differences
        )
        return any(r.errors for r in self.records) or (strict and warned)


def find_inputs(paths: Sequence[str], exclude: str | None = None) -> list[Path]:
    """The inputs named or found in the directories named, but *exclude*; OperationError if
    there are none."""
    from govreport.check.inputs import expand_inputs

    files = list(expand_inputs(paths))
    if exclude:
        files = [f for f in files if f.resolve() != Path(exclude).resolve()]
    if not files:
        raise OperationError(*NO_INPUTS)
    return files


def run_check(options: CheckRunOptions) -> CheckRun:
    """Check the inputs of *options*; OperationError for a wrong code, html without a file,
    an unusable configuration, no input, or a parent that cannot be compared."""
    from govreport.check.output import write_csv, write_json, write_text
    from govreport.check.run import CheckConfigError, CheckOptions, check_paths
    from govreport.ops.lint import load_config, rule_codes

    selected, ignored = rule_codes(options.select, options.ignore)
    output_format = options.output_format
    if output_format == "html" and not options.output:
        raise OperationError(
            "--format html 需要用 -o 指定输出文件（如 -o check.html）",
            "--format html needs a file named with -o (e.g. -o check.html)",
        )
    explicit, run_config = load_config(options.config_path)
    lang = options.lang or run_config.lang or "zh"

    parent = options.parent
    files = find_inputs(options.paths, exclude=parent)
    keep = "all" if parent else ("findings" if output_format == "html" else "none")
    check_options = CheckOptions(lang, selected, ignored, explicit, options.copies, keep)
    progress = options.progress if len(files) > 1 else None
    try:
        records = list(check_paths(files, check_options, jobs=options.jobs, progress=progress))
    except CheckConfigError as exc:
        raise OperationError(str(exc)) from None

    comparison = None
    if parent:
        from govreport.check.rollup import RollupError, compare_parent

        try:
            comparison = compare_parent(Path(parent), records, lang)
        except RollupError as exc:
            raise OperationError(str(exc)) from None
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
    return CheckRun(records, comparison, text, lang)
