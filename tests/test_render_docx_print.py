"""The Word output as LibreOffice lays it out: converted to PDF headlessly, then read back —
A4 pages, 22 lines of 28 characters, the tables' header cells in reading order, table 三's
header repeated on the page it runs over, and no text outside the type area (no table cut off
the page).

``.ci/run`` installs LibreOffice Writer (Debian package ``libreoffice-writer-nogui``) and a
Chinese font where apt is available; the tests are skipped, with the reason, where
LibreOffice cannot be found.  Set ``GOVREPORT_SOFFICE`` to use another installation.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from govreport.format import FormatSpec, load_spec
from govreport.render.model import build_model
from govreport.render.word import MARGINS, render_docx
from govreport.report.document import ReportDocument

from .browser_helpers import has_chinese_font
from .conftest import EXAMPLE, set_value
from .test_render_print import A4_POINTS

PT_PER_TWIP = 1 / 20
HANGING = set("，、。；：？！")


def find_soffice() -> str | None:
    configured = os.environ.get("GOVREPORT_SOFFICE")
    if configured:
        return shutil.which(configured) or (configured if Path(configured).is_file() else None)
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(soffice: str, files: list[Path], workdir: Path) -> None:
    profile = workdir / "profile"
    proc = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    missing = [f for f in files if not (workdir / f"{f.stem}.pdf").exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {proc.stderr[-500:]}"


# A paragraph of full-width characters only: every full line holds exactly 28 of them.
LONG = "政府信息公开工作依法有序推进" * 60


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfReader]:
    soffice = find_soffice()
    if soffice is None:
        pytest.skip(
            "LibreOffice not found: install the Debian package libreoffice-writer-nogui "
            "(.ci/run does so where apt is available) or set GOVREPORT_SOFFICE"
        )
    if not has_chinese_font():
        pytest.skip("no Chinese font installed (Debian package fonts-noto-cjk): a PDF would show no text")
    workdir = tmp_path_factory.mktemp("docx-pdf")
    example = workdir / "example.docx"
    example.write_bytes(render_docx(ReportDocument.load(EXAMPLE)))
    text = set_value(EXAMPLE.read_text(encoding="utf-8"), ("overview", "intro"), f'"{LONG}"')
    long = workdir / "long.docx"
    long.write_bytes(render_docx(ReportDocument.from_text(text)))
    to_pdf(soffice, [example, long], workdir)
    return {name: PdfReader(workdir / f"{name}.pdf") for name in ("example", "long")}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pages_are_a4_and_numbered(pdfs: dict[str, PdfReader]) -> None:
    pages = pdfs["example"].pages
    assert 4 <= len(pages) <= 7  # the example: about 3 pages of text and 2 of tables
    for number, page in enumerate(pages, start=1):
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=1)
        assert f"— {number} —" in page.extract_text()


def lines_of(page: Any, size: float) -> dict[float, list[tuple[float, str]]]:
    """Text runs of font *size* grouped by baseline: y → [(x, text)]."""
    out: dict[float, list[tuple[float, str]]] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, font_size: float) -> None:
        scale = abs(tm[0] * cm[0]) or 1
        if text.strip() and abs(font_size * scale - size) < 0.5:
            y = round(tm[5] * cm[3] + cm[5], 1)
            out.setdefault(y, []).append((tm[4] * cm[0] + cm[4], text))

    page.extract_text(visitor_text=visit)
    return out


def test_22_lines_of_28_characters(pdfs: dict[str, PdfReader]) -> None:
    # The long paragraph fills page 1 after the title and the preamble, and all of page 2.
    page = pdfs["long"].pages[1]
    lines = lines_of(page, 16)
    baselines = sorted(lines, reverse=True)
    body = [y for y in baselines if len(squeeze("".join(t for _, t in lines[y]))) >= 20]
    assert len(body) == 22
    pitches = {round(a - b, 1) for a, b in itertools.pairwise(body)}
    assert pitches <= {28.9, 29.0, 28.95}
    counts = {len(squeeze("".join(t for _, t in lines[y]))) for y in body}
    assert counts == {28}


def test_table_headers_in_reading_order(pdfs: dict[str, PdfReader]) -> None:
    spec: FormatSpec = load_spec("2021")
    model = build_model(ReportDocument.load(EXAMPLE), spec)
    text = squeeze("".join(p.extract_text() for p in pdfs["example"].pages))
    for section in model.sections:
        if section.table is None:
            continue
        at = text.index(squeeze(section.title))
        for block in section.table.blocks:
            rows = ([[block.heading]] if block.heading else []) + block.head_rows + block.body_rows
            for cells in rows:
                for cell in cells:
                    if cell.role == "value" or not cell.text:
                        continue
                    found = text.find(squeeze(cell.text), at)
                    assert found >= 0, (section.key, cell.text, text[at : at + 80])
                    at = found + len(squeeze(cell.text))


def test_table_three_repeats_its_header_on_the_next_page(pdfs: dict[str, PdfReader]) -> None:
    pages = [squeeze(p.extract_text()) for p in pdfs["example"].pages]
    with_three = [i for i, t in enumerate(pages) if "本年度办理结果" in t or "（七）总计" in t]
    over = [i for i in with_three if "申请人情况" in pages[i]]
    assert len(with_three) >= 2 and over == with_three  # every page of table 三 has its header


def test_no_text_outside_the_type_area_and_tables_fit(pdfs: dict[str, PdfReader]) -> None:
    left = MARGINS["left"] * PT_PER_TWIP
    right = A4_POINTS[0] - MARGINS["right"] * PT_PER_TWIP
    for page in pdfs["example"].pages:
        xs: list[tuple[float, str]] = []

        def visit(
            text: str, cm: Any, tm: Any, font: Any, size: float, xs: list[tuple[float, str]] = xs
        ) -> None:
            if text.strip():
                xs.append((tm[4] * cm[0] + cm[4], text))

        page.extract_text(visitor_text=visit)
        assert xs
        if "总计" in page.extract_text():  # a page of a table: its right-most column is on the page
            assert max(x for x, t in xs if t.strip() and t.strip() != "—") > right - 60
        # A full-width comma or stop may hang into the margin at the end of a line of text
        # (hanging punctuation, on by default in Word and LibreOffice); nothing else may.
        outside = [
            (round(x), t)
            for x, t in xs
            if not left - 2 <= x <= right and not (x <= right + 1 and t.strip() in HANGING)
        ]
        assert not outside, outside
