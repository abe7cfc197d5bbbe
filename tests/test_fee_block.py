"""六's optional 信息处理费 table (schema-only: ``other.fees`` with ``x-optional``), through the
commands as users run them: new (commented out), lint (H6, P5), fmt, render (HTML, Markdown, Word)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.format.spec import FormatSpec, load_spec
from tests.conftest import EXAMPLE, parse_findings, run_cli

FEES = """
[other.fees]
notified_count = {count}
notified_amount = {notified}
collected_amount = {collected}
"""


def _with_fees(
    tmp_path: Path, count: object, notified: object, collected: object, text: str | None = None
) -> Path:
    body = EXAMPLE.read_text(encoding="utf-8")
    if text is not None:
        body = body.replace("本年度未收取政府信息公开信息处理费。", text)
    out = tmp_path / "fees.toml"
    out.write_text(body + FEES.format(count=count, notified=notified, collected=collected), encoding="utf-8")
    return out


def _codes(path: Path, *extra: str) -> list[dict[str, str]]:
    result = run_cli("lint", *extra, str(path))
    assert result.returncode in (0, 1), result.stderr
    return parse_findings(result.stdout)


def test_the_block_is_declared_optional_and_nested(spec: FormatSpec) -> None:
    table = spec.table("other.fees")
    assert table.nested and table.optional and table.section == "other"
    assert [n.unit for n in spec["other.fees"].children.values()] == [None, "元", "元"]
    assert spec["proactive.item_8.fees.amount"].unit == "万元"  # table 二's fee is another thing
    assert [r.rule for r in spec.inequalities] == ["H6"]
    assert all(r.is_sum for r in spec.relations) and not any(r.rule == "H6" for r in spec.relations)
    assert not any(t.optional for t in load_spec("2019").tables)  # the 2019 format has no block
    assert "other.fees" not in {n.dotted for n in spec.text_fields()}


def test_new_writes_it_commented_out_and_fmt_keeps_it(tmp_path: Path) -> None:
    new = tmp_path / "new.toml"
    assert run_cli("new", "--organ", "某局", "--year", "2024", "-o", str(new)).returncode == 0
    text = new.read_text(encoding="utf-8")
    assert "# [other.fees]" in text and "\n[other.fees]" not in text
    assert re.search(r"^# notified_count = 0 +# 通知收取件数$", text, re.M)
    assert run_cli("fmt", "--check", str(new)).returncode == 0  # the template survives fmt
    # uncommented and filled, the block is a valid part of the report
    lines = text.split("\n")
    start = lines.index("# [other.fees]  # 信息处理费收取情况")
    for i in range(start, start + 4):
        lines[i] = lines[i][2:]
    new.write_text("\n".join(lines), encoding="utf-8")
    codes = {f["code"] for f in _codes(new)}
    assert codes == {"C3"}, codes  # only the placeholders, no schema finding


def test_filled_block_is_clean_and_fmt_is_idempotent(tmp_path: Path) -> None:
    path = _with_fees(tmp_path, 0, 0, 0)
    assert _codes(path) == []
    assert run_cli("fmt", str(path)).returncode == 0
    once = path.read_text(encoding="utf-8")
    assert "[other.fees]  # 信息处理费收取情况" in once
    assert "collected_amount = 0  # 实际收取金额（元）" in once
    assert run_cli("fmt", str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == once
    assert _codes(path) == []


@settings(max_examples=8, deadline=None)
@given(
    notified=st.decimals(min_value=0, max_value=10000, places=2),
    extra=st.decimals(min_value="0.01", max_value=500, places=2),
)
def test_collected_above_notified_is_h6_at_the_cell(
    tmp_path_factory: object, notified: object, extra: object
) -> None:
    import decimal

    tmp = tmp_path_factory.mktemp("h6")  # type: ignore[attr-defined]
    assert isinstance(notified, decimal.Decimal) and isinstance(extra, decimal.Decimal)
    collected = notified + extra
    path = _with_fees(tmp, 1, notified, collected, text="本年度收取信息处理费。")
    findings = [f for f in _codes(path) if f["code"] == "H6"]
    assert len(findings) == 1, findings
    line = path.read_text(encoding="utf-8").split("\n")[int(findings[0]["line"]) - 1]
    assert line.startswith("collected_amount")
    assert "实际收取金额（元）" in findings[0]["msg"]
    # equal is fine
    ok = _with_fees(tmp, 1, notified, notified, text="本年度收取信息处理费。")
    assert not [f for f in _codes(ok) if f["code"] == "H6"]


def test_h6_in_english(tmp_path: Path) -> None:
    path = _with_fees(tmp_path, 1, 10, 20, text="本年度收取信息处理费。")
    [finding] = [f for f in _codes(path, "--lang", "en") if f["code"] == "H6"]
    assert "Amount collected (yuan)" in finding["msg"]


def test_p5_fires_when_the_block_contradicts_the_text(tmp_path: Path) -> None:
    path = _with_fees(tmp_path, 2, 100, 80)  # the text says 未收取信息处理费
    p5 = [f for f in _codes(path) if f["code"] == "P5"]
    assert p5 and "通知收取件数" in p5[0]["msg"]
    quiet = _with_fees(tmp_path, 0, 0, 0)
    assert not [f for f in _codes(quiet) if f["code"] == "P5"]


def test_units_are_data_q3_ignores_the_yuan_amounts(tmp_path: Path) -> None:
    path = _with_fees(tmp_path, 3, 50000, 50000, text="本年度通知收取信息处理费3件。")
    assert "Q3" not in {f["code"] for f in _codes(path)}


def test_render_shows_the_table_inside_six(tmp_path: Path) -> None:
    path = _with_fees(tmp_path, 2, "100.5", 80, text="本年度收取信息处理费。")
    html, md, docx = tmp_path / "r.html", tmp_path / "r.md", tmp_path / "r.docx"
    for out, to in ((html, "html"), (md, "md"), (docx, "docx")):
        done = run_cli("render", "--to", to, str(path), "-o", str(out))
        assert done.returncode == 0, done.stderr
    page = html.read_text(encoding="utf-8")
    six = page[page.index('id="other"') :]
    assert '<h3 class="table-title">信息处理费收取情况</h3>' in six
    header = re.search(r'id="table-other-fees".*?<thead>(.*?)</thead>', six, re.S)
    assert header and re.findall(r">([^<>]+)</th>", header.group(1)) == [
        "通知收取件数",
        "通知收取金额（元）",
        "实际收取金额（元）",
    ]
    assert 'data-path="other.fees.notified_amount">100.5</td>' in six
    text = md.read_text(encoding="utf-8")
    assert text.index("### 信息处理费收取情况") > text.index("## 六、其他需要报告的事项")
    assert "<td>100.5</td>" in text
    with zipfile.ZipFile(docx) as zf:
        body = zf.read("word/document.xml").decode("utf-8")
    assert body.index("信息处理费收取情况") > body.index("六、其他需要报告的事项")
    assert "实际收取金额（元）" in body and ">100.5<" in body


def test_a_report_without_the_block_renders_no_fee_table(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run_cli("render", str(EXAMPLE), "-o", str(out)).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert "table-other-fees" not in page and "信息处理费收取情况" not in page
