"""Fmt: a report file rewritten in the canonical layout (after the safe TOML repairs, if
asked), written in place only if the file is still what was read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.ops.errors import OperationError

if TYPE_CHECKING:
    from govreport.report.tomlfix import Fix


@dataclass
class FmtOutcome:
    """What fmt did with one file: its repairs, its canonical text, or why it could not."""

    path: Path
    original: str = ""
    formatted: str | None = None  # None: the file could not be formatted (see error)
    repairs: list[Fix] = field(default_factory=list)
    error: OperationError | None = None  # unreadable, not TOML, or not written
    written: bool = False

    @property
    def name(self) -> str:
        return str(self.path)

    @property
    def changed(self) -> bool:
        return self.error is None and self.formatted is not None and self.formatted != self.original

    def diff(self) -> Iterator[str]:
        """The change as a unified diff, line by line."""
        import difflib

        yield from difflib.unified_diff(
            self.original.splitlines(keepends=True),
            (self.formatted or self.original).splitlines(keepends=True),
            self.name,
            self.name,
        )


def format_file(path: Path, *, fix: bool = False, write: bool = True) -> FmtOutcome:
    """Format *path*; with *write*, rewrite it if that changes it (never if it changed on
    disk since it was read).  Nothing is raised: a file that fails says so in ``error``."""
    from govreport.fsutil import fingerprint
    from govreport.ops.output import write_file
    from govreport.report.document import ReportError, read_report_file
    from govreport.report.fmt import FormatError, format_text

    outcome = FmtOutcome(path)
    name = outcome.name
    try:
        outcome.original, raw = read_report_file(path, keep_bom=True)
        fixed = outcome.original
        if fix:
            from govreport.report.tomlfix import fix_report_text

            fixed, outcome.repairs = fix_report_text(outcome.original)
        outcome.formatted = format_text(fixed, name)
    except ReportError as exc:
        where = f"{name}:{exc.line}:{exc.column}: " if exc.line else ""
        outcome.error = OperationError(f"{where}{exc.message}")
        return outcome
    except FormatError as exc:
        outcome.error = OperationError(str(exc))
        return outcome
    if write and outcome.changed:
        try:
            write_file(path, outcome.formatted, force=True, expected=fingerprint(raw))
        except OperationError as exc:
            outcome.error = exc
            return outcome
        outcome.written = True
    return outcome
