"""PDF with a text layer (Word/WPS exports, a browser's "save as PDF" of a portal page).

pdfplumber (imported here only, so that no other command loads it) gives the characters with
their positions and the ruled tables with the bounding box of every cell.  From these:

- a ruled table's cells get their row and column spans from the cell boxes against the
  table's distinct ruling positions; a cell's text is its lines joined (``商业企`` + ``业``,
  no space between CJK characters);
- a one-column "table" is a framed paragraph: its characters stay in the running text;
- a table that ends a page and one that starts the next page are one table: a repeated
  header is dropped, and a label cell cut by the page break (``（四）无`` / ``法提供``) is
  joined with its other half;
- page numbers and footers (``— 5 —``, ``- 5 -``, ``第5页``, ``5/6``) and lines that repeat at the
  same place on most pages (running headers, a browser's print header) are dropped;
- lines are joined into paragraphs across line and page breaks; a paragraph ends at a short
  line, and a new one starts at an indented line or a numbered heading.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from govreport.i18n import t
from govreport.importer.blocks import Paragraph, SourceCell, SourceDocument, Table, clean, is_value
from govreport.limits import (
    PDF_MAX_BIG_STREAM_BYTES,
    PDF_MAX_DECODED_BYTES,
    PDF_MAX_PAGES,
    PDF_MAX_STREAM_BYTES,
)

MAX_PDF_PAGES = PDF_MAX_PAGES
_TOL = 3.0  # points: ruling positions closer than this are the same line

_FOOTER = re.compile(
    r"^(?:[—–\-－~_·•]+\s*\d{1,4}\s*[—–\-－~_·•]+"  # — 5 —, - 5 -
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?"  # 第5页, 第5页 共6页
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"  # 5/6 (a browser's page numbers)
    r"|\d{1,4})$"  # a bare page number (only in the page margins)
)
_BROWSER = re.compile(
    r"^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*,?\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])?)?"
    r"|(?:file|https?)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?$)"
)
# A portal page's chrome, printed with it ("save as PDF"): lines that never belong to a report.
_CHROME = re.compile(
    r"(?:版权所有|网站标识码|ICP备|公网安备|公安备案号|主办单位[:：]|承办单位[:：]|分享到[:：]?|打印本页|关闭窗口"
    r"|【\s*(?:打印|关闭)\s*】|字体[:：]?\s*[【\[]?\s*大\s*中\s*小|您(?:当前)?的位置[:：]|当前位置[:：]"
    r"|建议您使用.{0,20}浏览器|最佳浏览效果|扫一扫.{0,12}(?:手机|查看|关注))"
)
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[、．.](?!\d))"
)
_NUMERIC = re.compile(r"^[0-9０-９][0-9０-９,，.．\s]*$")


class PdfError(ValueError):
    """The file is not a PDF that can be read; ``str()`` is a one-line Chinese reason."""


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


# Fonts (Noto CJK in Chromium's PDFs, some WPS fonts) map ideographs to the Kangxi radicals
# or the CJK radical supplement in their ToUnicode tables: 人 comes out as ⼈ (U+2F08), 民 as
# ⺠ (U+2EA0).  The radicals never occur in a report's text; they are mapped back.  Kangxi
# radicals and compatibility ideographs by NFKC, the supplement's simplified forms by this
# table (the equivalent unified ideographs of Unicode's EquivalentUnifiedIdeograph data; ⼾ to the
# simplified 户 that the SC fonts draw with its glyph).
_SUPPLEMENT = dict(
    zip(
        "⺟⺠⺩⻄⻅⻆⻉⻋⻓⻔⻘⻚⻛⻜⻝⻢⻣⻤⻥⻦⻨⻩⻬⻮⻰⻳⼾",
        "母民王西见角贝车长门青页风飞食马骨鬼鱼鸟麦黄齐齿龙龟户",
        strict=True,
    )
)
_RADICALS = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff\ufb00-\ufb06]")  # and Latin ligatures (ﬁ)


def _unradical(text: str) -> str:
    if not _RADICALS.search(text):
        return text
    import unicodedata

    def one(match: re.Match[str]) -> str:
        ch = match.group(0)
        return _SUPPLEMENT.get(ch) or unicodedata.normalize("NFKC", ch)

    return _RADICALS.sub(one, text)


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph or cell as one text: CJK lines join without a space."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    ptop: float = 0.0  # top on its own page (``top`` becomes a document coordinate)


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """Characters grouped into lines (by their vertical middle), left to right, with spaces
    where there is a gap (never between two CJK characters: distributed text is one word)."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    groups: list[list[dict[str, Any]]] = []
    mid0 = -1e9
    for ch in ordered:
        mid = (ch["top"] + ch["bottom"]) / 2
        size = max(float(ch.get("size") or 0), 1.0)
        if not groups or mid - mid0 > 0.4 * size:
            groups.append([ch])
            mid0 = mid
        else:
            groups[-1].append(ch)
    out: list[_Line] = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        parts: list[str] = []
        prev: dict[str, Any] | None = None
        for ch in group:
            text = ch["text"]
            if prev is not None:
                if text == prev["text"] and abs(ch["x0"] - prev["x0"]) < 1.0:
                    continue  # fake bold: the same glyph drawn twice
                size = max(float(ch.get("size") or 0), 1.0)
                gap = ch["x0"] - prev["x1"]
                a, b = prev["text"][-1:], text[:1]
                if gap > 0.3 * size and not (a and b and _is_cjk(a) and _is_cjk(b)):
                    parts.append(" ")
            parts.append(text)
            prev = ch
        text = _unradical(clean("".join(parts)))
        if text:
            out.append(
                _Line(
                    text,
                    min(c["x0"] for c in group),
                    max(c["x1"] for c in group),
                    min(c["top"] for c in group),
                    max(c["bottom"] for c in group),
                    max(float(c.get("size") or 0) for c in group),
                    min(c["top"] for c in group),
                )
            )
    return out


