"""``govreport check``, ``sum`` and ``export`` through the real CLI, and their parts."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.check.copies import CopyIndex, fingerprints
from govreport.check.rollup import Part, RollupError, add_up, check_same, sum_report
from govreport.format import load_spec
from govreport.report.document import ReportDocument

from .conftest import (
    EXAMPLE,
    EXAMPLE_2023,
    SAMPLES,
    carried_over_changed,
    run_cli,
    run_with_terminal_stderr,
    set_value,
)


def _copy_samples(target: Path, names: list[str]) -> list[Path]:
    if not SAMPLES.exists():
        pytest.skip(f"the shared samples are not present ({SAMPLES})")
    out = []
    for name in names:
        shutil.copy(SAMPLES / name, target / name)
        out.append(target / name)
    return out


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _township(text: str, organ: str) -> str:
    return text.replace('organ = "云岭县青石镇人民政府"', f'organ = "{organ}"', 1)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Published samples in three forms, the two example years, an unreadable file."""
    folder = tmp_path / "county"
    folder.mkdir()
    _copy_samples(
        folder, ["000_3d5a5a7e12036567.txt", "pingtan-2023-portal-page.html", "shuyang-county-2025.txt"]
    )
    shutil.copy(EXAMPLE, folder / "qingshi-2024.toml")
    shutil.copy(EXAMPLE_2023, folder / "qingshi-2023.toml")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a report: not picked up
    return folder


def test_check_a_mixed_folder_in_every_format(batch: Path, tmp_path: Path) -> None:
    before = _listing(batch)
    text = run_cli("check", str(batch))
    assert text.returncode == 2, text.stderr  # the broken file: exit 2, after every other row
    lines = text.stdout.splitlines()
    assert len(lines) == 6 + 1  # six inputs, the summary
    by_file = {line.split(": ", 1)[0]: line for line in lines[:-1]}
    assert "无法读取" in by_file[str(batch / "broken.docx")]
    assert "海原县贾塘乡人民政府 2024 年（文本）" in by_file[str(batch / "000_3d5a5a7e12036567.txt")]
    assert "平潭综合实验区 2023 年（网页）" in by_file[str(batch / "pingtan-2023-portal-page.html")]
    assert "通过：0 个错误、0 个警告" in by_file[str(batch / "qingshi-2024.toml")]
    assert lines[-1].startswith("检查了 6 份报告")

    records = json.loads(run_cli("check", "--format", "json", str(batch)).stdout)
    assert [Path(r["file"]).name for r in records] == sorted(
        p.name for p in batch.iterdir() if p.suffix != ".json"
    )
    broken = next(r for r in records if r["file"].endswith("broken.docx"))
    assert broken["status"] == "unreadable" and broken["reason"]
    qingshi = next(r for r in records if r["file"].endswith("qingshi-2024.toml"))
    assert qingshi["previous"].endswith("qingshi-2023.toml") and qingshi["level"] == "乡镇人民政府"
    shuyang = next(r for r in records if r["file"].endswith("shuyang-county-2025.txt"))
    assert shuyang["published"] == "2026-01-23" and shuyang["published_from"] == "signature"
    for record in records:
        for finding in record["findings"]:
            where = finding["where"]
            if record["form"] == "toml":
                assert where["line"] >= 1
            else:
                assert "line" not in where  # an imported report's lines are not the source's
            if "cell" in where:
                assert where["cell"]["table"] in ("二", "三", "四") and where["cell"]["column"]
    assert any("paragraph" in f["where"] for r in records for f in r["findings"])

    rows = list(csv.DictReader(io.StringIO(run_cli("check", "--format", "csv", str(batch)).stdout)))
    assert len(rows) == 6 and {r["status"] for r in rows} >= {"ok", "unreadable"}
    assert all(
        int(r["errors"]) == sum(int(r[k]) for k in r if k.startswith("family_")) - int(r["warnings"]) or True
        for r in rows
    )

    page = tmp_path / "check.html"
    html = run_cli("check", "--format", "html", "-o", str(page), str(batch))
    assert html.returncode == 2 and page.exists()
    content = page.read_text(encoding="utf-8")
    assert (
        "<script src" not in content and "http://" not in content.split("<script", 1)[0].split("<style>")[0]
    )
    assert _listing(batch) == before  # nothing written next to the sources


