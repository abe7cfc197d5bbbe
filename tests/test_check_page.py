"""The page of ``govreport check --format html`` in a real headless Chromium: it opens (its
script runs to the end), the table sorts and filters, a finding opens its cell in the
official table with the related cells marked.  The URL fragment drives the page, and
``--dump-dom`` gives the document after the script ran."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest

from .browser_helpers import headless, require_browser
from .conftest import EXAMPLE, EXAMPLE_2023, run_cli, set_value

NS = {"h": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def browser() -> str:
    return require_browser()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    folder = tmp_path_factory.mktemp("reports")
    text = EXAMPLE.read_text(encoding="utf-8")
    shutil.copy(EXAMPLE, folder / "a-qingshi-2024.toml")
    shutil.copy(EXAMPLE_2023, folder / "b-qingshi-2023.toml")
    broken = set_value(text, ("requests", "new", "total"), "19")
    broken = broken.replace('organ = "云岭县青石镇人民政府"', 'organ = "云岭县白石镇人民政府"', 1)
    (folder / "c-baishi-2024.toml").write_text(broken, encoding="utf-8")
    (folder / "d-unreadable.txt").write_text("不是年度报告", encoding="utf-8")
    out = folder.parent / "check.html"
    proc = run_cli("check", "--format", "html", "-o", str(out), str(folder))
    assert proc.returncode == 2 and out.exists(), proc.stderr  # the unreadable file
    records = json.loads(run_cli("check", "--format", "json", str(folder)).stdout)
    return out, records


def dom(browser: str, url: str, workdir: Path) -> object:
    command = headless(browser, workdir / "profile", "--virtual-time-budget=2000", "--dump-dom", url)
    proc = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return html5lib.parse(proc.stdout, treebuilder="etree", namespaceHTMLElements=True)


def _rows(tree: object) -> list[object]:
    return tree.findall(".//h:tr[@class]", NS)  # type: ignore[attr-defined,no-any-return]


def _report_rows(tree: object) -> list[object]:
    return [r for r in _rows(tree) if "report" in r.get("class", "").split()]  # type: ignore[attr-defined]


def _col(row: object, name: str) -> str:
    cell = row.find(f"h:td[@data-col='{name}']", NS)  # type: ignore[attr-defined]
    return str(cell.get("data-value"))


def test_page_opens_and_lists_every_report(browser: str, page: tuple[Path, list[dict[str, object]]]) -> None:
    out, records = page
    tree = dom(browser, out.as_uri(), out.parent)
    root = tree
    assert root.get("data-ready") == "1"  # the script ran to its end
    rows = _report_rows(tree)
    assert [_col(r, "file") for r in rows] == [r["file"] for r in records]
    assert [_col(r, "status") for r in rows] == [r["status"] for r in records]


def test_table_sorts(browser: str, page: tuple[Path, list[dict[str, object]]]) -> None:
    out, _records = page
    tree = dom(browser, out.as_uri() + "#sort=-errors", out.parent)
    errors = [int(_col(r, "errors")) for r in _report_rows(tree)]
    assert errors == sorted(errors, reverse=True) and errors[0] > 0
    head = tree.find(".//h:th[@data-col='errors']", NS)  # type: ignore[attr-defined]
    assert head.get("aria-sort") == "descending"
    tree = dom(browser, out.as_uri() + "#sort=year", out.parent)
    years = [_col(r, "year") for r in _report_rows(tree)]
    numeric = [int(y) for y in years if y]
    assert numeric == sorted(numeric) and years[0] == ""  # unknown first
    # every details row follows its report row
    rows = _rows(tree)
    for i, row in enumerate(rows):
        if "report" in row.get("class", "").split():  # type: ignore[attr-defined]
            assert rows[i + 1].get("id") == f"{row.get('id')}-details"  # type: ignore[attr-defined]


def test_filter(browser: str, page: tuple[Path, list[dict[str, object]]]) -> None:
    out, _records = page
    tree = dom(browser, out.as_uri() + "#filter=白石镇", out.parent)
    visible = [r for r in _report_rows(tree) if "hidden" not in r.get("class", "")]  # type: ignore[attr-defined]
    assert [_col(r, "organ") for r in visible] == ["云岭县白石镇人民政府"]
    assert tree.find(".//h:b[@id='shown']", NS).text == "1"  # type: ignore[attr-defined]


def test_a_finding_opens_its_cell(browser: str, page: tuple[Path, list[dict[str, object]]]) -> None:
    out, records = page
    index = next(i for i, r in enumerate(records) if str(r["file"]).endswith("c-baishi-2024.toml"))
    findings = records[index]["findings"]
    assert isinstance(findings, list)
    number = next(n for n, f in enumerate(findings, start=1) if f["code"] == "H3")
    finding = findings[number - 1]
    fid = f"report-{index + 1}-finding-{number}"
    tree = dom(browser, f"{out.as_uri()}#open={fid}", out.parent)
    details = tree.find(f".//h:tr[@id='report-{index + 1}-details']", NS)  # type: ignore[attr-defined]
    assert "hidden" not in details.get("class")
    item = tree.find(f".//h:li[@id='{fid}']", NS)  # type: ignore[attr-defined]
    assert "target" in item.get("class")
    hits = item.findall(".//h:td[@data-path]", NS)
    marked = {td.get("data-path"): td.get("class") for td in hits}
    assert len(marked) > 100  # the whole of table 三
    [hit] = [p for p, c in marked.items() if "hit" in c.split()]
    assert hit == finding["path"] == "requests.new.total"
    hit_cell = next(td for td in hits if td.get("data-path") == hit)
    assert hit_cell.text == "19"  # the report's own value
    related = {p for p, c in marked.items() if "rel" in c.split()}
    assert related == {r["path"] for r in finding["related"]} and len(related) == 6
    # the official header, from the render model: 申请人情况 spans the seven data columns
    head = next(th for th in item.findall(".//h:th", NS) if th.text == "申请人情况")
    assert head.get("colspan") == "7"
