"""Turn each row's tokens into cell values; split runs of digits with the sum relations.

Never invents a number.  A row whose tokens match its cells one to one is read directly.  A
row with fewer tokens than cells has lost separators: every way of cutting its digit runs
into the right number of values (no value but 0 itself starts with 0) is a candidate.  The
candidates are then filtered by the format's relations (``spec.relations``): first those
that lie within the row (H3, H4), then, by propagation, those that tie rows together (H1,
H2, the column sums), and finally by an exhaustive search over the rows still ambiguous
when their combinations are few.  A cell whose candidates all agree is resolved by rule;
otherwise it stays unresolved and its candidates are reported.  If the source's own
numbers break a relation, the relations across rows are not used at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from govreport.format.relations import Relation
from govreport.format.spec import FormatSpec, KeyPath
from govreport.importer.tables import RowRead, Token

MAX_RUN = 40  # digits; longer runs are not split
MAX_ROW_CANDIDATES = 50_000
MAX_SEARCH = 20_000
MAX_SUMSET = 100_000

Value = int | float | str  # a number, "" (blank) or "?" (unknown)


@dataclass
class CellResult:
    path: KeyPath
    value: Value
    status: str  # "direct", "rule", "ambiguous", "blank", "missing"
    comment: str = ""


@dataclass
class RowPlan:
    read: RowRead
    candidates: list[tuple[Value, ...]] = field(default_factory=list)
    direct: bool = False  # tokens matched cells one to one
    splits: int = 0  # how many candidates the digits alone allowed
    units: list[str] = field(default_factory=list)  # for a direct row: each cell as written, if with a unit
    problem: str = ""  # why the row could not be read


def _number(token: Token, kind: str) -> Value:
    if token.kind == "blank":
        return ""
    if token.kind == "unknown":
        return "?"
    text = token.value
    if "." in text:
        value = float(text)
        return int(value) if value.is_integer() and kind != "amount" else value
    return int(text)


def cuts(digits: str, n: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut *digits* into *n* numbers, none but "0" starting with 0."""
    if n == 1:
        if digits and (digits == "0" or digits[0] != "0"):
            yield (int(digits),)
        return
    if len(digits) < n:
        return
    if digits[0] == "0":
        for rest in cuts(digits[1:], n - 1):
            yield (0, *rest)
        return
    for i in range(1, len(digits) - n + 2):
        for rest in cuts(digits[i:], n - 1):
            yield (int(digits[:i]), *rest)


def pruned_cuts(digits: str, n: int, checks: list[tuple[list[int], list[int]]]) -> Iterator[tuple[int, ...]]:
    """:func:`cuts`, skipping early every prefix that breaks a sum within the row.

    *checks* are ``(left, right)`` index lists; a check is applied as soon as every index
    in it has a value.
    """
    due: dict[int, list[tuple[list[int], list[int]]]] = {}
    for left, right in checks:
        due.setdefault(max(left + right), []).append((left, right))
    values: list[int] = []

    def ok(i: int) -> bool:
        return all(
            sum(values[j] for j in left) == sum(values[j] for j in right) for left, right in due.get(i, [])
        )

    def rec(pos: int, i: int) -> Iterator[tuple[int, ...]]:
        left = n - i  # values still to place
        if left == 0:
            if pos == len(digits):
                yield tuple(values)
            return
        rest = len(digits) - pos
        if rest < left:
            return
        longest = 1 if digits[pos] == "0" else rest - left + 1
        for size in range(1, longest + 1):
            values.append(int(digits[pos : pos + size]))
            if ok(i):
                yield from rec(pos + size, i + 1)
            values.pop()

    yield from rec(0, 0)


def _allocations(tokens: list[Token], k: int) -> Iterator[list[int]]:
    """How many values each token gives (blanks and decimals one; digit runs one or more)."""
    limits = [len(t.value) if t.is_run else 1 for t in tokens]

    def rec(i: int, left: int) -> Iterator[list[int]]:
        if i == len(tokens):
            if left == 0:
                yield []
            return
        rest_min = len(tokens) - i - 1
        for n in range(1, min(limits[i], left - rest_min) + 1):
            for tail in rec(i + 1, left - n):
                yield [n, *tail]

    yield from rec(0, k)


