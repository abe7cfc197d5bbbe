"""HTML: a saved portal page (navigation, scripts and all) or a bare report body.

The page is parsed with lxml.html.  Scripts, styles and forms are dropped; the report body
is the smallest element that holds as many of the format's section titles as the page has
(with the tables beside them).  Paragraph-like elements become paragraphs; each ``<table>``
becomes a :class:`Table` of its cells, with their row and column spans.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from govreport.importer.blocks import Cell, Paragraph, SourceDocument, Table, clean, find_published

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "svg",
    "form",
    "button",
    "select",
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure",
    "figcaption", "caption", "hr", "body", "html",
}  # fmt: skip


def _span(value: Any) -> int:
    try:
        return max(1, min(int(str(value).strip() or 1), 1000))
    except ValueError:
        return 1


def _text(el: Any) -> str:
    """The text of a cell: its paragraphs and line breaks joined by spaces."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "br" or tag in _BLOCK_TAGS:
            parts.append(" ")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return clean("".join(parts))


def _table(el: Any) -> Table:
    table = Table()
    for tr in el.iter("tr"):
        if _owner_table(tr) is not el:
            continue
        row = [
            Cell(_text(td), _span(td.get("rowspan")), _span(td.get("colspan")))
            for td in tr
            if isinstance(td.tag, str) and td.tag in ("td", "th")
        ]
        table.rows.append(row)
    return table


def _owner_table(node: Any) -> Any:
    parent = node.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _has_nested_table(el: Any) -> bool:
    return any(t is not el for t in el.iter("table"))


def _blocks(root: Any) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables under *root*, in document order."""
    buffer: list[str] = []

    def flush() -> Iterator[Paragraph]:
        text = "".join(buffer)
        buffer.clear()
        for line in text.split("\n"):
            line = clean(line)
            if line:
                yield Paragraph(line)

    def walk(node: Any) -> Iterator[Paragraph | Table]:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "table" and not _has_nested_table(node):
            yield from flush()
            yield _table(node)
            return
        block = tag in _BLOCK_TAGS or tag in ("table", "tr", "td", "th", "tbody", "thead")
        if block or tag == "br":
            buffer.append("\n")
        if node.text and tag:
            buffer.append(node.text)
        for child in node:
            yield from walk(child)
            if child.tail:
                buffer.append(child.tail)
        if block:
            buffer.append("\n")

    yield from walk(root)
    yield from flush()


_QUICK = str.maketrans(
    {
        " ": None,
        "\t": None,
        "\n": None,
        "\r": None,
        "\u00a0": None,
        "\u3000": None,
        "（": "(",
        "）": ")",
        "、": ".",
    }
)


def quick_norm(text: str) -> str:
    """A fast, rough :func:`norm` (white space dropped, brackets unified) for scanning a page."""
    return text.translate(_QUICK)


def _body(root: Any, markers: list[str]) -> Any:
    """The smallest element holding the most section titles (the report body)."""
    best_count = -1
    best: Any = root
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        text = quick_norm(el.text_content())
        count = sum(1 for m in markers if m and m in text)
        if count > best_count or (count == best_count and count > 0 and _contains(best, el)):
            best_count, best = count, el
    return best


def _contains(ancestor: Any, el: Any) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DATE_METAS = ("pubdate", "publishdate", "firstpublishedtime", "published", "article:published_time")


def _published(root: Any) -> dt.date | None:
    """The page's publication date: a CMS's meta tag (TRS: PubDate), else 发布时间 in its text."""
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        if name in _DATE_METAS:
            found = find_published("日期：" + (meta.get("content") or ""))
            if found:
                return found
    return find_published(root.text_content()[:200_000])


def read_html(data: bytes | str, markers: list[str]) -> SourceDocument:
    """Read an HTML page; *markers* are section titles (:func:`quick_norm` spelling) that find the body."""
    import lxml.etree
    import lxml.html

    doc = SourceDocument("html")
    if isinstance(data, bytes):
        from govreport.importer.read_source import declared_charset, decode

        data, doc.encoding, notes = decode(data, declared_charset(data))
        doc.notes.extend(notes)
    data = _XML_DECLARATION.sub("", data, count=1)  # lxml refuses a str that declares an encoding
    if not data.strip():
        return doc
    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return doc
    title = root.find(".//title")
    meta = root.find('.//meta[@name="ArticleTitle"]')
    if meta is not None and meta.get("content"):
        doc.title = clean(meta.get("content"))
    elif title is not None and title.text_content():
        doc.title = clean(title.text_content()).split("_")[0].split("|")[0].strip()
    doc.published = _published(root)
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()  # keeps the text that followed the element
    body = _body(root, markers)
    doc.blocks = list(_blocks(body))
    return doc
