"""Which kind of source a file is, and which format version a report is in."""

from __future__ import annotations

from pathlib import Path

from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, available_formats, load_spec
from govreport.importer.normalize import norm
from govreport.importer.sections import strip_numbering

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".mht"}
DOCX_SUFFIXES = {".docx"}


def source_kind(name: str, data: bytes) -> str:
    """``"text"``, ``"html"``, ``"docx"`` or ``"binary"``: by extension, else by content."""
    suffix = Path(name).suffix.lower()
    if suffix in DOCX_SUFFIXES or data[:4] == b"PK\x03\x04":
        return "docx"
    if suffix in HTML_SUFFIXES:
        return "html"
    head = data[:8192]
    if b"\x00" in head:
        return "binary"
    if suffix in TEXT_SUFFIXES:
        return "text"
    lowered = head.lower()
    if any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<body", b"<table", b"<p>", b"<div")):
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