def plan_row(
    read: RowRead, kinds: list[str], checks: list[tuple[list[int], list[int]]] | None = None
) -> RowPlan:
    """The candidate values of a row; *checks* (sums within the row) prune a single digit run."""
    plan = RowPlan(read)
    k = len(kinds)
    if not read.found:
        plan.problem = "原文中未找到此行"
        return plan
    tokens = list(read.tokens)
    if len(tokens) > k:
        filled = [t for t in tokens if t.kind != "blank"]
        if len(filled) == k:
            tokens = filled
        else:
            while len(tokens) > k and tokens[-1].kind == "blank":
                tokens.pop()
            while len(tokens) > k and tokens[0].kind == "blank":
                tokens.pop(0)
    if not tokens:
        plan.problem = "原文中此行没有数值"
        return plan
    if len(tokens) == k:
        plan.direct = True
        plan.units = [t.text if t.unit else "" for t in tokens]
        plan.candidates = [tuple(_number(t, kind) for t, kind in zip(tokens, kinds, strict=True))]
        plan.splits = 1
        return plan
    if len(tokens) > k:
        plan.problem = f"此行有 {len(tokens)} 个数值，多于表格的 {k} 列"
        return plan
    if any(t.is_run and len(t.value) > MAX_RUN for t in tokens):
        plan.problem = "数字串过长，无法拆分"
        return plan
    if checks and len(tokens) == 1 and tokens[0].is_run:
        plan.candidates = []
        for cut in pruned_cuts(tokens[0].value, k, checks):
            plan.candidates.append(cut)
            if len(plan.candidates) > MAX_ROW_CANDIDATES:
                plan.candidates = []
                plan.problem = "数字串的拆法过多，无法确定"
                return plan
        if plan.candidates:
            digits = tokens[0].value
            trivial = len(digits) == k or set(digits) == {"0"}  # one digit per cell: one cut only
            plan.splits = 1 if trivial else len(plan.candidates) + 1
            return plan
    seen: set[tuple[Value, ...]] = set()
    for alloc in _allocations(tokens, k):
        pieces: list[list[tuple[Value, ...]]] = []
        for token, n in zip(tokens, alloc, strict=True):
            if n == 1:
                pieces.append([(_number(token, "count"),)])
            else:
                split: list[tuple[Value, ...]] = list(cuts(token.value, n))
                pieces.append(split)
        for combo in itertools.product(*pieces):
            values = tuple(v for part in combo for v in part)
            if values not in seen:
                seen.add(values)
                plan.candidates.append(values)
            if len(seen) > MAX_ROW_CANDIDATES:
                plan.candidates = []
                plan.problem = "数字串的拆法过多，无法确定"
                return plan
    plan.splits = len(plan.candidates)
    if not plan.candidates:
        plan.problem = "无法把原文的数字拆成此行的各列"
    return plan


class _Solver:
    """Candidates per row, filtered by the sum relations."""

    def __init__(self, spec: FormatSpec, plans: list[RowPlan]) -> None:
        self.spec = spec
        self.plans = plans
        self.where: dict[KeyPath, tuple[int, int]] = {}
        for g, plan in enumerate(plans):
            for j, path in enumerate(plan.read.paths):
                self.where[path] = (g, j)
        self.relations = [r for r in spec.relations if all(p in self.where for p in r.cells)]

    def _usable(self, rel: Relation, cands: list[list[tuple[Value, ...]]]) -> bool:
        """A relation can be used when none of its cells is unknown and no total is blank."""
        for path in rel.cells:
            g, j = self.where[path]
            if not cands[g]:
                return False
            values = {c[j] for c in cands[g]}
            if "?" in values:
                return False
            if path in self.spec.total_cells and "" in values:
                return False
        return True

    def _contrib(self, rel: Relation, g: int, cand: tuple[Value, ...]) -> float:
        total = 0.0
        for sign, side in ((1, rel.left), (-1, rel.right)):
            for path in side:
                gg, j = self.where[path]
                if gg == g:
                    v = cand[j]
                    total += sign * (v if isinstance(v, int | float) else 0)
        return total

    def _groups(self, rel: Relation) -> list[int]:
        return sorted({self.where[p][0] for p in rel.cells})

    def local(self, cands: list[list[tuple[Value, ...]]]) -> None:
        for rel in self.relations:
            groups = self._groups(rel)
            if len(groups) != 1 or not self._usable(rel, cands):
                continue
            g = groups[0]
            cands[g] = [c for c in cands[g] if abs(self._contrib(rel, g, c)) < 1e-9]

    def propagate(self, cands: list[list[tuple[Value, ...]]]) -> bool:
        """Arc consistency over the relations; False if some row is left without candidates."""
        changed = True
        while changed:
            changed = False
            for rel in self.relations:
                groups = self._groups(rel)
                if len(groups) < 2 or not self._usable(rel, cands):
                    continue
                sums = {g: {round(self._contrib(rel, g, c), 6) for c in cands[g]} for g in groups}
                if all(len(s) == 1 for s in sums.values()):
                    continue
                for g in groups:
                    others: set[float] = {0.0}
                    for h in groups:
                        if h == g:
                            continue
                        others = {round(a + b, 6) for a in others for b in sums[h]}
                        if len(others) > MAX_SUMSET:
                            break
                    if len(others) > MAX_SUMSET:
                        continue
                    keep = [c for c in cands[g] if round(-self._contrib(rel, g, c), 6) in others]
                    if len(keep) != len(cands[g]):
                        cands[g] = keep
                        sums[g] = {round(self._contrib(rel, g, c), 6) for c in keep}
                        changed = True
                        if not keep:
                            return False
        return True

    def search(self, cands: list[list[tuple[Value, ...]]]) -> None:
        """Keep only candidates that belong to some assignment satisfying every usable relation."""
        open_groups = [g for g, c in enumerate(cands) if len(c) > 1]
        if not open_groups:
            return
        size = 1
        for g in open_groups:
            size *= len(cands[g])
            if size > MAX_SEARCH:
                return
        rels = [
            r for r in self.relations if self._usable(r, cands) and set(self._groups(r)) & set(open_groups)
        ]
        # per relation: the constant from the settled rows, and each open row's contributions
        plans: list[tuple[float, list[tuple[int, list[float]]]]] = []
        for r in rels:
            const = sum(self._contrib(r, g, cands[g][0]) for g in self._groups(r) if len(cands[g]) == 1)
            terms = [
                (k, [self._contrib(r, g, c) for c in cands[g]])
                for k, g in enumerate(open_groups)
                if g in self._groups(r)
            ]
            plans.append((const, terms))
        good: list[set[int]] = [set() for _ in open_groups]
        for combo in itertools.product(*(range(len(cands[g])) for g in open_groups)):
            if all(abs(const + sum(vals[combo[k]] for k, vals in terms)) < 1e-9 for const, terms in plans):
                for k, i in enumerate(combo):
                    good[k].add(i)
        if all(good):
            for k, g in enumerate(open_groups):
                cands[g] = [c for i, c in enumerate(cands[g]) if i in good[k]]


