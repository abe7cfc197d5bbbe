"""P: numbers and statements in the narrative against the tables.

Heuristics that read common phrasings ("共收到政府信息公开申请17件", "予以公开7件", "行政复议2件",
"未收取信息处理费").  They prefer missing a mismatch to reporting a false one: only sentences that
plainly state a count are read, sentences that compare with other years are skipped, and a figure
is accepted if it matches any reasonable reading (e.g. received this year, or this year plus the
carry-over, as some organs count).  Each warning quotes the sentence and names the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from govreport.format.spec import FormatSpec, KeyPath
from govreport.format.values import CellState, show_number
from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule

_CLAUSE = re.compile(r"[^。；;！!？?\n]+")
_PARAGRAPH = re.compile(r"[^\n]+")
_COMPARISON = re.compile(r"上年度?(?!结转)|去年|上一年度?(?!结转)|同比|较上|比上|较\d{4}|历年|累计以来|截至")
_NOT_REQUESTS = re.compile(r"复议|诉讼|投诉|建议|提案|留言|来信|来电|咨询|举报|信访|热线|依法申请公开的")


@dataclass(frozen=True)
class Quantity:
    """A table figure: the sum of some cells, and how to name it."""

    cells: tuple[KeyPath, ...]
    label_zh: str
    label_en: str

    def value(self, ctx: LintContext) -> int | float | None:
        if any(ctx.cell_state(c) is CellState.BLANK for c in self.cells):
            return None  # a blank 总计 is unknown, not 0
        values = [ctx.number(c) for c in self.cells]
        if not values or any(v is None for v in values):
            return None
        return sum(v for v in values if v is not None)


def _row_totals(spec: FormatSpec, path: KeyPath) -> tuple[KeyPath, ...]:
    """The 总计 cells of the row at *path*, or of every row below it."""
    node = spec.node(path)
    if node is None:
        return ()
    if "total" in node.children and node.children["total"].cell_kind:
        return ((*path, "total"),)
    return tuple(cell for child in node.children.values() for cell in _row_totals(spec, child.path))


def _quantity(ctx: LintContext, path: KeyPath) -> Quantity | None:
    return _spec_quantity(ctx.spec, path)


@lru_cache(maxsize=256)
def _spec_quantity(spec: FormatSpec, path: KeyPath) -> Quantity | None:
    """The figure of the row(s) at *path* (found once per format)."""
    cells = _row_totals(spec, path)
    node = spec.node(path)
    if not cells or node is None:
        return None
    table = spec.node(path[:1])
    number = table.table_number if table else ""
    suffix_zh, suffix_en = ("总计", "total") if len(cells) == 1 else ("总计之和", "totals")
    if node.title.endswith("总计"):
        suffix_zh = ""
    return Quantity(
        cells,
        f"表{number}「{node.title}」{suffix_zh}",
        f"the {suffix_en} of “{node.title_en}” (table {table.title_en if table else number})",
    )


def _plus(a: Quantity | None, b: Quantity | None) -> Quantity | None:
    if a is None or b is None:
        return None
    zh = f"{a.label_zh.removesuffix('总计').removesuffix('总计之和')}与{b.label_zh.removeprefix('表三').removeprefix('表四')}"
    zh = zh.removesuffix("总计").removesuffix("总计之和") + "总计之和"
    return Quantity(a.cells + b.cells, zh, f"{a.label_en} plus {b.label_en}")


@lru_cache(maxsize=64)
def _clauses(text: str) -> tuple[tuple[int, str, bool], ...]:
    """(offset, clause, whether its paragraph mentions 申请) for each clause of *text* (split
    once, read by every rule).  The paragraph is searched once, not once per clause: a long
    paragraph of many clauses stays linear in time and memory."""
    out: list[tuple[int, str, bool]] = []
    for para in _PARAGRAPH.finditer(text):
        paragraph = para.group()
        about_requests = "申请" in paragraph
        start = para.start()
        out.extend((start + c.start(), c.group(), about_requests) for c in _CLAUSE.finditer(paragraph))
    return tuple(out)


def _excerpt(clause: str, width: int = 40) -> str:
    clause = clause.strip()
    return clause if len(clause) <= width else clause[: width - 1] + "…"


def _quoted(
    ctx: LintContext,
    path: KeyPath,
    clause: str,
    offset: int,
    zh: str,
    en: str,
    related: tuple[KeyPath, ...] = (),
) -> Problem:
    """A problem with a sentence of the text, quoted (cut to 40 characters) before what is wrong."""
    return Problem(
        path,
        ctx.t(f"「{_excerpt(clause)}」{zh}", f"“{_excerpt(clause)}” {en}"),
        offset=offset,
        related=related,
    )


def _check_figure(
    ctx: LintContext, path: KeyPath, offset: int, clause: str, stated: int, readings: list[Quantity | None]
) -> Iterator[Problem]:
    known = [(q, q.value(ctx)) for q in readings if q is not None]
    known = [(q, v) for q, v in known if v is not None]
    if not known or any(stated == v for _, v in known):
        return
    q, v = known[0]
    assert v is not None
    yield _quoted(
        ctx,
        path,
        clause,
        offset,
        f"中的 {stated} 件与{q.label_zh}（{show_number(v)}）不一致",
        f"says {stated}, but {q.label_en} is {show_number(v)}",
        related=q.cells,
    )


def _says_none(
    ctx: LintContext, path: KeyPath, offset: int, clause: str, quantity: Quantity, said: tuple[str, str]
) -> Iterator[Problem]:
    """The text says there were none of *quantity*, but the table has some."""
    value = quantity.value(ctx)
    if value:
        yield _quoted(
            ctx,
            path,
            clause,
            offset,
            f"{said[0]}，但{quantity.label_zh}为 {show_number(value)}",
            f"{said[1]}, but {quantity.label_en} is {show_number(value)}",
            related=quantity.cells,
        )


def _text_fields(ctx: LintContext) -> Iterator[tuple[KeyPath, str]]:
    return iter(ctx.filled_texts)


_RECEIVED = re.compile(r"(?<!未)(?:收到|受理|接收|新收)(?P<mid>[^，。；;\d]{0,30}?)(?P<n>\d+)\s*件")
_CARRIED = re.compile(r"(?:上年度?|上一年度?)结转(?P<mid>[^，。；;\d]{0,12}?)(?P<n>\d+)\s*件")
_PROCESSED = re.compile(r"(?:办结|办理完毕|办理完成|答复)(?P<mid>[^，。；;\d]{0,20}?)(?P<n>\d+)\s*件")
_NONE_RECEIVED = re.compile(r"未(?:收到|受理|接收)(?P<mid>[^。；;]{0,25}?)申请")


@rule(
    "P1",
    "prose-requests",
    Severity.WARNING,
    anchors=("requests_new", "requests_carried_over", "requests_processed"),
)
def prose_requests(ctx: LintContext) -> Iterator[Problem]:
    """正文所述收到、结转、办结的申请件数与表三不一致。

    读取“共收到政府信息公开申请17件”“上年结转1件”“办结16件”“未收到政府信息公开申请”等说法，
    与表三的 一、本年新收（或 一 加 二，部分机关把上年结转计入）、二、上年结转、三（七）总计核对。
    与往年比较的句子不检查。
    ---
    The narrative's count of applications received, carried over or processed disagrees with
    table 三 (received is compared with 一 and with 一 + 二, since some organs fold in the
    carry-over; "未收到…申请" requires 一 to be 0).
    """
    new = _quantity(ctx, ctx.anchor("requests_new"))
    carried = _quantity(ctx, ctx.anchor("requests_carried_over"))
    done = _quantity(ctx, ctx.anchor("requests_processed"))
    for path, text in _text_fields(ctx):
        for offset, clause, about_requests in _clauses(text):
            if "件" not in clause and "未" not in clause:
                continue  # every pattern below needs one of them
            comparing = bool(_COMPARISON.search(clause))
            for m in _CARRIED.finditer(clause):
                yield from _check_figure(
                    ctx, path, offset + m.start("n"), clause, int(m.group("n")), [carried]
                )
            if comparing:
                continue
            for m in _RECEIVED.finditer(clause):
                mid = m.group("mid")
                if "申请" in mid and not _NOT_REQUESTS.search(mid):
                    readings = [new, _plus(new, carried)]
                    yield from _check_figure(
                        ctx, path, offset + m.start("n"), clause, int(m.group("n")), readings
                    )
            if about_requests:
                for m in _PROCESSED.finditer(clause):
                    if not _NOT_REQUESTS.search(m.group("mid")):
                        yield from _check_figure(
                            ctx, path, offset + m.start("n"), clause, int(m.group("n")), [done]
                        )
            for m in _NONE_RECEIVED.finditer(clause):
                if _NOT_REQUESTS.search(m.group("mid")) or new is None:
                    continue
                yield from _says_none(
                    ctx,
                    path,
                    offset + m.start(),
                    clause,
                    new,
                    ("说未收到申请", "says no applications were received"),
                )


_OUTCOMES = (  # (pattern, the anchors whose rows it reads — two are added —, a word for 不掌握)
    (
        re.compile(r"予以公开\s*(?:和|及|与|、|以及)\s*部分公开\s*(?P<n>\d+)\s*件"),
        ("outcome_granted", "outcome_partial"),
        None,
    ),
    (re.compile(r"(?<!不)(?<!部分)予以公开\s*(?P<n>\d+)\s*件"), ("outcome_granted",), None),
    (re.compile(r"(?<![及和与、])部分公开\s*(?P<n>\d+)\s*件"), ("outcome_partial",), None),
    (re.compile(r"不予公开\s*(?P<n>\d+)\s*件"), ("outcome_withheld",), None),
    (re.compile(r"无法提供\s*(?P<n>\d+)\s*件"), ("outcome_unavailable",), "不掌握"),
    (re.compile(r"不予处理\s*(?P<n>\d+)\s*件"), ("outcome_not_processed",), None),
    (re.compile(r"其他处理\s*(?P<n>\d+)\s*件"), ("outcome_other",), None),
    (
        re.compile(r"结转(?:至|到)?下一?年度?(?:继续)?(?:办理|答复)?\s*(?P<n>\d+)\s*件"),
        ("requests_carry_forward",),
        None,
    ),
    (
        re.compile(r"(?P<n>\d+)\s*件[^，。；;\d]{0,20}?(?:顺延|结转)(?:至|到)?下一?年度"),
        ("requests_carry_forward",),
        None,
    ),
)


@lru_cache(maxsize=8)
def _outcome_patterns(
    spec: FormatSpec,
) -> tuple[tuple[re.Pattern[str], tuple[Quantity | None, ...], str | None], ...]:
    """P2's patterns with the figures each is read against (once per format)."""
    out = []
    for pattern, anchors, alt_word in _OUTCOMES:
        quantities = [_spec_quantity(spec, spec.anchor(a)) for a in anchors]
        reading = quantities[0] if len(quantities) == 1 else _plus(quantities[0], quantities[1])
        out.append((pattern, (reading,), alt_word))
    return tuple(out)


