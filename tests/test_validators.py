"""jsonschema-rs (used at run time) and jsonschema (the reference) find the same issues."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings

from govreport.format import load_spec
from govreport.format.validate import backend, schema_issues
from govreport.report.document import _plain

from .test_fmt import reports


def keys(data: dict[str, Any], using: str) -> list[tuple[Any, ...]]:
    issues = schema_issues(load_spec(), data, using=using)
    return sorted((i.key(), repr(i.actual), i.suggestion) for i in issues)


@settings(max_examples=150, deadline=None)
@given(reports())
def test_both_validators_agree_on_generated_reports(data: dict[str, Any]) -> None:
    plain = _plain(data)
    assert keys(plain, "rs") == keys(plain, "python")


@pytest.mark.parametrize(
    "value",
    ["14", -1, 1.5, math.nan, math.inf, -math.inf, 10**30, -(10**30), 10**12, True, None, [1], {"a": 1}],
)
def test_both_validators_agree_on_bad_cells(value: Any) -> None:
    from govreport.report.scaffold import new_report

    spec = load_spec()
    data = _plain(new_report(spec, year=2024, organ="x").data)
    data["requests"]["new"]["person"] = value
    data["proactive"]["item_8"]["fees"]["amount"] = value
    data["report"]["year"] = value
    if value is None:
        del data["report"]["year"]
    assert keys(data, "rs") == keys(data, "python")
    assert keys(data, "rs")  # something is wrong in each case


def test_the_fast_validator_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert backend() == "rs"
    monkeypatch.setenv("GOVREPORT_VALIDATOR", "python")
    assert backend() == "python"
