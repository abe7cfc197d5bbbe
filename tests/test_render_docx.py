"""``govreport render --to docx``: the Word file's structure (page, styles, the official table
layout with its merged cells), the round trip through ``govreport import`` and the CLI."""

from __future__ import annotations

import io
import os
import re
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.format import FormatSpec, load_spec
from govreport.importer import import_bytes
from govreport.importer.read_docx import read_docx
from govreport.lint import lint_document
from govreport.render.model import RenderError, build_model
from govreport.render.word import A4, LINE_PITCH, MARGINS, render_docx
from govreport.report.document import ReportDocument
from govreport.report.writer import write_report_toml

from .conftest import EXAMPLE, run_cli, set_value
from .test_import_roundtrip import assert_same_report, reports

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(text: str, **kwargs: Any) -> bytes:
    return render_docx(ReportDocument.from_text(text), **kwargs)


@pytest.fixture(scope="module")
def example_docx() -> bytes:
    return render_docx(ReportDocument.load(EXAMPLE))


@pytest.fixture(scope="module")
def document(example_docx: bytes) -> Any:
    return docx.Document(io.BytesIO(example_docx))


def style_font(document: Any, name: str) -> tuple[str | None, float | None]:
    style = document.styles[name]
    fonts = style.element.find(f"{W}rPr/{W}rFonts")
    east_asia = fonts.get(f"{W}eastAsia") if fonts is not None else None
    size = style.font.size.pt if style.font.size is not None else None
    return east_asia, size


# -- page and styles ------------------------------------------------------------------------
def test_page_is_a4_with_the_gbt9704_margins_and_grid(document: Any) -> None:
    section = document.sections[-1]
    assert (section.page_width.twips, section.page_height.twips) == A4 == (11906, 16838)
    mm = 1440 / 25.4
    assert round(section.top_margin.twips / mm) == 37
    assert round(section.bottom_margin.twips / mm) == 35
    assert round(section.left_margin.twips / mm) == 28
    assert round(section.right_margin.twips / mm) == 26
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}linePitch") == str(LINE_PITCH)
    # 22 lines of exactly 28.95 pt fill the 225 mm type area, a 23rd would not.
    height_pt = (A4[1] - MARGINS["top"] - MARGINS["bottom"]) / 20
    assert 22 * LINE_PITCH / 20 <= height_pt < 23 * LINE_PITCH / 20


def test_styles_name_the_official_fonts_and_sizes(document: Any) -> None:
    assert style_font(document, "Title") == ("方正小标宋简体", 22)
    assert style_font(document, "Normal") == ("仿宋_GB2312", 16)
    assert style_font(document, "Heading 1") == ("黑体", 16)
    assert style_font(document, "Heading 2") == ("楷体_GB2312", 16)
    assert style_font(document, "Footer") == ("宋体", 14)
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing.pt == LINE_PITCH / 20
    # 28 characters of 3号, each set 0.25 pt closer, fit the 156 mm line; 29 do not.
    spacing = document.styles["Normal"].element.find(f"{W}rPr/{W}spacing")
    pitch = 16 + int(spacing.get(f"{W}val")) / 20
    width_pt = (A4[0] - MARGINS["left"] - MARGINS["right"]) / 20
    assert 28 * pitch <= width_pt < 29 * pitch
    # no theme fonts that would override the named ones, fonts named and not embedded
    styles_xml = document.styles.element.xml
    assert "asciiTheme" not in styles_xml.split("<w:latentStyles")[0].split("</w:docDefaults>")[1]
    names = zipfile.ZipFile(io.BytesIO(document_bytes(document))).namelist()
    assert not [n for n in names if n.startswith("word/fonts/")]


def document_bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_page_numbers_are_a_page_field_between_dashes(document: Any) -> None:
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[-1]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer._element.find(f"{W}p")
        text = "".join(t.text for t in p.iter(f"{W}t"))
        assert text == "— 1 —"
        assert " PAGE " in "".join(t.text for t in p.iter(f"{W}instrText"))
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == side


