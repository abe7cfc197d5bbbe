"""Pieces of the importer: the splitter with the relations, the writer's comments, the 2019 format."""

from __future__ import annotations

import tomllib
from typing import Any

from govreport.format import load_spec
from govreport.importer.splitter import resolve
from govreport.importer.tables import RowRead, tokenize
from govreport.lint import lint_text
from govreport.report.locate import PositionIndex
from govreport.report.scaffold import new_report
from govreport.report.writer import write_report_toml

from .test_import_roundtrip import example


def _reads(rows: dict[str, str]) -> list[RowRead]:
    spec = load_spec("2021")
    layout = spec.table("requests")
    out = []
    for row in layout.blocks[0].rows:
        text = rows.get(".".join(row.path[1:]), "\t0\t0\t0\t0\t0\t0\t0\n")
        tokens, noise = tokenize(text)
        out.append(RowRead(row, True, tokens, text, noise))
    return out


def _values(results: list[Any]) -> dict[str, tuple[Any, str]]:
    return {".".join(r.path): (r.value, r.status) for r in results}


def test_column_sums_settle_a_run_that_its_row_total_cannot() -> None:
    # 220000022 is 22·0·0·0·0·0·22 or 2·20·0·0·0·0·22; only the column sums tell
    rows = {
        "new": "\t22\t0\t0\t0\t0\t0\t22\n",
        "results.granted": "220000022",
        "results.total": "\t22\t0\t0\t0\t0\t0\t22\n",
    }
    values = _values(resolve(load_spec("2021"), _reads(rows))[0])
    assert values["requests.results.granted.person"] == (22, "rule")
    assert values["requests.results.granted.business"] == (0, "rule")
    assert values["requests.new.person"] == (22, "direct")


def test_without_the_other_rows_the_run_stays_ambiguous() -> None:
    rows = {"new": "220000022", "results.granted": "220000022", "results.total": "220000022"}
    results, _notes = resolve(load_spec("2021"), _reads(rows))
    values = _values(results)
    assert values["requests.new.person"] == ("?", "ambiguous")
    comment = next(r.comment for r in results if ".".join(r.path) == "requests.new.business")
    assert "0、20" in comment and "220000022" in comment


def test_a_source_that_breaks_the_balance_is_not_used_to_split() -> None:
    # 一 says 5, 三（七） says 7: the relations across rows are unusable, so nothing is forced
    rows = {
        "new": "\t5\t0\t0\t0\t0\t0\t5\n",
        "results.granted": "220000022",
        "results.total": "\t7\t0\t0\t0\t0\t0\t7\n",
    }
    results, notes = resolve(load_spec("2021"), _reads(rows))
    assert notes and "勾稽关系" in notes[0]
    assert _values(results)["requests.results.granted.person"] == ("?", "ambiguous")


def test_blank_cells_and_dashes_and_spaced_numbers() -> None:
    tokens, _ = tokenize("\t1 2\t—\t\t3件\t\n")
    assert [(t.kind, t.value) for t in tokens] == [
        ("number", "1"),
        ("number", "2"),
        ("blank", ""),
        ("blank", ""),
        ("number", "3"),
        ("blank", ""),
    ]


def test_writer_puts_comments_beside_values_and_under_sections() -> None:
    spec = load_spec("2021")
    data = example()
    data["requests"]["new"]["person"] = "?"
    comments = {
        ("requests", "new", "person"): "未确定：可能为 8、80\n原文「801000081」",
        ("other",): "第一行\n第二行",
    }
    text = write_report_toml(spec, data, comments=comments)
    assert tomllib.loads(text)["requests"]["new"]["person"] == "?"
    line = next(x for x in text.splitlines() if x.startswith('person = "?"'))
    assert line.split("#", 1)[1].strip() == "自然人 · 未确定：可能为 8、80 原文「801000081」"
    assert "# 第一行\n# 第二行\n[other]" in text
    # without comments the text is what it always was
    assert write_report_toml(spec, example()) == write_report_toml(spec, example(), comments={})
    assert PositionIndex(text).value(("requests", "new", "person")) is not None


def test_2019_report_lints_and_negative_change_is_allowed() -> None:
    spec = load_spec("2019")
    data = new_report(spec, year=2019, organ="测试市人民政府").data
    assert [r.path[-1] for r in spec.table("requests").blocks[0].rows].count("other") == 1
    data["proactive"]["item_5"]["licensing"]["change"] = -8
    data["proactive"]["item_5"]["licensing"]["previous"] = -1
    data["requests"]["results"]["other"]["person"] = 2
    data["requests"]["results"]["total"]["person"] = 2
    data["requests"]["results"]["total"]["total"] = 2
    text = write_report_toml(spec, data)
    assert 'format = "2019"' in text and "[proactive.item_9.procurement]" in text
    findings = [f for f in lint_text(text, "r2019.toml").findings if f.code != "C3"]
    messages = {(f.code, ".".join(f.path)): f.message for f in findings}
    assert ("H5", "proactive.item_5.licensing.previous") in messages
    assert ("H5", "proactive.item_5.licensing.change") not in messages
    # H1 and H3 over the 2019 rows: 一 + 二 = 0 but 三（七） = 2
    assert ("H1", "requests.carry_forward.person") in messages
    assert ("H3", "requests.results.other.total") in messages
