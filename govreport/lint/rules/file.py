"""F: the file as a whole (syntax, format version)."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule


@rule("F1", "toml-syntax", Severity.ERROR)
def toml_syntax(ctx: LintContext) -> Iterator[Problem]:
    """The file is not valid TOML.

    Reported with the line and column where the TOML parser stopped; nothing else can be
    checked until the syntax is fixed, and ``govreport lint`` exits with status 2.
    Common causes: a missing closing quote or ``\"\"\"``, a full-width ``＝`` instead of
    ``=``, a value with no key, a table header (``[requests.new]``) written twice.
    """
    return iter(())  # raised by the parser, reported by the engine


@rule("F2", "format-version", Severity.ERROR)
def format_version(ctx: LintContext) -> Iterator[Problem]:
    """The file does not name a format version govreport knows.

    Every report file starts with ``format = "2021"`` (the 2021 official format,
    国办公开办函〔2021〕30号).  Without it the file is checked as a 2021 report; with an
    unknown version nothing further is checked.  ``govreport schema --list`` shows the
    versions this installation knows.
    """
    return iter(())  # decided before the rules run, reported by the engine
