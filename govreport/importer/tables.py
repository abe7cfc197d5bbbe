"""Read tables 二, 三 and 四 from the text of their section, whatever shape the source gave them.

The section's text (tables laid out one row per line, cells separated by tabs; or paragraphs;
or everything run together on one line) is searched, in order, for the labels the schema's
layout gives: each block's heading, its header cells, and each body row's own label.  The
values of a row are what lies between its label and the next label.  That text is cut into
*tokens*: a blank cell, a number (possibly a run of digits whose separators were lost), an
explicit "?" or a dash.  Text that is not a number (a group label such as "（三）不予公开", a
repeated header) is skipped and remembered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govreport.format.layout import Block, BodyRow, TableLayout
from govreport.format.spec import FormatSpec, KeyPath
from govreport.importer.normalize import NormText, norm
from govreport.importer.sections import strip_numbering

UNITS = ("万元", "元", "件", "个", "项", "条", "人次", "次")
_NUMBER = re.compile(
    r"(?P<num>[+\-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<unit>" + "|".join(UNITS) + r")?"
)
_DASHES = {"—", "－", "-", "/", "／", "——", "–", "无", "…", "--", "―"}
_PARENTHETICAL = re.compile(r"\([^()]*\)$")


@dataclass
class Token:
    kind: str  # "blank", "number", "unknown"
    text: str  # as written in the source
    value: str = ""  # for numbers: the digits, sign and decimal point (no separators, no unit)
    unit: str = ""
    newline: bool = False  # the token starts a new line of the source

    @property
    def is_run(self) -> bool:
        """A run of two or more digits that might be several numbers run together."""
        return self.kind == "number" and self.value.isdigit() and len(self.value) > 1


@dataclass
class RowRead:
    row: BodyRow
    found: bool
    tokens: list[Token] = field(default_factory=list)
    raw: str = ""
    noise: list[str] = field(default_factory=list)

    @property
    def paths(self) -> list[KeyPath]:
        return [c.path for c in self.row.cells]


def _label_variants(title: str) -> list[str]:
    full = norm(title)
    out = [full]
    bare = norm(strip_numbering(title))
    core = _PARENTHETICAL.sub("", bare)
    for v in (bare, core):
        if v and v not in out and len(v) >= 2:
            out.append(v)
    return out


def tokenize(raw: str) -> tuple[list[Token], list[str]]:
    """Cut the text between two labels into value tokens; return them and the skipped text.

    Cells are separated by tabs and line breaks.  The first and last fragments (the rest of
    the label's own cell, the start of the next label's cell) count only when they hold
    something.
    """
    tokens: list[Token] = []
    noise: list[str] = []
    parts = re.split(r"(\t|\n)", raw)
    fragments: list[tuple[str, bool]] = []
    newline = False
    for part in parts:
        if part == "\n":
            newline = True
        elif part == "\t":
            continue
        else:
            fragments.append((part, newline))
            newline = False
    last = len(fragments) - 1
    for i, (frag, nl) in enumerate(fragments):
        text = " ".join(frag.split())
        if not text:
            if 0 < i < last:
                tokens.append(Token("blank", "", newline=nl))
            continue
        if text in _DASHES:
            tokens.append(Token("blank", text, newline=nl))
            continue
        if text in ("?", "？"):
            tokens.append(Token("unknown", text, newline=nl))
            continue
        first = True
        for piece in text.split(" "):  # numbers separated by spaces are separate values
            spelled = norm(piece).replace("−", "-").replace("－", "-")
            pos = 0
            for m in _NUMBER.finditer(spelled):
                gap = spelled[pos : m.start()]
                if gap.strip(".,;:"):
                    noise.append(gap)
                value = m.group("num").replace(",", "").lstrip("+")
                tokens.append(Token("number", m.group(0), value, m.group("unit") or "", nl and first))
                first = False
                pos = m.end()
            rest = spelled[pos:]
            if rest.strip(".,;:"):
                noise.append(rest)
    return tokens, noise


@dataclass
class TableText:
    """A table section's text and what was found in it."""

    rows: list[RowRead]
    noise: list[str]
    found_any: bool


