"""``govreport import`` on the real published reports in ../shared/reference/samples/.

The expected values were typed by hand from the sources (the text files as printed, the
HTML page as the browser shows its tables).  Where the text sample lost the separators
between numbers and no rule fixes the split, the expected value is "unresolved" ("?").
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from govreport.importer import import_path
from govreport.lint import lint_text as _lint_text
from govreport.lint.config import LintConfig

from .conftest import SAMPLES, run_cli
from .importer_helpers import EXPECTED_COLUMNS_3, EXPECTED_COLUMNS_4

pytestmark = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"the sample reports are not here ({SAMPLES}); they live in ../shared"
)

B = ""  # a cell left blank in the source
Q = "?"  # a value the source does not determine


def lint_text(text: str, name: str) -> Any:
    """lint without the supervisors' rules (E): they judge the published report (its length,
    its date), not how it was imported."""
    return _lint_text(text, name, config=LintConfig(ignore=("E",)))


def one(n: int) -> tuple[int, ...]:
    """A row of table 三 where only 自然人 (and so 总计) is n."""
    return (n, 0, 0, 0, 0, 0, n)


Z7 = (0,) * 7
BLANK7 = (B,) * 7
ROWS_3 = (
    "new",
    "carried_over",
    "results.granted",
    "results.partial",
    "results.withheld.state_secret",
    "results.withheld.prohibited_by_law",
    "results.withheld.three_securities",
    "results.withheld.third_party",
    "results.withheld.internal_affairs",
    "results.withheld.process_information",
    "results.withheld.enforcement_files",
    "results.withheld.query_matters",
    "results.unavailable.not_held",
    "results.unavailable.needs_creation",
    "results.unavailable.still_unclear",
    "results.not_processed.complaints",
    "results.not_processed.repeated",
    "results.not_processed.publications",
    "results.not_processed.excessive",
    "results.not_processed.confirmation",
)
ROWS_3_2021 = (*ROWS_3, "results.other.no_correction", "results.other.fees_unpaid", "results.other.other")
ROWS_3_TAIL = ("results.total", "carry_forward")


def get(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        node = node[part]
    return node


def table3(rows: tuple[str, ...], values: list[tuple[Any, ...]]) -> dict[str, Any]:
    assert len(rows) == len(values)
    return {
        f"requests.{row}.{col}": v
        for row, vals in zip(rows, values, strict=True)
        for col, v in zip(EXPECTED_COLUMNS_3, vals, strict=True)
    }


def table4(review: tuple[Any, ...], direct: tuple[Any, ...], after: tuple[Any, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for group, vals in (
        ("review", review),
        ("litigation.direct", direct),
        ("litigation.after_review", after),
    ):
        out.update({f"appeals.{group}.{c}": v for c, v in zip(EXPECTED_COLUMNS_4, vals, strict=True)})
    return out


def check_values(data: dict[str, Any], expected: dict[str, Any]) -> None:
    wrong = {
        k: (get(data, k), v)
        for k, v in expected.items()
        if get(data, k) != v or type(get(data, k)) is not type(v)
    }
    assert not wrong, f"(got, expected): {wrong}"


PINGTAN_TABLE_3 = table3(
    (*ROWS_3_2021, *ROWS_3_TAIL),
    [
        (80, 1, 0, 0, 0, 0, 81),
        Z7,
        one(22),
        (19, 1, 0, 0, 0, 0, 20),
        Z7,
        Z7,
        Z7,
        one(1),
        Z7,
        one(1),
        one(1),
        one(2),
        one(31),
        Z7,
        Z7,
        Z7,
        one(1),
        Z7,
        Z7,
        Z7,
        one(1),
        Z7,
        one(1),
        (80, 1, 0, 0, 0, 0, 81),
        Z7,
    ],
)
PINGTAN_TABLE_4 = table4((1, 1, 0, 0, 2), (4, 0, 0, 1, 5), (1, 0, 1, 0, 2))
PINGTAN_TABLE_2 = {
    "proactive.item_1.rules.issued": 0,
    "proactive.item_1.rules.repealed": 0,
    "proactive.item_1.rules.in_force": 0,
    "proactive.item_5.licensing.decisions": 2629,
    "proactive.item_6.punishment.decisions": 1330,
    "proactive.item_6.enforcement.decisions": 54,
    "proactive.item_8.fees.amount": 5949.088667,
}


def imported(name: str) -> tuple[Any, dict[str, Any]]:
    result = import_path(SAMPLES / name)
    return result, tomllib.loads(result.text)


def test_haiyuan_tab_separated_all_zero_with_shifted_columns() -> None:
    result, data = imported("000_3d5a5a7e12036567.txt")
    assert data["format"] == "2021"
    assert data["report"] == {
        "organ": "海原县贾塘乡人民政府",
        "year": 2024,
        "period_start": dt.date(2024, 1, 1),
        "period_end": dt.date(2024, 12, 31),
        "website": "海原县人民政府门户网站（http://www.hy.gov.cn/）",
        "contact": {
            "office": "海原县贾塘乡人民政府综合办公室",
            "address": "海原县贾塘乡贾塘街道",
            "postcode": "755201",
            "phone": "0955-4811130",
        },
    }
    expected = {
        path: 0
        for path in (".".join(p) for t in result.spec.tables for p in t.cell_paths() if not t.optional)
    }
    check_values(data, expected)
    assert all(c.status == "direct" for c in result.cells)
    overview = data["overview"]
    assert overview["intro"].startswith("2024 年，贾塘乡人民政府认真贯彻落实")
    assert overview["active"].splitlines() == [
        "全年共在海原县人民政府门户网站政府信息公开专栏主动发布政务信息 61 条，其中包含行政处罚结果、部门预算、稳岗就业、涉农补贴、社会救助、扶贫救灾等方面内容，以深化政务公开、提高政务服务水平为目标，规范公开流程、提升公开实效，",
        "有序开展政府信息公开工作。",
    ]
    assert overview["on_request"].splitlines() == [
        "2024年贾塘乡人民政府未收到自然人、法人或其他社会组织提交的政府信息公开申请。"
    ]
    assert overview["platforms"].startswith("始终围绕“依法公开、真实公正、注重实效、有利监督”原则")
    assert overview["oversight"].splitlines()[-1] == "2024年我单位未出现因政务信息公开问题的责任追究情况。"
    assert len(data["problems"]["text"].splitlines()) == 5
    assert (
        data["other"]["text"].splitlines()[-1] == "本机关 2024 年未收到政府信息公开申请，未收取信息处理费。"
    )
    lint = lint_text(result.text, "haiyuan.toml")
    # The one inconsistency of this published report, as the format reference notes: it says
    # 行政处罚结果 were published while its table 二 reports 行政处罚 = 0.
    assert [(f.code, f.path) for f in lint.findings] == [("P4", ("overview", "active"))]


def test_pingtan_html_portal_page_reads_real_tables() -> None:
    result, data = imported("pingtan-2023-portal-page.html")
    assert result.kind == "html"
    assert data["report"]["organ"] == "平潭综合实验区"
    assert data["report"]["year"] == 2023
    assert data["report"]["contact"]["postcode"] == "350400"
    assert data["report"]["website"] == "“平潭综合实验区党工委管委会”网站（www.pingtan.gov.cn）"
    check_values(data, PINGTAN_TABLE_2 | PINGTAN_TABLE_3 | PINGTAN_TABLE_4)
    check_values(
        data,
        {
            "proactive.item_1.normative_documents.issued": 77,
            "proactive.item_1.normative_documents.repealed": 132,
            "proactive.item_1.normative_documents.in_force": 470,
        },
    )
    assert all(c.status == "direct" for c in result.cells)
    # the site's navigation and scripts are not part of the report
    assert "移动版" not in result.text and "function" not in result.text
    assert data["overview"]["active"].startswith("平潭综合实验区切实落实国务院办公厅")
    assert data["other"]["text"].splitlines() == ["2023年，无收取信息处理费情况。"]
    assert lint_text(result.text, "pingtan.toml").findings == []


def test_pingtan_digit_runs_split_by_the_sum_relations() -> None:
    result, data = imported("pingtan-2023-site-text.txt")
    # the same values as the HTML page, recovered from runs such as 801000081 and 220000022
    check_values(data, PINGTAN_TABLE_2 | PINGTAN_TABLE_3 | PINGTAN_TABLE_4)
    status = {".".join(c.path): c.status for c in result.cells}
    assert status["requests.new.person"] == "rule"
    assert status["requests.results.granted.business"] == "rule"  # 2·20… fails the column sums
    assert status["proactive.item_5.licensing.decisions"] == "direct"
    # 77132470 for 本年制发·本年废止·现行有效: no rule fixes it (the page says 77·132·470)
    doc = "proactive.item_1.normative_documents"
    for col in ("issued", "repealed", "in_force"):
        assert get(data, f"{doc}.{col}") == Q
        assert status[f"{doc}.{col}"] == "ambiguous"
    lines = {
        line.split("=")[0].strip(): line for line in result.text.split("[" + doc + "]")[1].splitlines()[1:4]
    }
    assert "77132470" in lines["issued"] and "77" in lines["issued"].split("#")[1]
    assert "132" in lines["repealed"].split("#")[1]
    assert "470" in lines["in_force"].split("#")[1]
    lint = lint_text(result.text, "pingtan.toml")
    assert sorted({f.code for f in lint.findings}) == ["I1"]
    assert {".".join(f.path) for f in lint.findings} == {
        f"{doc}.{c}" for c in ("issued", "repealed", "in_force")
    }
    assert data["overview"]["on_request"].startswith("持续强化服务理念")
    assert data["problems"]["text"].startswith("存在的问题主要有以下几个方面")


def test_shanghai_2019_trial_format_with_blank_cells() -> None:
    result, data = imported("shanghai-2019-trial-format.txt")
    assert data["format"] == "2019"
    assert data["report"]["organ"] == "上海市人民政府办公厅"
    assert data["report"]["website"] == "“中国上海”门户网站（www.shanghai.gov.cn）"
    assert data["report"]["period_end"] == dt.date(2019, 12, 31)
    assert data["report"]["year"] == 2019
    table2 = {
        "proactive.item_1.rules.made": 13,
        "proactive.item_1.rules.published": 13,
        "proactive.item_1.rules.public_total": 524,
        "proactive.item_1.normative_documents.made": 60,
        "proactive.item_1.normative_documents.published": 60,
        "proactive.item_1.normative_documents.public_total": 368,
        "proactive.item_8.fees.previous": 0,
        "proactive.item_8.fees.change": 0,
        "proactive.item_9.procurement.items": 6,
        "proactive.item_9.procurement.amount": 251000,
    }
    for row in ("item_5.licensing", "item_5.other_services", "item_6.punishment", "item_6.enforcement"):
        table2.update({f"proactive.{row}.{c}": 0 for c in ("previous", "change", "decisions")})
    tail = (B,) * 5
    expected3 = table3(
        (*ROWS_3, "results.other", *ROWS_3_TAIL),
        [
            (821, 35, B, B, 2, 1, 859),
            (18, *tail, 18),
            (258, 12, B, B, 1, 1, B),
            (3, B, *tail),
            (14, B, *tail),
            BLANK7,
            BLANK7,
            BLANK7,
            (5, B, *tail),
            (3, 1, *tail),
            BLANK7,
            (10, 2, *tail),
            (252, 12, B, B, 1, B, B),
            (44, 3, *tail),
            (25, B, *tail),
            (148, 1, *tail),
            (5, 4, *tail),
            BLANK7,
            BLANK7,
            BLANK7,
            BLANK7,
            (767, 35, B, B, 2, 1, 805),
            (72, *tail, 72),
        ],
    )
    expected4 = table4((5, B, B, 2, 7), (8, B, B, 1, 9), (B, B, B, B, B))
    check_values(data, table2 | expected3 | expected4)
    assert "251000元" in result.text  # the unit written in the source is kept in a comment
    assert data["problems"]["text"].splitlines()[0] == "（一）主要问题"
    assert data["other"]["text"].splitlines() == ["无。"]
    lint = lint_text(result.text, "shanghai.toml")
    codes = {f.code for f in lint.findings}
    # blank cells, the contact the preamble does not give, and no 信息处理费 statement (六 is "无。")
    assert codes == {"Q1", "C3", "P5"}


def test_cli_import_writes_file_and_prints_summary(tmp_path: Path) -> None:
    out = tmp_path / "pingtan.toml"
    proc = run_cli("import", str(SAMPLES / "pingtan-2023-site-text.txt"), "-o", str(out))
    assert proc.returncode == 1, proc.stderr  # imported, with 3 values left undetermined
    assert proc.stdout == ""
    assert "表三" in proc.stderr and "按规则拆分" in proc.stderr
    summary = {
        line.split()[0]: line.split()[1:] for line in proc.stderr.splitlines() if line.startswith("表")
    }
    assert summary["表二"] == ["4", "3", "3", "0", "0"]
    assert summary["表三"] == ["0", "175", "0", "0", "0"]
    assert summary["表四"] == ["0", "15", "0", "0", "0"]
    assert out.exists()
    again = run_cli("import", str(SAMPLES / "pingtan-2023-site-text.txt"), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    lint = run_cli("lint", str(out))
    assert lint.returncode == 1 and "I1" in lint.stdout
    # an imported report is a normal report file: next year's starts from it
    nxt = run_cli("new", "--from", str(out), "--year", "2024", "-o", str(tmp_path / "2024.toml"))
    assert nxt.returncode == 0, nxt.stderr
    new_data = tomllib.loads((tmp_path / "2024.toml").read_text(encoding="utf-8"))
    assert new_data["report"]["organ"] == "平潭综合实验区"
    assert new_data["report"]["contact"]["postcode"] == "350400"


def test_new_from_an_imported_2019_report_makes_a_2021_one(tmp_path: Path) -> None:
    old = tmp_path / "2019.toml"
    assert (
        run_cli("import", str(SAMPLES / "shanghai-2019-trial-format.txt"), "-q", "-o", str(old)).returncode
        == 0
    )
    proc = run_cli("new", "--from", str(old), "--year", "2020", "-o", str(tmp_path / "2020.toml"))
    assert proc.returncode == 0, proc.stderr
    assert "2019 年格式" in proc.stderr
    data = tomllib.loads((tmp_path / "2020.toml").read_text(encoding="utf-8"))
    assert data["format"] == "2021"
    assert data["requests"]["carried_over"]["person"] == 72  # 四、结转下年度继续办理 of 2019
    assert data["report"]["organ"] == "上海市人民政府办公厅"
