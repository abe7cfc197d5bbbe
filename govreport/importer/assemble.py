"""Put the pieces together: source → report data → report file text, with a summary."""

from __future__ import annotations

import datetime as _dt
import itertools
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreport.format.layout import TableLayout
from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, KeyPath, available_formats, load_spec
from govreport.fsutil import UnreadableFile, read_bytes_checked
from govreport.i18n import current_lang, t
from govreport.importer.blocks import SourceDocument
from govreport.importer.detect import detect_format
from govreport.importer.normalize import NormText, norm
from govreport.importer.preamble import ImportedPreamble, read_preamble
from govreport.importer.sections import (
    Outline,
    Span,
    find_sections,
    split_subheads,
    strip_numbering,
    variants,
)
from govreport.importer.splitter import CellResult, resolve
from govreport.importer.tables import (
    RowRead,
    is_footer,
    is_label_text,
    is_value_line,
    locate_table,
    read_table,
)
from govreport.limits import MAX_INPUT_BYTES
from govreport.report.document import get_in, pop_in, set_in
from govreport.report.scaffold import new_report
from govreport.report.writer import display_width, write_report_toml

MAX_SOURCE_BYTES = MAX_INPUT_BYTES  # the one input limit (govreport/limits.py)
STATUSES = ("direct", "rule", "ambiguous", "blank", "missing")


def _table_name(table: TableLayout) -> str:
    """A table's name in the summary, in the language of the command line."""
    return table.name(current_lang())


class SourceError(Exception):
    """The source cannot be imported at all.  ``str()`` is a one-line message."""


@dataclass
class ImportResult:
    spec: FormatSpec
    data: dict[str, Any]
    comments: dict[KeyPath, str]
    kind: str
    cells: list[CellResult] = field(default_factory=list)
    sections_found: list[str] = field(default_factory=list)
    sections_missing: list[str] = field(default_factory=list)
    preamble_missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # what was seen in the source, machine-readable: (name, detail), e.g. ("second-numbering", "")
    observations: list[tuple[str, str]] = field(default_factory=list)
    encoding: str | None = None
    published: _dt.date | None = None  # the page's 发布时间, when the reader found one
    renumbered: list[str] = field(default_factory=list)  # for the summary: what was renumbered or moved
    nested_found: list[str] = field(default_factory=list)  # nested tables read (dotted paths)

    def observe(self, name: str, detail: str = "") -> None:
        if (name, detail) not in self.observations:
            self.observations.append((name, detail))

    @property
    def text(self) -> str:
        return write_report_toml(self.spec, self.data, comments=self.comments)

    def table_counts(self) -> dict[str, Counter[str]]:
        """How the cells of each table were read, by the table's name in the summary ("表三"; a
        nested table by its title), for every table section and every nested table found."""
        tables = [t for t in self.spec.tables if not t.nested or t.key in self.nested_found]
        counts: dict[str, Counter[str]] = {_table_name(t): Counter() for t in tables}
        owner = {path: _table_name(t) for t in tables for path in t.cell_paths()}
        for cell in self.cells:
            if cell.path in owner:
                counts[owner[cell.path]][cell.status] += 1
        return counts

    @property
    def complete(self) -> bool:
        """Every section found and every value determined (blank cells are read, not missing)."""
        return not self.sections_missing and all(c.status in ("direct", "rule", "blank") for c in self.cells)


def _markers() -> list[str]:
    """Section titles of every format (quick-normalised), to find the report body in a page."""
    from govreport.importer.read_html import quick_norm

    out: list[str] = []
    for version in available_formats():
        for section in load_spec(version).sections():
            out.extend(quick_norm(strip_numbering(section.title)) for _ in [0])
            out.extend(quick_norm(str(a)) for a in section.aliases)
    return sorted(set(out))


def read_source(data: bytes, name: str, kind: str | None = None) -> SourceDocument:
    """The source's paragraphs and tables (the readers: importer/read_source.py)."""
    from govreport.importer.read_source import ReadError, read_any

    try:
        return read_any(data, name, kind, _markers())
    except ReadError as exc:
        raise SourceError(f"{name}: {exc}") from None


def import_path(path: str | os.PathLike[str], kind: str | None = None) -> ImportResult:
    p = Path(path)
    try:
        data = read_bytes_checked(p, MAX_SOURCE_BYTES, t("年度报告", "an annual report"))
    except UnreadableFile as exc:
        raise SourceError(str(exc)) from None
    return import_bytes(data, str(p), kind)


