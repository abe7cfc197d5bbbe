"""TOML mistakes a clerk makes with a Chinese input method: explained in Chinese, the safe ones fixed.

A report typed with a Chinese input method gets full-width digits (``person = １４``), a
full-width ``＝``, Chinese commas and quotes, text without quotes.  The parser says only
"Invalid value"; :func:`explain_error` looks at the line the parser stopped at and says what is
wrong and what to write instead, at the column of the mistake.

:func:`fix_text` repairs the mistakes whose repair cannot change what the clerk meant:
full-width digits outside strings (``１４`` → ``14``: outside a string they are never valid, and
the number is the one typed) and a full-width ``＝`` between a key and its value.  It only
touches the line the parser stops at, one mistake at a time, so text inside strings and
comments is never changed.  Chinese commas, quotes and unquoted text are explained, not fixed:
there the intended text is a guess.

Imported by the lint path: standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

FULL_DIGITS = "０１２３４５６７８９"
_TO_ASCII = str.maketrans({**{c: str(i) for i, c in enumerate(FULL_DIGITS)}, "．": ".", "－": "-", "＋": "+"})
_FULL_NUMBER = re.compile(r"[０-９][０-９0-9．.]*|[0-9.]*[０-９][０-９0-9．.]*")
_KEY = re.compile(r"\s*[A-Za-z0-9_\-.\"' ]+?\s*")
_BRACKETS = {"【": "[", "】": "]", "［": "[", "］": "]", "〔": "[", "〕": "]"}
MAX_FIXES = 10_000  # one per parse: a bound, far above any report's count of mistakes


@dataclass(frozen=True)
class Explanation:
    """What is wrong at a position, in Chinese and English, and the column (1-based) it is at."""

    zh: str
    en: str
    column: int
    fixable: bool = False  # ``govreport fmt --fix`` repairs it


@dataclass(frozen=True)
class Fix:
    """One repair: where, what was there, what is there now."""

    line: int
    column: int
    before: str
    after: str

    def describe(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"{self.line}:{self.column}: {self.before} → {self.after}"
        return f"{self.line}:{self.column}: {self.before} → {self.after}"


def code_spans(line: str) -> list[tuple[int, int]]:
    """The parts of one line that are TOML syntax: outside "…" and '…' strings and the comment."""
    spans: list[tuple[int, int]] = []
    start = i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if ch == "#":
            break
        if ch in "\"'":
            spans.append((start, i))
            j = i + 1
            while j < n and line[j] != ch:
                j += 2 if ch == '"' and line[j] == "\\" else 1
            i = j + 1
            start = i
            continue
        i += 1
    spans.append((start, min(i, n)))
    return [(a, b) for a, b in spans if b > a]


def _one_of(line: str, chars: str, i: int) -> bool:
    return line[i] in chars


def _in_code(line: str, predicate: Callable[[int], bool]) -> int | None:
    """The first index in the code part of *line* where *predicate* holds."""
    for a, b in code_spans(line):
        for i in range(a, b):
            if predicate(i):
                return i
    return None


def _value_start(line: str) -> int | None:
    """The index where the value of ``key = value`` starts (after ``=`` or ``＝``)."""
    m = re.match(r"\s*[^=＝\[#]+?\s*[=＝]\s*", line)
    return m.end() if m else None


def explain_line(line: str) -> Explanation | None:
    """What a Chinese input method did wrong on *line*, or None if nothing known."""
    stripped = line.lstrip()
    if stripped[:1] in _BRACKETS and _BRACKETS[stripped[:1]] == "[":
        col = len(line) - len(stripped) + 1
        fixed = "".join(_BRACKETS.get(c, c) for c in stripped.split("#")[0].strip())
        return Explanation(
            f"表头要用英文方括号：「{stripped.split('#')[0].strip()}」应写作 {fixed}",
            f"table headers take ASCII brackets: write {fixed}",
            col,
        )
    eq = _in_code(line, lambda i: line[i] == "＝")
    first_eq = _in_code(line, lambda i: line[i] == "=")
    if eq is not None and (first_eq is None or eq < first_eq):
        return Explanation(
            "键和值之间要用英文等号：全角「＝」→ =",
            "a key and its value are separated by an ASCII '=': full-width '＝' → '='",
            eq + 1,
            fixable=True,
        )
    colon = _in_code(line, lambda i: line[i] in "：:")
    if first_eq is None and colon is not None and _value_start(line) is None:
        return Explanation(
            f"键和值之间要用等号 =，不是冒号「{line[colon]}」",
            f"a key and its value are separated by '=', not '{line[colon]}'",
            colon + 1,
        )
    digit = _in_code(line, lambda i: line[i] in FULL_DIGITS)
    if digit is not None:
        m = _FULL_NUMBER.match(line, digit)
        while m is None and digit > 0 and line[digit - 1] in "0123456789.":
            digit -= 1
            m = _FULL_NUMBER.match(line, digit)
        run = m.group(0) if m else line[digit]
        return Explanation(
            f"全角数字{run} → {run.translate(_TO_ASCII)}（数字要用半角）",
            f"full-width digits {run} → {run.translate(_TO_ASCII)}",
            digit + 1,
            fixable=True,
        )
    for chars, zh, en in _WRONG_CHARACTERS:
        at = _in_code(line, partial(_one_of, line, chars))
        if at is not None:
            return Explanation(zh.format(ch=line[at]), en.format(ch=line[at]), at + 1)
    start = _value_start(line)
    if start is not None and start < len(line):
        value = line[start:].split("#")[0].rstrip()
        if value and value[0] not in "\"'[{+-0123456789tfin" and any(ord(c) > 127 for c in value):
            key = line[:start].split("=")[0].strip()
            return Explanation(
                f'文字要加英文引号：应写作 {key} = "{value}"',
                f'text must be quoted: write {key} = "{value}"',
                start + 1,
            )
    return None


# characters an input method puts where TOML wants ASCII: (characters, Chinese, English)
_WRONG_CHARACTERS = (
    ("，、；", "值之间要用英文逗号：「{ch}」→ ,", "values are separated by an ASCII comma: '{ch}' → ','"),
    ("“”‘’「」『』", '文字要加英文引号：中文引号「{ch}」→ "', "text takes ASCII quotes: '{ch}' → '\"'"),
    ("\u3000", "全角空格（　）要改为半角空格或删去", "a full-width space (U+3000): use an ASCII space"),
)

_MESSAGES = {
    "Invalid value": "无效的值",
    "Invalid statement": "无效的语句（每行应是 [表头]、键 = 值 或 # 注释）",
    "Expected '=' after a key in a key/value pair": "键后面应有等号 =",
    "Expected newline or end of document after a statement": "一行只能写一个 键 = 值，值后面只能跟 # 注释",
    "Unclosed array": "数组没有结束：缺少 ]",
    "Unclosed inline table": "内联表没有结束：缺少 }",
    "Unterminated string": "文字没有结束：缺少结尾的引号",
    "Cannot overwrite a value": "同一个键写了两次",
    "Cannot declare": "同一个表写了两次",
    "Invalid initial character for a key part": "键的第一个字符无效（键只能用英文字母、数字、_ 和 -）",
}


def translate(message: str) -> str:
    """The parser's English message in Chinese (the message itself when unknown)."""
    for english, chinese in _MESSAGES.items():
        if message.startswith(english):
            return chinese
    return message


