"""The common intermediate form of every source: paragraphs and tables, in reading order.

Each reader (text, HTML, Word) turns its source into a :class:`SourceDocument`.  A table
keeps its original cells with their spans (``rows``) and can give the span-resolved grid
(``grid()``).  ``lines()`` lays the whole document out as text, one paragraph or one table
row per line with the cells of a row separated by tabs: the section finder and the table
reader work on that text, whatever the source was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

_SPACE = re.compile(r"[\s\u00a0\u200b\u3000\ufeff]+")


class ReadError(ValueError):
    """A source that no reader can read; ``str()`` is a one-line Chinese reason."""


_PUBLISHED = re.compile(
    r"(?:发布时间|发布日期|发文日期|公开日期|成文日期|日期)\s*[：:]\s*"
    r"(\d{4})\s*[-年/.．]\s*(\d{1,2})\s*[-月/.．]\s*(\d{1,2})"
)


def find_published(text: str) -> dt.date | None:
    """The publication date a portal page prints (``发布时间：2025-01-20``), if any."""
    for match in _PUBLISHED.finditer(text):
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def clean(text: str) -> str:
    """Collapse runs of white space (including &nbsp; and the ideographic space) to one space."""
    return _SPACE.sub(" ", text).strip()


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_NUMBER_CELL = re.compile(r"[0-9０-９][0-9０-９,，.．]*|[-－][0-9０-９][0-9０-９,，.．]*")
_LABEL_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[、．.](?!\d))"
)


def cell_text(text: str) -> str:
    """A cell's text as the table reader sees it: white space collapsed, and a number written
    in full-width digits (``１２``, as Word and WPS users type them) in ASCII digits.  Text that
    is not a number alone is kept as written."""
    text = clean(text)
    if _NUMBER_CELL.fullmatch(text):
        return text.translate(_FULLWIDTH)
    return text


def is_number(text: str) -> bool:
    return _NUMBER_CELL.fullmatch(clean(text)) is not None


_VALUE_MARKS = {"?", "？", "-", "－", "—", "——", "–", "/", "／", "无", "\\"}


def is_value(text: str) -> bool:
    """A table value: a number, or a mark that stands for one (``?``, ``-``, ``/``, ``无``)."""
    t = clean(text)
    return is_number(t) or t in _VALUE_MARKS


@dataclass
class SourceCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    where: str | None = None  # provenance, e.g. "第4页" (PDF): where the cell was printed


@dataclass
class Table:
    rows: list[list[SourceCell]] = field(default_factory=list)

    def grid(self) -> list[list[str]]:
        """The table as a rectangle of cell texts, merged cells repeated over their span."""
        grid: list[list[str | None]] = []
        for r, row in enumerate(self.rows):
            while len(grid) <= r:
                grid.append([])
            c = 0
            for cell in row:
                while c < len(grid[r]) and grid[r][c] is not None:
                    c += 1
                for dr in range(max(cell.rowspan, 1)):
                    while len(grid) <= r + dr:
                        grid.append([])
                    line = grid[r + dr]
                    for dc in range(max(cell.colspan, 1)):
                        while len(line) <= c + dc:
                            line.append(None)
                        line[c + dc] = cell_text(cell.text)
                c += max(cell.colspan, 1)
        width = max((len(line) for line in grid), default=0)
        return [[x if x is not None else "" for x in line] + [""] * (width - len(line)) for line in grid]

    def placed(self) -> list[list[tuple[int, SourceCell]]]:
        """Each row's own cells with the grid column each starts at (spans resolved)."""
        taken: set[tuple[int, int]] = set()
        out: list[list[tuple[int, SourceCell]]] = []
        for r, row in enumerate(self.rows):
            c = 0
            line: list[tuple[int, SourceCell]] = []
            for cell in row:
                while (r, c) in taken:
                    c += 1
                line.append((c, cell))
                for dr in range(max(cell.rowspan, 1)):
                    for dc in range(max(cell.colspan, 1)):
                        taken.add((r + dr, c + dc))
                c += max(cell.colspan, 1)
            out.append(line)
        return out

    def lines(self) -> list[str]:
        return ["\t".join(cell_text(cell.text) for cell in row) for row in self.rows]


def join_tables(first: Table, second: Table) -> tuple[Table, int]:
    """*second* continues *first* (one table cut in two at a page break): the joined table,
    and how many repeated header rows of *second* were dropped.

    A label cell at the top of *second* that continues the label cell at the bottom of
    *first* in the same columns — empty, or the rest of its text (``（四）无`` / ``法提供``),
    never a new numbered label — is joined to it (its row span grows).  Neither table is
    changed."""
    first = Table([[replace(c) for c in row] for row in first.rows])
    second = Table([[replace(c) for c in row] for row in second.rows])
    rows1 = [[cell_text(c.text) for c in row] for row in first.rows]
    rows2 = [[cell_text(c.text) for c in row] for row in second.rows]
    dropped = 0
    while (
        dropped < min(len(rows1), len(rows2))
        and rows1[dropped] == rows2[dropped]
        and any(rows1[dropped])
        and not any(is_number(t) for t in rows1[dropped])
    ):
        dropped += 1
    rest = [list(row) for row in second.rows[dropped:]]
    if rest and first.rows:
        placed1 = first.placed()
        head = Table(rest).placed()[0]
        boundary = next((col for col, cell in head if is_value(cell.text)), None)
        bottom = len(first.rows) - 1
        body = {r for r, row in enumerate(first.rows) if any(is_number(c.text) for c in row)}
        owners: dict[int, tuple[int, SourceCell]] = {}
        for r, line in enumerate(placed1):
            for col, cell in line:
                if r + max(cell.rowspan, 1) - 1 == bottom:
                    owners[col] = (r, cell)
        if boundary is not None:
            for col, cell in head:
                if col >= boundary or col not in owners:
                    continue
                start, upper = owners[col]
                text = cell_text(cell.text)
                if upper.colspan != cell.colspan or is_value(upper.text) or not cell_text(upper.text):
                    continue
                if not body.intersection(range(start, start + max(upper.rowspan, 1))):
                    continue  # a header cell above: the second part has no header, not a cut label
                if is_value(text):
                    continue
                if text and _LABEL_NUMBER.match(text):
                    continue  # a new numbered label, not the rest of the one above
                if text and cell.rowspan <= 1 and upper.rowspan <= 1:
                    continue  # two one-row labels: two rows, not one label cut in two
                upper.text = cell_text(upper.text) + text
                upper.rowspan += max(cell.rowspan, 1)
                rest[0].remove(cell)
    return Table([list(row) for row in first.rows] + rest), dropped


@dataclass
class Paragraph:
    text: str


Block = Paragraph | Table


@dataclass
class SourceDocument:
    """What a reader found: the blocks of the report body, and a title from outside the body."""

    kind: str  # "text", "html", "docx" or "pdf"
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None  # e.g. the HTML <title>, when the body has none
    notes: list[str] = field(default_factory=list)  # what the reader noticed (shown in the summary)
    # the encoding text or HTML was decoded with ("utf-8", "gb18030", "utf-16-le", …; None for
    # binary formats): for the summary to name it
    encoding: str | None = None
    # the publication date a portal page prints (发布时间/发布日期), for deadline checks
    published: dt.date | None = None

    def lines(self) -> list[str]:
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                out.extend(block.lines())
            else:
                out.extend(line for line in (clean(x) for x in block.text.split("\n")) if line)
        return out

    def text(self) -> str:
        return "\n".join(self.lines())
