"""``govreport check`` output: text (one line per report), JSON (one record per report with its
findings and where they point), CSV (one row per report).  The HTML page is in :mod:`.page`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from govreport.check.run import CheckRecord
from govreport.lint.registry import FAMILIES

STATUS = {
    "zh": {"ok": "通过", "warnings": "有警告", "errors": "未通过", "unreadable": "无法读取"},
    "en": {"ok": "passed", "warnings": "warnings", "errors": "failed", "unreadable": "unreadable"},
}
FORMS = {
    "toml": "报告文件",
    "text": "文本",
    "html": "网页",
    "docx": "Word",
    "pdf": "PDF",
    "doc": "Word(.doc)",
}


def form_label(form: str, lang: str) -> str:
    return form if lang == "en" else FORMS.get(form, form)


def status_label(status: str, lang: str) -> str:
    return STATUS["en" if lang == "en" else "zh"][status]


def _short(message: str, width: int = 60) -> str:
    return message if len(message) <= width else message[: width - 1] + "…"


def text_line(record: CheckRecord, lang: str = "zh") -> str:
    status = status_label(record.status, lang)
    if record.fatal:
        return f"{record.name}: {status}: {record.fatal}"
    organ = record.organ or ("(organ unknown)" if lang == "en" else "（机关未知）")
    year = record.year if record.year is not None else "?"
    form = form_label(record.form, lang)
    worst = "; ".join(
        f"{f['code']}{f'×{n}' if n > 1 else ''} {_short(f['message'])}" for f, n in record.worst()
    )
    if lang == "en":
        head = f"{record.name}: {organ} {year} ({form}) {status}: {record.errors} errors, {record.warnings} warnings"
    else:
        head = f"{record.name}: {organ} {year} 年（{form}）{status}：{record.errors} 个错误、{record.warnings} 个警告"
    return head + (f" — {worst}" if worst else "")


def summary(records: Sequence[CheckRecord], lang: str = "zh") -> str:
    by: dict[str, int] = {"ok": 0, "warnings": 0, "errors": 0, "unreadable": 0}
    for r in records:
        by[r.status] += 1
    if lang == "en":
        return (
            f"Checked {len(records)} reports: {by['ok']} passed, {by['warnings']} with warnings, "
            f"{by['errors']} failed, {by['unreadable']} unreadable."
        )
    return (
        f"检查了 {len(records)} 份报告：{by['ok']} 份通过，{by['warnings']} 份有警告，"
        f"{by['errors']} 份未通过，{by['unreadable']} 份无法读取。"
    )


def write_text(records: Sequence[CheckRecord], lang: str = "zh") -> str:
    lines = [text_line(r, lang) for r in records]
    lines.append(summary(records, lang))
    return "\n".join(lines) + "\n"


def record_dict(record: CheckRecord) -> dict[str, Any]:
    return {
        "file": record.name,
        "organ": record.organ,
        "level": record.level,
        "year": record.year,
        "form": record.form,
        "format": record.format,
        "published": record.published or None,
        "published_from": record.published_from or None,
        "status": record.status,
        "reason": record.fatal,
        "errors": record.errors,
        "warnings": record.warnings,
        "families": dict(sorted(record.families().items())),
        "unresolved": record.unresolved,
        "copy": {
            "share": round(record.copy_share, 4),
            "organ": record.copy_of or None,
            "organ_share": round(record.copy_of_share, 4),
        },
        "previous": record.previous or None,
        "findings": record.findings,
    }


def write_json(records: Sequence[CheckRecord]) -> str:
    return json.dumps([record_dict(r) for r in records], ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = [
    "file", "organ", "level", "year", "form", "format", "published", "status", "errors", "warnings",
    *(f"family_{f}" for f in FAMILIES), "unresolved", "copy_share", "copy_of", "reason", "worst",
]  # fmt: skip


def write_csv(records: Sequence[CheckRecord]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        families = r.families()
        writer.writerow(
            [
                r.name, r.organ, r.level, "" if r.year is None else r.year, r.form, r.format, r.published,
                r.status, r.errors, r.warnings, *(families.get(f, 0) for f in FAMILIES), r.unresolved,
                f"{r.copy_share:.4f}", r.copy_of, r.fatal or "",
                "; ".join(f"{f['code']}×{n} {f['message']}" for f, n in r.worst()),
            ]
        )  # fmt: skip
    return buffer.getvalue()
