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
    kind: str  # "blank", "number", "unknown"; "footer": a page number run into the values
    text: str  # as written in the source
    value: str = ""  # for numbers: the digits, sign and decimal point (no separators, no unit)
    unit: str = ""
    newline: bool = False  # the token starts a new line of the source
    own: bool = False  # written in a cell of its own (between tabs or pipes): never split
    line: int = 0  # the line of the row's text it is on
    after_text: bool = False  # comes after words that ended the row's values

    @property
    def is_run(self) -> bool:
        """A run of two or more digits that might be several numbers run together."""
        return self.kind == "number" and not self.own and self.value.isdigit() and len(self.value) > 1


@dataclass
class RowRead:
    row: BodyRow
    found: bool
    tokens: list[Token] = field(default_factory=list)
    raw: str = ""
    noise: list[str] = field(default_factory=list)
    stray: list[Token] = field(default_factory=list)  # numbers after the row's values ended
    orphans: list[list[Token]] = field(default_factory=list)  # whole rows of values after this one's
    placed: bool = False  # values of a row that lost its label, placed here by the row order
    problem: str = ""  # why the row's values cannot be read, though found

    @property
    def paths(self) -> list[KeyPath]:
        return [c.path for c in self.row.cells]


def _label_variants(title: str, aliases: list[str] | None = None) -> list[str]:
    full = norm(title)
    out = [full]
    for alias in aliases or []:
        if norm(alias) not in out:
            out.append(norm(alias))
    bare = norm(strip_numbering(title))
    core = _PARENTHETICAL.sub("", bare)
    for v in (bare, core):
        if v and v not in out and len(v) >= 2:
            out.append(v)
    return out


_FOOTER = re.compile(
    r"^(?:[—\-－–―]+\s*\d{1,3}\s*[—\-－–―]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$"
)
# a page footer run into the text ("… 0 - 18 -538 …"): dashes with spaces around a page number
_INLINE_FOOTER = re.compile(r"(?:^|(?<=\s))[—\-－–―]\s+\d{1,3}\s+[—\-－–―](?=\s|\d|$)")
_RULE_ROW = re.compile(r"^[\s|:\-]*-{3,}[\s|:\-]*$")  # a Markdown table's |---|---| line
_WORDS = re.compile(r"[\u3400-\u9fffA-Za-z]")


def is_footer(line: str) -> bool:
    """A page number or footer line (``— 5 —``, ``第 5 页``, ``5/12``), dropped wherever it is."""
    return bool(_FOOTER.match(" ".join(line.split())))


def _cells(raw: str) -> list[tuple[str, bool, bool, int]]:
    """The fragments of *raw*: (text, starts a line, is a cell of its own: between tabs or
    pipes, line number)."""
    out: list[tuple[str, bool, bool, int]] = []
    for n, line in enumerate(raw.split("\n")):
        stripped = line.strip()
        if _RULE_ROW.match(stripped) or (stripped and is_footer(stripped)):
            continue
        piped = stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1
        if piped:
            line = stripped[1:-1]
        parts = re.split(r"\t|\|", line) if piped or "|" in line else line.split("\t")
        celled = len(parts) > 1
        for i, part in enumerate(parts):
            out.append((part, n > 0 and i == 0, celled, n))
    return out


_LABEL_PUNCT = re.compile(r"[\s()\[\]（）#|:：\-.,，、;；*]+")


def is_label_text(text: str, labels: tuple[str, ...]) -> bool:
    """Whether *text* is made only of the given (normalised) labels and punctuation."""
    if not labels:
        return False
    t = norm(text)
    for label in labels:
        t = t.replace(label, " ")
    return not _LABEL_PUNCT.sub("", t)


