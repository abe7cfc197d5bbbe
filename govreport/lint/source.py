"""What a report's source says beyond its report file, for the rules that read it (E2, E3).

``govreport check`` imports published reports in memory and hands each one's
:class:`SourceInfo` to the rules as ``options["source"]``; a report file linted on its own
has the empty one.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceInfo:
    form: str = "toml"  # "toml", or the importer's source kind: "text", "html", "docx", "pdf", …
    published: _dt.date | None = None  # the page's 发布时间, when the importer found one
    # what the importer saw that the report file cannot say: (name, detail) pairs, e.g.
    # ("label-variant", "proactive.item_1.normative_documents:规范性文件"), ("sections-shifted", "")
    observations: tuple[tuple[str, str], ...] = ()
