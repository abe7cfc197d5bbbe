"""The render model: what the templates see, built from the schema's layout and a report.

Every label, heading, header cell and span comes from the format's schema (``spec.tables``,
node titles, ``x-document-title``, ``x-format-notice``); every value comes from the report.
Nothing here is specific to one format version: a new schema renders through the same code.

The model tolerates a report with errors (missing keys, wrong types): a missing value is
rendered as missing, a value of the wrong type as written, so people can see what they have.
"""

from __future__ import annotations

import datetime as _dt
import string
from dataclasses import dataclass, field
from typing import Any

from govreport.format.layout import Block, HeaderCell, TableLayout
from govreport.format.spec import FormatSpec, KeyPath, Node
from govreport.format.values import UNRESOLVED_MARK, CellState, cell_state, show_number
from govreport.report.document import ReportDocument

VALUE = "value"  # the role of a value cell (also its CSS class in the HTML)


@dataclass(frozen=True)
class RenderCell:
    """One cell of a rendered table.

    ``role`` is ``heading`` (a block heading spanning the table), ``corner`` (the top-left
    header cell, which may hold a note), ``head`` (a column header), ``label`` (a row label)
    or ``value``.  ``scope`` is the HTML ``scope`` of a header cell.  ``state`` and ``path``
    are set for value cells only.
    """

    text: str
    role: str
    colspan: int = 1
    rowspan: int = 1
    scope: str = ""
    state: str = ""
    path: str = ""
    kind: str = ""


@dataclass(frozen=True)
class RenderBlock:
    """A block of a table: an optional heading row, the header rows and the body rows."""

    key: str
    heading: RenderCell | None
    head_rows: list[list[RenderCell]]
    body_rows: list[list[RenderCell]]


@dataclass(frozen=True)
class RenderTable:
    key: str
    number: str
    title: str
    width: int
    label_columns: int  # the most row-label columns of any block (0: no row labels)
    blocks: list[RenderBlock]


@dataclass(frozen=True)
class TextPart:
    """One text field of a narrative section: its sub-head (``None`` when untitled) and paragraphs."""

    key: str
    title: str | None
    paragraphs: list[str]
    present: bool


@dataclass(frozen=True)
class RenderSection:
    key: str
    number: int
    title: str
    kind: str  # "narrative" or "table"
    parts: list[TextPart] = field(default_factory=list)
    table: RenderTable | None = None
    # tables nested in a narrative section (an optional block such as 六's fee table), shown
    # after its text when the report has them
    tables: list[RenderTable] = field(default_factory=list)


