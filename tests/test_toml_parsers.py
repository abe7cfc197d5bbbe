"""rtoml (used for big lint batches) and tomli (the reference) read TOML the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport import toml
from govreport.report.document import ReportSyntaxError, parse_toml

from .conftest import ROOT
from .test_fmt import _same, messy_text, reports

rtoml = pytest.importorskip("rtoml")

keys = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8)
scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
    st.dates(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=12,
)


def both(text: str) -> tuple[Any, Any]:
    return rtoml.loads(text), toml.loads(text)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, values, max_size=6))
def test_same_data_for_generated_documents(data: dict[str, Any]) -> None:
    text = tomlkit.dumps(data)
    fast, reference = both(text)
    assert _same(fast, reference)


@settings(max_examples=40, deadline=None)
@given(reports(), st.integers(0, 10**6))
def test_same_data_for_generated_reports(data: dict[str, Any], seed: int) -> None:
    text = messy_text(data, seed, ["注释"])
    fast, reference = both(text)
    assert _same(fast, reference)


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.toml")), ids=lambda p: p.name)
def test_same_data_for_the_examples(path: Any) -> None:
    fast, reference = both(path.read_text(encoding="utf-8"))
    assert _same(fast, reference)


@pytest.mark.parametrize(
    "text",
    [
        "a = 1e400",
        "a = 1\na = 2",
        "[t]\n[t]",
        'a = "x',
        "a = 99999999999999999999999",
        "= 1",
        "a = 1979-13-01",
    ],
)
def test_the_fast_parser_never_decides_an_error(text: str) -> None:
    """Whatever rtoml refuses or reads differently, parse() leaves to tomli: same errors, same values."""
    toml.use_fast_parser(True)
    try:
        try:
            reference: Any = toml.loads(text)
        except toml.TOMLDecodeError:
            with pytest.raises(ReportSyntaxError):
                parse_toml(text, "x.toml")
        else:
            assert _same(parse_toml(text, "x.toml"), reference)
    finally:
        toml.use_fast_parser(False)
