"""Benchmark ``govreport check`` side by side with its peers, as ratios.

Each comparison runs the two whole processes in turn (A B A B …, ``_common.paired``) and
quotes the median of the pair-by-pair ratio:

1. ``check`` on 40 published reports (the importable shared samples — text, Markdown, portal
   pages and the PDF — copied with their organ renamed) against **importing the same sources
   alone** (one process calling ``govreport.importer.import_path`` on each; this script with
   ``--import-only``).  Target: ≤ 1.3.
2. ``check`` on 1,000 report files against **check-jsonschema** validating the same files
   against our schema.  Target: ≤ 0.15.
3. ``check`` on 1,000 report files against ``check --no-copies`` on the same: what the copy
   detection (内容雷同) adds.  Target: ≤ 1.2.
4. Peak memory of ``check`` on 1,000 report files against 10.  Target: ≤ +20 MB.

Usage::

    python benchmarks/check_bench.py [--runs 5] [--many 1000] [SAMPLES_DIR]

``govreport`` and ``check-jsonschema`` come from this Python's environment
(``pip install -e '.[bench]'``) or PATH.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

from _common import SAMPLES, SCHEMA, make_reports, paired, tool

# sample → the organ name to rename in it (so that 40 copies are 40 organs)
PUBLISHED = {
    "000_3d5a5a7e12036567.txt": "贾塘乡",
    "pingtan-2023-portal-page.html": "平潭综合实验区",
    "pingtan-2023-site-text.txt": "平潭综合实验区",
    "shuyang-county-2025.txt": "沐阳县",
    "shanghai-office-2025.md": "上海市",
    "city-2025-fixture.html": "测试市",
    "huaian-city-2024.pdf": "",
}


def make_published(directory: Path, samples: Path, count: int) -> None:
    directory.mkdir(parents=True)
    names = [n for n in PUBLISHED if (samples / n).exists()]
    if not names:
        sys.exit(f"no samples in {samples}")
    for i in range(count):
        name = names[i % len(names)]
        data = (samples / name).read_bytes()
        organ = PUBLISHED[name]
        if organ:
            data = data.replace(organ.encode(), f"{organ}第{i}分局".encode())
        (directory / f"{i:03}-{name}").write_bytes(data)


def import_only(directory: Path) -> None:
    """The peer of comparison 1: import every source, as ``check`` does, and nothing else."""
    from govreport.importer import SourceError, import_path

    for path in sorted(directory.iterdir()):
        with contextlib.suppress(SourceError):
            import_path(path).text  # noqa: B018 - the report file's text, as check makes it


def bench(a: list[str], b: list[str], runs: int, cwd: Path) -> tuple[str, dict[str, float]]:
    result = paired(a, b, runs, cwd)
    medians = {
        "A/B wall": result.wall_ratio,
        "A/B cpu": result.cpu_ratio,
        "A peak MiB": result.a_peak_mib,
        "B peak MiB": result.b_peak_mib,
    }
    return str(result), medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("samples", nargs="?", default=str(SAMPLES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--many", type=int, default=1000)
    parser.add_argument("--published", type=int, default=40)
    parser.add_argument("--import-only", dest="import_only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_only:
        import_only(Path(args.import_only))
        return
    govreport, peer = tool("govreport"), tool("check-jsonschema")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        make_published(base / "published", Path(args.samples), args.published)
        make_reports(base / "many", args.many)
        make_reports(base / "ten", 10)
        many = sorted(str(p) for p in (base / "many").iterdir())
        rows = []
        out, m = bench(
            [govreport, "check", "published"],
            [sys.executable, str(Path(__file__).resolve()), "--import-only", "published"],
            args.runs,
            base,
        )
        print(out)
        rows.append((f"check {args.published} published / import alone", m.get("A/B wall"), 1.3))
        out, m = bench(
            [govreport, "check", "many"], [peer, "--schemafile", str(SCHEMA), *many], args.runs, base
        )
        print(out)
        rows.append((f"check {args.many} files / check-jsonschema", m.get("A/B wall"), 0.15))
        out, m = bench(
            [govreport, "check", "many"], [govreport, "check", "--no-copies", "many"], args.runs, base
        )
        print(out)
        rows.append((f"check {args.many} / check --no-copies", m.get("A/B wall"), 1.2))
        out, m = bench([govreport, "check", "many"], [govreport, "check", "ten"], args.runs, base)
        print(out)
        extra = (m.get("A peak MiB", 0) - m.get("B peak MiB", 0)) if m else None
    print("summary (medians of the pair-by-pair ratios):")
    for name, ratio, target in rows:
        shown = f"{ratio:.3f}" if ratio is not None else "?"
        print(f"  {name:45} {shown:>7}  (target ≤ {target})")
    shown = f"{extra:+.1f} MiB" if extra is not None else "?"
    print(f"  {'peak memory, check ' + str(args.many) + ' vs 10':45} {shown:>7}  (target ≤ +20 MB)")


if __name__ == "__main__":
    main()
