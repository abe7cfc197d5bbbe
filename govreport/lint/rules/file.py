"""F: the file as a whole (syntax, format version, what the format lets the rules check)."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.format.spec import DEFAULT_FORMAT
from govreport.lint.context import FormatContext, SyntaxContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule


@rule("F1", "toml-syntax", Severity.ERROR, stage="syntax")
def toml_syntax(ctx: SyntaxContext) -> Iterator[Problem]:
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
    error = ctx.error
    message = error.message_en if ctx.lang == "en" else error.message  # tomlfix: the mistake explained
    yield Problem((), message, line=error.line or 1, column=error.column or 1)


@rule("F2", "format-version", Severity.ERROR, stage="format")
def format_version(ctx: FormatContext) -> Iterator[Problem]:
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
    choice = ctx.choice
    if not choice.named:
        yield Problem(
            ("format",),
            ctx.t(
                f'文件没有写明格式版本（format = "{DEFAULT_FORMAT}"），已按 {choice.version} 年格式检查',
                f'the file does not name its format version (format = "{DEFAULT_FORMAT}"); '
                f"checked as the {choice.version} format",
            ),
            line=1,
            column=1,
        )
    elif not choice.known:
        yield Problem(
            ("format",),
            ctx.t(
                f"未知的格式版本 {choice.version!r}，无法检查（支持的版本见 govreport schema --list）",
                f"unknown format version {choice.version!r}; nothing checked (see govreport schema --list)",
            ),
        )


@rule("F3", "format-lacks-anchor", Severity.WARNING, stage="format")
def format_lacks_anchor(ctx: FormatContext) -> Iterator[Problem]:
    """报告所用的格式没有声明某条规则需要的单元格，该规则没有检查。

    正文与表格核对（P）、合理性（Q）等规则通过格式模式中的 x-anchors 找到它们要读的单元格
    （如“本年新收申请”“规章”一行）。格式模式没有声明其中某一个时，该规则不运行，本规则说明是哪一条。
    安装的各版本格式都声明了全部锚点；出现本提示说明用的是自定义或新版本的格式模式，请在其中补上 x-anchors。
    ---
    The report's format declares no cell that a rule needs, so that rule did not run.

    The prose (P) and plausibility (Q) rules find the cells they read through the schema's
    ``x-anchors`` (received applications, the 规章 row…).  Where a format lacks one of them,
    the rule is skipped and this finding says which.  Every installed format declares them
    all; a finding means a custom or new schema: add the anchors to its ``x-anchors``.
    """
    spec = ctx.choice.spec
    if spec is None:
        return
    for code, anchors in ctx.report_rules:
        missing = [a for a in anchors if not spec.has_anchor(a)]
        if missing:
            names = ", ".join(missing)
            yield Problem(
                ("format",),
                ctx.t(
                    f"{spec.version} 年格式没有声明规则 {code} 需要的单元格（x-anchors：{names}），{code} 没有检查",
                    f"the {spec.version} format declares no {names} (x-anchors) that rule {code} needs; {code} was not run",
                ),
            )
