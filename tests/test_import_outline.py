"""Outlines as organs write them: title variants, shifted and second numberings, sub-heads of
一 numbered as sections, a local 五、信息处理费收取情况 block.  Text goes where it belongs,
every table cell comes back exact, and the import result says what was renumbered or moved
(``ImportResult.observations``, the summary's 重新编号 line)."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from govreport.format import load_spec
from govreport.importer import import_bytes
from govreport.importer.assemble import summary_lines

from .importer_helpers import to_text
from .test_import_roundtrip import assert_same_report, example


def base() -> tuple[Any, dict[str, Any], str]:
    spec = load_spec("2021")
    data = example()
    return spec, data, to_text(spec, data, "tabs")


def replace_all(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


VARIANTS = [
    ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议与行政诉讼情况"),
    ("五、存在的主要问题及改进情况", "五、存在的主要问题及整改措施"),
    ("六、其他需要报告的事项", "六、其他需要汇报事项"),
    ("三、收到和处理政府信息公开申请情况", "三、收到与处理政府信息公开申请情况"),
]


@pytest.mark.parametrize("pair", VARIANTS, ids=[p[1] for p in VARIANTS])
def test_title_variants_are_found(pair: tuple[str, str]) -> None:
    spec, data, text = base()
    result = import_bytes(replace_all(text, [pair]).encode(), "v.txt")
    assert not result.sections_missing
    assert result.complete
    assert_same_report(spec, tomllib.loads(result.text), data)
    assert any(name == "title-variant" for name, _ in result.observations)


def test_a_local_fee_block_moves_to_six_and_the_shift_is_reported() -> None:
    _spec, data, text = base()
    shifted = replace_all(
        text,
        [
            (
                "五、存在的主要问题及改进情况",
                "五、信息处理费收取情况\n本年度未收取信息处理费。\n六、存在的主要问题及改进情况",
            ),
            ("六、其他需要报告的事项", "七、其他需要报告的事项"),
        ],
    )
    result = import_bytes(shifted.encode(), "s.txt")
    got = tomllib.loads(result.text)
    assert result.complete
    assert got["problems"]["text"].splitlines() == data["problems"]["text"].splitlines()
    assert got["other"]["text"].splitlines()[-1] == "本年度未收取信息处理费。"
    assert ("block-moved", "other:五、信息处理费收取情况") in result.observations
    assert ("section-renumbered", "problems:六") in result.observations
    assert ("sections-shifted", "") in result.observations
    summary = "\n".join(summary_lines(result, "s.txt"))
    assert "重新编号" in summary and "五、信息处理费收取情况" in summary


def test_tables_numbered_again_from_one() -> None:
    spec, data, text = base()
    second = replace_all(
        text,
        [
            ("二、主动公开政府信息情况", "一、主动公开政府信息情况"),
            ("三、收到和处理政府信息公开申请情况", "二、收到和处理政府信息公开申请情况"),
            ("四、政府信息公开行政复议", "三、政府信息公开行政复议"),
        ],
    )
    result = import_bytes(second.encode(), "n.txt")
    assert result.complete
    assert_same_report(spec, tomllib.loads(result.text), data)
    assert ("second-numbering", "") in result.observations


def test_subheads_of_one_numbered_as_sections() -> None:
    spec, data, text = base()
    pairs = [
        ("（一）主动公开", "二、主动公开"),
        ("（二）依申请公开", "三、依申请公开"),
        ("（三）政府信息管理", "四、政府信息管理"),
        ("（四）政府信息公开平台建设", "五、政府信息公开平台建设"),
        ("（五）监督保障", "六、监督保障"),
        ("二、主动公开政府信息情况", "七、主动公开政府信息情况"),
        ("三、收到和处理", "八、收到和处理"),
        ("四、政府信息公开行政复议", "九、政府信息公开行政复议"),
        ("五、存在的主要问题", "十、存在的主要问题"),
        ("六、其他需要", "十一、其他需要"),
    ]
    result = import_bytes(replace_all(text, pairs).encode(), "o.txt")
    assert result.complete
    assert_same_report(spec, tomllib.loads(result.text), data)
    assert ("subheads-renumbered", "overview") in result.observations
    assert ("section-renumbered", "other:十一") in result.observations


@pytest.mark.parametrize("shape", ["spaces", "tabs", "lines"])
def test_row_numberings_written_otherwise_are_not_read_as_values(shape: str) -> None:
    # ① (NFKC: "1"), (3), （四） before a label found without its own numbering "3." must
    # not end up as a value of the row before
    spec = load_spec("2021")
    data = example()
    text = replace_all(
        to_text(spec, data, shape),
        [
            ("1.属于国家秘密", "①属于国家秘密"),
            ("2.其他法律", "②其他法律"),
            ("3.危及", "(3)危及"),
            ("4.保护", "（四）保护"),
        ],
    )
    result = import_bytes(text.encode(), "n.txt")
    assert tomllib.loads(result.text)["requests"] == data["requests"]
