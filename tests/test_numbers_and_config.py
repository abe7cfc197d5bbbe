"""Issue 10, items 14, 15 and 17: a float where the format wants an integer, an unknown key
holding inf/nan, and configuration that must not be accepted (or silence rules) without a word.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreport.format import load_spec
from govreport.format.validate import schema_issues

from .conftest import EXAMPLE, run_cli

E = EXAMPLE.read_text(encoding="utf-8")
YEAR_LINE = "year = 2024                     # 报告年度"


def lint_json(path: Path, *args: str, cwd: Path | None = None) -> list[dict[str, object]]:
    proc = run_cli("lint", "--format", "json", *args, str(path), cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


# -- item 14: year = 2024.0 ------------------------------------------------------------------


def test_a_float_year_fails_lint_and_fmt_never_writes_it_into_the_title(tmp_path: Path) -> None:
    assert YEAR_LINE in E
    path = tmp_path / "r.toml"
    path.write_text(E.replace(YEAR_LINE, "year = 2024.0"), encoding="utf-8")
    found = lint_json(path)
    assert [(f["code"], f["path"]) for f in found] == [("S3", "report.year")]
    assert "应为整数，实为 2024.0" in str(found[0]["message"])
    assert run_cli("fmt", str(path)).returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "2024.0年" not in text and "# 云岭县青石镇人民政府?年政府信息公开工作年度报告\n" in text
    html = run_cli("render", str(path), "-o", "-").stdout
    assert "2024.0" not in html


@pytest.mark.parametrize("validator", ["rs", "python"])
def test_floats_in_integer_places_are_issues_in_both_validators(validator: str) -> None:
    import tomllib

    spec = load_spec()
    data = tomllib.loads(E)
    data["report"]["year"] = 2024.0
    data["requests"]["new"]["person"] = 14.0
    data["proactive"]["item_8"]["fees"]["amount"] = 1.0  # an amount may be a decimal
    issues = {(i.kind, i.path) for i in schema_issues(spec, data, using=validator)}
    assert issues == {("type", ("report", "year")), ("type", ("requests", "new", "person"))}


def test_a_float_count_is_h5(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    text = E.replace("person = 14 ", "person = 14.0 ", 1)
    assert text != E
    path.write_text(text, encoding="utf-8")
    found = lint_json(path)
    assert [(f["code"], f["path"]) for f in found] == [("H5", "requests.new.person")]


# -- item 15: an unknown key holding inf or nan --------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "+nan"])
def test_an_unknown_key_with_a_non_finite_value_is_s1(tmp_path: Path, value: str) -> None:
    path = tmp_path / "r.toml"
    path.write_text(E.replace(YEAR_LINE, f"{YEAR_LINE}\nfoo = {value}"), encoding="utf-8")
    found = lint_json(path)
    assert [(f["code"], f["path"]) for f in found] == [("S1", "report.foo")]
    assert "None" not in str(found[0]["message"])


# -- item 17: configuration ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "r.toml").write_text(E, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ('ignore = ["X9", "H3"]', "ignore 中有未知的规则代码 X9"),
        ('select = ["ZZ"]', "select 中有未知的规则代码 ZZ"),
        ('per-file-ignores = { "*.toml" = ["Q7"] }', "中有未知的规则代码 Q7"),
        ('severity = { Q9 = "error" }', "severity 中有未知的规则代码 Q9"),
        ("defaults.level = 5", "defaults.level 应为以下之一：国务院部门、"),
        ('defaults = { level = "村委会" }', "defaults.level 应为以下之一："),
        ('defaults = { levle = "乡镇人民政府" }', "defaults 中有未知的配置项 levle"),
    ],
)
def test_bad_config_values_are_errors_naming_file_and_value(project: Path, setting: str, says: str) -> None:
    config = project / "pyproject.toml"
    config.write_text(f"[tool.govreport]\n{setting}\n", encoding="utf-8")
    proc = run_cli("lint", "reports/r.toml", cwd=project)
    assert proc.returncode == 2
    assert f"govreport: {config}: " in proc.stderr and says in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_good_default_level_is_accepted(project: Path) -> None:
    (project / ".govreport.toml").write_text('defaults = { level = "乡镇人民政府" }\n', encoding="utf-8")
    assert run_cli("lint", "reports/r.toml", cwd=project).returncode == 0


def test_lint_says_which_config_file_silenced_the_rules(project: Path) -> None:
    config = project / "pyproject.toml"
    config.write_text('[tool.govreport]\nignore = ["ALL"]\n', encoding="utf-8")
    broken = project / "reports" / "bad.toml"
    broken.write_text(E.replace("person = 14 ", "person = 15 ", 1), encoding="utf-8")
    proc = run_cli("lint", "bad.toml", cwd=project / "reports")
    assert proc.returncode == 0
    assert f"注意：配置文件 {config} 停用了全部规则。" in proc.stdout
    config.write_text('[tool.govreport]\nignore = ["X3", "P1"]\n', encoding="utf-8")
    proc = run_cli("lint", "--lang", "en", "reports/r.toml", cwd=project)
    assert f"Note: the configuration file {config} turns off X3, P1." in proc.stdout
    config.write_text('[tool.govreport]\nlang = "zh"\n', encoding="utf-8")
    assert "注意" not in run_cli("lint", "reports/r.toml", cwd=project).stdout


def test_a_broken_pyproject_of_another_project_is_passed_over(project: Path) -> None:
    (project / "pyproject.toml").write_text("[project\nname = 1\n", encoding="utf-8")
    proc = run_cli("lint", "r.toml", cwd=project / "reports")
    assert proc.returncode == 0, proc.stderr
    assert "全部通过" in proc.stdout


@pytest.mark.parametrize("broken", ["[tool.govreport]\nignore = [\n", "tool.govreport.ignore = [\n"])
def test_a_broken_pyproject_with_our_table_is_an_error_naming_it(project: Path, broken: str) -> None:
    config = project / "pyproject.toml"
    config.write_text(broken, encoding="utf-8")
    proc = run_cli("lint", "r.toml", cwd=project / "reports")
    assert proc.returncode == 2
    assert f"govreport: {config}: TOML 语法错误" in proc.stderr


def test_each_report_of_a_batch_takes_the_configuration_of_its_own_directory(tmp_path: Path) -> None:
    """The configuration is found once per directory of a batch, never handed from one
    directory to the next, and a linked report takes the one where its link points."""
    bad = E.replace("person = 14 ", "person = 15 ", 1)  # an H1 finding
    quiet, loud, linked = (tmp_path / name for name in ("quiet", "loud", "linked"))
    for directory in (quiet, loud, linked):
        directory.mkdir()
    (quiet / ".govreport.toml").write_text('ignore = ["H"]\n', encoding="utf-8")
    for i in range(3):
        (quiet / f"q{i}.toml").write_text(bad, encoding="utf-8")
        (loud / f"l{i}.toml").write_text(bad, encoding="utf-8")
    (linked / "to-quiet.toml").symlink_to(quiet / "q0.toml")
    (tmp_path / "quiet-dir").symlink_to(quiet, target_is_directory=True)
    proc = run_cli("lint", "--format", "json", "quiet", "loud", "linked", "quiet-dir/q1.toml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    files = {f["file"] for f in json.loads(proc.stdout) if f["code"] == "H1"}
    assert files == {f"loud/l{i}.toml" for i in range(3)}
