"""The rule registry.

A rule is a function ``check(ctx) -> Iterable[Problem]`` registered with :func:`rule`.
Its docstring is its documentation (``govreport rule CODE`` prints it), in Chinese, then a
line ``---``, then in English.  In each language the first line is the summary; the rest
explains what the rule checks, why, and how to fix a finding.
"""

from __future__ import annotations

import inspect
import re
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
        """The whole documentation, both languages."""
        return inspect.cleandoc(self.check.__doc__ or "")

    def doc_in(self, lang: str = "zh") -> str:
        parts = [p.strip() for p in self.doc.split("\n---\n", 1)]
        if lang == "en" and len(parts) == 2:
            return parts[1]
        return parts[0]

    def summary_in(self, lang: str = "zh") -> str:
        """The first sentence of the documentation."""
        paragraph = " ".join(self.doc_in(lang).split("\n\n", 1)[0].split())
        if lang == "en":
            return re.split(r"(?<=\.)\s", paragraph, maxsplit=1)[0]
        return paragraph.split("。", 1)[0] + ("。" if "。" in paragraph else "")

    @property
    def summary(self) -> str:
        return self.summary_in("zh")


FAMILIES = {
    "F": "文件（File）",
    "S": "结构（Schema）",
    "C": "内容（Content）",
    "H": "硬性规则（Hard rules of the format）",
    "I": "导入（Imported values）",
    "X": "跨年度（Across years）",
    "Y": "年度（Year and period）",
    "P": "正文与表格（Prose against tables）",
    "Q": "合理性（Plausibility）",
    "M": "注释（Meta: suppression comments）",
}

_RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in _RULES:
            raise ValueError(f"duplicate rule code {code}")
        if not check.__doc__ or "\n---\n" not in inspect.cleandoc(check.__doc__):
            raise ValueError(f"rule {code} needs a docstring in Chinese, a line '---', then English")
        _RULES[code] = Rule(code, name, severity, check, code.rstrip("0123456789"))
        return check

    return register


_SORTED: list[Rule] = []


def all_rules() -> list[Rule]:
    """Every rule, by family (in FAMILIES order) and number."""
    import govreport.lint.rules  # noqa: F401  (registers the rules)

    if len(_SORTED) != len(_RULES):
        families = list(FAMILIES)

        def order(r: Rule) -> tuple[int, str, int]:
            family = r.family
            return (
                families.index(family) if family in families else 99,
                family,
                int(r.code[len(family) :] or 0),
            )

        _SORTED[:] = sorted(_RULES.values(), key=order)
    return list(_SORTED)


def get_rule(code: str) -> Rule | None:
    all_rules()
    return _RULES.get(code.upper())


def is_known_code(code: str) -> bool:
    """True for a rule code or a prefix of one (``"H"``, ``"X1"``)."""
    code = code.upper()
    all_rules()  # the rules register when their modules load: load them before looking
    return code == "ALL" or any(c.startswith(code) for c in _RULES) or code in FAMILIES
