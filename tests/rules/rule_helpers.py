"""Running one rule through the whole lint engine, for the rule tests (one file per family)."""

from __future__ import annotations

from govreport.lint import lint_text
from govreport.lint.finding import Finding

from ..conftest import set_value


def codes(text: str, **kwargs: object) -> list[str]:
    return [f.code for f in lint_text(text, "r.toml", **kwargs).findings]  # type: ignore[arg-type]


def findings(text: str, code: str, **kwargs: object) -> list[Finding]:
    return [f for f in lint_text(text, "r.toml", **kwargs).findings if f.code == code]  # type: ignore[arg-type]


run = findings


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def with_text(text: str, path: tuple[str, ...], body: str) -> str:
    return set_value(text, path, "'''\n" + body + "\n'''")
