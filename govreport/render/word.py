"""``govreport render --to docx``: the report as a Word file in the style of GB/T 9704-2012.

The content comes from the render model (``govreport/render/model.py``) that the HTML output
uses — title, preamble, sections, sub-heads, and tables with the header cells and spans of
the schema's ``x-table`` — so no label is typed here.  What is decided here is the look:

- **Page** (without ``--template``): A4, margins 37/35/28/26 mm (top/bottom/left/right),
  22 lines × 28 characters: a line grid (``w:docGrid`` ``lines``, pitch 28.95 pt) with the
  text at exactly 28.95 pt, and 3号 characters set 0.25 pt closer so that 28 fill the 156 mm
  line.  Not a character grid (``linesAndChars``): LibreOffice gives every 3号 glyph, which
  is wider than that grid's 15.79 pt pitch, two grid cells — 14 characters a line.
- **Styles**: the title in 2号 方正小标宋简体, body text in 3号 仿宋_GB2312 (two-character
  first-line indent, lines at exactly 28.95 pt), first-level heads (一、…) in 3号 黑体,
  second-level heads (（一）…) in 3号 楷体_GB2312; built-in style names (``Title``,
  ``Heading 1``, ``Heading 2``, ``Normal``, ``Footer``) plus ``表格文字`` for table text, so
  the Word navigation pane shows the outline and an office's template can restyle them.
- **Page numbers**: ``— 1 —`` in 4号 宋体 at the foot (a ``PAGE`` field), right-aligned one
  character in on odd pages and left-aligned one character in on even pages, as GB/T 9704
  places them.
- **Tables**: fixed layout filling the type area; the type size per table is the largest of
  五号 / 小五 / 六号 that leaves a value column room for 2.5 characters; header rows repeated
  on every page (``w:tblHeader``), no row split across pages (``w:cantSplit``), table 二's
  blocks kept on one page each (``w:keepNext``).

Fonts are named (``w:rFonts`` with ``w:eastAsia``), never embedded.

With a template (``--template FILE.docx``): its styles, page set-up, headers and footers are
kept and its body is cleared (text left in a template would be published by mistake); the
styles above are added only where the template does not define a style of that name.

python-docx (and lxml) are imported here only: the lint path never loads this module.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.styles import BabelFish

from govreport import __version__
from govreport.format.spec import FormatSpec
from govreport.format.values import CellState
from govreport.i18n import t
from govreport.render.model import (
    RenderCell,
    RenderError,
    RenderModel,
    RenderTable,
    build_model,
)
from govreport.report.document import ReportDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NSDECL = f'xmlns:w="{W_NS}"'

# -- GB/T 9704-2012 measures ------------------------------------------------------------------
TWIPS_PER_PT = 20


def mm(value: float) -> int:
    """Millimetres in twips (1/20 pt)."""
    return round(value / 25.4 * 72 * TWIPS_PER_PT)


A4 = (mm(210), mm(297))
MARGINS = {"top": mm(37), "bottom": mm(35), "left": mm(28), "right": mm(26)}
FOOTER_DISTANCE = mm(22)  # page number about 7 mm below the type area
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = 579  # 28.95 pt: 22 lines fill the 225 mm type area
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
PAGE_NUMBER_SIZE = 14.0  # 4号
TABLE_SIZES = (10.5, 9.0, 7.5)  # 五号, 小五, 六号
CELL_MARGIN = 57  # twips left and right in a table cell (1 mm)

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEAD1 = "黑体"
FONT_HEAD2 = "楷体_GB2312"
FONT_SONG = "宋体"
FONT_LATIN = "Times New Roman"

# Style names: built-in where Word has one (its outline and navigation pane use them).
STYLE_BODY = "Normal"
STYLE_TITLE = "Title"
STYLE_HEAD1 = "Heading 1"
STYLE_HEAD2 = "Heading 2"
STYLE_FOOTER = "Footer"
STYLE_TABLE = "表格文字"

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_TEMPLATE_UNPACKED = 200 * 1024 * 1024

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# Characters XML 1.0 cannot hold (C0 controls except tab, line feed, carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text_width(size: float) -> int:
    """The character pitch (twips) of one CJK character of *size* points."""
    return round(size * TWIPS_PER_PT)


# -- XML pieces -------------------------------------------------------------------------------
def _xml_safe(value: str) -> str:
    """*value* with the characters XML cannot hold replaced by U+FFFD (a report may hold them
    as TOML escapes; Word cannot)."""
    return _NOT_XML.sub("\ufffd", value)


def _text(value: str) -> str:
    return escape(_xml_safe(value))


def _fonts(east_asia: str, latin: str | None = None) -> str:
    latin = latin or east_asia
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}" w:hint="eastAsia"/>'


def _half_points(size: float) -> int:
    return round(size * 2)


def _run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


def _paragraph(style_id: str, text: str, ppr: str = "", rpr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{ppr}</w:pPr>{_run(text, rpr) if text else ""}</w:p>'


def _style_xml(style_id: str, name: str, ppr: str, rpr: str, *, based_on: str | None = None) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    custom = ' w:customStyle="1"' if name == STYLE_TABLE else ""
    default = ' w:default="1"' if name == STYLE_BODY else ""
    return (
        f'<w:style {NSDECL} w:type="paragraph"{default}{custom} w:styleId="{style_id}">'
        f'<w:name w:val="{BabelFish.ui2internal(name)}"/>{based}<w:next w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _exact(pitch: int) -> str:
    return f'<w:spacing w:before="0" w:after="0" w:line="{pitch}" w:lineRule="exact"/>'


_INDENT2 = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * text_width(BODY_SIZE)}"/>'
_BLACK = '<w:color w:val="000000"/>'
# Characters of 3号 set 0.25 pt closer, so that 28 fit the 156 mm line (28 × 15.75 pt ≤ 442.2 pt)
# whether or not the application snaps them to the character grid: LibreOffice gives a glyph
# wider than the grid pitch (15.79 pt) two grid cells, which would halve the line.
_TIGHT = '<w:spacing w:val="-5"/>'
_PLAIN = '<w:b w:val="0"/><w:bCs w:val="0"/><w:i w:val="0"/><w:iCs w:val="0"/>'


def _size(size: float) -> str:
    return f'<w:sz w:val="{_half_points(size)}"/><w:szCs w:val="{_half_points(size)}"/>'


def _lang() -> str:
    return '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'


def _default_styles() -> dict[str, tuple[str, str, str, str | None]]:
    """Name → (style id, pPr, rPr, based on) of the GB/T 9704 styles."""
    body_r = f"{_fonts(FONT_BODY, FONT_LATIN)}{_PLAIN}{_BLACK}{_TIGHT}{_size(BODY_SIZE)}{_lang()}"
    return {
        STYLE_BODY: (
            "Normal",
            f'<w:widowControl w:val="0"/>{_exact(LINE_PITCH)}{_INDENT2}<w:jc w:val="both"/>',
            body_r,
            None,
        ),
        STYLE_TITLE: (
            "Title",
            '<w:keepNext/><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="0" w:after="{LINE_PITCH}" w:line="{round(TITLE_SIZE * 1.6 * TWIPS_PER_PT)}" w:lineRule="exact"/>'
            '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:contextualSpacing w:val="0"/><w:jc w:val="center"/>'
            '<w:outlineLvl w:val="9"/>',
            f'{_fonts(FONT_TITLE)}{_PLAIN}{_BLACK}<w:spacing w:val="0"/><w:kern w:val="0"/>{_size(TITLE_SIZE)}{_lang()}',
            "Normal",
        ),
        STYLE_HEAD1: (
            "Heading1",
            f'<w:keepNext/><w:keepLines/><w:widowControl w:val="0"/>{_exact(LINE_PITCH)}{_INDENT2}'
            '<w:jc w:val="both"/><w:outlineLvl w:val="0"/>',
            f"{_fonts(FONT_HEAD1)}{_PLAIN}{_BLACK}{_TIGHT}{_size(BODY_SIZE)}{_lang()}",
            "Normal",
        ),
        STYLE_HEAD2: (
            "Heading2",
            f'<w:keepNext/><w:keepLines/><w:widowControl w:val="0"/>{_exact(LINE_PITCH)}{_INDENT2}'
            '<w:jc w:val="both"/><w:outlineLvl w:val="1"/>',
            f"{_fonts(FONT_HEAD2)}{_PLAIN}{_BLACK}{_TIGHT}{_size(BODY_SIZE)}{_lang()}",
            "Normal",
        ),
        STYLE_FOOTER: (
            "Footer",
            '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:ind w:firstLineChars="0" w:firstLine="0"/>',
            f"{_fonts(FONT_SONG)}{_PLAIN}{_BLACK}{_size(PAGE_NUMBER_SIZE)}{_lang()}",
            "Normal",
        ),
        STYLE_TABLE: (
            "ReportTableText",
            '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>',
            f"{_fonts(FONT_SONG, FONT_LATIN)}{_PLAIN}{_BLACK}{_size(TABLE_SIZES[0])}{_lang()}",
            "Normal",
        ),
    }


# -- the document -----------------------------------------------------------------------------
@dataclass
class _Target:
    """The document being filled and what it already had (a template's styles)."""

    document: Any
    style_ids: dict[str, str]
    own_table_style: bool  # the table text style is ours: its size may be set per table
    text_width: int  # twips between the margins


def _install_styles(document: Any, keep_existing: bool) -> tuple[dict[str, str], bool]:
    styles_el = document.styles.element
    by_name: dict[str, Any] = {}
    for style in styles_el.findall(f"{W}style"):
        name = style.find(f"{W}name")
        if name is not None:
            by_name[BabelFish.internal2ui(str(name.get(f"{W}val"))).lower()] = style
    ids: dict[str, str] = {}
    own_table = True
    for name, (style_id, ppr, rpr, based_on) in _default_styles().items():
        existing = by_name.get(name.lower())
        if existing is not None and keep_existing:
            ids[name] = str(existing.get(f"{W}styleId"))
            if name == STYLE_TABLE:
                own_table = False
            continue
        if existing is not None:
            styles_el.remove(existing)
        styles_el.append(parse_xml(_style_xml(style_id, name, ppr, rpr, based_on=based_on)))
        ids[name] = style_id
    if not keep_existing:
        # Document defaults: what any text without a style of its own gets.
        doc_defaults = styles_el.find(f"{W}docDefaults")
        if doc_defaults is not None:
            styles_el.remove(doc_defaults)
        styles_el.insert(
            0,
            parse_xml(
                f"<w:docDefaults {NSDECL}><w:rPrDefault><w:rPr>{_fonts(FONT_BODY, FONT_LATIN)}"
                f"{_size(BODY_SIZE)}{_lang()}</w:rPr></w:rPrDefault>"
                '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                "</w:pPrDefault></w:docDefaults>"
            ),
        )
    return ids, own_table


def _page_setup(document: Any) -> None:
    """A4, the GB/T 9704 margins, the 22 × 28 grid and the page-number footers."""
    section = document.sections[-1]
    sect_pr = section._sectPr
    for tag in ("pgSz", "pgMar", "docGrid", "cols"):
        for old in sect_pr.findall(f"{W}{tag}"):
            sect_pr.remove(old)
    section.page_width, section.page_height = A4[0] * 635, A4[1] * 635  # EMU
    m = MARGINS
    sect_pr.append(
        parse_xml(
            f'<w:pgMar {NSDECL} w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" '
            f'w:left="{m["left"]}" w:header="851" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/>'
        )
    )
    sect_pr.append(parse_xml(f'<w:cols {NSDECL} w:space="425"/>'))
    sect_pr.append(parse_xml(f'<w:docGrid {NSDECL} w:type="lines" w:linePitch="{LINE_PITCH}"/>'))
    _order_sect_pr(sect_pr)
    document.settings.odd_and_even_pages_header_footer = True
    indent = text_width(PAGE_NUMBER_SIZE)  # 空一字
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(_page_number(side, indent)))