def test_title_preamble_sections_and_subheads_in_order(document: Any, spec: FormatSpec) -> None:
    doc = ReportDocument.load(EXAMPLE)
    model = build_model(doc, spec)
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", model.title)
    assert paragraphs[1][0] == "Normal" and paragraphs[1][1].startswith(
        "根据《中华人民共和国政府信息公开条例》"
    )
    heads1 = [text for style, text in paragraphs if style == "Heading 1"]
    assert heads1 == [s.title for s in model.sections]
    heads2 = [text for style, text in paragraphs if style == "Heading 2"]
    assert heads2 == [p.title for s in model.sections for p in s.parts if p.title]
    body = [text for style, text in paragraphs if style == "Normal"][1:]
    assert body == [p for s in model.sections for part in s.parts for p in part.paragraphs]
    assert document.core_properties.title == model.title


# -- tables -----------------------------------------------------------------------------------
def expected_rows(spec: FormatSpec, doc: ReportDocument, key: str) -> list[list[tuple[str, int, int]]]:
    """Every row of a table as (text, rowspan, colspan), from the render model."""
    table = next(s.table for s in build_model(doc, spec).sections if s.table and s.table.key == key)
    rows = []
    for block in table.blocks:
        for cells in ([[block.heading]] if block.heading else []) + block.head_rows + block.body_rows:
            rows.append([(c.text if c.state != "blank" else "", c.rowspan, c.colspan) for c in cells])
    return rows


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_tables_have_the_official_merged_cells(version: str, example_text: str) -> None:
    spec = load_spec(version)
    text = example_text if version == "2021" else write_report_toml(spec, _new(spec))
    doc = ReportDocument.from_text(text)
    source = read_docx(render_docx(doc, spec=spec))
    tables = [b for b in source.blocks if hasattr(b, "rows")]
    shown = [t for t in spec.tables if doc.get(t.path) is not None]  # not an absent optional block
    assert len(tables) == len(shown)
    for table, layout in zip(tables, shown, strict=True):
        got = [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.rows]  # type: ignore[attr-defined]
        assert got == expected_rows(spec, doc, layout.key), layout.key


def _new(spec: FormatSpec) -> dict[str, Any]:
    from govreport.report.scaffold import new_report

    return new_report(spec, year=2020, organ="测试局").data


def test_official_header_spans(document: Any) -> None:
    source = read_docx(document_bytes(document))
    by_text = {c.text: c for b in source.blocks if hasattr(b, "rows") for row in b.rows for c in row}  # type: ignore[attr-defined]
    assert by_text["申请人情况"].colspan == 7
    assert by_text["法人或其他组织"].colspan == 5
    assert by_text["三、本年度办理结果"].rowspan == 22
    assert by_text["行政复议"].colspan == 5
    assert by_text["行政诉讼"].colspan == 10


def test_tables_fit_the_type_area_repeat_headers_and_keep_rows_whole(document: Any) -> None:
    width = A4[0] - MARGINS["left"] - MARGINS["right"]
    for table, expected_header in zip(document.tables, (0, 3, 3), strict=True):
        grid = [int(c.get(f"{W}w")) for c in table._tbl.find(f"{W}tblGrid")]
        assert sum(grid) <= width and sum(grid) > width - 20
        assert table._tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        rows = table._tbl.findall(f"{W}tr")
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows)
        header = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows]
        assert header == [True] * expected_header + [False] * (len(rows) - expected_header)
        sizes = {int(sz.get(f"{W}val")) for sz in table._tbl.iter(f"{W}sz")}
        assert sizes and max(sizes) <= 21  # 五号 or smaller


def test_blank_unresolved_and_decimal_cells(example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "person"), '""')
    text = set_value(text, ("requests", "new", "business"), '"?"')
    text = set_value(text, ("proactive", "item_8", "fees", "amount"), "5949.088667")
    source = read_docx(_docx(text))
    table_three = [b for b in source.blocks if hasattr(b, "rows")][1]
    row = next(r for r in table_three.rows if r[0].text == "一、本年新收政府信息公开申请数量")  # type: ignore[attr-defined]
    assert [c.text for c in row[1:3]] == ["", "?"]
    assert any(
        c.text == "5949.088667" for b in source.blocks if hasattr(b, "rows") for r in b.rows for c in r
    )  # type: ignore[attr-defined]


