"""Property: with every separator lost, the importer never invents a number.

Reports whose tables obey the format's sums are written as one line with all table cells
run together (as in the pingtan site archive).  Whatever the importer resolves, directly or
by rule, must be the true value; what it cannot resolve it must leave as "?".
"""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.format import load_spec
from govreport.importer import import_bytes
from govreport.report.scaffold import new_report

from .importer_helpers import get, to_run_text
from .test_import_roundtrip import example

SMALL = st.one_of(st.just(0), st.just(0), st.integers(1, 9), st.integers(10, 120))


@st.composite
def consistent_reports(draw: st.DrawFn) -> dict[str, Any]:
    spec = load_spec("2021")
    base = example()
    data = new_report(spec, year=2024, organ=base["report"]["organ"]).data
    data["report"] = base["report"]
    for section in spec.narrative_sections():
        for key in [k for k, f in section.children.items() if f.is_text]:
            data[section.key][key] = "本年情况良好。"
    for table in spec.tables:  # optional tables: tests/test_fee_block.py
        if table.optional:
            continue
        for path in table.cell_paths():
            node = data
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = draw(SMALL) if path[0] == "proactive" else 0
    cols = ("person", "business", "research", "nonprofit", "legal", "other")
    requests = data["requests"]
    outcome_rows = [
        r for r in spec.table("requests").blocks[0].rows if r.path[1] == "results" and r.path[2] != "total"
    ]
    for col in cols:
        total = 0
        for row in outcome_rows:
            value = draw(SMALL) if draw(st.booleans()) and col in ("person", "business") else 0
            get(data, row.path)[col] = value
            total += value
        requests["results"]["total"][col] = total
        carry_forward = draw(SMALL) if col == "person" else 0
        carried_over = draw(st.integers(0, total + carry_forward))
        requests["carry_forward"][col] = carry_forward
        requests["carried_over"][col] = carried_over
        requests["new"][col] = total + carry_forward - carried_over
    for row in spec.table("requests").blocks[0].rows:
        values = get(data, row.path)
        values["total"] = sum(values[c] for c in cols)
    for group in (("review",), ("litigation", "direct"), ("litigation", "after_review")):
        values = get(data["appeals"], group)
        for c in ("upheld", "corrected", "other", "pending"):
            values[c] = draw(st.integers(0, 12))
        values["total"] = sum(values[c] for c in ("upheld", "corrected", "other", "pending"))
    return data


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports())
def test_runs_of_digits_never_give_a_wrong_value(data: dict[str, Any]) -> None:
    spec = load_spec("2021")
    text = to_run_text(spec, data)
    assert "\t" not in text and "\n" not in text
    result = import_bytes(text.encode("utf-8"), "run.txt")
    got = tomllib.loads(result.text)
    for cell in result.cells:
        truth = get(data, cell.path)
        if cell.status in ("direct", "rule"):
            assert get(got, cell.path) == truth, (cell.path, cell.value, truth)
        else:
            assert cell.status == "ambiguous" and get(got, cell.path) == "?", (cell.path, cell.status)
    # the sums settle most of table 三: a row of zeros, or one value and its total, is certain
    requests = [c for c in result.cells if c.path[0] == "requests"]
    assert sum(c.status in ("direct", "rule") for c in requests) >= len(requests) // 2
