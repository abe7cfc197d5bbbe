"""Issue 10, items 9–11: one input limit for every command, bounded standard input,
non-regular files (FIFO, socket, device) never opened, lint linear in its findings and in
long paragraphs.  Every test runs the real CLI in a fresh process under a memory cap and a
time limit (tests/resource_helpers.py)."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport import limits
from govreport.cli import cli

from .conftest import EXAMPLE, SAMPLES
from .resource_helpers import assert_clean_exit, assert_refused, run_bounded

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and rlimits need a POSIX system")

READERS = {
    "lint": lambda f: ["lint", str(f)],
    "fmt": lambda f: ["fmt", str(f)],
    "fmt --check": lambda f: ["fmt", "--check", str(f)],
    "render": lambda f: ["render", str(f), "-o", str(f.parent / "out.html")],
    "new --from": lambda f: ["new", "--year", "2025", "--from", str(f), "-o", str(f.parent / "new.toml")],
    "lint --previous": lambda f: ["lint", "--previous", str(f), str(EXAMPLE)],
    "import": lambda f: ["import", str(f)],
    "lint --config": lambda f: ["lint", "--config", str(f), str(EXAMPLE)],
    "edit": lambda f: ["edit", str(f)],
}


@pytest.fixture
def fifo_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(tmp_path / "p.toml")
    return tmp_path


@pytest.mark.parametrize("command", sorted(READERS))
def test_a_named_fifo_is_refused_not_waited_on(fifo_dir: Path, command: str) -> None:
    proc = run_bounded(*READERS[command](fifo_dir / "p.toml"), timeout=30)
    assert_refused(proc, "p.toml", "命名管道")


@pytest.mark.parametrize("command", ["lint", "fmt", "fmt --check"])
def test_a_fifo_in_a_directory_walk_is_skipped_with_a_message(fifo_dir: Path, command: str) -> None:
    args = READERS[command](fifo_dir)
    proc = run_bounded(*args, timeout=30, cwd=fifo_dir)
    assert_clean_exit(proc, 0)
    assert re.search(r"已跳过 .*p\.toml：是命名管道", proc.stderr), proc.stderr
    assert "1 个文件" in proc.stderr + proc.stdout  # a.toml was still checked


def test_a_symlink_to_a_fifo_and_a_socket_are_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p")
    (tmp_path / "link.toml").symlink_to(tmp_path / "p")
    proc = run_bounded("lint", str(tmp_path / "link.toml"), timeout=30)
    assert_refused(proc, "命名管道")
    path = tmp_path / "s.toml"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        try:
            server.bind(str(path))
        except OSError as exc:  # a path too long for AF_UNIX
            pytest.skip(f"cannot make a socket: {exc}")
        assert_refused(run_bounded("lint", str(path), timeout=30), "套接字")
        walk = run_bounded("lint", str(tmp_path), timeout=30)
        assert "已跳过" in walk.stderr and "套接字" in walk.stderr, walk.stderr


def test_a_device_is_refused() -> None:
    assert_refused(run_bounded("lint", "/dev/null", timeout=30), "字符设备")
    assert_refused(run_bounded("import", "/dev/zero", timeout=30), "字符设备")


def test_the_fifo_is_never_opened(fifo_dir: Path) -> None:
    """Nobody opens the FIFO for writing: a reader that opened it would block (or, with a
    writer, read it).  Here a writer is attached: the FIFO must still not be read."""
    fd = os.open(fifo_dir / "p.toml", os.O_RDWR | os.O_NONBLOCK)  # a writer that never closes
    try:
        os.write(fd, b'format = "2021"\n')
        proc = run_bounded("lint", str(fifo_dir), timeout=30)
        assert "已跳过" in proc.stderr
        assert os.read(fd, 100) == b'format = "2021"\n'  # still in the pipe: nobody read it
    finally:
        os.close(fd)


def test_standard_input_is_bounded_in_memory() -> None:
    """60 MB on standard input used to be read whole (3.3 GB of memory); now it stops at the
    limit, under a memory cap far below what reading it all would need."""
    data = b"a" * (60 * 1024 * 1024)
    proc = run_bounded("import", "-", input=data, mem_mib=512, timeout=60)
    assert_refused(proc, "<stdin>", f"超过 {limits.MAX_INPUT_BYTES // limits.MIB} MB")


def test_standard_input_at_the_limit_is_read(tmp_path: Path) -> None:
    sample = SAMPLES / "shuyang-county-2025.txt"
    if not sample.exists():
        pytest.skip(f"sample reports not available ({SAMPLES})")
    proc = run_bounded("import", "-", "-q", input=sample.read_bytes(), timeout=60)
    assert_clean_exit(proc, 0, 1)
    assert "[report]" in proc.stdout


def test_one_limit_for_every_command(tmp_path: Path) -> None:
    """A file just over the one limit is refused by every reader with the same message; the
    constant is the one in govreport/limits.py."""
    big = tmp_path / "big.toml"
    head = EXAMPLE.read_bytes() + b"#"
    big.write_bytes(head + b"x" * (limits.MAX_INPUT_BYTES + 1 - len(head)))
    assert big.stat().st_size == limits.MAX_INPUT_BYTES + 1
    limit = f"上限 {limits.MAX_INPUT_BYTES // limits.MIB} MB"
    for command in ("lint", "fmt --check", "render", "new --from", "import"):
        assert_refused(run_bounded(*READERS[command](big), timeout=30), "文件过大", limit)


def test_import_writes_nothing_the_other_commands_would_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The result of an import larger than the input limit is not written (exit 2)."""
    sample = SAMPLES / "shuyang-county-2025.txt"
    if not sample.exists():
        pytest.skip(f"sample reports not available ({SAMPLES})")
    source = sample.read_bytes()
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", len(source) + 10)  # the source fits, the result not
    out = tmp_path / "out.toml"
    result = CliRunner().invoke(cli, ["import", str(sample), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "导入结果超过" in result.stderr
    assert not out.exists()


def _long_paragraph_report(tmp_path: Path, clauses: int) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    m = re.search(r"^intro = '''\n", text, re.MULTILINE)
    assert m is not None
    path = tmp_path / f"long-{clauses}.toml"
    path.write_text(
        text[: m.end()] + "政务公开工作持续推进。" * clauses + "\n" + text[m.end() :], encoding="utf-8"
    )
    return path


def test_a_long_paragraph_is_linted_in_bounded_memory(tmp_path: Path) -> None:
    """A 1 MB paragraph of short sentences: each clause used to hold its own copy of the
    paragraph (MemoryError at 4 GB) and search it again (quadratic time)."""
    path = _long_paragraph_report(tmp_path, 30_000)
    assert path.stat().st_size > 900_000
    for command in ("lint", "render", "fmt --check"):
        assert_clean_exit(run_bounded(*READERS[command](path), mem_mib=1024, timeout=60), 0)


# --- lint: linear in its findings -------------------------------------------------------------


def _report_with_suppressed_unknown_keys(n: int) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    i = text.index("[report]\n") + len("[report]\n")
    return text[:i] + "".join(f"k{j} = {j}  # govreport: ignore[H1]\n" for j in range(n)) + text[i:]


def test_suppressions_are_matched_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """N findings and N suppressions: each finding used to be compared with every suppression
    (N² calls of covers(), 5,000 findings 28 s); now only with those on its line and table."""
    from govreport.lint import engine, suppress

    calls = 0
    original = suppress.Suppression.covers

    def counting(self: suppress.Suppression, finding: engine.Finding) -> str | None:
        nonlocal calls
        calls += 1
        return original(self, finding)

    monkeypatch.setattr(suppress.Suppression, "covers", counting)
    n = 2000
    result = engine.lint_text(_report_with_suppressed_unknown_keys(n), "r.toml")
    codes = [f.code for f in result.findings]
    assert codes.count("S1") == n and codes.count("M1") == n  # H1 is unused on each line
    assert calls <= 3 * n, calls


def test_a_file_with_thousands_of_suppressions_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(_report_with_suppressed_unknown_keys(5000), encoding="utf-8")
    proc = run_bounded("lint", "--format", "json", str(path), timeout=60)
    assert_clean_exit(proc, 1)
    assert proc.stdout.count('"code": "M1"') == 5000


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.text(alphabet="申请件年度0123456789 ab\t", max_size=12), min_size=1, max_size=8),
    data=st.data(),
)
def test_text_positions_are_exact(lines: list[str], data: st.DataObject) -> None:
    """The line and column of a character inside a multi-line narrative (computed from the
    newline offsets, once per value) are where that character is in the file."""
    from govreport.lint.engine import text_position
    from govreport.report.document import ReportDocument

    value = "\n".join(lines) + "\n"
    example = EXAMPLE.read_text(encoding="utf-8")
    m = re.search(r"^intro = '''\n(?:.*\n)*?'''\n", example, re.MULTILINE)
    assert m is not None
    text = example[: m.start()] + "intro = '''\n" + value + "'''\n" + example[m.end() :]
    doc = ReportDocument.from_text(text)
    path = ("overview", "intro")
    assert doc.get(path) == value
    offset = data.draw(st.integers(0, len(value) - 1))
    pos = text_position(doc, path, offset)
    assert pos is not None
    line, column = pos
    assert (text.split("\n")[line - 1] + "\n")[column - 1] == value[offset]