def test_missing_preamble_and_narrative_are_marked_not_invented(example_text: str) -> None:
    text = set_value(example_text, ("report", "contact", "phone"), '""')
    text = set_value(text, ("report", "year"), '""')
    document = docx.Document(io.BytesIO(_docx(text)))
    assert "【未填写报告年度】" in document.paragraphs[0].text
    assert "电话：【未填写" in document.paragraphs[1].text


def test_control_characters_do_not_break_the_file(example_text: str) -> None:
    text = set_value(example_text, ("overview", "intro"), '"一\\u0001二\\u0008三"')
    document = docx.Document(io.BytesIO(_docx(text)))
    assert any(p.text == "一\ufffd二\ufffd三" for p in document.paragraphs)


# -- the round trip ---------------------------------------------------------------------------
def findings(doc: ReportDocument) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.dotted_path, f.message) for f in lint_document(doc))


def test_example_round_trips_through_import() -> None:
    spec = load_spec("2021")
    original = ReportDocument.load(EXAMPLE)
    result = import_bytes(render_docx(original), "example.docx")
    assert result.kind == "docx"
    assert all(c.status == "direct" for c in result.cells)
    assert_same_report(spec, tomllib.loads(result.text), original.data)
    assert findings(ReportDocument.from_text(result.text)) == findings(original) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_generated_reports_round_trip_through_word(case: tuple[FormatSpec, dict[str, Any]]) -> None:
    spec, data = case
    original = ReportDocument.from_text(write_report_toml(spec, data))
    result = import_bytes(render_docx(original, spec=spec), "generated.docx")
    assert result.spec.version == spec.version
    imported = ReportDocument.from_text(result.text)
    assert_same_report(spec, imported.data, data)
    assert findings(imported) == findings(original)


# -- templates --------------------------------------------------------------------------------
def office_template(tmp_path: Path, suffix: str = ".docx") -> Path:
    template = docx.Document()
    template.styles["Normal"].font.size = docx.shared.Pt(12)
    template.styles["Normal"].font.name = "Arial"
    template.add_paragraph("模板里的示例文字")
    template.sections[0].left_margin = docx.shared.Mm(30)
    path = tmp_path / f"office{suffix}"
    template.save(str(path))
    return path


def test_a_template_keeps_its_styles_and_page_and_loses_its_body(tmp_path: Path) -> None:
    out = render_docx(ReportDocument.load(EXAMPLE), template=office_template(tmp_path))
    document = docx.Document(io.BytesIO(out))
    assert document.styles["Normal"].font.size.pt == 12
    assert round(document.sections[-1].left_margin.mm) == 30
    assert "模板里的示例文字" not in [p.text for p in document.paragraphs]
    assert document.paragraphs[0].style.name == "Title"
    assert "表格文字" in [s.name for s in document.styles]
    width = document.sections[-1].page_width.twips - 2 * round(30 * 1440 / 25.4) // 1
    for table in document.tables:
        assert sum(int(c.get(f"{W}w")) for c in table._tbl.find(f"{W}tblGrid")) <= width + 600


def test_a_word_template_dotx_is_accepted(tmp_path: Path) -> None:
    path = office_template(tmp_path)
    dotx = tmp_path / "office.dotx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(dotx, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(info, data)
    document = docx.Document(io.BytesIO(render_docx(ReportDocument.load(EXAMPLE), template=dotx)))
    assert document.styles["Normal"].font.size.pt == 12


