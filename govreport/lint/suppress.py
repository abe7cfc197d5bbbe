"""Inline suppression: ``# govreport: ignore[CODE, …]`` in a TOML comment.

On a value's line it silences the findings on that line; on a table header line
(``[requests.new]  # govreport: ignore[H3]``) it silences the findings inside that table.
Without ``[…]`` it silences every code.  Codes may be prefixes (``ignore[P]``).  A suppression
that silences nothing is itself reported (M1), so stale ones don't pile up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from govreport.lint.finding import Finding
from govreport.report.locate import PositionIndex, TomlPath

SUPPRESS_RE = re.compile(r"govreport:\s*ignore(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)


@dataclass
class Suppression:
    line: int
    column: int
    text: str
    codes: tuple[str, ...] | None  # None: every code
    tables: list[TomlPath]  # table headers on the same line: the suppression covers their contents
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> str | None:
        """The code (or prefix) of this suppression that silences *finding*, if any."""
        in_scope = finding.line == self.line or any(
            finding.path[: len(table)] == table for table in self.tables if table
        )
        if not in_scope:
            return None
        if self.codes is None:
            return "*"
        for code in self.codes:
            if finding.code == code or finding.code.startswith(code):
                return code
        return None


def find_suppressions(index: PositionIndex) -> list[Suppression]:
    headers_by_line: dict[int, list[TomlPath]] = {}
    for path, pos in index.headers.items():
        headers_by_line.setdefault(pos.line, []).append(path)
    found = []
    for pos, comment in index.comments:
        m = SUPPRESS_RE.search(comment)
        if not m:
            continue
        raw = m.group("codes")
        codes = None if raw is None else tuple(c.strip().upper() for c in raw.split(",") if c.strip())
        found.append(
            Suppression(
                pos.line, pos.column + m.start(), m.group(0), codes, headers_by_line.get(pos.line, [])
            )
        )
    return found


def apply_suppressions(
    findings: list[Finding], suppressions: list[Suppression]
) -> tuple[list[Finding], list[Suppression]]:
    """The findings no suppression covers (each suppression records what it silenced).

    A finding is compared only with the suppressions on its line and those on the headers of
    the tables that contain it (looked up by line and by table), not with every suppression:
    the time is linear in the number of findings and suppressions.  Where several cover a
    finding, the first in the file is the one that is used.
    """
    by_line: dict[int, list[int]] = {}
    by_table: dict[TomlPath, list[int]] = {}
    for i, suppression in enumerate(suppressions):
        by_line.setdefault(suppression.line, []).append(i)
        for table in suppression.tables:
            if table:
                by_table.setdefault(tuple(table), []).append(i)
    kept = []
    for finding in findings:
        candidates = list(by_line.get(finding.line, ()))
        if by_table:
            path = tuple(finding.path)
            for n in range(1, len(path) + 1):
                candidates.extend(by_table.get(path[:n], ()))
        for i in sorted(set(candidates)):
            code = suppressions[i].covers(finding)
            if code is not None:
                suppressions[i].used.add(code)
                break
        else:
            kept.append(finding)
    return kept, suppressions


def unused_parts(suppression: Suppression, known: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """(unused codes, unknown codes) of a suppression; an unused bare ``ignore`` is ``["*"]``."""
    if suppression.codes is None:
        return ([] if suppression.used else ["*"]), []
    unknown = [c for c in suppression.codes if not known(c)]
    unused = [c for c in suppression.codes if c not in suppression.used and c not in unknown]
    return unused, unknown
