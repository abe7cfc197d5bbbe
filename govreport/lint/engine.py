"""Run the rules over a report and turn their problems into positioned findings."""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.format.resolve import resolve_format
from govreport.lint.config import LintConfig
from govreport.lint.context import FormatContext, LintContext, SuppressionContext, SyntaxContext
from govreport.lint.finding import Finding, Problem, Severity
from govreport.lint.registry import Rule, all_rules, is_known_code, rules_at
from govreport.lint.suppress import apply_suppressions, find_suppressions, unused_parts
from govreport.report.document import ReportDocument, ReportReadError, ReportSyntaxError
from govreport.report.locate import TomlPath

if TYPE_CHECKING:
    from govreport.lint.discover import PreviousChoice


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


def _finding(
    doc: ReportDocument | None,
    name: str,
    rule: Rule,
    problem: Problem,
    severity: Severity,
    position: bool = True,
) -> Finding:
    """Position *problem*: its explicit line and column, else where its key path is in *doc*.
    Without *position*: line and column 0 (the caller has no use for them, e.g. a report
    imported in memory, whose lines are not the source's)."""
    related: list[dict[str, Any]] = []
    if not position:
        line, column = problem.line or 0, problem.column or 0
        related = [{"path": ".".join(str(p) for p in path)} for path in problem.related]
    elif problem.line is not None or doc is None:
        line, column = problem.line or 1, problem.column or 1
    else:
        index = doc.positions
        pos = None
        if problem.anchor == "key":
            pos = index.key(problem.path)
        elif problem.anchor == "header":
            pos = index.header(problem.path)
        pos = pos or index.value(problem.path) or index.nearest(problem.path)
        line, column = pos.line, pos.column
        if problem.offset is not None:
            line, column = text_position(doc, problem.path, problem.offset) or (line, column)
        for path in problem.related:
            rpos = index.value(path) or index.nearest(path)
            related.append({"path": ".".join(str(p) for p in path), "line": rpos.line, "column": rpos.column})
    return Finding(
        file=name,
        line=line,
        column=column,
        code=rule.code,
        severity=severity,
        message=problem.message,
        path=problem.path,
        rule=rule.name,
        related=related,
        offset=problem.offset,
    )


@lru_cache(maxsize=32)
def _newline_offsets(value: str) -> tuple[int, ...]:
    """Where the newlines of a string value are (computed once per value, not per finding:
    a value with thousands of findings stays linear)."""
    return tuple(i for i, ch in enumerate(value) if ch == "\n")


def text_position(doc: ReportDocument, path: TomlPath, offset: int) -> tuple[int, int] | None:
    """Line and column of character *offset* of the multi-line string at *path*.

    Exact for literal strings (``'''…'''``, what govreport writes); for basic strings the line
    is exact as long as no escape sequence spans lines, which is how they are written.
    """
    start = doc.positions.value(path)
    value = doc.get(path)
    if start is None or not isinstance(value, str):
        return None
    line_text = doc.positions.line_text(start.line)
    opener = line_text[start.column - 1 : start.column + 2]
    newlines = _newline_offsets(value)
    line_in_value = bisect.bisect_left(newlines, offset)  # newlines before the offset
    col_in_line = offset - (newlines[line_in_value - 1] + 1 if line_in_value else 0)
    if opener in ("'''", '"""'):
        rest = line_text[start.column + 2 :]
        if rest.strip() == "":  # the newline after the opening quotes is not part of the value
            return start.line + 1 + line_in_value, col_in_line + 1
        if line_in_value == 0:
            return start.line, start.column + 3 + col_in_line
        return start.line + line_in_value, col_in_line + 1
    return start.line, start.column + 1 + offset


def _run(
    rule: Rule,
    context: object,
    doc: ReportDocument | None,
    name: str,
    severity: Severity,
    position: bool = True,
) -> list[Finding]:
    return [_finding(doc, name, rule, problem, severity, position) for problem in rule.check(context)]


