"""Text normalised for matching labels, with a map back to the original positions.

Published reports spell the same label in many ways: full- or half-width brackets and digits,
"1." or "1、" or "1．", curly or straight quotes, labels broken over lines or cells, stray
spaces.  :func:`norm` maps all of them to one spelling; :class:`NormText` keeps, for each
character of the normalised text, where it came from, so that a label found in the
normalised text can be cut out of the original.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

_DROP = set(" \t\r\n\f\v\u00a0\u200b\u3000\ufeff\u2002\u2003\u2009\"'“”‘’「」『』")
_MAP = {"、": ".", "﹒": ".", "。": "。", "〔": "[", "〕": "]", "【": "[", "】": "]"}


@cache
def _norm_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if ch in _MAP:
        return _MAP[ch]
    out = unicodedata.normalize("NFKC", ch)
    return "".join("" if c in _DROP else _MAP.get(c, c) for c in out)


@lru_cache(maxsize=16384)
def norm(text: str) -> str:
    """The normalised spelling of *text* (no white space, one kind of bracket and dot)."""
    return "".join(_norm_char(ch) for ch in text)


@dataclass
class NormText:
    """The normalised form of *raw* and the original index of each normalised character."""

    raw: str
    text: str = ""
    index: list[int] = field(default_factory=list)
    line_starts: set[int] = field(default_factory=set)  # normalised offsets that begin a line

    def __post_init__(self) -> None:
        chars: list[str] = []
        new_line = True
        for i, ch in enumerate(self.raw):
            if ch == "\n":
                new_line = True
                continue
            out = _norm_char(ch)
            if not out:
                continue
            if new_line:
                self.line_starts.add(len(chars))
                new_line = False
            for c in out:
                chars.append(c)
                self.index.append(i)
        self.text = "".join(chars)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span [start, end)."""
        if start >= len(self.index):
            return len(self.raw), len(self.raw)
        raw_start = self.index[start]
        raw_end = self.index[end - 1] + 1 if end > start else raw_start
        return raw_start, raw_end

    def find(self, needle: str, start: int = 0, end: int | None = None, *, line_start: bool = False) -> int:
        """Offset of normalised *needle* in [start, end), or -1; optionally only at a line start."""
        if not needle:
            return -1
        stop = len(self.text) if end is None else end
        pos = self.text.find(needle, start, stop)
        while line_start and pos >= 0 and pos not in self.line_starts:
            pos = self.text.find(needle, pos + 1, stop)
        return pos
