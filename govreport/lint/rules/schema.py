"""S: the structure of the file against the format's JSON Schema; H5: the cells' values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govreport.format.validate import SchemaIssue
from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule

_TYPE_NAMES = {
    "object": ("表（table）", "a table"),
    "integer": ("整数", "an integer"),
    "number": ("数字", "a number"),
    "string": ("字符串（用引号括起）", "a quoted string"),
    "array": ("数组", "an array"),
    "boolean": ("布尔值", "a boolean"),
}


def _type_name(ctx: LintContext, expected: Any) -> str:
    names = expected if isinstance(expected, list) else [expected]
    sep = ctx.t("或", " or ")
    return sep.join(ctx.t(*_TYPE_NAMES.get(str(n), (str(n), str(n)))) for n in names)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:29] + "…"
        return f'"{shown}"'
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return str(value)


def _is_section(ctx: LintContext, issue: SchemaIssue) -> bool:
    node = ctx.spec.node(issue.path)
    return len(issue.path) == 1 and node is not None and node.section_number is not None


def _issues(ctx: LintContext, *kinds: str, cells: bool | None = None) -> Iterator[SchemaIssue]:
    for issue in ctx.schema_issues:
        if issue.kind not in kinds:
            continue
        if cells is not None and issue.is_cell != cells:
            continue
        if ctx.has_placeholder(ctx.doc.get(issue.path)):
            continue  # an unfilled placeholder is reported once, by C3
        yield issue


@rule("S1", "unknown-key", Severity.ERROR)
def unknown_key(ctx: LintContext) -> Iterator[Problem]:
    """官方格式中没有的键。

    多为拼写错误（persn 写成 person 之误），或官方格式没有的行、列，如第三方模板加的
    “法人或其他组织小计”列或小计行。提示中给出最可能的正确键名。
    ---
    A key that the format does not have.

    Usually a typing mistake (``persn`` for ``person``) or a row or column that the official
    format does not have, such as a "法人或其他组织小计" column or a subtotal row added by a
    third-party template.  The message suggests the key that was probably meant.
    """
    for issue in _issues(ctx, "unknown-key"):
        key = issue.path[-1]
        where = ctx.describe(issue.path[:-1]) or ctx.t("文件顶层", "the top level")
        if issue.suggestion:
            node = ctx.spec.node((*issue.path[:-1], issue.suggestion))
            label = ctx.t(f"（{node.title}）", f" ({node.title_en})") if node else ""
            yield Problem(
                issue.path,
                ctx.t(
                    f"{where}中没有键「{key}」，是否应为「{issue.suggestion}」{label}？",
                    f"{where} has no key “{key}”; did you mean “{issue.suggestion}”{label}?",
                ),
                anchor="key",
            )
        else:
            yield Problem(
                issue.path,
                ctx.t(
                    f"{where}中没有键「{key}」，官方格式没有这一项",
                    f"{where} has no key “{key}” in the format",
                ),
                anchor="key",
            )


@rule("S2", "missing-key", Severity.ERROR)
def missing_key(ctx: LintContext) -> Iterator[Problem]:
    """缺少格式要求的值。

    官方表格的每一行、每一列都必须有（没有的填 0），前言中的机关名称、年度、统计期限、网站、
    联系方式也必须有。问题指向应包含该键的表。govreport new 生成的文件是完整的。
    ---
    A value that the format requires is missing.

    Every row and column of the official tables must be present (write ``0`` for none), and
    so must the preamble's organ, year, statistics period, website and contact.  The finding
    points at the table that should hold the key.  ``govreport new`` writes a complete file.
    """
    for issue in _issues(ctx, "missing-key"):
        if _is_section(ctx, issue) or issue.path == ("format",):
            continue  # reported by C1 and F2
        yield Problem(
            issue.path,
            ctx.t(
                f"缺少「{ctx.describe(issue.path)}」（键 {issue.path[-1]}）",
                f"missing “{ctx.describe(issue.path)}” (key {issue.path[-1]})",
            ),
        )


@rule("S3", "wrong-type", Severity.ERROR)
def wrong_type(ctx: LintContext) -> Iterator[Problem]:
    """表格以外的值类型不对。

    例如 year = "2025"（字符串），格式要求的是数字 2025；或把 [report] 写成了普通的值。表格单元格由 H5 检查。
    ---
    A value of the wrong type outside the tables.

    For example ``year = "2025"`` (a string) where the format wants the number ``2025``,
    or ``[report]`` written as a plain value.  Table cells are checked by H5.
    """
    for issue in _issues(ctx, "type", cells=False):
        yield Problem(
            issue.path,
            ctx.t(
                f"「{ctx.describe(issue.path)}」应为{_type_name(ctx, issue.expected)}，实为 {_show(issue.actual)}",
                f"“{ctx.describe(issue.path)}” must be {_type_name(ctx, issue.expected)}, "
                f"not {_show(issue.actual)}",
            ),
        )


@rule("S4", "out-of-range", Severity.ERROR)
def out_of_range(ctx: LintContext) -> Iterator[Problem]:
    """表格以外的数值超出格式允许的范围（如年度）。
    ---
    A number outside the range the format allows, outside the tables (e.g. the year).
    """
    for issue in _issues(ctx, "range", cells=False):
        keyword, limit = issue.expected
        low = keyword.endswith("inimum")
        yield Problem(
            issue.path,
            ctx.t(
                f"「{ctx.describe(issue.path)}」为 {_show(issue.actual)}，应{'不小于' if low else '不大于'} {limit}",
                f"“{ctx.describe(issue.path)}” is {_show(issue.actual)}; it must be "
                f"{'at least' if low else 'at most'} {limit}",
            ),
        )


@rule("S5", "invalid-value", Severity.ERROR)
def invalid_value(ctx: LintContext) -> Iterator[Problem]:
    """格式不允许的值：空的名称、不是 6 位数字的邮编、不是日期的日期、不在列表中的机关层级。
    ---
    A value the format does not allow: an empty name, a postcode that is not six digits,
    a date that is not a date, an organ level not in the list, a wrong format version.
    """
    for issue in _issues(ctx, "value"):
        keyword, expected = issue.expected
        label = ctx.describe(issue.path)
        shown = _show(issue.actual)
        if keyword == "enum":
            choices = "、".join(str(v) for v in expected)
            msg = ctx.t(
                f"「{label}」为 {shown}，应为以下之一：{choices}", f"“{label}” is {shown}; allowed: {choices}"
            )
        elif keyword == "const":
            msg = ctx.t(
                f"「{label}」应为 {_show(expected)}，实为 {shown}", f"“{label}” must be {_show(expected)}"
            )
        elif keyword == "minLength":
            msg = ctx.t(f"「{label}」不能为空", f"“{label}” must not be empty")
        elif keyword == "pattern" and issue.path[-1:] == ("postcode",):
            msg = ctx.t(
                f"「{label}」应为 6 位数字，实为 {shown}", f"“{label}” must be six digits, not {shown}"
            )
        elif keyword == "format":
            msg = ctx.t(
                f"「{label}」应为日期（如 2025-01-01），实为 {shown}",
                f"“{label}” must be a date such as 2025-01-01, not {shown}",
            )
        else:
            msg = ctx.t(f"「{label}」的值 {shown} 不符合格式要求", f"“{label}” has an invalid value {shown}")
        yield Problem(issue.path, msg)


@rule("H5", "cell-value", Severity.ERROR)
def cell_value(ctx: LintContext) -> Iterator[Problem]:
    """件数应为非负整数；只有金额（行政事业性收费、信息处理费）可以是小数。

    表格中的数是申请、文件、决定的件数：没有的填 0，不能是负数、小数、“无”之类的文字。
    表二“本年收费金额（单位：万元）”和六中可选的信息处理费金额（元）可以有小数，但不能为负。
    ---
    Every count is a non-negative integer; only amounts (行政事业性收费, 信息处理费) may be decimals.

    Table cells count applications, documents and decisions: write ``0`` for none, never
    a negative number, a fraction, text such as ``"无"`` or a blank.  The fee amount of
    table 二 (本年收费金额，单位：万元) may have decimals but must not be negative.  In the
    2019 试行 format, 本年增/减 is a change and may be negative (减用负值表示，如 -8), and
    采购总金额 is an amount.
    """
    for issue in _issues(ctx, "type", "range", "not-finite", cells=True):
        label = ctx.describe(issue.path)
        shown = _show(issue.actual)
        node = ctx.spec.node(issue.path)
        kind = node.cell_kind if node is not None else None
        amount, delta = kind == "amount", kind == "delta"
        if issue.kind == "range" and issue.expected[0].endswith("aximum"):
            msg = ctx.t(
                f"{label}为 {shown}，超出合理范围（不大于 {issue.expected[1]}）",
                f"{label} is {shown}, beyond the plausible maximum {issue.expected[1]}",
            )
        elif delta:
            msg = ctx.t(
                f"{label}应为整数（减少用负数表示，如 -8），实为 {shown}",
                f"{label} must be a whole number (negative for a decrease, e.g. -8), not {shown}",
            )
        elif amount:
            msg = ctx.t(
                f"{label}应为非负数（单位：万元），实为 {shown}",
                f"{label} must be a non-negative amount in 10,000 yuan, not {shown}",
            )
        else:
            msg = ctx.t(
                f"{label}应为非负整数，实为 {shown}", f"{label} must be a non-negative integer, not {shown}"
            )
        yield Problem(issue.path, msg)