# CT_SectPr's child order (the schema is a sequence).
_SECT_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]


def _order_sect_pr(sect_pr: Any) -> None:
    children = list(sect_pr)
    rank = {tag: i for i, tag in enumerate(_SECT_ORDER)}
    children.sort(key=lambda el: rank.get(str(el.tag).removeprefix(W), len(rank)))
    for el in children:
        sect_pr.append(el)  # re-appending moves the element: the children end up sorted


def _page_number(side: str, indent: int) -> str:
    ind = f'<w:ind w:{side}="{indent}" w:firstLine="0" w:firstLineChars="0"/>'
    return (
        f'<w:p {NSDECL}><w:pPr><w:pStyle w:val="Footer"/>{ind}<w:jc w:val="{side}"/></w:pPr>'
        f'{_run("— ")}<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{_run("1")}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f"{_run(' —')}</w:p>"
    )


def _clear_body(document: Any) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != f"{W}sectPr":
            body.remove(child)


def _open_template(data: bytes, name: str) -> Any:
    """python-docx's Document of a template's bytes, or RenderError with a one-line reason."""
    message = t(
        f"模板 {name} 不是可以使用的 Word（.docx）文件",
        f"the template {name} is not a usable Word (.docx) file",
    )
    sep = t("：", ": ")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise RenderError(
            message
            + sep
            + t(
                "不是 .docx 格式（.docx 是 zip 压缩包；.doc、.wps 请先另存为 .docx）",
                "not in the .docx format (a .docx is a zip package; save a .doc or .wps as .docx first)",
            )
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_TEMPLATE_UNPACKED:
                size = unpacked // (1024 * 1024)
                raise RenderError(
                    message + sep + t(f"解压后过大（{size} MB）", f"too large unpacked ({size} MB)")
                )
            if len(infos) > 10_000:
                raise RenderError(
                    message
                    + sep
                    + t(f"压缩包内文件过多（{len(infos)} 个）", f"too many files in it ({len(infos)})")
                )
            if "[Content_Types].xml" not in archive.namelist():
                raise RenderError(message + sep + t("缺少 [Content_Types].xml", "no [Content_Types].xml"))
            content_types = archive.read("[Content_Types].xml")
            if _TEMPLATE_TYPE in content_types:
                # A Word template (.dotx): the same package, but python-docx opens documents only.
                data = _retype(archive, content_types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE))
    except zipfile.BadZipFile as exc:
        raise RenderError(
            message + sep + t(f"压缩包已损坏（{exc}）", f"a broken zip package ({exc})")
        ) from None
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise RenderError(message + sep + " ".join(str(exc).split())[:200]) from None
    except Exception as exc:  # lxml and zip errors: a broken package
        raise RenderError(message + t(f"（{type(exc).__name__}）", f" ({type(exc).__name__})")) from None


