"""Which kind of source a file is, and which format version a report is in."""

from __future__ import annotations

from pathlib import Path

from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, available_formats, load_spec
from govreport.importer.normalize import norm
from govreport.importer.sections import strip_numbering

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
MHT_SUFFIXES = {".mht", ".mhtml"}
DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
DOC_SUFFIXES = {".doc", ".wps"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc, .wps, .xls
_HTML_TAGS = (b"<html", b"<!doctype html", b"<body", b"<table", b"<p>", b"<div")


def _unicode_head(data: bytes) -> bytes | None:
    """The first bytes of UTF-16/32 text (by its byte-order mark or its zero bytes), as ASCII-ish
    bytes to sniff; None when *data* is not such text."""
    import codecs

    from govreport.importer.read_source import _utf16_guess

    head = data[:8192]
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, "ignore").encode("utf-8", "ignore")
    guess = _utf16_guess(head)
    if guess:
        return head.decode(guess, "ignore").encode("utf-8", "ignore")
    return None


def source_kind(name: str, data: bytes) -> str:
    """``"text"``, ``"html"``, ``"mht"``, ``"docx"``, ``"pdf"``, ``"doc"`` (old Word/WPS, not
    readable) or ``"binary"``: by content where it is unmistakable, else by extension."""
    from govreport.importer.read_mht import looks_like_mht

    suffix = Path(name).suffix.lower()
    if b"%PDF-" in data[:1024] or suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in DOCX_SUFFIXES or data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:8] == _OLE2 or suffix in DOC_SUFFIXES:
        return "doc"
    if suffix in MHT_SUFFIXES or looks_like_mht(data):
        return "mht"
    if suffix in HTML_SUFFIXES:
        return "html"
    head = _unicode_head(data)
    if head is None:
        head = data[:8192]
        if b"\x00" in head:
            return "binary"
    if suffix in TEXT_SUFFIXES:
        return "text"
    lowered = head.lower()
    if any(tag in lowered for tag in _HTML_TAGS):
        return "html"
    return "text"


def _labels(spec: FormatSpec) -> set[str]:
    """The normalised labels of a format's tables: block headings, header cells, row titles."""
    out: set[str] = set()
    for table in spec.tables:
        for block in table.blocks:
            if block.heading is not None:
                out.add(norm(block.heading.text))
            for header_row in block.header_rows:
                out.update(norm(c.text) for c in header_row if c.text and not c.corner)
            for row in block.rows:
                if row.path != block.root:
                    out.add(norm(strip_numbering(spec[row.path].title)))
    return out


def detect_format(text: str, year: int | None) -> tuple[FormatSpec, dict[str, int]]:
    """The format whose distinctive labels the text uses most; on a tie, the one of the year."""
    versions = available_formats()
    labels = {v: _labels(load_spec(v)) for v in versions}
    normalised = norm(text)
    scores: dict[str, int] = {}
    for v in versions:
        others = set().union(*(labels[o] for o in versions if o != v)) if len(versions) > 1 else set()
        scores[v] = sum(1 for label in labels[v] - others if label and label in normalised)
    best = max(scores.values(), default=0)
    tied = [v for v in versions if scores[v] == best]
    if len(tied) > 1:
        by_year = [v for v in tied if year is not None and int(v) <= year]
        choice = (
            max(by_year, key=int) if by_year else (DEFAULT_FORMAT if DEFAULT_FORMAT in tied else tied[-1])
        )
    else:
        choice = tied[0]
    return load_spec(choice), scores
