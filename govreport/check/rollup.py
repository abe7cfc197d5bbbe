"""逐级汇总: tables 二, 三 and 四 of many reports added up cell by cell (``govreport sum``), and a
government's own report compared with the sum of its parts (``govreport check --parent``).

A sum is exact or unknown, never low: a cell that is ``"?"`` (unresolved on import), missing
or not a number in any input makes that sum ``"?"``, with a comment naming the inputs.  A
blank cell (``""``) counts as 0, as everywhere in govreport, and the comment says how many
were blank.  Amounts (the fee in 万元) are added as decimals, so ``1.1 + 2.2`` is ``3.3``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from govreport.check.run import CheckRecord
from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, KeyPath, UnknownFormatError, load_spec
from govreport.format.values import (
    UNRESOLVED_MARK,
    CellState,
    cell_number,
    cell_state,
    is_number,
    show_number,
)
from govreport.i18n import t

UNKNOWN = UNRESOLVED_MARK  # the value of a sum with an unknown part


class RollupError(Exception):
    """The inputs cannot be added up (mixed years or formats, unreadable inputs)."""


@dataclass
class Part:
    """One input of a sum: who, and the values of its cells (dotted path → value)."""

    name: str
    organ: str
    year: int | None
    format: str
    cells: dict[str, Any]


@dataclass
class SumCell:
    path: KeyPath
    value: int | float | str  # a number, or "?"
    count: int  # reports added
    blank: int = 0
    unknown: list[str] = field(default_factory=list)  # inputs whose cell is unknown

    def comment(self) -> str:
        if cell_state(self.value) is CellState.UNRESOLVED:
            names = "、".join(self.unknown[:5]) + (
                f" 等 {len(self.unknown)} 份" if len(self.unknown) > 5 else ""
            )
            return f'未确定：{names} 中此项为 "?"、缺失或不是数值，合计无法得出（共 {self.count} 份报告）'
        text = f"{self.count} 份报告之和"
        if self.blank:
            text += f"（其中 {self.blank} 份为空白，按 0 计）"
        return text


def check_same(parts: Sequence[Part]) -> tuple[int, str]:
    """The year and format of *parts*; RollupError naming them when they differ."""
    years = sorted({p.year for p in parts}, key=lambda y: (y is None, y or 0))
    if len(years) != 1 or years[0] is None:
        listed = t("；", "; ").join(
            t(f"{y if y is not None else '年度未知'} 年：", f"{y if y is not None else 'year unknown'}: ")
            + t("、", ", ").join(p.name for p in parts if p.year == y)[:200]
            for y in years
        )
        raise RollupError(
            t(
                f"报告的年度不同，不能相加（{listed}）",
                f"the reports are of different years; not added up ({listed})",
            )
        )
    formats = sorted({p.format for p in parts})
    if len(formats) != 1:
        listed = t("；", "; ").join(
            f"{f or t('格式未知', 'format unknown')}{t('：', ': ')}"
            + t("、", ", ").join(p.name for p in parts if p.format == f)[:200]
            for f in formats
        )
        raise RollupError(
            t(
                f"报告的格式版本不同，不能相加（{listed}）",
                f"the reports are in different formats; not added up ({listed})",
            )
        )
    year = years[0]
    assert year is not None
    return year, formats[0]


def repeated_organs(parts: Sequence[Part]) -> tuple[str, str] | None:
    """When one organ's report of one year is among *parts* more than once (adding it twice
    would count it twice): the message naming the files, in Chinese and English."""
    seen: dict[tuple[str, int | None], list[str]] = {}
    for part in parts:
        if part.organ:
            seen.setdefault((part.organ, part.year), []).append(part.name)
    twice = {key: names for key, names in seen.items() if len(names) > 1}
    if not twice:
        return None
    zh = "；".join(f"{organ} {year} 年：{'、'.join(names)}" for (organ, year), names in twice.items())
    en = "; ".join(f"{organ} {year}: {', '.join(names)}" for (organ, year), names in twice.items())
    return (
        f"同一机关的报告出现了不止一次，相加会重复计算（{zh}）",
        f"the same organ's report is given more than once: it would be counted twice ({en})",
    )


def check_distinct(parts: Sequence[Part], lang: str = "zh") -> None:
    """RollupError when one organ's report of one year is among *parts* more than once."""
    problem = repeated_organs(parts)
    if problem is not None:
        raise RollupError(problem[1] if lang == "en" else problem[0])