def import_bytes(data: bytes, name: str, kind: str | None = None) -> ImportResult:
    """Import a report from the bytes of a source file called *name*."""
    if not data.strip():
        raise SourceError(
            t(f"{name}: 文件是空的，没有可导入的内容", f"{name}: the file is empty; nothing to import")
        )
    source = read_source(data, name, kind)
    result = import_document(source, name)
    year = get_in(result.data, result.spec.preamble_path("year"))
    if result.cells and all(c.status == "blank" for c in result.cells) and not year:
        # the official labels and nothing else (e.g. a Word template): there is nothing to import
        raise SourceError(
            t(
                f"{name}: 是空白的年度报告模板（表格中没有任何数值，也没有报告年度），没有可导入的内容",
                f"{name}: is a blank report template (no value in the tables, no report year); nothing to import",
            )
        )
    return result


def import_document(source: SourceDocument, name: str) -> ImportResult:
    raw = source.text()
    if not raw.strip():
        raise SourceError(t(f"{name}: 没有找到文字内容，无法导入", f"{name}: no text found; cannot import"))
    spec, _scores = detect_format(raw, None)
    nt = NormText(raw)
    outline = find_sections(spec, nt)
    pre_lines = raw[: outline.preamble_end].split("\n")
    preamble = read_preamble(pre_lines, source.title)
    if preamble.year is not None:
        spec, _scores = detect_format(raw, preamble.year)
        outline = find_sections(spec, nt)
    tables_found = any(key in outline.sections for key in (t.key for t in spec.tables))
    if not outline.sections or (not tables_found and len(outline.sections) < 3):
        raise SourceError(
            t(
                f"{name}: 没有找到年度报告的章节（如“一、总体情况”“三、收到和处理政府信息公开申请情况”），"
                "不像是政府信息公开工作年度报告",
                f"{name}: none of the annual report's sections found (such as “1. Overview”); "
                "not an annual report on government information disclosure",
            )
        )
    return _assemble(spec, source, raw, outline, preamble, pre_lines)


MIN_UNHEADED_TEXT = 40  # characters of prose after a table that make a section whose heading was lost


def claim_unheaded(spec: FormatSpec, raw: str, outline: Outline) -> list[str]:
    """Sections whose heading the source lost (a converter dropped "五、存在的主要问题及改进情况"):
    when a narrative section is missing right after a table section that was found, the prose
    after the table's last row (a row of cells or of values) is that section's text, not
    words inside the table.  The keys of the sections so found."""
    sections = spec.sections()
    claimed: list[str] = []
    for before, section in itertools.pairwise(sections):
        prev = outline.sections.get(before.key)
        if section.key in outline.sections or prev is None or before.role != "table":
            continue
        if section.role != "narrative":
            continue
        lines = raw[prev.raw_start : prev.raw_end].split("\n")
        last = max(
            (i for i, line in enumerate(lines) if is_value_line(line) and not is_footer(line)), default=None
        )
        if last is None:
            continue
        tail = [line for line in lines[last + 1 :] if line.strip() and not is_footer(line)]
        prose = norm("".join(tail))
        if len(prose) < MIN_UNHEADED_TEXT or "。" not in prose:
            continue
        start = prev.raw_start + sum(len(line) + 1 for line in lines[: last + 1])
        outline.sections[section.key] = Span(
            section.key, prev.end, prev.end, start, prev.raw_end, heading="", unheaded=True
        )
        prev.raw_end = start
        claimed.append(section.key)
    return claimed


