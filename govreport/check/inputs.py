"""What ``govreport check``, ``sum`` and ``export`` read: report files and published reports,
mixed, each turned into a report document in memory.

A ``.toml`` file is read as a report file; anything else goes through the importer's public
API (:func:`govreport.importer.import_bytes`), so a new reader of the importer (PDF, …) is
picked up without a change here.  Directories are walked for report files (as ``lint`` does)
and for files whose extension is a source the importer knows.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.i18n import t
from govreport.lint.discover import SKIP_DIRS, looks_like_report
from govreport.report.document import ReportDocument, ReportError

if TYPE_CHECKING:
    from govreport.importer.assemble import ImportResult

# Extensions of published reports, as the importer reads or will read them (a reader the
# importer lacks gives that file a row with the importer's reason, never a crash).
SOURCE_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml", ".docx", ".pdf"}
)
NOT_SOURCES = frozenset({"readme.md", "readme.txt", "license.txt", "changelog.md"})


@dataclass
class Loaded:
    """One input, read: its report document (``None`` when it could not be read) and what its
    source told beyond the report file."""

    name: str
    form: str
    doc: ReportDocument | None = None
    fatal: str | None = None
    published: _dt.date | None = None
    observations: tuple[tuple[str, str], ...] = ()
    unresolved: int = 0  # values the importer could not determine ("?")
    notes: list[str] = field(default_factory=list)


def _is_source(path: Path) -> bool:
    return path.suffix.lower() in SOURCE_SUFFIXES and path.name.lower() not in NOT_SOURCES


def expand_inputs(paths: Iterable[str]) -> Iterator[Path]:
    """Files named as they are; in directories, report files and published reports, sorted."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(path, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                candidate = Path(root) / name
                if name.endswith(".toml"):
                    if looks_like_report(candidate):
                        found.append(candidate)
                elif _is_source(candidate):
                    found.append(candidate)
        yield from found


def form_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "toml":
        return "toml"
    return {"htm": "html", "xhtml": "html", "shtml": "html", "txt": "text", "md": "text"}.get(
        suffix, suffix or "?"
    )


def _published(result: Any) -> _dt.date | None:
    """The page's publication date, wherever the importer keeps it (read defensively: the
    field is being added to the importer)."""
    for holder in (result, getattr(result, "source", None)):
        value = getattr(holder, "published", None) if holder is not None else None
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _observations(result: ImportResult) -> tuple[tuple[str, str], ...]:
    """What the importer saw that the report file cannot say: ``ImportResult.observations``."""
    return tuple((str(name), str(detail)) for name, detail in result.observations)


def load_input(path: Path) -> Loaded:
    """Read *path* as a report file or import it as a published report, in memory."""
    name = str(path)
    form = form_of(path)
    if form == "toml":
        try:
            return Loaded(name, form, ReportDocument.load(path))
        except ReportError as exc:
            return Loaded(name, form, fatal=exc.shown)
    from govreport.importer import SourceError, import_path

    try:
        result = import_path(path)
        text = result.text
    except SourceError as exc:
        return Loaded(name, form, fatal=str(exc))
    except RecursionError:
        return Loaded(
            name,
            form,
            fatal=t(f"{name}: 结构嵌套过深，无法导入", f"{name}: nested too deeply; cannot import"),
        )
    except MemoryError:
        return Loaded(
            name, form, fatal=t(f"{name}: 内存不足，无法导入", f"{name}: out of memory; cannot import")
        )
    try:
        doc = ReportDocument.from_text(text, path)
    except ReportError as exc:  # pragma: no cover - the writer writes valid TOML
        return Loaded(name, result.kind, fatal=f"{name}: {exc.message}")
    unresolved = sum(1 for c in result.cells if c.status in ("ambiguous", "missing"))
    return Loaded(
        name,
        str(result.kind),
        doc,
        published=_published(result),
        observations=_observations(result),
        unresolved=unresolved,
        notes=list(result.notes),
    )


def import_crashed(name: str, exc: Exception) -> str:
    """The reason given for an input whose reader failed unexpectedly (a bug)."""
    return t(
        f"{name}: 导入时出错（{type(exc).__name__}: {exc}）",
        f"{name}: the import failed ({type(exc).__name__}: {exc})",
    )
