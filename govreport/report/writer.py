"""Write a report in the canonical layout: every section in the format's order, each table
row by row, every value with its official label beside it as a comment.

The layout comes from the schema (order, titles); the TOML spelling of each value comes
from ``tomlkit``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

import tomlkit

from govreport.format.spec import FormatSpec, KeyPath, Node

FILE_FORMAT_DOC = "https://github.com/govreport/govreport/blob/main/docs/file-format.md"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def toml_key(key: str) -> str:
    return str(tomlkit.key(key).as_string())


def toml_value(value: Any) -> str:
    return str(tomlkit.item(value).as_string())


def toml_text(text: str) -> str:
    """A multi-line string whose value is *text* (one paragraph per line), ending in a newline.

    A literal string (no escapes) when the text allows it, else a basic string in which
    backslashes, quotes and control characters are escaped.
    """
    body = text if text.endswith("\n") or not text else text + "\n"
    controls = any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in body)
    if "'''" not in body and not controls:
        return "'''\n" + body + "'''"
    escaped = []
    for ch in body:
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


ALIGN_LIMIT = 40  # lines longer than this don't push the other comments to the right


def _aligned(lines: list[tuple[str, str]]) -> list[str]:
    """Lines of ``key = value`` with their label comments aligned in one column."""
    widths = [display_width(code) for code, _ in lines]
    width = max((w for w in widths if w <= ALIGN_LIMIT), default=0)
    out = []
    for (code, comment), w in zip(lines, widths, strict=True):
        pad = " " * (max(width - w, 0) + 2)
        out.append(f"{code}{pad}# {comment}" if comment else code)
    return out


def _header(path: KeyPath) -> str:
    return "[" + ".".join(toml_key(p) for p in path) + "]"


def _leaf_tables(node: Node) -> Iterator[Node]:
    """The objects of a table section that hold values (rows), in schema order."""
    if any(not child.is_object for child in node.children.values()):
        yield node
    for child in node.children.values():
        if child.is_object:
            yield from _leaf_tables(child)


def value_label(spec: FormatSpec, node: Node) -> str:
    """The comment beside a value: its column label (without what the row's header says)."""
    if node.path not in spec.cell_labels:
        return node.title
    column = spec.cell_labels[node.path][1]
    row_chain = [spec[node.path[:i]].title for i in range(2, len(node.path))]
    for title in row_chain:
        column = column.removeprefix(title + "·")
    return column


def _value_lines(
    spec: FormatSpec, node: Node, data: dict[str, Any], comments: Mapping[KeyPath, str] | None = None
) -> list[str]:
    lines: list[tuple[str, str]] = []
    for key, child in node.children.items():
        if child.is_object or key not in data:
            continue
        label = value_label(spec, child)
        extra = _one_line(comments.get(child.path, "")) if comments else ""
        lines.append((f"{toml_key(key)} = {toml_value(data[key])}", f"{label}；{extra}" if extra else label))
    return _aligned(lines)


def _one_line(text: str) -> str:
    """*text* as one line fit for a TOML comment (no line breaks or control characters)."""
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\n\t").split())


def _section_notes(section: Node, comments: Mapping[KeyPath, str] | None) -> list[str]:
    """Comment lines under a section's banner (e.g. source text an importer could not place)."""
    text = comments.get(section.path, "") if comments else ""
    return [f"# {_one_line(line)}" if line.strip() else "#" for line in text.split("\n")] if text else []


def _get(data: dict[str, Any], path: KeyPath) -> dict[str, Any]:
    node: Any = data
    for part in path:
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}


def _row_comment(spec: FormatSpec, node: Node) -> str:
    section = spec.node(node.path[:1])
    chain = [spec[node.path[:i]].title for i in range(2, len(node.path) + 1)]
    if section is not None and section.schema.get("x-role") == "table":
        return " ".join(chain)
    return " · ".join(chain)


def write_report_toml(
    spec: FormatSpec,
    data: dict[str, Any],
    *,
    schema_ref: str | None = None,
    comments: Mapping[KeyPath, str] | None = None,
) -> str:
    """The canonical text of a report file holding *data*.

    *comments* adds text to the comment beside a value (keyed by the value's path, on the
    same line after its label), or comment lines under a section's banner (keyed by the
    section's one-element path).  ``govreport import`` uses it for the candidates of an
    unresolved value and for source text it could not place.
    """
    out: list[str] = []
    out.append(f"#:schema {schema_ref or spec.schema_id}")
    report = data.get("report", {})
    organ, year = report.get("organ", ""), report.get("year", "")
    out.append(f"# {spec.document_title(organ, year)}")
    out.append(f"# 报告文件格式说明：{FILE_FORMAT_DOC}")
    out.append("")
    out.extend(_aligned([(f"format = {toml_value(data.get('format', spec.version))}", spec["format"].title)]))

    for key, section in spec.root.children.items():
        if key == "format" or key not in data:
            continue
        role = section.schema.get("x-role")
        out.append("")
        if role == "narrative":
            out.append(f"# {'=' * 4} {section.title} {'=' * 4}")
            out.extend(_section_notes(section, comments))
            out.append(_header(section.path))
            values = _get(data, section.path)
            for field_key, field in section.children.items():
                if field_key not in values:
                    continue
                if not field.schema.get("x-untitled"):
                    out.append(f"# {field.title}")
                out.append(f"{toml_key(field_key)} = {toml_text(str(values[field_key]))}")
                out.append("")
            if out[-1] == "":
                out.pop()
        elif role == "table":
            out.append(f"# {'=' * 4} {section.title} {'=' * 4}")
            corner = [b.get("corner") for b in section.schema["x-table"]["blocks"] if b.get("corner")]
            notes = [c for c in corner if c and c.startswith("（")]
            out.extend(f"# {note}" for note in notes)
            out.extend(_section_notes(section, comments))
            first = True
            for row in _leaf_tables(section):
                values = _get(data, row.path)
                if not values:
                    continue
                if not first:
                    out.append("")
                first = False
                out.extend(_aligned([(_header(row.path), _row_comment(spec, row))]))
                out.extend(_value_lines(spec, row, values, comments))
        else:
            out.append(f"# {'=' * 4} {section.title} {'=' * 4}")
            out.extend(_section_notes(section, comments))
            for obj in _object_tables(section):
                values = _get(data, obj.path)
                if obj is not section:
                    out.append("")
                out.extend(_aligned([(_header(obj.path), obj.title if obj is not section else "")]))
                out.extend(_value_lines(spec, obj, values, comments))
    out.append("")
    return "\n".join(out)


def _object_tables(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children.values():
        if child.is_object:
            yield from _object_tables(child)
