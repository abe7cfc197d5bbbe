"""The rule registry.

A rule is a function ``check(ctx) -> Iterable[Problem]`` registered with :func:`rule`.
Its docstring is its documentation (``govreport rule CODE`` prints it), in Chinese, then a
line ``---``, then in English.  In each language the first line is the summary; the rest
explains what the rule checks, why, and how to fix a finding.

Each rule runs at one *stage* of the engine, and gets that stage's context:

- ``"syntax"``: the file is not valid TOML (:class:`~govreport.lint.context.SyntaxContext`);
- ``"format"``: the file parsed; which format it uses (:class:`~govreport.lint.context.FormatContext`);
- ``"report"``: the report in its format (:class:`~govreport.lint.context.LintContext`), the usual;
- ``"suppressions"``: after the others, the ``# govreport: ignore`` comments that matched
  nothing (:class:`~govreport.lint.context.SuppressionContext`).

A report rule names the *anchors* it reads (``x-anchors`` of the schema): where the format
declares one of them not, the rule does not run and F3 says so.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from govreport.lint.finding import Problem, Severity

Stage = Literal["syntax", "format", "report", "suppressions"]
Check = Callable[[Any], Iterable[Problem]]  # the context's type depends on the stage


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    family: str
    stage: Stage = "report"
    anchors: tuple[str, ...] = ()  # x-anchors the rule reads

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
    "E": "考评（Evaluation: what supervisors check）",
    "M": "注释（Meta: suppression comments）",
}


def family_label(family: str, lang: str = "zh") -> str:
    """A family's name in one language: "文件" or "File" (FAMILIES holds both)."""
    both = FAMILIES.get(family, "")
    zh, _, en = both.partition("（")
    return en.rstrip("）") if lang == "en" and en else zh


_RULES: dict[str, Rule] = {}


def rule(
    code: str, name: str, severity: Severity, *, stage: Stage = "report", anchors: tuple[str, ...] = ()
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in _RULES:
            raise ValueError(f"duplicate rule code {code}")
        if not check.__doc__ or "\n---\n" not in inspect.cleandoc(check.__doc__):
            raise ValueError(f"rule {code} needs a docstring in Chinese, a line '---', then English")
        _RULES[code] = Rule(code, name, severity, check, code.rstrip("0123456789"), stage, anchors)
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


def rules_at(stage: Stage) -> list[Rule]:
    """The rules of one stage, in :func:`all_rules` order."""
    return [r for r in all_rules() if r.stage == stage]


def get_rule(code: str) -> Rule | None:
    all_rules()
    return _RULES.get(code.upper())


def is_known_code(code: str) -> bool:
    """True for a rule code or a prefix of one (``"H"``, ``"X1"``)."""
    code = code.upper()
    all_rules()  # the codes are known once the rules are registered
    return code == "ALL" or any(c.startswith(code) for c in _RULES) or code in FAMILIES
