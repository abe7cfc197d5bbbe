"""The format boundary: a new edition of the format is a schema file and a scaffold.

- No module outside ``govreport/format/`` reads an ``x-`` keyword or names a format version.
- Every installed format declares every anchor the rules read, and a format that lacks one
  is reported (F3), not silently skipped.
- Every installed format, and a throw-away edition made in a temporary data directory (a
  copy of the 2021 schema under another version, with one extra optional table), goes
  through new → lint → fill → lint clean → fmt → render → import, in fresh processes.
"""

from __future__ import annotations

import ast
import copy
import json
import re
import tokenize
import tomllib
from pathlib import Path
from typing import Any

import pytest

from govreport.format import available_formats, load_spec
from govreport.format.spec import FormatSpec
from govreport.lint.registry import all_rules
from govreport.resources import DATA_PATH_VARIABLE, data_dir

from .conftest import EXAMPLE, ROOT, run_cli

PACKAGE = ROOT / "govreport"


def _string_literals(path: Path) -> list[tuple[int, str]]:
    out = []
    with path.open("rb") as fh:
        for tok in tokenize.tokenize(fh.readline):
            if tok.type == tokenize.STRING:
                try:
                    value = eval(tok.string, {})  # a plain literal: safe to evaluate
                except Exception:
                    continue  # f-strings with expressions
                if isinstance(value, str):
                    out.append((tok.start[0], value))
    return out


def _outside_format() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "format" not in p.relative_to(PACKAGE).parts[:1]]


def test_no_module_outside_format_reads_an_x_keyword() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}:{line}: {value!r}"
        for p in _outside_format()
        for line, value in _string_literals(p)
        if re.fullmatch(r"x-[a-z][a-z-]*", value)
    ]
    assert offenders == []


def test_no_module_outside_format_names_a_format_version() -> None:
    versions = set(available_formats())
    offenders = [
        f"{p.relative_to(ROOT)}:{line}: {value!r}"
        for p in _outside_format()
        for line, value in _string_literals(p)
        if value in versions
    ]
    assert offenders == []


def _trees() -> list[tuple[Path, ast.AST]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in _outside_format()]


def _is_unresolved_mark(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("?")


def test_no_module_outside_format_decides_a_cells_state() -> None:
    """``"?…"`` (unresolved) is recognised only by govreport/format/values.py: no
    ``.startswith("?")``, no ``== "?"`` elsewhere; numbers are printed by its show_number."""
    offenders = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "startswith"
                and node.args
                and _is_unresolved_mark(node.args[0])
            ) or (
                isinstance(node, ast.Compare)
                and any(_is_unresolved_mark(n) for n in (node.left, *node.comparators))
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.FunctionDef) and node.name in ("format_number", "_fmt", "_show_number"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: def {node.name}")
    assert offenders == []


def test_no_module_outside_format_types_a_preamble_path() -> None:
    """The preamble's key paths come from ``spec.preamble_path`` (``x-preamble-field``): no
    ``("report", …)`` tuple and no ``"report.year"`` string outside govreport/format/."""
    roots = {load_spec(v).preamble_root[0] for v in available_formats()}
    fields = {p for v in available_formats() for p in (f.path for f in load_spec(v).preamble_fields.values())}
    dotted = {".".join(p) for p in fields}
    offenders = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Tuple)
                and node.elts
                and isinstance(node.elts[0], ast.Constant)
                and node.elts[0].value in roots
            ) or (isinstance(node, ast.Constant) and node.value in dotted):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_state_scan_sees_what_it_looks_for() -> None:  # else the two tests above pass vacuously
    tree = ast.parse((PACKAGE / "format" / "values.py").read_text(encoding="utf-8"))
    marks = [n for n in ast.walk(tree) if _is_unresolved_mark(n)]
    assert marks, "values.py spells the unresolved mark"
    roots = {load_spec(v).preamble_root[0] for v in available_formats()}
    sample = ast.parse('x = ("report", "year")\ny = "report.year"')
    tuples = [n for n in ast.walk(sample) if isinstance(n, ast.Tuple) and n.elts[0].value in roots]  # type: ignore[attr-defined]
    assert tuples


