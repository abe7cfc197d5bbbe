"""A source file's bytes → :class:`SourceDocument`: choose the reader, decode the text.

Text and HTML are decoded so that nothing is ever mojibake: a byte-order mark wins; strict
UTF-8 next (text in another encoding is practically never valid UTF-8); then the encoding the
page declares (``<meta charset>``, the MIME part's charset); then UTF-16 recognised by its
zero bytes, charset-normalizer's guess and GB18030.  A decoding is accepted only when it is
*plausible*: no replacement characters or control characters, and — where there is Chinese
text — common Chinese characters (the mojibake of a wrong GBK/UTF-8 choice is made of rare
ones).  When no candidate is plausible the file is refused ("无法确定文件编码").
"""

from __future__ import annotations

import codecs
import re

from govreport.i18n import t
from govreport.importer.blocks import ReadError, SourceDocument, find_published

__all__ = ["ReadError", "declared_charset", "decode", "plausible", "read_any"]

# The most frequent Chinese characters: they make up most of any Chinese text, and little of
# the rare characters that a wrong decoding produces.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
    "队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单"
    "风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土"
    "许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省"
    "列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型按格养易置派层片始"
    "却专状育厂京识适属圆包火住调满县局照参红细引听该价严申请依据诉讼复议政务网站平台监督保障协调机制情况予以"
    "镇乡街道办事处委员会综合执行落实推进加强做好工作年度报告条例规定统计期限截止共计件次"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{2,40})""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHINESE_ENCODINGS = {"utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
}


def plausible(text: str) -> bool:
    """Could *text* be what the author wrote (not the result of a wrong decoding)?"""
    sample = text[:200_000]
    if _CONTROL.search(sample):
        return False
    cjk = _CJK.findall(sample)
    if len(cjk) < 20:
        return True
    common = sum(1 for ch in cjk if ch in _COMMON)
    return common / len(cjk) >= 0.3


def _normal(encoding: str) -> str | None:
    encoding = encoding.strip().lower()
    if encoding.startswith("x-"):  # x-gbk, x-euc-cn: the names some servers send
        encoding = encoding[2:]
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, by where the zero bytes are (ASCII and CJK mixed)."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.2 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.2 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """``(text, encoding used, notes)``; ReadError when no decoding is plausible."""
    notes: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError:
                break  # a byte-order mark on something else: detect
            if plausible(text):
                return text, enc, notes
            break
    candidates: list[str] = ["utf-8"]
    declared_norm = _normal(declared) if declared else None
    if declared_norm and declared_norm not in candidates:
        candidates.append(declared_norm)
    guess = _utf16_guess(data)
    if guess:
        candidates.insert(0, guess)
    tried: list[str] = []
    for enc in candidates:
        decoded = _strict(data, enc)
        tried.append(enc)
        if decoded is not None and plausible(decoded):
            text = decoded
            return text, enc, _declared_note(declared, declared_norm, enc, notes)
    detected = _detect(data)
    for enc in [*([detected] if detected else []), "gb18030", "big5"]:
        if enc in tried:
            continue
        tried.append(enc)
        decoded = _strict(data, enc)
        if decoded is not None and plausible(decoded):
            text = decoded
            return text, enc, _declared_note(declared, declared_norm, enc, notes)
    listed = [_label(e) for e in tried]
    raise ReadError(
        t(
            f"无法确定文件编码（试过 {'、'.join(listed)}，都不像正常的文字），请另存为 UTF-8 后再导入",
            f"the file's encoding cannot be told (tried {', '.join(listed)}: none gives plausible text); "
            "save it as UTF-8, then import that",
        )
    )


def _declared_note(declared: str | None, declared_norm: str | None, used: str, notes: list[str]) -> list[str]:
    if declared and declared_norm != used and not (declared_norm or "").startswith("utf-16"):
        notes.append(
            t(
                f"网页声明的编码 {declared} 与内容不符，已按 {_label(used)} 读取",
                f"the page declares the encoding {declared}, which its content does not fit; read as {_label(used)}",
            )
        )
    return notes


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        if enc == "utf-8" and exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8")  # a file cut in the middle of a character
        return None
    except LookupError:
        return None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262_144]).best()
    if best is None:
        return None
    found = _normal(best.encoding)
    # a Chinese report is in one of these; a guess of cp1125 or latin-1 is noise, not an answer
    return found if found in _CHINESE_ENCODINGS else None


def _label(enc: str) -> str:
    return {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5"}.get(enc, enc.upper())


def read_any(data: bytes, name: str, kind: str | None, markers: list[str]) -> SourceDocument:
    """The source as paragraphs and tables; ReadError (a one-line reason) when impossible.
    *markers* are the section titles that find a portal page's report body."""
    from govreport.importer.detect import source_kind

    kind = kind or source_kind(name, data)
    if kind == "binary":
        raise ReadError(
            t(
                "不是文本、HTML、Word（.docx）或 PDF 文件，无法导入",
                "not a text, HTML, Word (.docx) or PDF file; cannot import",
            )
        )
    if kind == "doc":
        raise ReadError(
            t(
                "是旧版 Word（.doc）或 WPS 文件，无法直接读取；请另存为 .docx 或 PDF 后再导入",
                "an old Word (.doc) or WPS file cannot be read; save it as .docx or PDF, then import that",
            )
        )
    if kind == "pdf":
        from govreport.importer.read_pdf import PdfError, read_pdf

        try:
            doc = read_pdf(data)
        except PdfError as exc:
            raise ReadError(str(exc)) from None
        doc.published = doc.published or find_published(doc.text()[:4000])
        return doc
    if kind == "docx":
        from govreport.importer.read_docx import DocxError, read_docx

        try:
            return read_docx(data)
        except DocxError as exc:
            raise ReadError(str(exc)) from None
    if kind == "mht":
        from govreport.importer.read_mht import html_part

        data, mht_charset = html_part(data)
        declared = mht_charset or declared_charset(data)
        kind = "html"
    else:
        declared = declared_charset(data) if kind == "html" else None
    text, encoding, notes = decode(data, declared)
    if kind == "html":
        from govreport.importer.read_html import read_html

        doc = read_html(text, markers)
    else:
        from govreport.importer.read_text import read_text

        doc = read_text(text)
        doc.published = find_published(text[:4000])
    doc.encoding = encoding
    doc.notes.extend(notes)
    return doc