def tokenize(raw: str, labels: tuple[str, ...] = ()) -> tuple[list[Token], list[str]]:
    """Cut the text between two labels into value tokens; return them and the skipped text.

    Cells are separated by tabs, pipes (a Markdown table) and line breaks; page footers and a
    Markdown table's rule lines are dropped.  The first and last fragments (the rest of the
    label's own cell, the start of the next label's cell) count only when they hold
    something.  A number written inside words (``数据1``, ``2024年``) is text, not a value.
    Once the row's values have begun, words end them: numbers after that are not this row's
    (the caller keeps them apart); here they are returned with ``Token.after_text`` set.
    Words made only of *labels* (a table's own header cells) neither end the values nor make
    the number after them text.
    """
    tokens: list[Token] = []
    noise: list[str] = []
    fragments = _cells(raw)
    last = len(fragments) - 1
    ended = False

    here = [0]  # the line of the fragment being read

    def add(token: Token) -> None:
        token.after_text = ended
        token.line = here[0]
        tokens.append(token)

    for i, (frag, nl, celled, line) in enumerate(fragments):
        here[0] = line
        text = " ".join(frag.split())
        if _INLINE_FOOTER.search(text):
            # a page number, or a blank cell, a number and a blank cell: the text cannot say
            for m in _INLINE_FOOTER.finditer(text):
                add(Token("footer", m.group(0), newline=nl))
            text = " ".join(_INLINE_FOOTER.sub(" ", text).split())
            if not text:
                continue
        if not text:
            if 0 < i < last:
                add(Token("blank", "", newline=nl))
            continue
        if text in _DASHES:
            add(Token("blank", text, newline=nl))
            continue
        if text in ("?", "？"):
            add(Token("unknown", text, newline=nl))
            continue
        first = True
        pieces = text.split(" ")  # numbers separated by spaces are separate values
        for piece in pieces:
            spelled = norm(piece).replace("−", "-").replace("－", "-")
            pos = 0
            glued = False  # the piece so far is words: a number now is part of them
            for m in _NUMBER.finditer(spelled):
                gap = spelled[pos : m.start()]
                if gap.strip(".,;:"):
                    noise.append(gap)
                    if _WORDS.search(gap) and gap not in UNITS and not is_label_text(gap, labels):
                        glued = True
                        if tokens:
                            ended = True
                after = spelled[m.end() : m.end() + 2]
                numbering = (after[:1] == "." and _WORDS.match(after[1:2] or " ")) or (
                    spelled[m.start() - 1 : m.start()] == "(" and after[:1] == ")"
                )
                if glued or (numbering and not m.group("unit")):
                    noise.append(m.group(0))  # 2.申请人…, (2): a numbering, not a value
                    pos = m.end()
                    continue
                value = m.group("num").replace(",", "").lstrip("+")
                if value.startswith("-") and m.start() > 0 and spelled[m.start() - 1].isdigit():
                    value = value[1:]  # 12-18: a dash between numbers is no minus sign
                own = celled and len(pieces) == 1 and m.start() == 0 and m.end() == len(spelled)
                add(Token("number", m.group(0), value, m.group("unit") or "", nl and first, own=own))
                first = False
                pos = m.end()
            rest = spelled[pos:]
            if rest.strip(".,;:"):
                noise.append(rest)
                if _WORDS.search(rest) and rest not in UNITS and tokens and not is_label_text(rest, labels):
                    ended = True
    return tokens, noise


@dataclass
class TableText:
    """A table section's text and what was found in it."""

    rows: list[RowRead]
    noise: list[str]
    variants: list[tuple[KeyPath, str]] = field(default_factory=list)  # rows found by a looser label
    out_of_order: list[KeyPath] = field(default_factory=list)  # rows whose label is out of the table's order


_PUNCT = ".,;:，；：、"
# a numbering just before a label found without it: "(1)", "1.", "（一）", "一.", "①" (NFKC: "1")
_NUMBER_BEFORE = re.compile(
    r"(?:\(\d{1,2}\)|(?<!\d)\d{1,2}\.|\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,2}\.)$"
)
_CIRCLED = set("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")


