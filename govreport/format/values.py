"""What a table cell's value means in a sum, for every part of govreport that adds cells up
(the lint rules, the TUI's totals).  A cell holds a number, ``""`` (left blank in the source:
counts as 0) or ``"?…"`` (unresolved on import: unknown)."""

from __future__ import annotations

import math

Number = int | float


def cell_number(value: object) -> Number | None:
    """The value a cell adds to a sum: a number, 0 for a blank cell, None when unknown."""
    if value == "":
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value < 0:
        return None
    return value
