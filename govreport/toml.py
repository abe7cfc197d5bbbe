"""The TOML parser.

``tomli`` is the reference: the same parser as the standard library's ``tomllib``, shipped
compiled (about twice as fast on report files); the standard library's is the fallback.
For big batches ``rtoml`` (a Rust parser, another 6× faster, but 30 ms to import) can be
switched on with :func:`use_fast_parser`; any file it rejects is parsed again by ``tomli``, so
that every error message and position is tomli's.  A differential test holds the two parsers
to the same results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomllib import TOMLDecodeError, load, loads
else:
    try:
        from tomli import TOMLDecodeError, load, loads
    except ImportError:  # pragma: no cover - tomli is a dependency; the stdlib parser behaves the same
        from tomllib import TOMLDecodeError, load, loads

__all__ = ["TOMLDecodeError", "load", "loads", "parse", "use_fast_parser"]

_fast: Callable[[str], dict[str, Any]] | None = None


def use_fast_parser(enabled: bool = True) -> bool:
    """Parse with rtoml from now on (if it is installed); returns whether it is in use."""
    global _fast
    if not enabled:
        _fast = None
        return False
    try:
        import rtoml
    except ImportError:  # pragma: no cover - an optional speed-up
        _fast = None
        return False
    _fast = rtoml.loads
    return True


def parse(text: str) -> dict[str, Any]:
    """Parse *text*: with the fast parser when it is on and accepts the text, else with tomli."""
    if _fast is not None:
        try:
            return _fast(text)
        except Exception:
            pass
    return loads(text)