def _retype(archive: zipfile.ZipFile, content_types: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            payload = content_types if info.filename == "[Content_Types].xml" else archive.read(info)
            copy.writestr(info, payload)
    return out.getvalue()


def _target(template: tuple[bytes, str] | None) -> _Target:
    if template is None:
        document = docx.Document()
        style_ids, own_table = _install_styles(document, keep_existing=False)
        _page_setup(document)
    else:
        document = _open_template(*template)
        style_ids, own_table = _install_styles(document, keep_existing=True)
    _clear_body(document)
    section = document.sections[-1]
    width = A4[0] - MARGINS["left"] - MARGINS["right"]
    try:
        if section.page_width is not None:
            width = (section.page_width - (section.left_margin or 0) - (section.right_margin or 0)) // 635
    except (ValueError, TypeError):  # a template with unreadable page measures
        pass
    return _Target(document, style_ids, own_table, max(width, mm(60)))


# -- tables -----------------------------------------------------------------------------------
def _display_width(text: str) -> float:
    """Width of *text* in ems: CJK and full-width characters 1, others ½."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "“”‘’" else 1.0 for ch in text)


def _column_widths(table: RenderTable, total: int) -> tuple[list[int], float]:
    """Widths (twips) of the table's grid columns and the type size that fits them."""
    labels = table.label_columns
    values = table.width - labels
    longest = [0.0] * labels  # per label column: the longest label that sits in it alone
    if labels:
        for block in table.blocks:
            for row in block.body_rows:
                column = labels - sum(c.colspan for c in row if c.role == "label")
                for cell in row:
                    if cell.role != "label":
                        break
                    if cell.colspan == 1:
                        longest[column] = max(longest[column], _display_width(cell.text))
                    column += cell.colspan
    # Outer label columns (whose labels span rows) stay narrow and wrap; the innermost one
    # gets up to eleven characters.
    caps = [2.0 + 2.0 * j for j in range(labels - 1)] + ([11.0] if labels else [])
    ems = [max(2.0, min(longest[j] or caps[j], caps[j])) for j in range(labels)]
    size = TABLE_SIZES[-1]
    for candidate in TABLE_SIZES:
        label_twips = sum(round(e * candidate * TWIPS_PER_PT) + 2 * CELL_MARGIN for e in ems)
        value = (total - label_twips) / values if values else 0
        if not values or value - 2 * CELL_MARGIN >= 2.5 * candidate * TWIPS_PER_PT:
            size = candidate
            break
    label_widths = [round(e * size * TWIPS_PER_PT) + 2 * CELL_MARGIN for e in ems]
    rest = total - sum(label_widths)
    if values:
        base, extra = divmod(rest, values)
        value_widths = [base + (1 if i < extra else 0) for i in range(values)]
    else:
        value_widths = []
    return label_widths + value_widths, size


def _rows_of(table: RenderTable) -> Iterable[tuple[list[RenderCell], bool, bool]]:
    """Every row of the table: its cells, whether it is a header row repeated on every page,
    and whether it is kept on the page of the next row.

    A table of one block (三, 四) repeats its header rows and keeps them with the first body
    row; in a table of several blocks (二) only the first block's rows could repeat, so each
    block is kept together on one page instead."""
    single = len(table.blocks) == 1
    for block in table.blocks:
        rows = ([[block.heading]] if block.heading else []) + block.head_rows
        head = len(rows)
        rows += block.body_rows
        for i, cells in enumerate(rows):
            header = single and i < head
            yield cells, header, header or (not single and i < len(rows) - 1)


def _cell_xml(cell: RenderCell | None, span: int, width: int, merge: str, props: dict[str, str]) -> str:
    tc = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        tc.append(f'<w:gridSpan w:val="{span}"/>')
    if merge:
        tc.append(f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>")
    if cell is not None and cell.state == CellState.MISSING:
        tc.append('<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>')
    tc.append('<w:vAlign w:val="center"/>')
    ppr = f'<w:pStyle w:val="{props["style"]}"/>{props["keep"]}'
    run_props = props["size"]
    text = ""
    if cell is not None:
        text = cell.text
        if cell.role == "label" and cell.rowspan == 1:
            ppr += '<w:jc w:val="left"/>'
        if cell.state in (CellState.UNRESOLVED, CellState.INVALID):
            run_props = '<w:color w:val="C00000"/>' + run_props  # rPr order: color before sz
        if cell.state == CellState.BLANK:
            text = ""
    run = _run(text, run_props) if text else ""
    return f"<w:tc><w:tcPr>{''.join(tc)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>{run}</w:p></w:tc>"


def _table_xml(table: RenderTable, target: _Target) -> str:
    widths, size = _column_widths(table, target.text_width)
    size_props = _size(size) if target.own_table_style else ""
    style = target.style_ids[STYLE_TABLE]
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f"<w:tbl {NSDECL}><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr><w:tblGrid>"
    ]
    out.extend(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out.append("</w:tblGrid>")
    pending: dict[int, tuple[int, int]] = {}  # grid column → (rows still covered, colspan)
    for cells, header, keep in _rows_of(table):
        props = {"style": style, "keep": "<w:keepNext/>" if keep else "", "size": size_props}
        row = ["<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"]
        queue = list(cells)
        column = 0
        while column < table.width:
            if column in pending:
                left, span = pending.pop(column)
                if left > 1:
                    pending[column] = (left - 1, span)
                row.append(_cell_xml(None, span, sum(widths[column : column + span]), "continue", props))
                column += span
                continue
            if not queue:
                raise RenderError(
                    t(
                        f"表{table.number}的版式有误：第 {column + 1} 列没有单元格",
                        f"the layout of table {table.number} is wrong: column {column + 1} has no cell",
                    )
                )
            cell = queue.pop(0)
            span = min(cell.colspan, table.width - column)
            merge = ""
            if cell.rowspan > 1:
                pending[column] = (cell.rowspan - 1, span)
                merge = "restart"
            row.append(_cell_xml(cell, span, sum(widths[column : column + span]), merge, props))
            column += span
        row.append("</w:tr>")
        out.append("".join(row))
    out.append("</w:tbl>")
    return "".join(out)


# -- the body ---------------------------------------------------------------------------------
def _body_xml(model: RenderModel, preamble: str, target: _Target) -> list[str]:
    ids = target.style_ids
    title = "".join(
        f"【未填写{part.field.label}】" if part.missing and part.field is not None else part.text
        for part in model.title_parts
    )
    out = [_paragraph(ids[STYLE_TITLE], title)]
    out.append(_paragraph(ids[STYLE_BODY], preamble))
    for section in model.sections:
        out.append(_paragraph(ids[STYLE_HEAD1], section.title))
        if section.table is not None:
            out.append(_table_xml(section.table, target))
            continue
        for part in section.parts:
            if part.title:
                out.append(_paragraph(ids[STYLE_HEAD2], part.title))
            if not part.present:
                out.append(_paragraph(ids[STYLE_BODY], "【未填写】"))
            out.extend(_paragraph(ids[STYLE_BODY], p) for p in part.paragraphs)
        for table in section.tables:  # a table inside the section (六's fee table)
            out.append(_paragraph(ids[STYLE_HEAD2], table.title))
            out.append(_table_xml(table, target))
    return out


def render_docx(
    doc: ReportDocument,
    *,
    spec: FormatSpec | None = None,
    template: Path | None = None,
    template_dir: Path | None = None,
) -> bytes:
    """*doc* as a Word file (the bytes of a .docx).  *template* is an office's own .docx (or
    .dotx) whose styles and page set-up are used; *template_dir* holds Jinja2 templates, of
    which ``preamble.j2`` gives the preamble's wording.  Raises ``RenderError`` (one line)."""
    from govreport.fsutil import UnreadableFile, read_bytes_checked
    from govreport.render.engine import preamble_text

    source = None
    if template is not None:
        try:
            what = t("Word 模板", "a Word template")
            source = (read_bytes_checked(template, MAX_TEMPLATE_BYTES, what), str(template))
        except UnreadableFile as exc:
            raise RenderError(t(f"模板 {exc}", f"template {exc}")) from None
    model = build_model(doc, spec)
    preamble = preamble_text(model, template_dir)
    target = _target(source)
    body = target.document.element.body
    sect_pr = body.find(f"{W}sectPr")
    fragment = parse_xml(f"<w:body {NSDECL}>{''.join(_body_xml(model, preamble, target))}</w:body>")
    for child in list(fragment):
        if sect_pr is not None:
            sect_pr.addprevious(child)
        else:
            body.append(child)

    props = target.document.core_properties
    props.title = _xml_safe(model.title)
    props.subject = _xml_safe(model.format_title)
    organ = model.report.organ.value
    props.author = _xml_safe(str(organ)) if organ is not None else ""
    props.last_modified_by = props.author
    props.comments = f"govreport {__version__}"
    props.keywords = "政府信息公开工作年度报告"
    props.language = "zh-CN"
    props.revision = 1
    out = io.BytesIO()
    target.document.save(out)
    return out.getvalue()
