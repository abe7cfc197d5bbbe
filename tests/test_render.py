"""``govreport render``: the official table layout, every value in its cell, text stays text.

The HTML is read back with html5lib (the WHATWG parsing algorithm, as browsers parse), the
Markdown with markdown-it-py (CommonMark with GFM tables and strikethrough) and then html5lib.
The expected header structure is written out here from the official format (国办公开办函〔2021〕
30号, see ../shared/reference/format-2021.md), not taken from the code under test.
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import html5lib
import pytest
from markdown_it import MarkdownIt

from govreport.format import FormatSpec, load_spec
from govreport.format.values import show_number
from govreport.lint import lint_document
from govreport.lint.finding import Severity
from govreport.render import RenderError, render_report
from govreport.render.engine import markdown_escape
from govreport.render.model import cell_value
from govreport.report.document import ReportDocument
from govreport.report.writer import write_report_toml

from . import htmltables as ht
from .conftest import EXAMPLE, set_value

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

# (block heading, header rows of (text, colspan, rowspan)) per table, from the official format.
OFFICIAL_HEADERS: dict[str, list[tuple[str | None, list[list[tuple[str, int, int]]]]]] = {
    "proactive": [
        (
            "第二十条第（一）项",
            [[("信息内容", 1, 1), ("本年制发件数", 1, 1), ("本年废止件数", 1, 1), ("现行有效件数", 1, 1)]],
        ),
        ("第二十条第（五）项", [[("信息内容", 1, 1), ("本年处理决定数量", 3, 1)]]),
        ("第二十条第（六）项", [[("信息内容", 1, 1), ("本年处理决定数量", 3, 1)]]),
        ("第二十条第（八）项", [[("信息内容", 1, 1), ("本年收费金额（单位：万元）", 3, 1)]]),
    ],
    "requests": [
        (
            None,
            [
                [(NOTE, 3, 3), ("申请人情况", 7, 1)],
                [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
                [(t, 1, 1) for t in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]],
            ],
        )
    ],
    "appeals": [
        (
            None,
            [
                [("行政复议", 5, 1), ("行政诉讼", 10, 1)],
                [*((t, 1, 2) for t in OUTCOMES), ("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
                [(t, 1, 1) for t in OUTCOMES * 2],
            ],
        )
    ],
}
OFFICIAL_WIDTH = {"proactive": 4, "requests": 10, "appeals": 15}
# Table 三's row label cells that span: (text, colspan, rowspan).
REQUESTS_SPANNING_LABELS = [
    ("一、本年新收政府信息公开申请数量", 3, 1),
    ("二、上年结转政府信息公开申请数量", 3, 1),
    ("三、本年度办理结果", 1, 22),
    ("（一）予以公开", 2, 1),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2, 1),
    ("（三）不予公开", 1, 8),
    ("（四）无法提供", 1, 3),
    ("（五）不予处理", 1, 5),
    ("（六）其他处理", 1, 3),
    ("（七）总计", 2, 1),
    ("四、结转下年度继续办理", 3, 1),
]

HOSTILE = [
    "<script>alert(1)</script>",
    "# 不是标题",
    "结尾的井号不会被吃掉 #",
    "1. 不是列表",
    "2024) 年也不是列表",
    "- 不是列表",
    "+ 也不是",
    "> 不是引用",
    "*强调* 与 **加粗** 与 _下划线_ 与 `代码`",
    "| 列 | 列 |",
    "---",
    "[链接](javascript:alert(1)) ![图](x.png)",
    "&lt; 与 &amp; 是实体",
    "~~删除线~~ 与 $x$",
    "反斜杠 \\ 在中间，结尾也有\\",
    "{{ liquid }} {% tag %}",
    '<b>粗体</b> <img src=x onerror="alert(1)">',
    ": 定义",
    "===",
    "https://example.cn/a_b_c 与 <https://example.cn>",
]
# Elements that would mean a narrative became markup.
MARKUP = {"script", "em", "strong", "code", "a", "img", "table", "hr", "ul", "ol", "li", "blockquote"}
MARKUP |= {"del", "s", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "b", "dl", "dt", "dd", "br"}


# -- helpers ----------------------------------------------------------------------------------
def doc_from(data: dict[str, Any], spec: FormatSpec) -> ReportDocument:
    return ReportDocument.from_text(write_report_toml(spec, data))


def example_data() -> dict[str, Any]:
    return copy.deepcopy(ReportDocument.load(EXAMPLE).data)


def set_path(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def distinct_values(spec: FormatSpec) -> ReportDocument:
    """The example with a different value in every cell (the fee a long decimal)."""
    data = example_data()
    cells = [spec[p] for t in spec.tables if not t.optional for p in t.cell_paths()]  # not 六's fees
    for i, node in enumerate(cells):
        set_path(data, node.path, 5949.088667 if node.cell_kind == "amount" else 100 + i)
    return doc_from(data, spec)


def markdown_to_html(md: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)


def report_tables(root: ET.Element) -> dict[str, ET.Element]:
    """The tables of the rendered report, by section key (the section heading before each)."""
    spec = load_spec("2021")
    titles = {s.title: s.key for s in spec.table_sections()}
    found: dict[str, ET.Element] = {}
    current = None
    for el in root.iter():
        if el.tag == "h2":
            current = titles.get(ht.text(el))
        elif el.tag == "table":
            assert current is not None and current not in found, "a table outside a table section"
            found[current] = el
    return found


def rendered_roots(doc: ReportDocument) -> dict[str, ET.Element]:
    return {
        "html": ht.parse(render_report(doc, "html")),
        "fragment": ht.parse(render_report(doc, "html", fragment=True)),
        "md": ht.parse(markdown_to_html(render_report(doc, "md"))),
    }


def expected_text(value: Any) -> str:
    if value == "":
        return ""
    if isinstance(value, str):
        return "?"
    return show_number(value)


def section_elements(root: ET.Element, title: str) -> list[ET.Element]:
    """The elements after the ``<h2>`` *title* up to the next ``<h2>`` (at any nesting)."""
    flat = list(root.iter())
    start = next(i for i, el in enumerate(flat) if el.tag == "h2" and ht.text(el) == title)
    out = []
    for el in flat[start + 1 :]:
        if el.tag in ("h2", "section"):
            break
        out.append(el)
    return out


# -- the official layout -----------------------------------------------------------------------
@pytest.mark.parametrize("output", ["html", "fragment", "md"])
def test_every_header_cell_has_the_official_text_and_spans(spec: FormatSpec, output: str) -> None:
    root = rendered_roots(ReportDocument.load(EXAMPLE))[output]
    tables = report_tables(root)
    assert list(tables) == ["proactive", "requests", "appeals"]
    for key, expected in OFFICIAL_HEADERS.items():
        table = tables[key]
        assert ht.width(table) == OFFICIAL_WIDTH[key]
        blocks = ht.blocks(table)
        assert len(blocks) == len(expected), key
        for block, (heading, header_rows) in zip(blocks, expected, strict=True):
            if heading is None:
                assert block.heading is None
            else:
                assert block.heading is not None
                got = (ht.text(block.heading), ht.span(block.heading, "colspan"))
                assert got == (heading, OFFICIAL_WIDTH[key])
            got_rows = [
                [(ht.text(c), ht.span(c, "colspan"), ht.span(c, "rowspan")) for c in row]
                for row in block.head
            ]
            assert got_rows == header_rows, key
            assert all(c.tag == "th" for row in block.head for c in row)


@pytest.mark.parametrize("output", ["html", "md"])
def test_table_three_row_labels_span_as_in_the_official_format(output: str) -> None:
    root = rendered_roots(ReportDocument.load(EXAMPLE))[output]
    (block,) = ht.blocks(report_tables(root)["requests"])
    assert len(block.body) == 25
    spanning = [
        (ht.text(c), ht.span(c, "colspan"), ht.span(c, "rowspan"))
        for row in block.body
        for c in row
        if c.tag == "th" and (ht.span(c, "colspan") > 1 or ht.span(c, "rowspan") > 1)
    ]
    assert spanning == REQUESTS_SPANNING_LABELS
    # Every body row: three label columns, then seven values.
    assert all([c.tag for c in row] == ["th"] * 3 + ["td"] * 7 for row in block.body_grid)


@pytest.mark.parametrize("which", ["example", "distinct"])
@pytest.mark.parametrize("output", ["html", "fragment", "md"])
def test_every_value_appears_in_its_cell(spec: FormatSpec, which: str, output: str) -> None:
    doc = ReportDocument.load(EXAMPLE) if which == "example" else distinct_values(spec)
    tables = report_tables(rendered_roots(doc)[output])
    for table in spec.tables:
        if table.nested:
            continue  # a table inside a section (六's optional fee table): tests/test_fee_block.py
        cells = list(ht.value_cells(tables[table.key]))
        paths = [n.path for n in spec.cells() if n.path[0] == table.key]
        assert len(cells) == len(paths), f"table {table.number}: {len(cells)} value cells"
        for path in paths:
            # The titles along the path (row groups, row, column groups, column) must be the
            # context of exactly one cell: its block heading, row labels and column headers.
            titles = [spec[path[:i]].title for i in range(2, len(path) + 1)]
            matches = [cell for context, cell in cells if ht.is_subsequence(titles, context)]
            assert len(matches) == 1, f"{'.'.join(path)}: {len(matches)} cells match {titles}"
            assert ht.text(matches[0]) == expected_text(doc.get(path)), ".".join(path)


def test_distinct_values_really_are_distinct(spec: FormatSpec) -> None:
    doc = distinct_values(spec)
    values = [doc.get(p) for t in spec.tables if not t.optional for p in t.cell_paths()]
    assert len(set(values)) == len(values) and 5949.088667 in values


# -- cell values ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "text", "state"),
    [
        (0, "0", "number"),
        (17, "17", "number"),
        (1.85, "1.85", "number"),
        (5949.088667, "5949.088667", "number"),
        (2.0, "2", "number"),
        (0.0000125, "0.0000125", "number"),
        ("", "", "blank"),
        ("?", "?", "unresolved"),
        ("?12", "?", "unresolved"),
        (None, "", "missing"),
        (True, "true", "invalid"),
        ("十二", "十二", "invalid"),
        ("a\n\nb", "a b", "invalid"),
        (float("nan"), "nan", "invalid"),
        ({"x": 1}, "", "invalid"),
    ],
)
def test_cell_value(value: Any, text: str, state: str) -> None:
    assert cell_value(value) == (text, state)


def test_blank_unresolved_and_decimal_cells_in_both_outputs(spec: FormatSpec, example_text: str) -> None:
    text = set_value(example_text, ("requests", "new", "person"), '"?14"  # 候选：14 / 1·4')
    text = set_value(text, ("requests", "new", "business"), '""')
    text = set_value(text, ("proactive", "item_8", "fees", "amount"), "5949.088667")
    text = set_value(text, ("appeals", "review", "upheld"), '"壹"')
    doc = ReportDocument.from_text(text)
    root = ht.parse(render_report(doc, "html"))
    by_path = {td.get("data-path"): td for td in root.iter("td")}
    person = by_path["requests.new.person"]
    assert ht.text(person) == "?" and "unresolved" in person.get("class", "").split()
    assert "14" not in "".join(person.itertext()), "an unresolved value must not show a guess"
    blank = by_path["requests.new.business"]
    assert ht.text(blank) == "" and "blank" in blank.get("class", "").split()
    assert ht.text(by_path["proactive.item_8.fees.amount"]) == "5949.088667"
    assert "invalid" in by_path["appeals.review.upheld"].get("class", "").split()
    md_root = ht.parse(markdown_to_html(render_report(doc, "md")))
    tables = report_tables(md_root)
    cells = {tuple(ctx): ht.text(cell) for ctx, cell in ht.value_cells(tables["requests"])}
    row = ["一、本年新收政府信息公开申请数量", "申请人情况"]
    assert cells[(row[0], row[1], "自然人")] == "?"
    assert cells[(row[0], row[1], "法人或其他组织", "商业企业")] == ""


def test_a_missing_cell_renders_empty_and_marked(spec: FormatSpec) -> None:
    data = example_data()
    del data["requests"]["new"]["person"]
    root = ht.parse(render_report(ReportDocument(None, "", data), "html"))
    (td,) = [td for td in root.iter("td") if td.get("data-path") == "requests.new.person"]
    assert ht.text(td) == "" and "missing" in td.get("class", "").split()


def test_a_line_break_in_a_cell_does_not_break_the_markdown_table(example_text: str) -> None:
    doc = ReportDocument.from_text(set_value(example_text, ("requests", "new", "person"), '"a\\n\\nb"'))
    root = ht.parse(markdown_to_html(render_report(doc, "md")))
    tables = report_tables(root)
    assert len(list(ht.value_cells(tables["requests"]))) == 175


# -- text stays text -----------------------------------------------------------------------------
def hostile_doc(spec: FormatSpec) -> ReportDocument:
    data = example_data()
    data["problems"]["text"] = "\n".join(HOSTILE) + "\n"
    data["report"]["organ"] = "<script>alert(1)</script>*乡*|人民政府"
    data["report"]["website"] = "<a href='javascript:x'>网站</a>"
    return doc_from(data, spec)


@pytest.mark.parametrize("output", ["html", "fragment", "md"])
def test_narrative_with_markup_characters_renders_as_visible_text(spec: FormatSpec, output: str) -> None:
    doc = hostile_doc(spec)
    if output == "md":
        root = ht.parse(markdown_to_html(render_report(doc, "md")))
    else:
        root = ht.parse(render_report(doc, "html", fragment=output == "fragment"))
    assert not list(root.iter("script")), "a <script> element was created"
    elements = section_elements(root, "五、存在的主要问题及改进情况")
    paragraphs = [el for el in elements if el.tag == "p"]
    assert ["".join(p.itertext()) for p in paragraphs] == [line.strip() for line in HOSTILE]
    assert not [el.tag for el in elements if el.tag in MARKUP]
    (h1,) = list(root.iter("h1"))
    assert "".join(h1.itertext()).startswith("<script>alert(1)</script>*乡*|人民政府")
    assert not list(h1), "the title holds no elements"
    preamble = next(p for p in root.iter("p") if "查阅或下载" in "".join(p.itertext()))
    assert "<a href='javascript:x'>网站</a>" in "".join(preamble.itertext())
    assert not list(root.iter("a"))


def test_html_parses_without_errors() -> None:
    """The page and the fragment are well-formed HTML: html5lib's strict mode raises on any
    parse error (a stray end tag, a misplaced row, an unescaped character in an attribute)."""
    doc = ReportDocument.load(EXAMPLE)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(render_report(doc, "html"))
    parser.parseFragment(render_report(doc, "html", fragment=True))


def test_markdown_escapes_stay_readable() -> None:
    assert markdown_escape("2024年，我镇公开信息326条。") == "2024年，我镇公开信息326条。"
    assert markdown_escape("<script>") == "\\<script\\>"
    assert markdown_escape("1. 一") == "1\\. 一"
    assert markdown_escape("{{ x }}") == "&#123;{ x }}"


# -- narrative and preamble ------------------------------------------------------------------
def test_sections_subheads_and_paragraphs(spec: FormatSpec) -> None:
    doc = ReportDocument.load(EXAMPLE)
    root = ht.parse(render_report(doc, "html"))
    assert [ht.text(h) for h in root.iter("h2")] == [s.title for s in spec.sections()]
    assert [ht.text(h) for h in root.iter("h3")] == [
        f.title for f in spec.text_fields() if not f.schema.get("x-untitled")
    ]
    for field in spec.text_fields():
        lines = [line for line in doc.get(field.path).splitlines() if line.strip()]
        body = "".join("".join(p.itertext()) for p in root.iter("p"))
        for line in lines:
            assert line in body
    overview = section_elements(root, "一、总体情况")
    assert overview[0].tag == "p", "the untitled introduction comes before （一）"
    active = doc.get(("overview", "active")).strip().splitlines()
    assert len(active) == 2
    paragraphs = ["".join(p.itertext()) for p in overview if p.tag == "p"]
    assert paragraphs[1:3] == active, "each line of a text is one paragraph"


def test_title_and_preamble_read_like_a_real_report() -> None:
    root = ht.parse(render_report(ReportDocument.load(EXAMPLE), "html"))
    (h1,) = list(root.iter("h1"))
    assert ht.text(h1) == "云岭县青石镇人民政府2024年政府信息公开工作年度报告"
    (title,) = list(root.iter("title"))
    assert title.text == "云岭县青石镇人民政府2024年政府信息公开工作年度报告"
    preamble = "".join(next(p for p in root.iter("p") if p.get("class") == "preamble").itertext())
    for part in [
        "《中华人民共和国政府信息公开条例》",
        "（国办公开办函〔2021〕30号）",
        "自2024年1月1日起至2024年12月31日止",
        "云岭县人民政府门户网站（https://yunling.example.cn）查阅或下载",
        "云岭县青石镇人民政府党政综合办公室",
        "地址：云岭县青石镇青石街18号",
        "邮编：651299",
        "电话：0871-6512340",
    ]:
        assert part in preamble


def test_missing_preamble_fields_are_marked_not_invented(spec: FormatSpec) -> None:
    data = example_data()
    del data["report"]["year"]
    del data["report"]["contact"]["phone"]
    doc = ReportDocument(None, "", data)
    html = ht.parse(render_report(doc, "html"))
    (h1,) = list(html.iter("h1"))
    assert ht.text(h1) == "云岭县青石镇人民政府【未填写报告年度】年政府信息公开工作年度报告"
    assert [ht.text(s) for s in html.iter("span") if s.get("class") == "missing"] == [
        "【未填写报告年度】",
        "【未填写电话】",
    ]
    md = render_report(doc, "md")
    assert md.startswith("# 云岭县青石镇人民政府【未填写报告年度】年政府信息公开工作年度报告\n")
    assert "电话：【未填写电话】" in md


# -- page and fragment ------------------------------------------------------------------------------
def test_standalone_page_and_fragment() -> None:
    doc = ReportDocument.load(EXAMPLE)
    page = render_report(doc, "html")
    assert page.startswith("<!DOCTYPE html>")
    root = ht.parse(page)
    (style,) = list(root.iter("style"))
    css = style.text or ""
    assert "size: A4" in css and "table-header-group" in css and "break-inside: avoid" in css
    assert "仿宋" in css and "serif" in css
    fragment = render_report(doc, "html", fragment=True)
    assert fragment.lstrip().startswith("<article") and fragment.rstrip().endswith("</article>")
    for tag in ("<html", "<head", "<body", "<style", "<!DOCTYPE"):
        assert tag not in fragment
    # The fragment is exactly the page's body.
    assert fragment.strip() in page


def test_markdown_is_readable_and_tables_are_html_blocks() -> None:
    md = render_report(ReportDocument.load(EXAMPLE), "md")
    lines = md.split("\n")
    assert lines[0] == "# 云岭县青石镇人民政府2024年政府信息公开工作年度报告"
    assert "## 三、收到和处理政府信息公开申请情况" in lines
    assert "### （一）主动公开" in lines
    for i, line in enumerate(lines):
        if line.startswith("<table"):
            assert lines[i - 1] == "", "a blank line before each table"
        if line == "</table>":
            assert lines[i + 1] == "", "a blank line after each table"
    # One table row per line, no blank line inside a table.
    inside = False
    for line in lines:
        inside = inside or line.startswith("<table")
        if inside:
            assert line != ""
            assert line.startswith(("<table", "</table", "<thead", "</thead", "<tbody", "</tbody", "<tr>"))
        if line == "</table>":
            inside = False
    assert "class=" not in md and "style=" not in md, "Markdown viewers drop classes and styles"
    assert "\n\n\n" not in md and md.endswith("\n") and not md.endswith("\n\n")


# -- the schema drives the layout ------------------------------------------------------------------
def test_layout_comes_from_the_schema(spec: FormatSpec) -> None:
    """A schema with another table 二 (as a later format version might have) renders through
    the same templates: a new column, a renamed one and a wider table."""
    schema = json.loads(Path(spec.source or "").read_text(encoding="utf-8"))
    schema["$defs"]["documents_row"]["properties"]["published"] = {
        "title": "本年新公开数量",
        "$ref": "#/$defs/count",
    }
    schema["$defs"]["documents_row"]["properties"]["issued"]["title"] = "本年新制作数量"
    table = schema["properties"]["proactive"]["x-table"]
    table["width"] = 5
    table["blocks"][0]["header"] = ["issued", "published", "in_force"]
    other = FormatSpec(schema)
    data = example_data()
    data["proactive"]["item_1"]["rules"]["published"] = 7
    root = ht.parse(render_report(ReportDocument(None, "", data), "html", spec=other))
    first, second = ht.blocks(report_tables(root)["proactive"])[:2]
    assert [ht.text(c) for c in first.head[0]] == [
        "信息内容",
        "本年新制作数量",
        "本年新公开数量",
        "现行有效件数",
    ]
    assert [ht.span(c, "colspan") for c in second.head[0]] == [1, 4]
    assert [ht.text(c) for c in first.body[0]] == ["规章", "0", "7", "0"]
    assert ht.width(report_tables(root)["proactive"]) == 5


# -- templates -----------------------------------------------------------------------------------
def test_user_templates_replace_the_packaged_ones(tmp_path: Path) -> None:
    (tmp_path / "preamble.j2").write_text(
        "{% macro preamble(doc, mode) %}本报告由{{ doc.report.organ.value }}编制。{% endmacro %}\n",
        encoding="utf-8",
    )
    (tmp_path / "style.css.j2").write_text("body { color: #123456; }\n", encoding="utf-8")
    doc = ReportDocument.load(EXAMPLE)
    page = render_report(doc, "html", template_dir=tmp_path)
    assert "本报告由云岭县青石镇人民政府编制。" in page and "#123456" in page
    assert "国办公开办函" not in page
    md = render_report(doc, "md", template_dir=tmp_path)
    assert "本报告由云岭县青石镇人民政府编制。" in md
    # Templates not overridden still come from the package.
    assert len(report_tables(ht.parse(page))) == 3


def test_user_templates_are_autoescaped(tmp_path: Path) -> None:
    (tmp_path / "preamble.j2").write_text(
        "{% macro preamble(doc, mode) %}{{ doc.report.organ.value }}{% endmacro %}\n", encoding="utf-8"
    )
    data = example_data()
    data["report"]["organ"] = "<script>x</script>"
    page = render_report(ReportDocument(None, "", data), "html", template_dir=tmp_path)
    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_a_broken_user_template_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "report.html.j2").write_text("<p>\n{% if %}\n", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render_report(ReportDocument.load(EXAMPLE), "html", template_dir=tmp_path)
    assert "\n" not in info.value.message
    assert "report.html.j2:2:" in info.value.message


def test_unknown_format_cannot_render(example_text: str) -> None:
    doc = ReportDocument.from_text(example_text.replace('format = "2021"', 'format = "1999"'))
    with pytest.raises(RenderError, match="未知的格式版本"):
        render_report(doc, "html")


# -- the command -------------------------------------------------------------------------------------
def test_cli_renders_to_stdout(run) -> None:  # type: ignore[no-untyped-def]
    result = run("render", str(EXAMPLE), "--to", "md")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == render_report(ReportDocument.load(EXAMPLE), "md")
    html = run("render", str(EXAMPLE))
    assert html.stdout.startswith("<!DOCTYPE html>")
    fragment = run("render", str(EXAMPLE), "--fragment")
    assert fragment.stdout.startswith("<article")


def test_cli_writes_a_file_and_never_overwrites_unasked(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.md"
    result = run("render", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 0 and "已生成" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("# 云岭县"), "the format follows the suffix"
    out.write_text("mine", encoding="utf-8")
    refused = run("render", str(EXAMPLE), "-o", str(out))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    forced = run("render", str(EXAMPLE), "--to", "html", "-o", str(out), "--force")
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"], "no temporary file left behind"


def test_cli_renders_a_report_with_lint_errors_and_warns(run, tmp_path: Path, example_text: str) -> None:  # type: ignore[no-untyped-def]
    text = set_value(example_text, ("requests", "new", "total"), "99")
    text = set_value(text, ("report", "website"), '"【待填写网站】"')
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    found = lint_document(ReportDocument.load(path))
    errors = sum(1 for f in found if f.severity is Severity.ERROR)
    warnings = sum(1 for f in found if f.severity is Severity.WARNING)
    assert errors >= 2
    result = run("render", str(path), "--to", "html")
    assert result.exit_code == 0
    assert result.stderr == (
        f"govreport: 注意：报告有 {errors} 个错误、{warnings} 个警告未解决"
        "（运行 govreport lint 查看；--strict 则不生成），仍按原样生成\n"
    )
    root = ht.parse(result.stdout)
    (td,) = [td for td in root.iter("td") if td.get("data-path") == "requests.new.total"]
    assert ht.text(td) == "99", "rendered as it is"


def test_cli_clean_report_renders_without_warning(run) -> None:  # type: ignore[no-untyped-def]
    assert run("render", str(EXAMPLE), "--to", "md").stderr == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "文件不存在"),
        (b"x = [", "TOML 语法错误"),
        (b"\xff\xfe\x00\x01", "不是"),
        (b'format = "1999"\n', "未知的格式版本"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    run, tmp_path: Path, content: bytes | None, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.toml"
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out.html"
    result = run("render", str(path), "-o", str(out))
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_fragment_is_for_html_only(run) -> None:  # type: ignore[no-untyped-def]
    result = run("render", str(EXAMPLE), "--to", "md", "--fragment")
    assert result.exit_code == 2 and "--fragment" in result.stderr


def test_cli_template_dir(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "report.md.j2").write_text(
        "{{ doc.title }}：{{ doc.sections | length }} 节\n", encoding="utf-8"
    )
    result = run("render", str(EXAMPLE), "--to", "md", "--template-dir", str(tmp_path))
    assert result.stdout == "云岭县青石镇人民政府2024年政府信息公开工作年度报告：6 节\n"
    (tmp_path / "report.md.j2").write_text("{{ doc.no_such_thing }}\n", encoding="utf-8")
    broken = run("render", str(EXAMPLE), "--to", "md", "--template-dir", str(tmp_path))
    assert broken.exit_code == 2 and "模板错误" in broken.stderr and broken.stderr.count("\n") == 1
