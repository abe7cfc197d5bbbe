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

from govreport.i18n import t
from govreport.importer.blocks import (
    Paragraph,
    ReadError,
    SourceCell,
    SourceDocument,
    Table,
    clean,
    find_published,
)
from govreport.limits import HTML_MAX_DEPTH

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


def _events(root: Any) -> Iterator[tuple[str, Any]]:
    """("start" | "end", element) for *root*'s subtree, without recursion (any depth)."""
    import lxml.etree

    yield from lxml.etree.iterwalk(root, events=("start", "end"))


def _text(el: Any) -> str:
    """The text of a cell: its paragraphs and line breaks joined by spaces."""
    parts: list[str] = []
    for event, node in _events(el):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag == "br" or tag in _BLOCK_TAGS:
                parts.append(" ")
            if node.text and tag:
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    return clean("".join(parts))


def table_of(el: Any) -> Table:
    """The cells of a ``<table>`` element (not of the tables nested in it), with their spans."""
    table = Table()
    for tr in el.iter("tr"):
        if _owner_table(tr) is not el:
            continue
        row = [
            SourceCell(_text(td), _span(td.get("rowspan")), _span(td.get("colspan")))
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

    import lxml.etree

    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag in _BLOCK_TAGS or tag in ("table", "tr", "td", "th", "tbody", "thead")
        if event == "start":
            if tag == "table" and not _has_nested_table(node):
                yield from flush()
                yield table_of(node)
                walker.skip_subtree()  # its "end" event still comes
                continue
            if block or tag == "br":
                buffer.append("\n")
            if node.text and tag:
                buffer.append(node.text)
            continue
        if block:
            buffer.append("\n")
        if node is not root and node.tail:
            buffer.append(node.tail)
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
    """The smallest element holding the most section titles (the report body).

    One pass lays out the page's (quick-normalised) text and where each element's text starts
    and ends; an element holds a title when one of the title's occurrences lies inside its
    range.  Linear in the page, whatever its nesting depth."""
    import bisect

    pieces: list[str] = []
    length = 0
    spans: list[tuple[Any, int, int]] = []
    starts: dict[int, int] = {}
    order: list[Any] = []
    for event, node in _events(root):
        if event == "start":
            starts[id(node)] = length
            order.append(node)
            if node.text and isinstance(node.tag, str):
                piece = quick_norm(node.text)
                pieces.append(piece)
                length += len(piece)
        else:
            spans.append((node, starts[id(node)], length))
            if node is not root and node.tail:
                piece = quick_norm(node.tail)
                pieces.append(piece)
                length += len(piece)
    text = "".join(pieces)
    occurrences: list[tuple[list[int], int]] = []
    for marker in markers:
        if not marker:
            continue
        found: list[int] = []
        at = text.find(marker)
        while at >= 0:
            found.append(at)
            at = text.find(marker, at + 1)
        if found:
            occurrences.append((found, len(marker)))
    rank = {id(node): i for i, node in enumerate(order)}
    best: tuple[int, int, int] | None = None
    best_node: Any = root
    for node, start, end in spans:
        if not isinstance(node.tag, str):
            continue
        count = 0
        for found, size in occurrences:
            i = bisect.bisect_left(found, start)
            if i < len(found) and found[i] + size <= end:
                count += 1
        key = (-count, end - start, rank[id(node)])
        if best is None or key < best:
            best, best_node = key, node
    return best_node


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
    parser = lxml.html.HTMLParser(huge_tree=True)  # nesting up to libxml2's deepest (2048), not 256
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return doc
    if any("depth" in str(e.message).lower() for e in parser.error_log):
        raise ReadError(
            t(
                f"网页的标签嵌套过深（超过 {HTML_MAX_DEPTH} 层），更深处的内容无法读取；为免遗漏，未导入。请另存为纯文本后再导入",
                f"the page's tags are nested too deeply (over {HTML_MAX_DEPTH} levels): what lies deeper cannot be "
                "read, so nothing was imported; save the page as plain text, then import that",
            )
        )
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
