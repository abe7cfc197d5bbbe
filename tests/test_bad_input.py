"""Bad input through the real CLI: findings or a one-line error with exit 2 — never a
traceback, never a hang, never a damaged file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.fsutil import RefusedOverwrite, write_atomic
from govreport.lint import lint_text

from .conftest import EXAMPLE, set_value

TIMEOUT = 60  # seconds: anything slower than this is a hang

# Each command that reads a report file, with what it needs around the file name.
COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "lint": lambda f, out: ["lint", str(f)],
    "fmt": lambda f, out: ["fmt", "--check", str(f)],
    "render": lambda f, out: ["render", str(f), "-o", str(out / "out.html")],
    "new --from": lambda f, out: ["new", "--year", "2025", "--from", str(f), "-o", str(out / "new.toml")],
}


def run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "govreport", *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            cwd=cwd,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"govreport {' '.join(args)} did not finish within {TIMEOUT} s")


def assert_clean_failure(proc: subprocess.CompletedProcess[str]) -> str:
    """Exit 2 with exactly one error line, and no traceback anywhere.

    The line is on stderr, or for ``lint`` a finding line (F1) on stdout, where editors and
    the JSON output expect it."""
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    summary = ("发现", "全部通过", "0 个文件", "1 个文件")
    lines = [line for line in proc.stderr.splitlines() if line.strip() and not line.startswith(summary)]
    lines += [line for line in proc.stdout.splitlines() if " F1 " in line]
    assert len(lines) == 1, (proc.stdout, proc.stderr)
    return lines[0]


def write_bytes(directory: Path, data: bytes, name: str = "r.toml") -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


UNREADABLE_CASES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", ""),
    "binary": (bytes(range(256)) * 8, "二进制"),
    "not utf-8": ('format = "2021"\norgan = "青石镇"\n'.encode("gb18030"), "UTF-8"),
    "malformed toml": (b'format = "2021"\n[report\n', "TOML"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(UNREADABLE_CASES))
def test_files_that_are_not_reports(tmp_path: Path, command: str, case: str) -> None:
    data, words = UNREADABLE_CASES[case]
    path = write_bytes(tmp_path, data)
    proc = run(COMMANDS[command](path, tmp_path))
    if case == "empty" and command in ("lint", "fmt", "render"):
        # An empty file is valid TOML: it is a report with everything missing.
        assert "Traceback" not in proc.stderr
        assert proc.returncode in (1, 2) or command != "lint"
        if command == "lint":
            assert "C1" in proc.stdout and "F2" in proc.stdout
        return
    line = assert_clean_failure(proc)
    assert words in line
    assert path.read_bytes() == data  # never touched


@pytest.mark.parametrize("command", list(COMMANDS))
def test_missing_file_directory_and_symlink_loop(tmp_path: Path, command: str) -> None:
    loop = tmp_path / "loop.toml"
    os.symlink(loop, loop)
    for target, words in ((tmp_path / "missing.toml", "不存在"), (loop, "")):
        line = assert_clean_failure(run(COMMANDS[command](target, tmp_path)))
        assert words in line
    if command not in ("lint", "fmt"):  # lint and fmt walk directories
        assert_clean_failure(run(COMMANDS[command](tmp_path, tmp_path)))


def test_a_50_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as fh:
        fh.write(b'format = "2021"\n')
        fh.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    for command in COMMANDS:
        line = assert_clean_failure(run(COMMANDS[command](path, tmp_path)))
        assert "过大" in line


def test_bom_and_crlf_are_fine(tmp_path: Path, example_text: str) -> None:
    path = write_bytes(tmp_path, b"\xef\xbb\xbf" + example_text.replace("\n", "\r\n").encode("utf-8"))
    proc = run(["lint", str(path)])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    broken = example_text.replace("business = 2 ", "business = 3 ", 1).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + broken.encode("utf-8"))
    proc = run(["lint", str(path)])
    assert proc.returncode == 1
    lines = broken.split("\r\n")
    h3 = next(line for line in proc.stdout.splitlines() if " H3 " in line)
    line_no, col = map(int, h3.split(":")[1:3])
    assert lines[line_no - 1][col - 1 :].startswith("17")


WRONG_VALUES = [
    '"十七"',
    '"17"',
    "true",
    "-3",
    "1.5",
    "nan",
    "-inf",
    "1000000000000000000000000000000",
    "[1, 2]",
    "{ a = 1 }",
    "2024-01-01",
]


@pytest.mark.parametrize("value", WRONG_VALUES)
def test_every_kind_of_wrong_value_everywhere_gives_findings(
    tmp_path: Path, example_text: str, value: str
) -> None:
    """The same wrong value put in a count, the fee, the year, the organ, a text and the format."""
    text = example_text
    for path in (
        ("requests", "new", "person"),
        ("proactive", "item_8", "fees", "amount"),
        ("report", "year"),
        ("report", "organ"),
        ("overview", "active"),
        ("report", "contact", "postcode"),
    ):
        text = set_value(text, path, value)
    file = tmp_path / "r.toml"
    file.write_text(text, encoding="utf-8")
    proc = run(["lint", "--format", "json", str(file)])
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1, proc.stderr
    import json

    findings = json.loads(proc.stdout)
    flagged = {f["path"] for f in findings}
    assert "requests.new.person" in flagged and "report.year" in flagged
    for command in ("render", "fmt"):
        out = run(COMMANDS[command](file, tmp_path))
        assert "Traceback" not in out.stderr and out.returncode in (0, 1), out.stderr


# -- fuzzing -------------------------------------------------------------------------------

toml_fragments = st.sampled_from(
    ["[requests.new]", "[report]", "person = ", "total = ", "organ = ", '"x"', "17", "-1", "nan", "[[a]]",
     "'''", '"""', "= =", "\n", "# c", "{ a = 1 }", "[1,", "]", "2024-01-01", "\\u0000", "年", "format = \"2021\""]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(toml_fragments, max_size=40).map("".join))
