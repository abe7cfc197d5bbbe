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

from collections.abc import Iterator
from dataclasses import dataclass, field

from govreport import i18n
from govreport.format.relations import Relation
from govreport.format.spec import FormatSpec, KeyPath
from govreport.format.values import UNRESOLVED_MARK, CellState, cell_state, show_number
from govreport.importer.tables import RowRead, Token
from govreport.limits import MAX_RUN_DIGITS, MAX_SHOWN_CANDIDATES

MAX_RUN = MAX_RUN_DIGITS  # digits; longer runs are not split (the one limit, limits.py)
MAX_ROW_CANDIDATES = 2_000  # splits of one row kept for the joint search
MAX_SEARCH = 100_000  # steps of the joint search over one group of rows
MAX_SUMSET = 100_000
MAX_STATES = 40_000  # steps of one row's split search
MAX_TABLE_STATES = 250_000  # steps of all rows of one import together

Value = int | float | str  # a number, "" (blank) or UNRESOLVED_MARK (unknown)


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
    broken: bool = False  # the row, read cell by cell, breaks a sum within it
    alternatives: list[tuple[Value, ...]] = field(default_factory=list)  # splits that break the row's sums


def _number(token: Token, kind: str) -> Value:
    if token.kind == "blank":
        return ""
    if token.kind == "unknown":
        return UNRESOLVED_MARK
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


class TooManyWays(Exception):
    """The splits of a row are too many to list within the limits (MAX_STATES, MAX_ROW_CANDIDATES)."""


