"""What the importer saw in a published source reaches the supervisors' rules through check:
the page's 发布时间 (E2) and the labels the source printed (E3)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import EXAMPLE, run_cli


def _page(tmp_path: Path, published: str, label: str) -> Path:
    html = tmp_path / "report.html"
    made = run_cli("render", str(EXAMPLE), "-o", str(html))
    assert made.returncode == 0, made.stderr
    text = html.read_text(encoding="utf-8")
    text = text.replace("<body>", f'<body><div class="info">发布时间：{published} 10:00</div>', 1)
    html.write_text(text.replace("行政规范性文件", label), encoding="utf-8")
    return html


def _findings(path: Path) -> list[dict[str, str]]:
    result = run_cli("check", "--format", "json", str(path))
    assert result.returncode in (0, 1), result.stderr
    (record,) = json.loads(result.stdout)
    return list(record["findings"])


def test_a_page_published_late_with_the_old_label_is_reported(tmp_path: Path) -> None:
    findings = _findings(_page(tmp_path, "2025-03-15", "规范性文件"))
    codes = {f["code"]: f["message"] for f in findings}
    assert "2025年3月15日" in codes["E2"] and "晚 43 天" in codes["E2"]
    assert "「规范性文件」" in codes["E3"]


def test_a_page_published_in_time_with_the_official_label_is_not(tmp_path: Path) -> None:
    codes = {f["code"] for f in _findings(_page(tmp_path, "2025-01-20", "行政规范性文件"))}
    assert "E2" not in codes and "E3" not in codes
