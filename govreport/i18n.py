"""The language of messages, for the modules below the command line (no click here).

The command line decides the language (``--lang``, ``GOVREPORT_LANG``, a configuration
file's ``lang``: see :mod:`govreport.cli.lang`) and records it with :func:`set_lang`; a message
anywhere else (file errors, limits, the importer's summary, the editor) is written
``t("中文", "English")`` and comes out in that language.  Without a choice: ``GOVREPORT_LANG``,
else Chinese.
"""

from __future__ import annotations

import os

LANGS = ("zh", "en")
_chosen: list[str] = []  # the language set by the command line, if any


def set_lang(lang: str | None) -> None:
    """Record the language asked for (None forgets it)."""
    _chosen.clear()
    if lang in LANGS:
        _chosen.append(lang)


def env_lang() -> str | None:
    env = os.environ.get("GOVREPORT_LANG", "").strip().lower()
    return env if env in LANGS else None


def recorded_lang() -> str | None:
    """The language set with :func:`set_lang`, else ``GOVREPORT_LANG``, else None."""
    return _chosen[0] if _chosen else env_lang()


def current_lang(explicit: str | None = None) -> str:
    if explicit in LANGS:
        return str(explicit)
    return recorded_lang() or "zh"


def t(zh: str, en: str, lang: str | None = None) -> str:
    """The message in the language of the command line (or *lang*, when given)."""
    return en if current_lang(lang) == "en" else zh