def test_a_report_at_the_limit_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """A report of almost MAX_INPUT_BYTES (an 8 MB narrative) is linted and formatted under a
    640 MiB cap: scanning its positions used to take 750 MB (a backtracking point per
    character of the string)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    m = re.search(r"^intro = '''\n", text, re.MULTILINE)
    assert m is not None
    clause = "政务公开工作持续推进，"
    room = limits.MAX_INPUT_BYTES - len(text.encode("utf-8")) - 1000
    path = tmp_path / "big.toml"
    path.write_text(
        text[: m.end()] + clause * (room // len(clause.encode())) + "\n" + text[m.end() :], encoding="utf-8"
    )
    assert limits.MAX_INPUT_BYTES - 2000 < path.stat().st_size <= limits.MAX_INPUT_BYTES
    for command in ("lint", "fmt --check"):
        assert_clean_exit(run_bounded(*READERS[command](path), mem_mib=640, timeout=90), 0)


def test_did_you_mean_is_bounded_per_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of unknown keys in a table: each is still reported (S1), but only the first
    MAX_SUGGESTIONS_PER_TABLE get a fuzzy did-you-mean (the bulk of lint's time before)."""
    from govreport.format import validate
    from govreport.lint import engine

    calls = 0
    original = validate._suggest

    def counting(*args: object) -> str | None:
        nonlocal calls
        calls += 1
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "_suggest", counting)
    text = EXAMPLE.read_text(encoding="utf-8")
    i = text.index("[report]\n") + len("[report]\n")
    n = limits.MAX_SUGGESTIONS_PER_TABLE + 400
    result = engine.lint_text(text[:i] + "".join(f"organ{j} = 1\n" for j in range(n)) + text[i:])
    s1 = [f for f in result.findings if f.code == "S1"]
    assert len(s1) == n
    assert calls == limits.MAX_SUGGESTIONS_PER_TABLE
    assert "是否应为「organ」" in s1[0].message  # the first ones still get their suggestion
    assert "是否应为" not in s1[-1].message