def _with_numbering(nt: NormText, hit: tuple[int, int]) -> tuple[int, int]:
    """Widen a label found without its numbering to include the numbering written before it,
    so that the numbering is not read as the previous row's value."""
    start, end = hit
    m = _NUMBER_BEFORE.search(nt.text, max(0, start - 6), start)
    if m and m.end() == start:
        return m.start(), end
    if start > 0 and nt.raw[nt.index[start - 1]] in _CIRCLED:
        back = start - 1
        while back > 0 and nt.index[back - 1] == nt.index[start - 1]:
            back -= 1
        return back, end
    return hit


def _loose(label: str) -> re.Pattern[str]:
    """A label with any punctuation mark standing for any other (``补正、行政`` = ``补正,行政``)."""
    parts = [f"[{re.escape(_PUNCT)}]" if ch in _PUNCT else re.escape(ch) for ch in label]
    return re.compile("".join(parts))


def _find(
    nt: NormText, variants: list[str], start: int, stop: int | None, *, loose: bool = False
) -> tuple[int, int] | None:
    for i, v in enumerate(variants):
        pos = nt.find(v, start, stop)
        if pos < 0:
            continue
        if i > 0 and v.isascii():
            continue
        return pos, pos + len(v)
    if loose:
        for v in variants:
            if any(ch in _PUNCT for ch in v) and not v.isascii():
                m = _loose(v).search(nt.text, start, len(nt.text) if stop is None else stop)
                if m:
                    return m.start(), m.end()
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
                aliases = list(spec[row.path].aliases)
                anchors.append(("row", block, row, _label_variants(label, aliases)))
    # pass 1: the exact labels, in order
    hits: list[tuple[int, int] | None] = [None] * len(anchors)
    cursor = 0
    for i, (_kind, _block, _row, names) in enumerate(anchors):
        hit = _find(nt, names[:1], cursor, None)
        if hit:
            hits[i] = hit
            cursor = hit[1]
    # pass 2: looser spellings, only between the neighbours that were found
    variant_rows: list[tuple[KeyPath, str]] = []
    moved_rows: list[KeyPath] = []
    for i, (_kind, _block, _row, names) in enumerate(anchors):
        if hits[i] is not None:
            continue
        lo = max((h[1] for h in hits[:i] if h), default=0)
        hi = min((h[0] for h in hits[i + 1 :] if h), default=len(nt.text))
        hit = _find(nt, names[1:], lo, hi) or _find(nt, names[:1], lo, hi, loose=True)
        if hit:
            hit = _with_numbering(nt, hit)
            hits[i] = hit
            row_hit = anchors[i][2]
            if row_hit is not None:
                variant_rows.append((row_hit.path, nt.text[hit[0] : hit[1]]))
    # pass 3: a label written out of order (converters move pieces of a table around) is
    # taken where it is, if it occurs once only and inside no other label
    taken = [h for h in hits if h]
    for i, (_kind, _block, row_hit, names) in enumerate(anchors):
        if hits[i] is not None or len(names[0]) < 4:
            continue
        pos = nt.find(names[0])
        if pos < 0 or nt.find(names[0], pos + 1) >= 0:
            continue
        end = pos + len(names[0])
        if any(a < end and pos < b for a, b in taken):
            continue
        hits[i] = (pos, end)
        taken.append((pos, end))
        if row_hit is not None:
            moved_rows.append(row_hit.path)
    rows, noise = _read_rows(spec, layout, raw, nt, anchors, hits)
    # an out-of-order label that is followed by no value is a fragment of a broken header
    # or label, not the row: read again without it
    empty = {
        r.row.path
        for r in rows
        if r.found and r.row.path in moved_rows and not any(t.kind == "number" for t in r.tokens)
    }
    if empty:
        for i, anchor in enumerate(anchors):
            if anchor[2] is not None and anchor[2].path in empty:
                hits[i] = None
        moved_rows = [p for p in moved_rows if p not in empty]
        rows, noise = _read_rows(spec, layout, raw, nt, anchors, hits)
    _place_orphans(rows)
    return TableText(rows, noise, variant_rows, moved_rows)


