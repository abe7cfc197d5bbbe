"""M: the linter's own annotations in the file."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.lint.context import SuppressionContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule


@rule("M1", "unused-suppression", Severity.WARNING, stage="suppressions")
def unused_suppression(ctx: SuppressionContext) -> Iterator[Problem]:
    """抑制注释（# govreport: ignore[…]）已不再抑制任何问题，或含有未知的规则代码。

    抑制注释用于确认无误、予以接受的问题。数值改正后应删除该注释，否则会掩盖这一行今后真正的问题。
    ---
    A ``# govreport: ignore[…]`` comment that no longer silences anything, or names an unknown code.

    Suppressions are for findings you have checked and accept (a report that really is like
    that).  When the value is corrected the comment should go, or it would hide the next real
    problem on that line.  Remove the comment, or the code that no longer applies.
    """
    for line, column, unused, unknown in ctx.unused:
        if unknown:
            yield Problem(
                (),
                ctx.t(
                    f"抑制注释中有未知的规则代码：{', '.join(unknown)}",
                    f"unknown rule code in suppression: {', '.join(unknown)}",
                ),
                line=line,
                column=column,
            )
        if list(unused) == ["*"]:
            message = ctx.t(
                "抑制注释 govreport: ignore 没有抑制任何问题，可以删除",
                "“govreport: ignore” suppresses nothing; remove it",
            )
            yield Problem((), message, line=line, column=column)
        elif unused:
            codes = ", ".join(unused)
            message = ctx.t(
                f"抑制注释中的 {codes} 没有抑制任何问题，可以删除",
                f"{codes} in the suppression comment suppresses nothing; remove it",
            )
            yield Problem((), message, line=line, column=column)
