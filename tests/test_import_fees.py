"""Import of 六's optional nested table (the 信息处理费 block, schema-only): reports rendered by
``govreport render`` come back exactly, in a fresh process; hand-written reports with an organ's
local "五、信息处理费收取情况" section; prose that only mentions the columns is not a table; and a
report without the block imports without it."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from govreport.format import load_spec
from govreport.importer import import_bytes
from govreport.importer.assemble import summary_lines

from .conftest import EXAMPLE, run_cli
from .importer_helpers import to_html, to_text
from .test_import_roundtrip import assert_same_report

FEES = "\n[other.fees]\nnotified_count = 3\nnotified_amount = 150.25\ncollected_amount = 120\n"
SIX = "本年度未收取政府信息公开信息处理费。"
PAID = "本年度通知收取信息处理费3件，实际收取120元。"


def _report(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8").replace(SIX, PAID)
    path = tmp_path / "fees.toml"
    path.write_text(text + FEES, encoding="utf-8")
    return path


def _fees(data: dict[str, Any]) -> tuple[float, float, float]:
    fees = data["other"]["fees"]
    return fees["notified_count"], fees["notified_amount"], fees["collected_amount"]


@pytest.mark.parametrize("to", ["html", "md", "docx"])
def test_a_rendered_report_with_the_table_imports_back_exactly(tmp_path: Path, to: str) -> None:
    source = _report(tmp_path)
    rendered = tmp_path / f"r.{to}"
    assert run_cli("render", "--to", to, str(source), "-o", str(rendered)).returncode == 0
    back = tmp_path / "back.toml"
    done = run_cli("import", str(rendered), "-o", str(back))
    assert done.returncode == 0, done.stderr
    want = tomllib.loads(source.read_text(encoding="utf-8"))
    got = tomllib.loads(back.read_text(encoding="utf-8"))
    assert _fees(got) == (3, 150.25, 120)
    assert isinstance(got["other"]["fees"]["notified_count"], int)
    assert_same_report(load_spec("2021"), got, want)  # 六's text without the table's cells
    assert "通知收取件数" not in got["other"]["text"] and "信息处理费收取情况" not in got["other"]["text"]
    assert got["proactive"] == want["proactive"]  # table 二's 行政事业性收费 (万元) untouched
    summary = done.stderr + done.stdout
    assert "信息处理费收取情况" in summary and "总体可信度：高" in summary
    assert run_cli("lint", str(back)).returncode == 0


def _example() -> tuple[Any, dict[str, Any]]:
    spec = load_spec("2021")
    return spec, tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def _local_five(source: str, five: str, six: str, local: str, name: str) -> tuple[Any, dict[str, Any], Any]:
    """*source* with the organ's local 五 section *local* before 五 (renumbered 六), and 六 as 七;
    imported: the result, the report read back, and the original data."""
    _spec, data = _example()
    shifted = source.replace(five, local, 1).replace(six, six.replace("六", "七", 1), 1)
    result = import_bytes(shifted.encode(), name)
    got = tomllib.loads(result.text)
    assert got["other"]["text"].splitlines() == data["other"]["text"].splitlines()
    assert got["problems"]["text"].splitlines() == data["problems"]["text"].splitlines()
    assert_same_report(load_spec("2021"), got, data)
    return result, got, data


def _local_text(values: str, name: str) -> tuple[Any, dict[str, Any], Any]:
    """The example as text with a local 五 section holding the table, its row of *values*."""
    spec, data = _example()
    local = (
        f"五、信息处理费收取情况\n通知收取件数\t通知收取金额（元）\t实际收取金额（元）\n{values}\n"
        "六、存在的主要问题及改进情况"
    )
    text = to_text(spec, data, "tabs")
    return _local_five(text, "五、存在的主要问题及改进情况", "六、其他需要报告的事项", local, name)


def test_a_local_five_section_with_its_table_in_text() -> None:
    result, got, _ = _local_text("2\t36.5\t0", "l.txt")
    assert _fees(got) == (2, 36.5, 0)
    assert ("nested-table", "other.fees") in result.observations
    summary = "\n".join(summary_lines(result, "local.txt"))
    assert "五、信息处理费收取情况" in summary and "信息处理费收取情况  " in summary


def test_a_local_five_section_with_its_table_in_html_spelt_otherwise() -> None:
    spec, data = _example()
    local = (
        "<h2>五、收取信息公开处理费情况</h2><table border='1'><tr><td>通知收取件数</td>"
        "<td>通知收取金额（元）</td><td>实际收取金额（元）</td></tr>"
        "<tr><td>1</td><td>1,200.00</td><td>1200</td></tr></table>"
        "<h2>六、存在的主要问题及改进情况</h2>"
    )
    five, six = "<h2>五、存在的主要问题及改进情况</h2>", "<h2>六、其他需要报告的事项</h2>"
    _result, got, _ = _local_five(to_html(spec, data), five, six, local, "local.html")
    assert _fees(got) == (1, 1200, 1200)


def test_a_mention_of_the_columns_in_prose_is_no_table() -> None:
    spec, data = _example()
    text = to_text(spec, data, "tabs").replace(SIX, "本年度通知收取件数为0件，通知收取金额（元）为0。", 1)
    result = import_bytes(text.encode(), "prose.txt")
    got = tomllib.loads(result.text)
    assert "fees" not in got["other"]
    assert "通知收取件数为0件" in got["other"]["text"]


def test_a_report_without_the_table_imports_without_it() -> None:
    spec, data = _example()
    result = import_bytes(to_html(spec, data).encode(), "plain.html")
    got = tomllib.loads(result.text)
    assert "fees" not in got["other"] and not result.nested_found
    summary = "\n".join(summary_lines(result, "plain.html"))
    assert "信息处理费收取情况" not in summary
    assert summary.splitlines()[3].startswith("表格  直接读取")


def test_a_sum_in_another_unit_is_not_taken_as_the_cells_value() -> None:
    result, got, _ = _local_text("1\t0.5万元\t50元", "u.txt")
    assert _fees(got) == (1, "?", 50)  # 0.5万元 is not 0.5 元: unresolved, with the reason
    assert "0.5万元" in result.comments[("other", "fees", "notified_amount")]
    assert "单位与此栏（元）不同" in result.comments[("other", "fees", "notified_amount")]
