"""The format schema: valid JSON Schema, the official labels and layout, the sum relations."""

from __future__ import annotations

import json
import tomllib

import jsonschema
import pytest

from govreport.format import FormatSpec, available_formats
from govreport.format.spec import schema_path
from govreport.report.document import ReportDocument

from .conftest import EXAMPLE

TABLE_3_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果 （一）予以公开",
    "三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "三、本年度办理结果 （三）不予公开 1.属于国家秘密",
    "三、本年度办理结果 （三）不予公开 2.其他法律行政法规禁止公开",
    "三、本年度办理结果 （三）不予公开 3.危及“三安全一稳定”",
    "三、本年度办理结果 （三）不予公开 4.保护第三方合法权益",
    "三、本年度办理结果 （三）不予公开 5.属于三类内部事务信息",
    "三、本年度办理结果 （三）不予公开 6.属于四类过程性信息",
    "三、本年度办理结果 （三）不予公开 7.属于行政执法案卷",
    "三、本年度办理结果 （三）不予公开 8.属于行政查询事项",
    "三、本年度办理结果 （四）无法提供 1.本机关不掌握相关政府信息",
    "三、本年度办理结果 （四）无法提供 2.没有现成信息需要另行制作",
    "三、本年度办理结果 （四）无法提供 3.补正后申请内容仍不明确",
    "三、本年度办理结果 （五）不予处理 1.信访举报投诉类申请",
    "三、本年度办理结果 （五）不予处理 2.重复申请",
    "三、本年度办理结果 （五）不予处理 3.要求提供公开出版物",
    "三、本年度办理结果 （五）不予处理 4.无正当理由大量反复申请",
    "三、本年度办理结果 （五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    "三、本年度办理结果 （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "三、本年度办理结果 （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "三、本年度办理结果 （六）其他处理 3.其他",
    "三、本年度办理结果 （七）总计",
    "四、结转下年度继续办理",
]


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(schema_path("2021").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_available_formats_lists_2021() -> None:
    assert "2021" in available_formats()


def test_example_validates_with_plain_jsonschema(spec: FormatSpec) -> None:
    # The reference validator, with no govreport code in between (dates as ISO strings).
    doc = ReportDocument.load(EXAMPLE)
    jsonschema.Draft202012Validator(spec.schema).validate(doc.plain)


def test_sections_in_official_order(spec: FormatSpec) -> None:
    assert [s.title for s in spec.sections()] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


def test_table_3_rows_and_labels(spec: FormatSpec) -> None:
    block = spec.table("requests").blocks[0]
    assert [r.label_zh for r in block.rows] == TABLE_3_ROWS
    assert block.label_columns == 3
    # 三、本年度办理结果 spans the 22 outcome rows; （三）不予公开 spans its 8 rows.
    first = block.rows[2].labels[0]
    assert (first.text, first.rowspan, first.colspan) == ("三、本年度办理结果", 22, 1)
    withheld = block.rows[4].labels[0]
    assert (withheld.text, withheld.rowspan) == ("（三）不予公开", 8)
    assert block.rows[0].labels[0].colspan == 3
    assert block.rows[2].labels[1].colspan == 2  # （一）予以公开 spans two label columns


def test_table_3_header(spec: FormatSpec) -> None:
    rows = spec.table("requests").blocks[0].header_rows
    shape = [[(c.text, c.colspan, c.rowspan) for c in row] for row in rows]
    assert shape == [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            ("申请人情况", 7, 1),
        ],
        [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
        [
            ("商业企业", 1, 1),
            ("科研机构", 1, 1),
            ("社会公益组织", 1, 1),
            ("法律服务机构", 1, 1),
            ("其他", 1, 1),
        ],
    ]


def test_table_4_header(spec: FormatSpec) -> None:
    rows = spec.table("appeals").blocks[0].header_rows
    shape = [[(c.text, c.colspan, c.rowspan) for c in row] for row in rows]
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert shape[0] == [("行政复议", 5, 1), ("行政诉讼", 10, 1)]
    assert shape[1] == [(t, 1, 2) for t in outcomes] + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)]
    assert shape[2] == [(t, 1, 1) for t in outcomes * 2]
    assert len(spec.table("appeals").cell_paths()) == 15


def test_table_2_blocks(spec: FormatSpec) -> None:
    table = spec.table("proactive")
    headings = [b.heading.text for b in table.blocks if b.heading]
    assert headings == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    first = [(c.text, c.colspan) for c in table.blocks[0].header_rows[0]]
    assert first == [("信息内容", 1), ("本年制发件数", 1), ("本年废止件数", 1), ("现行有效件数", 1)]
    fees = [(c.text, c.colspan) for c in table.blocks[3].header_rows[0]]
    assert fees == [("信息内容", 1), ("本年收费金额（单位：万元）", 3)]
    assert [r.labels[0].text for b in table.blocks for r in b.rows] == [
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    ]


def test_relations_expand_to_every_rule(spec: FormatSpec) -> None:
    by_rule: dict[str, int] = {}
    for relation in spec.relations:
        by_rule[relation.rule] = by_rule.get(relation.rule, 0) + 1
        for path in relation.cells:
            assert spec[path].cell_kind == "count"
    assert by_rule == {"H1": 7, "H2": 7, "H3": 25, "H4": 3}
    h2 = next(r for r in spec.relations if r.rule == "H2")
    assert len(h2.right) == 21  # 予以公开, 部分公开, 8 + 3 + 5 + 3 outcome rows


def test_only_the_fee_cell_is_an_amount(spec: FormatSpec) -> None:
    amounts = [c.dotted for c in spec.cells() if c.cell_kind == "amount"]
    # table 二's fee (万元) and the optional fee table of 六 (元)
    assert amounts == [
        "proactive.item_8.fees.amount",
        "other.fees.notified_amount",
        "other.fees.collected_amount",
    ]
    assert [spec[p].unit for p in amounts] == ["万元", "元", "元"]
    assert sum(1 for _ in spec.cells()) == 10 + 175 + 15 + 3  # 二: 3 + 3 + 1 + 1 + 1 + 1; 六's fees: 3


def test_scaffold_guidance_keys_exist_in_schema(spec: FormatSpec) -> None:
    from govreport.resources import data_dir

    guidance = tomllib.loads((data_dir("scaffolds") / "format-2021.toml").read_text(encoding="utf-8"))

    def walk(value: object, path: tuple[str, ...]) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, (*path, key))
        else:
            assert spec.node(path) is not None, path
            assert isinstance(value, str) and value.strip().startswith(spec.placeholder_marker)

    walk(guidance, ())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_cell_has_a_row_and_column_label(spec: FormatSpec, lang: str) -> None:
    for cell in spec.cells():
        text = spec.describe(cell.path, lang)
        assert ("列" in text) if lang == "zh" else ("column" in text), text