@dataclass(frozen=True)
class Field:
    """A preamble field: its schema label and its value (``None`` when missing or empty)."""

    key: str
    label: str
    value: Any

    @property
    def present(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class RenderPreamble:
    organ: Field
    year: Field
    level: Field
    period_start: Field
    period_end: Field
    website: Field
    contact: dict[str, Field]


@dataclass(frozen=True)
class TitlePart:
    """A piece of the document title: literal text, or a preamble field (``field`` set)."""

    text: str
    field: Field | None = None

    @property
    def missing(self) -> bool:
        return self.field is not None and not self.field.present


@dataclass(frozen=True)
class RenderModel:
    """Everything a template needs to render one report."""

    format: str
    format_title: str
    format_notice: str
    title: str  # the document title, with missing fields left out
    title_parts: list[TitlePart]  # the same, piece by piece, missing fields marked
    report: RenderPreamble
    sections: list[RenderSection]


class RenderError(Exception):
    """The report cannot be rendered at all (e.g. an unknown format).  ``str()`` is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- values -------------------------------------------------------------------------------
def cell_value(value: Any) -> tuple[str, CellState]:
    """The text and state of a value cell holding *value* (``None`` for a missing key); the
    state is also the cell's CSS class in the HTML (none for a number).  A value of the wrong
    type is shown as written."""
    state = cell_state(value)
    if state is CellState.NUMBER:
        return show_number(value), state
    if state is CellState.UNRESOLVED:
        return UNRESOLVED_MARK, state
    if state is not CellState.INVALID:
        return "", state  # blank or missing
    if isinstance(value, bool):
        return ("true" if value else "false"), state
    if isinstance(value, float):
        return str(value), state  # nan, infinity
    if isinstance(value, str):
        # Shown as written, on one line: a line break in a cell would end the table's HTML
        # block in Markdown.
        return " ".join(value.split()), state
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat(), state
    return "", state  # a table or an array where a number belongs: nothing sensible to show


def paragraphs(text: Any) -> list[str]:
    """Each line of a text field is a paragraph; blank lines are dropped."""
    if not isinstance(text, str):
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


# -- tables -------------------------------------------------------------------------------
def _head_cell(cell: HeaderCell, role: str = "head") -> RenderCell:
    if cell.corner:
        return RenderCell(cell.text, "corner", cell.colspan, cell.rowspan)
    scope = "col" if cell.column is not None else "colgroup"
    return RenderCell(cell.text, role, cell.colspan, cell.rowspan, scope)


def _block(doc: ReportDocument, block: Block) -> RenderBlock:
    heading = None
    if block.heading is not None:
        heading = RenderCell(block.heading.text, "heading", block.heading.colspan, 1, "colgroup")
    head_rows = [[_head_cell(c) for c in row] for row in block.header_rows]
    body_rows = []
    for row in block.rows:
        cells = [
            RenderCell(
                label.text, "label", label.colspan, label.rowspan, "rowgroup" if label.rowspan > 1 else "row"
            )
            for label in row.labels
        ]
        for ref in row.cells:
            text, state = cell_value(doc.get(ref.path))
            cells.append(RenderCell(text, VALUE, ref.colspan, 1, "", state, ".".join(ref.path), ref.kind))
        body_rows.append(cells)
    return RenderBlock(".".join(block.root), heading, head_rows, body_rows)


def _table(doc: ReportDocument, layout: TableLayout) -> RenderTable:
    blocks = [_block(doc, b) for b in layout.blocks]
    label_columns = max((b.label_columns for b in layout.blocks), default=0)
    key = "-".join(layout.path) if layout.path else layout.key  # an HTML id and class: no dots
    return RenderTable(key, layout.number, layout.title, layout.width, label_columns, blocks)


# -- the document -------------------------------------------------------------------------
def _field(spec: FormatSpec, doc: ReportDocument, path: KeyPath) -> Field:
    node = spec.node(path)
    label = node.title if node is not None else path[-1]
    value = doc.get(path)
    if isinstance(value, str) and not value.strip():
        value = None
    if isinstance(value, dict | list):
        value = None
    return Field(path[-1], label, value)


def _narrative(spec: FormatSpec, doc: ReportDocument, section: Node) -> list[TextPart]:
    parts = []
    for child in section.children.values():
        if not child.is_text:
            continue  # a nested table: see _nested_tables
        value = doc.get(child.path)
        title = None if child.untitled else child.title
        parts.append(TextPart(child.key, title, paragraphs(value), isinstance(value, str)))
    return parts


def _nested_tables(spec: FormatSpec, doc: ReportDocument, section: Node) -> list[RenderTable]:
    """The tables inside a narrative section that the report has (an optional block left out
    of the file is not shown)."""
    return [_table(doc, t) for t in spec.tables_in(section.key) if isinstance(doc.get(t.path), dict)]


def spec_for(doc: ReportDocument) -> FormatSpec:
    """The format the report names (the default for a report that names none)."""
    from govreport.format.resolve import resolve_format

    choice = resolve_format(doc.data)
    if choice.spec is None:
        raise RenderError(choice.message(action="生成"))
    return choice.spec


def build_model(doc: ReportDocument, spec: FormatSpec | None = None) -> RenderModel:
    """The render model of *doc* in its format (or in *spec* when given)."""
    spec = spec or spec_for(doc)
    at = spec.preamble_path
    contact_node = spec.node(at("contact"))
    contact_keys = list(contact_node.children) if contact_node is not None else []
    preamble = RenderPreamble(
        organ=_field(spec, doc, at("organ")),
        year=_field(spec, doc, at("year")),
        level=_field(spec, doc, at("level")),
        period_start=_field(spec, doc, at("period_start")),
        period_end=_field(spec, doc, at("period_end")),
        website=_field(spec, doc, at("website")),
        contact={key: _field(spec, doc, (*at("contact"), key)) for key in contact_keys},
    )
    tables = {t.key: t for t in spec.tables if not t.nested}
    sections = []
    for node in spec.sections():
        number = node.section_number or 0
        if node.key in tables:
            table = _table(doc, tables[node.key])
            sections.append(RenderSection(node.key, number, node.title, "table", table=table))
        else:
            parts = _narrative(spec, doc, node)
            nested = _nested_tables(spec, doc, node)
            sections.append(RenderSection(node.key, number, node.title, "narrative", parts, tables=nested))

    title_parts = _title_parts(spec, {"organ": preamble.organ, "year": preamble.year})
    return RenderModel(
        format=spec.version,
        format_title=spec.title,
        format_notice=spec.format_notice,
        title="".join(p.text for p in title_parts),
        title_parts=title_parts,
        report=preamble,
        sections=sections,
    )


def _title_parts(spec: FormatSpec, fields: dict[str, Field]) -> list[TitlePart]:
    """Split the schema's ``x-document-title`` pattern into text and fields."""
    parts: list[TitlePart] = []
    for literal, name, _spec, _conv in string.Formatter().parse(spec.document_title("{organ}", "{year}")):
        if literal:
            parts.append(TitlePart(literal))
        if name is None:
            continue
        f = fields.get(name)
        if f is None:
            raise RenderError(f"x-document-title names an unknown field {name!r}")
        value = f.value if isinstance(f.value, str | int) and not isinstance(f.value, bool) else None
        shown = Field(f.key, f.label, str(value).strip() if value is not None else None)
        parts.append(TitlePart(shown.value or "", shown))
    return parts
