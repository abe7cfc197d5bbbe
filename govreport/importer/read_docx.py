"""Word (.docx): paragraphs and the real table cells, merged cells included.

python-docx opens the file; the body is walked in order through its XML so that paragraphs
and tables stay interleaved.  A cell's column span is its ``w:gridSpan``; a vertical merge
(``w:vMerge``) is one cell whose row span counts the continuation cells below it, which are
not repeated.
"""

from __future__ import annotations

import io
from typing import Any

from govreport.importer.blocks import Cell, Paragraph, SourceDocument, Table, clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxError(ValueError):
    """The file is not a Word document that can be read."""


def _para_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{W}tab",):
            parts.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    return clean(" ".join(_para_text(p) for p in tc.iter(f"{W}p")))


def _table(tbl: Any) -> Table:
    rows: list[list[tuple[Any, Cell, int]]] = []  # (tc, cell, start column)
    for tr in tbl.findall(f"{W}tr"):
        row: list[tuple[Any, Cell, int]] = []
        column = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:  # grid columns skipped at the start of the row
            try:
                column = max(0, int(before.get(f"{W}val", "0")))
            except ValueError:
                column = 0
        for tc in tr.findall(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = 1
            merge: str | None = None
            if props is not None:
                grid = props.find(f"{W}gridSpan")
                if grid is not None:
                    try:
                        span = max(1, int(grid.get(f"{W}val", "1")))
                    except ValueError:
                        span = 1
                vmerge = props.find(f"{W}vMerge")
                if vmerge is not None:
                    merge = vmerge.get(f"{W}val", "continue")
            if merge == "continue":
                # a continuation: grow the cell above that starts at this column
                for above in reversed(rows):
                    owner = next((c for _, c, start in above if start == column), None)
                    if owner is not None:
                        owner.rowspan += 1
                        break
            else:
                row.append((tc, Cell(_cell_text(tc), 1, span), column))
            column += span
        rows.append(row)
    return Table([[cell for _, cell, _ in row] for row in rows])


def _body_children(body: Any) -> list[Any]:
    """The body's paragraphs and tables, including those inside content controls (w:sdt)."""
    out: list[Any] = []
    for child in body.iterchildren():
        if child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(_body_children(content))
        else:
            out.append(child)
    return out


def read_docx(data: bytes) -> SourceDocument:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise DocxError(f"需要 python-docx 才能读取 Word 文件（{exc}）") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise DocxError(f"不是可以读取的 Word（.docx）文件（{type(exc).__name__}）") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: any broken package
        raise DocxError(f"不是可以读取的 Word（.docx）文件（{type(exc).__name__}）") from None
    doc = SourceDocument("docx")
    title = document.core_properties.title
    if title:
        doc.title = clean(title)
    body = document.element.body
    for child in _body_children(body):
        if child.tag == f"{W}p":
            for line in _para_text(child).split("\n"):
                if clean(line):
                    doc.blocks.append(Paragraph(clean(line)))
        elif child.tag == f"{W}tbl":
            doc.blocks.append(_table(child))
    return doc