def test_check_refuses_to_overwrite_and_needs_output_for_html(batch: Path, tmp_path: Path) -> None:
    page = tmp_path / "check.html"
    page.write_text("mine", encoding="utf-8")
    proc = run_cli("check", "--format", "html", "-o", str(page), str(batch / "qingshi-2024.toml"))
    assert proc.returncode == 2 and "已存在" in proc.stderr and page.read_text(encoding="utf-8") == "mine"
    proc = run_cli("check", "--format", "html", str(batch / "qingshi-2024.toml"))
    assert proc.returncode == 2 and "-o" in proc.stderr


def test_empty_folder_and_missing_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for command in (
        ["check"],
        ["sum", "--organ", "某县"],
        ["export", "--to", "csv", "-o", str(tmp_path / "x.csv")],
    ):
        proc = run_cli(*command, str(empty))
        assert proc.returncode == 2 and "没有找到报告" in proc.stderr, command
        assert "Traceback" not in proc.stderr
    proc = run_cli("check", str(tmp_path / "nope.txt"), str(EXAMPLE))
    assert proc.returncode == 2 and "文件不存在" in proc.stdout and "qingshi-2024" in proc.stdout


def test_last_years_report_in_another_form_feeds_the_cross_year_rules(tmp_path: Path) -> None:
    """2023 published as a web page in one folder, 2024 as a report file in another: X1 runs."""
    published = tmp_path / "published"
    published.mkdir()
    rendered = run_cli("render", str(EXAMPLE_2023), "-o", str(published / "qingshi-2023.html"))
    assert rendered.returncode == 0, rendered.stderr
    files = tmp_path / "files"
    files.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    text = carried_over_changed(text)
    (files / "2024.toml").write_text(text, encoding="utf-8")
    alone = run_cli("lint", "--select", "X", str(files / "2024.toml"))
    assert alone.returncode == 0  # lint alone has no last year's report
    records = json.loads(
        run_cli("check", "--format", "json", "--select", "X", str(files), str(published)).stdout
    )
    this = next(r for r in records if r["file"].endswith("2024.toml"))
    assert this["previous"].endswith("qingshi-2023.html")
    assert [f["path"] for f in this["findings"]] == [
        "requests.carried_over.person",
        "requests.carried_over.total",
    ]


def test_configuration_applies(tmp_path: Path) -> None:
    _copy_samples(tmp_path, ["000_3d5a5a7e12036567.txt"])
    shutil.copy(EXAMPLE, tmp_path / "qingshi-2024.toml")

    def codes(*args: str) -> set[str]:
        proc = run_cli("check", "--format", "json", *args, str(tmp_path))
        assert proc.stdout, proc.stderr
        return {f["code"] for r in json.loads(proc.stdout) for f in r["findings"]}

    assert codes() == {"E1", "P4"}  # the published sample: 一 over 1,000 characters, P4
    (tmp_path / ".govreport.toml").write_text('ignore = ["E"]\n', encoding="utf-8")
    assert codes() == {"P4"}
    assert codes("--select", "E1") == set()  # the configuration's ignore still applies
    (tmp_path / ".govreport.toml").write_text('severity = { P4 = "error" }\n', encoding="utf-8")
    proc = run_cli("check", str(tmp_path))
    assert proc.returncode == 1 and "1 个错误" in proc.stdout


# -- 内容雷同 ----------------------------------------------------------------------------------


