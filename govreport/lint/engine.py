"""Run the rules over a report and turn their problems into positioned findings."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreport.format.spec import FormatSpec, UnknownFormatError, load_spec
from govreport.lint.context import LintContext
from govreport.lint.finding import Finding, Problem, Severity
from govreport.lint.registry import Rule, all_rules, get_rule
from govreport.report.document import ReportDocument, ReportReadError, ReportSyntaxError

DEFAULT_FORMAT = "2021"


@dataclass
class LintResult:
    """The findings for one file; ``fatal`` is set when the file could not be read or parsed."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    fatal: str | None = None
    document: ReportDocument | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)


def _finding(ctx: LintContext, rule: Rule, problem: Problem, severity: Severity) -> Finding:
    index = ctx.doc.positions
    pos = None
    if problem.anchor == "key":
        pos = index.key(problem.path)
    elif problem.anchor == "header":
        pos = index.header(problem.path)
    pos = pos or index.value(problem.path) or index.nearest(problem.path)
    related = []
    for path in problem.related:
        rpos = index.value(path) or index.nearest(path)
        related.append({"path": ".".join(str(p) for p in path), "line": rpos.line, "column": rpos.column})
    return Finding(
        file=ctx.doc.name,
        line=pos.line,
        column=pos.column,
        code=rule.code,
        severity=severity,
        message=problem.message,
        path=problem.path,
        rule=rule.name,
        related=related,
    )


def _spec_for(doc: ReportDocument, lang: str) -> tuple[FormatSpec | None, Finding | None]:
    """The format the document names, and an F2 finding when it names none or an unknown one."""
    rule = get_rule("F2")
    assert rule is not None
    version = doc.data.get("format")
    if version is None:
        message = (
            'the file does not name its format version (format = "2021"); checked as the 2021 format'
            if lang == "en"
            else '文件没有写明格式版本（format = "2021"），已按 2021 年格式检查'
        )
        finding = Finding(doc.name, 1, 1, "F2", rule.severity, message, ("format",), rule.name)
        return load_spec(DEFAULT_FORMAT), finding
    try:
        return load_spec(str(version)), None
    except UnknownFormatError:
        pos = doc.positions.value(("format",))
        line, col = (pos.line, pos.column) if pos else (1, 1)
        message = (
            f"unknown format version {version!r}; nothing checked (see govreport schema --list)"
            if lang == "en"
            else f"未知的格式版本 {version!r}，无法检查（支持的版本见 govreport schema --list）"
        )
        return None, Finding(doc.name, line, col, "F2", rule.severity, message, ("format",), rule.name)


def lint_document(
    doc: ReportDocument,
    *,
    lang: str = "zh",
    select: Iterable[str] | None = None,
    options: dict[str, Any] | None = None,
) -> list[Finding]:
    """Run every (selected) rule over *doc* and return its findings in file order."""
    spec, version_finding = _spec_for(doc, lang)
    findings: list[Finding] = [version_finding] if version_finding else []
    if spec is None:
        return findings
    ctx = LintContext(doc, spec, lang, options or {})
    wanted = {c.upper() for c in select} if select is not None else None
    for rule in all_rules():
        if wanted is not None and rule.code not in wanted:
            continue
        for problem in rule.check(ctx):
            findings.append(_finding(ctx, rule, problem, rule.severity))
    findings.sort(key=Finding.sort_key)
    return findings


def lint_text(text: str, name: str = "<text>", **kwargs: Any) -> LintResult:
    try:
        doc = ReportDocument.from_text(text, Path(name))
    except ReportSyntaxError as exc:
        return _syntax_result(name, exc, kwargs.get("lang", "zh"))
    return LintResult(name, lint_document(doc, **kwargs), document=doc)


def lint_file(path: str | os.PathLike[str], **kwargs: Any) -> LintResult:
    name = str(path)
    try:
        doc = ReportDocument.load(path)
    except ReportReadError as exc:
        return LintResult(name, fatal=exc.message)
    except ReportSyntaxError as exc:
        return _syntax_result(name, exc, kwargs.get("lang", "zh"))
    return LintResult(name, lint_document(doc, **kwargs), document=doc)


def _syntax_result(name: str, exc: ReportSyntaxError, lang: str) -> LintResult:
    rule = get_rule("F1")
    assert rule is not None
    message = exc.message if lang != "en" else exc.message.replace("TOML 语法错误：", "TOML syntax error: ")
    finding = Finding(name, exc.line or 1, exc.column or 1, "F1", rule.severity, message, (), rule.name)
    return LintResult(name, [finding], fatal=message)
