"""What a lint rule reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from govreport.report.locate import TomlPath


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    def label(self, lang: str = "zh") -> str:
        if lang == "en":
            return self.value
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


def dotted(path: TomlPath) -> str:
    return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")


@dataclass(frozen=True)
class Problem:
    """A rule's raw report: where (by key path) and what.  The engine adds position and severity."""

    path: TomlPath
    message: str
    anchor: str = "value"  # "value", "key" or "header": which position of *path* to point at
    related: tuple[TomlPath, ...] = ()
    offset: int | None = None  # for text: the character of the string value to point at
    line: int | None = None  # an explicit position (a syntax error, a comment), instead of *path*'s
    column: int | None = None


@dataclass
class Finding:
    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    path: TomlPath = ()
    rule: str = ""
    related: list[dict[str, Any]] = field(default_factory=list)
    # the finding this one follows from (code, line, column, path), see lint/consequences.py
    consequence_of: dict[str, Any] | None = None
    offset: int | None = None  # for a finding in a text: the character of the text it points at

    @property
    def dotted_path(self) -> str:
        return dotted(self.path)

    def sort_key(self) -> tuple[str, int, int, bool, str]:
        """File order; at one place, a cause before what follows from it."""
        return (self.file, self.line, self.column, self.consequence_of is not None, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "path": self.dotted_path,
            "related": self.related,
            "consequence_of": self.consequence_of,
        }
