"""The digit-run splitter: exact, bounded in time and memory, and never a wrong number.

- ``row_splits`` (dynamic programming pruned by the row's own sums) gives exactly the
  splits a brute-force enumeration gives, and refuses (``TooManyWays``) instead of waiting;
- ``govreport import`` of adversarial runs (table 四 one 30-digit run, every row of table 三
  a 20-, 30- or 40-digit run, a run of thousands of digits) finishes under a memory cap and
  a time limit, in a fresh process, with "?" where the digits do not decide;
- the cases where the importer used to write a wrong number: digits that run on past the
  row's words, a variant title of table 四, a dash read as a minus sign, a row no split
  satisfies.
"""

from __future__ import annotations

import itertools
import random
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.format import load_spec
from govreport.importer import import_bytes
from govreport.importer.splitter import TooManyWays, cuts, row_splits
from govreport.importer.tables import Token, tokenize

from .importer_helpers import get, to_run_text
from .resource_helpers import assert_clean_exit, run_bounded
from .test_import_roundtrip import example

H3 = [([6], [0, 1, 2, 3, 4, 5])]  # 总计 = the six columns (table 三, one row)
H4 = [([4], [0, 1, 2, 3]), ([9], [5, 6, 7, 8]), ([14], [10, 11, 12, 13])]  # table 四's row


def run(digits: str) -> Token:
    return Token("number", digits, digits)


def brute(tokens: list[Token], k: int, checks: list[tuple[list[int], list[int]]]) -> set[tuple[Any, ...]]:
    out: set[tuple[Any, ...]] = set()
    runs = [t for t in tokens if t.is_run]
    singles = len(tokens) - len(runs)
    for alloc in itertools.product(*(range(1, len(t.value) + 1) for t in runs)):
        if sum(alloc) + singles != k:
            continue
        pieces: list[list[tuple[Any, ...]]] = []
        it = iter(alloc)
        for t in tokens:
            if t.is_run:
                pieces.append(list(cuts(t.value, next(it))))
            else:
                pieces.append([(int(t.value),)])
        for combo in itertools.product(*pieces):
            values = tuple(v for part in combo for v in part)
            if all(sum(values[j] for j in lft) == sum(values[j] for j in rgt) for lft, rgt in checks):
                out.add(values)
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text("0123456789", min_size=1, max_size=6), min_size=1, max_size=3),
    st.sampled_from([(7, H3), (7, []), (5, [([4], [0, 1, 2, 3])]), (3, [])]),
)
def test_row_splits_are_exactly_the_splits_that_keep_the_sums(
    parts: list[str], shape: tuple[int, list[tuple[list[int], list[int]]]]
) -> None:
    k, checks = shape
    tokens = [run(p) if len(p) > 1 else Token("number", p, p) for p in parts]
    want = brute(tokens, k, checks)
    got = row_splits(tokens, ["count"] * k, checks)
    assert len(got) == len(set(got))
    assert set(got) == want


def test_the_published_runs_split_as_published() -> None:
    assert row_splits([run("801000081")], ["count"] * 7, H3) == [(80, 1, 0, 0, 0, 0, 81)]
    assert row_splits([run("110024001510102")], ["count"] * 15, H4) == [
        (1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2)
    ]
    # a number written in a cell of its own is never cut
    own = Token("number", "22", "22", own=True)
    assert row_splits([own, Token("number", "235", "235", own=True)], ["count"] * 3) == []


def test_too_many_ways_is_refused_quickly_not_waited_for() -> None:
    random.seed(7)
    digits = "".join(random.choice("123456789") for _ in range(40))
    with pytest.raises(TooManyWays):
        row_splits([run(digits)], ["count"] * 15, [])  # C(39, 14) ways: refused, never listed
    with pytest.raises(TooManyWays):
        row_splits([run("1" * 40)], ["count"] * 7, H3, max_states=500)


def test_a_negative_number_only_where_the_format_allows_one() -> None:
    minus = Token("number", "-3", "-3")
    assert row_splits([minus, run("45")], ["count"] * 3) == []
    assert row_splits([minus, run("45")], ["delta", "count", "count"]) == [(-3, 4, 5)]
    # "12-18538": the dash between two numbers is not a minus sign
    tokens, _ = tokenize("\t12-18538\t")
    assert [t.value for t in tokens] == ["12", "18538"]


def adversarial(shape: str) -> bytes:
    """The example report as one run-together line, its tables' values replaced by long runs."""
    spec = load_spec("2021")
    text = to_run_text(spec, example())
    rng = random.Random(shape)
    head, sep, rest = text.partition("四、政府信息公开行政复议、行政诉讼情况")
    table4, sep5, tail = rest.partition("五、")
    if shape == "table4-30":
        # 15 two-digit cells without separators, after table 四's header
        header = table4.rstrip("0123456789")
        digits = "".join(str(rng.randint(10, 99)) for _ in range(15))
        return (head + sep + header + digits + sep5 + tail).encode()
    n = {"rows-20": 20, "rows-30": 30, "rows-40": 40}.get(shape, 3000)
    start = head.index("三、收到和处理政府信息公开申请情况")
    table3 = re.sub(
        r"\d+",
        lambda m: "".join(rng.choice("123456789") for _ in range(n)) if len(m.group(0)) >= 7 else m.group(0),
        head[start:],
    )
    if shape == "huge":
        table3 = table3.replace(
            "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量" + "7" * 5000
        )
    return (head[:start] + table3 + sep + rest).encode()


