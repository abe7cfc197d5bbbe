"""Where a command's result goes: standard output, or a file written atomically that is never
replaced unless the user asked (``--force``).  Refusing, or failing to write, ends the command
with a one-line message and exit status 2: nothing was written."""

from __future__ import annotations

import sys

import click

EXIT_NOT_WRITTEN = 2


def exists_message(target: str) -> str:
    from govreport.i18n import t

    return t(
        f"govreport: {target} 已存在，未覆盖（如需覆盖请加 --force）",
        f"govreport: {target} exists; not overwritten (add --force to replace it)",
    )


def cannot_write_message(target: str, reason: str) -> str:
    from govreport.i18n import t

    return t(f"govreport: 无法写入 {target}：{reason}", f"govreport: cannot write {target}: {reason}")


def no_reports_message() -> str:
    """No input found by a batch command (check, sum, export)."""
    from govreport.i18n import t

    return t(
        "govreport: 没有找到报告（报告文件 .toml，或 .txt、.html、.docx、.pdf 等已发布的报告）",
        "govreport: no reports found (report files .toml, or published reports: .txt, .html, .docx, .pdf…)",
    )


def no_report_files_message() -> str:
    """No report file found by lint or fmt."""
    from govreport.i18n import t

    return t("govreport: 没有找到报告文件", "govreport: no report files found")


def no_config_message(path: str) -> str:
    from govreport.i18n import t

    return t(f"{path}: 没有 [tool.govreport] 配置", f"{path}: no [tool.govreport] configuration")


def unknown_code_message(code: str) -> str:
    from govreport.i18n import t

    return t(
        f"未知的规则代码 {code}（见 govreport rules）", f"unknown rule code {code} (see govreport rules)"
    )


def write_output(target: str | None, text: str | bytes, *, force: bool, done: str | None = None) -> None:
    """Write *text* to *target* (``None`` or ``-``: standard output); *done* is said on stderr.
    Bytes (a Word file) go to standard output as they are."""
    from govreport.fsutil import RefusedOverwrite, describe_os_error, write_atomic

    if target is None or target == "-":
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return
    try:
        write_atomic(target, text, overwrite=force)
    except RefusedOverwrite:
        click.echo(exists_message(target), err=True)
        sys.exit(EXIT_NOT_WRITTEN)
    except OSError as exc:
        click.echo(cannot_write_message(target, describe_os_error(exc)), err=True)
        sys.exit(EXIT_NOT_WRITTEN)
    if done:
        click.echo(done, err=True)
