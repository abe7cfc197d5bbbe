"""Q: values that are allowed but unlikely to be what was meant."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from govreport.format.spec import FormatSpec, Node
from govreport.format.values import show_number
from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule

# Organ names that say which level they are at (only the unambiguous ones).
_TOWNSHIP = re.compile(r"(乡|镇|民族乡)人民政府$|街道办事处$")
FEE_UNIT_THRESHOLD = 10_000  # 万元: 1 亿元 and more, in whole numbers, looks like 元


def organ_level(ctx: LintContext) -> str | None:
    """The organ's level: the report's ``level``, else the configuration's default, else the
    level its name states unambiguously (乡镇人民政府, 街道办事处)."""
    level = ctx.text(ctx.anchor("organ_level"))
    if level:
        return level
    default = ctx.options.get("defaults", {}).get("level")
    if isinstance(default, str) and default:
        return default
    organ = ctx.doc.organ or ""
    m = _TOWNSHIP.search(organ.strip())
    if m:
        return "街道办事处" if organ.strip().endswith("街道办事处") else "乡镇人民政府"
    return None


@rule("Q2", "rules-without-power", Severity.WARNING, anchors=("organ_level", "rules_row"))
def rules_without_power(ctx: LintContext) -> Iterator[Problem]:
    """没有规章制定权的机关报告了规章。

    只有国务院部门、省级人民政府和设区的市级人民政府可以制定规章；乡镇、街道、县级机关和
    政府部门在表二“规章”一行填了大于 0 的数，多半是把行政规范性文件填错了行。机关层级取自
    report.level，未填写时取配置中的 defaults.level，或从“××乡人民政府”“××街道办事处”等名称判断。
    ---
    An organ without rule-making power reports 规章 > 0.  Only State Council departments,
    provincial governments and governments of cities with districts make 规章.  The level comes
    from ``report.level``, the configuration's ``defaults.level``, or an unambiguous organ name.
    """
    level = organ_level(ctx)
    if level is None or level in ctx.spec.rulemaking_levels:
        return
    row = ctx.spec[ctx.anchor("rules_row")]
    for cell in row.children.values():
        value = ctx.number(cell.path)
        if value:
            yield Problem(
                cell.path,
                ctx.t(
                    f"{ctx.describe(cell.path)}为 {value}，但{level}没有规章制定权；是否应填在“行政规范性文件”一行？",
                    f"{ctx.describe(cell.path)} is {value}, but a {level} cannot make 规章; "
                    "should it be in the 行政规范性文件 row?",
                ),
            )


@lru_cache(maxsize=8)
def _cells_in_wan(spec: FormatSpec) -> tuple[Node, ...]:
    """The cells whose unit is 万元 (found once per format)."""
    return tuple(cell for cell in spec.cells() if cell.unit == "万元")


@rule("Q3", "fee-units", Severity.WARNING)
def fee_units(ctx: LintContext) -> Iterator[Problem]:
    """行政事业性收费金额像是以“元”填写（单位应为万元）。

    表二第二十条第（八）项的单位是万元。一个不小于 10000 的整数即 1 亿元以上，
    多半是把以元计的金额直接填入；请换算为万元（可保留小数，如 1.85）。
    ---
    The fee amount of table 二 is in 万元 (10,000 yuan); a whole number of 10,000 or more looks
    like an amount in 元 entered as 万元.
    """
    for cell in _cells_in_wan(ctx.spec):
        value = ctx.number(cell.path)
        if value is not None and value >= FEE_UNIT_THRESHOLD and float(value).is_integer():
            yield Problem(
                cell.path,
                ctx.t(
                    f"{ctx.describe(cell.path)}为 {show_number(value, cell.unit)}（即 {show_number(value / 10000)} 亿元），"
                    "像是以元填写；单位应为万元",
                    f"{ctx.describe(cell.path)} is {show_number(value)} (×10,000 yuan), which looks like yuan entered as 万元",
                ),
            )