def _assemble(
    spec: FormatSpec,
    source: SourceDocument,
    raw: str,
    outline: Any,
    preamble: ImportedPreamble,
    pre_lines: list[str],
) -> ImportResult:
    year = preamble.year
    scaffold = new_report(spec, year=year or 2000, organ=preamble.organ or None)
    data = scaffold.data
    at = spec.preamble_path
    comments: dict[KeyPath, str] = {}
    result = ImportResult(spec, data, comments, source.kind)
    result.notes.extend(source.notes)
    result.encoding = source.encoding
    result.published = source.published
    if spec.version != DEFAULT_FORMAT:
        result.observe(f"format-{spec.version}")
    for section in spec.sections():
        span = outline.sections.get(section.key)
        if span is None:
            continue
        if span.variant:
            result.observe("title-variant", f"{section.key}:{span.heading}")
        if span.numbered:
            result.observe("section-renumbered", f"{section.key}:{span.numbered}")
            result.renumbered.append(
                t(
                    f"原文「{span.numbered}、」即 {section.title}",
                    f"the source's “{span.numbered}、” is {section.title_en}",
                )
            )
    for key in claim_unheaded(spec, raw, outline):
        before = spec.sections()[[s.key for s in spec.sections()].index(key) - 1]
        result.observe("heading-missing", key)
        result.notes.append(
            t(
                f"原文缺少「{spec[key].title}」的标题：{before.title}的表格之后的文字作为该节内容导入，请核对",
                f"the source has no heading “{spec[key].title_en}”: the text after the table of "
                f"{before.title_en} is imported as that section, please check",
            )
        )
    for key, heading, _start, _end in outline.moved:
        result.observe("block-moved", f"{key}:{heading}")
        result.renumbered.append(
            t(
                f"原文「{heading}」一节的内容移入 {spec[key].title}",
                f"the source's section “{heading}” moved into {spec[key].title_en}",
            )
        )
    numbered = [outline.sections[t.key].numbered for t in spec.tables if t.key in outline.sections]
    if len(numbered) >= 2 and all(numbered) and numbered[0] == "一":
        result.observe("second-numbering")
    elif any(s.numbered for s in outline.sections.values()):
        result.observe("sections-shifted")
    if year is None:
        for name in ("year", "period_start", "period_end"):
            pop_in(data, at(name))
        result.preamble_missing.append(spec[at("year")].title)
    if preamble.period is not None:
        set_in(data, at("period_start"), preamble.period[0])
        set_in(data, at("period_end"), preamble.period[1])
    elif year is not None:
        result.notes.append(
            t(
                f"前言未写明统计期限，按 {year} 年全年填写",
                f"the preamble gives no period; the whole year {year} is written",
            )
        )
    if not preamble.organ:
        result.preamble_missing.append(spec[at("organ")].title)
    if preamble.website:
        set_in(data, at("website"), preamble.website)
    else:
        result.preamble_missing.append(spec[at("website")].title)
    contact_node = spec[at("contact")]
    contact = get_in(data, contact_node.path)
    if not isinstance(contact, dict):
        contact = {}
        set_in(data, contact_node.path, contact)
    for key, child in contact_node.children.items():
        if key in preamble.contact:
            contact[key] = preamble.contact[key]
        elif key in contact_node.required:
            result.preamble_missing.append(child.title)
    kept = [line for line in pre_lines if line.strip()]
    if kept and spec.preamble is not None:
        comments[spec.preamble.path] = "导入时的原文前言：\n" + "\n".join(kept)
        result.notes.append(
            t(
                f"前言原文（{len(kept)} 段）已作为注释保留在「{spec.preamble.title}」之前",
                f"the source's preamble ({len(kept)} paragraphs) is kept as a comment before "
                f"“{spec.preamble.title_en}”",
            )
        )

    reads: list[RowRead] = []
    for section in spec.sections():
        span = outline.sections.get(section.key)
        moved_here = [m for m in outline.moved if m[0] == section.key]
        if span is None:
            result.sections_missing.append(section.title)
            if not moved_here:
                continue
        else:
            result.sections_found.append(section.title)
        # a section whose heading is missing still receives the blocks that belong to it
        content = raw[span.raw_start : span.raw_end] if span is not None else ""
        for key, _heading, start, end in moved_here:
            if key == section.key:
                content = content.rstrip("\n") + "\n" + raw[start:end]
        role = section.role
        if role == "narrative":
            content = _read_nested_tables(spec, section.key, content, reads, result)
            renumbered_subheads: list[str] = []
            fields, missing = split_subheads(section, content, renumbered_subheads)
            if renumbered_subheads:
                result.observe("subheads-renumbered", section.key)
                titles = t("、", ", ").join(
                    section.children[k].label(current_lang()) for k in renumbered_subheads
                )
                result.renumbered.append(
                    t(
                        f"「{section.title}」的小标题 {titles} 在原文中按章节或列表编号",
                        f"the sub-heads {titles} of “{section.title_en}” are numbered as sections or a list "
                        "in the source",
                    )
                )
            for key, paras in fields.items():
                if paras or span is not None:
                    set_in(data, (section.key, key), "\n".join(paras))
            if missing:
                titles = t("、", ", ").join(section.children[k].label(current_lang()) for k in missing)
                result.notes.append(
                    t(
                        f"「{section.title}」中未找到小标题 {titles}，这些部分留空（lint 会提示）",
                        f"sub-heads {titles} not found in “{section.title_en}”; left empty (lint says so)",
                    )
                )
        elif role == "table":
            layout = spec.table(section.key)
            found = read_table(spec, layout, content)
            reads.extend(found.rows)
            for path, label in found.variants:
                result.observe("label-variant", f"{'.'.join(path)}:{label}")
            for path in found.out_of_order:
                result.observe("row-out-of-order", ".".join(path))
            stray = _stray_text(spec, layout.key, found.noise)
            parts: list[str] = []
            if stray:
                parts.append("导入时未能归入表格的原文：\n" + "\n".join(stray))
                result.notes.append(
                    t(
                        f"表{layout.number}中有 {len(stray)} 处文字未能归入表格，已作为注释保留",
                        f"{len(stray)} pieces of text in table {layout.number_en} fit no cell; kept as a comment",
                    )
                )
            loose = [(r, " ".join(t.text for t in r.stray)) for r in found.rows if r.stray]
            if loose:
                parts.append(
                    "导入时不属于任何一行的数字（未计入表格）：\n"
                    + "\n".join(f"「{r.row.label_zh}」之后：{digits}" for r, digits in loose)
                )
                count = sum(len(r.stray) for r, _ in loose)
                result.notes.append(
                    t(
                        f"表{layout.number}中有 {count} 个数字不属于任何一行（在文字之后），未计入表格，已作为注释保留",
                        f"{count} numbers in table {layout.number_en} belong to no row (they follow the text); "
                        "not counted, kept as a comment",
                    )
                )
                result.observe("loose-digits", f"表{layout.number}")
            if parts:
                comments[(section.key,)] = "\n".join(parts)
    cells, notes = resolve(spec, reads)
    result.notes.extend(notes)
    read_paths = {c.path for c in cells}
    for table in spec.tables:
        if table.optional and not any(p in read_paths for p in table.cell_paths()):
            continue  # an optional block (六's fee table) the source does not have
        for path in table.cell_paths():
            if path not in read_paths:
                cells.append(CellResult(path, "?", "missing", f"未确定：原文中未找到表{table.number}"))
    for cell in cells:
        set_in(data, cell.path, cell.value)
        if cell.comment:
            comments[cell.path] = cell.comment
    result.cells = cells
    return result