def resolve(spec: FormatSpec, reads: list[RowRead]) -> tuple[list[CellResult], list[str]]:
    """The value of every cell of the rows read, and notes for the summary."""
    notes: list[str] = []
    plans = [plan_row(read, [c.kind for c in read.row.cells], _row_checks(spec, read)) for read in reads]
    solver = _Solver(spec, plans)
    cands = [list(p.candidates) for p in plans]
    solver.local(cands)
    if any(p.candidates and not c for p, c in zip(plans, cands, strict=True)):
        # the row's own total does not match any split: keep the splits, say so
        for g, p in enumerate(plans):
            if p.candidates and not cands[g]:
                cands[g] = list(p.candidates)
                if not p.direct:
                    p.problem = "没有一种拆法满足本行的合计"
    local = [list(c) for c in cands]
    if not solver.propagate(cands):
        cands = local
        notes.append("原文的数字不满足表内的勾稽关系或合计，未用这些关系拆分数字串")
    else:
        solver.search(cands)
    results: list[CellResult] = []
    for plan, cand in zip(plans, cands, strict=True):
        # what the source wrote for the row, without the labels around it
        raw = " ".join(t.text or "（空）" for t in plan.read.tokens) or " ".join(plan.read.raw.split())
        for j, ref in enumerate(plan.read.row.cells):
            if not cand:
                why = plan.problem or "无法读取"
                shown = f"；原文「{_short(raw)}」" if raw else ""
                status = "ambiguous" if plan.read.found and plan.read.tokens else "missing"
                results.append(CellResult(ref.path, "?", status, f"未确定：{why}{shown}"))
                continue
            values = sorted({c[j] for c in cand}, key=_sort_key)
            if len(values) == 1:
                value = values[0]
                if value == "":
                    results.append(CellResult(ref.path, "", "blank"))
                elif value == "?":
                    results.append(CellResult(ref.path, "?", "ambiguous", "未确定：原文为「?」"))
                elif plan.direct:
                    written = plan.units[j] if j < len(plan.units) else ""
                    comment = f"原文为「{written}」" if written else ""
                    results.append(CellResult(ref.path, value, "direct", comment))
                else:
                    comment = f"由原文「{_short(raw)}」按规则拆分" if plan.splits > 1 else ""
                    results.append(CellResult(ref.path, value, "rule", comment))
            else:
                shown = "、".join(_show(v) for v in values[:8]) + ("……" if len(values) > 8 else "")
                results.append(
                    CellResult(
                        ref.path,
                        "?",
                        "ambiguous",
                        f"未确定：可能为 {shown}；原文「{_short(raw)}」有 {len(cand)} 种拆法",
                    )
                )
    return results, notes


def _row_checks(spec: FormatSpec, read: RowRead) -> list[tuple[list[int], list[int]]]:
    """The relations that lie within one row, as index lists into its cells."""
    index = {path: i for i, path in enumerate(read.paths)}
    return [
        ([index[p] for p in r.left], [index[p] for p in r.right])
        for r in spec.relations
        if all(p in index for p in r.cells)
    ]


def _sort_key(v: Value) -> tuple[int, float, str]:
    if isinstance(v, int | float):
        return (0, float(v), "")
    return (1, 0.0, v)


def _show(v: Value) -> str:
    return "空白" if v == "" else str(v)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
