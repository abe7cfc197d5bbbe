"""Cells that hold no number: left blank in the source (Q1) or not resolved on import (I1)."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.format.values import CellState
from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule


@rule("I1", "unresolved-value", Severity.ERROR)
def unresolved_value(ctx: LintContext) -> Iterator[Problem]:
    """导入时无法从原文确定的数值。

    发布的报告有时丢失了数字之间的分隔（“801000081”）。导入时按格式的勾稽关系拆分这些数字串；
    若有不止一种拆法都满足关系，就不猜测：这些单元格写为 "?"，候选值写在同一行的注释中。
    请对照原文填写实际数值。涉及未确定单元格的合计在填写前不检查。
    ---
    A value that ``govreport import`` could not determine from the source.

    Published reports sometimes lose the separators between numbers ("801000081").  The
    importer splits such runs using the sum relations of the format; where more than one
    split satisfies them it does not guess: the cells get ``"?"`` and the candidates are
    written in a comment on the same line.  Read the source and write the real value.
    Sums that involve an unresolved cell are not checked until it is filled in.
    """
    for path, state in ctx.cell_states.items():
        if state is CellState.UNRESOLVED:
            yield Problem(
                path,
                ctx.t(
                    f"{ctx.describe(path)}的数值导入时未能确定，请对照原文填写（候选值见该行注释）",
                    f"{ctx.describe(path)} could not be determined on import; fill it in from the "
                    "source (candidates in the comment on its line)",
                ),
            )


@rule("Q1", "blank-cell", Severity.WARNING)
def blank_cell(ctx: LintContext) -> Iterator[Problem]:
    """表格单元格为空白（""），格式要求填写数字。

    许多发布的报告把 0 留成空白。合计时空白按 0 计算，但官方格式要求每格都填数字：没有的请填 0。
    空白的总计不与各项核对。
    ---
    A table cell left blank (``""``) where the format expects a number.

    Many published reports leave cells blank instead of writing 0.  Blank cells are counted
    as 0 in the sums, but the official format asks for a number in every cell: write ``0``.
    A blank 总计 is not checked against its parts.
    """
    for path, state in ctx.cell_states.items():
        if state is CellState.BLANK:
            yield Problem(
                path,
                ctx.t(
                    f"{ctx.describe(path)}为空白；没有的请填 0",
                    f"{ctx.describe(path)} is blank; write 0 for none",
                ),
            )
