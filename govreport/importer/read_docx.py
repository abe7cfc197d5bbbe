"""Word (.docx): paragraphs and the real table cells, merged cells included.

python-docx opens the file; the body is walked in order through its XML so that paragraphs
and tables stay interleaved.  A cell's column span is its ``w:gridSpan``; a vertical merge
(``w:vMerge``) is one cell whose row span counts the continuation cells below it, which are
not repeated.
"""

from __future__ import annotations

import io
from typing import Any

from govreport.i18n import t
from govreport.importer.blocks import Paragraph, SourceCell, SourceDocument, Table, clean, join_tables
from govreport.limits import (
    DOCX_MAX_ELEMENTS,
    DOCX_MAX_MEMBERS,
    DOCX_MAX_UNCOMPRESSED_BYTES,
    DOCX_MAX_XML_PART_BYTES,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# A .docx is a zip: a few hundred kilobytes can expand to gigabytes ("zip bomb").  Before
# python-docx parses anything, every member is read with the caps of govreport/limits.py (the
# actual bytes, not only the sizes the zip declares); lxml parses with huge_tree off
# (python-docx's default).
MAX_DOCX_MEMBERS = DOCX_MAX_MEMBERS
MAX_DOCX_UNCOMPRESSED = DOCX_MAX_UNCOMPRESSED_BYTES
MAX_DOCX_XML_PART = DOCX_MAX_XML_PART_BYTES
MAX_DOCX_ELEMENTS = DOCX_MAX_ELEMENTS


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
    rows: list[list[tuple[Any, SourceCell, int]]] = []  # (tc, cell, start column)
    for tr in tbl.findall(f"{W}tr"):
        row: list[tuple[Any, SourceCell, int]] = []
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
                row.append((tc, SourceCell(_cell_text(tc), 1, span), column))
            column += span
        rows.append(row)
    return Table([[cell for _, cell, _ in row] for row in rows])


def _one_column(tbl: Any) -> bool:
    """A table of one column: a frame around paragraphs, or a layout table around the report."""
    rows = tbl.findall(f"{W}tr")
    return bool(rows) and all(len(tr.findall(f"{W}tc")) == 1 for tr in rows)


def _body_children(body: Any, depth: int = 0) -> list[Any]:
    """The body's paragraphs and tables, including those inside content controls (w:sdt) and
    inside one-column tables (frames and layout tables: their content is the body's)."""
    out: list[Any] = []
    for child in body.iterchildren():
        if child.tag == f"{W}sdt" and depth < 50:
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(_body_children(content, depth + 1))
        elif child.tag == f"{W}tbl" and depth < 50 and _one_column(child):
            for tc in child.iter(f"{W}tc"):
                if _owner(tc) is child:
                    out.extend(_body_children(tc, depth + 1))
        else:
            out.append(child)
    return out


def _owner(tc: Any) -> Any:
    parent = tc.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent


def check_package(data: bytes) -> None:
    """DocxError unless the zip expands to a sane size: members, bytes and XML elements."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise DocxError(
            t(
                f"不是可以读取的 Word（.docx）文件（{type(exc).__name__}）",
                f"not a readable Word (.docx) file ({type(exc).__name__})",
            )
        ) from None
    if len(members) > MAX_DOCX_MEMBERS:
        raise DocxError(
            t(
                f"Word 文件内含 {len(members)} 个部件，超过 {MAX_DOCX_MEMBERS} 个，不像是一份年度报告",
                f"the Word file has {len(members)} parts, over {MAX_DOCX_MEMBERS}: not an annual report",
            )
        )
    declared = sum(m.file_size for m in members)
    if declared > MAX_DOCX_UNCOMPRESSED:
        raise DocxError(_too_big(declared))
    total = 0
    elements = 0
    for member in members:
        xml = member.filename.endswith((".xml", ".rels")) or member.filename == "[Content_Types].xml"
        cap = MAX_DOCX_XML_PART if xml else MAX_DOCX_UNCOMPRESSED
        size = 0
        try:
            with archive.open(member) as fh:
                while chunk := fh.read(1024 * 1024):
                    size += len(chunk)
                    total += len(chunk)
                    if xml:
                        elements += chunk.count(b"<")
                    if size > cap or total > MAX_DOCX_UNCOMPRESSED:
                        raise DocxError(_too_big(total))
                    if elements > MAX_DOCX_ELEMENTS:
                        raise DocxError(
                            t(
                                f"Word 文件的内容元素超过 {MAX_DOCX_ELEMENTS:,} 个，不像是一份年度报告",
                                f"the Word file has over {MAX_DOCX_ELEMENTS:,} elements: not an annual report",
                            )
                        )
        except DocxError:
            raise
        except Exception as exc:  # a damaged member: bad CRC, bad compression data, encrypted
            raise DocxError(
                t(
                    f"不是可以读取的 Word（.docx）文件（{type(exc).__name__}）",
                    f"not a readable Word (.docx) file ({type(exc).__name__})",
                )
            ) from None


def _too_big(size: int) -> str:
    limit, got = MAX_DOCX_UNCOMPRESSED // (1024 * 1024), size // (1024 * 1024)
    return t(
        f"Word 文件解压后超过 {limit} MB（已达 {got} MB 以上），可能是压缩炸弹，拒绝读取",
        f"the Word file unpacks to over {limit} MB ({got} MB and more; a zip bomb?); refused",
    )


def read_docx(data: bytes) -> SourceDocument:
    check_package(data)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise DocxError(
            t(
                f"需要 python-docx 才能读取 Word 文件（{exc}）",
                f"reading a Word file needs python-docx ({exc})",
            )
        ) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise DocxError(
            t(
                f"不是可以读取的 Word（.docx）文件（{type(exc).__name__}）",
                f"not a readable Word (.docx) file ({type(exc).__name__})",
            )
        ) from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: any broken package
        raise DocxError(
            t(
                f"不是可以读取的 Word（.docx）文件（{type(exc).__name__}）",
                f"not a readable Word (.docx) file ({type(exc).__name__})",
            )
        ) from None
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
            table = _table(child)
            previous = doc.blocks[-1] if doc.blocks else None
            if isinstance(previous, Table) and _width(previous) == _width(table) and _width(table) > 1:
                # one table cut in two (at a page break, or by a paragraph mark deleted since)
                doc.blocks[-1], dropped = join_tables(previous, table)
                note = t(
                    "Word 文件中相连的两张表格已合并为一张",
                    "two adjacent tables in the Word file were joined into one",
                ) + (
                    t(f"（删去重复的 {dropped} 行表头）", f" ({dropped} repeated header rows dropped)")
                    if dropped
                    else ""
                )
                if note not in doc.notes:
                    doc.notes.append(note)
            else:
                doc.blocks.append(table)
    return doc


def _width(table: Table) -> int:
    grid = table.grid()
    return len(grid[0]) if grid else 0
