"""The source readers of ``govreport import``: PDF, portal HTML and its encodings, .mht, Word
limits, deep nesting — on the real samples and on files made here, as users run the CLI."""

from __future__ import annotations

import codecs
import email.generator
import email.mime.multipart
import email.mime.text
import io
import json
import re
import shutil
import subprocess
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

from govreport.format import load_spec
from govreport.importer import SourceError, import_bytes, import_path
from govreport.importer.blocks import Table
from govreport.importer.read_source import decode, read_any

from .browser_helpers import headless, needs_browser, require_browser
from .conftest import EXAMPLE, SAMPLES, run_cli
from .importer_helpers import (
    EXPECTED_COLUMNS_3,
    EXPECTED_COLUMNS_4,
    EXPECTED_ROWS_3,
    get,
    narrative,
    narrative_lines,
    placed_cells,
    required_cells,
    to_html,
)

EXPECTED = SAMPLES / "expected-tables.json"
needs_samples = pytest.mark.skipif(
    not EXPECTED.is_file(), reason=f"the sample reports are not here ({SAMPLES})"
)


def dotted(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node[part]
    return node


def assert_expected_tables(sample: str, data: dict[str, Any]) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["samples"][sample]
    for row, values in expected["t3"].items():
        for col, want in zip(EXPECTED_COLUMNS_3, values, strict=True):
            got = dotted(data, f"requests.{EXPECTED_ROWS_3[row]}.{col}")
            assert got == ("" if want is None else want), (row, col, got, want)
    appeals = data["appeals"]
    groups = [appeals[k] for k in appeals if isinstance(appeals[k], dict)]
    flat = [g[c] for g in _appeal_groups(appeals) for c in EXPECTED_COLUMNS_4]
    assert groups
    assert flat == [("" if v is None else v) for v in expected["t4"]]


def _appeal_groups(appeals: dict[str, Any]) -> list[dict[str, Any]]:
    spec = load_spec("2021")
    table = spec.table("appeals")
    seen: list[tuple[str, ...]] = []
    for path in table.cell_paths():
        if path[:-1] not in seen:
            seen.append(path[:-1])
    return [get({"appeals": appeals}, p) for p in seen]


# --- the real samples ------------------------------------------------------------------------


@needs_samples
def test_huaian_wps_pdf_every_published_cell_exact(tmp_path: Path) -> None:
    out = tmp_path / "huaian.toml"
    proc = run_cli("import", str(SAMPLES / "huaian-city-2024.pdf"), "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "FontBBox" not in proc.stderr
    assert "跨页的表格已合并" in proc.stderr
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert_expected_tables("huaian-city-2024.pdf", data)
    assert data["report"]["organ"] == "淮安市人民政府" and data["report"]["year"] == 2024
    # table 二 was split over pages 3 and 4 too
    assert dotted(data, "proactive.item_1.rules") == {"issued": 1, "repealed": 0, "in_force": 11}
    text = out.read_text(encoding="utf-8")
    assert "447228" in text and "3985758" in text and "96171.6" in text
    # paragraphs joined across line and page breaks, page numbers gone, framed paragraphs are text
    assert "- 1 -" not in text and "- 5 -" not in text
    on_request = data["overview"]["on_request"]
    assert "全市共受理政府信息公开申请3119件，答复3050件" in on_request
    assert "\n" not in on_request.strip()
    # the framed paragraph on page 3 is kept as text: the sub-head （五）政府信息公开监督保障情况
    assert data["overview"]["oversight"].startswith("根据省政务公开年度和季度监测指标，全年组织4次")


@needs_samples
def test_city_fixture_placeholder_merged_cells_exact() -> None:
    result = import_path(SAMPLES / "city-2025-fixture.html")
    assert result.kind == "html"
    assert_expected_tables("city-2025-fixture.html", tomllib.loads(result.text))


@needs_samples
def test_the_blank_word_template_is_refused_for_what_it_is(tmp_path: Path) -> None:
    out = tmp_path / "t.toml"
    proc = run_cli("import", str(SAMPLES / "govnianbao-template.docx"), "-o", str(out))
    assert proc.returncode == 2
    assert "空白的年度报告模板" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not out.exists()


# --- bad PDFs: exit 2, one Chinese line, nothing written ----------------------------------


def _minimal_pdf(text: str, *, content: bytes | None = None) -> bytes:
    """A valid one-page PDF showing *text* (ASCII) in Helvetica, with a correct xref table;
    *content*: a Flate-compressed content stream instead."""
    filters = b" /Filter /FlateDecode" if content is not None else b""
    if content is None:
        content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + filters + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _image_only_pdf() -> bytes:
    pil = pytest.importorskip("PIL.Image", reason="Pillow makes the scanned page")
    image = pil.new("RGB", (400, 560), "white")
    for x in range(50, 350):
        image.putpixel((x, 100), (0, 0, 0))
    buf = io.BytesIO()
    image.save(buf, format="PDF")
    return buf.getvalue()


def _rasterised_sample() -> bytes:
    """Page 1 of the real WPS sample rasterised with pdftoppm and saved as an image-only PDF."""
    pil = pytest.importorskip("PIL.Image", reason="Pillow makes the scanned page")
    sample = SAMPLES / "huaian-city-2024.pdf"
    if shutil.which("pdftoppm") is None or not sample.is_file():
        pytest.skip("needs pdftoppm (poppler-utils) and the sample PDF")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png", str(sample), f"{tmp}/p"],
            check=True,
            timeout=60,
        )
        pages = [pil.open(p).convert("RGB") for p in sorted(Path(tmp).glob("p*.png"))]
        buf = io.BytesIO()
        pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:])
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extras) encrypts the PDF")
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(_minimal_pdf("report"))))
    writer.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("case", "needle"),
    [
        ("scan", "文字识别（OCR）"),
        ("scan-of-sample", "文字识别（OCR）"),
        ("encrypted", "已加密"),
        ("truncated", "不完整"),
        ("not-a-report", "不像是政府信息公开工作年度报告"),
        ("not-a-pdf", "不是 PDF 文件"),
        ("garbage-body", "PDF"),
    ],
)
def test_bad_pdfs_exit_2_with_one_line_and_write_nothing(tmp_path: Path, case: str, needle: str) -> None:
    good = _minimal_pdf("Quarterly sales meeting notes")
    data = {
        "scan": _image_only_pdf,
        "scan-of-sample": _rasterised_sample,
        "encrypted": _encrypted_pdf,
        "truncated": lambda: good[: len(good) // 2],
        "not-a-report": lambda: good,
        "not-a-pdf": lambda: b"hello, this is not a pdf at all\n" * 10,
        "garbage-body": lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n",
    }[case]()
    src = tmp_path / "in.pdf"
    src.write_bytes(data)
    out = tmp_path / "out.toml"
    proc = run_cli("import", str(src), "-o", str(out))
    assert proc.returncode == 2, proc.stderr
    assert needle in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert not out.exists()


# --- encodings ---------------------------------------------------------------------------


def _example_page(charset: str | None) -> str:
    spec = load_spec("2021")
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    page = re.sub(r"<meta[^>]*charset[^>]*>", "", to_html(spec, data))
    if charset:
        page = page.replace("<head>", f'<head><meta charset="{charset}">', 1)
    return page


@pytest.mark.parametrize(
    ("declared", "actual", "note"),
    [
        ("utf-8", "utf-8", False),
        ("gbk", "gb18030", False),
        ("gb2312", "utf-8", True),  # declared wrong: the bytes are UTF-8
        ("utf-8", "gb18030", True),  # declared wrong: the bytes are GBK
        (None, "gb18030", False),  # not declared: detected
        (None, "utf-16", False),  # with a byte-order mark
        (None, "utf-16-le", False),  # without one
    ],
)
def test_html_in_any_encoding_imports_exactly(declared: str | None, actual: str, note: bool) -> None:
    page = _example_page(declared)
    result = import_bytes(page.encode(actual), "page.html")
    assert all(c.status == "direct" for c in result.cells)
    data = tomllib.loads(result.text)
    assert data["report"]["organ"] == "青石镇人民政府" or "青石镇" in data["report"]["organ"]
    assert ("与内容不符" in " ".join(result.notes)) is note


def test_decode_never_returns_mojibake() -> None:
    text = "本报告根据《中华人民共和国政府信息公开条例》编制，全年共收到政府信息公开申请十七件。" * 3
    for enc in ("utf-8", "gb18030", "utf-16"):
        got, used, _ = decode(text.encode(enc))
        assert got.lstrip("\ufeff") == text, used
    # GBK bytes declared as UTF-8, UTF-8 bytes declared as GBK: both read right
    assert decode(text.encode("gb18030"), "utf-8")[0] == text
    assert decode(text.encode("utf-8"), "gbk")[0] == text


def test_undecidable_bytes_are_refused(tmp_path: Path) -> None:
    src = tmp_path / "x.txt"
    src.write_bytes(bytes(range(0x80, 0x100)) * 50)
    proc = run_cli("import", str(src), "-o", str(tmp_path / "o.toml"))
    assert proc.returncode == 2 and "无法确定文件编码" in proc.stderr
    assert not (tmp_path / "o.toml").exists()


def test_utf16_text_is_read_as_text(tmp_path: Path) -> None:
    page = _example_page(None)
    for enc in ("utf-16", "utf-16-le", "utf-16-be"):
        src = tmp_path / f"r-{enc}.txt"
        src.write_bytes(page.encode(enc))
        doc = read_any(src.read_bytes(), src.name, None, [])
        assert doc.encoding is not None and doc.encoding.startswith("utf-16")
        assert "青石镇" in doc.text()


def test_publication_date_of_a_portal_page() -> None:
    page = _example_page("utf-8").replace(
        "<body>", "<body><div class='info'>发布时间：2025-01-20 09:30</div>", 1
    )
    doc = read_any(page.encode(), "p.html", None, [])
    assert str(doc.published) == "2025-01-20"
    trs = page.replace("<head>", '<head><meta name="PubDate" content="2025-01-18 10:00">', 1)
    assert str(read_any(trs.encode(), "p.html", None, []).published) == "2025-01-18"


# --- .mht ----------------------------------------------------------------------------------


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64"])
def test_mht_page_is_read(tmp_path: Path, transfer: str) -> None:
    page = _example_page("gb2312")
    message = email.mime.multipart.MIMEMultipart("related")
    part = email.mime.text.MIMEText(page, "html", "gb2312")
    if transfer == "quoted-printable":
        del part["Content-Transfer-Encoding"]
        part.set_charset("gb2312")
        email.charset.add_charset("gb2312", email.charset.QP, email.charset.QP)
        part = email.mime.text.MIMEText(page, "html", "gb2312")
    message.attach(part)
    buf = io.BytesIO()
    email.generator.BytesGenerator(buf).flatten(message)
    src = tmp_path / "page.mht"
    src.write_bytes(buf.getvalue())
    result = import_path(src)
    assert all(c.status == "direct" for c in result.cells)


def test_mht_without_html_is_refused(tmp_path: Path) -> None:
    message = email.mime.multipart.MIMEMultipart("related")
    message.attach(email.mime.text.MIMEText("just text", "plain"))
    src = tmp_path / "page.mht"
    src.write_bytes(message.as_bytes())
    with pytest.raises(SourceError, match="没有 HTML"):
        import_path(src)


# --- resources: zip bombs, deep nesting ----------------------------------------------------


def test_docx_zip_bomb_is_refused_under_a_memory_cap(tmp_path: Path) -> None:
    from .resource_helpers import assert_refused, run_bounded

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"<w:p>" * 200_000
            for _ in range(100):  # 100 MB of XML, 100 KB zipped
                fh.write(chunk)
    assert bomb.stat().st_size < 8 * 1024 * 1024
    proc = run_bounded("import", str(bomb), "-o", str(tmp_path / "o.toml"), mem_mib=768, timeout=60)
    assert_refused(proc, "压缩炸弹")
    assert not (tmp_path / "o.toml").exists()


def test_docx_lying_about_its_sizes_is_still_bounded(tmp_path: Path) -> None:
    from govreport.importer.read_docx import DocxError, check_package

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:p/>" * 3_000_000)  # 3M elements
    with pytest.raises(DocxError, match="元素"):
        check_package(buf.getvalue())


def test_pdf_deflate_bomb_is_refused_under_a_memory_cap(tmp_path: Path) -> None:
    import zlib

    from .resource_helpers import assert_refused, run_bounded

    packer = zlib.compressobj(9)
    chunk = b"0 0 m " * 170_000  # about 1 MB
    bomb = b"".join(packer.compress(chunk) for _ in range(48)) + packer.flush()  # 48 MB of operators
    src = tmp_path / "bomb.pdf"
    src.write_bytes(_minimal_pdf("", content=bomb))
    assert src.stat().st_size < 8 * 1024 * 1024
    proc = run_bounded("import", str(src), "-o", str(tmp_path / "o.toml"), mem_mib=768, timeout=60)
    assert_refused(proc, "压缩炸弹")
    assert not (tmp_path / "o.toml").exists()


def _nested_page(depth: int) -> str:
    page = _example_page("utf-8")
    body = re.search(r"<body>(.*)</body>", page, re.S)
    assert body
    parts = re.findall(r"<(?:p|h\d|table)\b.*?</(?:p|h\d|table)>", body.group(1), re.S)
    per = max(1, depth // len(parts))
    inner = "".join("<div>" * per + p for p in parts) + "</div>" * (per * len(parts))
    return "<html><head><meta charset='utf-8'></head><body>" + inner + "</body></html>"


def test_deeply_nested_html_is_read_whole_and_fast() -> None:
    from .resource_helpers import assert_clean_exit, run_bounded

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "deep.html"
        src.write_text(_nested_page(1500), encoding="utf-8")
        proc = run_bounded("import", str(src), "-o", str(Path(tmp) / "o.toml"), timeout=30)
        assert_clean_exit(proc, 0, 1)
        data = tomllib.loads((Path(tmp) / "o.toml").read_text(encoding="utf-8"))
        want = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
        spec = load_spec("2021")
        for path in required_cells(spec):
            assert get(data, path) == get(want, path), path


def test_html_nested_beyond_the_parser_limit_says_so(tmp_path: Path) -> None:
    src = tmp_path / "deeper.html"
    src.write_text(_nested_page(5000), encoding="utf-8")
    proc = run_cli("import", str(src), "-o", str(tmp_path / "o.toml"))
    assert proc.returncode == 2 and "嵌套过深" in proc.stderr
    assert not (tmp_path / "o.toml").exists()


# --- PDFs printed by Chromium from rendered reports: exact or "?", never wrong ---------------


def _print_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print *html_path* as a user does, with Chromium's own print header and footer."""
    browser = require_browser()
    with tempfile.TemporaryDirectory() as profile:
        command = headless(browser, profile, f"--print-to-pdf={pdf_path}", html_path.as_uri())
        subprocess.run(command, capture_output=True, timeout=120, check=False)
    if not pdf_path.is_file():
        pytest.skip("chromium did not print a PDF here")


def _assert_exact_or_unknown(spec: Any, got: dict[str, Any], want: dict[str, Any]) -> None:
    for path in required_cells(spec):
        g, w = get(got, path), get(want, path)
        ok = g == "?" or (g == w and type(g) is type(w)) or (isinstance(w, float) and g == w)
        assert ok, (path, g, w)


@needs_browser
@pytest.mark.slow
def test_the_example_printed_to_pdf_imports_exactly(tmp_path: Path) -> None:
    """As a user does it: render, print with Chromium (its print header and footer on), import."""
    html_path = tmp_path / "r.html"
    proc = run_cli("render", str(EXAMPLE), "-o", str(html_path))
    assert html_path.is_file(), proc.stderr
    pdf_path = tmp_path / "r.pdf"
    _print_pdf(html_path, pdf_path)
    out = tmp_path / "r.imported.toml"
    proc = run_cli("import", str(pdf_path), "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    got = tomllib.loads(out.read_text(encoding="utf-8"))
    want = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    spec = load_spec("2021")
    for path in required_cells(spec):
        assert get(got, path) == get(want, path), path
    assert got["report"]["organ"] == want["report"]["organ"]
    assert got["report"]["website"] == want["report"]["website"]  # 门户: no radicals left (⼾)
    for section in spec.narrative_sections():
        for key in [k for k, f in section.children.items() if f.is_text]:
            assert got[section.key][key].split() == want[section.key][key].split(), (section.key, key)


def _reports() -> Any:
    from .test_import_roundtrip import reports

    return reports()


@needs_browser
@pytest.mark.slow
def test_generated_reports_printed_to_pdf_come_back_exact_or_unknown(tmp_path_factory: Any) -> None:
    from hypothesis import HealthCheck, Phase, given, settings

    from govreport.render import render_report
    from govreport.report.document import ReportDocument
    from govreport.report.writer import write_report_toml

    # Chromium takes seconds per page: a few examples, and no shrinking (a failure prints its case)
    @settings(
        max_examples=3,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=[Phase.explicit, Phase.generate],
    )
    @given(_reports())
    def check(case: tuple[Any, dict[str, Any]]) -> None:
        spec, data = case
        tmp = tmp_path_factory.mktemp("pdf")
        page = str(
            render_report(ReportDocument.from_text(write_report_toml(spec, data)), "html", fragment=False)
        )
        html_path = tmp / "r.html"
        html_path.write_text(page, encoding="utf-8")
        pdf_path = tmp / "r.pdf"
        _print_pdf(html_path, pdf_path)
        result = import_path(pdf_path)
        assert result.kind == "pdf" and result.spec.version == spec.version
        _assert_exact_or_unknown(spec, tomllib.loads(result.text), data)

    check()


def test_utf32_and_bom_heads_are_text_not_binary() -> None:
    text = "一、总体情况\n本年度工作顺利。\n"
    assert (
        read_any(codecs.BOM_UTF32_LE + text.encode("utf-32-le"), "a", None, [])
        .text()
        .startswith("一、总体情况")
    )


# --- portal pages as CMSs and editors write them ---------------------------------------------


def _placeholder_rows(rows: list[list[tuple[str, int, int]]]) -> list[list[tuple[str, int, int]]]:
    """Merged cells written as the text cell and empty placeholder cells (no spans)."""
    width = max(sum(c for _, _, c in row) for row in rows)
    grid: dict[tuple[int, int], str] = {}
    for ri, row in enumerate(rows):
        ci = 0
        for text, rs, cs in row:
            while (ri, ci) in grid:
                ci += 1
            for dr in range(rs):
                for dc in range(cs):
                    grid[(ri + dr, ci + dc)] = text if (dr, dc) == (0, 0) else ""
            ci += cs
    return [[(grid.get((ri, ci), ""), 1, 1) for ci in range(width)] for ri in range(len(rows))]


def portal_page(data: dict[str, Any], style: str) -> bytes:
    """The report as a portal page: ``word`` (TRS/Word-pasted: MsoNormal, <o:p>, one <p> per
    character of a label, &nbsp; around numbers, titles in <p><strong>, GB2312) or
    ``placeholders`` (merged cells as empty cells, titles in <span>, UTF-8)."""
    import html as h

    from .importer_helpers import preamble, table_rows, title

    spec = load_spec("2021")

    def cell(text: str) -> str:
        if re.fullmatch(r"[\d.]+", text):
            return f"&nbsp;&nbsp;{text}&nbsp;"
        if style == "word" and len(text) > 1:
            return "".join(f'<p class="MsoNormal"><span>{h.escape(ch)}</span><o:p></o:p></p>' for ch in text)
        return h.escape(text).replace("（", "<br>（", 1) if style == "word" else h.escape(text)

    charset = "gb2312" if style == "word" else "utf-8"
    out = [
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "<title>政务公开</title></head><body><div class='nav'>首页 &gt; 政务公开 &gt; 年度报告</div>",
        "<div class='info'>发布时间：2025-01-20　来源：本站</div><div class='TRS_Editor'>",
        f"<p align=center><strong>{h.escape(title(spec, data))}</strong></p>",
    ]
    out += [f"<p class=MsoNormal><![if !supportLists]>{h.escape(p)}<o:p></o:p></p>" for p in preamble(data)]
    for section in spec.sections():
        tag = ("<p><strong><span>", "</span></strong></p>") if style == "word" else ("<span>", "</span><br>")
        out.append(f"{tag[0]}{h.escape(section.title)}{tag[1]}")
        if section.role == "narrative":
            for head, paragraphs in narrative(section, data):
                if head is not None:
                    out.append(f"<p>{h.escape(head)}</p>")
                out += [f"<p class=MsoNormal>{h.escape(p)}<o:p></o:p></p>" for p in paragraphs]
            continue
        rows = table_rows(spec, section.key, data)
        if style == "placeholders":
            rows = _placeholder_rows(rows)
        out.append("<table class=MsoNormalTable border=1>")
        for row in rows:
            tds = "".join(f"<td rowspan={r} colspan={c}>{cell(t)}</td>" for t, r, c in row)
            out.append(f"<tr>{tds}</tr>")
        out.append("</table>")
    out.append("</div><div class='share'>分享到：微信 微博</div></body></html>")
    return "\n".join(out).encode("gb18030" if style == "word" else "utf-8")


@pytest.mark.parametrize("style", ["word", "placeholders"])
def test_portal_pages_as_cms_write_them_import_exactly(tmp_path: Path, style: str) -> None:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    src = tmp_path / "page.html"
    src.write_bytes(portal_page(data, style))
    result = import_path(src)
    spec = load_spec("2021")
    for path in required_cells(spec):
        assert get(tomllib.loads(result.text), path) == get(data, path), path
    assert all(c.status == "direct" for c in result.cells)
    doc = read_any(src.read_bytes(), src.name, None, [])
    assert str(doc.published) == "2025-01-20"
    assert doc.encoding == ("gb18030" if style == "word" else "utf-8")


# --- Word files as offices make them -------------------------------------------------------


def word_file(
    data: dict[str, Any], path: Path, *, split: int | None, header: bool, wrap: bool, fullwidth: bool
) -> None:
    """The report as .docx: table 三 cut into two tables *split* rows in (a page break between,
    the header repeated or not), numbers in full-width digits padded with spaces, the whole
    report inside a one-column layout table."""
    import docx
    from docx.enum.text import WD_BREAK

    from .importer_helpers import preamble, table_rows, title

    spec = load_spec("2021")
    document = docx.Document()
    container: Any = document
    if wrap:
        container = document.add_table(rows=1, cols=1).cell(0, 0)
    container.add_paragraph(title(spec, data))
    for p in preamble(data):
        container.add_paragraph(p)

    def number(text: str) -> str:
        if fullwidth and re.fullmatch(r"\d+", text):
            return "　" + text.translate(str.maketrans("0123456789", "０１２３４５６７８９")) + " "
        return text

    def add_table(cells: list[tuple[int, int, str, int, int]], nrows: int, width: int) -> None:
        table = container.add_table(rows=nrows, cols=width)
        for r, c, text, rs, cs in cells:
            target = table.cell(r, c)
            if rs > 1 or cs > 1:
                target = target.merge(table.cell(r + rs - 1, c + cs - 1))
            target.text = number(text)

    for section in spec.sections():
        container.add_paragraph(section.title)
        if section.role == "narrative":
            for line in narrative_lines(section, data):
                container.add_paragraph(line)
            continue
        rows = table_rows(spec, section.key, data)
        width = spec.table(section.key).width
        placed = placed_cells(rows)
        if split is None or section.key != "requests":
            add_table(placed, len(rows), width)
            continue
        first = [(r, c, t, min(rs, split - r), cs) for r, c, t, rs, cs in placed if r < split]
        heads = 3  # the header rows of table 三
        second = [(r - split, c, t, rs, cs) for r, c, t, rs, cs in placed if r >= split]
        second += [(0, c, "", r + rs - split, cs) for r, c, t, rs, cs in placed if r < split < r + rs]
        if header:
            second = [(r + heads, c, t, rs, cs) for r, c, t, rs, cs in second]
            second += [(r, c, t, min(rs, heads - r), cs) for r, c, t, rs, cs in placed if r < heads]
        add_table(first, split, width)
        container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_table(second, len(rows) - split + (heads if header else 0), width)
    document.save(str(path))


@pytest.mark.parametrize(
    ("split", "header", "wrap", "fullwidth"),
    [
        (None, False, False, True),  # full-width digits padded with spaces
        (9, False, False, False),  # cut inside （三）不予公开, no header repeated
        (14, True, False, False),  # cut inside （四）, the header repeated
        (9, True, True, True),  # all of it, inside a one-column layout table
    ],
)
def test_word_files_as_offices_make_them(
    tmp_path: Path, split: int | None, header: bool, wrap: bool, fullwidth: bool
) -> None:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / "r.docx"
    word_file(data, path, split=split, header=header, wrap=wrap, fullwidth=fullwidth)
    result = import_path(path)
    got = tomllib.loads(result.text)
    spec = load_spec("2021")
    for table in spec.tables:  # optional tables: tests/test_fee_block.py
        if table.optional:
            continue
        for p in table.cell_paths():
            assert get(got, p) == get(data, p), p
    assert all(c.status == "direct" for c in result.cells)
    if split is not None:
        assert any("合并为一张" in n for n in result.notes)
        doc = read_any(path.read_bytes(), path.name, None, [])
        assert sum(1 for b in doc.blocks if isinstance(b, Table)) == 3  # 二, 三 (joined), 四


def test_join_tables_continues_cut_labels_and_drops_repeated_headers() -> None:
    from govreport.importer.blocks import SourceCell, join_tables

    head = [SourceCell("办理结果", 1, 2), SourceCell("自然人"), SourceCell("总计")]
    first = Table(
        [
            list(head),
            [SourceCell("（四）无", 1), SourceCell("1.本机关不掌握"), SourceCell("１２"), SourceCell("12")],
        ]
    )
    second = Table(
        [
            [SourceCell("办理结果", 1, 2), SourceCell("自然人"), SourceCell("总计")],
            [SourceCell("法提供", 2), SourceCell("2.没有现成信息"), SourceCell("3"), SourceCell("3")],
            [SourceCell("3.补正后仍不明确"), SourceCell("0"), SourceCell("0")],
            [SourceCell("（五）不予处理"), SourceCell("1.信访举报"), SourceCell("1"), SourceCell("1")],
        ]
    )
    joined, dropped = join_tables(first, second)
    assert dropped == 1
    assert joined.lines() == [
        "办理结果\t自然人\t总计",
        "（四）无法提供\t1.本机关不掌握\t12\t12",
        "2.没有现成信息\t3\t3",
        "3.补正后仍不明确\t0\t0",
        "（五）不予处理\t1.信访举报\t1\t1",
    ]
    assert joined.rows[1][0].rowspan == 3
    # a new numbered label at the top of the second part is a new row group, not a continuation
    fresh = Table(
        [[SourceCell("（五）不予处理", 2), SourceCell("1.信访举报"), SourceCell("1"), SourceCell("1")]]
    )
    joined, _ = join_tables(first, fresh)
    assert [c.text for c in joined.rows[1]][:1] == ["（四）无"] and joined.rows[2][0].text == "（五）不予处理"


def test_join_tables_never_merges_blank_value_cells_into_the_header() -> None:
    """Found by the Chromium property test: a table cut right after its header, whose next row
    starts with blank value cells, lost a blank (merged into the header cell above), and every
    value of the row moved one column left."""
    from govreport.importer.blocks import SourceCell, join_tables

    first = Table(
        [[SourceCell("结果", 1, 2), SourceCell("自然人"), SourceCell("商业企业"), SourceCell("总计")]]
    )
    second = Table(
        [
            [
                SourceCell("三、本年度办理结果"),
                SourceCell("（一）予以公开"),
                SourceCell(""),
                SourceCell("?"),
                SourceCell("458"),
            ]
        ]
    )
    joined, dropped = join_tables(first, second)
    assert dropped == 0
    assert joined.lines()[1] == "三、本年度办理结果\t（一）予以公开\t\t?\t458"


@needs_browser
@needs_samples
@pytest.mark.slow
def test_a_portal_page_saved_as_pdf_never_gives_a_wrong_number(tmp_path: Path) -> None:
    """The real 平潭 portal page (navigation, link lists, footer) printed by Chromium: every
    cell as the HTML import reads it, or "?" (a row cut by the page break loses its rulings);
    the portal's chrome is not imported as narrative, and the summary says so."""
    page = SAMPLES / "pingtan-2023-portal-page.html"
    pdf_path = tmp_path / "page.pdf"
    _print_pdf(page, pdf_path)
    from_pdf = import_path(pdf_path)
    from_html = tomllib.loads(import_path(page).text)
    got = tomllib.loads(from_pdf.text)
    spec = load_spec("2021")
    for path in required_cells(spec):
        assert get(got, path) in ("?", get(from_html, path)), path
    direct = sum(1 for c in from_pdf.cells if c.status == "direct")
    assert direct >= 180  # most of the 200 cells read from their cells
    assert "版权所有" not in from_pdf.text and "信用中国" not in got["other"]["text"]
    assert any("页面文字" in n for n in from_pdf.notes)
