"""Where the data files that ship with govreport live.

The schemas and scaffolds are kept at the top level of the repository (``schemas/``,
``scaffolds/``) and are installed as ``govreport/schemas`` and ``govreport/scaffolds``
in a wheel.  In a source checkout or an editable install the package directory has no
copy, so we fall back to the repository's top level.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

# Directories with more formats (each with ``schemas/`` and ``scaffolds/``), searched before the
# shipped ones: a local edition of the format, or a new one before govreport ships it.
DATA_PATH_VARIABLE = "GOVREPORT_DATA_PATH"


def data_dir(name: str) -> Path:
    """Return the directory holding the data files called *name* (``schemas``, ``scaffolds``)."""
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"govreport data directory {name!r} is missing from the installation")


def data_dirs(name: str) -> list[Path]:
    """The directories holding data files *name*: those of ``$GOVREPORT_DATA_PATH`` first
    (separated by ``os.pathsep``), then the shipped one."""
    extra = [Path(p) / name for p in os.environ.get(DATA_PATH_VARIABLE, "").split(os.pathsep) if p]
    return [d for d in extra if d.is_dir()] + [data_dir(name)]