_OUTCOME_ANCHORS = (
    "outcome_granted",
    "outcome_partial",
    "outcome_withheld",
    "outcome_unavailable",
    "outcome_not_held",
    "outcome_not_processed",
    "outcome_other",
    "requests_carry_forward",
)


@rule("P2", "prose-outcomes", Severity.WARNING, anchors=_OUTCOME_ANCHORS)
def prose_outcomes(ctx: LintContext) -> Iterator[Problem]:
    """正文所述各办理结果的件数与表三不一致。

    读取“予以公开7件”“予以公开及部分公开42件”“不予公开1件”“无法提供4件”“不予处理1件”
    “其他处理2件”“结转下年度继续办理2件”等说法，与表三相应各行总计之和核对。
    “因本机关不掌握等原因无法提供N件”也接受与“1.本机关不掌握相关政府信息”一行相符。
    ---
    The narrative's count for an outcome (予以公开, 部分公开, 不予公开, 无法提供, 不予处理,
    其他处理, 结转下年度) disagrees with the sum of the matching rows of table 三.
    """
    patterns = _outcome_patterns(ctx.spec)
    not_held = _quantity(ctx, ctx.anchor("outcome_not_held"))
    for path, text in _text_fields(ctx):
        for offset, clause, about_requests in _clauses(text):
            if not about_requests or "件" not in clause or _COMPARISON.search(clause):
                continue  # (every pattern needs 件)
            for pattern, readings, alt_word in patterns:
                for m in pattern.finditer(clause):
                    options = list(readings)
                    if alt_word and alt_word in clause:
                        options.append(not_held)
                    yield from _check_figure(
                        ctx, path, offset + m.start("n"), clause, int(m.group("n")), options
                    )


