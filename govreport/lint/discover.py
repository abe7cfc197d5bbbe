"""Which files to lint, and which file is last year's report of the same organ.

Directories are walked for ``*.toml`` files that look like report files (a top-level
``format = …`` or a ``[report]`` table), skipping hidden directories, virtual environments,
``pyproject.toml`` and ``.govreport.toml``.

**Last year's report.** Without ``--previous``, a report's predecessor is looked for in the
same directory: the report file whose ``[report]`` names the same ``organ`` and the year
before.  File names don't matter, so ``青石镇-2023.toml`` and ``2024/../2023.toml`` style
layouts both work as long as the two years sit side by side.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from govreport.report.document import ReportDocument, ReportError

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
NOT_REPORTS = {"pyproject.toml", ".govreport.toml", "Cargo.toml", ".taplo.toml", "taplo.toml"}
_LOOKS_LIKE_REPORT = re.compile(r"^\s*(format\s*=|\[report\])", re.MULTILINE)


def looks_like_report(path: Path) -> bool:
    if path.name in NOT_REPORTS:
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return True  # let the linter report why it cannot be read
    return bool(_LOOKS_LIKE_REPORT.search(head.decode("utf-8", "replace")))


def expand_paths(paths: Iterable[str], *, skip_non_reports: bool = False) -> Iterator[Path]:
    """Files named on the command line, and report files found in directories named there.

    Named files are taken as they are (so that a wrong one is reported), unless
    *skip_non_reports*, which pre-commit hooks use because they are handed every ``.toml``.
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
                    if name.endswith(".toml") and looks_like_report(candidate):
                        found.append(candidate)
            yield from found
        else:
            yield path


class PreviousFinder:
    """Finds last year's report beside a report, reading each directory once."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, dict[tuple[str, int], Path]] = {}
        self._docs: dict[Path, ReportDocument | None] = {}

    def document(self, path: Path) -> ReportDocument | None:
        key = path.resolve()
        if key not in self._docs:
            try:
                self._docs[key] = ReportDocument.load(path)
            except ReportError:
                self._docs[key] = None
        return self._docs[key]

    def remember(self, path: Path, doc: ReportDocument) -> None:
        self._docs[path.resolve()] = doc

    def _index(self, directory: Path) -> dict[tuple[str, int], Path]:
        directory = directory.resolve()
        if directory not in self._by_dir:
            index: dict[tuple[str, int], Path] = {}
            try:
                entries = sorted(directory.iterdir())
            except OSError:
                entries = []
            for entry in entries:
                if entry.suffix == ".toml" and entry.is_file() and looks_like_report(entry):
                    doc = self.document(entry)
                    if doc is not None and doc.organ and doc.year is not None:
                        index.setdefault((doc.organ.strip(), doc.year), entry)
            self._by_dir[directory] = index
        return self._by_dir[directory]

    def previous_of(self, path: Path, doc: ReportDocument) -> ReportDocument | None:
        if not doc.organ or doc.year is None:
            return None
        found = self._index(path.parent).get((doc.organ.strip(), doc.year - 1))
        if found is None or found.resolve() == path.resolve():
            return None
        return self.document(found)
