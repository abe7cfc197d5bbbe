"""The 总计 cells: what each should be, and filling them in from their parts.

Read from the format's sum relations (``spec.relations``): every relation with a single
cell on the left (H2, H3, H4) defines that cell as the sum of the cells on its right.  H1
(the balance of table 三) is an equation between sums, not a total; it is a lint finding
only.  Values follow the lint rules: a blank cell (``""``) counts as 0, an unresolved
(``"?"``), missing or malformed cell makes the sum unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from govreport.format.relations import Relation
from govreport.format.spec import FormatSpec, KeyPath
from govreport.format.values import CellState, Number, cell_number, cell_state

Getter = Callable[[KeyPath], object]


@dataclass(frozen=True)
class TotalState:
    """A 总计 cell: the value entered and what its parts add up to."""

    path: KeyPath
    entered: object
    computed: Number | None  # None when a part is unknown
    relations: tuple[Relation, ...]

    @property
    def mismatch(self) -> bool:
        """True when the entered value is a number that differs from the computed sum."""
        if self.computed is None:
            return False
        if cell_state(self.entered) is not CellState.NUMBER:
            return False  # unknown, or blank (a blank total is not checked)
        return cell_number(self.entered) not in (None, self.computed)


@cache
def total_relations(spec: FormatSpec) -> dict[KeyPath, tuple[Relation, ...]]:
    """Each 总计 cell and the relations that define it, in dependency order (a total whose
    parts include other totals comes after them)."""
    by_cell: dict[KeyPath, list[Relation]] = {}
    for relation in spec.relations:
        if relation.is_total:
            by_cell.setdefault(relation.left[0], []).append(relation)

    depth: dict[KeyPath, int] = {}

    def level(cell: KeyPath, seen: frozenset[KeyPath] = frozenset()) -> int:
        if cell not in by_cell or cell in seen:
            return 0
        if cell not in depth:
            depth[cell] = 1 + max(
                (level(part, seen | {cell}) for r in by_cell[cell] for part in r.right), default=0
            )
        return depth[cell]

    order = sorted(by_cell, key=lambda c: (level(c), list(by_cell).index(c)))
    return {cell: tuple(by_cell[cell]) for cell in order}


def _sum(relation: Relation, get: Getter) -> Number | None:
    total: Number = 0
    for part in relation.right:
        value = cell_number(get(part))
        if value is None:
            return None
        total += value
    return total


def total_states(spec: FormatSpec, get: Getter) -> dict[KeyPath, TotalState]:
    """Every 总计 cell with its entered and computed value.

    A cell that two relations define (（七）总计's 总计 column) shows the first computed value
    that disagrees with the entered one, else their common value.
    """
    states: dict[KeyPath, TotalState] = {}
    for cell, relations in total_relations(spec).items():
        entered = get(cell)
        computed: Number | None = None
        for relation in relations:
            value = _sum(relation, get)
            if value is None:
                computed = None
                break
            if computed is None or value != cell_number(entered):
                computed = value
        states[cell] = TotalState(cell, entered, computed, relations)
    return states


def filled_totals(spec: FormatSpec, get: Getter, *, max_passes: int = 10) -> dict[KeyPath, Number]:
    """The 总计 cells whose value should change so that every total equals its parts.

    Totals are computed in dependency order (row totals of the outcome rows, then
    （七）总计 column by column, …) and passes repeat until nothing changes.  A total whose
    parts include an unknown value is left as it is.
    """
    current: dict[KeyPath, object] = {}

    def value(path: KeyPath) -> object:
        return current[path] if path in current else get(path)

    relations = total_relations(spec)
    for _ in range(max_passes):
        changed = False
        for cell, rels in relations.items():
            for relation in rels:
                computed = _sum(relation, value)
                if computed is None:
                    continue
                old = value(cell)
                if (
                    cell_state(old) is CellState.BLANK
                    or cell_number(old) != computed
                    or type(old) is not type(computed)
                ):
                    current[cell] = computed
                    changed = True
        if not changed:
            break
    return {cell: v for cell, v in current.items() if isinstance(v, int | float) and get(cell) != v}
