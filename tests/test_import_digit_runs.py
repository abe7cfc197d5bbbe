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

from .importer_helpers import get, to_run_text
from .report_strategies import consistent_report

SMALL = st.one_of(st.just(0), st.just(0), st.integers(1, 9), st.integers(10, 120))


@st.composite
def consistent_reports(draw: st.DrawFn) -> dict[str, Any]:
    return consistent_report(draw, SMALL, appeals=st.integers(0, 12))


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
