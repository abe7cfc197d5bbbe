"""How long ``govreport import`` takes per report, against two peers run side by side.

Peers, timed in the same process on the same input:

- **lint**: ``govreport.lint.lint_text`` on the imported report.  A researcher auditing
  thousands of published reports runs import then lint on each; the ratio says how much of
  that pipeline the import is.
- **lxml**: ``lxml.html.document_fromstring`` on the raw source (every text and HTML
  sample; a text file parses as one paragraph): the floor any importer pays just to parse
  the page, so the ratio is our overhead over parsing.  The target (issue 12) is at most
  50 ms of import work per text or HTML report on this machine.
- **pdfplumber** (PDF samples only): pdfplumber alone opening the same file and extracting
  the tables of every page (``page.extract_tables()``), the least any PDF importer built on
  it does.  Target: our whole import ≤ 1.5 × that.  The same comparison as whole processes:
  ``python benchmarks/import_bench.py --pdf-peer FILE.pdf`` is the peer command of
  ``govreport import FILE.pdf -o -``, the two run in turn (``_common.paired``;
  ``--pdf-processes FILE.pdf`` does it).

Usage: ``python benchmarks/import_bench.py [SAMPLES_DIR] [--repeat N]``.  Prints the median
time of each and the ratios; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreport.importer import SourceError, import_bytes  # noqa: E402
from govreport.lint import lint_text  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches (schemas, compiled patterns)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def pdfplumber_tables(data: bytes) -> list[object]:
    """The peer: pdfplumber opens the PDF and extracts every page's tables."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_tables() for page in pdf.pages]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("samples", nargs="?", default=str(ROOT.parent / "shared" / "reference" / "samples"))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--pdf-peer", metavar="PDF", help="run only the pdfplumber peer on PDF (the peer process)"
    )
    parser.add_argument(
        "--pdf-processes",
        metavar="PDF",
        help="time `govreport import PDF` against the pdfplumber peer as whole processes, in turn",
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.pdf_peer:
        pdfplumber_tables(Path(args.pdf_peer).read_bytes())
        return
    if args.pdf_processes:
        from _common import paired, tool

        pdf = args.pdf_processes
        ours = [tool("govreport"), "import", pdf, "-o", "-"]
        peer = [sys.executable, str(Path(__file__).resolve()), "--pdf-peer", pdf]
        print("import ÷ pdfplumber alone:", paired(ours, peer, args.runs))
        return
    given = Path(args.samples)
    samples = [given] if given.is_file() else sorted(p for p in given.iterdir() if p.is_file())
    if not samples:
        sys.exit(f"no samples in {args.samples}")
    print(
        f"{'sample':36} {'import ms':>10} {'lint ms':>8} {'import/lint':>11} {'lxml ms':>8} {'import/lxml':>11}"
    )
    for path in samples:
        if path.suffix.lower() not in (".txt", ".md", ".html", ".htm", ".pdf"):
            continue  # Word files and the tables' JSON are not timed here
        data = path.read_bytes()
        try:
            result = import_bytes(data, path.name)
        except SourceError as exc:  # not a report (expected-tables.json, the blank template)
            print(f"{path.name[:36]:36} not imported: {str(exc)[:60]}")
            continue
        text = result.text
        repeat = max(3, args.repeat // 4) if result.kind == "pdf" else args.repeat
        t_import = median_ms(lambda data=data, path=path: import_bytes(data, path.name).text, repeat)
        t_lint = median_ms(lambda text=text: lint_text(text, "bench.toml"), args.repeat)
        line = f"{path.name[:36]:36} {t_import:10.1f} {t_lint:8.1f} {t_import / t_lint:11.2f}"
        if result.kind == "pdf":
            t_peer = median_ms(lambda data=data: pdfplumber_tables(data), max(3, args.repeat // 4))
            line += (
                f" {'':8} {'':11}  pdfplumber {t_peer:8.1f} ms, import/pdfplumber {t_import / t_peer:5.2f}"
            )
        if result.kind in ("html", "text"):
            import lxml.html

            t_lxml = median_ms(lambda data=data: lxml.html.document_fromstring(data), args.repeat)
            line += f" {t_lxml:8.2f} {t_import / t_lxml:11.1f}"
        print(line)


if __name__ == "__main__":
    main()