def test_lint_never_crashes_on_fragments(text: str) -> None:
    result = lint_text(text, "fuzz.toml")
    assert result.fatal is not None or isinstance(result.findings, list)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_lint_never_crashes_on_mutated_reports(data: st.DataObject) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "dup", "cut", "swap"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, max(0, len(lines[i]))))]
        else:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            break
    result = lint_text("\n".join(lines), "fuzz.toml")
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1 and finding.message


# -- no data loss -----------------------------------------------------------------------------


class DiskFull(OSError):
    pass


def test_a_write_that_fails_half_way_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.toml"
    target.write_text("the original\n", encoding="utf-8")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh: object) -> None:
            self.fh = fh

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            raise DiskFull(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(DiskFull):
        write_atomic(target, "the new content, long enough to be cut in half\n", overwrite=True)
    assert target.read_text(encoding="utf-8") == "the original\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]  # no temporary file left behind


def test_a_failing_rename_leaves_the_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.toml"
    target.write_text("the original\n", encoding="utf-8")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, "new\n", overwrite=True)
    assert target.read_text(encoding="utf-8") == "the original\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def test_nothing_replaces_a_file_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "r.toml"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(RefusedOverwrite):
        write_atomic(target, "theirs\n")
    assert target.read_text(encoding="utf-8") == "mine\n"
    html = tmp_path / "r.html"
    html.write_text("my page\n", encoding="utf-8")
    sample = tmp_path / "sample.txt"
    sample.write_text((EXAMPLE.parent / "qingshi-2024.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for args in (
        ["new", "--organ", "测试乡人民政府", "-o", str(target)],
        ["render", str(EXAMPLE), "-o", str(html)],
        ["import", str(sample), "-o", str(target)],
    ):
        proc = run(args)
        assert proc.returncode != 0 and "Traceback" not in proc.stderr, (args, proc.stderr)
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert html.read_text(encoding="utf-8") == "my page\n"


@pytest.mark.parametrize("command", ["fmt", "new", "render", "import"])
def test_a_disk_full_during_a_command_keeps_the_file(
    run_in_process, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:  # type: ignore[no-untyped-def]
    """Each writing command, with the disk filling up half-way through its write."""
    target = tmp_path / "r.toml"
    original = set_value(EXAMPLE.read_text(encoding="utf-8"), ("report", "organ"), '"原来的乡人民政府"')
    original = original.replace("[report]", "[report]  # 我的注释", 1)
    target.write_text(original, encoding="utf-8")
    real_fdopen = os.fdopen

    def half(fd: int, mode: str):  # type: ignore[no-untyped-def]
        fh = real_fdopen(fd, mode)
        real_write = fh.write

        def write(data: bytes) -> int:
            real_write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

        fh.write = write  # type: ignore[method-assign]
        return fh

    monkeypatch.setattr(os, "fdopen", half)
    source = tmp_path / "published.txt"
    source.write_text("placeholder", encoding="utf-8")
    args = {
        "fmt": ["fmt", str(target)],
        "new": ["new", "--organ", "x", "--force", "-o", str(target)],
        "render": ["render", str(EXAMPLE), "--to", "md", "--force", "-o", str(target)],
        "import": ["import", str(EXAMPLE), "--type", "text", "--force", "-o", str(target)],
    }[command]
    if command == "fmt":
        target.write_text(
            original.replace("person = 14    # 自然人", "person = 14 # 自然人"), encoding="utf-8"
        )
        original = target.read_text(encoding="utf-8")
    result = run_in_process(*args)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.fixture
def run_in_process():  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from govreport.cli import cli

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli, list(args), catch_exceptions=True)

    return invoke


# -- import fuzzing ----------------------------------------------------------------------------

_REPORT_TEXT = (EXAMPLE.parent / "qingshi-2024.toml").read_text(encoding="utf-8")


def _published_text() -> str:
    from govreport.format import load_spec
    from govreport.render import render_report
    from govreport.report.document import ReportDocument

    html = render_report(ReportDocument.from_text(_REPORT_TEXT), "html", spec=load_spec())
    import re

    return re.sub(r"<[^>]+>", "\t", html)  # the rendered report as tab-separated text


_PUBLISHED = _published_text()
_NOISE = [
    "8010000810",
    "（三）不予公开",
    "总计",
    "\t\t",
    "<table>",
    "</td>",
    "<td rowspan=99>",
    "一、总体情况",
    "",
    "?",
]


@st.composite
def mutated_publications(draw: st.DrawFn) -> str:
    lines = _PUBLISHED.split("\n")
    for _ in range(draw(st.integers(1, 12))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "cut", "swap", "noise", "truncate"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "noise":
            lines.insert(i, draw(st.sampled_from(_NOISE)))
        else:
            lines = lines[:i]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_publications(), st.sampled_from(["text", "html"]))
def test_import_never_crashes(text: str, kind: str) -> None:
    """Published text cut, shuffled and with noise: a partial report or a clear SourceError."""
    from govreport.importer import SourceError, import_bytes

    try:
        result = import_bytes(text.encode("utf-8"), f"fuzz.{'html' if kind == 'html' else 'txt'}", kind)
    except SourceError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert lint_text(result.text, "fuzz.toml").fatal is None  # whatever it found is a valid report file
