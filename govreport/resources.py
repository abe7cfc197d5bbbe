"""Where the data files that ship with govreport live.

The schemas and scaffolds are kept at the top level of the repository (``schemas/``,
``scaffolds/``) and are installed as ``govreport/schemas`` and ``govreport/scaffolds``
in a wheel.  In a source checkout or an editable install the package directory has no
copy, so we fall back to the repository's top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the directory holding the data files called *name* (``schemas``, ``scaffolds``)."""
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"govreport data directory {name!r} is missing from the installation")
