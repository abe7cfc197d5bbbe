"""Findings that follow from another: one wrong 总计 explains them all.

A wrong 总计 (``requests.new.total = 18`` where its parts add up to 17) is reported by H3 at the
right cell, but it also breaks the balance H1 of its column (reported at 四、结转's total,
which is correct) and can make the text disagree with the table (P1).  Such a finding is a
*consequence*: the cell of the *cause* explains it.  It is pointed at that cell, marked
("由第 N 行的问题引起"), keeps its own place among its related cells, and records its cause
(``consequence_of``: code, line, column, path) for JSON and SARIF.

A finding is taken for a consequence only when it can be shown to be one:

- another sum relation (H1–H4) through the wrong total holds once the total is its computed
  value;
- any other finding (P, X …) names the wrong total among its related cells and its message
  has the computed value (the text says 17, the table 18: it says what the total should be).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from govreport.format.relations import Relation
from govreport.format.spec import KeyPath
from govreport.lint.context import LintContext
from govreport.lint.finding import Finding

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
SUM_RULES = ("H1", "H2", "H3", "H4")


def _value(numbers: Mapping[KeyPath, float], path: KeyPath, fixed: Mapping[KeyPath, float]) -> float | None:
    return fixed[path] if path in fixed else numbers.get(path)


def _holds(relation: Relation, numbers: Mapping[KeyPath, float], fixed: Mapping[KeyPath, float]) -> bool:
    left = [_value(numbers, p, fixed) for p in relation.left]
    right = [_value(numbers, p, fixed) for p in relation.right]
    if any(v is None for v in left + right):
        return False
    return abs(sum(v for v in left if v is not None) - sum(v for v in right if v is not None)) < 1e-9


def _finding_path(relation: Relation) -> KeyPath:
    return relation.left[0] if relation.is_total else relation.anchor


def link_consequences(ctx: LintContext, findings: list[Finding]) -> None:
    """Mark, in place, the findings that a wrong 总计 among *findings* explains."""
    relations = [r for r in ctx.spec.relations if r.rule in SUM_RULES]
    numbers: dict[KeyPath, float] = {}
    for path in {p for r in relations for p in r.cells}:
        n = ctx.number(path)
        if n is not None:
            numbers[path] = float(n)
    # causes: a 总计 that disagrees with its own parts, with the value they give
    totals: dict[tuple[str, KeyPath], list[Relation]] = {}
    for r in relations:
        if r.is_total:
            totals.setdefault((r.rule, r.left[0]), []).append(r)
    causes: dict[KeyPath, tuple[Finding, float]] = {}
    for f in findings:
        if f.code not in SUM_RULES:
            continue
        path = tuple(p for p in f.path if isinstance(p, str))
        for r in totals.get((f.code, path), []):
            if path in numbers:
                parts = [numbers.get(p) for p in r.right]
                if all(v is not None for v in parts):
                    causes.setdefault(path, (f, sum(v for v in parts if v is not None)))
    if not causes:
        return
    by_anchor: dict[tuple[str, KeyPath], list[Relation]] = {}
    for r in relations:
        by_anchor.setdefault((r.rule, _finding_path(r)), []).append(r)
    for f in findings:
        if f.consequence_of is not None:
            continue
        path = tuple(p for p in f.path if isinstance(p, str))
        for total, (cause, computed) in causes.items():
            if f is cause or (path == total and f.code == cause.code):
                continue
            if f.code in SUM_RULES:
                candidates = [r for r in by_anchor.get((f.code, path), []) if total in r.cells]
                if not candidates or not all(
                    _holds(r, numbers, {total: computed}) for r in candidates if not _holds(r, numbers, {})
                ):
                    continue
            else:
                related = {r.get("path") for r in f.related}
                if ".".join(total) not in related:
                    continue
                shown = {float(m) for m in _NUMBER.findall(f.message)}
                if computed not in shown:
                    continue
            _mark(ctx, f, cause, total)
            break


def _mark(ctx: LintContext, f: Finding, cause: Finding, total: KeyPath) -> None:
    own = {"path": f.dotted_path, "line": f.line, "column": f.column}
    if (f.line, f.column) != (cause.line, cause.column):
        f.related = [own, *[r for r in f.related if r.get("path") != ".".join(total)]]
    f.line, f.column = cause.line, cause.column
    f.consequence_of = {
        "code": cause.code,
        "line": cause.line,
        "column": cause.column,
        "path": ".".join(total),
    }
    f.message += ctx.t(
        f"（由第 {cause.line} 行的问题引起：{cause.code}）",
        f" (caused by the problem at line {cause.line}: {cause.code})",
    )
