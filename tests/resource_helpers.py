"""Run the CLI in a fresh process under a memory cap and a time limit (resource tests).

Usage (from any test module)::

    from tests.resource_helpers import run_bounded, assert_refused

    proc = run_bounded("import", str(bomb), mem_mib=1024, timeout=60)
    assert_refused(proc)            # exit 2, a Chinese one-line message, no traceback

``run_bounded`` never hangs the suite: on timeout it fails the test with what the process
printed so far.  The memory cap is ``RLIMIT_AS`` (address space), set in the child only; a
Python that runs out of it raises MemoryError, which the CLI must turn into a message — a
test that sees ``内部错误`` or ``MemoryError`` fails.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

resource = pytest.importorskip("resource", reason="resource limits need a POSIX system")

DEFAULT_MEM_MIB = 1024
DEFAULT_TIMEOUT = 60.0
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _limits(mem_bytes: int, cpu_seconds: int) -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def run_bounded(
    *args: str,
    mem_mib: int = DEFAULT_MEM_MIB,
    timeout: float = DEFAULT_TIMEOUT,
    cwd: Path | None = None,
    input: bytes | None = None,
    stdin: int | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m govreport ARGS`` with at most *mem_mib* MiB of address space and *timeout*
    seconds; stdout and stderr are decoded as UTF-8 (with replacement)."""
    full_env = {**os.environ, "PYTHONUTF8": "1", **(env or {})}
    full_env.pop("GOVREPORT_DEBUG", None)
    kwargs: dict[str, object] = {}
    if input is not None:
        kwargs["input"] = input
    else:
        kwargs["stdin"] = subprocess.DEVNULL if stdin is None else stdin
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "govreport", *args],
            capture_output=True,
            cwd=cwd,
            timeout=timeout,
            env=full_env,
            preexec_fn=lambda: _limits(mem_mib * 1024 * 1024, int(timeout) + 1),
            **kwargs,  # type: ignore[call-overload]
        )
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"")[-2000:].decode("utf-8", "replace")
        err = (exc.stderr or b"")[-2000:].decode("utf-8", "replace")
        pytest.fail(f"govreport {' '.join(args)} did not finish in {timeout} s\nstdout: {out}\nstderr: {err}")
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def assert_clean_exit(proc: subprocess.CompletedProcess[str], *codes: int) -> None:
    """The process ended with one of *codes* (default 0, 1 or 2), without a traceback, an
    internal error or being killed by a signal (a negative return code)."""
    allowed = codes or (0, 1, 2)
    detail = f"exit {proc.returncode}\nstderr: {proc.stderr[-3000:]}"
    assert proc.returncode in allowed, detail
    assert "Traceback" not in proc.stderr, detail
    assert "内部错误" not in proc.stderr, detail
    assert "MemoryError" not in proc.stderr + proc.stdout, detail


def assert_refused(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    """Exit status 2 with a Chinese message on stderr (containing each of *needles*), no
    traceback.  Each message line is one line: no line of stderr is longer than 1000 chars."""
    assert_clean_exit(proc, 2)
    assert _CJK.search(proc.stderr), f"no Chinese message on stderr: {proc.stderr!r}"
    for needle in needles:
        assert needle in proc.stderr, f"{needle!r} not in stderr: {proc.stderr[-3000:]}"
    assert all(len(line) <= 1000 for line in proc.stderr.splitlines()), "an overlong message line"