def _find(nt: NormText, variants: list[str], start: int, stop: int | None) -> tuple[int, int] | None:
    for i, v in enumerate(variants):
        pos = nt.find(v, start, stop)
        if pos < 0:
            continue
        if i > 0 and v.isascii():
            continue
        return pos, pos + len(v)
    return None


def _own_label(spec: FormatSpec, block: Block, row: BodyRow) -> str | None:
    if row.path == block.root:
        return None
    return spec[row.path].title


def read_table(spec: FormatSpec, layout: TableLayout, raw: str) -> TableText:
    nt = NormText(raw)
    anchors: list[tuple[str, Block, BodyRow | None, list[str]]] = []
    for block in layout.blocks:
        if block.heading is not None:
            anchors.append(("heading", block, None, [norm(block.heading.text)]))
        for row in block.rows:
            label = _own_label(spec, block, row)
            if label is not None:
                anchors.append(("row", block, row, _label_variants(label)))
    # pass 1: the exact labels, in order
    hits: list[tuple[int, int] | None] = [None] * len(anchors)
    cursor = 0
    for i, (_kind, _block, _row, names) in enumerate(anchors):
        hit = _find(nt, names[:1], cursor, None)
        if hit:
            hits[i] = hit
            cursor = hit[1]
    # pass 2: looser spellings, only between the neighbours that were found
    for i, (_kind, _block, _row, names) in enumerate(anchors):
        if hits[i] is not None or len(names) < 2:
            continue
        lo = max((h[1] for h in hits[:i] if h), default=0)
        hi = min((h[0] for h in hits[i + 1 :] if h), default=len(nt.text))
        hit = _find(nt, names[1:], lo, hi)
        if hit:
            hits[i] = hit
    starts = sorted(h[0] for h in hits if h)

    def raw_at(pos: int) -> int:
        return nt.to_raw(pos, pos + 1)[0] if pos < len(nt.text) else len(raw)

    rows: list[RowRead] = []
    noise: list[str] = []
    for block in layout.blocks:
        for row in block.rows:
            label = _own_label(spec, block, row)
            if label is None:
                start = _header_end(nt, block, anchors, hits)
                if start is None:
                    rows.append(RowRead(row, False))
                    continue
            else:
                idx = next(i for i, a in enumerate(anchors) if a[2] is row)
                hit = hits[idx]
                if hit is None:
                    rows.append(RowRead(row, False))
                    continue
                start = hit[1]
            stop = min((s for s in starts if s >= start), default=len(nt.text))
            # the values start right after the label's last character (tabs and all)
            begin = nt.to_raw(start - 1, start)[1] if start > 0 else 0
            segment = raw[begin : raw_at(stop)] if start <= len(nt.text) else ""
            tokens, skipped = tokenize(segment)
            rows.append(RowRead(row, True, tokens, segment.strip(), skipped))
            noise.extend(skipped)
    return TableText(rows, noise, any(h is not None for h in hits))


def _header_end(
    nt: NormText,
    block: Block,
    anchors: list[tuple[str, Block, BodyRow | None, list[str]]],
    hits: list[tuple[int, int] | None],
) -> int | None:
    """Where the values of a block without row labels (table 四) begin: after its header."""
    start = 0
    for i, anchor in enumerate(anchors):
        if anchor[1] is block and hits[i] is not None:
            start = hits[i][1]  # type: ignore[index]
    end: int | None = None
    for header_row in block.header_rows:
        for cell in header_row:
            if cell.corner or not cell.text:
                continue
            pos = nt.find(norm(cell.text), start)
            if pos >= 0:
                start = pos + len(norm(cell.text))
                end = start
    return end
