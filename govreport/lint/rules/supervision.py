"""E: what supervisors and evaluators check beyond the format's own rules (考评).

The places these rules read (section 一, the applications, the （六）其他处理 outcomes and
their total, the organ's level) are anchors of the schema (``x-anchors``); a format that
was superseded says until which year it applied.  What only the source of an imported
report can tell (the page's
publication date, what the importer saw) arrives in ``ctx.options["source"]``, a
:class:`~govreport.lint.source.SourceInfo` set by ``govreport check``; ``lint`` on a report
file has none, and the rules then read what the file itself says.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from govreport.format.spec import FormatSpec, KeyPath, Node
from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule
from govreport.lint.rules.plausibility import organ_level
from govreport.lint.source import SourceInfo

# E2: the deadline (month, day of the year after the report year) by organ level.
# 《条例》第四十九条: departments by 1月31日, a local government's own report by 3月31日;
# townships and subdistricts publish as departments do (参照部门).
DEPARTMENT_DEADLINE = (1, 31)
GOVERNMENT_DEADLINE = (3, 31)
DEADLINES: dict[str, tuple[int, int]] = {
    "国务院部门": DEPARTMENT_DEADLINE,
    "省级人民政府": GOVERNMENT_DEADLINE,
    "省级政府部门": DEPARTMENT_DEADLINE,
    "设区的市级人民政府": GOVERNMENT_DEADLINE,
    "设区的市级政府部门": DEPARTMENT_DEADLINE,
    "县级人民政府": GOVERNMENT_DEADLINE,
    "县级政府部门": DEPARTMENT_DEADLINE,
    "乡镇人民政府": DEPARTMENT_DEADLINE,
    "街道办事处": DEPARTMENT_DEADLINE,
}
# An organ whose level is not given: a name that says "department" or "government".
_DEPARTMENT_NAME = re.compile(r"(局|委员会|委|办公室|办|厅|署|中心|院|所|站|队|处)$")
_GOVERNMENT_NAME = re.compile(r"(?<!乡)(?<!镇)人民政府$")

# E4: misspellings of the citations every preamble makes.
CITATION_TYPOS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"国办公开办涵"), "国办公开办函"),
    (re.compile(r"政府信息公开条列"), "政府信息公开条例"),
    (re.compile(r"政府信息公开条理"), "政府信息公开条例"),
    (re.compile(r"政府信息公开工作年度报告格试"), "政府信息公开工作年度报告格式"),
    (
        re.compile(r"国办公开办函\s*[〔(（\[]\s*2021\s*[〕)）\]]\s*(?!30\s*号)\d+\s*号"),
        "国办公开办函〔2021〕30号",
    ),
)

# E1: "篇幅原则上不超过一千字" (the 2021 notice)
OVERVIEW_MAX_CHARS = 1000
# E6: a share of （六）其他处理 above this, with at least these many outcomes, is unusual.
OTHER_SHARE = 0.3
OTHER_MIN_OUTCOMES = 10
OTHER_MIN_COUNT = 5
# E7: applications this year against last year's.
JUMP_UP, JUMP_DOWN = 5.0, 0.2
JUMP_MIN = 10  # the larger of the two years must reach this: 1 → 6 is no news

_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(rf"^\s*([{_NUMERALS}]{{1,2}})\s*[、.．]\s*(\S.{{1,40}}?)\s*$")
_DATE_AT_END = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_PUNCT = re.compile(r"[\s，,。.、：:；;（）()“”\"'《》]")


def source_info(ctx: LintContext) -> SourceInfo:
    info = ctx.options.get("source")
    return info if isinstance(info, SourceInfo) else SourceInfo()


@rule("E1", "overview-length", Severity.WARNING, anchors=("overview",))
def overview_length(ctx: LintContext) -> Iterator[Problem]:
    """“一、总体情况”超过一千字。

    2021 年格式通知要求总体情况“篇幅原则上不超过一千字”。本规则统计一的全部文字（导语和五个
    小标题下的段落，不计空白），超过上限即提示，并给出字数。
    ---
    Section 一 (总体情况) is longer than 1,000 characters.

    The 2021 notice: 篇幅原则上不超过一千字.  All the text of 一 (the introduction and the five
    sub-heads, white space not counted) is counted.
    """
    node = ctx.spec[ctx.anchor("overview")]
    limit = OVERVIEW_MAX_CHARS
    count = 0
    for child in node.children.values():
        text = ctx.text(child.path)
        if text:
            count += len("".join(text.split()))  # str.split() splits where str.isspace() is true
    if count > limit:
        yield Problem(
            node.path,
            ctx.t(
                f"「{node.title}」共 {count} 字，超过通知要求的 {limit} 字（篇幅原则上不超过一千字）",
                f"“{node.title_en}” has {count} characters, over the notice's limit of {limit}",
            ),
            anchor="header",
        )


def _deadline(ctx: LintContext) -> tuple[tuple[int, int] | None, str, str | None]:
    """(month, day) of the deadline, the level it is for, and an error about the configuration."""
    defaults = ctx.options.get("defaults", {})
    level = organ_level(ctx)
    configured: Any = None
    per_level = defaults.get("deadlines") if isinstance(defaults, dict) else None
    if isinstance(per_level, dict) and level in per_level:
        configured = per_level[level]
    elif isinstance(defaults, dict) and "deadline" in defaults:
        configured = defaults["deadline"]
    if configured is not None:
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", str(configured))
        month, day = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
        try:
            _dt.date(2000, month, day)
        except ValueError:
            return None, "", f"{configured!r}"
        return (month, day), level or "", None
    if level in DEADLINES:
        return DEADLINES[level], level, None
    organ = (ctx.doc.organ or "").strip()
    if _GOVERNMENT_NAME.search(organ):
        return GOVERNMENT_DEADLINE, "人民政府", None
    if _DEPARTMENT_NAME.search(organ):
        return DEPARTMENT_DEADLINE, "政府部门", None
    return None, "", None


def signature_date(ctx: LintContext) -> _dt.date | None:
    """The date signed at the end of the report: the last lines of the last narrative part."""
    sections = ctx.spec.narrative_sections()
    if not sections:
        return None
    parts = [p for p in sections[-1].children.values() if p.is_text]  # not a nested table
    text = ctx.text(parts[-1].path) if parts else None
    if not text:
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()][-2:]
    for line in reversed(lines):
        if len(line) > 60:
            continue
        m = _DATE_AT_END.search(line)
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


@rule("E2", "late-publication", Severity.WARNING, anchors=("organ_level",))
def late_publication(ctx: LintContext) -> Iterator[Problem]:
    """报告发布晚于规定期限。

    《条例》第四十九条：县级以上人民政府部门在每年 1 月 31 日前公布上一年度报告，县级以上地方人民政府
    在 3 月 31 日前；乡镇、街道参照部门执行（1 月 31 日）。报告日期取自文末落款日期，或导入网页时找到的
    “发布时间”。期限可按地方规定在配置中修改：defaults = { deadline = "01-20" }，或按机关层级
    defaults = { deadlines = { "乡镇人民政府" = "01-25" } }。机关层级取自 report.level、配置的
    defaults.level 或机关名称；都无法判断时不检查。
    ---
    The report was published after the deadline for the organ's level.

    Art. 49: departments by 31 January, a local government's own report by 31 March;
    townships and subdistricts as departments.  The date is the signature at the end of the
    report, or the page's 发布时间 found on import.  Local deadlines are configured with
    ``defaults = { deadline = "01-20" }`` or per level with ``defaults.deadlines``.
    """
    year = ctx.doc.year
    if year is None:
        return
    info = source_info(ctx)
    published, where = info.published, ctx.t("网页发布时间", "the page's publication date")
    if published is None:
        published, where = signature_date(ctx), ctx.t("文末落款日期", "the signature date")
    if published is None or published.year <= year:
        return
    deadline_md, level, bad = _deadline(ctx)
    if bad is not None:
        yield Problem(
            ctx.spec.preamble_root,
            ctx.t(
                f'配置的发布期限 {bad} 不是“月-日”格式（如 "01-31"），未检查发布时间',
                f'the configured deadline {bad} is not month-day (e.g. "01-31"); the date was not checked',
            ),
            anchor="header",
        )
        return
    if deadline_md is None:
        return
    deadline = _dt.date(year + 1, *deadline_md)
    if published > deadline:
        days = (published - deadline).days
        yield Problem(
            ctx.spec.preamble_root,
            ctx.t(
                f"{where} {published:%Y年%-m月%-d日} 晚于{level or '本机关'}的发布期限 {deadline:%Y年%-m月%-d日}（晚 {days} 天）",
                f"{where} {published.isoformat()} is after the deadline for a {level or 'organ'}, "
                f"{deadline.isoformat()} ({days} days late)",
            ),
            anchor="header",
        )


@rule("E3", "old-format-table", Severity.ERROR)
def old_format_table(ctx: LintContext) -> Iterator[Problem]:
    """2021 年及以后的报告使用了 2019 年试行格式的表二，或把“行政规范性文件”写作“规范性文件”。

    2021 年起年度报告应使用国办公开办函〔2021〕30号的格式：表二第二十条第（一）项的列为本年制发件数、
    本年废止件数、现行有效件数，行为“规章”“行政规范性文件”。仍用 2019 年试行格式（本年新制作数量、
    对外公开总数量……，“规范性文件”）是评估中常见的扣分项。导入时看到的表头由导入记录；报告文件写明
    format = "2019" 而年度在 2021 年以后，也属此类。
    ---
    A report for 2021 or later uses the 2019 试行 table 二, or 规范性文件 for 行政规范性文件.

    From the 2021 reports on, the format of 国办公开办函〔2021〕30号 applies.  What an import saw
    in the source is recorded by the importer; a report file that says ``format = "2019"`` for
    a year from 2021 is reported too.
    """
    year = ctx.doc.year
    if year is None:
        return
    until = ctx.spec.valid_until
    if until is not None and year > until:
        version = ctx.spec.version
        yield Problem(
            ("format",),
            ctx.t(
                f"{year} 年报告使用了 {version} 年试行格式（表二为旧格式，只用于 {until} 年及以前的报告），应使用现行格式",
                f"a {year} report in the {version} 试行 format (old table 二, for reports up to {until}); "
                "the format in force applies",
            ),
        )
        return
    if ctx.spec.valid_until is not None:
        return  # the old format's own label is 规范性文件
    for name, detail in source_info(ctx).observations:
        seen = detail.split(":", 1)[-1]
        if name == "label-variant" and "规范性文件" in seen and "行政规范性文件" not in seen:
            yield Problem(
                ("proactive",),
                ctx.t(
                    f"原文表二写作「{seen}」，2021 年格式为“行政规范性文件”",
                    f"table 二 of the source says “{seen}”; the 2021 format says 行政规范性文件",
                ),
                anchor="header",
            )


def _text_fields(ctx: LintContext) -> Iterator[tuple[Node, str]]:
    return iter(ctx.texts)


@rule("E4", "citation-typo", Severity.WARNING)
def citation_typo(ctx: LintContext) -> Iterator[Problem]:
    """引用的文件名称或文号有错别字（如“国办公开办涵”“政府信息公开条列”）。

    前言和正文引用《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号，错别字是评估中常见的
    “不认真”扣分项。本规则检查正文、标题和导入时保留的前言原文。
    ---
    A citation is misspelt (国办公开办涵 for 国办公开办函, 条列 for 条例, …).  The narrative, the
    title and the preamble kept from an import are checked.
    """
    for node, text in _text_fields(ctx):
        for pattern, right in CITATION_TYPOS:
            for m in pattern.finditer(text):
                yield Problem(
                    node.path,
                    ctx.t(
                        f"「{m.group()}」应为「{right}」（{ctx.describe(node.path)}）",
                        f"“{m.group()}” should be “{right}” ({ctx.describe(node.path)})",
                    ),
                    offset=m.start(),
                )
    title_path, root = ctx.spec.preamble_path("title"), ctx.spec.preamble_root
    title = ctx.text(title_path) or ""
    # an imported report keeps its preamble as the comment above [report]
    head = ctx.doc.text.split("\n[", 2)
    preamble = "\n".join(head[:2]) if "导入时的原文前言" in ctx.doc.text else ""
    for where, text in ((title_path, title), (root, preamble)):
        for pattern, right in CITATION_TYPOS:
            for m in pattern.finditer(text):
                yield Problem(
                    where,
                    ctx.t(
                        f"前言中「{m.group()}」应为「{right}」",
                        f"the preamble's “{m.group()}” should be “{right}”",
                    ),
                    anchor="header" if where == root else "value",
                )


def _stem(title: str) -> str:
    return _PUNCT.sub("", re.sub(rf"^[{_NUMERALS}]+\s*[、.．]", "", title))


@lru_cache(maxsize=8)
def _section_stems(spec: FormatSpec) -> dict[str, Node]:
    """Each section's title and aliases without numbering and punctuation → the section."""
    sections = spec.sections()
    stems = {_stem(s.title): s for s in sections}
    for alias_section in sections:
        for alias in alias_section.aliases:
            stems.setdefault(_stem(str(alias)), alias_section)
    return stems