_REVIEW = re.compile(r"行政复议(?:案件|申请)?\s*(?P<n>\d+)\s*(?:件|起|宗|次)")
_LITIGATION = re.compile(r"(?:行政)?诉讼(?:案件)?\s*(?P<n>\d+)\s*(?:件|起|宗|次)")
_NO_APPEALS = re.compile(
    r"(?:未|没有|无)(?:发生|出现|收到|被提起|被申请)?[^。；;，,\d]{0,16}?(?:行政复议|行政诉讼)"
)


@rule("P3", "prose-appeals", Severity.WARNING, anchors=("appeals_review", "appeals_litigation"))
def prose_appeals(ctx: LintContext) -> Iterator[Problem]:
    """正文所述行政复议、行政诉讼件数与表四不一致。

    读取“行政复议2件”“行政诉讼案件7件”“未发生行政复议、行政诉讼”等说法，与表四的行政复议总计、
    行政诉讼两组总计之和核对。
    ---
    The narrative's count of administrative reviews or lawsuits disagrees with table 四 (or it
    says there were none while the table has some).
    """
    review = _quantity(ctx, ctx.anchor("appeals_review"))
    litigation = _quantity(ctx, ctx.anchor("appeals_litigation"))
    for path, text in _text_fields(ctx):
        for offset, clause, _ in _clauses(text):
            if ("复议" not in clause and "诉讼" not in clause) or _COMPARISON.search(clause):
                continue  # (every pattern below needs 复议 or 诉讼)
            for m in _REVIEW.finditer(clause):
                yield from _check_figure(
                    ctx, path, offset + m.start("n"), clause, int(m.group("n")), [review]
                )
            for m in _LITIGATION.finditer(clause):
                yield from _check_figure(
                    ctx, path, offset + m.start("n"), clause, int(m.group("n")), [litigation]
                )
            for m in _NO_APPEALS.finditer(clause):
                if re.search(r"\d+\s*(?:件|起|宗|次)", clause):
                    continue
                span = clause[m.start() :]
                for word, quantity in (("行政复议", review), ("行政诉讼", litigation)):
                    if word in span and quantity is not None:
                        said = (f"说没有{word}", f"says there was no {word}")
                        yield from _says_none(ctx, path, offset + m.start(), clause, quantity, said)