def row_splits(
    tokens: list[Token],
    kinds: list[str],
    checks: list[tuple[list[int], list[int]]] | None = None,
    *,
    max_candidates: int = MAX_ROW_CANDIDATES,
    max_states: int = MAX_STATES,
    budget: list[int] | None = None,
) -> list[tuple[Value, ...]]:
    """Every way to read *tokens* as the ``len(kinds)`` cells of a row that satisfies *checks*.

    A digit run (``Token.is_run``) gives one or more cells, cut between its digits (no value
    but 0 itself starts with 0); every other token gives exactly one cell.  A negative number
    lands only in a cell that may be negative (``kind == "delta"``).  *checks* are
    ``(left, right)`` index lists, ``sum(left) == sum(right)``; they are used only when every
    token is a number.

    Dynamic programming over (token, position in its digits, cells left, the open sums),
    walking from the row's end, where the totals are: a total is placed first and bounds
    every part of its sum, so the search is pruned by the row's own sums.  The number of
    solutions is counted first (memoised, at most *max_states* steps) and listed only when
    it is at most *max_candidates*; otherwise :class:`TooManyWays` is raised — never a wait.
    *budget*, a one-item list, is a count of steps shared by several calls (decremented).
    """
    k = len(kinds)
    if not tokens or len(tokens) > k:
        return []
    numbers = all(t.kind == "number" for t in tokens)
    rels = [(lft, rgt) for lft, rgt in (checks or []) if numbers]
    coef: list[list[int]] = []
    for lft, rgt in rels:
        row = [0] * k
        for j in lft:
            row[j] += 1
        for j in rgt:
            row[j] -= 1
        coef.append(row)
    # per cell j (placed when cells 0..j remain): which sums close, and which are one-signed
    closing: list[list[int]] = [[] for _ in range(k)]
    one_sign: list[list[tuple[int, int]]] = [[] for _ in range(k)]  # (relation, sign of cells 0..j)
    for c, row in enumerate(coef):
        used = [j for j in range(k) if row[j]]
        if not used:
            continue
        closing[min(used)].append(c)
        for j in range(k):
            signs = {row[i] > 0 for i in range(j + 1) if row[i]}
            if len(signs) == 1:
                one_sign[j].append((c, 1 if signs.pop() else -1))
    fixed: list[Value | None] = []
    digits: list[str] = []
    for token in tokens:
        if token.is_run:
            fixed.append(None)
            digits.append(token.value)
        else:
            fixed.append(_number(token, "count"))
            digits.append("")
    # the fewest and most cells the tokens 0..t can still give
    most = [0] * (len(tokens) + 1)
    for t in range(len(tokens)):
        most[t + 1] = most[t] + (len(digits[t]) if fixed[t] is None else 1)

    def allowed(value: Value, j: int) -> bool:
        if isinstance(value, int | float) and value < 0:
            return kinds[j] == "delta"
        return True

    def options(t: int, e: int, j: int, sums: tuple[float, ...]) -> Iterator[tuple[Value, int, int]]:
        """Values for cell j-1 from token t (its digits [:e]), with the state after it."""
        if fixed[t] is not None:
            value = fixed[t]
            assert value is not None
            if allowed(value, j - 1):
                yield value, t - 1, len(digits[t - 1]) if t > 0 else 0
            return
        run = digits[t]
        bound: float | None = None
        for c, sign in one_sign[j - 1] if sums else ():
            if coef[c][j - 1]:
                room = -sums[c] * sign
                bound = room if bound is None else min(bound, room)
        longest = e if bound is None else min(e, len(str(int(bound))) if bound >= 1 else 1)
        for size in range(1, longest + 1):
            start = e - size
            if size > 1 and run[start] == "0":
                continue
            value = int(run[start:e])
            if bound is not None and value > bound:
                continue
            if start == 0:
                yield value, t - 1, len(digits[t - 1]) if t > 0 else 0
            else:
                yield value, t, start

    memo: dict[tuple[int, int, int, tuple[float, ...]], int] = {}
    limit = max_candidates + 1

    def step(sums: tuple[float, ...], j: int, value: Value) -> tuple[float, ...] | None:
        if not coef:
            return sums
        v = value if isinstance(value, int | float) else 0
        new = tuple(s + row[j] * v for s, row in zip(sums, coef, strict=True))
        for c in closing[j]:
            if abs(new[c]) > 1e-9:
                return None
        if j > 0:
            for c, sign in one_sign[j - 1]:
                if -new[c] * sign < -1e-9:
                    return None
        return new

    # for a one-signed sum whose cells are exactly cells 0..j-1: how many cells it has there
    covers: list[list[tuple[int, int]]] = [[] for _ in range(k + 1)]
    for j in range(1, k + 1):
        for c, sign in one_sign[j - 1]:
            if all(coef[c][i] for i in range(j)):
                covers[j].append((c, sign))

    extremes: dict[tuple[int, int, int], tuple[float, float] | None] = {}

    def span(t: int, e: int, j: int) -> tuple[float, float] | None:
        """The least and greatest sum of cells 0..j-1 cut from tokens 0..t (token t: digits [:e])."""
        if j == 0:
            return (0.0, 0.0) if t < 0 else None
        if t < 0:
            return None
        key = (t, e, j)
        if key in extremes:
            return extremes[key]
        low = high = None
        for value, nt, ne in options(t, e, j, ()):
            if not allowed(value, j - 1):
                continue
            rest = span(nt, ne, j - 1)
            if rest is None:
                continue
            v = value if isinstance(value, int | float) else 0
            low = v + rest[0] if low is None else min(low, v + rest[0])
            high = v + rest[1] if high is None else max(high, v + rest[1])
        out = None if low is None or high is None else (low, high)
        extremes[key] = out
        return out

    def feasible(t: int, e: int, j: int, sums: tuple[float, ...] = ()) -> bool:
        if t < 0:
            return j == 0
        cap = most[t] + (e if fixed[t] is None else 1)
        if not t + 1 <= j <= cap:
            return False
        if sums and covers[j]:
            # cells 0..j-1 are all parts of one sum: the room left must be a sum they can make
            reach = span(t, e, j)
            if reach is None:
                return False
            for c, sign in covers[j]:
                room = -sums[c] * sign
                if room < reach[0] - 1e-9 or room > reach[1] + 1e-9:
                    return False
        return True

    calls = [0]

    def count(t: int, e: int, j: int, sums: tuple[float, ...]) -> int:
        if j == 0:
            return 1 if t < 0 else 0
        calls[0] += 1
        if calls[0] > max_states:
            raise TooManyWays
        if budget is not None:
            if budget[0] <= 0:
                raise TooManyWays
            budget[0] -= 1
        if not feasible(t, e, j, sums):
            return 0
        key = (t, e, j, sums)
        hit = memo.get(key)
        if hit is not None:
            return hit
        total = 0
        for value, nt, ne in options(t, e, j, sums):
            nxt = step(sums, j - 1, value)
            if nxt is None:
                continue
            total += count(nt, ne, j - 1, nxt)
            if total >= limit:
                total = limit
                break
        memo[key] = total
        return total

    last = len(tokens) - 1
    start_sums = tuple(0.0 for _ in coef)
    n = count(last, len(digits[last]), k, start_sums)
    if n > max_candidates:
        raise TooManyWays
    out: list[tuple[Value, ...]] = []
    tail: list[Value] = []

    def walk(t: int, e: int, j: int, sums: tuple[float, ...]) -> None:
        if j == 0:
            if t < 0:
                out.append(tuple(reversed(tail)))
            return
        if not feasible(t, e, j, sums) or memo.get((t, e, j, sums), 1) == 0:
            return
        for value, nt, ne in options(t, e, j, sums):
            nxt = step(sums, j - 1, value)
            if nxt is None:
                continue
            tail.append(value)
            walk(nt, ne, j - 1, nxt)
            tail.pop()

    if n:
        walk(last, len(digits[last]), k, start_sums)
    return out