def _inside(ch: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return bool(box[0] <= x < box[2] and box[1] <= y < box[3])


@dataclass
class _PCell:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    page: int = 0  # where it was printed (0-based), for the cell's provenance


@dataclass
class _PTable:
    """A ruled table of one page (or several joined), in document coordinates."""

    cells: list[_PCell]
    top: float
    bottom: float
    page_top: float  # where its first page starts (document coordinates)
    page_bottom: float
    notes: list[str] = field(default_factory=list)


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    best = 0
    for i, e in enumerate(edges):
        if abs(e - v) < abs(edges[best] - v):
            best = i
    return best


def _columns(cells: list[_PCell]) -> int:
    xs = _cluster([c.x0 for c in cells] + [c.x1 for c in cells])
    return max(len(xs) - 1, 0)


def _rows_of(cells: list[_PCell]) -> list[list[_PCell]]:
    """Cells grouped by their top edge, each row left to right."""
    rows: list[list[_PCell]] = []
    for cell in sorted(cells, key=lambda c: (c.top, c.x0)):
        if rows and abs(rows[-1][0].top - cell.top) <= _TOL:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return rows


def _numeric(text: str) -> bool:
    return _NUMERIC.match(text.strip()) is not None


def _in_body(cell: _PCell, rows: list[list[_PCell]]) -> bool:
    """*cell* labels value rows: a row it spans holds a number (it is not a header cell)."""
    return any(
        cell.top - _TOL <= row[0].top < cell.bottom - _TOL and any(_numeric(c.text) for c in row)
        for row in rows
    )


def _join(first: _PTable, second: _PTable) -> _PTable:
    """*second* continues *first* on the next page: drop a repeated header, join cut cells."""
    left = min(c.x0 for c in first.cells)
    right = max(c.x1 for c in first.cells)
    for c in second.cells:  # the same frame, drawn a little wider or narrower on this page
        if abs(c.x0 - left) < 6:
            c.x0 = left
        if abs(c.x1 - right) < 6:
            c.x1 = right
    rows1, rows2 = _rows_of(first.cells), _rows_of(second.cells)
    dropped = 0
    while dropped < len(rows2) and dropped < len(rows1):
        a = [clean(c.text) for c in rows1[dropped]]
        b = [clean(c.text) for c in rows2[dropped]]
        if a != b or not any(a) or any(_numeric(t) for t in a):
            break
        dropped += 1
    rest = [c for row in rows2[dropped:] for c in row]
    cells = list(first.cells)
    if rows2[dropped:] and rows1:
        head = rows2[dropped]
        boundary = next((c.x0 for c in head if is_value(c.text)), None)
        if boundary is not None:
            bottom = max(c.bottom for c in first.cells)
            for cell in head:
                if cell.x0 >= boundary - _TOL or is_value(cell.text):
                    continue
                above = [
                    c
                    for c in cells
                    if abs(c.bottom - bottom) <= _TOL
                    and abs(c.x0 - cell.x0) <= _TOL
                    and abs(c.x1 - cell.x1) <= _TOL
                ]
                if len(above) != 1 or is_value(above[0].text) or not clean(above[0].text):
                    continue
                if not _in_body(above[0], rows1):
                    continue  # a header cell above: the second part has no header, not a cut label
                upper = above[0]
                spans_rows = (cell.bottom - cell.top) > (head[-1].bottom - head[-1].top) + _TOL or (
                    upper.bottom - upper.top
                ) > (rows1[-1][-1].bottom - rows1[-1][-1].top) + _TOL
                text = clean(cell.text)
                if text and (_HEADING.match(text) or not spans_rows):
                    continue  # a new label, not the rest of the one above
                upper.text = join_lines([upper.text, cell.text])
                upper.bottom = cell.bottom
                rest.remove(cell)
    note = []
    if dropped:
        note.append(
            t(
                f"PDF 中跨页的表格已合并，删去了续页上重复的 {dropped} 行表头",
                f"tables across PDF pages were joined; {dropped} repeated header rows of the continuation pages dropped",
            )
        )
    return _PTable(
        cells + rest,
        first.top,
        second.bottom,
        first.page_top,
        second.page_bottom,
        first.notes + second.notes + note,
    )


def _to_table(ptable: _PTable) -> Table:
    xs = _cluster([c.x0 for c in ptable.cells] + [c.x1 for c in ptable.cells])
    ys = _cluster([c.top for c in ptable.cells] + [c.bottom for c in ptable.cells])
    placed: list[tuple[int, int, SourceCell]] = []
    for c in ptable.cells:
        col, col_end = _index(xs, c.x0), _index(xs, c.x1)
        row, row_end = _index(ys, c.top), _index(ys, c.bottom)
        if col_end <= col or row_end <= row:
            continue  # a degenerate box (a ruling drawn as a thin rectangle)
        placed.append((row, col, SourceCell(c.text, row_end - row, col_end - col, where=f"第{c.page + 1}页")))
    placed.sort(key=lambda t: (t[0], t[1]))
    nrows = max(len(ys) - 1, 0)
    rows: list[list[SourceCell]] = [[] for _ in range(nrows)]
    for row, _col, cell in placed:
        rows[row].append(cell)
    return Table([r for r in rows if r] if nrows else [])


def _cell_text(chars: list[dict[str, Any]]) -> str:
    return join_lines([line.text for line in _lines(chars)])


_STREAM = re.compile(rb"stream\r?\n")
_BIG_STREAM = (b"/Image", b"/Length1", b"/Length2", b"/FontFile", b"Type1C", b"OpenType")


def _check_streams(data: bytes) -> None:
    """PdfError when a Flate-compressed stream would decode to more than the limits.

    Each stream is inflated in 1 MB steps (never more than a step in memory) and counted, so a
    deflate bomb costs milliseconds, not gigabytes.  A stream that does not inflate is left
    to the PDF library (it reports a damaged file its own way)."""
    import zlib

    total = 0
    for match in _STREAM.finditer(data):
        if data[max(0, match.start() - 3) : match.start()] == b"end":
            continue  # the end of a stream, not a start
        head = data[max(0, match.start() - 4096) : match.start()]
        cut = head.rfind(b" obj")
        if cut >= 0:
            head = head[cut:]
        if b"/FlateDecode" not in head and b"/Fl" not in head:
            continue
        start = match.end()
        end = data.find(b"endstream", start)
        cap = PDF_MAX_BIG_STREAM_BYTES if any(t in head for t in _BIG_STREAM) else PDF_MAX_STREAM_BYTES
        inflater = zlib.decompressobj()
        pending = data[start : end if end >= 0 else len(data)]
        produced = 0
        try:
            while not inflater.eof:
                out = inflater.decompress(pending, 1024 * 1024)
                pending = inflater.unconsumed_tail
                produced += len(out)
                total += len(out)
                if produced > cap or total > PDF_MAX_DECODED_BYTES:
                    limit = (cap if produced > cap else PDF_MAX_DECODED_BYTES) // (1024 * 1024)
                    raise PdfError(
                        t(
                            f"PDF 中的压缩数据解压后超过 {limit} MB，可能是压缩炸弹，拒绝读取",
                            f"compressed data in the PDF unpacks to over {limit} MB (a zip bomb?); refused",
                        )
                    )
                if not out and not pending:
                    break
        except zlib.error:
            continue


def _open(data: bytes) -> Any:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(__import__("io").BytesIO(data))
    except PdfminerException as exc:
        raise PdfError(_pdfminer_reason(exc)) from None
    except Exception as exc:  # pdfminer raises many kinds for broken files
        raise PdfError(
            t(
                f"PDF 文件已损坏，无法读取（{type(exc).__name__}）",
                f"the PDF file is damaged and cannot be read ({type(exc).__name__})",
            )
        ) from None


def _pdfminer_reason(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return t(
            "PDF 文件已加密（需要密码），无法读取；请提供未加密的文件",
            "the PDF file is encrypted (a password is needed) and cannot be read; give an unencrypted file",
        )
    if name in ("PSEOF", "PDFSyntaxError", "PDFNoValidXRef") or "EOF" in name:
        return t(
            f"PDF 文件不完整或已损坏（{name}），无法读取",
            f"the PDF file is incomplete or damaged ({name}) and cannot be read",
        )
    return t(f"PDF 文件已损坏，无法读取（{name}）", f"the PDF file is damaged and cannot be read ({name})")


def read_pdf(data: bytes) -> SourceDocument:
    """Read a PDF's text layer; PdfError (one Chinese line) when that is impossible."""
    if b"%PDF-" not in data[:1024]:
        raise PdfError(t("不是 PDF 文件（缺少 %PDF 文件头）", "not a PDF file (no %PDF header)"))
    if b"%%EOF" not in data[-2048:]:
        raise PdfError(
            t(
                "PDF 文件不完整（末尾缺少 %%EOF，可能下载或复制时被截断），无法读取",
                "the PDF file is incomplete (no %%EOF at the end: cut short when downloaded or copied?) and cannot be read",
            )
        )
    _check_streams(data)
    from pdfplumber.utils.exceptions import PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings about fonts are noise here
    doc = SourceDocument("pdf")
    pdf = _open(data)
    doc.title = _metadata_title(pdf)
    try:
        try:
            pages = pdf.pages
            if len(pages) > MAX_PDF_PAGES:
                raise PdfError(
                    t(
                        f"PDF 有 {len(pages)} 页，超过 {MAX_PDF_PAGES} 页，不像是一份年度报告",
                        f"the PDF has {len(pages)} pages, over {MAX_PDF_PAGES}: not an annual report",
                    )
                )
            items, total_chars, images = _read_pages(pages)
        except PdfminerException as exc:
            raise PdfError(_pdfminer_reason(exc)) from None
        except PdfError:
            raise
        except (RecursionError, MemoryError):
            raise PdfError(
                t(
                    "PDF 文件结构异常（嵌套过深或过大），无法读取",
                    "the PDF file's structure is abnormal (nested too deeply or too large) and cannot be read",
                )
            ) from None
        except Exception as exc:  # a damaged object stream inside the file
            raise PdfError(
                t(
                    f"PDF 文件已损坏，无法读取（{type(exc).__name__}）",
                    f"the PDF file is damaged and cannot be read ({type(exc).__name__})",
                )
            ) from None
    finally:
        pdf.close()
    if total_chars == 0:
        if images:
            raise PdfError(
                t(
                    "PDF 没有文字层（是扫描件或图片），需要先做文字识别（OCR）才能导入",
                    "the PDF has no text layer (a scan or images): it needs text recognition (OCR) before import",
                )
            )
        raise PdfError(t("PDF 中没有文字，无法导入", "the PDF has no text; cannot import"))
    text = "".join(line.text for kind, _, line in items if kind == "line" and isinstance(line, _Line))
    if text.count("(cid:") > 20:
        raise PdfError(
            t(
                "PDF 的文字无法提取（字体没有编码映射），需要先做文字识别（OCR）才能导入",
                "the PDF's text cannot be extracted (its fonts have no character map): it needs text recognition (OCR) before import",
            )
        )
    _assemble(doc, items)
    _drop_chrome(doc)
    return doc


def _metadata_title(pdf: Any) -> str | None:
    """The document title of the PDF's metadata (a browser writes the page's <title>)."""
    try:
        raw = (pdf.metadata or {}).get("Title")
    except Exception:  # a damaged info dictionary: there is no title
        return None
    if isinstance(raw, bytes):
        data = raw
        raw = None
        for enc in ("utf-16", "utf-8"):
            try:
                raw = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    if not isinstance(raw, str):
        return None
    if raw.startswith("\u00fe\u00ff") or raw.startswith("\u00ff\u00fe"):  # UTF-16 read as Latin-1
        try:
            raw = raw.encode("latin-1").decode("utf-16")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
    title = clean(_unradical(raw))
    return title if title and "\ufffd" not in title and re.search(r"[\u4e00-\u9fff]", title) else None


_Item = tuple[str, int, "_Line | _PTable"]  # ("line" | "table", page number, what)


def _read_pages(pages: list[Any]) -> tuple[list[_Item], int, int]:
    items: list[_Item] = []
    total_chars = 0
    images = 0
    page_lines: list[list[_Line]] = []
    offset = 0.0
    for number, page in enumerate(pages):
        height = float(page.height)
        chars = [c for c in page.chars if c.get("text", "").strip()]
        total_chars += len(chars)
        images += len(page.images)
        tables = []
        area = float(page.width) * height
        ruled = page.filter(lambda obj, area=area: not _background(obj, area)) if chars else page
        for found in ruled.find_tables() if chars else []:
            boxes = [b for b in found.cells if b is not None]
            cells = [_PCell(b[0], b[1], b[2], b[3], "", number) for b in boxes]
            if _columns(cells) < 2:
                continue  # a framed paragraph: its text is running text
            tables.append((found.bbox, cells))
        flow: list[dict[str, Any]] = []
        in_cell: dict[int, list[dict[str, Any]]] = {}
        for ch in chars:
            for ti, (bbox, cells) in enumerate(tables):
                if _inside(ch, bbox):
                    for ci, cell in enumerate(cells):
                        if _inside(ch, (cell.x0, cell.top, cell.x1, cell.bottom)):
                            in_cell.setdefault(ti * 100000 + ci, []).append(ch)
                            break
                    break
            else:
                flow.append(ch)
        lines = [ln for ln in _lines(flow) if not _is_footer(ln, height)]
        page_lines.append(lines)
        for ti, (bbox, cells) in enumerate(tables):
            for ci, cell in enumerate(cells):
                cell.text = _cell_text(in_cell.get(ti * 100000 + ci, []))
                cell.top += offset
                cell.bottom += offset
            ptable = _PTable(cells, bbox[1] + offset, bbox[3] + offset, offset, offset + height)
            items.append(("table", number, ptable))
        for line in lines:
            line.top += offset
            line.bottom += offset
            items.append(("line", number, line))
        offset += height
    _drop_running_lines(items, page_lines, pages)
    items.sort(key=lambda it: (it[1], it[2].top))
    return items, total_chars, images


def _is_chrome(text: str) -> bool:
    return len(text) <= 200 and _CHROME.search(text) is not None


def _link_like(block: Paragraph | Table) -> bool:
    """A paragraph of a portal's link lists: short, no sentence punctuation."""
    return (
        isinstance(block, Paragraph) and len(block.text) <= 40 and not re.search(r"[。，；,;：:]", block.text)
    )


def _drop_chrome(doc: SourceDocument) -> None:
    """Drop the chrome of a printed portal page: its copyright, record numbers and browser
    advice anywhere, and the link lists around them at the end of the page (said in a note).
    A short last paragraph with no chrome after it (a signature, a date) stays."""
    blocks = doc.blocks
    chrome = [isinstance(b, Paragraph) and _is_chrome(b.text) for b in blocks]
    start = len(blocks)
    while start > 0 and (chrome[start - 1] or _link_like(blocks[start - 1])):
        start -= 1
    tail_has_chrome = any(chrome[start:])
    kept = [b for i, b in enumerate(blocks) if not chrome[i] and not (tail_has_chrome and i >= start)]
    dropped = len(blocks) - len(kept)
    if dropped:
        doc.notes.append(
            t(
                f"PDF 中网页的版权、备案、导航等页面文字（{dropped} 段）未导入",
                f"the web page's copyright, registration and navigation text in the PDF ({dropped} paragraphs) was not imported",
            )
        )
    doc.blocks = kept


def _background(obj: dict[str, Any], page_area: float) -> bool:
    """A filled area (a page or box background), not a ruling: its edges would frame the
    running text as one big table."""
    if obj.get("object_type") != "rect":
        return False
    width, height = float(obj["width"]), float(obj["height"])
    return width > 2 and height > 2 and width * height > 0.2 * page_area


def _is_footer(line: _Line, height: float) -> bool:
    if (line.top < 0.06 * height or line.bottom > 0.94 * height) and _BROWSER.match(line.text):
        return True  # a browser's print header (date and time, title) or footer (address, n/m)
    margin = line.top < 0.1 * height or line.bottom > 0.88 * height
    return margin and bool(_FOOTER.match(line.text.replace(" ", "")))


def _drop_running_lines(items: list[_Item], page_lines: list[list[_Line]], pages: list[Any]) -> None:
    """Lines that repeat, digits aside, at the same height on most pages (running headers,
    a browser's print header with the page title and date)."""
    if len(pages) < 3:
        return
    seen: Counter[tuple[str, int]] = Counter()
    for lines in page_lines:
        keys = {(re.sub(r"\d+", "#", ln.text), round(ln.ptop)) for ln in lines}
        seen.update(keys)
    running = {key for key, n in seen.items() if n >= max(3, (len(pages) + 1) // 2)}
    if not running:
        return
    items[:] = [
        it
        for it in items
        if not (
            it[0] == "line"
            and isinstance(it[2], _Line)
            and (re.sub(r"\d+", "#", it[2].text), round(it[2].ptop)) in running
        )
    ]


def _assemble(doc: SourceDocument, items: list[_Item]) -> None:
    lines = [it[2] for it in items if it[0] == "line" and isinstance(it[2], _Line)]
    if lines:
        left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
        rights = sorted(ln.x1 for ln in lines)
        right = rights[int(0.9 * (len(rights) - 1))]
    else:
        left, right = 0, 0.0
    paragraph: list[str] = []
    last: _Line | None = None
    pending: _PTable | None = None
    joined = 0

    def flush() -> None:
        nonlocal last
        if paragraph:
            doc.blocks.append(Paragraph(join_lines(paragraph)))
            paragraph.clear()
        last = None

    def emit_table() -> None:
        nonlocal pending
        if pending is not None:
            doc.blocks.append(_to_table(pending))
            doc.notes.extend(n for n in pending.notes if n not in doc.notes)
            pending = None

    for index, (_kind, page, what) in enumerate(items):
        if isinstance(what, _PTable):
            flush()
            first_on_page = index == 0 or items[index - 1][1] != page
            # a table still pending was the last thing on its page (any line emits it)
            if (
                pending is not None
                and first_on_page
                and index > 0
                and items[index - 1][1] == page - 1
                and _compatible(pending, what)
            ):
                pending = _join(pending, what)
                joined += 1
                continue
            emit_table()
            pending = what
            continue
        assert isinstance(what, _Line)
        emit_table()
        size = what.size or 10.0
        new = (
            last is None
            or what.x0 > left + 1.2 * size
            or what.x0 < left - 1.2 * size  # outdented (a hanging heading)
            or bool(_HEADING.match(what.text))
            or last.x1 < right - 1.5 * size
            or _value_row(last.text)
            or _value_row(what.text)
        )
        if new:
            flush()
        paragraph.append(what.text)
        last = what
    flush()
    emit_table()
    if joined:
        doc.notes.append(
            t(
                f"PDF 中有 {joined} 处跨页的表格已合并为一张表",
                f"{joined} tables across PDF pages were joined into one",
            )
        )


def _value_row(text: str) -> bool:
    """A line of an unruled table: ends with three or more numbers."""
    tokens = text.split()
    tail = 0
    for token in reversed(tokens):
        if not _numeric(token):
            break
        tail += 1
    return tail >= 3


def _compatible(first: _PTable, second: _PTable) -> bool:
    """Two tables share their outer frame (within a few points): one table over two pages."""
    a = (min(c.x0 for c in first.cells), max(c.x1 for c in first.cells))
    b = (min(c.x0 for c in second.cells), max(c.x1 for c in second.cells))
    return abs(a[0] - b[0]) < 6 and abs(a[1] - b[1]) < 6