# "行政处罚结果", "行政许可和行政处罚结果", "行政许可、行政处罚决定": the kinds named before 结果/决定.
_DECISIONS = re.compile(
    r"行政(?:处罚|许可|强制)(?:\s*(?:和|、|及|与|以及)\s*行政(?:处罚|许可|强制))*\s*(?:结果|决定)"
)
_PUBLISH = re.compile(r"公开|发布|公示|公布")
_NEGATION = re.compile(r"未|没有|无(?!论)|不涉及")


@rule("P4", "prose-decisions", Severity.WARNING, anchors=("punishment_decisions", "licensing_decisions"))
def prose_decisions(ctx: LintContext) -> Iterator[Problem]:
    """正文说公开了行政处罚、行政许可决定，但表二相应一行为 0。

    例如“主动发布政务信息61条，其中包含行政处罚结果”，而表二第二十条第（六）项“行政处罚”
    本年处理决定数量为 0：二者必有一处不准确。含“未、没有、无”等否定的句子不检查。
    ---
    The narrative says 行政处罚 or 行政许可 decisions were published, but table 二 reports 0
    such decisions.
    """
    cells = {"处罚": ctx.anchor("punishment_decisions"), "许可": ctx.anchor("licensing_decisions")}
    reported: set[str] = set()
    for path, text in _text_fields(ctx):
        for offset, clause, _ in _clauses(text):
            if not _PUBLISH.search(clause):
                continue
            for m in _DECISIONS.finditer(clause):
                if _NEGATION.search(clause[: m.end()]):
                    continue
                for kind in re.findall(r"行政(处罚|许可)", m.group()):
                    cell = cells[kind]
                    if kind in reported or ctx.number(cell) != 0:
                        continue
                    reported.add(kind)
                    yield _quoted(
                        ctx,
                        path,
                        clause,
                        offset + m.start(),
                        f"提到公开行政{kind}，但{ctx.describe(cell)}为 0",
                        f"mentions published 行政{kind} decisions, but {ctx.describe(cell)} is 0",
                        related=(cell,),
                    )


