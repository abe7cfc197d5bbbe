"""The file itself (F): TOML syntax and the format line."""

from __future__ import annotations

from govreport.lint import lint_text

from .rule_helpers import codes


def test_f1_syntax_error_has_line_and_column() -> None:
    result = lint_text('format = "2021"\n[report]\norgan = "x\n', "r.toml")
    assert result.fatal
    (finding,) = result.findings
    assert (finding.code, finding.line) == ("F1", 3)
    assert finding.column > 1


def test_f2_unknown_and_missing_format(example_text: str) -> None:
    unknown = example_text.replace('format = "2021"', 'format = "1999"')
    (finding,) = lint_text(unknown, "r.toml").findings
    assert finding.code == "F2" and "1999" in finding.message
    missing = example_text.replace('format = "2021"', "")
    assert codes(missing) == ["F2"]
