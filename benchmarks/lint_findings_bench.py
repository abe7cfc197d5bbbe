"""Benchmark: ``govreport lint`` time against the number of findings in one file.

Lint must be linear in its findings.  It was quadratic: every finding compared with every
``# govreport: ignore`` comment, every finding in a narrative re-split the whole file and
re-counted the newlines before it (5,000 findings 2.9 s, 20,000 findings 92 s).

For each kind of finding, one report with N and one with 4 × N findings are linted in turn
(interleaved, several runs, medians); the ratio of their times is printed.  Linear is about
4 (less, since start-up is the same for both); quadratic would be about 16.

- ``prose``: N sentences "收到政府信息公开申请999件" in one narrative (P1 at an offset inside it);
- ``suppressed``: N unknown keys in ``[report]``, each with its own ``# govreport: ignore[H1]``
  (S1 and M1 per line: 2 N findings, N suppressions);
- ``unknown``: N unknown keys holding placeholder text (S1 per key).

Usage::

    python benchmarks/lint_findings_bench.py [--runs 5] [--findings 5000]

``govreport`` is taken from the directory of this Python or from PATH.  Target: every
ratio ≤ 5.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import EXAMPLE, tool

TARGET = 5.0


def _in_report_table(text: str, lines: str) -> str:
    i = text.index("[report]\n") + len("[report]\n")
    return text[:i] + lines + text[i:]


def prose(text: str, n: int) -> str:
    m = re.search(r"^intro = '''\n", text, re.MULTILINE)
    assert m is not None
    return text[: m.end()] + "本年度共收到政府信息公开申请999件。\n" * n + text[m.end() :]


def suppressed(text: str, n: int) -> str:
    return _in_report_table(text, "".join(f"k{i} = {i}  # govreport: ignore[H1]\n" for i in range(n)))


def unknown(text: str, n: int) -> str:
    return _in_report_table(text, "".join(f'k{i} = "【待填写】"\n' for i in range(n)))


KINDS: dict[str, Callable[[str, int], str]] = {"prose": prose, "suppressed": suppressed, "unknown": unknown}


def run(argv: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"failed with status {proc.returncode}: {' '.join(argv)}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--findings", type=int, default=5000, help="N (the larger file has 4 × N)")
    args = parser.parse_args()
    govreport = tool("govreport")
    text = EXAMPLE.read_text(encoding="utf-8")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {args.runs} runs each, medians\n")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for kind, make in KINDS.items():
            sizes = (args.findings, 4 * args.findings)
            paths = []
            for n in sizes:
                path = Path(tmp) / f"{kind}-{n}.toml"
                path.write_text(make(text, n), encoding="utf-8")
                paths.append(path)
            times: list[list[float]] = [[], []]
            for path in paths:  # warm-up
                run([govreport, "lint", str(path)])
            for _ in range(args.runs):
                for i, path in enumerate(paths):
                    times[i].append(run([govreport, "lint", str(path)]))
            small, large = (statistics.median(t) for t in times)
            ratio = large / small
            worst = max(worst, ratio)
            print(
                f"{kind:<11} {sizes[0]:>6} findings {small * 1000:8.0f} ms   "
                f"{sizes[1]:>6} findings {large * 1000:8.0f} ms   ratio {ratio:5.2f}"
            )
    print(f"\nworst ratio {worst:.2f}   (target ≤ {TARGET:.0f}; linear ≈ 4, quadratic ≈ 16)")


if __name__ == "__main__":
    main()