def plan_row(
    read: RowRead,
    kinds: list[str],
    checks: list[tuple[list[int], list[int]]] | None = None,
    budget: list[int] | None = None,
) -> RowPlan:
    """The candidate values of a row; *checks* (sums within the row) prune a single digit run."""
    plan = RowPlan(read)
    k = len(kinds)
    if not read.found:
        plan.problem = "原文中未找到此行"
        return plan
    if read.problem:
        plan.problem = read.problem
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
        plan.problem = f"数字串超过 {MAX_RUN} 位，不拆分"
        return plan
    try:
        plan.candidates = row_splits(tokens, kinds, checks, budget=budget)
    except TooManyWays:
        plan.problem = "可能的拆分太多，无法确定"
        return plan
    if read.stray:
        # words cut the row's numbers short: if the numbers after them could complete the
        # row too, the row cannot be read with certainty
        try:
            longer = row_splits([*tokens, *read.stray], kinds, checks, budget=budget)
        except TooManyWays:
            longer = [()]
        if longer:
            plan.alternatives = list(plan.candidates)
            plan.candidates = []
            plan.problem = "原文此行的数字被文字隔开，文字之后的数字也可能属于此行"
            return plan
    try:
        # how many splits the digits alone allow (1: the digits force the split)
        plan.splits = len(row_splits(tokens, kinds, None, max_candidates=1))
    except TooManyWays:
        plan.splits = 2
    if not plan.candidates and checks:
        try:
            plain = row_splits(tokens, kinds, None, max_candidates=MAX_SHOWN_CANDIDATES)
        except TooManyWays:
            plain = []
        # even a split that the digits alone force is not taken when it breaks the row's
        # sums: the digits may be short of the row's (cut by words, a lost cell) or too many
        plan.alternatives = plain
        plan.problem = "没有一种拆法满足本行的合计"
    elif not plan.candidates:
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
        self._term_cache: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def _usable(self, rel: Relation, cands: list[list[tuple[Value, ...]]]) -> bool:
        """A relation can be used when none of its cells is unknown and no total is blank."""
        for path in rel.cells:
            g, j = self.where[path]
            if not cands[g]:
                return False
            values = {c[j] for c in cands[g]}
            if UNRESOLVED_MARK in values:
                return False
            if path in self.spec.total_cells and "" in values:
                return False
        return True

    def _terms(self, rel: Relation, g: int) -> list[tuple[int, int]]:
        """(sign, index in the row) of the cells of row *g* in *rel*."""
        key = (id(rel), g)
        hit = self._term_cache.get(key)
        if hit is None:
            hit = []
            for sign, side in ((1, rel.left), (-1, rel.right)):
                for path in side:
                    gg, j = self.where[path]
                    if gg == g:
                        hit.append((sign, j))
            self._term_cache[key] = hit
        return hit

    def _contrib(self, rel: Relation, g: int, cand: tuple[Value, ...]) -> float:
        total = 0.0
        for sign, j in self._terms(rel, g):
            v = cand[j]
            if isinstance(v, int | float):
                total += sign * v
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

    def search(self, cands: list[list[tuple[Value, ...]]]) -> bool:
        """Keep only candidates that belong to some assignment satisfying every usable relation.

        The open rows are searched in independent groups (rows tied together by relations),
        by backtracking: a relation is checked as soon as all its open rows are assigned.  A
        group whose search would take more than ``MAX_SEARCH`` steps is left as propagation
        left it.  False when a search was complete and found no assignment: the source's own
        numbers then break the relations, and what propagation concluded cannot be trusted.
        """
        open_groups = [g for g, c in enumerate(cands) if len(c) > 1]
        if not open_groups:
            return self._consistent(cands)
        rels = [
            r for r in self.relations if self._usable(r, cands) and set(self._groups(r)) & set(open_groups)
        ]
        # rows tied together by a relation form one component
        parent = {g: g for g in open_groups}

        def find(g: int) -> int:
            while parent[g] != g:
                parent[g] = parent[parent[g]]
                g = parent[g]
            return g

        for r in rels:
            tied = [g for g in self._groups(r) if g in parent]
            for g in tied[1:]:
                parent[find(g)] = find(tied[0])
        components: dict[int, list[int]] = {}
        for g in open_groups:
            components.setdefault(find(g), []).append(g)
        for members in components.values():
            mine = [r for r in rels if set(self._groups(r)) & set(members)]
            if mine and not self._search_component(cands, sorted(members, key=lambda g: len(cands[g])), mine):
                return False
        return True

    def _search_component(
        self, cands: list[list[tuple[Value, ...]]], members: list[int], rels: list[Relation]
    ) -> bool:
        pos = {g: k for k, g in enumerate(members)}
        # per relation: the constant from the settled rows, each open row's contributions,
        # and the position after which all its open rows are assigned
        plans: list[tuple[float, list[tuple[int, list[float]]]]] = []
        due: list[list[int]] = [[] for _ in members]
        for r in rels:
            groups = self._groups(r)
            const = sum(self._contrib(r, g, cands[g][0]) for g in groups if g not in pos)
            terms = [(pos[g], [self._contrib(r, g, c) for c in cands[g]]) for g in groups if g in pos]
            due[max(k for k, _ in terms)].append(len(plans))
            plans.append((const, terms))
        good: list[set[int]] = [set() for _ in members]
        choice = [0] * len(members)
        steps = [0]

        def rec(k: int) -> None:
            if k == len(members):
                for j, i in enumerate(choice):
                    good[j].add(i)
                return
            for i in range(len(cands[members[k]])):
                steps[0] += 1
                if steps[0] > MAX_SEARCH:
                    raise TooManyWays
                choice[k] = i
                if all(
                    abs(plans[p][0] + sum(vals[choice[j]] for j, vals in plans[p][1])) < 1e-9 for p in due[k]
                ):
                    rec(k + 1)

        try:
            rec(0)
        except TooManyWays:
            return True  # undecided: keep what propagation left
        if not all(good):
            return False
        for k, g in enumerate(members):
            cands[g] = [c for i, c in enumerate(cands[g]) if i in good[k]]
        return True

    def drop_broken(self, cands: list[list[tuple[Value, ...]]]) -> int:
        """Set aside the relations that the rows read with certainty already break; how many."""
        keep: list[Relation] = []
        dropped = 0
        for rel in self.relations:
            groups = self._groups(rel)
            if (
                self._usable(rel, cands)
                and all(len(cands[g]) == 1 for g in groups)
                and abs(sum(self._contrib(rel, g, cands[g][0]) for g in groups)) > 1e-6
            ):
                dropped += 1
                continue
            keep.append(rel)
        self.relations = keep
        return dropped

    def _consistent(self, cands: list[list[tuple[Value, ...]]]) -> bool:
        """With one candidate per row: does it satisfy every usable relation?"""
        for rel in self.relations:
            if not self._usable(rel, cands):
                continue
            if abs(sum(self._contrib(rel, g, cands[g][0]) for g in self._groups(rel))) > 1e-6:
                return False
        return True


