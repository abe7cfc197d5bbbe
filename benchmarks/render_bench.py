"""How long `govreport render` takes per report, against peers run side by side.

    .venv/bin/python benchmarks/render_bench.py [-n N] [--cli-runs K]

In process (render_report on the bundled example, already loaded):

- **govreport html / fragment / md**: the render model built from the schema's layout,
  then the Jinja2 templates (autoescaped) — what the CLI, the TUI and the importer call.
- **peer: hand-written**: the same report body (title, sections, paragraphs, the three tables
  with their spans and value cells) written with ``html.escape`` and ``str.join`` straight
  from ``spec.tables``, no model, no template engine.  It is the floor for producing this
  HTML in Python; the ratio is what the model and the user-overridable templates cost.
- **peer: lint_document**: the lint engine on the same report, which `govreport render` also
  runs (to warn about errors): how the two halves of the command compare.

As processes (the CLI as a user runs it, interpreter start-up and imports included):

- **govreport render --to html** against **peer: govreport lint** on the same file: the
  command-line cost of rendering next to the command people run most.
- **govreport render --to docx** against **govreport render --to html** on the same file,
  run in turn (docx, html, docx, html, …) and the ratio taken pair by pair: what the Word
  output costs where it is used, in a command (python-docx and lxml imported, the package
  opened and zipped).  The target is ≤ 3.

Ratios are govreport / peer (> 1: slower than the peer).
"""

from __future__ import annotations

import argparse
import html
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govreport.format import FormatSpec, load_spec
from govreport.lint import lint_document
from govreport.render import render_report
from govreport.render.model import cell_value
from govreport.render.word import render_docx
from govreport.report.document import ReportDocument

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingshi-2024.toml"


def handwritten(doc: ReportDocument, spec: FormatSpec) -> str:
    """The report body as HTML, written by hand from the layout (the peer)."""
    esc = html.escape
    out = [f'<article class="govreport"><h1>{esc(spec.document_title(doc.organ or "", doc.year or ""))}</h1>']
    tables = {t.key: t for t in spec.tables}
    for section in spec.sections():
        out.append(f"<section><h2>{esc(section.title)}</h2>")
        table = tables.get(section.key)
        if table is None:
            for field in section.children.values():
                if not field.schema.get("x-untitled"):
                    out.append(f"<h3>{esc(field.title)}</h3>")
                text = doc.get(field.path)
                lines = text.splitlines() if isinstance(text, str) else []
                out.extend(f"<p>{esc(line.strip())}</p>" for line in lines if line.strip())
            out.append("</section>")
            continue
        out.append("<table>")
        for block in table.blocks:
            out.append("<tbody>")
            if block.heading is not None:
                out.append(f'<tr><th colspan="{block.heading.colspan}">{esc(block.heading.text)}</th></tr>')
            for row in block.header_rows:
                cells = "".join(
                    f'<th colspan="{c.colspan}" rowspan="{c.rowspan}">{esc(c.text)}</th>' for c in row
                )
                out.append(f"<tr>{cells}</tr>")
            for body in block.rows:
                labels = "".join(
                    f'<th colspan="{c.colspan}" rowspan="{c.rowspan}">{esc(c.text)}</th>' for c in body.labels
                )
                values = "".join(
                    f'<td colspan="{ref.colspan}">{esc(cell_value(doc.get(ref.path))[0])}</td>'
                    for ref in body.cells
                )
                out.append(f"<tr>{labels}{values}</tr>")
            out.append("</tbody>")
        out.append("</table></section>")
    out.append("</article>")
    return "\n".join(out)


def per_call(fn: Callable[[], Any], n: int, repeat: int = 5) -> float:
    """Seconds per call: the best of *repeat* rounds of *n* calls (after one warm-up call)."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - start) / n)
    return best


def per_process(args: list[str], runs: int) -> float:
    """Median wall time of running ``python -m govreport ARGS`` (output discarded)."""
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "govreport", *args], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def one_process(args: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "govreport", *args], capture_output=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"govreport {' '.join(args)} failed: {proc.stderr.decode(errors='replace')}")
    return time.perf_counter() - start


def paired(a: list[str], b: list[str], runs: int) -> tuple[list[float], list[float], list[float]]:
    """Run ``python -m govreport A`` and ``… B`` in turn; per-pair ratios and both times."""
    ratios, times_a, times_b = [], [], []
    for i in range(runs + 1):
        ta, tb = one_process(a), one_process(b)
        if i:  # the first pair warms the caches
            ratios.append(ta / tb)
            times_a.append(ta)
            times_b.append(tb)
    return ratios, times_a, times_b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="calls per round (in process)")
    parser.add_argument("--cli-runs", type=int, default=7, help="process runs per command")
    args = parser.parse_args()

    doc = ReportDocument.load(EXAMPLE)
    spec = load_spec("2021")
    peer = per_call(lambda: handwritten(doc, spec), args.n)
    lint = per_call(lambda: lint_document(doc), max(1, args.n // 4))
    print(
        f"example: {EXAMPLE.name}, {sum(1 for _ in spec.cells())} table cells; best of 5 rounds of {args.n}"
    )
    print(f"{'':34}{'ms/report':>10}{'÷ hand-written':>16}{'÷ lint_document':>17}")
    print(f"{'peer: hand-written (html.escape)':34}{peer * 1e3:10.3f}{1:16.2f}{peer / lint:17.2f}")
    print(f"{'peer: lint_document':34}{lint * 1e3:10.3f}{lint / peer:16.2f}{1:17.2f}")
    for label, to, fragment in [
        ("html", "html", False),
        ("html --fragment", "html", True),
        ("md", "md", False),
    ]:
        t = per_call(lambda to=to, fragment=fragment: render_report(doc, to, fragment=fragment), args.n)
        print(f"{'govreport ' + label:34}{t * 1e3:10.3f}{t / peer:16.2f}{t / lint:17.2f}")
    t = per_call(lambda: render_docx(doc), max(1, args.n // 10))
    print(f"{'govreport docx':34}{t * 1e3:10.3f}{t / peer:16.2f}{t / lint:17.2f}")

    if args.cli_runs > 0:
        render_cli = per_process(["render", str(EXAMPLE), "--to", "html"], args.cli_runs)
        lint_cli = per_process(["lint", str(EXAMPLE)], args.cli_runs)
        print(f"\nprocesses (median of {args.cli_runs}):")
        print(f"{'peer: govreport lint FILE':34}{lint_cli * 1e3:10.1f} ms")
        print(
            f"{'govreport render FILE --to html':34}{render_cli * 1e3:10.1f} ms   ratio {render_cli / lint_cli:.2f}"
        )
        ratios, docx_times, html_times = paired(
            ["render", str(EXAMPLE), "--to", "docx", "-o", os.devnull, "--force"],
            ["render", str(EXAMPLE), "--to", "html", "-o", os.devnull, "--force"],
            args.cli_runs,
        )
        print(f"\ndocx against html, in turn (median of {args.cli_runs} pairs):")
        print(f"{'peer: govreport render --to html':34}{statistics.median(html_times) * 1e3:10.1f} ms")
        print(
            f"{'govreport render --to docx':34}{statistics.median(docx_times) * 1e3:10.1f} ms"
            f"   ratio {statistics.median(ratios):.2f} (target ≤ 3)"
        )


if __name__ == "__main__":
    main()
