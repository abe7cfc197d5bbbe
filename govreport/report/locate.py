"""Where each key and value of a TOML document sits (line and column).

``tomllib`` parses but keeps no positions; findings must point at the exact value, so this
module scans the (already validated) text once with a regular-expression lexer and records
the position of every key, value and table header by its key path.  Lines and columns are
1-based; columns count Unicode code points, as editors and ruff do.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

TomlPath = tuple[str | int, ...]  # a key path in the TOML file, array indices included (a KeyPath has none)


@dataclass(frozen=True)
class Pos:
    line: int
    column: int


# Strings are matched with possessive quantifiers (``++``, ``*+``): a run of ordinary
# characters is one step of the regular-expression engine, not one saved backtracking point
# per character (an 8 MB narrative took 750 MB of memory to scan).  Backtracking into a
# string could never produce another match, so the tokens are the same.
_TOKEN_PATTERN = r"""
    (?P<ws>[ \t]+)
  | (?P<nl>\r?\n)
  | (?P<comment>\#[^\n]*)
  | (?P<mlbasic>\"\"\"(?:[^\\"]++|\\.|"(?!""))*+\"{3,5})
  | (?P<mllit>'''(?:[^']++|'(?!''))*+'{3,5})
  | (?P<basic>"(?:[^"\\\n]++|\\.)*+")
  | (?P<lit>'[^'\n]*')
  | (?P<datetime>\d{4}-\d{2}-\d{2}[Tt\ ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)
  | (?P<punct>[\[\]{}=,.])
  | (?P<bare>[^\s\[\]{}=,.\#"']+(?:\.[0-9][^\s\[\]{}=,\#"']*)?)
  """


@cache
def _token() -> re.Pattern[str]:
    """The lexer, compiled when the first position is wanted (most clean files never need one)."""
    return re.compile(_TOKEN_PATTERN, re.VERBOSE | re.DOTALL)


_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")


def _unquote(token: str) -> str:
    if token.startswith("'"):
        return token[1:-1]
    if token.startswith('"'):

        def repl(m: re.Match[str]) -> str:
            s = m.group(1)
            if s[0] in "uU":
                return chr(int(s[1:], 16))
            return _ESCAPES.get(s, s)

        return _ESCAPE_RE.sub(repl, token[1:-1])
    return token


class PositionIndex:
    """Positions of keys, values and table headers in one TOML text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.values: dict[TomlPath, Pos] = {}
        self.keys: dict[TomlPath, Pos] = {}
        self.headers: dict[TomlPath, Pos] = {}
        self.value_ends: dict[TomlPath, Pos] = {}
        self.comments: list[tuple[Pos, str]] = []  # every comment: its position and text (with the #)
        self._scan()

    # -- public lookups ---------------------------------------------------------------
    def pos(self, offset: int) -> Pos:
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return Pos(line + 1, offset - self._line_starts[line] + 1)

    def line_text(self, line: int) -> str:
        """The text of line *line* (1-based), without its newline; "" past the end."""
        if not 1 <= line <= len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end]

    def value(self, path: TomlPath) -> Pos | None:
        return self.values.get(tuple(path))

    def key(self, path: TomlPath) -> Pos | None:
        return self.keys.get(tuple(path))

    def header(self, path: TomlPath) -> Pos | None:
        return self.headers.get(tuple(path))

    def nearest(self, path: TomlPath) -> Pos:
        """The value at *path*, else its key or table header, else that of the closest ancestor."""
        path = tuple(path)
        for n in range(len(path), 0, -1):
            prefix = path[:n]
            for table in (self.values, self.headers, self.keys):
                if prefix in table:
                    return table[prefix]
        return Pos(1, 1)

    def line_of(self, path: TomlPath) -> int:
        return self.nearest(path).line

    # -- scanning -------------------------------------------------------------------------
    def _scan(self) -> None:
        tokens = []
        for m in _token().finditer(self.text):
            kind = m.lastgroup or ""
            if kind == "comment":
                self.comments.append((self.pos(m.start()), m.group()))
            elif kind != "ws":
                tokens.append((kind, m.group(), m.start()))
        self._tokens = tokens
        self._i = 0
        table: TomlPath = ()
        aot_counts: dict[TomlPath, int] = {}
        while self._i < len(tokens):
            kind, text, start = tokens[self._i]
            if kind == "nl":
                self._i += 1
            elif kind == "punct" and text == "[" and self._adjacent_bracket():
                self._i += 2
                key_parts, _ = self._read_key()
                base = tuple(key_parts)
                index = aot_counts.get(base, 0)
                aot_counts[base] = index + 1
                table = (*base, index)
                self.headers[table] = self.pos(start)
                self.headers.setdefault(base, self.pos(start))
                self._skip_to("nl")
            elif kind == "punct" and text == "[":
                self._i += 1
                key_parts, _key_start = self._read_key()
                table = self._resolve_aot(tuple(key_parts), aot_counts)
                self.headers[table] = self.pos(start)
                self._skip_to("punct", "]")
            elif kind in ("bare", "basic", "lit"):
                self._read_keyval(table)
            else:
                self._i += 1  # unexpected token: skip it rather than fail

    @staticmethod
    def _resolve_aot(path: TomlPath, aot_counts: dict[TomlPath, int]) -> TomlPath:
        # A sub-table of an array of tables belongs to that array's latest element.
        out: list[str | int] = []
        for part in path:
            out.append(part)
            if tuple(out) in aot_counts:
                out.append(aot_counts[tuple(out)] - 1)
        return tuple(out)

    def _adjacent_bracket(self) -> bool:
        nxt = self._i + 1
        if nxt >= len(self._tokens):
            return False
        _, text, start = self._tokens[nxt]
        return text == "[" and start == self._tokens[self._i][2] + 1

    def _skip_to(self, kind: str, text: str | None = None) -> None:
        while self._i < len(self._tokens):
            k, t, _ = self._tokens[self._i]
            self._i += 1
            if k == kind and (text is None or t == text):
                return
            if k == "nl":
                return

    def _read_key(self) -> tuple[list[str], int]:
        parts: list[str] = []
        first_start = -1
        while self._i < len(self._tokens):
            kind, text, start = self._tokens[self._i]
            if kind in ("bare", "basic", "lit", "datetime"):
                if first_start < 0:
                    first_start = start
                # a bare key like 1.5 is lexed as one token but is two keys
                parts.extend(text.split(".") if kind == "bare" else [_unquote(text)])
                self._i += 1
            elif kind == "punct" and text == ".":
                self._i += 1
            else:
                break
        return parts, max(first_start, 0)

    def _read_keyval(self, table: TomlPath) -> None:
        key_start_tok = self._tokens[self._i][2]
        parts, _ = self._read_key()
        path = (*table, *parts)
        self.keys[path] = self.pos(key_start_tok)
        if self._i < len(self._tokens) and self._tokens[self._i][1] == "=":
            self._i += 1
        self._read_value(path)

    def _read_value(self, path: TomlPath) -> None:
        while self._i < len(self._tokens) and self._tokens[self._i][0] == "nl":
            self._i += 1  # only inside arrays
        if self._i >= len(self._tokens):
            return
        kind, text, start = self._tokens[self._i]
        self.values[path] = self.pos(start)
        if kind == "punct" and text == "[":
            self._i += 1
            index = 0
            while self._i < len(self._tokens):
                k, t, _ = self._tokens[self._i]
                if k == "nl" or (k == "punct" and t == ","):
                    self._i += 1
                elif k == "punct" and t == "]":
                    self.value_ends[path] = self.pos(self._tokens[self._i][2] + 1)
                    self._i += 1
                    break
                else:
                    self._read_value((*path, index))
                    index += 1
        elif kind == "punct" and text == "{":
            self._i += 1
            while self._i < len(self._tokens):
                k, t, _ = self._tokens[self._i]
                if k == "punct" and t == ",":
                    self._i += 1
                elif k == "punct" and t == "}":
                    self.value_ends[path] = self.pos(self._tokens[self._i][2] + 1)
                    self._i += 1
                    break
                elif k in ("bare", "basic", "lit"):
                    self._read_keyval(path)
                else:
                    self._i += 1
        else:
            self._i += 1
            # a bare scalar such as 1e+5 or 2025-01-01 may be lexed as several tokens
            while self._i < len(self._tokens):
                k, t, s = self._tokens[self._i]
                if k == "bare" or (
                    k == "punct"
                    and t == "."
                    and s == self._tokens[self._i - 1][2] + len(self._tokens[self._i - 1][1])
                ):
                    if k == "bare" and s != self._tokens[self._i - 1][2] + len(self._tokens[self._i - 1][1]):
                        break
                    self._i += 1
                else:
                    break
            _end_kind, end_text, end_start = self._tokens[self._i - 1]
            self.value_ends[path] = self.pos(end_start + len(end_text))