def _read_nested_tables(
    spec: FormatSpec, key: str, content: str, reads: list[RowRead], result: ImportResult
) -> str:
    """Read the tables nested in a narrative section (六's optional table) out of its text;
    the text without them (a table's cells are not the section's prose)."""
    for layout in spec.tables_in(key):
        where = locate_table(spec, layout, content)
        if where is None:
            continue
        found = read_table(spec, layout, content[where[0] : where[1]])
        if not any(r.found for r in found.rows):
            continue
        reads.extend(found.rows)
        result.nested_found.append(layout.key)
        result.observe("nested-table", layout.key)
        content = content[: where[0]].rstrip("\n") + "\n" + content[where[1] :].lstrip("\n")
    return content


_LABELS: dict[int, tuple[FormatSpec, str, tuple[str, ...]]] = {}


def _format_labels(spec: FormatSpec) -> tuple[str, tuple[str, ...]]:
    """Every label of the format's tables and sections, normalised: joined, and longest
    first (cached per format)."""
    hit = _LABELS.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1], hit[2]
    labels: list[str] = []
    for table in spec.tables:
        for block in table.blocks:
            if block.heading is not None:
                labels.append(norm(block.heading.text))
            for header_row in block.header_rows:
                labels.extend(norm(c.text) for c in header_row if c.text)
            for row in block.rows:
                labels.extend(norm(spec[row.path[: i + 1]].title) for i in range(len(row.path)))
    for section in spec.sections():
        labels.extend(variants(section))
    joined = "|".join(labels)
    ordered = tuple(sorted({x for x in labels if x}, key=len, reverse=True))
    _LABELS[id(spec)] = (spec, joined, ordered)
    return joined, ordered


def _stray_text(spec: FormatSpec, key: str, noise: list[str]) -> list[str]:
    """Skipped text that is not made of the format's own labels (worth keeping for the reader)."""
    joined, ordered = _format_labels(spec)
    out = []
    for text in noise:
        t = norm(text).strip(".,;:()[]")
        if len(t) < 2 or t in joined or is_label_text(t, ordered):
            continue
        out.append(text)
    return out


def _titles_en(spec: FormatSpec) -> dict[str, str]:
    """Chinese title -> English title, for every node of the format."""
    out: dict[str, str] = {}
    stack = [spec.root]
    while stack:
        node = stack.pop()
        out.setdefault(node.title, node.title_en)
        stack.extend(node.children.values())
    return out


