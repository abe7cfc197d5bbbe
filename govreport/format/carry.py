"""What a new year's report takes from last year's, as the schema's ``x-previous-year`` says
(``spec.carry_fields``, ``spec.carry_over``): the organ and its contact details,
上年结转 ← last year's 结转下年度继续办理 (column by column), 现行有效件数 ← last year's
现行有效件数.  No narrative is copied, and no guidance text (a placeholder) is carried.

This module decides *what* is carried; :mod:`govreport.report.scaffold` puts it in the file.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from govreport.format.spec import FormatSpec, KeyPath
from govreport.format.values import has_placeholder
from govreport.i18n import current_lang, t

Getter = Callable[[KeyPath], object]


@dataclass
class Carried:
    """The values taken from last year, in the order to set them, and notes on what was
    carried over or could not be."""

    values: list[tuple[KeyPath, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def carried_from(spec: FormatSpec, last: Getter, last_year: int | None) -> Carried:
    """What this year's report takes from last year's (*last* reads its values).

    A table of fields (the contact details) comes without the entries that are still
    guidance; the caller merges it into the new report's table.
    """
    out = Carried()
    marker = spec.placeholder_marker
    for path in spec.carry_fields:
        value = last(path)
        if value is None:
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if not has_placeholder(v, marker)}
        elif has_placeholder(value, marker):
            continue
        out.values.append((path, copy.deepcopy(value)))
    for carry in spec.carry_over:
        value = last(carry.last)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            out.values.append((carry.this, value))  # this year's plus/minus cells are still 0
        else:
            lang = current_lang()
            before, now = spec.describe(carry.last, lang), spec.describe(carry.this, lang)
            out.notes.append(
                t(
                    f"上年报告中「{before}」缺失或无效，本年「{now}」填为 0",
                    f"“{before}” is missing or invalid in last year's report; this year's “{now}” is 0",
                )
            )
    if last_year is not None:
        out.notes.append(
            t(
                f"已从 {last_year} 年报告结转：机关信息、联系方式、上年结转申请数、现行有效件数",
                f"Carried over from the {last_year} report: the organ, the contact, the applications "
                "carried over and the documents in force",
            )
        )
    return out