def _decimal(value: int | float) -> Decimal:
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def add_up(spec: FormatSpec, parts: Sequence[Part]) -> list[SumCell]:
    """Every cell of the format's tables, summed over *parts*."""
    out: list[SumCell] = []
    for table in spec.tables:
        if table.optional and all(
            part.cells.get(".".join(p)) is None for part in parts for p in table.cell_paths()
        ):
            continue  # an optional block (六's fee table) that no part has: absent from the sum too
        for path in table.cell_paths():
            key = ".".join(path)
            amount = spec[path].cell_kind == "amount"
            total = Decimal(0)
            blank = 0
            unknown: list[str] = []
            for part in parts:
                value = part.cells.get(key)
                if cell_state(value) is CellState.BLANK:
                    blank += 1
                number = cell_number(value)
                if number is None or (not amount and isinstance(number, float)):
                    unknown.append(part.name)
                    continue
                total += _decimal(number)
            if unknown:
                out.append(SumCell(path, UNKNOWN, len(parts), blank, unknown))
            elif amount and total != total.to_integral_value():
                out.append(SumCell(path, float(total), len(parts), blank))  # the decimals kept
            else:
                out.append(SumCell(path, int(total), len(parts), blank))
    return out


def sum_report(spec: FormatSpec, parts: Sequence[Part], organ: str, year: int) -> str:
    """The report file of the sum: the tables summed, each value with its comment; the
    preamble and the narrative left for the government to write (placeholders)."""
    from govreport.report.scaffold import new_report
    from govreport.report.writer import write_report_toml

    scaffold = new_report(spec, year=year, organ=organ)
    data = scaffold.data
    comments: dict[KeyPath, str] = {}
    cells = add_up(spec, parts)
    for cell in cells:
        node: dict[str, Any] = data
        for part in cell.path[:-1]:
            node = node.setdefault(part, {})
        node[cell.path[-1]] = cell.value
        comments[cell.path] = cell.comment()
    names = "、".join(p.organ or p.name for p in parts)
    comments[(spec.tables[0].key,)] = f"govreport sum：以下表格为 {len(parts)} 份报告之和（{names}）"
    return write_report_toml(spec, data, comments=comments)


def part_of(record: CheckRecord) -> Part:
    return Part(record.name, record.organ, record.year, record.format or DEFAULT_FORMAT, record.cells or {})


@dataclass
class Difference:
    path: KeyPath
    label: str
    parent: Any
    total: int | float


@dataclass
class Comparison:
    parent: str
    parts: int
    differences: list[Difference]
    unknown: int  # cells whose sum is unknown ("?" in a part), not compared
    lang: str = "zh"

    def text(self) -> str:
        zh = self.lang != "en"
        lines = []
        for d in self.differences:
            said = show_number(d.parent) if is_number(d.parent) else d.parent
            total = show_number(d.total)
            lines.append(
                f"{self.parent}: [警告] {d.label}：本级报告为 {said}，{self.parts} 份报告之和为 {total}"
                if zh
                else f"{self.parent}: [warning] {d.label}: the report says {said}, the sum of {self.parts} reports is {total}"
            )
        if zh:
            lines.append(
                f"与 {self.parts} 份报告之和比较：{len(self.differences)} 处不一致"
                + (f"，{self.unknown} 处因有未确定的值未比较" if self.unknown else "")
                + "（并非所有地区的报告都是下级报告之和，仅供核对）。"
            )
        else:
            lines.append(
                f"Compared with the sum of {self.parts} reports: {len(self.differences)} differences"
                + (f", {self.unknown} cells not compared (unknown values)" if self.unknown else "")
                + " (not every region's report is a pure sum)."
            )
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.parent,
            "parts": self.parts,
            "unknown": self.unknown,
            "differences": [
                {"path": ".".join(d.path), "label": d.label, "parent": d.parent, "sum": d.total}
                for d in self.differences
            ],
        }


