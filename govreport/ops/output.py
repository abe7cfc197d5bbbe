"""Writing what an operation made: atomically, never replacing a file unless asked."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from govreport.ops.errors import NotWritten


def write_file(
    target: str | os.PathLike[str], data: str | bytes, *, force: bool, expected: str | None = None
) -> Path:
    """Write *data* to *target* (see :func:`govreport.fsutil.write_atomic`); the path written,
    or :class:`NotWritten`.  *expected*: the fingerprint of what was read (compare-and-swap)."""
    from govreport.fsutil import RefusedOverwrite, describe_os_error, write_atomic

    try:
        write_atomic(target, data, overwrite=force, expected=expected)
    except RefusedOverwrite:
        raise NotWritten(str(target), exists=True) from None
    except OSError as exc:
        reason, reason_en = describe_os_error(exc, "zh"), describe_os_error(exc, "en")
        raise NotWritten(str(target), exists=False, reason=reason, reason_en=reason_en) from None
    return Path(target)


def refuse_existing(targets: Iterable[str | None]) -> None:
    """:class:`NotWritten` for the first of *targets* that exists (``None`` and ``-`` skipped):
    for an operation that writes several files and must write all or none."""
    for name in targets:
        if name and name != "-" and Path(name).exists():
            raise NotWritten(name, exists=True)
