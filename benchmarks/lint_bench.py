"""Benchmark ``govreport lint`` against ``check-jsonschema`` on the same report files.

The peer, ``check-jsonschema --schemafile schemas/format-2021.schema.json FILE...``, only
validates the files against our schema; ``govreport lint`` does that (with jsonschema-rs) and
runs every rule and positions every finding, so it does more.  Both run side by side in this
script, interleaved, several times; the medians and their ratios are printed:

- one report: wall time, target govreport ≤ 0.4 × peer;
- 1,000 reports in one call: wall time, target ≤ 0.2 × peer;
- peak memory (max RSS) of govreport for 1,000 reports against 10, target within 20 MB.

Usage::

    python benchmarks/lint_bench.py [--runs 7] [--many 1000] [--jobs auto]

``govreport`` and ``check-jsonschema`` are taken from the directory of this Python
(a virtual environment with ``pip install -e '.[bench]'``) or from PATH.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from _common import SCHEMA, make_reports, run_once, tool


def run(argv: list[str], cwd: Path) -> tuple[float, int, int]:
    """(wall seconds, max RSS in KB, exit status) of one process."""
    r = run_once(argv, cwd)
    return r.wall, int(r.peak_mib * 1024), r.status


def measure(commands: dict[str, list[str]], cwd: Path, runs: int) -> dict[str, tuple[float, int]]:
    """Median wall time and median max RSS of each command, run interleaved *runs* times."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[int]] = {name: [] for name in commands}
    for argv in commands.values():  # warm-up: page cache, .pyc files
        run(argv, cwd)
    for _ in range(runs):
        for name, argv in commands.items():
            elapsed, maxrss, status = run(argv, cwd)
            if status not in (0, 1):
                sys.exit(f"{name} failed with status {status}: {' '.join(argv)}")
            times[name].append(elapsed)
            rss[name].append(maxrss)
    return {name: (statistics.median(times[name]), int(statistics.median(rss[name]))) for name in commands}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--many", type=int, default=1000)
    args = parser.parse_args()

    govreport, peer = tool("govreport"), tool("check-jsonschema")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        one = make_reports(base / "one", 1)
        make_reports(base / "ten", 10)
        many = make_reports(base / "many", args.many)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {args.runs} runs each, medians\n")

        results = measure(
            {
                "govreport lint (1)": [govreport, "lint", str(one[0])],
                "check-jsonschema (1)": [peer, "--schemafile", str(SCHEMA), str(one[0])],
                "python -c pass": [sys.executable, "-c", "pass"],
            },
            base,
            args.runs,
        )
        many_runs = max(3, args.runs // 2)
        results |= measure(
            {
                f"govreport lint ({args.many})": [govreport, "lint", str(base / "many")],
                f"check-jsonschema ({args.many})": [peer, "--schemafile", str(SCHEMA), *map(str, many)],
                "govreport lint (10)": [govreport, "lint", str(base / "ten")],
            },
            base,
            many_runs,
        )

    width = max(len(name) for name in results)
    for name, (seconds, maxrss) in results.items():
        print(f"{name:<{width}}  {seconds * 1000:9.1f} ms  {maxrss / 1024:7.1f} MB")

    one_ratio = results["govreport lint (1)"][0] / results["check-jsonschema (1)"][0]
    many_ratio = results[f"govreport lint ({args.many})"][0] / results[f"check-jsonschema ({args.many})"][0]
    memory_growth = (results[f"govreport lint ({args.many})"][1] - results["govreport lint (10)"][1]) / 1024
    print()
    print(f"one report:      govreport / peer = {one_ratio:.2f}   (target ≤ 0.40)")
    print(f"{args.many} reports:   govreport / peer = {many_ratio:.2f}   (target ≤ 0.20)")
    print(f"peak memory:     {args.many} reports − 10 reports = {memory_growth:+.1f} MB   (target ≤ 20 MB)")


if __name__ == "__main__":
    main()