def _read_rows(
    spec: FormatSpec,
    layout: TableLayout,
    raw: str,
    nt: NormText,
    anchors: list[tuple[str, Block, BodyRow | None, list[str]]],
    hits: list[tuple[int, int] | None],
) -> tuple[list[RowRead], list[str]]:
    """Each row's values: the text from its label to the next label found."""
    starts = sorted(h[0] for h in hits if h)

    def raw_at(pos: int) -> int:
        return nt.to_raw(pos, pos + 1)[0] if pos < len(nt.text) else len(raw)

    rows: list[RowRead] = []
    noise: list[str] = []
    for block in layout.blocks:
        for row in block.rows:
            label = _own_label(spec, block, row)
            header_labels: tuple[str, ...] = ()
            if label is None:
                start = _header_start(nt, block, anchors, hits)
                if start is None:
                    rows.append(RowRead(row, False))
                    continue
                header_labels = _header_labels(spec, block)
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
            tokens, skipped = tokenize(segment, header_labels)
            kept = [t for t in tokens if not t.after_text and t.kind != "footer"]
            stray = [t for t in tokens if t.after_text and t.kind == "number"]
            read = RowRead(row, True, kept, segment.strip(), skipped, stray)
            footers = [t.text for t in tokens if t.kind == "footer" and not t.after_text]
            if footers:
                read.problem = f"原文的数字中夹有「{footers[0]}」，可能是页码，也可能是空格、数字与空格"
            _split_orphans(read)
            rows.append(read)
            noise.extend(skipped)
    return rows, noise


def _line_groups(tokens: list[Token]) -> list[list[Token]]:
    groups: dict[int, list[Token]] = {}
    for t in tokens:
        groups.setdefault(t.line, []).append(t)
    out = []
    for _line, group in sorted(groups.items()):
        while group and group[-1].kind == "blank":
            group = group[:-1]
        while group and group[0].kind == "blank":
            group = group[1:]
        if group:
            out.append(group)
    return out


def _split_orphans(read: RowRead) -> None:
    """A row followed by whole lines of values, each a full row written cell by cell (a
    converter's table whose labels were lost): keep the first line as the row's values and
    the other lines apart, to be placed by the row order (:func:`_place_orphans`)."""
    k = len(read.row.cells)
    groups = _line_groups([*read.tokens, *read.stray])
    if len(groups) < 2 or len(groups[0]) != k:
        return
    rest = groups[1:]
    if not all(len(g) == k and all(t.own and t.kind == "number" for t in g) for g in rest):
        return
    if len(read.tokens) < k or any(t not in groups[0] for t in read.tokens[:k]):
        return
    read.tokens = groups[0]
    read.orphans = rest
    read.stray = []


def _place_orphans(rows: list[RowRead]) -> None:
    """Give the rows that follow, not found and as many as the lines of values after a row,
    those lines in order.  The sums decide later whether the placement stands (the splitter
    takes it back when a relation of a placed row fails)."""
    for i, read in enumerate(rows):
        if not read.orphans:
            continue
        missing: list[int] = []
        for j in range(i + 1, len(rows)):
            if rows[j].found:
                break
            missing.append(j)
        if len(missing) == len(read.orphans):
            for j, group in zip(missing, read.orphans, strict=True):
                text = " ".join(t.text for t in group)
                rows[j] = RowRead(rows[j].row, True, group, text, placed=True)
        else:
            read.stray = [t for g in read.orphans for t in g]
        read.orphans = []


