"""Hypothesis strategies for whole reports whose tables obey the format's sums, for the
import property tests: values are drawn from a strategy the test picks (small numbers, or
numbers whose digits run together in many ways)."""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import strategies as st

from govreport.format import load_spec
from govreport.report.scaffold import new_report

from .conftest import EXAMPLE
from .importer_helpers import get, required_cells

COLUMNS = ("person", "business", "research", "nonprofit", "legal", "other")
APPEAL_COLUMNS = ("upheld", "corrected", "other", "pending")
APPEAL_GROUPS = (("review",), ("litigation", "direct"), ("litigation", "after_review"))


def consistent_report(
    draw: st.DrawFn,
    values: st.SearchStrategy[int],
    *,
    applicants: tuple[str, ...] = ("person", "business"),
    appeals: st.SearchStrategy[int] | None = None,
) -> dict[str, Any]:
    """A 2021 report with the example's preamble, plain narrative and tables that add up:
    table 二 and 四 from *values* (*appeals* for 四 when given), table 三's outcomes for the
    *applicants* columns, every total and the balance of 三 computed."""
    spec = load_spec("2021")
    base = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data = new_report(spec, year=2024, organ=base["report"]["organ"]).data
    data["report"] = base["report"]
    for section in spec.narrative_sections():
        for key in [k for k, f in section.children.items() if f.is_text]:
            data[section.key][key] = "本年情况良好。"
    for path in required_cells(spec):
        get(data, path[:-1])[path[-1]] = draw(values) if path[0] == "proactive" else 0
    requests = data["requests"]
    outcome_rows = [
        r for r in spec.table("requests").blocks[0].rows if r.path[1] == "results" and r.path[2] != "total"
    ]
    for col in COLUMNS:
        total = 0
        for row in outcome_rows:
            value = draw(values) if col in applicants and draw(st.booleans()) else 0
            get(data, row.path)[col] = value
            total += value
        requests["results"]["total"][col] = total
        carry_forward = draw(values) if col == "person" else 0
        carried_over = draw(st.integers(0, total + carry_forward))
        requests["carry_forward"][col] = carry_forward
        requests["carried_over"][col] = carried_over
        requests["new"][col] = total + carry_forward - carried_over
    for row in spec.table("requests").blocks[0].rows:
        cells = get(data, row.path)
        cells["total"] = sum(cells[c] for c in COLUMNS)
    for group in APPEAL_GROUPS:
        cells = get(data["appeals"], group)
        for c in APPEAL_COLUMNS:
            cells[c] = draw(appeals if appeals is not None else values)
        cells["total"] = sum(cells[c] for c in APPEAL_COLUMNS)
    return data
