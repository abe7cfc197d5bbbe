"""``govreport import`` on bad input: a clear one-line message or a partial report, never a traceback."""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path

import pytest

from govreport.format import load_spec
from govreport.importer import SourceError, import_bytes
from govreport.importer.splitter import cuts
from govreport.lint import lint_text

from .conftest import SAMPLES, run_cli
from .importer_helpers import to_html
from .test_import_roundtrip import example


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "文件是空的"),
        ("blank.html", b"   \n\n ", "文件是空的"),
        ("random.bin", bytes(range(256)) * 20, "不是文本、HTML、Word（.docx）或 PDF 文件"),
        (
            "news.html",
            "<html><body><p>今天天气很好。</p><script>var a;</script></body></html>".encode(),
            "不像是政府信息公开工作年度报告",
        ),
        ("notes.txt", "会议纪要\n一、会议时间\n二、参会人员\n".encode(), "不像是政府信息公开工作年度报告"),
        (
            "other.txt",
            "工作总结\n一、总体情况\n今年工作顺利。\n二、下一步打算\n".encode(),
            "不像是政府信息公开工作年度报告",
        ),
        ("broken.docx", b"PK\x03\x04 not really a zip file", "不是可以读取的 Word"),
        ("latin1.txt", "caf\xe9 \xff\xfe".encode("latin-1") + b"\x81\x30", "无法确定文件编码"),
    ],
)
def test_garbage_gets_a_one_line_message_and_exit_2(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(SourceError, match=message):
        import_bytes(content, name)
    path = tmp_path / name
    path.write_bytes(content)
    proc = run_cli("import", str(path), "-o", str(tmp_path / "out.toml"))
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.toml").exists()


def test_missing_file_and_directory(tmp_path: Path) -> None:
    proc = run_cli("import", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "文件不存在" in proc.stderr
    proc = run_cli("import", str(tmp_path))
    assert proc.returncode == 2 and "是目录" in proc.stderr


def test_report_cut_in_half_gives_a_partial_report_that_lints(tmp_path: Path) -> None:
    spec = load_spec("2021")
    page = to_html(spec, example()).encode("utf-8")
    cut = page[: page.index("四、结转下年度继续办理".encode())]
    result = import_bytes(cut[:-1], "half.html")  # cut in the middle of a character, too
    assert "四、政府信息公开行政复议、行政诉讼情况" in result.sections_missing
    assert not result.complete
    data = tomllib.loads(result.text)
    assert data["requests"]["new"]["total"] == 17  # what was there is read
    assert data["requests"]["carry_forward"]["total"] == "?"
    assert data["appeals"]["review"]["total"] == "?"
    assert "【待填写" in data["problems"]["text"]
    findings = lint_text(result.text, "half.toml").findings
    codes = {f.code for f in findings}
    assert {"I1", "C3"} <= codes
    assert not codes & {"F1", "S1", "S2", "S3"}


def test_stdin_is_read_as_text(tmp_path: Path) -> None:
    if not SAMPLES.is_dir():
        pytest.skip("the sample reports are not here")
    text = (SAMPLES / "000_3d5a5a7e12036567.txt").read_text(encoding="utf-8")
    proc = run_cli("import", "-", "-q", input=text)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert tomllib.loads(proc.stdout)["report"]["organ"] == "海原县贾塘乡人民政府"


def _brute_force(digits: str, n: int) -> set[tuple[int, ...]]:
    """Every choice of n-1 cut points, keeping pieces that are "0" or do not start with 0."""
    out = set()
    for points in itertools.combinations(range(1, len(digits)), n - 1):
        bounds = (0, *points, len(digits))
        pieces = [digits[a:b] for a, b in itertools.pairwise(bounds)]
        if all(p == "0" or not p.startswith("0") for p in pieces):
            out.add(tuple(int(p) for p in pieces))
    return out


@pytest.mark.parametrize(
    ("digits", "n"), [("801000081", 7), ("77132470", 3), ("1002003", 4), ("000", 3), ("10", 1)]
)
def test_cuts_are_exactly_the_splits_without_leading_zeros(digits: str, n: int) -> None:
    found = list(cuts(digits, n))
    assert len(found) == len(set(found))
    assert set(found) == _brute_force(digits, n)
    assert (80, 1, 0, 0, 0, 0, 81) in set(cuts("801000081", 7))
    assert list(cuts("00", 1)) == []
