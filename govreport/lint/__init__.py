"""The lint engine: one engine for the CLI, the TUI and pre-commit.

Rules live in ``govreport.lint.rules``; each is a small function with a stable code, a
name, a default severity and a docstring that is its documentation.
"""

from govreport.lint.engine import LintResult, lint_document, lint_file, lint_text
from govreport.lint.finding import Finding, Severity

__all__ = ["Finding", "LintResult", "Severity", "lint_document", "lint_file", "lint_text"]
