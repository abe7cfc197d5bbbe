"""Issue 10, item 12: control characters in a report (or a file name) never reach a terminal
or a log raw.  Every human-readable output shows them escaped (govreport/sanitize.py); JSON
and SARIF stay exact; lint warns about them (C4); render never writes a NUL."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.lint import lint_text
from govreport.lint.output import format_text_line, write_github
from govreport.sanitize import UNSAFE, visible

from .conftest import EXAMPLE, FINDING_LINE, parse_findings, run_cli

ESC_VALUE = r'"\u001b]0;PWNED\u0007\u001b[2J"'  # the postcode: sets the title, clears the screen
NEWLINE_VALUE = r'"1\nfake.toml:1:1: H1 injected"'  # a fake finding line in a CI log
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _with_postcode(value: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    new, n = re.subn(r"^postcode = .*$", lambda _: f"postcode = {value}", text, count=1, flags=re.MULTILINE)
    assert n == 1
    return new


@pytest.fixture
def esc_report(tmp_path: Path) -> Path:
    path = tmp_path / "esc.toml"
    path.write_text(_with_postcode(ESC_VALUE), encoding="utf-8")
    return path


@pytest.fixture
def newline_report(tmp_path: Path) -> Path:
    path = tmp_path / "nl.toml"
    path.write_text(_with_postcode(NEWLINE_VALUE), encoding="utf-8")
    return path


def test_lint_text_shows_escape_sequences_escaped(esc_report: Path) -> None:
    proc = run_cli("lint", str(esc_report))
    assert proc.returncode == 1, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert r"\x1b]0;PWNED\x07\x1b[2J" in proc.stdout
    codes = {f["code"] for f in parse_findings(proc.stdout)}
    assert {"S5", "C4"} <= codes


def test_a_newline_in_a_value_cannot_fake_a_finding_line(newline_report: Path) -> None:
    for fmt in ("text", "github"):
        proc = run_cli("lint", "--format", fmt, str(newline_report))
        assert proc.returncode == 1, proc.stderr
        lines = proc.stdout.splitlines()
        assert not any(line.startswith("fake.toml") for line in lines), proc.stdout
        if fmt == "text":
            # every line is a finding about the real file, or the summary
            assert all(FINDING_LINE.match(line) or line.startswith("发现") for line in lines), lines
            assert all(f["file"] == str(newline_report) for f in parse_findings(proc.stdout))
            assert r"1\nfake.toml:1:1: H1 injected" in proc.stdout
        else:
            assert all(line.startswith("::") for line in lines), lines


def test_github_annotations_escape_esc_too(esc_report: Path) -> None:
    proc = run_cli("lint", "--format", "github", str(esc_report))
    assert proc.returncode == 1
    assert not RAW_CONTROL.search(proc.stdout), proc.stdout
    assert r"\x1b]0;PWNED" in proc.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_stay_exact(esc_report: Path, fmt: str) -> None:
    proc = run_cli("lint", "--format", fmt, str(esc_report))
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout  # JSON escapes it ...
    data = json.loads(proc.stdout)
    messages = (
        [f["message"] for f in data]
        if fmt == "json"
        else [r["message"]["text"] for r in data["runs"][0]["results"]]
    )
    assert any("\x1b]0;PWNED\x07\x1b[2J" in m for m in messages)  # ... and keeps it exactly


def test_messages_on_standard_error_quote_file_names_escaped(tmp_path: Path) -> None:
    name = str(tmp_path / "x\x1b]0;PWNED\x07\u202e.toml")
    for args in (["lint", name], ["fmt", name], ["render", name], ["import", name], ["new", "--from", name]):
        proc = run_cli(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert not RAW_CONTROL.search(proc.stderr), (args, proc.stderr)
        assert r"x\x1b]0;PWNED\x07\u202e.toml" in proc.stderr, (args, proc.stderr)


def test_on_a_terminal_nothing_raw_reaches_it(esc_report: Path) -> None:
    """Standard output and standard error a terminal (where click strips nothing)."""
    pytest.importorskip("pty")
    bad_name = str(esc_report.parent / "y\x1b[2J.toml")
    script = (
        "import os, pty, sys\n"
        "pid, fd = pty.fork()\n"
        "if pid == 0:\n"
        "    os.execv(sys.executable, [sys.executable, '-m', 'govreport', *sys.argv[1:]])\n"
        "out = b''\n"
        "while True:\n"
        "    try:\n"
        "        chunk = os.read(fd, 65536)\n"
        "    except OSError:\n"
        "        break\n"
        "    if not chunk:\n"
        "        break\n"
        "    out += chunk\n"
        "os.waitpid(pid, 0)\n"
        "sys.stdout.buffer.write(out)\n"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    for args in (
        ["lint", "--color", "never", str(esc_report)],
        ["lint", bad_name],
        ["fmt", "--check", bad_name],
    ):
        proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, timeout=60, env=env)
        out = proc.stdout.decode("utf-8", "replace")
        assert "\x1b" not in out and "\x07" not in out, (args, out)
        assert r"\x1b" in out, (args, out)


def test_fmt_check_and_diff_show_control_characters_escaped(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('organ = "云岭县', 'organ = "云岭\u202e县', 1)
    assert "\u202e" in text
    bad = tmp_path / "a\x1bb.toml"
    bad.write_text(text.replace("\n[", "\n\n\n[", 3), encoding="utf-8")  # needs formatting
    check = run_cli("fmt", "--check", str(bad))
    assert check.returncode == 1, check.stderr
    assert r"a\x1bb.toml" in check.stdout and not RAW_CONTROL.search(check.stdout + check.stderr)
    diff = run_cli("fmt", "--diff", str(bad))
    assert diff.returncode == 1
    assert not RAW_CONTROL.search(diff.stdout), diff.stdout
    assert "\n" in diff.stdout.strip()  # a diff keeps its lines


# --- the lint rule C4 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ('organ = "云岭县', 'organ = "云岭\u202e县', r"\u202e"),  # RLO in the organ's name
        ('organ = "云岭县', 'organ = "云岭\\u0000县', r"\x00"),  # NUL, spelt as an escape
        ('organ = "云岭县', 'organ = "云岭\\u001b[31m县', r"\x1b"),
        ("intro = '''\n", "intro = '''\n\u200b\u2066", r"\u200b"),  # raw zero-width and isolate
        ('organ = "云岭县', 'organ = "云岭\\r县', r"\r"),  # a lone CR
    ],
)
def test_control_characters_in_text_are_reported(old: str, new: str, shown: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    result = lint_text(text.replace(old, new, 1))
    c4 = [f for f in result.findings if f.code == "C4"]
    assert len(c4) == 1, result.findings
    assert shown in c4[0].message
    assert c4[0].severity.value == "warning"


def test_tabs_newlines_and_crlf_are_not_control_characters() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert not [f for f in lint_text(text).findings if f.code == "C4"]
    crlf = text.replace("\n", "\r\n").replace("intro = '''\r\n", "intro = '''\r\n\t缩进\t", 1)
    assert not [f for f in lint_text(crlf).findings if f.code == "C4"]
    escaped = text.replace('organ = "云岭县', 'organ = "云岭\\t县\\\\', 1)
    assert not [f for f in lint_text(escaped).findings if f.code == "C4"]


# --- render -------------------------------------------------------------------------------------


@pytest.mark.parametrize("to", ["html", "md"])
def test_render_never_writes_a_nul(tmp_path: Path, to: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('organ = "云岭县', 'organ = "云岭\\u0000\\u001b县', 1)
    source = tmp_path / "r.toml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / f"r.{to}"
    proc = run_cli("render", "--to", to, str(source), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "\x00" not in page and "\x1b" not in page
    assert "云岭\ufffd\ufffd县" in page  # replaced visibly, not dropped


# --- the sanitiser itself -----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_visible_leaves_nothing_unsafe(text: str) -> None:
    one_line = visible(text)
    assert not UNSAFE.search(one_line)
    assert "\n" not in one_line
    lines = visible(text, keep_lines=True)
    assert not UNSAFE.search(lines.replace("\n", "").replace("\t", ""))
    assert lines.count("\n") == text.count("\n")
    if not UNSAFE.search(text):
        assert one_line == text


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_every_finding_about_any_value_is_one_safe_line(value: str) -> None:
    toml_value = json.dumps(value)  # a TOML basic string (JSON escapes are valid TOML escapes)
    result = lint_text(_with_postcode(toml_value), "r.toml")
    assert result.findings
    for finding in result.findings:
        line = format_text_line(finding)
        assert "\n" not in line and not UNSAFE.search(line), line
        assert FINDING_LINE.match(line)

    import io

    out = io.StringIO()
    write_github([result], out)
    assert all(line.startswith("::") for line in out.getvalue().splitlines())
    assert not UNSAFE.search(out.getvalue().replace("\n", ""))