@rule("E5", "broken-outline", Severity.WARNING)
def broken_outline(ctx: LintContext) -> Iterator[Problem]:
    """报告的章节编号错乱：正文中出现另一套编号，或章节整体错位。

    例如把“五、存在的主要问题及改进情况”写成“四、存在的主要问题及改进情况”（二至六整体前移），
    或在某一部分的文字中又出现“六、其他需要报告的事项”这样的章节标题（第二套编号、章节没有分开）。
    本规则在文字部分中查找以一至六编号、标题与官方章节标题相同的段落。
    ---
    The outline is broken: a section heading appears inside the text of another part, or the
    sections are numbered off by one (四、存在的主要问题… for 五).
    """
    stems = _section_stems(ctx.spec)
    for node, text in _text_fields(ctx):
        offset = 0
        for line in text.split("\n"):
            m = _HEADING.match(line)
            if m:
                stem = _stem(m.group(2))
                section = stems.get(stem)
                if section is not None and len(stem) >= 4:
                    numeral = m.group(1)
                    expected = section.title.split("、", 1)[0]
                    if numeral != expected:
                        message = ctx.t(
                            f"「{line.strip()}」的编号与官方章节「{section.title}」不符（章节编号错位？）",
                            f"“{line.strip()}” is numbered differently from the section “{section.title}”",
                        )
                    else:
                        message = ctx.t(
                            f"「{ctx.describe(node.path)}」中出现了章节标题「{line.strip()}」（第二套编号，或章节未分开）",
                            f"the section heading “{line.strip()}” appears inside “{ctx.describe(node.path)}”",
                        )
                    yield Problem(node.path, message, offset=offset + m.start(1))
            offset += len(line) + 1
    # a published report's outline, as the importer saw it before it put the text in place
    labels = {
        "sections-shifted": ("二至六整体错位一个编号", "sections 二–六 are numbered off by one"),
        "second-numbering": ("表格另起一套编号（一至三）", "the tables restart the numbering at 一"),
        "subheads-renumbered": ("一的小标题编成了章节", "the sub-heads of 一 are numbered as sections"),
    }
    for name, _ in source_info(ctx).observations:
        if name in labels:
            zh, en = labels[name]
            yield Problem(
                ("format",),
                ctx.t(
                    f"原文章节编号错乱：{zh}（导入时已归位）",
                    f"the source's outline is broken: {en} (put right on import)",
                ),
            )