def explain_error(text: str, line: int, column: int, message: str) -> Explanation:
    """The parser stopped at *line*:*column* with *message*: say it in Chinese, pointing at the
    mistake on that line when it is one an input method makes."""
    lines = text.split("\n")
    found = explain_line(lines[line - 1]) if 0 < line <= len(lines) else None
    if found is not None:
        return found
    return Explanation(translate(message), message, column)


def fix_text(
    text: str, parse: Callable[[str], object], error_position: Callable[[Exception], tuple[int, int] | None]
) -> tuple[str, list[Fix]]:
    """Repair the safe mistakes, one at a time where *parse* fails; the text and the repairs.

    *parse* raises on invalid TOML; *error_position* gives the (line, column) of its error.
    Stops at the first error that is not a safe one (the text is then still invalid).
    """
    fixes: list[Fix] = []
    for _ in range(MAX_FIXES):
        try:
            parse(text)
            return text, fixes
        except Exception as exc:
            where = error_position(exc)
        if where is None:
            break
        lines = text.split("\n")
        number = where[0]
        if not 0 < number <= len(lines):
            break
        line = lines[number - 1]
        found = explain_line(line)
        if found is None or not found.fixable:
            break
        index = found.column - 1
        if line[index] == "＝":
            before, after = "＝", "="
        else:
            m = _FULL_NUMBER.match(line, index)
            if m is None:
                break
            before = m.group(0)
            after = before.translate(_TO_ASCII)
        lines[number - 1] = line[:index] + after + line[index + len(before) :]
        fixes.append(Fix(number, found.column, before, after))
        text = "\n".join(lines)
    return text, fixes


def fix_report_text(text: str) -> tuple[str, list[Fix]]:
    """:func:`fix_text` with the report parser."""
    from govreport.report.document import ReportSyntaxError, parse_toml

    def position(exc: Exception) -> tuple[int, int] | None:
        return (exc.line, exc.column) if isinstance(exc, ReportSyntaxError) and exc.line else None

    return fix_text(text, lambda t: parse_toml(t.removeprefix("\ufeff"), ""), position)
