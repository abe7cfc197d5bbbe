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
from dataclasses import dataclass, field

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


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    where: str | None = None  # provenance, e.g. "第4页" (PDF): where the cell was printed


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)

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
                        line[c + dc] = cell.text
                c += max(cell.colspan, 1)
        width = max((len(line) for line in grid), default=0)
        return [[x if x is not None else "" for x in line] + [""] * (width - len(line)) for line in grid]

    def lines(self) -> list[str]:
        return ["\t".join(clean(cell.text) for cell in row) for row in self.rows]


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

    @property
    def table_count(self) -> int:
        return sum(1 for b in self.blocks if isinstance(b, Table))
