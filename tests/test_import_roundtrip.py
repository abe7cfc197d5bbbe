"""Round trips: a report written as HTML (or Word) imports back to the same report."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.format import load_spec
from govreport.format.spec import FormatSpec
from govreport.importer import import_bytes, import_path
from govreport.report.document import ReportDocument
from govreport.report.scaffold import new_report
from govreport.report.writer import write_report_toml

from .conftest import EXAMPLE
from .importer_helpers import get, to_docx, to_html, to_text


def example() -> dict[str, Any]:
    return tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def same_value(got: Any, want: Any) -> bool:
    """Equal values of the same kind (a float amount that is whole may come back as an int)."""
    if isinstance(want, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return float(got) == want
    return bool(got == want and type(got) is type(want))


def assert_same_report(spec: FormatSpec, got: dict[str, Any], want: dict[str, Any]) -> None:
    assert got["format"] == want["format"]
    for key in ("organ", "year", "period_start", "period_end", "website", "contact"):
        assert got["report"][key] == want["report"][key], key
    for table in spec.tables:  # optional tables: tests/test_fee_block.py
        if table.optional:
            continue
        for path in table.cell_paths():
            g, w = get(got, path), get(want, path)
            assert same_value(g, w), (path, g, w)
    for section in spec.narrative_sections():
        for key in [k for k, f in section.children.items() if f.is_text]:
            assert paragraphs(got[section.key][key]) == paragraphs(want[section.key][key]), (section.key, key)


def test_example_round_trips_through_html() -> None:
    spec = load_spec("2021")
    data = example()
    result = import_bytes(to_html(spec, data).encode("utf-8"), "example.html")
    assert all(c.status == "direct" for c in result.cells)
    assert_same_report(spec, tomllib.loads(result.text), data)


def test_example_round_trips_through_docx(tmp_path: Path) -> None:
    spec = load_spec("2021")
    data = example()
    path = tmp_path / "example.docx"
    to_docx(spec, data, path)
    result = import_path(path)
    assert result.kind == "docx"
    assert all(c.status == "direct" for c in result.cells)
    assert_same_report(spec, tomllib.loads(result.text), data)


def _render(data: dict[str, Any], spec: FormatSpec, fragment: bool) -> str:
    render = pytest.importorskip(
        "govreport.render", reason="the renderer (govreport.render) is not installed"
    )
    doc = ReportDocument.from_text(write_report_toml(spec, data))
    return str(render.render_report(doc, "html", fragment=fragment))


@pytest.mark.parametrize("fragment", [False, True])
def test_example_round_trips_through_the_renderer(fragment: bool) -> None:
    spec = load_spec("2021")
    data = example()
    page = _render(data, spec, fragment)
    result = import_bytes(page.encode("utf-8"), "example.html")
    assert all(c.status == "direct" for c in result.cells)
    assert_same_report(spec, tomllib.loads(result.text), data)


_ALPHABET = "天地人山水日月星风云花草木石田江河湖海春夏秋冬东西南北0123456789，。；："
_PARAGRAPH = st.text(alphabet=_ALPHABET, min_size=1, max_size=40).filter(lambda s: s[0] not in "，。；：")


@st.composite
def reports(draw: st.DrawFn) -> tuple[FormatSpec, dict[str, Any]]:
    spec = load_spec(draw(st.sampled_from(["2021", "2019"])))
    base = example()
    data = new_report(spec, year=2024, organ=base["report"]["organ"]).data
    data["report"] = copy.deepcopy(base["report"])
    data["report"].pop("level", None)
    for table in spec.tables:  # optional tables: tests/test_fee_block.py
        if table.optional:
            continue
        for block in table.blocks:
            for row in block.rows:
                for ref in row.cells:
                    if ref.kind == "amount":
                        value: Any = draw(
                            st.one_of(st.integers(0, 10**7).map(lambda n: n / 100), st.just(""), st.just("?"))
                        )
                    elif ref.kind == "delta":
                        value = draw(st.one_of(st.integers(-500, 500), st.just("")))
                    else:
                        value = draw(st.one_of(st.integers(0, 10**6), st.just(""), st.just("?")))
                    node = data
                    for part in ref.path[:-1]:
                        node = node[part]
                    node[ref.path[-1]] = value
    for section in spec.narrative_sections():
        for key in [k for k, f in section.children.items() if f.is_text]:
            data[section.key][key] = "\n".join(draw(st.lists(_PARAGRAPH, max_size=3)))
    return spec, data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_round_trip_through_html(case: tuple[FormatSpec, dict[str, Any]]) -> None:
    spec, data = case
    result = import_bytes(to_html(spec, data).encode("utf-8"), "generated.html")
    assert result.spec.version == spec.version
    got = tomllib.loads(result.text)
    assert_same_report(spec, got, data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_round_trip_through_the_renderer(case: tuple[FormatSpec, dict[str, Any]]) -> None:
    spec, data = case
    page = _render(data, spec, fragment=False)
    result = import_bytes(page.encode("utf-8"), "generated.html")
    assert result.spec.version == spec.version
    assert_same_report(spec, tomllib.loads(result.text), data)


def test_period_is_read_from_the_preamble() -> None:
    spec = load_spec("2021")
    data = example()
    data["report"]["period_start"] = dt.date(2024, 3, 1)
    result = import_bytes(to_html(spec, data).encode("utf-8"), "example.html")
    assert tomllib.loads(result.text)["report"]["period_start"] == dt.date(2024, 3, 1)


@pytest.mark.parametrize("shape", ["tabs", "lines", "spaces"])
def test_example_round_trips_through_text_shapes(shape: str) -> None:
    spec = load_spec("2021")
    data = example()
    result = import_bytes(to_text(spec, data, shape).encode("utf-8"), f"example-{shape}.txt")
    assert all(c.status == "direct" for c in result.cells), [c for c in result.cells if c.status != "direct"][
        :3
    ]
    assert_same_report(spec, tomllib.loads(result.text), data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_round_trip_through_tab_separated_text(
    case: tuple[FormatSpec, dict[str, Any]],
) -> None:
    spec, data = case
    result = import_bytes(to_text(spec, data, "tabs").encode("utf-8"), "generated.txt")
    assert_same_report(spec, tomllib.loads(result.text), data)
