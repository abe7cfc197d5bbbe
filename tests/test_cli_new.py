"""``govreport new``: a complete new report, carry-over from last year, safe writing."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from govreport.lint import lint_file

from .conftest import EXAMPLE, run_cli, set_value


def test_new_report_is_complete_and_only_placeholders_are_flagged(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.toml"
    result = run("new", "--year", "2025", "--organ", "测试乡人民政府", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#:schema https://")
    data = tomllib.loads(text)
    assert data["format"] == "2021"
    assert data["report"]["organ"] == "测试乡人民政府"
    assert data["report"]["year"] == 2025
    assert data["report"]["period_start"] == dt.date(2025, 1, 1)
    assert data["report"]["period_end"] == dt.date(2025, 12, 31)
    assert set(data) == {
        "format",
        "report",
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other",
    }
    assert data["requests"]["results"]["withheld"]["query_matters"]["total"] == 0
    result = lint_file(out)
    assert result.findings, "a new report has placeholders to fill"
    assert {f.code for f in result.findings} == {"C3"}


def test_every_value_has_its_label_beside_it(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.toml"
    run("new", "--year", "2025", "--organ", "测试乡人民政府", "-o", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    cells = [line for line in lines if line.split(" = ")[0] in ("person", "upheld", "issued", "decisions")]
    assert cells and all("  # " in line for line in cells)
    assert (
        "[requests.results.withheld.state_secret]  # 三、本年度办理结果 （三）不予公开 1.属于国家秘密"
        in lines
    )
    assert "business = 0   # 法人或其他组织·商业企业" in lines
    assert "# （一）主动公开" in lines


def test_new_never_overwrites_without_force(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.toml"
    out.write_text("my precious work\n", encoding="utf-8")
    result = run("new", "--year", "2025", "--organ", "测试乡人民政府", "-o", str(out))
    assert result.exit_code == 2  # nothing written
    assert "已存在" in result.stderr
    assert out.read_text(encoding="utf-8") == "my precious work\n"
    result = run("new", "--year", "2025", "--organ", "测试乡人民政府", "-o", str(out), "--force")
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("#:schema")


def test_default_year_is_last_calendar_year_and_default_name(tmp_path: Path) -> None:
    proc = run_cli("new", "--organ", "测试乡人民政府", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    year = dt.date.today().year - 1
    out = tmp_path / f"测试乡人民政府-{year}.toml"
    assert tomllib.loads(out.read_text(encoding="utf-8"))["report"]["year"] == year


def test_from_last_year_carries_over(run, tmp_path: Path, example_text: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "2025.toml"
    result = run("new", "--year", "2025", "--from", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    new = tomllib.loads(out.read_text(encoding="utf-8"))
    last = tomllib.loads(example_text)
    assert new["report"]["organ"] == last["report"]["organ"]
    assert new["report"]["contact"] == last["report"]["contact"]
    assert new["report"]["level"] == last["report"]["level"]
    assert new["requests"]["carried_over"] == last["requests"]["carry_forward"]
    assert new["requests"]["carried_over"]["person"] == 2
    docs = new["proactive"]["item_1"]["normative_documents"]
    assert docs == {"issued": 0, "repealed": 0, "in_force": 12}
    assert new["requests"]["new"]["total"] == 0
    assert new["overview"]["active"].startswith("【待填写")  # no narrative is copied
    assert new["report"]["year"] == 2025
    # The carried-over report is consistent apart from H1 (二 now has what 四 had) and placeholders.
    codes = {f.code for f in lint_file(out).findings}
    assert codes <= {"C3", "H1"}


def test_from_with_explicit_organ_overrides(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "2025.toml"
    run("new", "--year", "2025", "--from", str(EXAMPLE), "--organ", "青石镇人民政府", "-o", str(out))
    assert tomllib.loads(out.read_text(encoding="utf-8"))["report"]["organ"] == "青石镇人民政府"


def test_from_unparseable_report_fails_cleanly(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml", encoding="utf-8")
    result = run("new", "--year", "2025", "--from", str(bad), "-o", str(tmp_path / "r.toml"))
    assert result.exit_code == 2
    assert "TOML 语法错误" in result.stderr
    assert not (tmp_path / "r.toml").exists()


def test_from_report_with_bad_cells_carries_zero_and_says_so(run, tmp_path: Path, example_text: str) -> None:  # type: ignore[no-untyped-def]
    last = tmp_path / "last.toml"
    last.write_text(
        set_value(example_text, ("requests", "carry_forward", "person"), '"两件"'), encoding="utf-8"
    )
    out = tmp_path / "r.toml"
    result = run("new", "--year", "2025", "--from", str(last), "-o", str(out))
    assert result.exit_code == 0
    assert tomllib.loads(out.read_text(encoding="utf-8"))["requests"]["carried_over"]["person"] == 0
    assert "缺失或无效" in result.stderr


def test_organ_is_required_without_from(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("new", "--year", "2025", "-o", str(tmp_path / "r.toml"))
    assert result.exit_code == 2 and "--organ" in result.output


def test_bad_level_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("new", "--organ", "x", "--level", "村委会", "-o", str(tmp_path / "r.toml"))
    assert result.exit_code == 2 and "乡镇人民政府" in result.output


def test_stdout_output(run) -> None:  # type: ignore[no-untyped-def]
    result = run("new", "--year", "2025", "--organ", "测试乡人民政府", "-o", "-")
    assert result.exit_code == 0
    assert tomllib.loads(result.stdout)["report"]["organ"] == "测试乡人民政府"


def test_schema_ref_option(run) -> None:  # type: ignore[no-untyped-def]
    result = run("new", "--organ", "x", "-o", "-", "--schema-ref", "./format-2021.schema.json")
    assert result.stdout.splitlines()[0] == "#:schema ./format-2021.schema.json"


def test_text_with_quotes_and_backslashes_round_trips(tmp_path: Path, example_text: str) -> None:
    from govreport.format import load_spec
    from govreport.report.writer import write_report_toml

    data = tomllib.loads(example_text)
    hostile = "他说：\"'''\"\\n 和 \\ 反斜杠\n第二段 <script>alert(1)</script>\t制表"
    data["other"]["text"] = hostile
    text = write_report_toml(load_spec(), data)
    assert tomllib.loads(text)["other"]["text"].rstrip("\n") == hostile
