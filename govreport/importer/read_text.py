"""Plain text: lines with tabs are table rows, other lines paragraphs."""

from __future__ import annotations

from govreport.importer.blocks import Paragraph, SourceCell, SourceDocument, Table, clean


def read_text(text: str) -> SourceDocument:
    doc = SourceDocument("text")
    table: Table | None = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" in raw:
            if table is None:
                table = Table()
                doc.blocks.append(table)
            table.rows.append([SourceCell(clean(part)) for part in raw.split("\t")])
            continue
        line = clean(raw)
        if not line:
            continue  # a blank line (or a page break) does not end a table
        table = None
        doc.blocks.append(Paragraph(line))
    return doc
