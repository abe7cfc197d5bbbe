"""TOML mistakes from a Chinese input method: explained in Chinese at the right column; the safe
ones repaired by ``fmt --fix``, which says what it changed (issue 14, point 4)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.lint import lint_text
from govreport.report.locate import PositionIndex
from govreport.report.tomlfix import FULL_DIGITS, explain_line, fix_report_text

from .conftest import EXAMPLE, run_cli


def full_width(digits: str) -> str:
    return "".join(FULL_DIGITS[int(c)] if c.isdigit() else c for c in digits)


@pytest.mark.parametrize(
    ("line", "says", "column", "fixable"),
    [
        ("person = １４", "全角数字１４ → 14", 10, True),
        ("person ＝ 14", "全角「＝」→ =", 8, True),
        ("organ = 测试乡人民政府", '文字要加英文引号：应写作 organ = "测试乡人民政府"', 9, False),
        ("a = [1，2]", "「，」→ ,", 7, False),
        ("organ = “测试乡”", "中文引号「“」", 9, False),
        ("【report】", "应写作 [report]", 1, False),
        ("person：14", "不是冒号「：」", 7, False),
        ('organ = "１４"  # １４', None, 0, False),  # inside a string and a comment: nothing wrong
    ],
)
def test_each_mistake_is_explained_at_its_column(
    line: str, says: str | None, column: int, fixable: bool
) -> None:
    found = explain_line(line)
    if says is None:
        assert found is None
        return
    assert found is not None and says in found.zh
    assert found.column == column
    assert found.fixable is fixable
    assert found.en and found.en != found.zh


def test_lint_says_it_in_chinese_and_english_at_the_line_and_column() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("person = 14 ", "person = １４", 1)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "１４" in s)
    (f1,) = lint_text(text, "r.toml").findings
    assert (f1.code, f1.line, f1.column) == ("F1", line, 10)
    assert "全角数字１４ → 14" in f1.message and "fmt --fix" in f1.message
    (en,) = lint_text(text, "r.toml", lang="en").findings
    assert "full-width digits １４ → 14" in en.message


def test_fmt_fix_repairs_and_says_what_it_changed(tmp_path: Path) -> None:
    original = EXAMPLE.read_text(encoding="utf-8")
    broken = original.replace("person = 14 ", "person ＝ １４", 1).replace(
        "business = 2 ", "business = ２ ", 1
    )
    # full-width digits inside a string and a comment are text: they stay
    broken = broken.replace("[report]\n", "[report]  # 核对：第１４行\n", 1)
    path = tmp_path / "r.toml"
    path.write_text(broken, encoding="utf-8")
    plain = run_cli("fmt", str(path))
    assert plain.returncode == 2 and "全角" in plain.stderr and "--fix" in plain.stderr
    assert path.read_text(encoding="utf-8") == broken  # without --fix nothing is touched
    done = run_cli("fmt", "--fix", str(path))
    assert done.returncode == 0, done.stderr
    assert (
        "已修正：＝ → =" in done.stderr
        and "已修正：１４ → 14" in done.stderr
        and "已修正：２ → 2" in done.stderr
    )
    fixed = path.read_text(encoding="utf-8")
    assert tomllib.loads(fixed) == tomllib.loads(original)
    assert "# 核对：第１４行" in fixed


def test_fmt_fix_leaves_a_mistake_it_cannot_be_sure_of(tmp_path: Path) -> None:
    broken = EXAMPLE.read_text(encoding="utf-8").replace('organ = "', "organ = ", 1)
    path = tmp_path / "r.toml"
    path.write_text(broken, encoding="utf-8")
    done = run_cli("fmt", "--fix", str(path))
    assert done.returncode == 2
    assert "文字要加英文引号" in done.stderr
    assert path.read_text(encoding="utf-8") == broken


CELLS = [p for p in PositionIndex(EXAMPLE.read_text(encoding="utf-8")).values if p and p[0] == "requests"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(CELLS), min_size=1, max_size=6, unique=True), st.booleans())
def test_fix_restores_exactly_the_numbers_typed(cells: list[tuple[str, ...]], with_eq: bool) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    want = tomllib.loads(text)
    lines = text.split("\n")
    index = PositionIndex(text)
    for path in cells:
        pos = index.value(path)
        assert pos is not None
        line = lines[pos.line - 1]
        key, _, rest = line.partition(" = ")
        value, _, comment = rest.partition("#")
        line = f"{key} {'＝' if with_eq else '='} {full_width(value)}" + (f"#{comment}" if comment else "")
        lines[pos.line - 1] = line
    fixed, repairs = fix_report_text("\n".join(lines))
    assert tomllib.loads(fixed) == want
    assert len(repairs) >= len(cells)
