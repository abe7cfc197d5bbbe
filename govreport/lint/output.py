"""Print lint results in the formats linters use: text lines and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from govreport.lint.engine import LintResult
from govreport.lint.finding import Finding, Severity


def format_text_line(finding: Finding, lang: str = "zh") -> str:
    tag = "" if finding.severity is Severity.ERROR else f"[{finding.severity.label(lang)}] "
    return f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {tag}{finding.message}"


def summary_line(results: Sequence[LintResult], lang: str = "zh") -> str:
    files = len(results)
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    unreadable = sum(1 for r in results if r.fatal and not r.findings)
    if lang == "en":
        if errors == warnings == unreadable == 0:
            return f"All checks passed ({files} file{'s' if files != 1 else ''})."
        text = f"Found {errors} error{'s' if errors != 1 else ''} and {warnings} warning{'s' if warnings != 1 else ''}"
        text += f" in {files} file{'s' if files != 1 else ''}"
        if unreadable:
            text += f"; {unreadable} could not be read"
        return text + "."
    if errors == warnings == unreadable == 0:
        return f"全部通过：检查了 {files} 个文件，未发现问题。"
    text = f"发现 {errors} 个错误、{warnings} 个警告（检查了 {files} 个文件"
    if unreadable:
        text += f"，{unreadable} 个无法读取"
    return text + "）。"


def write_text(results: Sequence[LintResult], out: TextIO, lang: str = "zh") -> None:
    for result in results:
        for finding in result.findings:
            out.write(format_text_line(finding, lang) + "\n")
    out.write(summary_line(results, lang) + "\n")


def write_json(results: Sequence[LintResult], out: TextIO) -> None:
    findings = [f.to_dict() for r in results for f in r.findings]
    json.dump(findings, out, ensure_ascii=False, indent=2)
    out.write("\n")
