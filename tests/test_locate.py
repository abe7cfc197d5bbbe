"""Positions of keys and values in TOML text."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.report.locate import Pos, PositionIndex
from govreport.report.writer import toml_key, toml_text, toml_value

from .conftest import EXAMPLE

DOC = """#:schema x
format = "2021"  # 格式
[report]
organ = "测试乡"   # 机关
arr = [1, 2,
  3, # comment
  [4, 5]]
inl = { x = 1, y = { z = "q" } }
txt = \"\"\"
多行 "" \\\"\"\"
文本\"\"\"
"quoted key".dotted = 5
n = -1.5e+3
[requests.new]   # 一
person = 80
[[aot]]
v = 1
[[aot]]
v = [[1], [2]]
[aot.sub]
w = 3
"""


def test_positions_of_values_keys_and_headers() -> None:
    tomllib.loads(DOC)
    index = PositionIndex(DOC)
    assert index.value(("format",)) == Pos(2, 10)
    assert index.value(("report", "organ")) == Pos(4, 9)
    assert index.key(("report", "organ")) == Pos(4, 1)
    assert index.value(("report", "arr", 2)) == Pos(6, 3)
    assert index.value(("report", "arr", 3, 1)) == Pos(7, 7)
    assert index.value(("report", "inl", "y", "z")) == Pos(8, 26)
    assert index.value(("report", "txt")) == Pos(9, 7)
    assert index.value(("report", "quoted key", "dotted")) == Pos(12, 23)
    assert index.value(("report", "n")) == Pos(13, 5)
    assert index.header(("requests", "new")) == Pos(14, 1)
    assert index.value(("requests", "new", "person")) == Pos(15, 10)
    assert index.value(("aot", 1, "v", 1, 0)) == Pos(19, 12)
    assert index.value(("aot", 1, "sub", "w")) == Pos(21, 5)


def test_nearest_falls_back_to_the_closest_ancestor() -> None:
    index = PositionIndex(DOC)
    assert index.nearest(("requests", "new", "missing")) == Pos(14, 1)
    assert index.nearest(("nowhere",)) == Pos(1, 1)


def test_every_value_of_the_example_is_found() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    index = PositionIndex(text)
    lines = text.split("\n")

    def walk(value: object, path: tuple[str, ...]) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, (*path, key))
            return
        pos = index.value(path)
        assert pos is not None, path
        line = lines[pos.line - 1]
        assert line[: pos.column - 1].rstrip().endswith("="), (path, line)
        if isinstance(value, int | float) and not isinstance(value, bool):
            assert line[pos.column - 1 :].startswith(str(value)), (path, line)

    walk(data, ())


keys = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8)
scalars = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(keys, st.dictionaries(keys, scalars, min_size=1, max_size=5), min_size=1, max_size=4))
def test_generated_documents_locate_every_value(tables: dict[str, dict[str, object]]) -> None:
    lines = []
    for name, values in tables.items():
        lines.append(f"[{toml_key(name)}]  # a table")
        for key, value in values.items():
            literal = toml_text(value) if isinstance(value, str) and "\n" in value else toml_value(value)
            lines.append(f"{toml_key(key)} = {literal}  # comment")
    text = "\n".join(lines) + "\n"
    parsed = tomllib.loads(text)
    assert parsed.keys() == tables.keys()
    index = PositionIndex(text)
    for name, values in tables.items():
        assert index.header((name,)) is not None
        for key in values:
            pos = index.value((name, key))
            assert pos is not None, (name, key)
            assert text.split("\n")[pos.line - 1][: pos.column - 1].endswith(" = ")