def resolve(spec: FormatSpec, reads: list[RowRead]) -> tuple[list[CellResult], list[str]]:
    """The value of every cell of the rows read, and notes for the summary.

    Rows whose label was lost and whose values were placed by the row order
    (``RowRead.placed``) stand only when every sum relation they take part in can be checked
    and holds; otherwise they are read again as not found, their values kept in a comment.
    """
    results, notes = _resolve(spec, reads)
    placed = [r for r in reads if r.placed]
    if not placed:
        return results, notes
    value = {c.path: c.value for c in results}
    cells_of_placed = {p for r in placed for p in r.paths}
    confirmed = True
    for rel in spec.relations:
        if not cells_of_placed & set(rel.cells):
            continue
        vals = [value.get(p) for p in rel.cells]
        if not all(isinstance(v, int | float) for v in vals):
            confirmed = False
            break
        left = sum(value[p] for p in rel.left)  # type: ignore[misc]
        right = sum(value[p] for p in rel.right)  # type: ignore[misc]
        if abs(left - right) > 1e-6:
            confirmed = False
            break
    if confirmed:
        for cell in results:
            if cell.path in cells_of_placed:
                cell.status = "rule"
                cell.comment = "原文此行缺少标签，按表格的行序放在这里，各合计关系印证无误"
        notes.append(
            i18n.t(
                f"有 {len(placed)} 行原文缺少标签，按表格的行序放置，并由合计关系印证",
                f"{len(placed)} rows of the source have no label: placed in the table's order, which the sums confirm",
            )
        )
        return results, notes
    again = [
        RowRead(r.row, False, raw=r.raw, noise=[f"缺少标签的一行数字「{r.raw}」"]) if r.placed else r
        for r in reads
    ]
    results, notes = _resolve(spec, again)
    shown = {p: r.raw for r in placed for p in r.paths}
    for cell in results:
        if cell.path in shown:
            cell.comment = f"未确定：原文此行缺少标签；按行序可能为「{shown[cell.path]}」，但合计关系不能印证"
    notes.append(
        i18n.t(
            f"有 {len(placed)} 行原文缺少标签，合计关系不能印证它们的位置，写为“?”",
            f'{len(placed)} rows of the source have no label and the sums cannot confirm where they go: written "?"',
        )
    )
    return results, notes


