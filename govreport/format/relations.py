"""The sum relations of the format (``x-relations``): H1 勾稽关系, H2, H3, H4.

A relation says ``sum(left) == sum(right)`` for each combination of its ``for`` variables, or,
with ``"op": "<="``, ``sum(left) <= sum(right)`` (an inequality: 实际收取金额 ≤ 通知收取金额);
``anchor`` names the cell a finding points at (by default the first cell on the left, which
for ``total = parts`` relations is the total).
Paths are dotted keys; ``{var}`` is replaced by the variable's value and ``*`` stands for
every child of a schema object, in schema order.  The lint rules, the TUI's computed totals
and the importer's digit-run splitter all read the expanded relations from here: the sums as
``spec.relations`` and the inequalities apart, as ``spec.inequalities``, so that no consumer of
the sums can take an inequality for one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govreport.format.spec import FormatSpec, KeyPath


@dataclass(frozen=True)
class Relation:
    rule: str
    title: str
    title_en: str
    left: tuple[KeyPath, ...]
    right: tuple[KeyPath, ...]
    anchor: KeyPath  # the cell a finding points at
    op: str = "=="  # "==" (a sum) or "<=" (an inequality)

    @property
    def is_sum(self) -> bool:
        return self.op == "=="

    @property
    def is_total(self) -> bool:
        """True when the left side is a single total cell computed from the right side."""
        return self.is_sum and len(self.left) == 1

    def holds(self, left: float, right: float) -> bool:
        """Whether the two sides' sums satisfy the relation."""
        return left == right if self.is_sum else left <= right

    @property
    def cells(self) -> tuple[KeyPath, ...]:
        return self.left + self.right


def _values(spec: FormatSpec, values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if "*" in value.split("."):
            out.extend(".".join(p) for p in spec.expand(value))
        else:
            out.append(value)
    return out


OPERATORS = ("==", "<=")


def expand_relations(spec: FormatSpec) -> list[Relation]:
    """Every relation of ``x-relations``, sums and inequalities, expanded to cell paths."""
    relations: list[Relation] = []
    for raw in spec.schema.get("x-relations", []):
        op = str(raw.get("op", "=="))
        if op not in OPERATORS:
            raise ValueError(f"x-relations: unknown op {op!r} (rule {raw.get('rule')!r})")
        variables = {name: _values(spec, list(vals)) for name, vals in raw.get("for", {}).items()}
        names = list(variables)
        for combo in itertools.product(*(variables[n] for n in names)):
            binding = dict(zip(names, combo, strict=True))

            def paths(templates: list[str], binding: dict[str, str] = binding) -> tuple[KeyPath, ...]:
                out: list[KeyPath] = []
                for template in templates:
                    out.extend(spec.expand(template.format(**binding)))
                return tuple(out)

            left = paths(raw["left"])
            anchor = paths([raw["anchor"]])[0] if "anchor" in raw else left[0]
            relations.append(
                Relation(
                    rule=str(raw["rule"]),
                    title=str(raw.get("title", "")),
                    title_en=str(raw.get("x-title-en", raw.get("title", ""))),
                    left=left,
                    right=paths(raw["right"]),
                    anchor=anchor,
                    op=op,
                )
            )
    return relations
