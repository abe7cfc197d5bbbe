"""The rule registry.

A rule is a function ``check(ctx) -> Iterable[Problem]`` registered with :func:`rule`.
Its docstring is its documentation (``govreport rule CODE`` prints it): the first line is
the summary, the rest explains what the rule checks, why, and how to fix a finding.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govreport.lint.finding import Problem, Severity

if TYPE_CHECKING:
    from govreport.lint.context import LintContext

Check = Callable[["LintContext"], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    family: str

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


FAMILIES = {
    "F": "文件（File）",
    "S": "结构（Schema）",
    "C": "内容（Content）",
    "H": "硬性规则（Hard rules of the format）",
    "I": "导入（Imported values）",
    "Q": "合理性（Plausibility）",
    "M": "注释（Meta: suppression comments）",
}

_RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in _RULES:
            raise ValueError(f"duplicate rule code {code}")
        if not check.__doc__:
            raise ValueError(f"rule {code} has no docstring")
        _RULES[code] = Rule(code, name, severity, check, code.rstrip("0123456789"))
        return check

    return register


def all_rules() -> list[Rule]:
    import govreport.lint.rules  # noqa: F401  (registers the rules)

    def order(r: Rule) -> tuple[int, str, int]:
        family = r.family
        families = list(FAMILIES)
        return (families.index(family) if family in families else 99, family, int(r.code[len(family) :] or 0))

    return sorted(_RULES.values(), key=order)


def get_rule(code: str) -> Rule | None:
    all_rules()
    return _RULES.get(code.upper())


def is_known_code(code: str) -> bool:
    """True for a rule code or a prefix of one (``"H"``, ``"X1"``)."""
    code = code.upper()
    return code == "ALL" or any(c.startswith(code) for c in _RULES) or code in FAMILIES