def summary_lines(result: ImportResult, name: str) -> list[str]:
    """The import summary (Chinese, or English with --lang en): what was found, and per table
    how values were read."""
    en = current_lang() == "en"
    titles = _titles_en(result.spec) if en else {}

    def listed(items: list[str]) -> str:
        return ", ".join(titles.get(i, i) for i in items) if en else "、".join(items)

    organ = get_in(result.data, result.spec.preamble_path("organ")) or t("（机关未知）", "(organ unknown)")
    year = get_in(result.data, result.spec.preamble_path("year"))
    version = result.spec.version
    lines = [
        t(
            f"导入 {name}：{version} 年格式，{organ} {year if year else '（年度未知）'} 年",
            f"Imported {name}: {version} format, {organ} {year if year else '(year unknown)'}",
        )
    ]
    sections = result.spec.sections()
    numbers = {s.key: (str(i + 1) if en else s.title.split("、")[0]) for i, s in enumerate(sections)}
    marks = "  ".join(f"{numbers[s.key]}{'✓' if s.title in result.sections_found else '✗'}" for s in sections)
    lines.append(t(f"章节：{marks}", f"Sections: {marks}"))
    if result.encoding:
        lines.append(t(f"编码：{result.encoding}", f"Encoding: {result.encoding}"))
    if result.renumbered:
        lines.append(t("重新编号：", "Renumbered: ") + t("；", "; ").join(result.renumbered))
    headers = (
        ["table", "read", "split", "unknown", "blank", "missing"]
        if en
        else ["表格", "直接读取", "按规则拆分", "未确定", "空白", "缺失"]
    )
    table_counts = result.table_counts()
    widths = [display_width(h) for h in headers]
    widths[0] = max([widths[0], *(display_width(n) for n in table_counts)])
    lines.append(
        "  ".join(h + " " * (w - display_width(h)) for h, w in zip(headers, widths, strict=True)).rstrip()
    )
    for name, counts in table_counts.items():
        cells = [name, *(str(counts[s]) for s in STATUSES)]
        lines.append(
            "  ".join(
                c + " " * (w - display_width(c)) if i == 0 else " " * (w - display_width(c)) + c
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
        )
    kept = t("（保留了待填写提示）", " (the placeholders are kept)")
    if result.sections_missing:
        lines.append(t("未找到的章节：", "Sections not found: ") + listed(result.sections_missing) + kept)
    if result.preamble_missing:
        lines.append(
            t("前言中未找到：", "Not found in the preamble: ") + listed(result.preamble_missing) + kept
        )
    for note in result.notes:
        lines.append(t(f"注意：{note}", f"Note: {note}"))
    unresolved = sum(1 for c in result.cells if c.status in ("ambiguous", "missing"))
    if unresolved:
        lines.append(
            t(
                f'有 {unresolved} 个数值未能确定（写为 "?"，候选值见注释），请对照原文填写；govreport lint 会逐一列出',
                f'{unresolved} values could not be determined (written as "?", their candidates in a comment); '
                "fill them in from the source — govreport lint lists each",
            )
        )
    lines.append(confidence_line(result))
    return lines


def confidence_line(result: ImportResult) -> str:
    """One line: how far the imported tables can be trusted as they are."""
    total = len(result.cells) or 1
    unresolved = sum(1 for c in result.cells if c.status in ("ambiguous", "missing"))
    missing = [tb for tb in result.spec.tables if tb.title in result.sections_missing]
    missing_tables = [tb.number for tb in missing]
    if result.complete:
        return t(
            "总体可信度：高（每个数值都直接读自原文的单元格，或由数字与表内关系唯一确定）",
            "Confidence: high (every value was read from a cell of the source, or follows from its digits "
            "and the table's relations alone)",
        )
    if missing_tables or unresolved * 10 > total or len(result.sections_missing) > 1:
        if missing_tables:
            why = t(
                f"表{'、'.join(missing_tables)}未找到",
                f"table {', '.join(tb.number_en for tb in missing)} not found",
            )
        else:
            why = t(f"{unresolved} 个数值未确定", f"{unresolved} values undetermined")
        return t(
            f"总体可信度：低（{why}，请逐项对照原文）",
            f"Confidence: low ({why}; check each against the source)",
        )
    return t(
        f"总体可信度：中（已写出的数值均可信，{unresolved} 个数值和未找到的部分需对照原文）",
        f"Confidence: medium (the values written are sound; {unresolved} values and the parts not found "
        "need the source)",
    )