@pytest.mark.parametrize("version", available_formats())
def test_every_installed_format_declares_the_anchors_the_rules_read(version: str) -> None:
    spec = load_spec(version)
    wanted = {a for rule in all_rules() for a in rule.anchors}
    assert wanted, "the heuristic rules declare the anchors they read"
    assert wanted <= set(spec.anchors), sorted(wanted - set(spec.anchors))


# -- a throw-away edition ----------------------------------------------------------------

EDITION = "2099"


def _edition(tmp: Path, *, drop_anchor: str | None = None) -> Path:
    """A data directory with format 2099: the 2021 schema plus an optional table 七."""
    schema = json.loads((data_dir("schemas") / "format-2021.schema.json").read_text(encoding="utf-8"))
    schema = copy.deepcopy(schema)
    schema["x-format"] = EDITION
    schema["$id"] = schema.get("$id", "").replace("2021", EDITION)
    schema["title"] = schema["title"].replace("2021", EDITION)
    schema["properties"]["format"] = {**schema["properties"]["format"], "const": EDITION}
    schema["properties"]["format"].pop("enum", None)
    schema["properties"]["fees"] = {
        "title": "七、信息处理费收取情况",
        "x-title-en": "7. Information processing fees",
        "x-section": 7,
        "x-short-title": "七、处理费",
        "x-role": "table",
        "type": "object",
        "additionalProperties": False,
        "required": ["collected"],
        "x-table": {
            "number": "七",
            "width": 4,
            "blocks": [
                {"corner": "收费情况", "header": ["notices", "notified", "paid"], "rows": ["collected"]}
            ],
        },
        "properties": {
            "collected": {
                "title": "信息处理费",
                "x-title-en": "Processing fees",
                "type": "object",
                "additionalProperties": False,
                "required": ["notices", "notified", "paid"],
                "properties": {
                    "notices": {"title": "通知收取件数", "x-title-en": "Notices", "$ref": "#/$defs/count"},
                    "notified": {
                        "title": "通知收取金额（元）",
                        "x-title-en": "Notified (yuan)",
                        "$ref": "#/$defs/amount",
                    },
                    "paid": {
                        "title": "实际收取金额（元）",
                        "x-title-en": "Collected (yuan)",
                        "$ref": "#/$defs/amount",
                    },
                },
            }
        },
    }
    if drop_anchor:
        del schema["x-anchors"][drop_anchor]
    (tmp / "schemas").mkdir(parents=True)
    (tmp / "scaffolds").mkdir()
    (tmp / "schemas" / f"format-{EDITION}.schema.json").write_text(
        json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    scaffold = (data_dir("scaffolds") / "format-2021.toml").read_text(encoding="utf-8")
    (tmp / "scaffolds" / f"format-{EDITION}.toml").write_text(scaffold, encoding="utf-8")
    return tmp


def _env(data: Path | None) -> dict[str, str] | None:
    if data is None:
        return None
    import os

    return {**os.environ, DATA_PATH_VARIABLE: str(data)}


def _example() -> dict[str, Any]:
    return tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def _fill(spec: FormatSpec, data: dict[str, Any]) -> dict[str, Any]:
    """Every placeholder replaced: preamble values from the example, plain sentences as text."""
    marker = spec.placeholder_marker
    example = _example()
    fee_path = spec.anchor("fee_statement")

    def walk(value: Any, path: tuple[str, ...]) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, str) and marker in value:
            if path == fee_path:
                return "本年度未收取信息处理费。"
            known: Any = example
            for part in path:
                known = known.get(part) if isinstance(known, dict) else None
            if isinstance(known, str) and path[0] == spec.preamble_path("organ")[0]:
                return known
            return "本年度依法依规做好此项工作。"
        return value

    return walk(data, ())


def _lint_codes(path: Path, env: dict[str, str] | None) -> list[str]:
    result = run_cli("lint", "--format", "json", str(path), env=env)
    assert result.returncode in (0, 1), result.stderr
    return [f["code"] for f in json.loads(result.stdout)]


