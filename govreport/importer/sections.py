"""Find the six sections, and the sub-heads of 一、总体情况, in the text of a report.

Titles and their variants come from the schema: each section's ``title`` (without its
numbering) and ``x-aliases``.  A section heading is searched with its number ("三、…", also
spelt "三．…") in order, from where the previous section was found; a heading without its
number is accepted only as a line of its own.  Sub-heads are "（n）" followed by a title or
alias of the sub-head, on a line of their own or at the start of the text that follows them
(published pages often lose the line breaks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govreport.format.spec import FormatSpec, Node
from govreport.importer.normalize import NormText, norm

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.、．])"
)
_PAREN_NUMBER = r"\([一二三四五六七八九十]{1,3}\)"
HEADING_SLACK = 6  # a heading line may carry a few more characters than its title ("情况", "方面")


def strip_numbering(title: str) -> str:
    return _NUMBERING.sub("", title.strip())


def numeral(title: str) -> str:
    m = re.match(r"^([一二三四五六七八九十]{1,3})[、.．]", title.strip())
    return m.group(1) if m else ""


def variants(node: Node) -> list[str]:
    """Normalised spellings of a section's or sub-head's title, longest first."""
    names = [strip_numbering(node.title), *node.aliases]
    out = {norm(n) for n in names if n}
    return sorted(out, key=len, reverse=True)


@dataclass
class Span:
    """A heading found in the text (normalised offsets) and its content's raw span."""

    key: str
    start: int  # normalised offset of the heading
    end: int  # normalised offset just after the heading
    raw_start: int = 0  # raw offset where the content starts
    raw_end: int = 0  # raw offset where the content ends
    heading: str = ""  # the heading as the source writes it (normalised)
    variant: bool = False  # found by one of the title's x-aliases, not by the title itself
    numbered: str = ""  # the numeral the source gives it, when not the official one ("" = as official)
    unheaded: bool = False  # no heading in the source: the text after the table before it


@dataclass
class Outline:
    sections: dict[str, Span] = field(default_factory=dict)
    preamble_end: int = 0  # raw offset of the first heading (or the end of the text)
    # blocks found outside their place, moved to the section they belong to:
    # (section key, heading as written, raw start, raw end)
    moved: list[tuple[str, str, int, int]] = field(default_factory=list)


def _block_headings(spec: FormatSpec) -> list[tuple[str, re.Pattern[str]]]:
    """The tables nested in a section (六's optional table) that some organs publish as a
    numbered section of their own ("五、信息处理费收取情况"): (owner section, heading pattern),
    from the table's ``title`` and ``x-aliases``."""
    out: list[tuple[str, re.Pattern[str]]] = []
    for table in spec.tables:
        if not table.nested:
            continue
        node = spec[table.path]
        names = sorted(
            {norm(strip_numbering(n)) for n in (node.title, *node.aliases) if n}, key=len, reverse=True
        )
        if names:
            alternatives = "|".join(re.escape(n) for n in names)
            out.append(
                (table.section, re.compile(r"[一二三四五六七八九十]{1,2}\.(?:关于)?(?:" + alternatives + ")"))
            )
    return out


def _line_end(nt: NormText, pos: int) -> int:
    nxt = [s for s in nt.line_starts if s > pos]
    return min(nxt) if nxt else len(nt.text)


def _heading_end(nt: NormText, start: int, end: int) -> int:
    """Extend a heading found at a line start to the end of its line when that line is short."""
    if start not in nt.line_starts:
        return end
    line_end = _line_end(nt, start)
    rest = nt.text[end:line_end]
    if line_end - end <= HEADING_SLACK and "。" not in rest and not re.search(r"\d", rest):
        return line_end
    return end


def find_heading(
    nt: NormText, names: list[str], prefixes: list[str], start: int, stop: int | None = None
) -> tuple[int, int] | None:
    """The earliest numbered heading (a prefix then a name) after *start*, else a line of its own."""
    best: tuple[int, int] | None = None
    for prefix in prefixes:
        for name in names:
            pattern = re.compile(prefix + re.escape(name))
            m = pattern.search(nt.text, start, len(nt.text) if stop is None else stop)
            if m and (best is None or m.start() < best[0] or (m.start() == best[0] and m.end() > best[1])):
                best = (m.start(), m.end())
    if best is not None:
        return best[0], _heading_end(nt, best[0], best[1])
    for name in names:
        pos = nt.find(name, start, stop, line_start=True)
        while pos >= 0:
            end = pos + len(name)
            line_end = _line_end(nt, pos)
            if line_end - end <= HEADING_SLACK and "。" not in nt.text[end:line_end]:
                return pos, line_end
            pos = nt.find(name, pos + 1, stop, line_start=True)
    return None


_ANY_NUMERAL = r"[一二三四五六七八九十]{1,2}\."
# what a sub-head may carry after its title before the text starts (normalised punctuation)
_HEADING_TAIL = re.compile(r"(?:情况|方面|工作)?[。:,;.]+")


