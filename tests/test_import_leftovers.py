"""Import fixes found on the samples, each proved on a generated report and on the sample:
a sub-head spelt with 政府信息公开…情况 (huaian's （五）政府信息公开监督保障情况), a sub-head's own
punctuation ("（一）主动公开情况。…") kept out of the text, and a section whose heading the
source lost (shanghai's Markdown has no "五、存在的主要问题及改进情况"): its text after 四's
table is 五's, not a comment of table 四."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from govreport.format import load_spec
from govreport.importer import import_bytes, import_path

from .conftest import EXAMPLE, SAMPLES
from .importer_helpers import to_text
from .test_import_roundtrip import assert_same_report

needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"the sample reports are not here ({SAMPLES})"
)


def _base() -> tuple[Any, dict[str, Any], str]:
    spec = load_spec("2021")
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    return spec, data, to_text(spec, data, "tabs")


def _inline(text: str, heading: str, written: str) -> str:
    """The sub-head *heading* written as *written* at the start of its first paragraph."""
    assert heading + "\n" in text
    return text.replace(heading + "\n", written, 1)


@pytest.mark.parametrize("tail", ["。", "情况。", "：", "情况：", "方面。", "工作，"])
def test_a_sub_head_runs_into_its_text_without_leaving_its_punctuation(tail: str) -> None:
    spec, data, text = _base()
    text = _inline(text, "（一）主动公开", "（一）主动公开" + tail)
    text = _inline(text, "（四）政府信息公开平台建设", "（四）政府信息公开平台建设" + tail)
    result = import_bytes(text.encode(), "inline.txt")
    got = tomllib.loads(result.text)
    assert got["overview"]["active"].splitlines() == data["overview"]["active"].splitlines()
    assert got["overview"]["platforms"].splitlines() == data["overview"]["platforms"].splitlines()
    assert_same_report(spec, got, data)


def test_oversight_spelt_with_the_full_name_is_found() -> None:
    _spec, data, text = _base()
    text = _inline(text, "（五）监督保障", "（五）政府信息公开监督保障情况。")
    result = import_bytes(text.encode(), "oversight.txt")
    got = tomllib.loads(result.text)
    assert got["overview"]["oversight"].splitlines() == data["overview"]["oversight"].splitlines()
    assert got["overview"]["platforms"].splitlines() == data["overview"]["platforms"].splitlines()
    assert not any("未找到小标题" in n for n in result.notes)


def test_a_lost_section_heading_after_a_table_gives_the_text_to_that_section() -> None:
    spec, data, text = _base()
    lost = text.replace("五、存在的主要问题及改进情况\n", "", 1)
    result = import_bytes(lost.encode(), "lost.txt")
    got = tomllib.loads(result.text)
    assert got["problems"]["text"].splitlines() == data["problems"]["text"].splitlines()
    assert_same_report(spec, got, data)  # table 四 exact
    assert ("heading-missing", "problems") in result.observations
    assert any("原文缺少「五、存在的主要问题及改进情况」的标题" in n for n in result.notes)
    assert "2024年，我镇政府信息公开工作仍存在" not in "\n".join(result.comments.values())


def test_a_short_note_after_a_table_is_no_section() -> None:
    _spec, _data, text = _base()
    lost = text.replace("五、存在的主要问题及改进情况\n", "注：无。\n", 1)
    cut = (
        lost[: lost.index("注：无。") + len("注：无。")] + "\n" + lost[lost.index("六、其他需要报告的事项") :]
    )
    result = import_bytes(cut.encode(), "note.txt")
    assert "五、存在的主要问题及改进情况" in result.sections_missing
    assert ("heading-missing", "problems") not in result.observations


@needs_samples
def test_huaian_sub_heads_and_no_invented_website() -> None:
    result = import_path(SAMPLES / "huaian-city-2024.pdf")
    got = tomllib.loads(result.text)
    overview = got["overview"]
    assert overview["oversight"].startswith("根据省政务公开年度和季度监测指标")
    assert "（五）" not in overview["platforms"]
    for key in ("active", "on_request", "management", "platforms", "oversight"):
        assert not overview[key].startswith(("。", "情况")), key
    assert not any("未找到小标题" in n for n in result.notes)
    # the PDF names no website for its electronic version: the field stays to be filled in
    assert "电子版查阅网站" in result.preamble_missing
    assert got["report"]["website"].startswith("【待填写")


@needs_samples
def test_shanghai_markdown_keeps_five() -> None:
    result = import_path(SAMPLES / "shanghai-office-2025.md")
    got = tomllib.loads(result.text)
    assert got["problems"]["text"].startswith("（一）2024 年工作中存在问题的改进情况")
    assert "一是进一步提升政策公开质效" in got["problems"]["text"]
    assert "政策公开质效" not in result.comments.get(("appeals",), "")
    assert "五、存在的主要问题及改进情况" not in result.sections_missing
