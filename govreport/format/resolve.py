"""Which format a document uses: one answer, one policy, for every command.

A document names its format in its first key (``format = "2021"``).  The policy:

- it names a version that ships: that format;
- it names none: :data:`~govreport.format.spec.DEFAULT_FORMAT`, and the choice says so
  (``named`` is False) — lint reports it (F2), the other commands go on;
- it names a version that does not ship: no format (``spec`` is None) — lint reports it (F2)
  and checks nothing else, every other command refuses with :meth:`FormatChoice.message`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, UnknownFormatError, load_spec


@dataclass(frozen=True)
class FormatChoice:
    version: str  # the version named by the document, or the default
    named: bool  # the document names a version
    spec: FormatSpec | None  # None when the named version is unknown

    @property
    def known(self) -> bool:
        return self.spec is not None

    def message(self, lang: str = "zh", action: str = "") -> str:
        """Why there is no format: one line, for a command that refuses."""
        if self.spec is not None:
            return ""
        if lang == "en":
            return f"unknown format version {self.version!r}{'; cannot ' + action if action else ''} (installed versions: govreport schema --list)"
        return f"未知的格式版本 {self.version!r}{'，无法' + action if action else ''}（支持的版本见 govreport schema --list）"

    def require(self, lang: str = "zh", action: str = "") -> FormatSpec:
        """The format, or :class:`UnknownFormatError` carrying :meth:`message`."""
        if self.spec is None:
            error = UnknownFormatError(self.version)
            error.args = (self.message(lang, action),)
            raise error
        return self.spec


def resolve_format(data: Mapping[str, Any] | None, default: str = DEFAULT_FORMAT) -> FormatChoice:
    """The format of a parsed document (its ``format`` key), by the policy above."""
    raw = data.get("format") if isinstance(data, Mapping) else None
    if raw is None or raw == "":
        return FormatChoice(default, False, load_spec(default))
    version = str(raw)
    try:
        return FormatChoice(version, True, load_spec(version))
    except UnknownFormatError:
        return FormatChoice(version, True, None)