@pytest.mark.parametrize("shape", ["table4-30", "rows-30", "rows-40", "huge"])
def test_adversarial_runs_end_in_question_marks_within_bounds(tmp_path: Path, shape: str) -> None:
    source = tmp_path / f"{shape}.txt"
    source.write_bytes(adversarial(shape))
    out = tmp_path / "out.toml"
    proc = run_bounded("import", str(source), "-o", str(out), mem_mib=600, timeout=60)
    assert_clean_exit(proc, 1)
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    table = "appeals" if shape == "table4-30" else "requests"
    cells = [p for t in load_spec("2021").tables if t.key == table for p in t.cell_paths()]
    values = [get(data, p) for p in cells]
    assert "?" in values
    assert "未确定" in out.read_text(encoding="utf-8")


def imported(text: str) -> tuple[Any, dict[str, Any]]:
    result = import_bytes(text.encode(), "t.txt")
    return result, tomllib.loads(result.text)


def test_a_variant_title_of_table_4_is_found_and_its_digits_stay_in_it() -> None:
    text = to_run_text(load_spec("2021"), example())
    variant = text.replace("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议与行政诉讼情况")
    result, data = imported(variant)
    assert not result.sections_missing
    truth = example()
    for cell in result.cells:
        if cell.status in ("direct", "rule"):
            assert get(data, cell.path) == get(truth, cell.path), cell.path


def test_digits_after_words_are_kept_apart_never_absorbed() -> None:
    # the last row of table 三 runs on into text the importer does not know, then digits
    text = to_run_text(load_spec("2021"), example())
    broken = text.replace("四、政府信息公开行政复议、行政诉讼情况", "四、复议诉讼统计")
    result, data = imported(broken)
    truth = example()
    for cell in result.cells:
        if cell.path[0] == "requests" and cell.status in ("direct", "rule"):
            assert get(data, cell.path) == get(truth, cell.path), cell.path
    row = [get(data, ("requests", "carry_forward", c)) for c in ("person", "total")]
    assert row == [get(truth, ("requests", "carry_forward", c)) for c in ("person", "total")]
    assert "复议诉讼统计" in result.text  # the text that fits nowhere is kept as a comment


def test_a_row_no_split_satisfies_is_unknown_with_its_candidates() -> None:
    spec = load_spec("2021")
    data = example()
    text = to_run_text(spec, data)
    row = data["requests"]["new"]
    run_text = "".join(str(row[c]) for c in ("person", "business", "research", "nonprofit", "legal", "other"))
    run_text += str(row["total"])
    assert run_text in text
    # one more in 总计 than the parts make: no split keeps the row's sum
    bad = str(row["total"] + 1)
    text = text.replace(run_text, run_text[: -len(str(row["total"]))] + bad, 1)
    result, _ = imported(text)
    status = {c.path: c for c in result.cells}
    for col in ("person", "total"):
        cell = status[("requests", "new", col)]
        assert cell.value == "?" and "没有一种拆法满足本行的合计" in cell.comment


def test_a_minus_or_a_page_number_never_makes_a_value() -> None:
    from .importer_helpers import to_text

    spec = load_spec("2021")
    data = example()
    text = to_text(spec, data, "tabs")
    row = data["requests"]["new"]
    label = "一、本年新收政府信息公开申请数量"
    line = next(x for x in text.splitlines() if x.startswith(label))
    person = str(row["person"])
    # a dash before the number (a blank cell or a footer run into it): never a negative count
    minus = text.replace(line, line.replace(f"\t{person}\t", f"\t-18{person}\t", 1))
    result, got = imported(minus)
    assert got["requests"]["new"]["person"] == "?"
    assert "不能为负数" in result.text
    # a page number between dashes run into the row: the row cannot be read with certainty
    footer = text.replace(line, line.replace(f"\t{person}\t", f"\t- 18 -{person}\t", 1))
    result, got = imported(footer)
    assert set(got["requests"]["new"].values()) == {"?"}
    assert "可能是页码" in result.text
    # the rest of the table is unaffected
    assert got["requests"]["carried_over"] == data["requests"]["carried_over"]


def test_a_row_cut_short_by_words_is_not_completed_by_splitting() -> None:
    # found by the property test: "… 10 0 0 0 0 0 ⏎ 理其政府信息公开 ⏎ 10" once gave 1·0·0·0·0·0·0
    # (the only cut of the six numbers before the words), a wrong 1 for a published 10
    from .importer_helpers import to_text

    spec = load_spec("2021")
    data = example()
    data["requests"]["results"]["other"]["fees_unpaid"].update(person=10, total=10)
    text = to_text(spec, data, "spaces")
    label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    line = next(x for x in text.splitlines() if x.startswith(label))
    cut = text.replace(line, f"{label} 10 0 0 0 0 0\n理其政府信息公开\n10")
    result, got = imported(cut)
    row = got["requests"]["results"]["other"]["fees_unpaid"]
    assert set(row.values()) == {"?"}
    assert "文字之后的数字也可能属于此行" in result.text
