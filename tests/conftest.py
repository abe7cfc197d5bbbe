from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govreport.cli import cli
from govreport.format import FormatSpec, load_spec
from govreport.report.locate import PositionIndex

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingshi-2024.toml"
EXAMPLE_2023 = ROOT / "examples" / "qingshi-2023.toml"  # last year's report of the same organ
SAMPLES = ROOT.parent / "shared" / "reference" / "samples"


@pytest.fixture(scope="session")
def spec() -> FormatSpec:
    return load_spec("2021")


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke the CLI in-process; stdout and stderr are kept apart."""

    def invoke(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def run_cli(*args: str, cwd: Path | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run ``python -m govreport`` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "govreport", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        **kwargs,  # type: ignore[arg-type]
    )


def set_value(text: str, path: tuple[str, ...], new: str) -> str:
    """Replace the TOML value at *path* in *text* with the literal *new*."""
    index = PositionIndex(text)
    start, end = index.value(path), index.value_ends[path]
    assert start is not None

    def offset(line: int, column: int) -> int:
        return sum(len(x) + 1 for x in text.split("\n")[: line - 1]) + column - 1

    return text[: offset(start.line, start.column)] + new + text[offset(end.line, end.column) :]


def carried_over_changed(text: str) -> str:
    """The example 2024 report with 2 applications carried over from a year whose report
    carried none forward (qingshi-2023): X1 fires when the two years meet."""
    text = set_value(text, ("requests", "carried_over", "person"), "2")
    text = set_value(text, ("requests", "carried_over", "total"), "2")
    text = set_value(text, ("requests", "new", "person"), "13")
    return set_value(text, ("requests", "new", "total"), "16")


@dataclass(frozen=True)
class FreshResult:
    """What ``run_fresh`` returns: the fields of click's ``Result`` that the tests read."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def run_fresh() -> Callable[..., FreshResult]:
    """Like ``run``, but in a fresh process (``python -m govreport``): nothing loaded by earlier
    tests can hide a bug (such as rule codes checked before the rules are loaded)."""

    def invoke(*args: str, input: str | None = None) -> FreshResult:
        done = run_cli(*args, input=input)
        return FreshResult(done.returncode, done.stdout, done.stderr)

    return invoke


FINDING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<msg>.*)$")


def parse_findings(stdout: str) -> list[dict[str, str]]:
    return [m.groupdict() for line in stdout.splitlines() if (m := FINDING_LINE.match(line))]


def run_with_terminal_stderr(argv: list[str], timeout: float = 120) -> tuple[str, str]:
    """Run *argv* with stdout in a pipe and stderr on a pseudo-terminal, as in a user's shell
    with the output redirected: the command's stdout, and what the terminal showed."""
    import os
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    out, _ = proc.communicate(timeout=timeout)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return out.decode("utf-8"), b"".join(chunks).decode("utf-8", "replace")
