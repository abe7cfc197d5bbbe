"""``govreport check`` as a batch: imported reports linted from memory (nothing written), the
same suppressions and configuration as ``lint``, and ``--parent`` refusing a sum that would
count an organ twice."""

from __future__ import annotations

import builtins
import io
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from govreport.check.run import CheckOptions, check_paths

from .conftest import EXAMPLE, ROOT, SAMPLES, carried_over_changed, run_cli, set_value

EXAMPLE_2023 = ROOT / "examples" / "qingshi-2023.toml"
SAMPLE = "000_3d5a5a7e12036567.txt"  # 海原县贾塘乡 2024: E1 (一 over 1,000 characters) and P4


def _sample(folder: Path, name: str = SAMPLE) -> Path:
    if not (SAMPLES / SAMPLE).exists():
        pytest.skip(f"the shared samples are not present ({SAMPLES})")
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SAMPLES / SAMPLE, folder / name))


def _township(text: str, organ: str) -> str:
    return text.replace('organ = "云岭县青石镇人民政府"', f'organ = "{organ}"', 1)


# -- imported reports stay in memory -------------------------------------------------------

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _refuse_writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every way of writing a file fail (and record the attempt)."""
    attempts: list[str] = []
    real_os_open, real_open = os.open, builtins.open

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & _WRITE_FLAGS:
            attempts.append(str(path))
            raise PermissionError(f"test: no writing ({path})")
        return real_os_open(path, flags, *args, **kwargs)

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            attempts.append(str(file))
            raise PermissionError(f"test: no writing ({file})")
        return real_open(file, mode, *args, **kwargs)

    def no_dir(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args))
        raise PermissionError("test: no directories")

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(os, "mkdir", no_dir)
    monkeypatch.setattr(tempfile, "mkdtemp", no_dir)
    monkeypatch.setattr(tempfile, "mkstemp", no_dir)
    return attempts


@pytest.mark.parametrize("jobs", [1, 2])
def test_imported_reports_are_linted_from_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """With every write refused, a batch of published reports and report files is checked:
    last year's report published as a page feeds X1 from memory, and the copies pass
    (which lints the imported reports) reads them from memory too."""
    published = tmp_path / "published"
    published.mkdir()
    rendered = run_cli("render", str(EXAMPLE_2023), "-o", str(published / "qingshi-2023.html"))
    assert rendered.returncode == 0, rendered.stderr
    sample = _sample(published)
    text = EXAMPLE.read_text(encoding="utf-8")
    text = carried_over_changed(text)
    (tmp_path / "2024.toml").write_text(text, encoding="utf-8")
    (tmp_path / "copy.toml").write_text(_township(text, "云岭县白石镇人民政府"), encoding="utf-8")
    inputs = [tmp_path / "2024.toml", tmp_path / "copy.toml", published / "qingshi-2023.html", sample]
    before = sorted(p.name for p in tmp_path.rglob("*"))

    attempts = _refuse_writes(monkeypatch)
    records = list(check_paths(inputs, CheckOptions(), jobs=jobs))
    monkeypatch.undo()

    assert attempts == []
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert [r.fatal for r in records] == [None] * 4
    this, copy, page, imported = records
    assert this.previous.endswith("qingshi-2023.html")
    assert {"X1"} <= {f["code"] for f in this.findings}
    assert {f["code"] for f in imported.findings} >= {"E1", "P4"}  # linted, from its text in memory
    assert page.form == "html" and page.organ == "云岭县青石镇人民政府" and page.year == 2023
    # 内容雷同 between the two organs' report files; the page is the same organ's other year
    assert copy.copy_of == "云岭县青石镇人民政府" and any(f["code"] == "E8" for f in copy.findings)


# -- suppressions and configuration, as lint ------------------------------------------------


def test_a_report_files_suppressions_work_in_check_as_in_lint(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = set_value(text, ("requests", "new", "person"), "13")  # H3 on the total's line, H1
    text = set_value(text, ("requests", "new", "total"), "17  # govreport: ignore[H3]")
    text = set_value(text, ("requests", "carried_over", "person"), "0  # govreport: ignore[P]")  # unused
    report = tmp_path / "a.toml"
    report.write_text(text, encoding="utf-8")
    lint = run_cli("lint", "--format", "json", str(report))
    check = run_cli("check", "--format", "json", str(report))
    assert lint.returncode == check.returncode == 1, (lint.stderr, check.stderr)
    linted = json.loads(lint.stdout)
    linted = linted["findings"] if isinstance(linted, dict) else linted
    (record,) = json.loads(check.stdout)
    ours = sorted((f["code"], f["where"]["line"]) for f in record["findings"])
    assert ours == sorted((f["code"], f["line"]) for f in linted)
    codes = [c for c, _ in ours]
    assert "H1" in codes and "M1" in codes  # H1 is not on the commented line; ignore[P] matched nothing
    lines = {f["where"]["line"] for f in record["findings"] if f["code"] == "H3"}
    total_line = next(i for i, line in enumerate(text.splitlines(), 1) if "ignore[H3]" in line)
    assert total_line not in lines  # the H3 on the total's line is suppressed


def test_per_file_ignores_apply_to_an_imported_source_by_its_path(tmp_path: Path) -> None:
    _sample(tmp_path / "towns", "a.txt")
    _sample(tmp_path / "depts", "b.txt")
    (tmp_path / ".govreport.toml").write_text(
        'per-file-ignores = { "towns/*.txt" = ["E1"] }\n', encoding="utf-8"
    )
    proc = run_cli("check", "--no-copies", "--format", "json", str(tmp_path))
    assert proc.stdout, proc.stderr
    codes = {Path(r["file"]).name: {f["code"] for f in r["findings"]} for r in json.loads(proc.stdout)}
    assert "E1" not in codes["a.txt"] and "P4" in codes["a.txt"]
    assert {"E1", "P4"} <= codes["b.txt"]


# -- --parent --------------------------------------------------------------------------------


def _county(tmp_path: Path, parts: dict[str, str]) -> tuple[Path, Path]:
    text = EXAMPLE.read_text(encoding="utf-8")
    folder = tmp_path / "parts"
    folder.mkdir()
    for name, organ in parts.items():
        (folder / name).write_text(_township(text, organ), encoding="utf-8")
    county = tmp_path / "county.toml"
    (county).write_text(_township(text, "云岭县人民政府"), encoding="utf-8")
    return folder, county


def test_parent_refuses_parts_with_the_same_organ_and_year_twice(tmp_path: Path) -> None:
    folder, county = _county(
        tmp_path,
        {
            "a.toml": "云岭县白石镇人民政府",
            "b.toml": "云岭县白石镇人民政府",
            "c.toml": "云岭县红石镇人民政府",
        },
    )
    proc = run_cli("check", "--no-copies", "--parent", str(county), str(folder))
    assert proc.returncode == 2 and proc.stdout == ""
    assert "不止一次" in proc.stderr and "a.toml" in proc.stderr and "b.toml" in proc.stderr
    assert "c.toml" not in proc.stderr and "Traceback" not in proc.stderr
    english = run_cli("check", "--no-copies", "--lang", "en", "--parent", str(county), str(folder))
    assert english.returncode == 2 and "more than once" in english.stderr


def test_parent_refuses_its_own_organ_among_the_parts(tmp_path: Path) -> None:
    folder, county = _county(tmp_path, {"a.toml": "云岭县白石镇人民政府", "own.toml": "云岭县人民政府"})
    proc = run_cli("check", "--no-copies", "--parent", str(county), str(folder))
    assert proc.returncode == 2 and proc.stdout == ""
    assert "云岭县人民政府" in proc.stderr and "own.toml" in proc.stderr and "Traceback" not in proc.stderr
    # distinct organs: compared, no refusal
    (folder / "own.toml").unlink()
    ok = run_cli("check", "--no-copies", "--parent", str(county), str(folder))
    assert ok.returncode in (0, 1) and "处不一致" in ok.stdout, ok.stderr
