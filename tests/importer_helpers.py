"""Write a report as HTML or Word from the schema's layout, for the import round-trip tests.

A stand-in for a published page: the official table layout (headings, merged header cells,
row labels with their spans) taken from ``spec.tables``, narrative as paragraphs.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from govreport.format.spec import FormatSpec

Span = tuple[str, int, int]  # text, rowspan, colspan


# expected-tables.json's shorthand for the rows of table 三 and the columns of 三 and 四
EXPECTED_ROWS_3 = {
    "new": "new",
    "carry": "carried_over",
    "r1": "results.granted",
    "r2": "results.partial",
    **{
        f"r3_{i + 1}": f"results.withheld.{k}"
        for i, k in enumerate(
            (
                "state_secret",
                "prohibited_by_law",
                "three_securities",
                "third_party",
                "internal_affairs",
                "process_information",
                "enforcement_files",
                "query_matters",
            )
        )
    },
    **{
        f"r4_{i + 1}": f"results.unavailable.{k}"
        for i, k in enumerate(("not_held", "needs_creation", "still_unclear"))
    },
    **{
        f"r5_{i + 1}": f"results.not_processed.{k}"
        for i, k in enumerate(("complaints", "repeated", "publications", "excessive", "confirmation"))
    },
    **{f"r6_{i + 1}": f"results.other.{k}" for i, k in enumerate(("no_correction", "fees_unpaid", "other"))},
    "total": "results.total",
    "next": "carry_forward",
}
EXPECTED_COLUMNS_3 = ("person", "business", "research", "nonprofit", "legal", "other", "total")
EXPECTED_COLUMNS_4 = ("upheld", "corrected", "other", "pending", "total")


def get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = data
    for part in path:
        node = node[part]
    return node


def show(value: Any) -> str:
    return "" if value == "" else str(value)


def narrative(section: Any, data: dict[str, Any]) -> list[tuple[str | None, list[str]]]:
    """A narrative section's text fields: each one's sub-head (None when the format prints
    none) and its paragraphs; a table nested in the section (六's optional fee table) is left out."""
    fields = []
    for key, field in section.children.items():
        if field.is_text:
            paragraphs = [p for p in str(data[section.key][key]).splitlines() if p]
            fields.append((None if field.untitled else field.title, paragraphs))
    return fields


def narrative_lines(section: Any, data: dict[str, Any]) -> list[str]:
    """A narrative section as lines of text: each sub-head, then its paragraphs."""
    return [
        line
        for head, paragraphs in narrative(section, data)
        for line in ([head] if head else []) + paragraphs
    ]


def required_cells(spec: FormatSpec) -> list[tuple[str, ...]]:
    """The cell paths of every table a report must have (optional ones: tests/test_fee_block.py)."""
    return [path for table in spec.tables if not table.optional for path in table.cell_paths()]


def table_rows(spec: FormatSpec, key: str, data: dict[str, Any]) -> list[list[Span]]:
    table = spec.table(key)
    rows: list[list[Span]] = []
    for block in table.blocks:
        if block.heading is not None:
            rows.append([(block.heading.text, 1, table.width)])
        for header in block.header_rows:
            rows.append([(c.text, c.rowspan, c.colspan) for c in header])
        for row in block.rows:
            cells: list[Span] = [(lab.text, lab.rowspan, lab.colspan) for lab in row.labels]
            cells.extend((show(get(data, ref.path)), 1, ref.colspan) for ref in row.cells)
            rows.append(cells)
    return rows


def placed_cells(rows: list[list[Span]]) -> list[tuple[int, int, str, int, int]]:
    """Each cell of *rows* at its grid position: (row, column, text, rowspan, colspan), a
    column taken by a cell spanning from a row above skipped as a table does."""
    placed: list[tuple[int, int, str, int, int]] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, text, rs, cs))
            taken.update((r + dr, c + dc) for dr in range(rs) for dc in range(cs))
            c += cs
    return placed


