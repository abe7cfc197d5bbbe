"""Print lint results in the formats linters use: text, JSON, GitHub annotations, SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from govreport import __version__
from govreport.lint.engine import LintResult
from govreport.lint.finding import Finding, Severity
from govreport.sanitize import visible

FORMATS = ("text", "json", "github", "sarif")
INFORMATION_URI = "https://github.com/govreport/govreport"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def format_text_line(finding: Finding, lang: str = "zh", colour: bool = False) -> str:
    """One line, whatever the file name and the message hold: control characters (a value's
    escape sequence or newline quoted in a message) are shown escaped (govreport/sanitize.py)."""
    tag = "" if finding.severity is Severity.ERROR else f"[{finding.severity.label(lang)}] "
    where = f"{visible(finding.file)}:{finding.line}:{finding.column}:"
    code = finding.code
    if colour:
        import click

        where = click.style(where, bold=True)
        code = click.style(code, fg=_COLOURS[finding.severity], bold=True)
        tag = click.style(tag, fg=_COLOURS[finding.severity]) if tag else ""
    return f"{where} {code} {tag}{visible(finding.message)}"


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


def previous_line(result: LintResult, lang: str = "zh") -> str | None:
    """Which file was last year's report (for X1–X3), or None."""
    if result.previous is None:
        return None
    if lang == "en":
        return f"{result.file}: last year's report: {result.previous}"
    return f"{result.file}: 上年报告：{result.previous}"


def write_text(results: Sequence[LintResult], out: TextIO, lang: str = "zh", colour: bool = False) -> None:
    for result in results:
        for finding in result.findings:
            out.write(format_text_line(finding, lang, colour) + "\n")
    for result in results:
        note = previous_line(result, lang)
        if note is not None:
            out.write(note + "\n")
    line = summary_line(results, lang)
    if colour:
        import click

        failed = any(r.errors or r.fatal for r in results)
        line = click.style(line, fg="red" if failed else "green", bold=True)
    out.write(line + "\n")


def write_json(results: Sequence[LintResult], out: TextIO) -> None:
    """An array of findings; each says which file was last year's report of its file
    (``previous``, null when none was used)."""
    findings = [{**f.to_dict(), "previous": r.previous} for r in results for f in r.findings]
    json.dump(findings, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _gh_escape_data(text: str) -> str:
    """GitHub's escaping of a workflow command's data (%, CR, LF), then every other control
    character shown escaped (ESC would otherwise reach the log viewer)."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(results: Sequence[LintResult], out: TextIO) -> None:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for result in results:
        for f in result.findings:
            props = ",".join(
                [
                    f"file={_gh_escape_property(f.file)}",
                    f"line={f.line}",
                    f"col={f.column}",
                    f"title={_gh_escape_property(f'{f.code} {f.rule}')}",
                ]
            )
            out.write(f"::{command[f.severity]} {props}::{_gh_escape_data(f'{f.code} {f.message}')}\n")


def _uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return path.as_posix()


def sarif_log(results: Sequence[LintResult], lang: str = "zh") -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: every rule's documentation, every finding."""
    from govreport.lint.registry import all_rules

    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    descriptors = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary_in(lang)},
            "fullDescription": {"text": r.doc_in(lang)},
            "help": {"text": r.doc_in(lang)},
            "defaultConfiguration": {"level": level[r.severity]},
        }
        for r in rules
    ]
    sarif_results = []
    for result in results:
        for f in result.findings:
            item: dict[str, Any] = {
                "ruleId": f.code,
                "level": level[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(f.file)},
                            "region": {"startLine": f.line, "startColumn": f.column},
                        },
                        "logicalLocations": [{"fullyQualifiedName": f.dotted_path}] if f.path else [],
                    }
                ],
            }
            if f.code in index:
                item["ruleIndex"] = index[f.code]
            if f.related:
                item["relatedLocations"] = [
                    {
                        "id": i,
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(f.file)},
                            "region": {"startLine": r["line"], "startColumn": r["column"]},
                        },
                        "message": {"text": r["path"]},
                    }
                    for i, r in enumerate(f.related)
                ]
            if f.consequence_of is not None:
                cause = f.consequence_of
                item.setdefault("relatedLocations", []).append(
                    {
                        "id": len(f.related),
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(f.file)},
                            "region": {"startLine": cause["line"], "startColumn": cause["column"]},
                        },
                        "message": {"text": f"{cause['code']} {cause['path']}"},
                    }
                )
                item["properties"] = {"consequenceOf": cause}
            sarif_results.append(item)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govreport",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "language": "zh-CN" if lang == "zh" else "en",
                "results": sarif_results,
            }
        ],
    }


def write_sarif(results: Sequence[LintResult], out: TextIO, lang: str = "zh") -> None:
    json.dump(sarif_log(results, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
