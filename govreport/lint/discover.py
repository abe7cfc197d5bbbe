"""Which files to lint, and which file is last year's report of the same organ.

Directories are walked for ``*.toml`` files that look like report files (a top-level
``format = …`` or a ``[report]`` table), skipping hidden directories, virtual environments,
``pyproject.toml`` and ``.govreport.toml``.

**Last year's report.** Without ``--previous``, a report's predecessor is the file its
``[report] previous = "…"`` names (written by ``govreport new --from``, relative to the report's
directory); else it is looked for in the same directory: the report file whose ``[report]``
names the same ``organ`` and the year before (the first by name if several do; rule X4 warns).  File names don't matter, so ``青石镇-2023.toml`` and ``2024/../2023.toml`` style
layouts both work as long as the two years sit side by side.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from govreport.fsutil import read_head, resolved, special_kind
from govreport.i18n import t
from govreport.report.document import ReportDocument, ReportError, read_report_text

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
NOT_REPORTS = {"pyproject.toml", ".govreport.toml", "Cargo.toml", ".taplo.toml", "taplo.toml"}
SNIFF_BYTES = 4096  # a canonical file's [report] table is in its first lines
_LOOKS_LIKE_REPORT = re.compile(r"^\s*(format\s*=|\[report\])", re.MULTILINE)


def looks_like_report(path: Path) -> bool:
    if path.name in NOT_REPORTS:
        return False
    head = read_head(path, SNIFF_BYTES)
    if head is None:
        return True  # let the linter report why it cannot be read
    return _head_looks_like_report(head)


def _head_looks_like_report(head: bytes) -> bool:
    return bool(_LOOKS_LIKE_REPORT.search(head.decode("utf-8", "replace")))


def expand_paths(
    paths: Iterable[str],
    *,
    skip_non_reports: bool = False,
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[Path]:
    """Files named on the command line, and report files found in directories named there.

    Named files are taken as they are (so that a wrong one is reported), unless
    *skip_non_reports*, which pre-commit hooks use because they are handed every ``.toml``.
    In a directory, a ``*.toml`` that is not a regular file (a FIFO, socket or device, which
    reading could block on) is skipped and *on_skip* told why, in one line.
    """
    for raw in paths:
        path = Path(raw)
        if skip_non_reports and path.is_file() and not looks_like_report(path):
            continue
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if not name.endswith(".toml") or name in NOT_REPORTS:
                        continue
                    kind = _special(candidate)
                    if kind:
                        if on_skip is not None:
                            on_skip(
                                t(
                                    f"已跳过 {candidate}：是{kind}，不是普通文件",
                                    f"skipped {candidate}: it is {kind}, not a regular file",
                                )
                            )
                        continue
                    if looks_like_report(candidate):
                        found.append(candidate)
            yield from found
        else:
            yield path


def _special(path: Path) -> str | None:
    """What *path* is if it is not a regular file (a link is followed; a dangling one is None,
    so that reading it reports the problem)."""
    try:
        return special_kind(os.stat(path).st_mode)
    except OSError:
        return None


_ORGAN = re.compile(r'^\s*organ\s*=\s*"([^"\\\n]*)"', re.MULTILINE)
_YEAR = re.compile(r"^\s*year\s*=\s*(\d{4})\s*(?:#.*)?$", re.MULTILINE)
_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


def sniff_organ_year(path: Path) -> tuple[str, int] | None:
    """The organ and year of a report file, read cheaply.

    A canonical file has them in its ``[report]`` table near the top; other files are parsed.
    """
    raw = read_head(path, SNIFF_BYTES)
    if raw is None:
        return None
    return _sniff(path, raw)


def _sniff(path: Path, raw: bytes) -> tuple[str, int] | None:
    """:func:`sniff_organ_year` of *path* whose first SNIFF_BYTES are *raw*."""
    head = raw.decode("utf-8-sig", "ignore")
    found = _organ_year_in(head)
    if found is not None:
        return found
    try:
        text = read_report_text(path)
    except ReportError:
        return None
    doc_found = _organ_year_in(text)
    if doc_found is not None:
        return doc_found
    try:
        doc = ReportDocument.from_text(text, path)
    except ReportError:
        return None
    if doc.organ and doc.year is not None:
        return doc.organ.strip(), doc.year
    return None


def _organ_year_in(text: str) -> tuple[str, int] | None:
    start = text.find("[report]")
    if start >= 0:
        after = text[start + len("[report]") :]
        end = _TABLE.search(after)
        table = after[: end.start()] if end else after
        organ, year = _ORGAN.search(table), _YEAR.search(table)
        if organ and year and (end or len(text) < SNIFF_BYTES):
            return organ.group(1).strip(), int(year.group(1))
    return None


@dataclass(frozen=True)
class PreviousChoice:
    """Which file is last year's report of a report, and why.

    *how* is ``"named"`` (the report's own ``previous = "…"``), ``"found"`` (the one report of the
    same organ and the year before in the same directory), ``"first"`` (the first by name of
    several such — *candidates* lists them all) or ``"none"``.  *problem* says what was wrong
    with a ``previous = "…"`` that could not be used (then the directory was searched).
    """

    path: Path | None = None
    document: ReportDocument | None = None
    how: str = "none"
    candidates: tuple[Path, ...] = ()
    problem: str | None = None


class PreviousFinder:
    """Finds last year's report beside a report, reading each directory's organs and years once."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, dict[tuple[str, int], list[Path]]] = {}
        self._by_name: dict[Path, dict[str, tuple[str, int]]] = {}  # directory → file → organ, year
        self._resolved: dict[Path, Path] = {}

    def _dir(self, directory: Path) -> Path:
        if directory not in self._resolved:
            self._resolved[directory] = resolved(directory)
        return self._resolved[directory]

    def _index(self, directory: Path) -> dict[tuple[str, int], list[Path]]:
        directory = self._dir(directory)
        if directory not in self._by_dir:
            index: dict[tuple[str, int], list[Path]] = {}
            names: dict[str, tuple[str, int]] = {}
            try:
                entries = sorted(directory.iterdir())
            except OSError:
                entries = []
            for entry in entries:
                if entry.suffix != ".toml" or entry.name in NOT_REPORTS or not entry.is_file():
                    continue
                head = read_head(entry, SNIFF_BYTES)  # read once: does it look like a report, whose?
                if head is None or not _head_looks_like_report(head):
                    continue
                found = _sniff(entry, head)
                if found is not None:
                    index.setdefault(found, []).append(entry)
                    names[entry.name] = found
            self._by_dir[directory] = index
            self._by_name[directory] = names
        return self._by_dir[directory]

    def organ_year(self, path: Path) -> tuple[str, int] | None:
        """:func:`sniff_organ_year` of *path*, from the index of its directory when it is there."""
        self._index(path.parent)
        found = self._by_name[self._dir(path.parent)].get(path.name)
        if found is not None:
            return found
        return sniff_organ_year(path) if path.is_file() else None

    def prepare(self, paths: list[Path]) -> None:
        """Index the directories of *paths* now (before worker processes fork and inherit it)."""
        for directory in {p.parent for p in paths}:
            self._index(directory)

    def candidates(self, path: Path, organ: str | None, year: int | None) -> list[Path]:
        """Every report file beside *path* of the same organ and the year before, by name."""
        if not organ or year is None:
            return []
        found = self._index(path.parent).get((organ.strip(), year - 1), [])
        if not found:
            return []
        here = resolved(path)
        return [path.parent / p.name for p in found if resolved(p) != here]  # named as *path* is

    def previous_path(self, path: Path, organ: str | None, year: int | None) -> Path | None:
        found = self.candidates(path, organ, year)
        return found[0] if found else None

    def choose(self, path: Path, doc: ReportDocument) -> PreviousChoice:
        """Last year's report of *doc* (read from *path*): the file its ``[report] previous``
        names, else the one beside it of the same organ and the year before."""
        problem = None
        named = doc.preamble("previous")
        if isinstance(named, str) and named.strip():
            target = path.parent / named.strip()
            try:
                return PreviousChoice(target, ReportDocument.load(target), "named")
            except ReportError as exc:
                problem = exc.message
        found = self.candidates(path, doc.organ, doc.year)
        for candidate in found:
            try:
                loaded = ReportDocument.load(candidate)
            except ReportError:
                continue
            how = "found" if len(found) == 1 else "first"
            return PreviousChoice(candidate, loaded, how, tuple(found), problem)
        return PreviousChoice(problem=problem, candidates=tuple(found))

    def previous_of(self, path: Path, doc: ReportDocument) -> ReportDocument | None:
        return self.choose(path, doc).document
