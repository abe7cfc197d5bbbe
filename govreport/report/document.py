"""Read a report file: its text, its parsed data, and where each value sits."""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from govreport import toml
from govreport.format.spec import FormatSpec, KeyPath, PreambleName, load_spec
from govreport.fsutil import UnreadableFile, read_bytes_checked
from govreport.i18n import t
from govreport.limits import MAX_INPUT_BYTES
from govreport.report.locate import PositionIndex, TomlPath

# Reports larger than this are not report files (the one input limit, govreport/limits.py).
MAX_REPORT_BYTES = MAX_INPUT_BYTES


class ReportError(Exception):
    """A report file that cannot be read or parsed.  ``str()`` is a one-line message."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    @property
    def shown(self) -> str:
        """The message in the language of the command line."""
        return self.message


class ReportReadError(ReportError):
    """The file is missing, unreadable, not text, or too large."""


class ReportSyntaxError(ReportError):
    """The file is not valid TOML.  ``message`` is Chinese, ``message_en`` English."""

    def __init__(self, message: str, line: int = 0, column: int = 0, message_en: str | None = None) -> None:
        super().__init__(message, line, column)
        self.message_en = message_en or message.replace("TOML 语法错误：", "TOML syntax error: ")

    @property
    def shown(self) -> str:
        return t(self.message, self.message_en)


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)$")
_TOML_EOF = re.compile(r"\(at end of document\)$")


def _plain(value: Any) -> Any:
    """TOML data as JSON-compatible data (dates become ISO strings), for schema validation."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    return value


def decode_report_bytes(raw: bytes, name: str, *, keep_bom: bool = False) -> str:
    if b"\x00" in raw[:8192]:
        raise ReportReadError(
            t(f"{name}: 不是文本文件（含有二进制内容）", f"{name}: not a text file (binary content)")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportReadError(
            t(
                f"{name}: 不是 UTF-8 编码的文本（第 {exc.start} 字节）",
                f"{name}: not UTF-8 text (byte {exc.start})",
            )
        ) from None
    return text if keep_bom else text.removeprefix("\ufeff")


def read_report_text(path: Path) -> str:
    return read_report_file(path)[0]


def read_report_file(path: Path, *, keep_bom: bool = False) -> tuple[str, bytes]:
    """The text of a report file and the bytes it was decoded from (for a later
    ``write_atomic(..., expected=fingerprint(raw))``)."""
    try:
        raw = read_bytes_checked(path, MAX_REPORT_BYTES)
    except UnreadableFile as exc:
        raise ReportReadError(str(exc)) from None
    return decode_report_bytes(raw, str(path), keep_bom=keep_bom), raw


def parse_toml(text: str, name: str) -> dict[str, Any]:
    try:
        return toml.parse(text)
    except toml.TOMLDecodeError as exc:
        message = str(exc)
        line = column = 0
        m = _TOML_POS.search(message)
        if m:
            line, column = int(m.group(1)), int(m.group(2))
            message = message[: m.start()].strip()
        elif _TOML_EOF.search(message):
            lines = text.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
            message = message[: _TOML_EOF.search(message).start()].strip()  # type: ignore[union-attr]
        if line:  # say it in Chinese, at the mistake (tomlfix: full-width digits, ＝, quotes …)
            from govreport.report.tomlfix import explain_error

            why = explain_error(text, line, column, message)
            hint = "（govreport fmt --fix 可自动修正）" if why.fixable else ""
            hint_en = " (govreport fmt --fix repairs it)" if why.fixable else ""
            raise ReportSyntaxError(
                f"TOML 语法错误：{why.zh}{hint}", line, why.column, f"TOML syntax error: {why.en}{hint_en}"
            ) from None
        raise ReportSyntaxError(f"TOML 语法错误：{message}", line, column) from None
    except RecursionError:
        raise ReportSyntaxError(
            "TOML 语法错误：嵌套层次过深", 1, 1, "TOML syntax error: nested too deeply"
        ) from None


def get_in(data: Any, path: KeyPath) -> Any:
    """The value at *path* in nested tables, or None."""
    node = data
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def set_in(data: dict[str, Any], path: KeyPath, value: Any) -> None:
    """Set the value at *path* in nested tables, creating the tables on the way."""
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def pop_in(data: dict[str, Any], path: KeyPath) -> None:
    """Remove the value at *path*, if there is one."""
    parent = get_in(data, path[:-1])
    if isinstance(parent, dict):
        parent.pop(path[-1], None)


@dataclass
class ReportDocument:
    """One report file, parsed."""

    path: Path | None
    text: str
    data: dict[str, Any]
    _plain: dict[str, Any] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ReportDocument:
        p = Path(path)
        text = read_report_text(p)
        return cls(p, text, parse_toml(text, str(p)))

    @classmethod
    def from_text(cls, text: str, path: Path | None = None) -> ReportDocument:
        return cls(path, text, parse_toml(text, str(path or "<text>")))

    @property
    def name(self) -> str:
        return str(self.path) if self.path else "<text>"

    @cached_property
    def positions(self) -> PositionIndex:
        return PositionIndex(self.text)

    @property
    def plain(self) -> dict[str, Any]:
        if self._plain is None:
            self._plain = _plain(self.data)
        return self._plain

    @property
    def format_version(self) -> str | None:
        value = self.data.get("format")
        return str(value) if isinstance(value, str | int) else None

    def get(self, path: TomlPath, default: Any = None) -> Any:
        node: Any = self.data
        for part in path:
            if isinstance(node, dict) and isinstance(part, str) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return default
        return node

    @cached_property
    def spec(self) -> FormatSpec:
        """The format the file names, for reading its preamble; the default format when it
        names none or one that is not installed (where its preamble would be)."""
        from govreport.format.resolve import resolve_format

        return resolve_format(self.data).spec or load_spec()

    def preamble(self, name: PreambleName) -> Any:
        """The value of a preamble field (``"organ"``, ``"year"``, ``"previous"``…), or None."""
        return self.get(self.spec.preamble_path(name))

    @property
    def year(self) -> int | None:
        """The report year, if the file gives a plausible one (a four-digit integer)."""
        year = self.preamble("year")
        if isinstance(year, int) and not isinstance(year, bool) and 1000 <= year <= 9999:
            return year
        return None

    @property
    def organ(self) -> str | None:
        organ = self.preamble("organ")
        return organ if isinstance(organ, str) else None
