"""``govreport export``: every cell of every report in tidy long form, and the findings.

One row per cell: organ, level, year, format, table, row key, row label, column key, column
label, value and state (``number``, ``blank`` for a cell left blank, ``unresolved`` for an
import's ``"?"``, ``missing`` when the report has no such cell, ``invalid`` for a value that
is not a number).  The value column holds numbers only (empty otherwise), so that
spreadsheets, pandas and DuckDB read it as a numeric column; the state says why a value is
empty.  Column names are the same identifiers in every output; the labels are the official
Chinese ones.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from govreport.check.run import CheckRecord
from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, UnknownFormatError, load_spec
from govreport.format.values import cell_number

CELL_COLUMNS = [
    "file", "form", "organ", "level", "year", "format", "table", "row_key", "row_label",
    "column_key", "column_label", "value", "state",
]  # fmt: skip
FINDING_COLUMNS = [
    "file", "form", "organ", "year", "code", "severity", "rule", "message", "path", "table",
    "row_label", "column_label", "paragraph", "line", "column",
]  # fmt: skip


def state_of(value: Any) -> tuple[int | float | None, str]:
    if value is None:
        return None, "missing"
    if value == "":
        return None, "blank"
    if isinstance(value, str) and value.startswith("?"):
        return None, "unresolved"
    number = cell_number(value)
    if number is None:
        return None, "invalid"
    return number, "number"


def _spec(record: CheckRecord) -> FormatSpec | None:
    try:
        return load_spec(record.format or DEFAULT_FORMAT)
    except UnknownFormatError:
        return None


def cell_rows(records: Sequence[CheckRecord]) -> Iterator[list[Any]]:
    for record in records:
        spec = _spec(record) if record.cells is not None else None
        if spec is None or record.cells is None:
            continue
        for table in spec.tables:
            if table.optional and all(record.cells.get(".".join(p)) is None for p in table.cell_paths()):
                continue  # an optional block (六's fee table) the report leaves out
            for block in table.blocks:
                for row in block.rows:
                    row_key = ".".join(row.path[1:])
                    for ref in row.cells:
                        value, state = state_of(record.cells.get(".".join(ref.path)))
                        yield [
                            record.name, record.form, record.organ, record.level, record.year, record.format,
                            table.number or table.title, row_key, row.label_zh, ref.path[-1], ref.column_label_zh, value, state,
                        ]  # fmt: skip


def finding_rows(records: Sequence[CheckRecord]) -> Iterator[list[Any]]:
    for record in records:
        if record.fatal:
            yield [record.name, record.form, record.organ, record.year, "", "fatal", "", record.fatal,
                   "", "", "", "", None, None, None]  # fmt: skip
        for f in record.findings:
            where = f.get("where", {})
            cell = where.get("cell") or {}
            yield [
                record.name, record.form, record.organ, record.year, f["code"], f["severity"], f["rule"],
                f["message"], f["path"], cell.get("table", ""), cell.get("row", ""), cell.get("column", ""),
                where.get("paragraph"), where.get("line"), where.get("column"),
            ]  # fmt: skip


def to_csv(records: Sequence[CheckRecord]) -> str:
    """The cells; the findings follow after an empty line would break readers, so they go to
    a second file: see :func:`findings_csv`."""
    return _csv(CELL_COLUMNS, cell_rows(records))


def findings_csv(records: Sequence[CheckRecord]) -> str:
    return _csv(FINDING_COLUMNS, finding_rows(records))


def _csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def to_jsonl(records: Sequence[CheckRecord]) -> str:
    """One JSON object a line: ``{"kind": "cell", …}`` and ``{"kind": "finding", …}``."""
    lines = []
    for row in cell_rows(records):
        lines.append(
            json.dumps({"kind": "cell", **dict(zip(CELL_COLUMNS, row, strict=True))}, ensure_ascii=False)
        )
    for row in finding_rows(records):
        lines.append(
            json.dumps(
                {"kind": "finding", **dict(zip(FINDING_COLUMNS, row, strict=True))}, ensure_ascii=False
            )
        )
    return "\n".join(lines) + ("\n" if lines else "")


def to_xlsx(records: Sequence[CheckRecord]) -> bytes:
    """A workbook with a sheet ``cells`` and a sheet ``findings``, each with a frozen header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    for title, columns, rows in (
        ("cells", CELL_COLUMNS, cell_rows(records)),
        ("findings", FINDING_COLUMNS, finding_rows(records)),
    ):
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        from openpyxl.cell import WriteOnlyCell

        header = []
        for name in columns:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
