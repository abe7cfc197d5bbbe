"""The rendered page as printed by headless Chromium: A4, the tables' labels in reading order,
table rows never cut, and a table that runs over a page break repeats its header rows.
See tests/browser_helpers.py for the browser they need."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from govreport.format import FormatSpec
from govreport.render import render_report
from govreport.report.document import ReportDocument

from .browser_helpers import headless, require_browser
from .conftest import EXAMPLE

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def browser() -> str:
    return require_browser(chinese_font=True)


def print_to_pdf(browser: str, html: str, workdir: Path) -> PdfReader:
    page = workdir / "report.html"
    page.write_text(html, encoding="utf-8")
    pdf = workdir / "report.pdf"
    command = headless(
        browser,
        workdir / "profile",
        "--no-pdf-header-footer",
        "--print-to-pdf-no-header",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    )
    proc = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert pdf.is_file() and pdf.stat().st_size > 0, f"no PDF printed:\n{proc.stderr[-3000:]}"
    return PdfReader(pdf)


def flat(text: str) -> str:
    """Text without white space, in NFKC: the PDF's text maps some glyphs that Noto CJK shares
    between an ideograph and a Kangxi radical to the radical (人 → ⼈), which NFKC undoes."""
    return unicodedata.normalize("NFKC", "".join(text.split()))


def pattern(label: str) -> re.Pattern[str]:
    """*label* as a pattern in which an ideograph may also appear as a CJK Radicals Supplement
    character (青 → ⻘, 民 → ⺠): glyphs shared that way have no NFKC mapping back."""
    parts = [
        f"(?:{re.escape(ch)}|[\u2e80-\u2eff])" if "\u4e00" <= ch <= "\u9fff" else re.escape(ch)
        for ch in label
    ]
    return re.compile("".join(parts))


def contains(text: str, label: str) -> bool:
    return pattern(label).search(text) is not None


def reading_order(spec: FormatSpec) -> list[str]:
    """Each table's title, block headings, header cells and row labels, in document order."""
    labels: list[str] = []
    for table in spec.tables:  # optional tables: tests/test_fee_block.py
        if table.optional:
            continue
        labels.append(table.title)
        for block in table.blocks:
            if block.heading is not None:
                labels.append(block.heading.text)
            labels.extend(cell.text for row in block.header_rows for cell in row)
            labels.extend(label.text for row in block.rows for label in row.labels)
    return [flat(label) for label in labels]


def find_in_order(needles: list[str], haystack: str) -> list[str]:
    """The needles not found in order (empty when all are)."""
    missing, at = [], 0
    for needle in needles:
        found = pattern(needle).search(haystack, at)
        if found is None:
            missing.append(needle)
        else:
            at = found.end()
    return missing


@pytest.fixture(scope="module")
def example_pdf(browser: str, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    html = render_report(ReportDocument.load(EXAMPLE), "html")
    return print_to_pdf(browser, html, tmp_path_factory.mktemp("print"))


def test_printed_pages_are_a4(example_pdf: PdfReader) -> None:
    assert 2 <= len(example_pdf.pages) <= 8
    for page in example_pdf.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1.5), size


def test_printed_text_has_the_tables_labels_in_reading_order(
    example_pdf: PdfReader, spec: FormatSpec
) -> None:
    text = flat("".join(page.extract_text() for page in example_pdf.pages))
    assert contains(text, flat("云岭县青石镇人民政府2024年政府信息公开工作年度报告"))
    labels = reading_order(spec)
    assert len(labels) > 60
    assert find_in_order(labels, text) == []
    # A row reads as its label followed by its values.
    assert contains(text, flat("一、本年新收政府信息公开申请数量 14 2 0 0 1 0 17"))
    assert contains(text, flat("行政事业性收费 1.85"))


def test_a_table_over_a_page_break_repeats_its_header_and_splits_no_row(
    browser: str, spec: FormatSpec, tmp_path: Path
) -> None:
    # Tall table rows, so that table 三 cannot fit on one page.
    html = render_report(ReportDocument.load(EXAMPLE), "html").replace(
        "</style>", ".govreport table.report-table tbody td { padding: 1.2em .35em !important; }\n</style>"
    )
    pdf = print_to_pdf(browser, html, tmp_path)
    pages = [flat(page.extract_text()) for page in pdf.pages]
    (table,) = [t for t in spec.tables if t.key == "requests"]
    row_labels = [flat(row.labels[-1].text) for row in table.blocks[0].rows]
    header = [flat(cell.text) for row in table.blocks[0].header_rows for cell in row]
    with_rows = [i for i, text in enumerate(pages) if any(contains(text, label) for label in row_labels)]
    assert len(with_rows) >= 2, "the test needs table 三 to run over a page break"
    for i in with_rows:
        assert find_in_order(header, pages[i]) == [], f"page {i + 1} lacks the repeated header"
    for label in row_labels:
        assert sum(contains(text, label) for text in pages) == 1, f"row {label} is cut by a page break"
    title = flat(table.title)
    (title_page,) = [i for i, text in enumerate(pages) if contains(text, title)]
    assert contains(pages[title_page], row_labels[0]), "the section heading is left alone at a page end"
