"""What a value in a report means, and how a number is printed: the one place that decides
it, for every part of govreport (lint, render, the editor, import, check, export, sum).

A table cell holds a number, ``""`` (left blank in the source: counts as 0 in a sum) or
``"?…"`` (unresolved on import: unknown); a key can be missing; a text can still be the
guidance that ``govreport new`` wrote (a placeholder, 【待填写…】); anything else is invalid.
"""

from __future__ import annotations

import math
from decimal import Decimal
from enum import StrEnum

Number = int | float

UNRESOLVED_MARK = "?"  # what an unresolved cell starts with, and how it is shown


class CellState(StrEnum):
    """What a value is.  The values are the words the outputs use (export's state column,
    lint's cell states, the render model's CSS classes)."""

    NUMBER = "number"  # an int or a finite float (negative numbers too: lint reports them)
    BLANK = "blank"  # "": left blank in the source
    UNRESOLVED = "unresolved"  # "?…": the importer could not determine it
    PLACEHOLDER = "placeholder"  # only the guidance of a new report (【待填写…】)
    MISSING = "missing"  # no such key (None)
    INVALID = "invalid"  # text where a number belongs, a bool, a table, nan or infinity


def is_placeholder(value: object, marker: str) -> bool:
    """A value that is only the guidance ``govreport new`` wrote (*marker* is the format's
    ``spec.placeholder_marker``, 【待填写)."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text.startswith(marker) and text.endswith("】") and text.count("【") == 1


def has_placeholder(value: object, marker: str) -> bool:
    """A text that still holds guidance somewhere (``govreport new`` left it, lint C3)."""
    return isinstance(value, str) and marker in value


def is_number(value: object) -> bool:
    """An int or a finite float, not a bool."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return not isinstance(value, float) or math.isfinite(value)


def cell_state(value: object, placeholder_marker: str | None = None) -> CellState:
    """The state of *value* (``None`` for a missing key); with *placeholder_marker*, a
    guidance text is :attr:`CellState.PLACEHOLDER` rather than invalid."""
    if value is None:
        return CellState.MISSING
    if is_number(value):
        return CellState.NUMBER
    if isinstance(value, str):
        if value == "":
            return CellState.BLANK
        if value.startswith(UNRESOLVED_MARK):
            return CellState.UNRESOLVED
        if placeholder_marker is not None and is_placeholder(value, placeholder_marker):
            return CellState.PLACEHOLDER
    return CellState.INVALID


def cell_number(value: object) -> Number | None:
    """The value a cell adds to a sum: a number, 0 for a blank cell, None when unknown
    (unresolved, missing, invalid or negative)."""
    state = cell_state(value)
    if state is CellState.BLANK:
        return 0
    if state is not CellState.NUMBER:
        return None
    assert isinstance(value, int | float)
    return value if value >= 0 else None


def show_number(value: Number, unit: str | None = None) -> str:
    """A number as it is published: integers as they are, decimals in positional notation.

    ``1.85`` stays ``1.85`` and ``5949.088667`` stays ``5949.088667`` (the shortest text that
    reads back as the same float, never an exponent and no float noise); an integer-valued
    float prints without its ``.0`` (``2.0`` → ``2``), as published tables write amounts.
    With *unit* (``"万元"``) the unit follows the number.
    """
    if isinstance(value, int):  # a bool too
        text = str(int(value))
    elif not math.isfinite(value):
        text = str(value)
    elif value.is_integer():
        text = str(int(value))
    else:
        text = format(Decimal(repr(value)), "f")
    return f"{text} {unit}" if unit else text
