"""One output sanitiser: control characters shown, never obeyed, in human-readable output.

A report value can hold any character: an escape sequence (``\\x1b]0;…\\x07`` sets a
terminal's title, ``\\x1b[2J`` clears it), a newline that starts a fake ``file:line:col``
line in a CI log, a bidirectional override (U+202E) that shows text reversed.  Everything
govreport prints for people — lint's text and GitHub output, every message on standard error
(fmt, render, import, new, edit, click's usage errors) — goes through :func:`visible`, which
writes such characters as escapes (``\\x1b``, ``\\u202e``) that can be read and never act.
Machine-readable output (JSON, SARIF, a rendered page, a report file) stays exact.

:data:`UNSAFE` is the set; the lint rule C4 (``control-character``) reports the same
characters in a report's text values.  This module imports only ``re``: the lint path uses it.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

#: Characters that act on a terminal or a log rather than being shown: C0 controls, DEL, C1
#: controls, bidirectional embeddings, overrides, isolates and marks, invisible separators and
#: zero-width characters that hide text, line/paragraph separators (which some viewers break
#: lines at) and lone surrogates (file names that are not UTF-8, which cannot be printed).
_BEYOND_C0 = (
    "\x7f-\x9f"
    "\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ud800-\udfff"
)
UNSAFE_CLASS = "\x00-\x1f" + _BEYOND_C0
UNSAFE = re.compile(f"[{UNSAFE_CLASS}]")
_UNSAFE_KEEP_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_BEYOND_C0}]")  # \t and \n kept
#: The unsafe characters beyond C0 (C1, DEL, bidi, zero-width…): a TOML file can hold these
#: raw in a string, while C0 controls other than tab and newline appear only as escapes.
BEYOND_C0 = re.compile(f"[{_BEYOND_C0}]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: Names of the characters a reader is most likely to meet (for messages).
NAMES = {
    0x00: "NUL，空字符",
    0x07: "BEL，响铃",
    0x08: "BS，退格",
    0x09: "TAB，制表符",
    0x0A: "LF，换行",
    0x0D: "CR，回车",
    0x1B: "ESC，终端转义序列",
    0x7F: "DEL，删除",
    0x061C: "ALM，阿拉伯文字方向标记",
    0x200B: "ZWSP，零宽空格",
    0x200E: "LRM，从左到右标记",
    0x200F: "RLM，从右到左标记",
    0x2028: "LS，行分隔符",
    0x2029: "PS，段分隔符",
    0x202A: "LRE，从左到右嵌入",
    0x202B: "RLE，从右到左嵌入",
    0x202C: "PDF，结束方向嵌入",
    0x202D: "LRO，从左到右强制",
    0x202E: "RLO，从右到左强制",
    0x2060: "WJ，零宽连接符",
    0x2066: "LRI，从左到右隔离",
    0x2067: "RLI，从右到左隔离",
    0x2068: "FSI，首字符方向隔离",
    0x2069: "PDI，结束方向隔离",
    0xFEFF: "BOM，零宽不换行空格",
}
NAMES_EN = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "backspace",
    0x09: "tab",
    0x0A: "line feed",
    0x0D: "carriage return",
    0x1B: "ESC, a terminal escape sequence",
    0x7F: "DEL",
    0x061C: "Arabic letter mark",
    0x200B: "zero-width space",
    0x200E: "left-to-right mark",
    0x200F: "right-to-left mark",
    0x2028: "line separator",
    0x2029: "paragraph separator",
    0x202A: "LRE, left-to-right embedding",
    0x202B: "RLE, right-to-left embedding",
    0x202C: "PDF, pop directional formatting",
    0x202D: "LRO, left-to-right override",
    0x202E: "RLO, right-to-left override",
    0x2060: "word joiner",
    0x2066: "LRI, left-to-right isolate",
    0x2067: "RLI, right-to-left isolate",
    0x2068: "FSI, first strong isolate",
    0x2069: "PDI, pop directional isolate",
    0xFEFF: "BOM, zero-width no-break space",
}


def escape_char(ch: str) -> str:
    """``\\n``, ``\\r``, ``\\t``; ``\\x1b`` for another character below U+0100, ``\\u202e`` above."""
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def char_name(ch: str, lang: str = "zh") -> str:
    """The escape and, where known, the name: ``\\x1b（ESC，终端转义序列）``."""
    names = NAMES_EN if lang == "en" else NAMES
    name = names.get(ord(ch))
    if lang == "en":
        return f"{escape_char(ch)} ({name})" if name else escape_char(ch)
    return f"{escape_char(ch)}（{name}）" if name else escape_char(ch)


def visible(text: str, *, keep_lines: bool = False) -> str:
    """*text* with every :data:`UNSAFE` character written as its escape.

    For one line (a finding, a file name in a message) every control character is escaped,
    newlines and tabs too.  With *keep_lines* (a multi-line message, a diff) ``\\n`` and
    ``\\t`` are kept; ``\\r`` is still escaped (it would let a line overwrite another).
    """
    pattern = _UNSAFE_KEEP_LINES if keep_lines else UNSAFE
    if not pattern.search(text):
        return text
    return pattern.sub(lambda m: escape_char(m.group()), text)


class VisibleStream:
    """A text stream that writes through :func:`visible` (lines kept): what govreport puts
    on standard error.  ``raw`` is the stream underneath, for the rare deliberate control
    sequence (the progress line's ``\\r``)."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click probes streams with b"": a text stream refuses bytes
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.raw.write(visible(text, keep_lines=True))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, buffer, …
        return getattr(self.raw, name)


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a :class:`VisibleStream`, or *stream* itself."""
    return stream.raw if isinstance(stream, VisibleStream) else stream


def install_on_stderr() -> None:
    """Make standard error a :class:`VisibleStream` (once; the CLI's entry point calls it)."""
    import sys

    if sys.stderr is not None and not isinstance(sys.stderr, VisibleStream):
        sys.stderr = VisibleStream(sys.stderr)