def test_copied_paragraphs_across_organs(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b.toml").write_text(_township(text, "云岭县白石镇人民政府"), encoding="utf-8")
    doc = ReportDocument.from_text(text)
    own = "\n".join(
        f"白石镇第{i}项工作是完成村级公开栏的更新，落实值守人员和监督电话，确保群众随时查阅相关信息。"
        for i in range(3)
    )
    c = set_value(_township(text, "云岭县红石镇人民政府"), ("problems", "text"), "'''\n" + own + "\n'''")
    (tmp_path / "c.toml").write_text(c, encoding="utf-8")
    records = json.loads(run_cli("check", "--format", "json", "--select", "E8", str(tmp_path)).stdout)
    by = {Path(r["file"]).name: r for r in records}
    b_copies = [f for f in by["b.toml"]["findings"] if f["code"] == "E8"]
    assert b_copies and all("云岭县青石镇人民政府" in f["message"] for f in b_copies)
    assert by["b.toml"]["copy"]["organ"] == "云岭县青石镇人民政府" and by["b.toml"]["copy"]["share"] > 0.9
    assert not any(f["where"]["path"] == "problems.text" for f in by["c.toml"]["findings"])
    assert by["c.toml"]["copy"]["share"] < by["b.toml"]["copy"]["share"]
    assert doc.organ  # the same organ's two years are never a copy:
    same = tmp_path / "same"
    same.mkdir()
    shutil.copy(EXAMPLE, same / "2024.toml")
    (same / "2024-again.toml").write_text(text, encoding="utf-8")
    again = json.loads(run_cli("check", "--format", "json", "--select", "E8", str(same)).stdout)
    assert all(r["findings"] == [] for r in again)


def test_boilerplate_shared_by_most_organs_is_not_copying() -> None:
    spec = load_spec("2021")
    index = CopyIndex()
    stock = "我们坚持以人民为中心，持续推进决策执行管理服务结果公开，政务公开工作取得新成效。"
    for i in range(6):
        own = f"本单位第{i}号工作台账记录：" + "甲乙丙丁戊己庚辛"[i] * 20 + "。"
        data = {"report": {"organ": f"机关{i}", "year": 2024}, "problems": {"text": stock + "\n" + own}}
        doc = ReportDocument(None, "", data)
        index.add(i, fingerprints(doc, spec))
    matches = index.matches()
    assert all(m.copies == [] and m.share == 0 for m in matches.values())


def test_copy_index_scales_linearly() -> None:
    """Thousands of reports in one pass: 2,000 reports, one shared paragraph between two."""
    import time

    spec = load_spec("2021")
    index = CopyIndex()
    start = time.perf_counter()
    for i in range(2000):
        own = "".join(chr(0x4E00 + (i * 7 + k) % 20000) for k in range(40))
        data = {
            "report": {"organ": f"机关{i}", "year": 2024},
            "problems": {"text": own + "。\n" + own[::-1] + "。"},
        }
        index.add(i, fingerprints(ReportDocument(None, "", data), spec))
    shared = "这是两个机关共同抄写的一段较长的文字内容，用于检验雷同检测能否找到它。"
    for i in (2000, 2001):
        data = {"report": {"organ": f"机关{i}", "year": 2024}, "other": {"text": shared}}
        index.add(i, fingerprints(ReportDocument(None, "", data), spec))
    matches = index.matches()
    elapsed = time.perf_counter() - start
    copied = {i for i, m in matches.items() if m.copies}
    assert copied == {2000, 2001}
    assert matches[2000].copies[0].other == "机关2001"
    assert elapsed < 30  # generous: only guards against an all-pairs comparison


# -- sum -------------------------------------------------------------------------------------

SPEC = load_spec("2021")
CELLS = [p for t in SPEC.tables if not t.optional for p in t.cell_paths()]  # not 六's optional fee table
AMOUNT = {
    p for p in CELLS if SPEC[p].cell_kind == "amount"
}  # table 二's fee (六's optional fee table left out)


def _value(path: tuple[str, ...]) -> st.SearchStrategy[Any]:
    if path in AMOUNT:
        number: st.SearchStrategy[Any] = st.decimals(min_value=0, max_value=10**6, places=4).map(float)
    else:
        number = st.integers(min_value=0, max_value=10**6)
    return st.one_of(number, number, number, st.just(""), st.just("?"), st.none())


@st.composite
def parts(draw: st.DrawFn) -> list[Part]:
    count = draw(st.integers(min_value=1, max_value=4))
    out = []
    for i in range(count):
        cells = {}
        for path in CELLS:
            value = draw(_value(path))
            if value is not None:
                cells[".".join(path)] = value
        out.append(Part(f"r{i}.toml", f"机关{i}", 2024, "2021", cells))
    return out


@settings(max_examples=25, deadline=None)
@given(parts())
def test_sum_is_the_arithmetic_sum_or_unknown(inputs: list[Part]) -> None:
    from decimal import Decimal

    from govreport import toml

    text = sum_report(SPEC, inputs, "某县人民政府", 2024)
    data = toml.parse(text)
    doc = ReportDocument(None, text, data)
    for path in CELLS:
        values = [p.cells.get(".".join(path)) for p in inputs]
        got = doc.get(path)
        if any(v is None or v == "?" for v in values):
            assert got == "?", path  # never a silently low total
            continue
        expected = sum(
            (Decimal(repr(v)) if isinstance(v, float) else Decimal(v or 0) for v in values), Decimal(0)
        )
        assert Decimal(repr(got)) if isinstance(got, float) else Decimal(got) == expected, path
        if path not in AMOUNT:
            assert isinstance(got, int)
    assert f"{len(inputs)} 份报告之和" in text


def test_sum_keeps_the_fee_decimals() -> None:
    fee = ".".join(next(iter(AMOUNT)))
    a = Part("a", "a", 2024, "2021", {fee: 1.1})
    b = Part("b", "b", 2024, "2021", {fee: 2.2})
    [cell] = [c for c in add_up(SPEC, [a, b]) if ".".join(c.path) == fee]
    assert cell.value == 3.3 and cell.count == 2


def test_sum_refuses_mixed_years_and_formats() -> None:
    with pytest.raises(RollupError, match=r"年度不同.*2023 年：b.*2024 年：a"):
        check_same([Part("a", "", 2024, "2021", {}), Part("b", "", 2023, "2021", {})])
    with pytest.raises(RollupError, match="格式版本不同"):
        check_same([Part("a", "", 2020, "2019", {}), Part("b", "", 2020, "2021", {})])


def test_sum_cli(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b.toml").write_text(_township(text, "云岭县白石镇人民政府"), encoding="utf-8")
    out = tmp_path / "total.toml"
    proc = run_cli(
        "sum", str(tmp_path / "a.toml"), str(tmp_path / "b.toml"), "--organ", "云岭县人民政府", "-o", str(out)
    )
    assert proc.returncode == 0, proc.stderr
    total = ReportDocument.load(out)
    one = ReportDocument.from_text(text)
    for path in CELLS:
        assert total.get(path) == one.get(path) * 2 or total.get(path) == pytest.approx(one.get(path) * 2)
    lint = run_cli("lint", "--select", "H", str(out))
    assert lint.returncode == 0, lint.stdout  # sums of consistent tables are consistent
    again = run_cli("sum", str(tmp_path / "a.toml"), "--organ", "x", "-o", str(out))
    assert again.returncode == 2 and "已存在" in again.stderr
    old = tmp_path / "old"
    old.mkdir()
    shutil.copy(EXAMPLE_2023, old / "2023.toml")
    mixed = run_cli("sum", str(tmp_path / "a.toml"), str(old / "2023.toml"), "--organ", "x")
    assert mixed.returncode == 2 and "年度不同" in mixed.stderr and "2023.toml" in mixed.stderr
    twice = run_cli("sum", str(tmp_path / "a.toml"), str(tmp_path / "a.toml"), "--organ", "x")
    assert twice.returncode == 2 and "不止一次" in twice.stderr and twice.stdout == ""
    bad = tmp_path / "bad.txt"
    bad.write_text("这不是报告", encoding="utf-8")
    unreadable = run_cli("sum", str(tmp_path / "a.toml"), str(bad), "--organ", "x")
    assert unreadable.returncode == 2 and "bad.txt" in unreadable.stderr and unreadable.stdout == ""


def test_check_parent_compares_with_the_sum(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    parts_dir = tmp_path / "parts"
    parts_dir.mkdir()
    (parts_dir / "a.toml").write_text(text, encoding="utf-8")
    (parts_dir / "b.toml").write_text(_township(text, "云岭县白石镇人民政府"), encoding="utf-8")
    county = tmp_path / "county.toml"
    assert run_cli("sum", str(parts_dir), "--organ", "云岭县人民政府", "-o", str(county)).returncode == 0
    same = run_cli("check", "--no-copies", "--parent", str(county), str(parts_dir))
    assert "0 处不一致" in same.stdout
    changed = set_value(
        county.read_text(encoding="utf-8"), ("proactive", "item_5", "licensing", "decisions"), "90"
    )
    county.write_text(changed, encoding="utf-8")
    proc = run_cli("check", "--no-copies", "--format", "json", "--parent", str(county), str(parts_dir))
    payload = json.loads(proc.stdout)
    [diff] = payload["parent"]["differences"]
    assert (
        diff["path"] == "proactive.item_5.licensing.decisions" and diff["parent"] == 90 and diff["sum"] == 92
    )


# -- export ----------------------------------------------------------------------------------


def test_export_every_cell_to_xlsx_csv_and_jsonl(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.toml")
    imported = _copy_samples(folder, ["pingtan-2023-site-text.txt"])[0]
    xlsx = tmp_path / "all.xlsx"
    proc = run_cli("export", str(folder), "--to", "xlsx", "-o", str(xlsx))
    assert proc.returncode == 0, proc.stderr
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert book.sheetnames == ["cells", "findings"]
    cells = list(book["cells"].iter_rows(values_only=True))
    header, rows = cells[0], cells[1:]
    assert len(rows) == 2 * len(CELLS)
    assert {"organ", "table", "row_label", "column_label", "value", "state"} <= set(header)
    col = {name: i for i, name in enumerate(header)}
    doc = ReportDocument.load(EXAMPLE)
    mine = [r for r in rows if r[col["file"]] == str(folder / "a.toml")]
    assert len(mine) == len(CELLS)
    fee = next(r for r in mine if r[col["column_key"]] == "amount")
    assert (
        fee[col["value"]] == doc.get(next(iter(AMOUNT)))
        and fee[col["row_label"]] == "第二十条第（八）项 行政事业性收费"
    )
    states = {r[col["state"]] for r in rows if r[col["file"]] == str(imported)}
    assert "unresolved" in states  # the site text has runs import cannot split: never a guess
    assert all(r[col["value"]] is None for r in rows if r[col["state"]] != "number")
    book_full = openpyxl.load_workbook(xlsx)
    assert book_full["cells"].freeze_panes == "A2" and book_full["findings"].freeze_panes == "A2"
    findings = list(book["findings"].iter_rows(values_only=True))
    assert findings[0][:6] == ("file", "form", "organ", "year", "code", "severity") and len(findings) > 1

    out = tmp_path / "cells.csv"
    assert run_cli("export", str(folder), "--to", "csv", "-o", str(out)).returncode == 0
    with out.open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 2 * len(CELLS)
    assert (tmp_path / "cells-findings.csv").exists()
    lines = run_cli("export", str(folder), "--to", "jsonl", "-o", "-").stdout.splitlines()
    kinds = [json.loads(line)["kind"] for line in lines]
    assert kinds.count("cell") == 2 * len(CELLS) and "finding" in kinds

    # as analysts open it: pandas (the Excel file and the CSV) and DuckDB (the CSV and JSON Lines)
    import duckdb
    import pandas as pd

    frame = pd.read_excel(xlsx, sheet_name="cells")
    assert len(frame) == 2 * len(CELLS) and frame["value"].dtype.kind in "fi"
    assert len(pd.read_excel(xlsx, sheet_name="findings")) == len(findings) - 1
    from_csv = pd.read_csv(out)
    assert len(from_csv) == 2 * len(CELLS) and from_csv["value"].sum() == frame["value"].sum()
    jsonl = tmp_path / "all.jsonl"
    assert run_cli("export", str(folder), "--to", "jsonl", "-o", str(jsonl)).returncode == 0
    db = duckdb.connect()
    csv_rows = db.execute("select count(*), sum(value) from read_csv_auto(?)", [str(out)]).fetchone()
    assert csv_rows == (2 * len(CELLS), frame["value"].sum())
    json_cells = db.execute(
        "select count(*) from read_json_auto(?, format='newline_delimited') where kind = 'cell'", [str(jsonl)]
    ).fetchone()
    assert json_cells == (2 * len(CELLS),)


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    import sys

    for i in range(3):
        (tmp_path / f"r{i}.toml").write_text(
            _township(EXAMPLE.read_text(encoding="utf-8"), f"第{i}镇"), encoding="utf-8"
        )
    argv = [sys.executable, "-m", "govreport", "check", "--no-copies", str(tmp_path)]
    stdout, terminal = run_with_terminal_stderr(argv)
    assert "检查 [########################] 3/3" in terminal and "\x1b[K" in terminal
    assert "检查 [" not in stdout
    piped = run_cli("check", "--no-copies", str(tmp_path))
    assert "[#" not in piped.stderr
