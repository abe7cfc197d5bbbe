"""One wrong total, one place: findings that follow from it point at its cell and say so, in text,
JSON and SARIF (issue 14, point 7)."""

from __future__ import annotations

import json
from pathlib import Path

from govreport.lint import lint_text

from .conftest import EXAMPLE, parse_findings, run_cli, set_value

TOTAL = ("requests", "new", "total")


def wrong_total(tmp_path: Path) -> tuple[Path, int]:
    text = set_value(EXAMPLE.read_text(encoding="utf-8"), TOTAL, "18")  # its parts give 17
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("total = 18"))
    return path, line


def test_a_wrong_total_and_what_follows_from_it_point_at_its_cell(tmp_path: Path) -> None:
    path, line = wrong_total(tmp_path)
    done = run_cli("lint", "--select", "H,P", str(path))
    found = parse_findings(done.stdout)
    assert {f["code"] for f in found} == {"H1", "H3", "P1"}
    assert {int(f["line"]) for f in found} == {line}
    assert found[0]["code"] == "H3"  # the cause first
    h3 = next(f for f in found if f["code"] == "H3")
    assert "引起" not in h3["msg"]
    for f in found:
        if f["code"] != "H3":
            assert f["msg"].endswith(f"（由第 {line} 行的问题引起：H3）")
    data = json.loads(run_cli("lint", "--select", "H,P", "--format", "json", str(path)).stdout)
    by_code = {d["code"]: d for d in data}
    assert by_code["H3"]["consequence_of"] is None
    cause = {"code": "H3", "line": line, "column": by_code["H3"]["column"], "path": "requests.new.total"}
    assert by_code["H1"]["consequence_of"] == cause and by_code["P1"]["consequence_of"] == cause
    # the consequence keeps its own place among its related cells
    assert by_code["H1"]["related"][0]["path"] == "requests.carry_forward.total"
    sarif = json.loads(run_cli("lint", "--select", "H,P", "--format", "sarif", str(path)).stdout)
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert results["H1"]["properties"]["consequenceOf"] == cause
    last = results["H1"]["relatedLocations"][-1]
    assert last["physicalLocation"]["region"]["startLine"] == line
    assert "relatedLocations" in results["P1"]
    en = parse_findings(run_cli("lint", "--lang", "en", "--select", "H", str(path)).stdout)
    assert any(f["msg"].endswith(f"(caused by the problem at line {line}: H3)") for f in en)


def test_an_independent_error_is_not_called_a_consequence() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = set_value(text, TOTAL, "18")
    text = set_value(text, ("requests", "carry_forward", "person"), "5")  # a second, real mistake
    findings = lint_text(text, "r.toml", select=["H"]).findings
    h1 = [f for f in findings if f.code == "H1"]
    assert h1, "the balance of the 自然人 column fails on its own"
    person = [f for f in h1 if f.path == ("requests", "carry_forward", "person")]
    assert person and person[0].consequence_of is None
    # the text that disagrees with a correct total is not blamed on another cell
    text2 = set_value(EXAMPLE.read_text(encoding="utf-8"), ("requests", "new", "person"), "15")
    for f in lint_text(text2, "r.toml").findings:
        assert f.consequence_of is None, f
