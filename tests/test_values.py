"""What a value means and how a number is printed: govreport/format/values.py, the one place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govreport.format.spec import FormatSpec, load_spec
from govreport.format.values import (
    CellState,
    cell_number,
    cell_state,
    has_placeholder,
    is_placeholder,
    show_number,
)

from .conftest import EXAMPLE, run_cli, set_value

MARK = "【待填写"


@pytest.mark.parametrize(
    ("value", "state"),
    [
        (0, CellState.NUMBER),
        (-3, CellState.NUMBER),  # a number; lint says it must not be negative
        (1.85, CellState.NUMBER),
        ("", CellState.BLANK),
        ("?", CellState.UNRESOLVED),
        ("?14", CellState.UNRESOLVED),
        (None, CellState.MISSING),
        (True, CellState.INVALID),
        (float("nan"), CellState.INVALID),
        (float("inf"), CellState.INVALID),
        ("十二", CellState.INVALID),
        ({"a": 1}, CellState.INVALID),
        ("【待填写：机关名称】", CellState.INVALID),  # without the marker: text where a number belongs
    ],
)
def test_cell_state(value: Any, state: CellState) -> None:
    assert cell_state(value) is state


def test_a_placeholder_is_one_only_with_the_formats_marker() -> None:
    assert cell_state("【待填写：机关名称】", MARK) is CellState.PLACEHOLDER
    assert cell_state(" 【待填写：机关名称】\n", MARK) is CellState.PLACEHOLDER
    # guidance inside real text is still there (lint C3) but the value is not only guidance
    text = "本机关【待填写：做法】已完成。"
    assert has_placeholder(text, MARK) and not is_placeholder(text, MARK)
    assert cell_state(text, MARK) is CellState.INVALID
    assert not has_placeholder(3, MARK)


@pytest.mark.parametrize(
    ("value", "number"),
    [(7, 7), (2.5, 2.5), ("", 0), ("?", None), (None, None), (-1, None), (True, None), (float("nan"), None)],
)
def test_cell_number_is_what_a_sum_adds(value: Any, number: Any) -> None:
    got = cell_number(value)
    assert got == number and type(got) is type(number)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (17, None, "17"),
        (2.0, None, "2"),
        (1.85, None, "1.85"),
        (0.1 + 0.2, None, "0.30000000000000004"),  # what the file holds, never rounded away
        (0.0000125, None, "0.0000125"),  # no exponent
        (1e16, None, "10000000000000000"),
        (1234567.0, None, "1234567"),
        (20000.0, "万元", "20000 万元"),
        (1.5, "万元", "1.5 万元"),
    ],
)
def test_show_number(value: float, unit: str | None, text: str) -> None:
    assert show_number(value, unit) == text
    assert float(text.split()[0]) == value


def test_every_output_prints_a_large_number_without_an_exponent(tmp_path: Path) -> None:
    """A count of a million: lint's messages and render print 1000000."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = set_value(text, ("requests", "new", "total"), "1000000")
    report = tmp_path / "r.toml"
    report.write_text(text, encoding="utf-8")
    lint = run_cli("lint", "--format", "json", str(report))
    found = {f["code"]: f["message"] for f in json.loads(lint.stdout)}
    assert "（1000000）" in found["P1"], found  # the prose rule, not 1e+06
    assert "为 1000000，" in found["H3"], found
    assert not any("e+" in m for m in found.values()), found
    html = tmp_path / "r.html"
    assert run_cli("render", str(report), "-o", str(html)).returncode == 0
    assert ">1000000<" in html.read_text(encoding="utf-8")


def test_render_and_export_agree_on_states(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = set_value(text, ("requests", "new", "person"), '"?14"')
    text = set_value(text, ("requests", "new", "business"), '""')
    report = tmp_path / "r.toml"
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "cells.csv"
    result = run_cli("export", "--to", "csv", "-j", "1", str(report), "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = out.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    state_at, row_at, col_at = header.index("state"), header.index("row_key"), header.index("column_key")
    states = {(r.split(",")[row_at], r.split(",")[col_at]): r.split(",")[state_at] for r in rows[1:]}
    assert states[("new", "person")] == "unresolved" and states[("new", "business")] == "blank"
    html = tmp_path / "r.html"
    assert run_cli("render", str(report), "-o", str(html)).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert 'class="value count unresolved"' in page and 'class="value count blank"' in page
    assert 'class="value count number' not in page  # a number cell has no state class


def _renamed_organ_spec() -> FormatSpec:
    """The 2021 format with the organ's key renamed: the preamble spec finds it by name."""
    schema = json.loads(json.dumps(load_spec("2021").schema))
    props = schema["properties"]["report"]["properties"]
    props = {("organ_name" if k == "organ" else k): v for k, v in props.items()}
    schema["properties"]["report"]["properties"] = props
    schema["properties"]["report"]["required"] = [
        "organ_name" if k == "organ" else k for k in schema["properties"]["report"]["required"]
    ]
    return FormatSpec(schema, source=load_spec("2021").source)


def test_the_preamble_is_found_by_its_field_names_not_its_keys() -> None:
    from govreport.report.document import ReportDocument
    from govreport.report.scaffold import new_report
    from govreport.report.writer import write_report_toml

    spec = _renamed_organ_spec()
    assert spec.preamble_path("organ") == ("report", "organ_name")
    data = new_report(spec, year=2025, organ="测试乡人民政府").data
    assert data["report"]["organ_name"] == "测试乡人民政府" and "organ" not in data["report"]
    text = write_report_toml(spec, data)
    assert "# 测试乡人民政府2025年政府信息公开工作年度报告" in text.splitlines()[:3]
    doc = ReportDocument.from_text(text)
    assert doc.year == 2025


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_both_formats_name_their_preamble_fields(version: str) -> None:
    from govreport.format.spec import PREAMBLE_NAMES

    spec = load_spec(version)
    # the published title is optional: the 2019 format has none (the rules that read it skip)
    assert PREAMBLE_NAMES - {"title"} <= set(spec.preamble_fields) <= PREAMBLE_NAMES
    assert ("title" in spec.preamble_fields) == (version == "2021")
    assert spec.preamble_fields["year"].type == "integer"
    assert spec.preamble_fields["period_end"].type == "date"
    assert spec.preamble_fields["contact"].type == "object"


def test_an_unknown_preamble_field_name_is_refused() -> None:
    schema = json.loads(json.dumps(load_spec("2021").schema))
    schema["properties"]["report"]["properties"]["organ"]["x-preamble-field"] = "organisation"
    with pytest.raises(ValueError, match="organisation"):
        _ = FormatSpec(schema).preamble_fields
