"""What the benchmarks share: where the project's files are, finding the tools to time, the
generated report files they time them on, and timing whole processes side by side (``paired``:
A and B in turn, ratios pair by pair, with the kernel's CPU and peak-memory accounting).  Run the benchmarks as scripts
(``python benchmarks/NAME.py``): this directory is then on ``sys.path``."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingshi-2024.toml"
SCHEMA = ROOT / "schemas" / "format-2021.schema.json"
SAMPLES = ROOT.parent / "shared" / "reference" / "samples"


def tool(name: str) -> str:
    """The executable *name*: beside this Python (its virtual environment), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: pip install '.[bench]' in this environment, or put it on PATH")
    return found


def make_reports(directory: Path, count: int) -> list[Path]:
    """*count* distinct, valid reports (the example, each by another organ), in one directory."""
    text = EXAMPLE.read_text(encoding="utf-8")
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = directory / f"report-{i:04}.toml"
        path.write_text(text.replace("云岭县青石镇人民政府", f"云岭县第{i}镇人民政府"), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Run:
    """One whole process: wall and CPU seconds (user + system, the kernel's accounting of the
    reaped child), its peak resident memory in MiB and its exit status."""

    wall: float
    cpu: float
    peak_mib: float
    status: int


def run_once(argv: list[str], cwd: Path | None = None) -> Run:
    """Time *argv* as a whole process, start-up included; its output is discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, os.waitstatus_to_exitcode(status))


@dataclass
class Paired:
    """Medians of *runs* pairs of A and B run in turn (A B A B …): the ratios are taken pair by
    pair, so a drift in the machine's speed during the measurement cancels out."""

    wall_ratio: float
    cpu_ratio: float
    a_wall: float
    b_wall: float
    a_peak_mib: float
    b_peak_mib: float
    pairs: int

    def __str__(self) -> str:
        return (
            f"A/B wall {self.wall_ratio:.3f}  A/B cpu {self.cpu_ratio:.3f}  "
            f"A {self.a_wall:.3f} s  B {self.b_wall:.3f} s  "
            f"peak A {self.a_peak_mib:.1f} MiB  B {self.b_peak_mib:.1f} MiB  ({self.pairs} pairs)"
        )


def paired(a: list[str], b: list[str], runs: int, cwd: Path | None = None, warmup: int = 1) -> Paired:
    """Time A against B, *runs* pairs after *warmup* uncounted pairs (page cache, .pyc files).
    Exits when either fails (a status other than 0 or 1: 1 is "findings")."""
    for _ in range(warmup):
        run_once(a, cwd), run_once(b, cwd)
    pairs: list[tuple[Run, Run]] = []
    for _ in range(runs):
        ra, rb = run_once(a, cwd), run_once(b, cwd)
        for r, argv in ((ra, a), (rb, b)):
            if r.status not in (0, 1):
                sys.exit(f"failed with status {r.status}: {' '.join(argv)}")
        pairs.append((ra, rb))
    med = statistics.median
    return Paired(
        wall_ratio=med(x.wall / y.wall for x, y in pairs),
        cpu_ratio=med(x.cpu / y.cpu for x, y in pairs if y.cpu > 0),
        a_wall=med(x.wall for x, _ in pairs),
        b_wall=med(y.wall for _, y in pairs),
        a_peak_mib=med(x.peak_mib for x, _ in pairs),
        b_peak_mib=med(y.peak_mib for _, y in pairs),
        pairs=len(pairs),
    )
