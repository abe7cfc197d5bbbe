"""Plain text: lines with tabs are table rows, other lines paragraphs.

A Markdown heading's ``#`` marks are dropped.  Markdown may carry HTML tables (``govreport render --to md`` writes its tables so, to keep
their merged cells): a ``<table>…</table>`` stretch is read as the HTML table it is."""

from __future__ import annotations

import re

from govreport.importer.blocks import Paragraph, SourceCell, SourceDocument, Table, clean

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")  # a Markdown heading's marks: not the text
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)


def _html_table(fragment: str) -> Table | None:
    """The table of an HTML ``<table>`` fragment (None when it holds no row)."""
    import lxml.etree
    import lxml.html

    from govreport.importer.read_html import table_of

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None
    element = root.find(".//table")
    if element is None:
        return None
    table = table_of(element)
    return table if table.rows else None


def read_text(text: str) -> SourceDocument:
    doc = SourceDocument("text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pos = 0
    for m in _HTML_TABLE.finditer(text):
        table = _html_table(m.group(0))
        if table is None:
            continue
        _read_lines(doc, text[pos : m.start()])
        doc.blocks.append(table)
        pos = m.end()
    _read_lines(doc, text[pos:])
    return doc


def _read_lines(doc: SourceDocument, text: str) -> None:
    table: Table | None = None
    for raw in text.split("\n"):
        if "\t" in raw:
            if table is None:
                table = Table()
                doc.blocks.append(table)
            table.rows.append([SourceCell(clean(part)) for part in raw.split("\t")])
            continue
        line = clean(_ATX_HEADING.sub("", raw))
        if not line:
            continue  # a blank line (or a page break) does not end a table
        table = None
        doc.blocks.append(Paragraph(line))
