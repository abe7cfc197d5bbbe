"""Sum (逐级汇总): tables 二, 三 and 四 of many reports added up into one report file of the
same format, each sum exact or "?"; refused (nothing made) when the total would be wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from govreport.ops.errors import OperationError


@dataclass
class SumOptions:
    paths: Sequence[str]
    organ: str  # the organ of the summed report
    jobs: int | None = None


@dataclass
class Summed:
    text: str  # the report file of the sum
    parts: int  # how many reports went into it
    year: int
    version: str


def sum_reports(options: SumOptions) -> Summed:
    """The sum of the reports of *options*; OperationError for an empty organ, no input, an
    input that cannot be read, mixed years or formats, or an organ's report given twice."""
    from govreport.check.rollup import Part, RollupError, check_same, read_part, repeated_organs, sum_report
    from govreport.format.spec import load_spec
    from govreport.lint.batch import cpu_count, map_in_workers
    from govreport.ops.check import find_inputs

    organ = options.organ.strip()
    if not organ:
        raise OperationError("--organ 不能为空", "--organ must not be empty")
    names = [str(p) for p in find_inputs(options.paths)]
    workers = options.jobs or (1 if len(names) < 4 else min(cpu_count(), len(names)))
    read = list(map_in_workers(read_part, names, jobs=workers, chunksize=1))
    failed = [r for r in read if isinstance(r, str)]
    if failed:
        raise OperationError(
            f"{len(failed)} 份报告无法读取，合计会偏低，未生成汇总",
            f"{len(failed)} reports cannot be read; the sum would be too low, so none was made",
            details=failed,
        )
    parts = [r for r in read if isinstance(r, Part)]
    try:
        year, version = check_same(parts)
    except RollupError as exc:
        raise OperationError(str(exc)) from None
    repeated = repeated_organs(parts)
    if repeated is not None:
        raise OperationError(*repeated)
    return Summed(sum_report(load_spec(version), parts, organ, year), len(parts), year, version)
