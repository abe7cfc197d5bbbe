"""Rewrite a report in the canonical layout, keeping every value and every comment.

The values come from ``tomllib``; the comments from the position index, each attached to
the key it sits beside (trailing) or above (leading).  Comments that govreport itself writes
(section banners, labels, sub-heads) are regenerated, not duplicated.  The result is checked
before it is returned: the same data, and every comment of the user's still there.
"""

from __future__ import annotations

import bisect
import math
import re
from typing import Any

from govreport.format.resolve import resolve_format
from govreport.format.spec import FormatSpec
from govreport.report.document import ReportDocument, parse_toml
from govreport.report.locate import PathKey, PositionIndex
from govreport.report.writer import Comments, generated_comments, one_line, write_report_toml

_TITLE_LINE = re.compile(r"政府信息公开工作年度报告$")
_GENERATED_PREFIXES = ("报告文件格式说明：",)


class FormatError(Exception):
    """The canonical text would lose something; the file must not be rewritten."""


def _spec_for(doc: ReportDocument) -> FormatSpec:
    """The document's format; an unknown version is refused (nothing is rewritten)."""
    choice = resolve_format(doc.data)
    if choice.spec is None:
        raise FormatError(choice.message(action="整理"))
    return choice.spec


def _container(path: PathKey) -> tuple[str, ...]:
    """The key path a comment belongs to: array elements belong to their array."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            break
        out.append(part)
    return tuple(out)


def extract_comments(doc: ReportDocument, generated: set[str]) -> tuple[Comments, str | None]:
    """The user's comments of *doc*, and the target of its ``#:schema`` line (if any)."""
    index = doc.positions
    lines = doc.text.split("\n")
    comments = Comments()
    schema_ref: str | None = None

    anchors: list[tuple[int, int, tuple[str, ...]]] = []  # (line, column, path) of keys and headers
    for path, pos in list(index.keys.items()) + list(index.headers.items()):
        anchors.append((pos.line, pos.column, _container(path)))
    anchors.sort()
    anchor_lines = [a[0] for a in anchors]

    ends: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    for path, pos in index.value_ends.items():
        ends.setdefault(pos.line, []).append((pos.column, _container(path)))
    headers: dict[int, list[tuple[str, ...]]] = {}
    for path, pos in index.headers.items():
        headers.setdefault(pos.line, []).append(_container(path))
    starts: dict[int, list[tuple[str, ...]]] = {}
    for path, pos in index.values.items():
        starts.setdefault(pos.line, []).append(_container(path))

    def add_leading(line: int, body: str) -> None:
        i = bisect.bisect_right(anchor_lines, line)
        if i < len(anchors):
            comments.leading.setdefault(anchors[i][2], []).append(body)
        else:
            comments.footer.append(body)

    for pos, raw in index.comments:
        body = raw[1:].strip()
        if raw.startswith("#:schema"):
            schema_ref = raw[len("#:schema") :].strip() or None
            continue
        standalone = lines[pos.line - 1][: pos.column - 1].strip() == ""
        if standalone:
            before_first_key = not anchor_lines or pos.line < anchor_lines[0]
            if body in generated or body.startswith(_GENERATED_PREFIXES):
                continue
            if before_first_key and _TITLE_LINE.search(body):
                continue  # the title line of an earlier organ or year: regenerated
            add_leading(pos.line, body)
            continue
        candidates = [p for col, p in ends.get(pos.line, []) if col <= pos.column]
        candidates += headers.get(pos.line, [])
        if not candidates:
            candidates = starts.get(pos.line, [])
        if not candidates:
            add_leading(pos.line, body)
            continue
        owner = min(candidates, key=len)
        if body:
            previous = comments.trailing.get(owner)
            comments.trailing[owner] = f"{previous} · {body}" if previous else body
    return comments, schema_ref


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def format_text(text: str, name: str = "<text>") -> str:
    """The canonical text of the report in *text* (raises ReportSyntaxError, FormatError)."""
    doc = ReportDocument.from_text(text)
    spec = _spec_for(doc)
    generated = generated_comments(spec, doc.data)
    comments, schema_ref = extract_comments(doc, generated)
    out = write_report_toml(spec, doc.data, schema_ref=schema_ref, comments=comments)
    _verify(doc, out, comments, name)
    return out


def _verify(doc: ReportDocument, out: str, comments: Comments, name: str) -> None:
    try:
        data = parse_toml(out, name)
    except Exception as exc:  # a writer bug must never reach the user's file
        raise FormatError(f"{name}: 格式化结果无法解析（{exc}），文件未改动") from None
    if not _same(data, doc.data):
        raise FormatError(f"{name}: 格式化会改变数据，文件未改动（请报告此问题）")
    written = "\n".join(line for _, line in PositionIndex(out).comments)
    kept = [
        *comments.trailing.values(),
        *(c for cs in comments.leading.values() for c in cs),
        *comments.footer,
    ]
    missing = [c for c in kept if c and one_line(c) not in written]
    if missing:
        raise FormatError(f"{name}: 格式化会丢失注释「{missing[0]}」，文件未改动（请报告此问题）")
