"""H1–H4: the sum relations of tables 三 and 四, read from the schema's ``x-relations``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from govreport.format.relations import Relation
from govreport.format.spec import KeyPath
from govreport.format.values import show_number
from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule


def _strip_common(labels: list[str], sep: str) -> list[str]:
    """Drop the leading parts (separated by *sep*) that every label has in common."""
    split = [label.split(sep) for label in labels]
    common = 0
    while all(len(parts) > common + 1 for parts in split) and len({parts[common] for parts in split}) == 1:
        common += 1
    return [sep.join(parts[common:]) for parts in split]


def _term_labels(ctx: LintContext, paths: tuple[KeyPath, ...]) -> list[str]:
    """Labels that tell the terms of a sum apart: their rows when they share a column, their
    columns when they share a row, without the group names they all have in common."""
    cells = ctx.spec.cell_labels
    if not all(p in cells for p in paths):
        return [ctx.describe(p) for p in paths]
    en = ctx.lang == "en"
    rows = _strip_common([cells[p][2] if en else cells[p][0] for p in paths], " · " if en else " ")
    cols = _strip_common([cells[p][3] if en else cells[p][1] for p in paths], " / " if en else "·")
    if len(set(cols)) == 1:
        return rows
    if len(set(rows)) == 1:
        return cols
    return [f"{r} {c}" if r else c for r, c in zip(rows, cols, strict=True)]


def _sum_text(ctx: LintContext, paths: tuple[KeyPath, ...], values: list[float], labels: list[str]) -> str:
    terms = list(zip(labels, values, strict=True))
    shown = [t for t in terms if t[1] != 0] if len(terms) > 6 else terms
    text = " + ".join(f"{label} {show_number(v)}" for label, v in shown) or "0"
    hidden = len(terms) - len(shown)
    if hidden:
        text += ctx.t(f"（其余 {hidden} 项为 0）", f" (the other {hidden} are 0)")
    return text


def check_relations(ctx: LintContext, code: str) -> Iterator[Problem]:
    for relation, totals in ctx.spec.relations_by_rule.get(code, ()):
        yield from _check(ctx, relation, totals)


def _side(ctx: LintContext, paths: tuple[KeyPath, ...]) -> list[int | float] | None:
    """The numbers of *paths*, or None when one of them has none."""
    numbers = ctx.numbers
    try:
        out = [numbers[p] for p in paths]  # the cells of a relation are cells: all there
    except KeyError:
        out = [ctx.number(p) for p in paths]
    if None in out:
        return None
    return cast("list[int | float]", out)


def _check(ctx: LintContext, relation: Relation, totals: tuple[KeyPath, ...]) -> Iterator[Problem]:
    blank = ctx.blank_cells
    if blank and any(p in blank for p in totals):
        return  # a blank 总计 is reported by Q1 and not summed; blank parts count as 0
    left = _side(ctx, relation.left)
    right = _side(ctx, relation.right) if left is not None else None
    if left is None or right is None:
        return  # a missing, malformed or unresolved cell is reported by S2/H5/I1; don't pile on
    lsum, rsum = sum(left), sum(right)
    if lsum == rsum:
        return
    lvals = [float(v) for v in left]
    rvals = [float(v) for v in right]
    labels = _term_labels(ctx, relation.left + relation.right)
    llabels, rlabels = labels[: len(relation.left)], labels[len(relation.left) :]
    if relation.is_total:
        total = relation.left[0]
        yield Problem(
            total,
            ctx.t(
                f"{ctx.describe(total)}为 {show_number(lsum)}，但{relation.title}为 {show_number(rsum)}："
                f"{_sum_text(ctx, relation.right, rvals, rlabels)} = {show_number(rsum)}",
                f"{ctx.describe(total)} is {show_number(lsum)}, but {relation.title_en} gives {show_number(rsum)}: "
                f"{_sum_text(ctx, relation.right, rvals, rlabels)} = {show_number(rsum)}",
            ),
            related=relation.right,
        )
        return
    anchor = relation.anchor
    column = ctx.spec.cell_labels.get(anchor, ("", "", "", ""))
    col = column[3] if ctx.lang == "en" else column[1]
    table = ctx.spec.node(anchor[:1])
    number = table.table_number if table else ""
    yield Problem(
        anchor,
        ctx.t(
            f"表{number}「{col}」列不满足{relation.title}："
            f"{_sum_text(ctx, relation.left, lvals, llabels)} = {show_number(lsum)}，而 "
            f"{_sum_text(ctx, relation.right, rvals, rlabels)} = {show_number(rsum)}",
            f"table {table.title_en if table else ''}, column “{col}” does not balance ({relation.title_en}): "
            f"{_sum_text(ctx, relation.left, lvals, llabels)} = {show_number(lsum)}, but "
            f"{_sum_text(ctx, relation.right, rvals, rlabels)} = {show_number(rsum)}",
        ),
        related=tuple(p for p in relation.cells if p != anchor),
    )


@rule("H1", "balance", Severity.ERROR)
def balance(ctx: LintContext) -> Iterator[Problem]:
    """勾稽关系：表三每一列，一 + 二 = 三（七）总计 + 四。

    本年新收的申请（一）加上年结转的申请（二），等于本年办结的申请（三、本年度办理结果（七）总计）
    加结转下年度继续办理的申请（四）。官方表格左上角写明了这一关系。问题指向该列的“四、结转下年度继续办理”。
    ---
    勾稽关系 (balance): in every column of table 三, 一 + 二 = 三（七）总计 + 四.

    The applications received this year (一) plus those carried over from last year (二)
    must equal those finished this year (三、本年度办理结果（七）总计) plus those carried
    forward to next year (四、结转下年度继续办理).  The official table states this rule in its
    top-left cell.  The finding points at 四、结转下年度继续办理 of the column.
    """
    return check_relations(ctx, "H1")


@rule("H2", "outcome-total", Severity.ERROR)
def outcome_total(ctx: LintContext) -> Iterator[Problem]:
    """表三每一列，（七）总计等于各办理结果（（一）至（六））之和。

    每件申请只计入一种办理结果（“区分处理的，只计这一情形，不计其他情形”），
    所以予以公开、部分公开、不予公开八项、无法提供三项、不予处理五项、其他处理三项之和就是总计。官方格式没有小计行。
    ---
    In table 三, （七）总计 equals the sum of all outcome rows (（一）–（六）), per column.

    Each application is counted under exactly one outcome ("区分处理的，只计这一情形，不计其他情形"),
    so 予以公开 + 部分公开 + the eight 不予公开 rows + the three 无法提供 rows + the five
    不予处理 rows + the three 其他处理 rows make up the total.  There are no subtotal rows.
    """
    return check_relations(ctx, "H2")


@rule("H3", "row-total", Severity.ERROR)
def row_total(ctx: LintContext) -> Iterator[Problem]:
    """表三每一行，总计 = 自然人 + 法人或其他组织的五列。

    商业企业、科研机构、社会公益组织、法律服务机构、其他为法人或其他组织，与自然人合为总计。官方格式没有“法人或其他组织小计”列。
    ---
    In every row of table 三, 总计 = 自然人 + the five 法人或其他组织 columns.

    商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 are the legal persons and other
    organisations; with 自然人 they make up the 总计 column.  The official format has no
    "法人或其他组织小计" column.
    """
    return check_relations(ctx, "H3")


@rule("H4", "appeal-total", Severity.ERROR)
def appeal_total(ctx: LintContext) -> Iterator[Problem]:
    """表四每组，总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。

    对行政复议、行政诉讼·未经复议直接起诉、行政诉讼·复议后起诉三组分别检查。
    ---
    In table 四, each 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    Checked for the three groups: 行政复议, 行政诉讼·未经复议直接起诉 and
    行政诉讼·复议后起诉.
    """
    return check_relations(ctx, "H4")


def _column(ctx: LintContext, path: KeyPath) -> str:
    """A cell named by its column alone (beside a cell of the same row)."""
    labels = ctx.spec.cell_labels.get(path)
    if labels is None:
        return ctx.describe(path)
    return f"“{labels[3]}”" if ctx.lang == "en" else f"「{labels[1]}」"


def check_inequalities(ctx: LintContext, code: str) -> Iterator[Problem]:
    """``sum(left) <= sum(right)`` for each inequality of rule *code* (``"op": "<="``)."""
    for relation in ctx.spec.inequalities:
        if relation.rule != code:
            continue
        left = [ctx.number(p) for p in relation.left]
        right = [ctx.number(p) for p in relation.right]
        if any(v is None for v in left + right):
            continue  # an absent block, a blank, malformed or unresolved cell: nothing to compare
        lsum = sum(v for v in left if v is not None)
        rsum = sum(v for v in right if v is not None)
        if relation.holds(lsum, rsum):
            continue
        lhs = "、".join(ctx.describe(p) for p in relation.left)
        same_row = all(p[:-1] == relation.anchor[:-1] for p in relation.right)
        rhs = "、".join(_column(ctx, p) if same_row else ctx.describe(p) for p in relation.right)
        yield Problem(
            relation.anchor,
            ctx.t(
                f"{lhs}为 {show_number(lsum)}，大于{rhs}（{show_number(rsum)}）：应当{relation.title}",
                f"{lhs} is {show_number(lsum)}, more than {rhs} {show_number(rsum)}: {relation.title_en}",
            ),
            related=tuple(p for p in relation.cells if p != relation.anchor),
        )


@rule("H6", "not-more-than", Severity.ERROR)
def not_more_than(ctx: LintContext) -> Iterator[Problem]:
    """一个数不得大于另一个数：如信息处理费的实际收取金额不超过通知收取金额。

    由格式的 x-relations 中 "op": "<=" 的关系给出（2021 年格式：六、其他需要报告的事项中可选的
    信息处理费表，实际收取金额（元）≤ 通知收取金额（元））。报告没有该表时不检查。问题指向左边的格。
    ---
    One number must not exceed another: the fee actually collected is at most the fee notified.

    Given by the format's inequalities (``"op": "<="`` in x-relations; in the 2021 format, the
    optional fee table in section 六: 实际收取金额（元） ≤ 通知收取金额（元）).  Not checked when the
    report has no such table.  The finding points at the left-hand cell.
    """
    return check_inequalities(ctx, "H6")
