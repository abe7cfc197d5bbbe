"""``govreport fmt``: rewrite reports in the canonical layout."""

from __future__ import annotations

import sys

import click

from govreport.cli.lang import BiCommand, BiOption, current_lang, lang_option
from govreport.cli.options import paths_argument, skip_non_reports_option
from govreport.i18n import t


@click.command(cls=BiCommand)
@paths_argument
@click.option(
    "--check",
    is_flag=True,
    cls=BiOption,
    help="Change nothing; exit 1 if a file would be reformatted.",
    help_zh="不改动文件；有文件需要格式化时退出状态为 1。",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    cls=BiOption,
    help="Print what would change (implies --check).",
    help_zh="显示将要改动的内容（含 --check）。",
)
@skip_non_reports_option
@click.option(
    "--fix",
    is_flag=True,
    cls=BiOption,
    help="First repair the safe TOML mistakes (full-width digits, a full-width equals sign (＝)) and say what changed.",
    help_zh="先修正可安全修正的 TOML 错误（全角数字、全角＝），并列出改了什么。",
)
@lang_option
def fmt(
    paths: tuple[str, ...], check: bool, show_diff: bool, skip_non_reports: bool, fix: bool, lang: str | None
) -> None:
    """按标准版式重写报告文件，保留所有数值和注释。

    \b
    按标准版式重写报告文件：章节按官方顺序，每个值旁边有官方标签；不丢失任何数值和注释，
    运行两次结果不变。目录中的报告文件都会处理。--fix 先修正全角数字、全角＝等可安全修正的错误。
    退出状态：0 没有（或已无）需要改动的，1 --check 发现需要格式化的文件，2 文件无法读取或解析。
    ---
    \b
    Rewrite report files in the canonical layout: sections in the official order,
    each value with its label beside it.  No value and no comment is lost; running
    it twice changes nothing.  Directories are searched for report files.
    Exit status: 0 nothing (left) to do, 1 --check found files to reformat,
    2 a file could not be read or parsed.
    """
    from govreport.cli.output import perform, say
    from govreport.ops.fmt import format_file
    from govreport.ops.lint import find_report_files
    from govreport.sanitize import visible

    check = check or show_diff
    changed: list[str] = []
    failed = 0
    files = perform(lang, find_report_files, paths, skip_non_reports=skip_non_reports, on_skip=say)
    if not files:
        return
    for path in files:
        outcome = format_file(path, fix=fix, write=not check)
        name = outcome.name
        for r in outcome.repairs:
            verb = t("可修正", "can fix", lang) if check else t("已修正", "fixed", lang)
            click.echo(
                f"{name}:{r.line}:{r.column}: {verb}{t('：', ': ', lang)}{r.before} → {r.after}", err=True
            )
        if outcome.error is not None:
            click.echo(f"govreport: {outcome.error.text(current_lang(lang))}", err=True)
            failed += 1
            continue
        if not outcome.changed:
            continue
        if show_diff:
            sys.stdout.writelines(visible(line, keep_lines=True) for line in outcome.diff())
        elif check:
            click.echo(t(f"需要格式化：{visible(name)}", f"would reformat: {visible(name)}", lang))
        else:
            click.echo(t(f"已格式化：{name}", f"reformatted: {name}", lang), err=True)
        changed.append(name)
    unchanged = len(files) - len(changed) - failed
    verb = t("需要格式化", "would be reformatted", lang) if check else t("已格式化", "reformatted", lang)
    summary = t(
        f"{len(changed)} 个文件{verb}，{unchanged} 个文件无需改动",
        f"{len(changed)} file(s) {verb}, {unchanged} unchanged",
        lang,
    )
    if failed:
        summary += t(f"，{failed} 个文件未能处理", f", {failed} could not be processed", lang)
    click.echo(summary + t("。", ".", lang), err=True)
    if failed:
        sys.exit(2)
    sys.exit(1 if check and changed else 0)