def _total_cell(spec: FormatSpec, row: Node) -> KeyPath | None:
    """The cell of *row* that a sum relation makes the total of the row's other cells."""
    for relation in spec.relations:
        total = relation.left[0]
        if relation.is_total and total[:-1] == row.path and all(p[:-1] == row.path for p in relation.right):
            return total
    return None


def _rows(node: Node) -> list[Node]:
    """The table rows under *node* (itself when it is a row)."""
    if any(c.cell_kind for c in node.children.values()):
        return [node]
    return [row for child in node.children.values() for row in _rows(child)]


@lru_cache(maxsize=8)
def _share_cells(spec: FormatSpec) -> tuple[Node, Node, KeyPath | None, tuple[KeyPath | None, ...]]:
    """E6's cells, found once per format: the rows of （六）其他处理, the outcomes' total row,
    its total cell, and the total cell of each 其他 row."""
    other_node = spec[spec.anchor("outcome_other")]
    total_node = spec[spec.anchor("requests_processed")]
    cells = tuple(_total_cell(spec, row) for row in _rows(other_node))
    return other_node, total_node, _total_cell(spec, total_node), cells


@rule("E6", "other-outcomes-share", Severity.WARNING, anchors=("outcome_other", "requests_processed"))
def other_outcomes_share(ctx: LintContext) -> Iterator[Problem]:
    """“（六）其他处理”占办理结果的比例异常地高。

    （六）其他处理只用于申请人逾期不补正、逾期不缴费和确实无法归入（一）至（五）的情形。评估发现，
    把本应归入予以公开、无法提供、不予处理的申请放进“其他”是常见的统计错误。办理结果总计不少于 10 件、
    其他处理不少于 5 件且超过 30% 时提示。
    ---
    An unusually high share of outcomes is （六）其他处理 (over 30 %, with at least 10 outcomes
    and 5 in 其他).  That row is for lapsed corrections, unpaid fees and what fits nowhere
    else; evaluators find applications that belong in （一）–（五） counted there.
    """
    other_node, total_node, total_cell, cells = _share_cells(ctx.spec)
    total = ctx.number(total_cell) if total_cell else None
    values = [ctx.number(c) if c else None for c in cells]
    if total is None or any(v is None for v in values) or total < OTHER_MIN_OUTCOMES:
        return
    other = sum(v or 0 for v in values)
    share = other / total
    if share > OTHER_SHARE and other >= OTHER_MIN_COUNT:
        yield Problem(
            total_cell or total_node.path,
            ctx.t(
                f"「{other_node.title}」共 {other} 件，占办理结果总计 {total} 件的 {share:.0%}，比例异常地高；请核对是否应归入（一）至（五）",
                f"“{other_node.title_en}” holds {other} of {total} outcomes ({share:.0%}), unusually many",
            ),
            related=tuple(c for c in cells if c),
        )


