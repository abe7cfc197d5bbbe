"""The conventions of linters people know: config, suppressions, formats, exit codes, rule docs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from govreport.lint import lint_text
from govreport.lint.config import ConfigError, find_config, parse_config
from govreport.lint.registry import all_rules

from .conftest import EXAMPLE, ROOT, parse_findings, run_cli, run_with_terminal_stderr, set_value


@pytest.fixture
def broken(example_text: str) -> str:
    """The example with one H3 error (and the H1 it causes) and one Q1 warning."""
    text = set_value(example_text, ("requests", "new", "business"), "3")
    return set_value(text, ("proactive", "item_6", "enforcement", "decisions"), '""')


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- rule documentation ------------------------------------------------------------------


def test_every_rule_has_code_name_severity_and_bilingual_doc() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    for r in rules:
        assert r.name and r.severity
        assert r.doc_in("zh") and r.doc_in("en") and r.doc_in("zh") != r.doc_in("en"), r.code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.summary_in("zh")), r.code


def test_rules_command_lists_every_code(run_fresh) -> None:  # type: ignore[no-untyped-def]
    run = run_fresh  # a fresh process: the rules must load however the command is reached
    out = run("rules").stdout
    for r in all_rules():
        assert f"  {r.code} " in out
    data = json.loads(run("rules", "--format", "json", "--lang", "en").stdout)
    assert {d["code"] for d in data} == {r.code for r in all_rules()}


@pytest.mark.parametrize("code", [r.code for r in all_rules()])
def test_rule_command_prints_the_docs(run, code: str) -> None:  # type: ignore[no-untyped-def]
    result = run("rule", code.lower())
    assert result.exit_code == 0
    rule = next(r for r in all_rules() if r.code == code)
    assert result.stdout.startswith(f"{code} {rule.name}")
    assert rule.doc_in("zh").splitlines()[0] in result.stdout
    assert rule.doc_in("en").splitlines()[0] in run("rule", code, "--lang", "en").stdout


def test_rule_command_unknown_code(run) -> None:  # type: ignore[no-untyped-def]
    result = run("rule", "Z9")
    assert result.exit_code == 2 and "没有规则 Z9" in result.output


# -- configuration -------------------------------------------------------------------------


def test_config_select_ignore_severity(broken: str, tmp_path: Path) -> None:
    config = parse_config({"ignore": ["H1"], "severity": {"Q": "error", "H3": "warning"}}, None)
    found = {(f.code, f.severity.value) for f in lint_text(broken, "r.toml", config=config).findings}
    assert found == {("H3", "warning"), ("Q1", "error")}
    only = parse_config({"select": ["Q"]}, None)
    assert {f.code for f in lint_text(broken, "r.toml", config=only).findings} == {"Q1"}


def test_config_found_upward_pyproject_and_dotfile(tmp_path: Path, broken: str) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.govreport]\nignore = ["Q1"]\n')
    report = write(tmp_path, "county/town/r.toml", broken)
    proc = run_cli("lint", str(report), cwd=tmp_path)
    assert {f["code"] for f in parse_findings(proc.stdout)} == {"H3", "H1"}
    write(tmp_path, "county/.govreport.toml", 'ignore = ["H"]\n')  # nearer: wins
    proc = run_cli("lint", str(report), cwd=tmp_path)
    assert {f["code"] for f in parse_findings(proc.stdout)} == {"Q1"}
    assert proc.returncode == 0  # only a warning left


def test_per_file_ignores(tmp_path: Path, broken: str) -> None:
    write(tmp_path, ".govreport.toml", '[per-file-ignores]\n"archive/*.toml" = ["H", "Q1"]\n')
    old = write(tmp_path, "archive/2019.toml", broken)
    new = write(tmp_path, "current/2024.toml", broken)
    proc = run_cli("lint", ".", cwd=tmp_path)
    files = {f["file"] for f in parse_findings(proc.stdout)}
    assert files == {str(Path("current/2024.toml"))}
    assert old.exists() and new.exists()


def test_bad_config_is_a_one_line_error(tmp_path: Path) -> None:
    write(tmp_path, ".govreport.toml", 'ignore = "H1"\nselekt = ["H"]\n')
    write(tmp_path, "r.toml", EXAMPLE.read_text(encoding="utf-8"))
    proc = run_cli("lint", "r.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "未知的配置项 selekt" in proc.stderr and "Traceback" not in proc.stderr
    with pytest.raises(ConfigError):
        parse_config({"severity": {"H1": "fatal"}}, None)


def test_no_config_means_defaults(tmp_path: Path) -> None:
    assert find_config(tmp_path).select == ("ALL",)


def test_select_and_ignore_flags(run_fresh, tmp_path: Path, broken: str) -> None:  # type: ignore[no-untyped-def]
    run = run_fresh  # a fresh process: rule codes are checked before any rule was loaded
    path = write(tmp_path, "r.toml", broken)
    assert {f["code"] for f in parse_findings(run("lint", "--select", "H3", str(path)).stdout)} == {"H3"}
    assert {f["code"] for f in parse_findings(run("lint", "--ignore", "H", str(path)).stdout)} == {"Q1"}
    assert run("lint", "--select", "Z", str(path)).exit_code == 2
    assert {f["code"] for f in parse_findings(run("lint", "--select", "H1", str(path)).stdout)} == {"H1"}


# -- inline suppression ------------------------------------------------------------------


def test_suppression_on_the_value_line(broken: str) -> None:
    text = broken.replace("total = 17     # 总计", "total = 17     # 总计  govreport: ignore[H3]", 1)
    codes = [f.code for f in lint_text(text, "r.toml").findings]
    assert "H3" not in codes and "H1" in codes and "M1" not in codes


def test_suppression_on_the_table_header(broken: str) -> None:
    text = broken.replace(
        "[proactive.item_6.enforcement]  # 第二十条第（六）项 行政强制",
        "[proactive.item_6.enforcement]  # govreport: ignore[Q1]",
    )
    assert "Q1" not in [f.code for f in lint_text(text, "r.toml").findings]


def test_bare_suppression_silences_every_code_on_the_line(broken: str) -> None:
    text = broken.replace("total = 17     # 总计", "total = 17  # govreport: ignore", 1)
    assert "H3" not in [f.code for f in lint_text(text, "r.toml").findings]


def test_unused_and_unknown_suppressions_are_reported(example_text: str) -> None:
    text = example_text.replace("total = 17     # 总计", "total = 17  # govreport: ignore[H3, Z7]", 1)
    found = [f for f in lint_text(text, "r.toml").findings if f.code == "M1"]
    assert len(found) == 2
    messages = " ".join(f.message for f in found)
    assert "Z7" in messages and "H3 没有抑制任何问题" in messages
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if "ignore[H3, Z7]" in ln)
    assert {f.line for f in found} == {line}


def test_suppression_inside_a_string_is_not_a_comment(example_text: str) -> None:
    text = set_value(example_text, ("other", "text"), "'''\n本年度未收取信息处理费。# govreport: ignore\n'''")
    assert [f.code for f in lint_text(text, "r.toml").findings] == []


# -- output formats and exit codes -------------------------------------------------------------


def test_exit_codes_warnings_strict_exit_zero(run, tmp_path: Path, example_text: str, broken: str) -> None:  # type: ignore[no-untyped-def]
    warn_only = write(tmp_path, "w.toml", set_value(example_text, ("appeals", "review", "other"), '""'))
    assert run("lint", str(warn_only)).exit_code == 0
    assert run("lint", "--strict", str(warn_only)).exit_code == 1
    bad = write(tmp_path, "b.toml", broken)
    assert run("lint", str(bad)).exit_code == 1
    assert run("lint", "--exit-zero", str(bad)).exit_code == 0


def test_text_summary_and_warning_tag(run, tmp_path: Path, broken: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "r.toml", broken)
    out = run("lint", str(path)).stdout.splitlines()
    assert out[-1] == "发现 2 个错误、1 个警告（检查了 1 个文件）。"
    assert any(" Q1 [警告] " in line for line in out)
    en = run("lint", "--lang", "en", str(path)).stdout.splitlines()
    assert en[-1] == "Found 2 errors and 1 warning in 1 file."


def test_colour_only_when_asked_or_on_a_terminal(run, tmp_path: Path, broken: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "r.toml", broken)
    assert "\x1b[" not in run("lint", str(path)).stdout
    assert "\x1b[31m" in run("lint", "--color", "always", str(path)).stdout


def test_github_annotations(run, tmp_path: Path, broken: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "r.toml", broken)
    lines = run("lint", "--format", "github", str(path)).stdout.splitlines()
    assert len(lines) == 3
    first = lines[0]
    assert first.startswith(f"::warning file={path},line=") or first.startswith(f"::error file={path},line=")
    import re

    pattern = re.compile(
        r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[A-Z]\d+ [a-z-]+::[A-Z]\d+ .+$"
    )
    assert all(pattern.match(line) for line in lines), lines


def test_format_and_lang_from_the_environment(tmp_path: Path, broken: str) -> None:
    path = write(tmp_path, "r.toml", broken)
    env = {**os.environ, "GOVREPORT_FORMAT": "json", "GOVREPORT_LANG": "en"}
    proc = run_cli("lint", str(path), env=env)
    data = json.loads(proc.stdout)
    assert {d["code"] for d in data} == {"H3", "H1", "Q1"}
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in d["message"].split("“")[0]) for d in data)


def _sarif_schema() -> dict[str, object]:
    candidates = [
        os.environ.get("GOVREPORT_SARIF_SCHEMA", ""),
        str(ROOT / ".ci" / "cache" / "sarif-schema-2.1.0.json"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return json.loads(Path(candidate).read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    pytest.skip("the SARIF 2.1.0 schema is not available offline (.ci/run fetches it into .ci/cache)")


def test_sarif_output_validates_against_sarif_2_1_0(run, tmp_path: Path, broken: str) -> None:  # type: ignore[no-untyped-def]
    schema = _sarif_schema()
    path = write(tmp_path, "r.toml", broken)
    log = json.loads(run("lint", "--format", "sarif", str(path)).stdout)
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    run_ = log["runs"][0]
    assert {r["ruleId"] for r in run_["results"]} == {"H3", "H1", "Q1"}
    assert {r["id"] for r in run_["tool"]["driver"]["rules"]} == {r.code for r in all_rules()}
    h3 = next(r for r in run_["results"] if r["ruleId"] == "H3")
    region = h3["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] > 1 and region["startColumn"] > 1
    assert len(h3["relatedLocations"]) == 6


def test_sarif_structure_without_the_schema(run, tmp_path: Path, broken: str) -> None:  # type: ignore[no-untyped-def]
    log = json.loads(run("lint", "--format", "sarif", str(write(tmp_path, "r.toml", broken))).stdout)
    assert log["version"] == "2.1.0" and log["runs"][0]["columnKind"] == "unicodeCodePoints"


# -- directories and many files ----------------------------------------------------------------


def test_directories_are_walked_for_report_files(tmp_path: Path, broken: str) -> None:
    write(tmp_path, "a/2024.toml", broken)
    write(tmp_path, "b/c/2024.toml", EXAMPLE.read_text(encoding="utf-8"))
    write(tmp_path, "b/pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path, "b/other.toml", 'title = "not a report"\n')
    write(tmp_path, ".hidden/r.toml", broken)
    proc = run_cli("lint", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert "检查了 2 个文件" in proc.stdout
    assert {f["file"] for f in parse_findings(proc.stdout)} == {str(Path("a/2024.toml"))}


def test_empty_directory(tmp_path: Path) -> None:
    proc = run_cli("lint", str(tmp_path))
    assert proc.returncode == 2 and "没有找到报告文件" in proc.stderr


def test_a_county_of_reports(tmp_path: Path, example_text: str) -> None:
    for i in range(40):
        organ = f'"第{i}乡人民政府"'
        write(tmp_path, f"county/{i:02}.toml", set_value(example_text, ("report", "organ"), organ))
    write(tmp_path, "county/07.toml", set_value(example_text, ("requests", "new", "total"), "18"))
    proc = run_cli("lint", "county", cwd=tmp_path)
    assert "检查了 40 个文件" in proc.stdout
    assert {f["file"] for f in parse_findings(proc.stdout)} == {str(Path("county/07.toml"))}


def test_parallel_batch_gives_the_same_results_in_order(
    tmp_path: Path, example_text: str, broken: str
) -> None:
    from govreport.lint.batch import BatchOptions, lint_paths, workers_for

    paths = []
    for i in range(80):
        text = broken if i % 7 == 0 else example_text
        paths.append(
            write(tmp_path, f"r{i:03}.toml", set_value(text, ("report", "organ"), f'"第{i}乡人民政府"'))
        )
    paths.append(write(tmp_path, "bad.toml", "not = = toml"))
    assert workers_for(len(paths)) >= 1 and workers_for(10) == 1
    serial = [
        (r.file, [(f.code, f.line) for f in r.findings], r.fatal)
        for r in lint_paths(paths, BatchOptions(), jobs=1)
    ]
    parallel = [
        (r.file, [(f.code, f.line) for f in r.findings], r.fatal)
        for r in lint_paths(paths, BatchOptions(), jobs=2)
    ]
    assert parallel == serial
    assert [r[0] for r in serial] == [str(p) for p in paths]
    assert sum(1 for r in serial if r[1]) == 13 and serial[-1][2]


def test_progress_on_a_terminal_not_in_a_pipe(tmp_path: Path, example_text: str) -> None:
    import subprocess
    import sys

    for i in range(60):
        write(tmp_path, f"r{i:02}.toml", set_value(example_text, ("report", "organ"), f'"第{i}乡人民政府"'))
    argv = [sys.executable, "-m", "govreport", "lint", "-j", "1", str(tmp_path)]
    piped = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert "检查中" not in piped.stderr and "检查了 60 个文件" in piped.stdout
    stdout, terminal = run_with_terminal_stderr(argv)
    assert "检查中 60/60" in terminal
    assert "\x1b[K" in terminal  # the line is cleared before the report is printed
    assert "检查中" not in stdout