def _header_start(
    nt: NormText,
    block: Block,
    anchors: list[tuple[str, Block, BodyRow | None, list[str]]],
    hits: list[tuple[int, int] | None],
) -> int | None:
    """Where the values of a block without row labels (table 四) may begin: after the first
    of its header cells found (the header's other cells, wherever they are, are skipped as
    labels: converters often write one small table per group, each with its own header)."""
    start = 0
    for i, anchor in enumerate(anchors):
        if anchor[1] is block and hits[i] is not None:
            start = hits[i][1]  # type: ignore[index]
    best: int | None = None
    for header_row in block.header_rows:
        for cell in header_row:
            if cell.corner or not cell.text:
                continue
            pos = nt.find(norm(cell.text), start)
            if pos >= 0 and (best is None or pos + len(norm(cell.text)) < best):
                best = pos + len(norm(cell.text))
    return best


def _header_labels(spec: FormatSpec, block: Block) -> tuple[str, ...]:
    """The normalised header texts of a block, longest first (group and column titles)."""
    names = {norm(c.text) for header_row in block.header_rows for c in header_row if c.text}
    for path in block.columns:
        for i in range(1, len(path) + 1):
            node = spec.node(block.root + path[:i])
            if node is not None:
                names.add(norm(node.title))
    names.update(("结果", "项目", "类别"))
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


def table_names(spec: FormatSpec, layout: TableLayout) -> list[str]:
    """The normalised spellings of a nested table's title (its ``title`` and ``x-aliases``)."""
    node = spec[layout.path]
    names = {norm(strip_numbering(n)) for n in (node.title, *node.aliases) if n}
    return sorted((n for n in names if n), key=len, reverse=True)


def _header_texts(layout: TableLayout) -> tuple[str, ...]:
    names = {
        norm(c.text) for b in layout.blocks for row in b.header_rows for c in row if c.text and not c.corner
    }
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


_TITLE_MARKS = "#*:：. "


def _is_title_line(line: str, names: list[str]) -> bool:
    text = strip_numbering(norm(line).strip(_TITLE_MARKS)).strip(_TITLE_MARKS)
    return (
        any(text == n or (text.startswith(n) and len(text) - len(n) <= 4) for n in names) and "。" not in text
    )


def is_value_line(line: str) -> bool:
    """A row of a table written as text: cells between tabs or pipes, or values only."""
    stripped = line.strip()
    if "\t" in line or (stripped.startswith("|") and stripped.endswith("|")):
        return True
    pieces = stripped.split()
    return bool(pieces) and all(
        p in _DASHES or p in ("?", "？") or _NUMBER.fullmatch(norm(p)) is not None for p in pieces
    )


def locate_table(spec: FormatSpec, layout: TableLayout, raw: str) -> tuple[int, int] | None:
    """Where a table nested in a narrative section (六's optional table) is written in the
    section's text *raw*: the raw span from its title line (when it has one) through its
    header line and the rows of values after it, or None when the text holds no such table.

    A header line is a line made only of the table's header cells (a mention of a column
    title inside a sentence is prose, not the table)."""
    headers = _header_texts(layout)
    names = table_names(spec, layout)
    offsets: list[tuple[int, str]] = []
    pos = 0
    for line in raw.split("\n"):
        offsets.append((pos, line))
        pos += len(line) + 1
    for i, (_at, line) in enumerate(offsets):
        if not line.strip() or not headers or not is_label_text(line, headers):
            continue
        if not any(h in norm(line) for h in headers):
            continue
        first = i
        before = [k for k in range(i) if offsets[k][1].strip()]
        if before and _is_title_line(offsets[before[-1]][1], names):
            first = before[-1]
        last, values = i, False
        for j in range(i + 1, len(offsets)):
            text = offsets[j][1]
            if not text.strip() or is_footer(text):
                continue
            if is_label_text(text, headers):
                last = j
            elif is_value_line(text):
                last, values = j, True
            else:
                break
        if values:
            start = offsets[first][0]
            end = offsets[last][0] + len(offsets[last][1])
            return start, end
    return None