@rule("E7", "applications-jump", Severity.WARNING, anchors=("applications_total",))
def applications_jump(ctx: LintContext) -> Iterator[Problem]:
    """本年新收申请数与上年相比变化过大（超过 5 倍或不足五分之一）。

    申请数量大起大落多半是填错了行或列（把总计填成自然人、把件数填成人次），也可能确有原因；
    这是提醒核对的警告。需要上一年度报告（同一机关，早一年），两年中较大的一年不少于 10 件时检查。
    ---
    Applications received changed by more than 5× (or fell under 0.2×) from last year's.  Needs
    last year's report of the same organ; checked when the larger year has at least 10.
    """
    prev = ctx.same_organ_last_year
    path = ctx.anchor("applications_total")
    if prev is None:
        return
    this, last = ctx.number(path), prev.get(path)
    if this is None or isinstance(last, bool) or not isinstance(last, int | float) or last <= 0:
        return
    if max(this, last) < JUMP_MIN:
        return
    ratio = this / last
    if ratio > JUMP_UP or ratio < JUMP_DOWN:
        yield Problem(
            path,
            ctx.t(
                f"{ctx.describe(path)}为 {this}，{prev.year} 年为 {last}（{ratio:.2g} 倍），变化异常，请核对",
                f"{ctx.describe(path)} is {this}; {prev.year}: {last} ({ratio:.2g}×), an unusual change",
            ),
        )


@rule("E8", "copied-text", Severity.WARNING)
def copied_text(ctx: LintContext) -> Iterator[Problem]:
    """一、五、六 的段落与同一批次中另一机关同年度的报告相同或几乎相同（内容雷同）。

    评估通报“内容雷同、敷衍塞责”的报告。govreport check 一次检查多份报告时，把每段文字按句比较
    （去掉数字、年份、标点和机关名称后逐句计算指纹），报告哪些段落有多少内容与哪个机关的报告相同。
    每份报告都必须有的套话（条例和通知的原句、前言格式语、出现在本批次多数报告中的句子）不计。
    只在 govreport check 中生效：govreport lint 一次只看一个机关。
    ---
    Paragraphs of 一, 五 or 六 appear verbatim or nearly so in another organ's report of the
    same year in the batch (内容雷同).  Sentences are fingerprinted after removing digits,
    years, punctuation and organ names; boilerplate every report contains is not counted.
    Only ``govreport check`` compares organs.
    """
    problems = ctx.options.get("copied")
    if isinstance(problems, list):
        yield from (p for p in problems if isinstance(p, Problem))
