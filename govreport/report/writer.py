"""Write a report in the canonical layout: every section in the format's order, each table
row by row, every value with its official label beside it as a comment.

The layout comes from the schema (order, titles); the TOML spelling of each value comes
from ``tomlkit``.  The writer is total: keys the format does not know, values of unexpected
types and the user's own comments are all written too, so that ``govreport fmt`` can rewrite
any report without losing anything.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import tomlkit

from govreport.format.spec import FormatSpec, KeyPath, Node
from govreport.report.document import get_in

FORMAT_DOC_PREFIX = "报告文件格式说明："
FILE_FORMAT_DOC = "https://github.com/govreport/govreport/blob/main/docs/file-format.md"
ALIGN_LIMIT = 40  # lines longer than this don't push the other comments to the right
LABEL_SEPARATOR = " · "


@dataclass
class Comments:
    """The user's comments, by the key path they belong to.

    Each comment is kept as the exact text after its ``#`` (``" 核对人：张三"`` for
    ``# 核对人：张三``), so that it is written back byte for byte.

    ``trailing``: the comment at the end of a value's or table header's line.
    ``leading``: whole-line comments written just above a key or table header.
    ``notes``: whole-line comments right under a section's banner (e.g. source text that
    ``govreport import`` could not place).
    ``footer``: whole-line comments after the last key.
    ``header``: what the user appended to the ``# 报告文件格式说明：…`` line (kept there).
    """

    trailing: dict[KeyPath, str] = field(default_factory=dict)
    leading: dict[KeyPath, list[str]] = field(default_factory=dict)
    notes: dict[KeyPath, list[str]] = field(default_factory=dict)
    footer: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)

    @classmethod
    def from_mapping(cls, comments: Mapping[KeyPath, str]) -> Comments:
        """Text by path: for a section (a one-key path), lines under its banner; for a value,
        words after its label."""
        out = cls()
        for path, text in comments.items():
            if len(path) == 1:
                out.notes[path] = [f" {line}" if line else "" for line in text.split("\n")]
            else:
                out.trailing[path] = f" {one_line(text)}"
        return out


def one_line(text: str) -> str:
    """*text* fit for a TOML comment: one line, no control characters (a tab is kept; runs of
    spaces are kept as they are)."""
    if text.isprintable():
        return text
    return "".join(" " if unicodedata.category(ch) == "Cc" and ch != "\t" else ch for ch in text)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def toml_key(key: str) -> str:
    return str(tomlkit.key(key).as_string())


def _inline(value: Any) -> Any:
    """Dicts (also inside lists) as inline tables, so that any value fits on one line."""
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        for k, v in value.items():
            table.append(k, _inline(v))
        return table
    if isinstance(value, list):
        array = tomlkit.array()
        for v in value:
            array.append(_inline(v))
        return array
    return value


def toml_value(value: Any) -> str:
    if isinstance(value, dict | list):
        return str(_inline(value).as_string())
    return str(tomlkit.item(value).as_string())


def toml_text(text: str) -> str:
    """A multi-line string whose value is exactly *text* (one paragraph per line).

    The opening quotes are followed by a newline (which TOML drops), so the text starts on a
    line of its own; text that ends with a newline closes on a line of its own.  A literal
    string (no escapes) when the text allows it, else a basic string in which backslashes,
    quotes and control characters are escaped.
    """
    controls = any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text)
    if "'''" not in text and not controls:
        return "'''\n" + text + "'''"
    escaped = []
    for ch in text:
        if ch == "\\":
            escaped.append("\\\\")
        elif ch == '"':
            escaped.append('\\"')
        elif ch in "\n\t":
            escaped.append(ch)
        elif unicodedata.category(ch) == "Cc":
            escaped.append(f"\\u{ord(ch):04X}")
        else:
            escaped.append(ch)
    return '"""\n' + "".join(escaped) + '"""'


def merge_comment(label: str, user: str | None) -> str:
    """The comment beside a value, as the text after its ``#``: its label, and the user's own
    comment when it differs (the user's comment exactly as written when it already starts
    with the label or there is no label)."""
    user = one_line(user or "")
    text = user.strip()
    if not text:
        return f" {label}" if label else ""
    if not label or text.startswith(label):
        return user
    return f" {label}{LABEL_SEPARATOR}{text}"


def _aligned(lines: Sequence[tuple[str, str]]) -> list[str]:
    """Lines of ``key = value`` with their comments aligned in one column."""
    widths = [display_width(code) for code, _ in lines]
    width = max((w for w in widths if w <= ALIGN_LIMIT), default=0)
    out = []
    for (code, comment), w in zip(lines, widths, strict=True):
        pad = " " * (max(width - w, 0) + 2)
        out.append(f"{code}{pad}#{comment}" if comment else code)
    return out


def _header(path: KeyPath) -> str:
    return "[" + ".".join(toml_key(p) for p in path) + "]"


def value_label(spec: FormatSpec, node: Node) -> str:
    """The comment beside a value: its column label (without what the row's header says)."""
    if node.path not in spec.cell_labels:
        return node.title
    column = spec.cell_labels[node.path][1]
    row_chain = [spec[node.path[:i]].title for i in range(2, len(node.path))]
    for title in row_chain:
        column = column.removeprefix(title + "·")
    return column


def _row_comment(spec: FormatSpec, node: Node) -> str:
    section = spec.node(node.path[:1])
    chain = [spec[node.path[:i]].title for i in range(2, len(node.path) + 1)]
    if section is not None and section.role == "table":
        return " ".join(chain)
    return " · ".join(chain)


def _ordered(node: Node | None, value: dict[str, Any]) -> list[str]:
    """The keys of *value*: the schema's order first, then the others as they came."""
    known = [k for k in (node.children if node else {}) if k in value]
    return known + [k for k in value if k not in known]


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


TEMPLATE_NOTE = "可选：{title}。需要时删去以下各行开头的“# ”，再填写。"


def template_value(node: Node) -> Any:
    """An empty value for *node*: a table of empty values, 0 for a cell, ``""`` for a text."""
    if node.is_object:
        return {key: template_value(child) for key, child in node.children.items()}
    return 0 if node.cell_kind else ""


class _Writer:
    def __init__(self, spec: FormatSpec, comments: Comments, templates: bool = False) -> None:
        self.spec = spec
        self.comments = comments
        self.templates = templates  # write the absent optional blocks as commented-out templates
        self.out: list[str] = []
        self.after_banner = False  # a section banner is followed directly by its first table
        self.generated: set[str] = set()  # the text of the whole-line comments written by own()

    def leading(self, path: KeyPath) -> None:
        self.lines(self.comments.leading.get(path, []))

    def lines(self, comments: list[str]) -> None:
        for line in comments:
            self.out.append(f"#{one_line(line)}")

    def blank(self) -> None:
        if self.after_banner:
            self.after_banner = False
            return
        if self.out and self.out[-1] != "":
            self.out.append("")

    def own(self, text: str, suffix: str = "") -> None:
        """A whole-line comment of the writer's own (a banner, a sub-head, the title line)."""
        self.out.append(f"# {text}{suffix}")
        self.generated.add(text.strip())

    def banner(self, node: Node) -> None:
        self.own(f"{'=' * 4} {node.title} {'=' * 4}")
        for corner in node.table_corners:
            if corner.startswith("（"):  # an in-table note, such as the 勾稽关系 of table 三
                self.own(corner)
        self.lines(self.comments.notes.get(node.path, []))
        self.after_banner = True

    def scalars(self, path: KeyPath, node: Node | None, value: dict[str, Any]) -> None:
        """The plain values of a table (its sub-tables are written after them)."""
        lines: list[tuple[str, str]] = []
        narrative = node is not None and node.role == "narrative"
        written = False

        def flush() -> None:
            self.out.extend(_aligned(lines))
            lines.clear()

        for key in _ordered(node, value):
            item = value[key]
            if _is_table(item):
                continue
            child = node.children.get(key) if node else None
            item_path = (*path, key)
            user = self.comments.trailing.get(item_path)
            is_text = (
                child is not None
                and child.schema.get("type") == "string"
                and (narrative or "\n" in str(item))
            )
            if isinstance(item, str) and is_text and child is not None:
                flush()
                if written:
                    self.blank()
                if not child.untitled:
                    self.own(child.title)
                self.leading(item_path)
                code = f"{toml_key(key)} = {toml_text(item)}"
                comment = merge_comment("", user)
                self.out.append(f"{code}  #{comment}" if comment else code)
                written = True
                continue
            if written and self.out and self.out[-1].endswith(("'''", '"""')) and not lines:
                self.blank()
            if self.comments.leading.get(item_path):
                flush()
                self.leading(item_path)
            label = value_label(self.spec, child) if child is not None else ""
            lines.append((f"{toml_key(key)} = {toml_value(item)}", merge_comment(label, user)))
            written = True
        flush()

    def table(self, path: KeyPath, value: dict[str, Any]) -> None:
        node = self.spec.node(path)
        has_scalars = any(not _is_table(v) for v in value.values())
        commented = path in self.comments.trailing or path in self.comments.leading
        if len(path) == 1 and node is not None and (node.section_number is not None or node.role is not None):
            self.blank()
            self.banner(node)
        elif has_scalars or not value or commented:
            self.blank()
        if has_scalars or not value or commented:
            self.after_banner = False
            self.leading(path)
            label = ""
            if node is not None and len(path) > 1:
                section = self.spec.node(path[:1])
                if section is not None and section.role == "table":
                    label = _row_comment(self.spec, node)
                else:
                    label = node.title
            self.out.extend(
                _aligned([(_header(path), merge_comment(label, self.comments.trailing.get(path)))])
            )
            self.scalars(path, node, value)
        for key in _ordered(node, value):
            if _is_table(value[key]):
                self.table((*path, key), value[key])
        if self.templates and node is not None:
            for child in node.children.values():
                if child.is_optional_block and child.key not in value:
                    self.template(child)

    def template(self, node: Node) -> None:
        """An optional block the file leaves out, as comments the user can uncomment."""
        inner = _Writer(self.spec, Comments())
        inner.table(node.path, template_value(node))
        while inner.out and inner.out[0] == "":
            inner.out.pop(0)
        self.blank()
        self.out.append(f"# {TEMPLATE_NOTE.format(title=node.title)}")
        self.out.extend(f"# {line}" if line else "#" for line in inner.out)

    def document(self, data: dict[str, Any], schema_ref: str | None) -> str:
        organ = get_in(data, self.spec.preamble_path("organ"))
        year = get_in(data, self.spec.preamble_path("year"))
        # The title shows the year only when the file gives one (an integer): never "2024.0年".
        shown_year = str(year) if isinstance(year, int) and not isinstance(year, bool) else "?"
        shown_organ = one_line(organ) if isinstance(organ, str) else ""
        self.out.append(f"#:schema {schema_ref or self.spec.schema_id}")
        self.own(one_line(self.spec.document_title(shown_organ, shown_year)))
        self.own(f"{FORMAT_DOC_PREFIX}{FILE_FORMAT_DOC}", "".join(map(one_line, self.comments.header)))
        self.out.append("")
        self.scalars((), self.spec.root, data)
        for key in _ordered(self.spec.root, data):
            if _is_table(data[key]):
                self.table((key,), data[key])
        if self.comments.footer:
            self.blank()
            self.lines(self.comments.footer)
        while self.out and self.out[-1] == "":
            self.out.pop()
        self.out.append("")
        return "\n".join(self.out)


def write_report_toml(
    spec: FormatSpec,
    data: dict[str, Any],
    *,
    schema_ref: str | None = None,
    comments: Comments | Mapping[KeyPath, str] | None = None,
    templates: bool = False,
) -> str:
    """The canonical text of a report file holding *data*.

    With *templates* (a new report), every optional block of the format (``x-optional``) that
    *data* leaves out is written as a commented-out template after its section's values.

    *comments* are kept beside or above the values they belong to: a :class:`Comments`, or a
    mapping of key paths to text (see :meth:`Comments.from_mapping`; ``govreport import``
    uses it for the candidates of an unresolved value and for source text it could not place).
    """
    if comments is None:
        comments = Comments()
    elif not isinstance(comments, Comments):
        comments = Comments.from_mapping(comments)
    return _Writer(spec, comments, templates).document(data, schema_ref)


def generated_comments(spec: FormatSpec, data: dict[str, Any]) -> set[str]:
    """The whole-line comments the writer itself puts in a file holding *data* (their text,
    stripped): banners, sub-heads, the title line — never a line of a multi-line string."""
    writer = _Writer(spec, Comments())
    writer.document(data, None)
    return writer.generated
