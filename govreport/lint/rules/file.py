"""F: the file as a whole (syntax, format version)."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule


@rule("F1", "toml-syntax", Severity.ERROR)
def toml_syntax(ctx: LintContext) -> Iterator[Problem]:
    """文件不是有效的 TOML。

    报告出 TOML 解析器停下的行和列；语法修正之前无法做其他检查，govreport lint 以状态 2 退出。
    常见原因：字符串缺少结尾的引号，用了全角“＝”，只有值没有键，同一个表头（如 [requests.new]）写了两次。
    ---
    The file is not valid TOML.

    Reported with the line and column where the TOML parser stopped; nothing else can be
    checked until the syntax is fixed, and ``govreport lint`` exits with status 2.
    Common causes: a missing closing quote or ``\"\"\"``, a full-width ``＝`` instead of
    ``=``, a value with no key, a table header (``[requests.new]``) written twice.
    """
    return iter(())  # raised by the parser, reported by the engine


@rule("F2", "format-version", Severity.ERROR)
def format_version(ctx: LintContext) -> Iterator[Problem]:
    """文件没有写明格式版本，或版本未知。

    每个报告文件以 format = "2021" 开头（2021 年官方格式，国办公开办函〔2021〕30号）。
    没有写明时按 2021 年格式检查；版本未知时不做其他检查。govreport schema --list 列出已安装的版本。
    ---
    The file does not name a format version govreport knows.

    Every report file starts with ``format = "2021"`` (the 2021 official format,
    国办公开办函〔2021〕30号).  Without it the file is checked as a 2021 report; with an
    unknown version nothing further is checked.  ``govreport schema --list`` shows the
    versions this installation knows.
    """
    return iter(())  # decided before the rules run, reported by the engine