# -- the CLI ----------------------------------------------------------------------------------
def test_cli_writes_docx_from_the_suffix_and_never_overwrites_unasked(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    proc = run_cli("render", str(EXAMPLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == f"已生成 {out}"
    assert docx.Document(str(out)).core_properties.title.endswith("年政府信息公开工作年度报告")
    before = out.read_bytes()
    proc = run_cli("render", str(EXAMPLE), "-o", str(out))
    assert proc.returncode == 2 and "已存在" in proc.stderr
    assert out.read_bytes() == before


def test_cli_docx_to_a_pipe_is_the_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "govreport", "render", str(EXAMPLE), "--to", "docx"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0
    assert zipfile.is_zipfile(io.BytesIO(proc.stdout))
    assert docx.Document(io.BytesIO(proc.stdout)).paragraphs[0].style.name == "Title"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/missing/report.docx"], "目录"),
        (["-o", "{tmp}/report.docx", "--template", "{tmp}/not-a-docx.docx"], "不是可以使用的 Word"),
        (["-o", "{tmp}/report.docx", "--template", "{tmp}/truncated.docx"], "不是可以使用的 Word"),
        (["-o", "{tmp}/report.docx", "--template", "{tmp}/nowhere.docx"], "文件不存在"),
        (["-o", "{tmp}/report.docx", "--template", "{tmp}"], "是目录"),
        (["-o", "{tmp}/report.html", "--template", "{tmp}/office.docx"], "--template"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "not-a-docx.docx").write_text("这不是 Word 文件", encoding="utf-8")
    good = office_template(tmp_path)
    (tmp_path / "truncated.docx").write_bytes(good.read_bytes()[:2000])
    before = sorted(os.listdir(tmp_path))
    proc = run_cli("render", str(EXAMPLE), *[a.format(tmp=tmp_path) for a in args])
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    said = [line for line in proc.stderr.splitlines() if line and not line.startswith(("用法：", "用 "))]
    assert len(said) == 1, said  # one line (click adds its usage lines to a usage error)
    assert sorted(os.listdir(tmp_path)) == before


def test_a_zip_bomb_template_is_refused_before_unpacking(tmp_path: Path) -> None:
    # A small zip whose directory says its document unpacks to 4 GB: refused on that figure,
    # nothing is decompressed.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    entry = data.rindex(b"PK\x01\x02")  # the central directory entry of word/document.xml
    data[entry + 24 : entry + 28] = (0xFFFF0000).to_bytes(4, "little")
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(bytes(data))
    with pytest.raises(RenderError, match="解压后过大"):
        render_docx(ReportDocument.load(EXAMPLE), template=bomb)
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(10_001):
            z.writestr(f"x/{i}", "")
    with pytest.raises(RenderError, match="文件过多"):
        render_docx(ReportDocument.load(EXAMPLE), template=many)


# -- adversarial text -------------------------------------------------------------------------
def toml_string(value: str) -> str:
    """*value* as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=60))
def test_any_text_renders_and_reads_back(value: str) -> None:
    literal = toml_string(value)
    text = set_value(EXAMPLE.read_text(encoding="utf-8"), ("overview", "intro"), literal)
    text = set_value(text, ("report", "organ"), literal)
    document = docx.Document(io.BytesIO(_docx(text)))
    paragraphs = [p.text for p in document.paragraphs]
    want = [line.strip() for line in value.splitlines() if line.strip()]
    for line in want:  # each paragraph as written; characters XML cannot hold become U+FFFD
        assert re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", line) in paragraphs


def test_a_template_table_style_keeps_its_size(tmp_path: Path) -> None:
    template = docx.Document()
    style = template.styles.add_style("表格文字", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    style.font.size = docx.shared.Pt(8)
    path = tmp_path / "t.docx"
    template.save(str(path))
    document = docx.Document(io.BytesIO(render_docx(ReportDocument.load(EXAMPLE), template=path)))
    assert document.styles["表格文字"].font.size.pt == 8
    for table in document.tables:
        assert not list(table._tbl.iter(f"{W}sz"))  # no size of ours over the template's


def test_template_dir_gives_the_preamble_wording(tmp_path: Path) -> None:
    (tmp_path / "preamble.j2").write_text(
        "{% macro preamble(doc, mode) %}本报告由{{ doc.report.organ.value }}编制 & 发布。{% endmacro %}",
        encoding="utf-8",
    )
    document = docx.Document(io.BytesIO(render_docx(ReportDocument.load(EXAMPLE), template_dir=tmp_path)))
    assert document.paragraphs[1].text == "本报告由云岭县青石镇人民政府编制 & 发布。"