def _resolve(spec: FormatSpec, reads: list[RowRead]) -> tuple[list[CellResult], list[str]]:
    notes: list[str] = []
    budget = [MAX_TABLE_STATES]
    plans = [
        plan_row(read, [c.kind for c in read.row.cells], _row_checks(spec, read), budget) for read in reads
    ]
    solver = _Solver(spec, plans)
    cands = [list(p.candidates) for p in plans]
    solver.local(cands)
    for g, p in enumerate(plans):
        if p.candidates and not cands[g]:
            if p.direct:
                # a row read cell by cell breaks its own sum: the published values are kept
                # (lint reports the break)
                cands[g] = list(p.candidates)
                p.broken = True
            else:
                # no split keeps the row's sums: never the split "with the fewest violations"
                p.alternatives = list(p.candidates)
                p.problem = "没有一种拆法满足本行的合计"
    local = [list(c) for c in cands]
    broken = solver.drop_broken(cands)
    if broken:
        notes.append(
            i18n.t(
                f"原文已分列的数字有 {broken} 处不满足表内的合计或勾稽关系（按原文保留，lint 会列出）",
                f"{broken} of the numbers the source gives cell by cell break the table's sums (kept as published; lint lists them)",
            )
        )
    if not solver.propagate(cands) or not solver.search(cands):
        cands = local
        if any(not p.direct for p in plans):
            notes.append(
                i18n.t(
                    "原文的数字不满足表内的勾稽关系或合计，未用这些关系拆分数字串",
                    "the source's numbers break the table's sums, so they were not used to split runs of digits",
                )
            )
    results: list[CellResult] = []
    for plan, cand in zip(plans, cands, strict=True):
        # what the source wrote for the row, without the labels around it
        raw = " ".join(t.text or "（空）" for t in plan.read.tokens) or " ".join(plan.read.raw.split())
        for j, ref in enumerate(plan.read.row.cells):
            if not cand:
                why = plan.problem or "无法读取"
                shown = f"；原文「{_short(raw)}」" if raw else ""
                if plan.alternatives:
                    ways = _listed(sorted({a[j] for a in plan.alternatives}, key=_sort_key))
                    shown += f"；按数字可能为 {ways}"
                status = "ambiguous" if plan.read.found and plan.read.tokens else "missing"
                results.append(CellResult(ref.path, UNRESOLVED_MARK, status, f"未确定：{why}{shown}"))
                continue
            values = sorted({c[j] for c in cand}, key=_sort_key)
            if len(values) == 1:
                value = values[0]
                state = cell_state(value)
                if state is CellState.BLANK:
                    results.append(CellResult(ref.path, "", "blank"))
                elif state is CellState.UNRESOLVED:
                    results.append(CellResult(ref.path, UNRESOLVED_MARK, "ambiguous", "未确定：原文为「?」"))
                elif isinstance(value, int | float) and value < 0 and ref.kind != "delta":
                    results.append(
                        CellResult(
                            ref.path,
                            UNRESOLVED_MARK,
                            "ambiguous",
                            f"未确定：原文「{_short(raw)}」，此栏不能为负数",
                        )
                    )
                elif plan.direct and _other_unit(
                    spec, ref.path, plan.units[j] if j < len(plan.units) else ""
                ):
                    written = plan.units[j]
                    unit = spec[ref.path].unit
                    results.append(
                        CellResult(
                            ref.path,
                            "?",
                            "ambiguous",
                            f"未确定：原文为「{written}」，单位与此栏（{unit}）不同，请换算后填写",
                        )
                    )
                elif plan.direct:
                    written = plan.units[j] if j < len(plan.units) else ""
                    comment = f"原文为「{written}」" if written else ""
                    results.append(CellResult(ref.path, value, "direct", comment))
                else:
                    comment = f"由原文「{_short(raw)}」按规则拆分" if plan.splits > 1 else ""
                    results.append(CellResult(ref.path, value, "rule", comment))
            else:
                shown = _listed(values)
                results.append(
                    CellResult(
                        ref.path,
                        UNRESOLVED_MARK,
                        "ambiguous",
                        f"未确定：可能为 {shown}；原文「{_short(raw)}」有 {len(cand)} 种拆法",
                    )
                )
    return results, notes


_MONEY = ("万元", "元")


def _other_unit(spec: FormatSpec, path: KeyPath, written: str) -> bool:
    """A sum of money written in another unit than the cell's (``0.5万元`` in a cell counted
    in 元, the schema's ``x-unit``): its number is not the cell's value."""
    unit = spec[path].unit
    said = next((u for u in _MONEY if written.endswith(u)), None)
    return unit in _MONEY and said is not None and said != unit


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
    """A candidate value in a comment: 空白, ?, or the number as published."""
    if isinstance(v, str):
        return "空白" if cell_state(v) is CellState.BLANK else v
    return show_number(v)


def _listed(values: list[Value]) -> str:
    """The possible values of a cell, every one up to MAX_SHOWN_CANDIDATES, then how many
    more there are (never a silent cut: the true value may be among them)."""
    shown = "、".join(_show(v) for v in values[:MAX_SHOWN_CANDIDATES])
    left = len(values) - MAX_SHOWN_CANDIDATES
    return shown + (f"（另有 {left} 个未列出）" if left > 0 else "")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
