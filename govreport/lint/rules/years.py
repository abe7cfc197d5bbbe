"""X: the report against last year's; Y: the year and the statistics period."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

from govreport.format.values import is_number
from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule
from govreport.lint.textsim import containment

# X3: texts shorter than this are stock sentences ("本年度未收取信息处理费。") that may repeat.
X3_MIN_CHARS = 60
X3_THRESHOLD = 0.8


def _num(ctx: LintContext, value: object) -> int | float | None:
    return value if is_number(value) and isinstance(value, int | float) else None


def _carry_problems(ctx: LintContext, code: str) -> Iterator[Problem]:
    prev = ctx.previous
    if prev is None:
        return
    last_year = prev.year if prev.year is not None else "上"
    for carry in ctx.spec.carry_over:
        if carry.rule != code:
            continue
        this = ctx.number(carry.this)
        last = _num(ctx, prev.get(carry.last))
        parts = [ctx.number(p) for p in carry.plus + carry.minus]
        if this is None or last is None or any(p is None for p in parts):
            continue
        plus = sum(ctx.number(p) or 0 for p in carry.plus)
        minus = sum(ctx.number(p) or 0 for p in carry.minus)
        expected = last + plus - minus
        if this == expected:
            continue
        if not carry.plus and not carry.minus:
            msg = ctx.t(
                f"{ctx.describe(carry.this)}为 {this}，但 {last_year} 年报告的{ctx.describe(carry.last)}为 {last}",
                f"{ctx.describe(carry.this)} is {this}, but last year's report ({last_year}) has {last} in "
                f"{ctx.describe(carry.last)}",
            )
        else:
            msg = ctx.t(
                f"{ctx.describe(carry.this)}为 {this}，但按 {last_year} 年的 {last} + 本年制发 {plus} − 本年废止 {minus} "
                f"应为 {expected}",
                f"{ctx.describe(carry.this)} is {this}, but last year's {last} + issued {plus} − repealed {minus} "
                f"gives {expected}",
            )
        yield Problem(carry.this, msg, related=carry.plus + carry.minus)


@rule("X1", "carried-over", Severity.ERROR)
def carried_over(ctx: LintContext) -> Iterator[Problem]:
    """二、上年结转 等于上一年度报告的 四、结转下年度继续办理（逐列）。

    上年结转到本年的申请，就是上一年度报告结转下年度继续办理的申请，两者每一列都应相同。
    需要上一年度报告：用 --previous 指定，或放在同一目录下（机关名称相同、年度早一年）。
    ---
    二、上年结转 equals last year's 四、结转下年度继续办理, column by column.

    The applications carried over into this year are the ones last year's report carried
    forward.  Needs last year's report of the same organ: ``--previous FILE``, or a report
    file in the same directory with the same organ and the year before.
    """
    return _carry_problems(ctx, "X1")


@rule("X2", "in-force-continuity", Severity.WARNING)
def in_force_continuity(ctx: LintContext) -> Iterator[Problem]:
    """现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（规章、行政规范性文件）。

    表二第二十条第（一）项的现行有效件数应与上一年度报告衔接。文件失效、清理等情况可能使其不一致，
    因此这是警告：请核对，并在报告中说明原因。
    ---
    现行有效件数 follows from last year's: last year's + issued − repealed, for 规章 and
    行政规范性文件.  Documents may also expire or be cleared out, so this is a warning.
    """
    return _carry_problems(ctx, "X2")


@rule("X3", "repeated-text", Severity.WARNING)
def repeated_text(ctx: LintContext) -> Iterator[Problem]:
    """五、六 的文字与上一年度报告高度重复。

    评估中常见“与去年的重复率竟达90%”、除年份外与往年相同的报告。本规则把年份换成同一记号后，
    计算本年文字中有多少内容（按四字片段计）也出现在上年同一部分，达到 80% 即提示，并给出重复率。
    不足 60 字的短句（如“本年度未收取信息处理费。”）不检查。
    ---
    五 and 六 repeat last year's text.  Years are masked, then the share of this year's text
    (in 4-character shingles) that also occurs in last year's same part is computed; 80% or
    more is reported with the figure.  Texts under 60 characters are not checked.
    """
    prev = ctx.same_organ_last_year
    if prev is None:
        return
    for path in ctx.spec.distinct_from_last_year:
        this, last = ctx.text(path), prev.get(path)
        if not this or not isinstance(last, str) or len(this.strip()) < X3_MIN_CHARS:
            continue
        share = containment(this, last)
        if share >= X3_THRESHOLD:
            yield Problem(
                path,
                ctx.t(
                    f"「{ctx.describe(path)}」与 {prev.year} 年报告的同一部分重复率为 {share:.0%}，请结合本年实际撰写",
                    f"“{ctx.describe(path)}” repeats {share:.0%} of the same part of the {prev.year} report",
                ),
            )


@rule("X4", "previous-report", Severity.WARNING)
def previous_report(ctx: LintContext) -> Iterator[Problem]:
    """上年报告不确定：同一目录下有多个文件可能是上年报告，或 previous 指向的文件无法使用。

    跨年检查 X1–X3 要和上年报告比较。govreport new --from 会在 [report] 中写下
    previous = "上年报告文件"，lint 首先用它；没有写时，在同一目录中找机关名称相同、年度早一年的
    报告。若找到多个（例如定稿和草稿），用文件名排在最前的一个，并提示写明 previous。
    ---
    Last year's report is uncertain: several files beside the report could be it, or the file
    ``[report] previous`` names cannot be used.

    The cross-year rules X1–X3 compare with last year's report.  ``govreport new --from``
    writes ``previous = "LAST.toml"`` in ``[report]`` and lint uses it first; without it, the
    report of the same organ and the year before in the same directory is used.  When several
    qualify (a final version and a draft), the first by name is used and this warns.
    """
    choice = ctx.previous_choice
    if choice is None:
        return
    used = choice.path.name if choice.document is not None and choice.path is not None else None
    if choice.problem is not None:
        named = ctx.doc.get(ctx.spec.preamble_path("previous"))
        instead = (
            ctx.t(f"改用 {used}", f"used {used} instead")
            if used
            else ctx.t("未做跨年检查", "no cross-year checks")
        )
        yield Problem(
            ctx.spec.preamble_path("previous"),
            ctx.t(
                f"上年报告文件「{named}」无法使用（{choice.problem}）；{instead}",
                f"last year's report “{named}” cannot be used ({choice.problem}); {instead}",
            ),
        )
    if choice.how == "first" and len(choice.candidates) > 1:
        names = [c.name for c in choice.candidates]
        yield Problem(
            ctx.spec.preamble_root,
            ctx.t(
                f"有 {len(names)} 个文件可能是上年报告：{'、'.join(names)}；使用了 {used}。"
                f'请在 [report] 中用 previous = "文件名" 写明哪一个是上年报告（或用 --previous 指定）',
                f"{len(names)} files could be last year's report: {', '.join(names)}; used {used}. "
                f'Name the right one with previous = "FILE" in [report] (or pass --previous)',
            ),
            anchor="header",
        )


@rule("Y1", "period", Severity.ERROR)
def period(ctx: LintContext) -> Iterator[Problem]:
    """统计期限应为报告年度的 1 月 1 日至 12 月 31 日。

    《条例》要求年度报告统计上一年度的情况，统计期限为报告年度的全年。
    ---
    The statistics period is 1 January to 31 December of the report year.
    """
    year = ctx.doc.year
    if year is None:
        return
    at = ctx.spec.preamble_path
    for path, month, day in ((at("period_start"), 1, 1), (at("period_end"), 12, 31)):
        value = ctx.doc.get(path)
        if isinstance(value, str):
            try:
                value = _dt.date.fromisoformat(value)
            except ValueError:
                continue  # S5 reports a date that is not a date
        if not isinstance(value, _dt.date) or path in ctx.invalid_paths:
            continue
        expected = _dt.date(year, month, day)
        if value != expected:
            yield Problem(
                path,
                ctx.t(
                    f"「{ctx.describe(path)}」为 {value.isoformat()}，报告年度为 {year} 年，应为 {expected.isoformat()}",
                    f"“{ctx.describe(path)}” is {value.isoformat()}; for a {year} report it is {expected.isoformat()}",
                ),
            )


# "This year" statements that name a year: the year must be the report year.
_THIS_YEAR = [
    re.compile(r"本机关\s*(\d{4})\s*年"),
    re.compile(r"本年度?\s*[（(]\s*(\d{4})\s*年"),
    re.compile(
        r"(?<![较比与和至到自从于])(\d{4})\s*年度?\s*[，,]?\s*(?:全年)?\s*(?:共|累计)?\s*"
        r"(?:收到|受理|接收|新收|办结|答复|制发|未收到|未收取)"
    ),
]
_LEADING_YEAR = re.compile(r"^\s*(\d{4})\s*年度?\s*[，,]")
_COMPARISON = re.compile(r"上年|去年|上一年|同比|较|比上|以来|以前|之前|截至|计划|将")


_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_LINE = re.compile(r"[^\n]+")


def _year_mentions(text: str) -> Iterator[tuple[int, int]]:
    """(year, offset) of each year that a sentence states as the report's own year."""
    for match in _SENTENCE.finditer(text):
        clause = match.group()
        if "年" not in clause or _COMPARISON.search(clause):
            continue  # (every pattern needs 年)
        for pattern in _THIS_YEAR:
            for m in pattern.finditer(clause):
                yield int(m.group(1)), match.start() + m.start(1)
    for line_match in _LINE.finditer(text):
        lead = _LEADING_YEAR.match(line_match.group())
        if lead and not _COMPARISON.search(line_match.group()[:40]):
            yield int(lead.group(1)), line_match.start() + lead.start(1)