def find_sections(spec: FormatSpec, nt: NormText) -> Outline:
    """The sections in order.  A heading with its official numeral is preferred; a heading
    with another numeral (an outline shifted by one, "三、主动公开政府信息情况") is accepted
    next, and recorded as such; then the title as a line of its own."""
    outline = Outline()
    cursor = 0
    found: list[Span] = []
    for section in spec.sections():
        num = numeral(section.title)
        names = variants(section)
        prefixes = [re.escape(num + ".")] if num else [""]
        hit = find_heading(nt, names, prefixes, cursor)
        shifted = ""
        if hit is None and num:
            m_hit = find_heading(nt, names, [_ANY_NUMERAL], cursor)
            if m_hit is not None and re.match(_ANY_NUMERAL, nt.text[m_hit[0] :]):
                hit = m_hit
                shifted = nt.text[m_hit[0] : m_hit[0] + 3].split(".")[0]
        if hit is None:
            continue
        heading = nt.text[hit[0] : hit[1]]
        official = norm(strip_numbering(section.title))
        span = Span(section.key, hit[0], hit[1], heading=heading, numbered=shifted)
        span.variant = official not in heading
        found.append(span)
        cursor = hit[1]
    blocks: list[tuple[str, int, int]] = []  # (owner section, start, end of the heading line)
    if found:
        for owner, pattern in _block_headings(spec):
            for m in pattern.finditer(nt.text, found[0].end):
                line_end = _line_end(nt, m.start())
                at_line = m.start() in nt.line_starts and line_end - m.end() <= HEADING_SLACK
                if at_line and not any(sp.start <= m.start() < sp.end for sp in found):
                    blocks.append((owner, m.start(), line_end))
    blocks.sort(key=lambda b: b[1])
    starts = sorted(sp.start for sp in found)
    owner_at = {sp.key: sp.start for sp in found}

    def inside_owner(owner: str, start: int) -> bool:
        if owner not in owner_at or owner_at[owner] > start:
            return False
        return not any(owner_at[owner] < b <= start for b in starts)

    blocks = [b for b in blocks if not inside_owner(b[0], b[1])]  # in its own section: nothing to move
    bounds = sorted([sp.start for sp in found] + [b[1] for b in blocks])

    def raw_at(pos: int | None) -> int:
        return nt.to_raw(pos, pos + 1)[0] if pos is not None and pos < len(nt.text) else len(nt.raw)

    for span in found:
        span.raw_start = raw_at(span.end)
        span.raw_end = raw_at(next((b for b in bounds if b > span.start), None))
        outline.sections[span.key] = span
    for owner, start, end in blocks:
        stop = next((b for b in bounds if b > start), None)
        raw_start, raw_end = nt.to_raw(start, end)
        outline.moved.append(
            (owner, " ".join(nt.raw[raw_start:raw_end].split()), raw_at(start), raw_at(stop))
        )
    outline.preamble_end = raw_at(found[0].start) if found else len(nt.raw)
    return outline


def paragraphs(raw: str) -> list[str]:
    """The paragraphs of a stretch of text: its non-empty lines, trimmed."""
    return [line for line in (" ".join(x.split()) for x in raw.split("\n")) if line]


def split_subheads(
    section: Node, raw: str, renumbered: list[str] | None = None
) -> tuple[dict[str, list[str]], list[str]]:
    """Split the text of a narrative section at its sub-heads (the titled text fields).

    Returns the paragraphs of each field (the untitled field gets the text before the first
    sub-head) and the sub-head keys that were not found.  Sub-heads numbered like sections
    or list items instead of "（n）" are accepted at a line start; their keys are added to
    *renumbered*.
    """
    if renumbered is None:
        renumbered = []
    fields = [f for f in section.children.values() if f.is_text]  # not a nested table
    untitled = [f for f in fields if f.untitled]
    titled = [f for f in fields if not f.untitled]
    out: dict[str, list[str]] = {f.key: [] for f in fields}
    if not titled:
        if untitled:
            out[untitled[0].key] = paragraphs(raw)
        return out, []
    nt = NormText(raw)
    hits: list[tuple[str, int, int]] = []

    cursor = 0
    for f in titled:
        hit = find_heading(nt, variants(f), [_PAREN_NUMBER], cursor)
        if hit is None:
            # sub-heads numbered like sections ("二、主动公开") or as a list ("2.主动公开")
            hit = find_heading(nt, variants(f), [_ANY_NUMERAL, r"\d{1,2}\."], cursor)
            if hit is not None and hit[0] not in nt.line_starts:
                hit = None
            if hit is not None:
                renumbered.append(f.key)
        if hit is None:
            continue
        end = hit[1]
        # the heading's own filler and punctuation ("（一）主动公开情况。…"): not the text's
        tail = _HEADING_TAIL.match(nt.text, end)
        if tail and tail.end() < len(nt.text):
            end = tail.end()
        hits.append((f.key, hit[0], end))
        cursor = end
    missing = [f.key for f in titled if f.key not in {h[0] for h in hits}]
    first = nt.to_raw(hits[0][1], hits[0][1] + 1)[0] if hits else len(raw)
    lead = paragraphs(raw[:first])
    if untitled:
        out[untitled[0].key] = lead
    elif lead:
        out[titled[0].key] = lead
    for i, (key, _start, end) in enumerate(hits):
        begin = nt.to_raw(end, end + 1)[0] if end < len(nt.text) else len(raw)
        stop = nt.to_raw(hits[i + 1][1], hits[i + 1][1] + 1)[0] if i + 1 < len(hits) else len(raw)
        out[key] = paragraphs(raw[begin:stop])
    return out, missing