def _loop(version: str, tmp_path: Path, data_path: Path | None) -> None:
    """new → lint (placeholders only) → fill → lint clean → fmt idempotent → render → import."""
    env = _env(data_path)
    new = tmp_path / "new.toml"
    # a superseded format is for the years it applied to (E3 reports it for a later year)
    until = load_spec(version).valid_until if data_path is None else None
    created = run_cli(
        "new",
        "--year",
        str(min(2025, until or 2025)),
        "--organ",
        "测试乡人民政府",
        "--format-version",
        version,
        "-o",
        str(new),
        env=env,
    )
    assert created.returncode == 0, created.stderr
    codes = _lint_codes(new, env)
    assert codes and set(codes) == {"C3"}, codes  # only the placeholders are left to fill

    from govreport.report.writer import write_report_toml

    # the spec of the edition is read here exactly as the CLI reads it: from its schema file
    schema_file = (
        data_path / "schemas" if data_path else data_dir("schemas")
    ) / f"format-{version}.schema.json"
    spec = FormatSpec(json.loads(schema_file.read_text(encoding="utf-8")), source=schema_file)
    filled = tmp_path / "filled.toml"
    filled.write_text(write_report_toml(spec, _fill(spec, tomllib.loads(new.read_text("utf-8")))), "utf-8")
    assert _lint_codes(filled, env) == []

    check = run_cli("fmt", "--check", str(filled), env=env)
    assert check.returncode == 0, check.stdout + check.stderr

    html = tmp_path / "filled.html"
    rendered = run_cli("render", str(filled), "-o", str(html), env=env)
    assert rendered.returncode == 0, rendered.stderr
    page = html.read_text(encoding="utf-8")
    for section in spec.sections():
        assert section.title in page

    back = tmp_path / "back.toml"
    imported = run_cli("import", str(html), "-o", str(back), env=env)
    assert imported.returncode == 0, imported.stderr
    got, want = tomllib.loads(back.read_text("utf-8")), tomllib.loads(filled.read_text("utf-8"))
    assert got["format"] == version
    for table in spec.tables:
        for path in table.cell_paths():
            g: Any = got
            w: Any = want
            for part in path:
                g, w = g.get(part, {}), w.get(part, {})
            assert g == w, (path, g, w)


@pytest.mark.slow
@pytest.mark.parametrize("version", available_formats())
def test_every_installed_format_goes_through_every_command(version: str, tmp_path: Path) -> None:
    _loop(version, tmp_path, None)


@pytest.mark.slow
def test_a_new_edition_is_a_schema_file_and_a_scaffold(tmp_path: Path) -> None:
    data = _edition(tmp_path / "data")
    listed = run_cli("schema", "--list", env=_env(data))
    assert EDITION in listed.stdout
    _loop(EDITION, tmp_path, data)


def test_a_format_without_an_anchor_says_which_rule_did_not_run(tmp_path: Path) -> None:
    data = _edition(tmp_path / "data", drop_anchor="appeals_review")
    report = tmp_path / "r.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace('format = "2021"', f'format = "{EDITION}"', 1)
    report.write_text(text, encoding="utf-8")
    result = run_cli("lint", "--format", "json", str(report), env=_env(data))
    findings = json.loads(result.stdout)
    f3 = [f for f in findings if f["code"] == "F3"]
    assert len(f3) == 1 and "P3" in f3[0]["message"] and "appeals_review" in f3[0]["message"]
    assert not any(f["code"] == "P3" for f in findings)


def test_every_command_refuses_an_unknown_version_in_its_own_way(tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace('format = "2021"', 'format = "2098"', 1)
    report.write_text(text, encoding="utf-8")
    lint = run_cli("lint", str(report))
    assert lint.returncode == 1 and "F2" in lint.stdout and "2098" in lint.stdout
    for command in (["fmt", "--check"], ["fmt"], ["render", "-o", str(tmp_path / "x.html")]):
        result = run_cli(*command, str(report))
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "未知的格式版本 '2098'" in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.stderr
    assert report.read_text(encoding="utf-8") == text  # fmt rewrote nothing
    assert not (tmp_path / "x.html").exists()


def test_readme_rule_table_matches_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codes_in_readme = set(re.findall(r"^\| `?([A-Z]\d+)`? \|", readme, re.M))
    assert codes_in_readme == {r.code for r in all_rules()}


def test_the_editors_headless_model_imports_no_textual() -> None:
    code = "import sys, govreport.tui.model; print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_boundary_scan_sees_what_it_looks_for() -> None:  # else the two tests above pass vacuously
    literals = {v for _, v in _string_literals(PACKAGE / "format" / "spec.py")}
    assert "x-role" in literals and "2021" in literals