@rule("Y2", "text-year", Severity.WARNING)
def text_year(ctx: LintContext) -> Iterator[Problem]:
    """正文中指称本年度的年份与报告年度不符。

    例如 2024 年报告写“本机关2023年未收到政府信息公开申请”，或段首“2023年，我镇……”——
    多为照搬上一年报告未改年份。只检查明确指称本年的句子（段首年份、“本机关××年”、
    “××年共收到……”等），含“上年、同比、较、计划”等比较或计划字样的句子不检查。
    ---
    A sentence that states the report's own year names another year, e.g. "本机关2023年未收到…"
    in a 2024 report — usually text copied from last year's report.  Only statements about the
    report year are checked; sentences that compare or plan are skipped.
    """
    year = ctx.doc.year
    if year is None:
        return
    for node in ctx.spec.text_fields():
        text = ctx.text(node.path)
        if not text:
            continue
        seen: set[int] = set()
        for mentioned, offset in _year_mentions(text):
            if mentioned == year or offset in seen or not 1990 <= mentioned <= 2100:
                continue
            seen.add(offset)
            excerpt = _excerpt(text, offset)
            yield Problem(
                node.path,
                ctx.t(
                    f"「{excerpt}」中的 {mentioned} 年与报告年度 {year} 年不符（{ctx.describe(node.path)}）",
                    f"“{excerpt}” names {mentioned}, but the report is for {year} ({ctx.describe(node.path)})",
                ),
                offset=offset,
            )


def _excerpt(text: str, offset: int, width: int = 24) -> str:
    start = max(text.rfind("\n", 0, offset) + 1, offset - width // 2)
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    end = min(end, offset + width)
    return (
        ("…" if start > 0 and text[start - 1] != "\n" else "")
        + text[start:end].strip()
        + ("…" if end < len(text) and text[end] != "\n" else "")
    )


@rule("Y3", "title-year", Severity.ERROR)
def title_year(ctx: LintContext) -> Iterator[Problem]:
    """报告标题中的年份与报告年度不符。

    标题格式为“<机关名称><年份>年政府信息公开工作年度报告”。只在文件写有 report.title（原文标题）时检查。
    ---
    The published title (``report.title``, when given) names a year other than the report year.
    """
    year = ctx.doc.year
    title = ctx.text(ctx.spec.preamble_path("title"))
    if year is None or not title:
        return
    years = [int(y) for y in re.findall(r"(\d{4})\s*年", title)]
    if years and year not in years:
        yield Problem(
            ctx.spec.preamble_path("title"),
            ctx.t(
                f"报告标题「{title}」中的年份 {years[0]} 与报告年度 {year} 不符",
                f"the title “{title}” names {years[0]}, but the report year is {year}",
            ),
        )
