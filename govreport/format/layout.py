"""The official table layout (rows, columns, merged header cells), derived from ``x-table``.

A table is one or more *blocks*.  A block has an optional full-width heading row (table 二's
"第二十条第（一）项"), a header built from a tree of column groups, and body rows whose label
cells come from the titles of the schema objects along the row's path.  Row and column
spans are computed here, once, for the renderer, the TUI and the lint messages alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govreport.format.spec import FormatSpec, KeyPath, Node


@dataclass
class HeaderCell:
    text: str
    text_en: str
    colspan: int = 1
    rowspan: int = 1
    column: KeyPath | None = None  # the leaf column (relative to the block root), if any
    corner: bool = False


@dataclass
class LabelCell:
    text: str
    text_en: str
    colspan: int = 1
    rowspan: int = 1
    path: KeyPath = ()


@dataclass
class CellRef:
    path: KeyPath  # full path of the cell in the report
    colspan: int
    column_label_zh: str
    column_label_en: str
    kind: str  # "count" or "amount"


@dataclass
class BodyRow:
    path: KeyPath  # full path of the row object
    labels: list[LabelCell]
    cells: list[CellRef]
    label_zh: str
    label_en: str


@dataclass
class Block:
    root: KeyPath
    heading: HeaderCell | None
    header_rows: list[list[HeaderCell]]
    rows: list[BodyRow]
    label_columns: int
    columns: list[KeyPath]


@dataclass
class TableLayout:
    """One table: a table section (表二, 三, 四; ``key`` is the section key) or a table nested in
    a narrative section (六's optional fee table; ``key`` is its dotted path, ``nested`` is true)."""

    key: str
    number: str
    title: str
    title_en: str
    width: int
    blocks: list[Block] = field(default_factory=list)
    path: KeyPath = ()
    optional: bool = False  # an optional block (x-optional): absent from most reports

    @property
    def nested(self) -> bool:
        """A table inside a section (not a section of its own)."""
        return len(self.path) > 1

    @property
    def section(self) -> str:
        """The key of the top-level section the table is or belongs to."""
        return self.path[0] if self.path else self.key

    def cell_paths(self) -> list[KeyPath]:
        return [ref.path for block in self.blocks for row in block.rows for ref in row.cells]

    @property
    def number_en(self) -> str:
        """The table's number as English writes it (三 → 3)."""
        digits = "一二三四五六七八九十"
        n = self.number
        return str(digits.index(n) + 1) if len(n) == 1 and n in digits else n

    def name(self, lang: str = "zh") -> str:
        """How a message names the table: 表三 / table 3, or a nested table's title."""
        if self.number:
            return f"table {self.number_en}" if lang == "en" else f"表{self.number}"
        return self.title_en if lang == "en" else self.title


def _split(path: str) -> KeyPath:
    return tuple(path.split(".")) if path else ()


class _HeaderNode:
    def __init__(self, text: str, text_en: str, column: KeyPath | None, children: list[_HeaderNode]) -> None:
        self.text = text
        self.text_en = text_en
        self.column = column
        self.children = children

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)

    def leaves(self) -> list[_HeaderNode]:
        if not self.children:
            return [self]
        return [leaf for c in self.children for leaf in c.leaves()]


def _header_tree(spec: FormatSpec, base: KeyPath, row_node: Node | None, item: Any) -> _HeaderNode:
    """Turn one entry of a block's ``header`` list into a tree node.

    A string names a column: a key of the row objects (table 三) or a path below the
    block root (table 四).  ``{"title": …, "children": …}`` is a layout-only group;
    ``{"group": path, "children": …}`` is a group titled by the schema object at *path*.
    """
    if isinstance(item, str):
        column = _split(item)
        node = spec.node(base + column) if row_node is None else row_node.children.get(item)
        if node is None:
            raise ValueError(f"x-table header names an unknown column {item!r}")
        return _HeaderNode(node.title, node.title_en, column, [])
    children = [_header_tree(spec, base, row_node, c) for c in item.get("children", [])]
    if "group" in item:
        group = spec.node(base + _split(item["group"]))
        if group is None:
            raise ValueError(f"x-table header names an unknown group {item['group']!r}")
        return _HeaderNode(group.title, group.title_en, None, children)
    return _HeaderNode(str(item["title"]), str(item.get("x-title-en", item["title"])), None, children)


