"""Export: every cell of every report in long form, and the findings, as CSV (two files),
Excel or JSON Lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.i18n import t
from govreport.ops.errors import OperationError

if TYPE_CHECKING:
    from govreport.check.run import CheckRecord


@dataclass
class ExportOptions:
    paths: Sequence[str]
    target: str  # csv, xlsx, jsonl
    output: str  # a file, or "-" (csv and jsonl only)
    force: bool = False  # the output files may be replaced
    lang: str | None = None
    select: str | None = None
    ignore: str | None = None
    copies: bool = True
    jobs: int | None = None


@dataclass
class OutputFile:
    """One thing to write: where (``-``: standard output), what, and what to say once written."""

    target: str
    data: str | bytes
    done: str | None = None


@dataclass
class Exported:
    records: list[CheckRecord]
    outputs: list[OutputFile] = field(default_factory=list)

    @property
    def fatal(self) -> bool:
        return any(r.fatal for r in self.records)


def findings_name(output: str) -> str:
    """``cells.csv`` → ``cells-findings.csv``: where ``--to csv`` puts the findings."""
    path = Path(output)
    return str(path.with_name(f"{path.stem}-findings{path.suffix or '.csv'}"))


def run_export(options: ExportOptions) -> Exported:
    """The reports of *options* checked and their files made (written by the caller, all or
    none: an existing one refuses the export unless *force*); OperationError for a wrong
    code, Excel to standard output, no input, an output that exists, an unusable configuration."""
    from govreport.check import export as ex
    from govreport.check.run import CheckConfigError, CheckOptions, check_paths
    from govreport.ops.check import find_inputs
    from govreport.ops.lint import rule_codes
    from govreport.ops.output import refuse_existing

    selected, ignored = rule_codes(options.select, options.ignore)
    output, target = options.output, options.target
    if target == "xlsx" and output == "-":
        raise OperationError(
            "--to xlsx 需要用 -o 指定输出文件（Excel 文件不能写到标准输出）",
            "--to xlsx needs a file named with -o (an Excel file cannot go to standard output)",
        )
    files = find_inputs(options.paths)
    extra = findings_name(output) if target == "csv" and output != "-" else None
    if not options.force:
        refuse_existing([output, extra])
    check_options = CheckOptions(options.lang or "zh", selected, ignored, None, options.copies, "all")
    try:
        records = list(check_paths(files, check_options, jobs=options.jobs))
    except CheckConfigError as exc:
        raise OperationError(str(exc)) from None
    cells = sum(len(r.cells or {}) for r in records)
    problems = sum(len(r.findings) for r in records)
    done = t(
        f"已导出 {len(records)} 份报告的 {cells} 个单元格和 {problems} 个问题到 {output}",
        f"Exported {cells} cells and {problems} findings of {len(records)} reports to {output}",
    )
    result = Exported(records)
    if target == "xlsx":
        result.outputs.append(OutputFile(output, ex.to_xlsx(records), done))
    elif target == "jsonl":
        result.outputs.append(OutputFile(output, ex.to_jsonl(records), done if output != "-" else None))
    else:
        result.outputs.append(OutputFile(output, ex.to_csv(records)))
        if extra:
            result.outputs.append(
                OutputFile(
                    extra,
                    ex.findings_csv(records),
                    t(f"{done}（问题见 {extra}）", f"{done} (findings in {extra})"),
                )
            )
    return result
