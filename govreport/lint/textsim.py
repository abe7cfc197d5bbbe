"""How much of one text repeats another (for X3), robust to changed years."""

from __future__ import annotations

import re

SHINGLE = 4
_YEAR = re.compile(r"\d{4}\s*年")
_SPACE = re.compile(r"\s+")


def _normalise(text: str) -> str:
    return _SPACE.sub("", _YEAR.sub("〇年", text))


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    norm = _normalise(text)
    if len(norm) < size:
        return {norm} if norm else set()
    return {norm[i : i + size] for i in range(len(norm) - size + 1)}


def containment(this: str, last: str) -> float:
    """The share of *this* text's shingles that also occur in *last* (0.0–1.0)."""
    mine = shingles(this)
    if not mine:
        return 0.0
    return len(mine & shingles(last)) / len(mine)