def compare_parent(parent: Path, records: Sequence[CheckRecord], lang: str = "zh") -> Comparison:
    """The parent report against the sum of *records*, cell by cell."""
    from govreport.check.inputs import load_input

    unreadable = [r.name for r in records if r.fatal]
    if unreadable:
        shown = t("、", ", ").join(unreadable[:5])
        raise RollupError(
            t(
                f"有 {len(unreadable)} 份报告无法读取，合计不完整，未与上级报告比较：{shown}",
                f"{len(unreadable)} reports cannot be read; the sum is incomplete and was not compared "
                f"with the parent report: {shown}",
            )
        )
    loaded = load_input(parent)
    if loaded.doc is None:
        raise RollupError(
            t(f"无法读取上级报告：{loaded.fatal}", f"cannot read the parent report: {loaded.fatal}")
        )
    doc = loaded.doc
    try:
        spec = load_spec(doc.format_version or DEFAULT_FORMAT)
    except UnknownFormatError:
        raise RollupError(unknown_format(str(parent), doc.format_version)) from None
    parts = [part_of(r) for r in records]
    year, version = check_same(parts)
    check_distinct(parts, lang)
    organ = (doc.organ or "").strip()
    itself = [p.name for p in parts if organ and p.organ == organ]
    if itself:
        raise RollupError(
            f"the parent report {parent} is by {organ}, whose own report is also among the parts "
            f"({', '.join(itself)}): the sum would count it"
            if lang == "en"
            else f"上级报告 {parent} 的机关 {organ} 也出现在下级报告中（{'、'.join(itself)}），"
            "其数据会被计入合计，不能比较"
        )
    if doc.year != year or (doc.format_version or DEFAULT_FORMAT) != version:
        raise RollupError(
            t(
                f"上级报告 {parent} 为 {doc.year} 年、{doc.format_version} 格式，与下级报告（{year} 年、{version} 格式）不同",
                f"the parent report {parent} is for {doc.year} in the {doc.format_version} format, unlike "
                f"the others ({year}, {version} format)",
            )
        )
    differences = []
    unknown = 0
    for cell in add_up(spec, parts):
        if cell_state(cell.value) is CellState.UNRESOLVED:
            unknown += 1
            continue
        mine = cell_number(doc.get(cell.path))
        if mine is None:
            unknown += 1
            continue
        assert not isinstance(cell.value, str)
        if _decimal(mine) != _decimal(cell.value):
            differences.append(
                Difference(cell.path, spec.describe(cell.path, lang), doc.get(cell.path), cell.value)
            )
    return Comparison(str(parent), len(parts), differences, unknown, lang)


def unknown_format(name: str, version: str | None) -> str:
    return t(f"{name}: 未知的格式版本 {version!r}", f"{name}: unknown format version {version!r}")


def read_part(name: str) -> Part | str:
    """An input of ``govreport sum`` as a Part, or the reason it cannot be read."""
    from govreport.check.inputs import import_crashed, load_input

    try:
        loaded = load_input(Path(name))
    except Exception as exc:  # a reader's bug: this input's reason, not a crash of the batch
        return import_crashed(name, exc)
    doc = loaded.doc
    if doc is None:
        return loaded.fatal or t(f"{name}: 无法读取", f"{name}: cannot be read")
    version = doc.format_version or DEFAULT_FORMAT
    try:
        spec = load_spec(version)
    except UnknownFormatError:
        return unknown_format(name, version)
    cells = {".".join(cell.path): doc.get(cell.path) for cell in spec.cells()}
    return Part(name, (doc.organ or "").strip(), doc.year, version, cells)
