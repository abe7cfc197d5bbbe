"""``govreport fmt``: canonical layout, lossless (values and comments), idempotent."""

from __future__ import annotations

import datetime as dt
import math
import random
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.format import load_spec
from govreport.report.fmt import _same, format_text
from govreport.report.locate import PositionIndex
from govreport.report.scaffold import new_report
from govreport.report.writer import write_report_toml

from .conftest import ROOT, run_cli

FIXTURES = sorted((ROOT / "examples").glob("*.toml"))


def comments_of(text: str) -> list[str]:
    return [c[1:].removeprefix(" ") for _, c in PositionIndex(text).comments]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_examples_are_already_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_text(text) == text


def test_new_scaffold_is_canonical() -> None:
    spec = load_spec()
    text = write_report_toml(spec, new_report(spec, year=2025, organ="测试乡人民政府").data)
    assert format_text(text) == text


# -- generated reports ----------------------------------------------------------------------

safe_text = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    any_text,
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.lists(st.integers(-5, 5), max_size=3),
)
keys = st.one_of(st.sampled_from(["person", "total", "text", "organ", "x", "新键", "a b"]), safe_text)


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    spec = load_spec()
    data = new_report(spec, year=draw(st.integers(2008, 2100)), organ=draw(safe_text)).data
    cells = [c.path for c in spec.cells()]
    texts = [f.path for f in spec.text_fields()]
    for path in draw(st.lists(st.sampled_from(cells), max_size=8)):
        _put(data, path, draw(st.one_of(st.integers(0, 10**6), scalars, st.just(""), st.just("?"))))
    for path in draw(st.lists(st.sampled_from(texts), max_size=4)):
        _put(data, path, draw(any_text))
    for path in draw(st.lists(st.sampled_from(cells + texts), max_size=2)):
        _drop(data, path)
    if draw(st.booleans()):
        _put(
            data,
            ("proactive", "item_8", "fees", "amount"),
            draw(st.sampled_from([math.nan, math.inf, 1.85, -0.0])),
        )
    for _ in range(draw(st.integers(1, 3))):  # keys the format does not have, anywhere
        where = draw(
            st.sampled_from([(), ("report",), ("requests", "new"), ("other",), ("appeals", "review")])
        )
        _put(data, (*where, draw(keys)), draw(st.one_of(scalars, st.dictionaries(keys, scalars, max_size=2))))
    return data


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for part in path[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[path[-1]] = value


def _drop(data: dict[str, Any], path: tuple[str, ...]) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node.get(part, {}) if isinstance(node, dict) else {}
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    return value


def messy_text(data: dict[str, Any], seed: int, comments: list[str]) -> str:
    """*data* in a non-canonical layout (tomlkit's, keys shuffled) with comments in random places."""
    rng = random.Random(seed)
    if rng.random() < 0.5:
        text = tomlkit.dumps(_shuffled(data, rng))
    else:  # our own layout, multi-line strings and all, with the keys in another order
        text = write_report_toml(load_spec(), _shuffled(data, rng))
    index = PositionIndex(text)
    lines = text.split("\n")
    single_line = {
        pos.line
        for path, pos in index.values.items()
        if path in index.value_ends and index.value_ends[path].line == pos.line
    } | {pos.line for pos in index.headers.values()}
    statement_starts = sorted(
        {pos.line for pos in index.keys.values()} | {pos.line for pos in index.headers.values()}
    )
    for comment in comments:
        if rng.random() < 0.5 and single_line:
            line = rng.choice(sorted(single_line))
            if "#" not in lines[line - 1]:
                lines[line - 1] += f"  # {comment}"
                continue
        line = rng.choice(statement_starts) if statement_starts else len(lines)
        lines[line - 1] = f"# {comment}\n{lines[line - 1]}"
    return "\n".join(lines)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.integers(0, 10**6), st.lists(safe_text, max_size=6))
def test_fmt_is_lossless_and_idempotent(data: dict[str, Any], seed: int, comments: list[str]) -> None:
    text = messy_text(data, seed, comments)
    before = tomllib.loads(text)
    formatted = format_text(text)
    assert _same(tomllib.loads(formatted), before)
    kept = "\n".join(comments_of(formatted))
    for comment in comments:
        assert comment in kept  # kept as written, spaces and all
    assert format_text(formatted) == formatted


def test_same_treats_nan_as_equal_and_types_as_distinct() -> None:
    assert _same({"a": math.nan}, {"a": math.nan})
    assert not _same({"a": 1}, {"a": 1.0})
    assert not _same({"a": True}, {"a": 1})


# -- the command -------------------------------------------------------------------------------


MESSY = """# 我的备注
format = "2021"
[requests.new]   # 改过的行注释
total = 17  # 待核对
person = 14
extra_key = "keep me"   # 未知键
[report]
organ = "青石镇人民政府"
year = 2024
"""


def test_fmt_rewrites_in_place_keeping_comments(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(MESSY, encoding="utf-8")
    proc = run_cli("fmt", str(path))
    assert proc.returncode == 0, proc.stderr
    out = path.read_text(encoding="utf-8")
    assert out.index("[report]") < out.index("[requests.new]")
    assert "[requests.new]  # 一、本年新收政府信息公开申请数量 · 改过的行注释" in out
    assert "total = 17             # 总计 · 待核对" in out
    assert 'extra_key = "keep me"  # 未知键' in out
    assert "# 我的备注\nformat = " in out
    assert tomllib.loads(out) == tomllib.loads(MESSY)


def test_fmt_check_changes_nothing_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(MESSY, encoding="utf-8")
    proc = run_cli("fmt", "--check", str(path))
    assert proc.returncode == 1 and "需要格式化" in proc.stdout
    assert path.read_text(encoding="utf-8") == MESSY
    diff = run_cli("fmt", "--diff", str(path))
    assert diff.returncode == 1 and diff.stdout.startswith("---") and "+[requests.new]" in diff.stdout
    assert path.read_text(encoding="utf-8") == MESSY
    run_cli("fmt", str(path))
    assert run_cli("fmt", "--check", str(path)).returncode == 0


def test_fmt_leaves_a_broken_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('format = "2021"\n[report\n', encoding="utf-8")
    proc = run_cli("fmt", str(path))
    assert proc.returncode == 2 and "TOML 语法错误" in proc.stderr and "Traceback" not in proc.stderr
    assert path.read_text(encoding="utf-8") == 'format = "2021"\n[report\n'


def test_fmt_refuses_to_write_what_it_cannot_verify(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the writer ever dropped a value, the check stops the write."""
    import govreport.report.fmt as fmt_module

    def lossy(spec, data, **kwargs):  # type: ignore[no-untyped-def]
        data = dict(data)
        data.pop("requests", None)
        return write_report_toml(spec, data, **kwargs)

    monkeypatch.setattr(fmt_module, "write_report_toml", lossy)
    with pytest.raises(fmt_module.FormatError):
        format_text(MESSY)