_FEE_COLLECTED = re.compile(
    r"(?<![未不没无])收取(?:了)?(?:政府信息公开)?信息处理费[^。；;\d]{0,10}?(?P<n>\d+(?:\.\d+)?)\s*元"
)


_FEE_NONE = re.compile(
    r"(?:未|没有|无|不|均未)(?:向申请人)?(?:收取|收)(?:了|过)?(?:任何)?(?:政府信息公开)?信息处理费"
    r"|信息处理费[^。；;\d]{0,8}?(?<!\d)0(?:\.0+)?\s*元"
)


def _fee_block(ctx: LintContext) -> list[tuple[KeyPath, float]]:
    """The cells of the optional fee table that say fees were notified or collected (> 0);
    empty when the format has no such table or the report leaves it out."""
    out: list[tuple[KeyPath, float]] = []
    for name in ("fees_notified", "fees_collected"):
        if not ctx.spec.has_anchor(name):
            continue  # an optional block: a format without it has nothing to compare
        path = ctx.anchor(name)
        value = ctx.number(path)
        if value is not None and value > 0:
            out.append((path, float(value)))
    return out


@rule(
    "P5",
    "fee-statement",
    Severity.WARNING,
    anchors=("fee_statement", "requests_new", "requests_carried_over"),
)
def fee_statement(ctx: LintContext) -> Iterator[Problem]:
    """没有说明信息处理费的收取情况，或所述与表三不符。

    按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），年度报告在“六、其他需要报告的事项”
    中说明信息处理费的收取情况，如“本年度未收取信息处理费”。写在其他部分也可以。
    若正文说收取了信息处理费，而表三本年没有申请（一、二均为 0），二者矛盾。
    六中有可选的信息处理费表、其中通知收取件数或实际收取金额大于 0，而正文说未收取信息处理费，也是矛盾。
    ---
    The report does not say whether 信息处理费 (information processing fees) were collected
    (normally in section 六), or says fees were collected while table 三 has no applications, or
    says none were collected while the optional fee table of 六 reports fee notices or an amount
    collected.
    """
    fields = list(_text_fields(ctx))
    if not fields:
        return
    if not any("信息处理费" in text for _, text in fields):
        target = ctx.anchor("fee_statement")
        if ctx.text(target) is None:
            return
        yield Problem(
            target,
            ctx.t(
                "六、其他需要报告的事项没有说明信息处理费的收取情况（如“本年度未收取信息处理费”）",
                "the report does not say whether 信息处理费 were collected (e.g. “本年度未收取信息处理费”)",
            ),
        )
        return
    charged = _fee_block(ctx)
    if charged:
        path_, value = charged[0]
        shown = show_number(value)
        for path, text in fields:
            found = next(
                ((o, c, m) for o, c, _ in _clauses(text) if (m := _FEE_NONE.search(c)) and "信息处理费" in c),
                None,
            )
            if found is None:
                continue
            offset, clause, m = found
            yield _quoted(
                ctx,
                path,
                clause,
                offset + m.start(),
                f"说未收取信息处理费，但{ctx.describe(path_)}为 {shown}",
                f"says no fees were collected, but {ctx.describe(path_)} is {shown}",
                related=tuple(p for p, _ in charged),
            )
            break
    received = _plus(
        _quantity(ctx, ctx.anchor("requests_new")), _quantity(ctx, ctx.anchor("requests_carried_over"))
    )
    total = received.value(ctx) if received else None
    if total != 0:
        return
    for path, text in fields:
        for offset, clause, _ in _clauses(text):
            for m in _FEE_COLLECTED.finditer(clause):
                if float(m.group("n")) > 0:
                    yield _quoted(
                        ctx,
                        path,
                        clause,
                        offset + m.start(),
                        "说收取了信息处理费，但表三本年没有申请",
                        "says fees were collected, but table 三 has no applications",
                    )