def _build_block(spec: FormatSpec, table: Node, width: int, raw: dict[str, Any]) -> Block:
    root = table.path + _split(raw.get("root", ""))
    root_node = spec[root]
    row_paths = [_split(r) for r in raw["rows"]]
    label_columns = max((len(r) for r in row_paths), default=0)

    # Rows are objects whose properties are the columns (table 三); with an empty row path the
    # block root itself is the row and the columns are paths below it (table 四).
    first_row = spec[root + row_paths[0]] if row_paths and row_paths[0] else None
    tree = [_header_tree(spec, root, first_row, item) for item in raw["header"]]
    leaves = [leaf for t in tree for leaf in t.leaves()]
    columns = [leaf.column for leaf in leaves if leaf.column is not None]
    value_width = width - label_columns
    base_span, extra = divmod(value_width, len(columns))
    spans = [base_span + (1 if i == len(columns) - 1 else 0) * extra for i in range(len(columns))]
    leaf_span = {id(leaf): spans[i] for i, leaf in enumerate(leaves)}

    depth = max(t.depth() for t in tree)
    header_rows: list[list[HeaderCell]] = [[] for _ in range(depth)]
    if label_columns:
        header_rows[0].append(
            HeaderCell(
                str(raw.get("corner", "")), str(raw.get("corner", "")), label_columns, depth, corner=True
            )
        )

    def place(node: _HeaderNode, level: int) -> int:
        if not node.children:
            span = leaf_span[id(node)]
            header_rows[level].append(HeaderCell(node.text, node.text_en, span, depth - level, node.column))
            return span
        cell = HeaderCell(node.text, node.text_en, 0, 1)
        header_rows[level].append(cell)
        cell.colspan = sum(place(child, level + 1) for child in node.children)
        return cell.colspan

    for node in tree:
        place(node, 0)

    # The column label used in messages: the chain of groups, without a group that spans
    # every column of the block (it says nothing about which column is meant).
    column_labels: dict[KeyPath, tuple[str, str]] = {}

    def label_columns_of(node: _HeaderNode, chain_zh: list[str], chain_en: list[str]) -> None:
        spans_all = len(node.leaves()) == len(leaves) and len(leaves) > 1
        zh = chain_zh if spans_all and node.children else [*chain_zh, node.text]
        en = chain_en if spans_all and node.children else [*chain_en, node.text_en]
        if node.column is not None:
            column_labels[node.column] = ("·".join(zh), " / ".join(en))
        for child in node.children:
            label_columns_of(child, zh, en)

    for node in tree:
        label_columns_of(node, [], [])

    heading = None
    if raw.get("heading"):
        heading = HeaderCell(root_node.title, root_node.title_en, width, 1)

    rows: list[BodyRow] = []
    for i, rel in enumerate(row_paths):
        labels: list[LabelCell] = []
        for j in range(1, len(rel) + 1):
            prefix = rel[:j]
            if i > 0 and row_paths[i - 1][:j] == prefix:
                continue  # covered by a label cell spanning from an earlier row
            label_node = spec[root + prefix]
            if j < len(rel):
                span = sum(1 for r in row_paths[i:] if r[:j] == prefix)
                labels.append(LabelCell(label_node.title, label_node.title_en, 1, span, root + prefix))
            else:
                colspan = label_columns - j + 1
                labels.append(LabelCell(label_node.title, label_node.title_en, colspan, 1, root + prefix))
        row_path = root + rel
        chain = [spec[root + rel[:j]] for j in range(1, len(rel) + 1)]
        label_zh = " ".join(n.title for n in chain)
        label_en = " · ".join(n.title_en for n in chain)
        if heading is not None:
            label_zh = f"{heading.text} {label_zh}"
            label_en = f"{heading.text_en} · {label_en}"
        cells = []
        for col, span in zip(columns, spans, strict=True):
            path = row_path + col
            zh, en = column_labels[col]
            cells.append(CellRef(path, span, zh, en, spec[path].cell_kind or "count"))
        rows.append(BodyRow(row_path, labels, cells, label_zh, label_en))

    return Block(root, heading, header_rows, rows, label_columns, columns)


def build_tables(spec: FormatSpec) -> list[TableLayout]:
    tables = []
    for node in spec.table_nodes():
        raw = node.schema["x-table"]
        width = int(raw["width"])
        layout = TableLayout(
            node.dotted,
            str(raw.get("number", "")),
            node.title,
            node.title_en,
            width,
            path=node.path,
            optional=any(spec[node.path[:i]].is_optional_block for i in range(1, len(node.path) + 1)),
        )
        layout.blocks = [_build_block(spec, node, width, b) for b in raw["blocks"]]
        tables.append(layout)
    return tables
