"""Rewrite a report in the canonical layout, keeping every value and every comment.

The values come from ``tomllib``; the comments from the position index, each attached to
the key it sits beside (trailing) or above (leading).  Comments that govreport itself writes
(section banners, labels, sub-heads) are regenerated, not duplicated; every other comment
is written back exactly as it was after its ``#`` (spacing included).  A byte-order mark and
CRLF line endings are kept.  The result is checked before it is returned: the same data, and
the text of every comment of the file still there (counted, and found only in comments —
never in a string that happens to hold the same line).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from govreport.format.resolve import resolve_format
from govreport.format.spec import FormatSpec
from govreport.report.document import ReportDocument, parse_toml
from govreport.report.locate import PositionIndex, TomlPath
from govreport.report.writer import (
    FILE_FORMAT_DOC,
    FORMAT_DOC_PREFIX,
    LABEL_SEPARATOR,
    Comments,
    generated_comments,
    write_report_toml,
)

# The header block the writer puts on top of a file: ``# <title>`` then ``# 报告文件格式说明：<url>``.
# A title is an organ's name (no spaces, no punctuation that a note would have) and a year.
_TITLE_LINE = re.compile(r"^[^\s#:：,，;；。]*(?:\d{4}|\?)年政府信息公开工作年度报告$")
_DOC_LINE = re.compile(rf"^(\s*{re.escape(FORMAT_DOC_PREFIX + FILE_FORMAT_DOC)})(.*)$", re.DOTALL)


class FormatError(Exception):
    """The canonical text would lose something; the file must not be rewritten."""


def _spec_for(doc: ReportDocument) -> FormatSpec:
    """The document's format; an unknown version is refused (nothing is rewritten)."""
    choice = resolve_format(doc.data)
    if choice.spec is None:
        raise FormatError(choice.message(action="整理"))
    return choice.spec


def _container(path: TomlPath) -> tuple[str, ...]:
    """The key path a comment belongs to: array elements belong to their array."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            break
        out.append(part)
    return tuple(out)


@dataclass
class Extracted:
    """The user's comments of a file (for the writer), its ``#:schema`` target, and what the
    result must still hold: the text of every comment kept (``kept``, with multiplicity) and
    of every comment left to the writer to regenerate (``regenerated``)."""

    comments: Comments
    schema_ref: str | None
    kept: list[str]
    regenerated: list[str]


def _is_doc_line(line: str) -> bool:
    body = line.strip()
    return body.startswith("#") and _DOC_LINE.match(body[1:]) is not None


def extract_comments(doc: ReportDocument, generated: set[str]) -> Extracted:
    """The user's comments of *doc*, each kept exactly as written after its ``#``.

    Whole-line comments are dropped only where the writer writes the same text again (section
    banners, sub-heads), and, in the header block above the first key, the title line
    (``# …政府信息公开工作年度报告`` on the first line, or the second after ``#:schema``, and
    directly above ``# 报告文件格式说明：…``; regenerated for the current organ and year) and
    the ``报告文件格式说明`` line itself, whose appended words are kept on the new one.
    """
    index = doc.positions
    lines = doc.text.split("\n")
    comments = Comments()
    schema_ref: str | None = None
    kept: list[str] = []
    regenerated: list[str] = []

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
        body = raw[1:]
        text = body.strip()
        standalone = lines[pos.line - 1][: pos.column - 1].strip() == ""
        before_first_key = not anchor_lines or pos.line < anchor_lines[0]
        if raw.startswith("#:schema") and standalone and before_first_key and schema_ref is None:
            schema_ref = raw[len("#:schema") :].strip() or None
            continue
        if standalone:
            if before_first_key:
                m = _DOC_LINE.match(body)
                if m:
                    regenerated.append(FORMAT_DOC_PREFIX + FILE_FORMAT_DOC)
                    if m.group(2).strip():
                        comments.header.append(m.group(2))
                        kept.append(m.group(2).strip())
                    continue
                following = lines[pos.line] if pos.line < len(lines) else ""
                slot = pos.line == 1 or (pos.line == 2 and lines[0].startswith("#:schema"))
                if slot and _TITLE_LINE.search(text) and _is_doc_line(following):
                    continue  # the title line of this or an earlier organ or year: regenerated
            if text and text in generated:
                regenerated.append(text)
                continue
            add_leading(pos.line, body)
            if text:
                kept.append(text)
            continue
        if not text:
            continue
        kept.append(text)
        candidates = [p for col, p in ends.get(pos.line, []) if col <= pos.column]
        candidates += headers.get(pos.line, [])
        if not candidates:
            candidates = starts.get(pos.line, [])
        if not candidates:
            add_leading(pos.line, body)
            continue
        owner = min(candidates, key=len)
        previous = comments.trailing.get(owner)
        comments.trailing[owner] = f"{previous}{LABEL_SEPARATOR}{text}" if previous else body
    return Extracted(comments, schema_ref, kept, regenerated)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def format_text(text: str, name: str = "<text>") -> str:
    """The canonical text of the report in *text* (raises ReportSyntaxError, FormatError).

    A byte-order mark and CRLF line endings are kept (TOML reads a CRLF inside a multi-line
    string as a newline, so the data is the same)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    first = body.find("\n")
    crlf = first > 0 and body[first - 1] == "\r"  # the file's line ending is its first one's
    body = body.replace("\r\n", "\n")
    out = _canonical(body, name)
    if crlf:
        out = out.replace("\n", "\r\n")
    return bom + out


def _canonical(text: str, name: str) -> str:
    doc = ReportDocument.from_text(text)
    spec = _spec_for(doc)
    generated = generated_comments(spec, doc.data)
    found = extract_comments(doc, generated)
    out = write_report_toml(spec, doc.data, schema_ref=found.schema_ref, comments=found.comments)
    _verify(doc, out, found, name)
    return out


def _verify(doc: ReportDocument, out: str, found: Extracted, name: str) -> None:
    try:
        data = parse_toml(out, name)
    except Exception as exc:  # a writer bug must never reach the user's file
        raise FormatError(f"{name}: 格式化结果无法解析（{exc}），文件未改动") from None
    if not _same(data, doc.data):
        raise FormatError(f"{name}: 格式化会改变数据，文件未改动（请报告此问题）")
    written = [raw[1:] for _, raw in PositionIndex(out).comments]
    missing = [
        text
        for text, count in Counter(found.kept).items()
        if sum(comment.count(text) for comment in written) < count
    ]
    missing += [text for text in found.regenerated if not any(text in comment for comment in written)]
    if missing:
        raise FormatError(f"{name}: 格式化会丢失注释「{missing[0]}」，文件未改动（请报告此问题）")