@lru_cache(maxsize=64)
def _rule_plan(config: LintConfig, file: Path | None, _registered: int) -> tuple[tuple[Rule, Severity], ...]:
    """The enabled rules, in order, each with its severity: worked out once per configuration
    (and per file only when the configuration ignores codes per file), not once per report.
    *_registered* (how many rules there are) keeps a rule registered later from being missed."""
    return tuple(
        (r, config.severity_of(r.code, r.severity)) for r in all_rules() if config.enabled(r.code, file)
    )


def lint_document(
    doc: ReportDocument,
    *,
    lang: str = "zh",
    config: LintConfig | None = None,
    previous: ReportDocument | None = None,
    select: Iterable[str] | None = None,
    options: dict[str, Any] | None = None,
    previous_choice: PreviousChoice | None = None,
    positions: bool = True,
) -> list[Finding]:
    """Run every enabled rule over *doc* and return its findings in file order.

    The stages in turn (see :mod:`govreport.lint.registry`): the format rules, then — when the
    format is known — the report rules whose anchors the format declares, then the suppression
    rules over the ``# govreport: ignore[…]`` comments that matched nothing.  *previous* is last
    year's report of the same organ (for the X rules); *config* selects the rules and their
    severities.  Without *positions* the findings of the report rules carry no line and column
    (0), which saves locating every key of a file whose lines mean nothing to the reader (a
    report imported in memory by ``govreport check``).
    """
    config = config or LintConfig()
    if select is not None:
        config = config.with_overrides(select=tuple(c.upper() for c in select))
    enabled = _rule_plan(config, doc.path if config.per_file_ignores else None, len(all_rules()))
    choice = resolve_format(doc.data)
    report_rules = [(r, severity) for r, severity in enabled if r.stage == "report"]
    format_ctx = FormatContext(doc, choice, lang, tuple((r.code, r.anchors) for r, _ in report_rules))
    findings: list[Finding] = []
    name = doc.name
    for rule, severity in enabled:
        if rule.stage == "format":
            findings.extend(_run(rule, format_ctx, doc, name, severity))
    spec = choice.spec
    if spec is None:
        return findings
    opts = dict(options or {})
    opts.setdefault("defaults", config.defaults)
    ctx = LintContext(doc, spec, lang, opts, previous=previous, previous_choice=previous_choice)
    anchors = spec.anchors
    for rule, severity in report_rules:
        if all(a in anchors for a in rule.anchors):
            findings.extend(_run(rule, ctx, doc, name, severity, positions))
    suppressions = find_suppressions(doc.positions) if "govreport:" in doc.text else []
    if suppressions:
        findings, suppressions = apply_suppressions(findings, suppressions)
        unused = _unused_parts(suppressions, config)
        if unused:
            context = SuppressionContext(doc, lang, unused)
            for rule, severity in enabled:
                if rule.stage == "suppressions":
                    findings.extend(_run(rule, context, doc, name, severity))
    if len(findings) > 1:
        from govreport.lint.consequences import link_consequences

        link_consequences(ctx, findings)
    findings.sort(key=Finding.sort_key)
    return findings


def _unused_parts(
    suppressions: list[Any], config: LintConfig
) -> tuple[tuple[int, int, tuple[str, ...], tuple[str, ...]], ...]:
    """For each comment: the codes that matched nothing, and the codes no rule has."""
    out = []
    rules = all_rules()
    switched_on: dict[str, bool] = {}  # per code or prefix: once, not once per suppression

    def can_match(code: str) -> bool:
        if code not in switched_on:
            switched_on[code] = any(config.enabled(r.code) for r in rules if r.code.startswith(code))
        return switched_on[code]

    for s in suppressions:
        unused, unknown = unused_parts(s, is_known_code)
        # A code that is switched off by the configuration cannot match: not the comment's fault.
        unused = [c for c in unused if c == "*" or can_match(c)]
        if unused or unknown:
            out.append((s.line, s.column, tuple(unused), tuple(unknown)))
    return tuple(out)


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
    """The findings of the syntax rules for a file that is not valid TOML (always fatal)."""
    context = SyntaxContext(name, exc, lang)
    findings = [f for rule in rules_at("syntax") for f in _run(rule, context, None, name, rule.severity)]
    return LintResult(name, findings, fatal=findings[0].message if findings else exc.message)