def preamble(data: dict[str, Any]) -> list[str]:
    r = data["report"]
    c = r["contact"]
    return [
        f"本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{r['period_start'].year}年"
        f"{r['period_start'].month}月{r['period_start'].day}日起至{r['period_end'].year}年{r['period_end'].month}月"
        f"{r['period_end'].day}日止。本报告电子版可在{r['website']}查阅或下载。如对本报告有任何疑问，请与{c['office']}联系"
        f"（地址：{c['address']}；邮编：{c['postcode']}；电话：{c['phone']}）。"
    ]


def title(spec: FormatSpec, data: dict[str, Any]) -> str:
    return spec.document_title(data["report"]["organ"], data["report"]["year"])


def to_html(spec: FormatSpec, data: dict[str, Any]) -> str:
    out = [
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title(spec, data))}</title>"
    ]
    out.append(
        "<script>var nav = '一、总体情况';</script></head><body><div class='nav'>首页 | 政务公开</div>"
    )
    out.append(f"<div class='article'><h1>{html.escape(title(spec, data))}</h1>")
    out.extend(f"<p>{html.escape(p)}</p>" for p in preamble(data))
    for section in spec.sections():
        out.append(f"<h2>{html.escape(section.title)}</h2>")
        if section.role == "narrative":
            for head, paragraphs in narrative(section, data):
                if head is not None:
                    out.append(f"<h3>{html.escape(head)}</h3>")
                out.extend(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        else:
            out.append("<table border='1'>")
            for row in table_rows(spec, section.key, data):
                tds = "".join(
                    f"<td rowspan='{r}' colspan='{c}'><p>{html.escape(t)}</p></td>" for t, r, c in row
                )
                out.append(f"<tr>{tds}</tr>")
            out.append("</table>")
    out.append("</div><div class='footer'>版权所有 联系我们</div></body></html>")
    return "\n".join(out)


def to_docx(spec: FormatSpec, data: dict[str, Any], path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title(spec, data), level=1)
    for p in preamble(data):
        document.add_paragraph(p)
    for section in spec.sections():
        document.add_heading(section.title, level=2)
        if section.role == "narrative":
            for head, paragraphs in narrative(section, data):
                if head is not None:
                    document.add_heading(head, level=3)
                for p in paragraphs:
                    if p:
                        document.add_paragraph(p)
            continue
        rows = table_rows(spec, section.key, data)
        table = document.add_table(rows=len(rows), cols=spec.table(section.key).width)
        for r, c, text, rowspan, colspan in placed_cells(rows):
            cell = table.cell(r, c)
            if rowspan > 1 or colspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            cell.text = text
    document.save(str(path))


def to_run_text(spec: FormatSpec, data: dict[str, Any]) -> str:
    """The report as some site archives keep it: one line, every table cell run together."""
    parts = [title(spec, data), *preamble(data)]
    for section in spec.sections():
        chunk = [section.title]
        if section.role == "narrative":
            chunk.extend(narrative_lines(section, data))
        else:
            chunk.extend(text for row in table_rows(spec, section.key, data) for text, _r, _c in row)
        parts.append("".join(chunk))
    return " ".join(parts)


def to_text(spec: FormatSpec, data: dict[str, Any], shape: str) -> str:
    """The report as text copied out of a page: tables with tab-separated cells ("tabs"), one
    cell a line ("lines"), or labels then the row's numbers separated by spaces ("spaces")."""
    lines = [title(spec, data), *preamble(data)]
    for section in spec.sections():
        lines.append(section.title)
        if section.role == "narrative":
            lines.extend(narrative_lines(section, data))
            continue
        for row in table_rows(spec, section.key, data):
            texts = [text for text, _r, _c in row]
            if shape == "tabs":
                lines.append("\t".join(texts))
            elif shape == "lines":
                lines.extend(t for t in texts if t)
            else:
                labels = [t for t in texts if not t.replace(".", "").isdigit()]
                numbers = [t for t in texts if t.replace(".", "").isdigit()]
                lines.append(" ".join([*labels, " ".join(numbers)]) if numbers else "\t".join(labels))
    return "\n".join(lines) + "\n"
