"""``govreport fmt`` keeps every comment: byte for byte where it stays, its text intact where the
canonical layout moves it — and the file's line endings and byte-order mark.

The reproductions of issue 10 (items 1–4) run as a user runs them; the property test puts
comments everywhere TOML allows them, with any spacing, with text that also occurs inside the
report's strings, and checks every comment, the data, lint's findings and idempotence.
"""

from __future__ import annotations

import random
import re
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.format import load_spec
from govreport.lint import lint_text
from govreport.report.fmt import _same, format_text
from govreport.report.locate import PositionIndex
from govreport.report.writer import generated_comments, write_report_toml

from .conftest import EXAMPLE, run_cli
from .test_fmt import reports, safe_text

E = EXAMPLE.read_text(encoding="utf-8")


def fmt_file(tmp_path: Path, text: str | bytes, name: str = "t.toml") -> tuple[bytes, str]:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    proc = run_cli("fmt", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert run_cli("fmt", "--check", str(path)).returncode == 0  # idempotent
    return path.read_bytes(), proc.stderr


def comment_bodies(text: str) -> list[str]:
    return [raw[1:] for _, raw in PositionIndex(text).comments]


# -- issue 10, item 1: a comment whose text is also a line of a narrative string ----------------


def test_a_comment_also_written_inside_a_string_is_kept(tmp_path: Path) -> None:
    text = E.replace("\n[problems]\n", "\n# 核对人：张三\n[problems]\n").replace(
        "intro = '''\n", "intro = '''\n# 核对人：张三\n"
    )
    assert text.count("# 核对人：张三") == 2
    out, _ = fmt_file(tmp_path, text)
    decoded = out.decode()
    assert "# 核对人：张三\n[problems]" in decoded
    assert "intro = '''\n# 核对人：张三\n" in decoded
    assert tomllib.loads(decoded) == tomllib.loads(text)


# -- item 2: comments in the header block ------------------------------------------------------


@pytest.mark.parametrize("after_line", [1, 2, 3])
def test_a_note_that_ends_like_a_title_is_kept(tmp_path: Path, after_line: int) -> None:
    lines = E.split("\n")
    lines.insert(after_line, "# 参照：云岭县人民政府2023年政府信息公开工作年度报告")
    out, _ = fmt_file(tmp_path, "\n".join(lines))
    decoded = out.decode()
    assert decoded.count("# 参照：云岭县人民政府2023年政府信息公开工作年度报告\n") == 1
    assert decoded.count("# 云岭县青石镇人民政府2024年政府信息公开工作年度报告\n") == 1


def test_an_old_title_line_is_replaced(tmp_path: Path) -> None:
    """The title line the writer wrote for another year is regenerated, not kept twice."""
    text = E.replace("# 云岭县青石镇人民政府2024年", "# 云岭县青石镇人民政府2023年", 1)
    out, _ = fmt_file(tmp_path, text)
    assert "2023年政府信息公开工作年度报告" not in out.decode()
    assert out.decode() == E


def test_a_note_on_the_format_line_is_kept_and_lint_agrees(tmp_path: Path) -> None:
    doc_line = E.split("\n")[2]
    assert doc_line.startswith("# 报告文件格式说明：")
    text = E.replace(doc_line, doc_line + "  # govreport: ignore[C3]", 1)
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    before = run_cli("lint", "--format", "json", str(path))
    out, _ = fmt_file(tmp_path, text)
    assert out.decode().split("\n")[2] == doc_line + "  # govreport: ignore[C3]"
    after = run_cli("lint", "--format", "json", str(path))
    assert '"M1"' in before.stdout and before.stdout == after.stdout


# -- item 3: spacing, CRLF, BOM ----------------------------------------------------------------


def test_runs_of_spaces_in_comments_are_kept(tmp_path: Path) -> None:
    text = E.replace("# 联系方式", "#  联系   方式\u3000（备用）\t ", 1).replace(
        "\n[problems]\n", "\n#   核对：  张三    李四  \n[problems]\n"
    )
    out, _ = fmt_file(tmp_path, text)
    decoded = out.decode()
    assert "# 联系方式 · 联系   方式\u3000（备用）\n" in decoded  # beside its label, text intact
    assert "\n#   核对：  张三    李四  \n[problems]" in decoded  # byte for byte


def test_crlf_stays_crlf_and_a_bom_stays(tmp_path: Path) -> None:
    messy = E.replace("year = 2024                     # 报告年度", "year=2024")
    out, _ = fmt_file(tmp_path, messy.replace("\n", "\r\n"))
    assert out == E.replace("\n", "\r\n").encode()
    out, _ = fmt_file(tmp_path, b"\xef\xbb\xbf" + messy.encode(), "bom.toml")
    assert out == b"\xef\xbb\xbf" + E.encode()
    both = b"\xef\xbb\xbf" + messy.replace("\n", "\r\n").encode()
    out, _ = fmt_file(tmp_path, both, "both.toml")
    assert out == b"\xef\xbb\xbf" + E.replace("\n", "\r\n").encode()


# -- item 4: comments after a table header -----------------------------------------------------


@pytest.mark.parametrize(
    ("header", "comment"),
    [("[report]", "# 张三  2025-01-02 核对"), ("[requests.new]", "# 标签  # 我的注释")],
)
def test_header_comments_are_accepted_and_kept(tmp_path: Path, header: str, comment: str) -> None:
    lines = [
        f"{header}  {comment}" if line.startswith(header + " ") or line == header else line
        for line in E.split("\n")
    ]
    text = "\n".join(lines)
    assert comment in text
    out, stderr = fmt_file(tmp_path, text)
    assert "丢失注释" not in stderr
    line = next(x for x in out.decode().split("\n") if x.startswith(header + " "))
    assert line.endswith(comment[1:]) or line.endswith(comment)


# -- the property: comments everywhere ---------------------------------------------------------

SPECIAL = [
    "核对人：张三",
    "参照：云岭县人民政府2023年政府信息公开工作年度报告",
    "云岭县人民政府2023年政府信息公开工作年度报告",
    "报告文件格式说明：见内网",
    "govreport: ignore[C3]",
    "govreport: ignore[H3, S1]",
    "govreport: ignore",
    "==== 基本信息 ====",
    "总计",
    "标签  # 我的注释",
    "张三  2025-01-02 核对",
    "#",
    "",
]
spacing = st.sampled_from(["", " ", "  ", "\t", " \u3000", "   "])  # inside a comment
indent = st.sampled_from(["", " ", "  ", "\t", " \t "])  # before a "#": TOML whitespace only


@st.composite
def comment_bodies_for(draw: st.DrawFn, data: dict[str, Any]) -> str:
    """The text after a ``#``: any text, tricky text, or a line of one of the report's strings."""
    strings = [line for line in _string_lines(data) if line.strip() and _commentable(line)]
    options = [safe_text, st.sampled_from(SPECIAL)]
    if strings:
        options.append(st.sampled_from(strings))
    text = draw(st.one_of(*options))
    return draw(spacing) + text + draw(st.sampled_from(["", "", " ", "  ", "\t"]))


def _commentable(text: str) -> bool:
    """TOML comments may hold any character but control characters (a tab is fine)."""
    return all(ch == "\t" or unicodedata.category(ch) != "Cc" for ch in text)


def _string_lines(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [line for v in value.values() for line in _string_lines(v)]
    if isinstance(value, str):
        return [line.removeprefix("#") for line in value.split("\n")]
    return []


@st.composite
def commented_reports(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    """A report in a random layout with comments inserted everywhere TOML allows them; the
    text, and each comment as (``own-line`` or ``trailing``, its body)."""
    data = draw(reports())
    # narrative text that looks like comments: its lines must not be taken for comments
    texts = [f.path for f in load_spec().text_fields()]
    path = draw(st.sampled_from(texts))
    node: Any = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(node, dict) else {}
    if isinstance(node, dict):
        node[path[-1]] = "# 核对人：张三\n正文。\n# ==== 基本信息 ====\n"
    seed = draw(st.integers(0, 2**32))
    rng = random.Random(seed)
    import tomlkit

    text = tomlkit.dumps(data) if rng.random() < 0.4 else write_report_toml(load_spec(), data)
    index = PositionIndex(text)
    lines = text.split("\n")
    trailing_ok = {pos.line for pos in index.value_ends.values()} | {p.line for p in index.headers.values()}
    # a value that ends on a line where another one starts (inline tables) has no room for one
    statement_starts = {p.line for p in index.keys.values()} | {p.line for p in index.headers.values()}
    own_line_slots = sorted(statement_starts | {1, len(lines)} | set(range(1, min(4, len(lines)) + 1)))
    inserted: list[tuple[str, str]] = []
    above: dict[int, list[str]] = {}
    after: dict[int, str] = {}
    for _ in range(draw(st.integers(1, 12))):
        body = draw(comment_bodies_for(data))
        if draw(st.booleans()) and trailing_ok:
            line = draw(st.sampled_from(sorted(trailing_ok)))
            if line in after or "#" in lines[line - 1].split("'''")[-1].split('"""')[-1]:
                continue
            after[line] = body
            inserted.append(("trailing", body))
        else:
            line = draw(st.sampled_from(own_line_slots))
            above.setdefault(line, []).append(draw(indent) + "#" + body)
            inserted.append(("own-line", body))
    out = []
    for number, line in enumerate(lines, start=1):
        out.extend(above.get(number, []))
        out.append(f"{line}{draw(indent)}#{after[number]}" if number in after else line)
    return "\n".join(out), inserted


def _findings(text: str) -> Counter[tuple[str, str, str, str | None]]:
    # A consequence names the line of its cause, which fmt may move: compare the cause's path.
    return Counter(
        (
            f.code,
            ".".join(map(str, f.path)),
            re.sub(r"由第 \d+ 行", "由第 N 行", f.message),
            (f.consequence_of or {}).get("path"),
        )
        for f in lint_text(text).findings
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commented_reports(), st.booleans(), st.booleans())
def test_every_comment_survives_fmt(case: tuple[str, list[tuple[str, str]]], crlf: bool, bom: bool) -> None:
    text, inserted = case
    before = tomllib.loads(text)
    formatted = format_text(text)
    if crlf or bom:  # the same result, in the file's own line endings and with its BOM
        raw = format_text(("\ufeff" if bom else "") + (text.replace("\n", "\r\n") if crlf else text))
        assert raw.startswith("\ufeff") == bom
        assert raw.removeprefix("\ufeff") == (formatted.replace("\n", "\r\n") if crlf else formatted)
    assert _same(tomllib.loads(formatted), before)
    written = comment_bodies(formatted)
    lines = {line.lstrip(" \t") for line in formatted.split("\n")}
    generated = generated_comments(load_spec(), before)
    need = Counter(body.strip() for _, body in inserted if body.strip())
    for body_text, count in need.items():
        have = sum(c.count(body_text) for c in written)
        if body_text in generated:
            assert have >= 1, body_text  # the writer writes that line itself
        else:
            assert have >= count, (body_text, written)
    for where, body in inserted:
        if where == "own-line" and body.strip() and body.strip() not in generated:
            assert "#" + body in lines, body  # byte for byte
    assert _findings(formatted) == _findings(text)
    assert format_text(formatted) == formatted
