"""Run the rules over a report and turn their problems into positioned findings."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.format.spec import FormatSpec, UnknownFormatError, load_spec
from govreport.lint.config import LintConfig
from govreport.lint.context import LintContext
from govreport.lint.finding import Finding, Problem, Severity
from govreport.lint.registry import Rule, all_rules, get_rule, is_known_code
from govreport.lint.suppress import apply_suppressions, find_suppressions, unused_parts
from govreport.report.document import ReportDocument, ReportReadError, ReportSyntaxError
from govreport.report.locate import PathKey

if TYPE_CHECKING:
    from govreport.lint.discover import PreviousChoice

DEFAULT_FORMAT = "2021"


@dataclass
class LintResult:
    """The findings for one file; ``fatal`` is set when the file could not be read or parsed."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    fatal: str | None = None
    document: ReportDocument | None = None
    previous: str | None = None  # the file used as last year's report (X1–X3), if any

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
    line, column = pos.line, pos.column
    if problem.offset is not None:
        line, column = text_position(ctx.doc, problem.path, problem.offset) or (line, column)
    related = []
    for path in problem.related:
        rpos = index.value(path) or index.nearest(path)
        related.append({"path": ".".join(str(p) for p in path), "line": rpos.line, "column": rpos.column})
    return Finding(
        file=ctx.doc.name,
        line=line,
        column=column,
        code=rule.code,
        severity=severity,
        message=problem.message,
        path=problem.path,
        rule=rule.name,
        related=related,
    )


def text_position(doc: ReportDocument, path: PathKey, offset: int) -> tuple[int, int] | None:
    """Line and column of character *offset* of the multi-line string at *path*.

    Exact for literal strings (``'''…'''``, what govreport writes); for basic strings the line
    is exact as long as no escape sequence spans lines, which is how they are written.
    """
    start = doc.positions.value(path)
    value = doc.get(path)
    if start is None or not isinstance(value, str):
        return None
    line_text = doc.text.split("\n")[start.line - 1]
    opener = line_text[start.column - 1 : start.column + 2]
    before = value[:offset]
    line_in_value = before.count("\n")
    col_in_line = offset - (before.rfind("\n") + 1)
    if opener in ("'''", '"""'):
        rest = line_text[start.column + 2 :]
        if rest.strip() == "":  # the newline after the opening quotes is not part of the value
            return start.line + 1 + line_in_value, col_in_line + 1
        if line_in_value == 0:
            return start.line, start.column + 3 + col_in_line
        return start.line + line_in_value, col_in_line + 1
    return start.line, start.column + 1 + offset


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
    config: LintConfig | None = None,
    previous: ReportDocument | None = None,
    select: Iterable[str] | None = None,
    options: dict[str, Any] | None = None,
    previous_choice: PreviousChoice | None = None,
) -> list[Finding]:
    """Run every enabled rule over *doc* and return its findings in file order.

    *previous* is last year's report of the same organ (for the X rules); *config* selects the
    rules and their severities; inline ``# govreport: ignore[…]`` comments are honoured.
    """
    config = config or LintConfig()
    if select is not None:
        config = config.with_overrides(select=tuple(c.upper() for c in select))
    spec, version_finding = _spec_for(doc, lang)
    findings: list[Finding] = []
    if version_finding and config.enabled("F2", doc.path):
        version_finding.severity = config.severity_of("F2", version_finding.severity)
        findings.append(version_finding)
    if spec is None:
        return findings
    opts = dict(options or {})
    opts.setdefault("defaults", config.defaults)
    ctx = LintContext(doc, spec, lang, opts, previous=previous, previous_choice=previous_choice)
    for rule in all_rules():
        if rule.code == "M1" or not config.enabled(rule.code, doc.path):
            continue
        severity = config.severity_of(rule.code, rule.severity)
        for problem in rule.check(ctx):
            findings.append(_finding(ctx, rule, problem, severity))
    suppressions = find_suppressions(doc.positions) if "govreport:" in doc.text else []
    if suppressions:
        findings, suppressions = apply_suppressions(findings, suppressions)
        if config.enabled("M1", doc.path):
            findings.extend(_unused_suppressions(ctx, suppressions, config))
    if len(findings) > 1:
        from govreport.lint.consequences import link_consequences

        link_consequences(ctx, findings)
    findings.sort(key=Finding.sort_key)
    return findings


def _unused_suppressions(ctx: LintContext, suppressions: list[Any], config: LintConfig) -> list[Finding]:
    rule = get_rule("M1")
    assert rule is not None
    out = []
    for s in suppressions:
        unused, unknown = unused_parts(s, is_known_code)
        # A code that is switched off by the configuration cannot match: not the comment's fault.
        unused = [
            c
            for c in unused
            if c == "*" or any(config.enabled(r.code) for r in all_rules() if r.code.startswith(c))
        ]
        problems = []
        if unknown:
            problems.append(
                ctx.t(
                    f"抑制注释中有未知的规则代码：{', '.join(unknown)}",
                    f"unknown rule code in suppression: {', '.join(unknown)}",
                )
            )
        if unused == ["*"]:
            problems.append(
                ctx.t(
                    "抑制注释 govreport: ignore 没有抑制任何问题，可以删除",
                    "“govreport: ignore” suppresses nothing; remove it",
                )
            )
        elif unused:
            codes = ", ".join(unused)
            problems.append(
                ctx.t(
                    f"抑制注释中的 {codes} 没有抑制任何问题，可以删除",
                    f"{codes} in the suppression comment suppresses nothing; remove it",
                )
            )
        for message in problems:
            severity = config.severity_of("M1", rule.severity)
            out.append(Finding(ctx.doc.name, s.line, s.column, "M1", severity, message, (), rule.name))
    return out


def lint_text(text: str, name: str = "<text>", **kwargs: Any) -> LintResult:
    try:
        doc = ReportDocument.from_text(text, Path(name))
    except ReportSyntaxError as exc:
        return _syntax_result(name, exc, kwargs.get("lang", "zh"))
    return LintResult(name, lint_document(doc, **kwargs), document=doc)


def load_for_lint(path: str | os.PathLike[str], lang: str = "zh") -> ReportDocument | LintResult:
    """The document at *path*, or the LintResult that says why it cannot be linted."""
    name = str(path)
    try:
        return ReportDocument.load(path)
    except ReportReadError as exc:
        return LintResult(name, fatal=exc.message)
    except ReportSyntaxError as exc:
        return _syntax_result(name, exc, lang)


def lint_file(path: str | os.PathLike[str], **kwargs: Any) -> LintResult:
    loaded = load_for_lint(path, kwargs.get("lang", "zh"))
    if isinstance(loaded, LintResult):
        return loaded
    return LintResult(str(path), lint_document(loaded, **kwargs), document=loaded)


def _syntax_result(name: str, exc: ReportSyntaxError, lang: str) -> LintResult:
    rule = get_rule("F1")
    assert rule is not None
    message = exc.message_en if lang == "en" else exc.message
    finding = Finding(name, exc.line or 1, exc.column or 1, "F1", rule.severity, message, (), rule.name)
    return LintResult(name, [finding], fatal=message)
