"""``govreport edit``: fill in a report in a terminal user interface."""

from __future__ import annotations

import sys

import click

from govreport.cli.lang import BiCommand, lang_option
from govreport.i18n import t


@click.command(cls=BiCommand)
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@lang_option
def edit(file: str, lang: str | None) -> None:
    """编辑报告：章节列表、表格像电子表格一样填写、检查结果随输入更新。

    \b
    在终端界面中编辑报告文件。文件不存在时，先询问年度和机关名称并新建（同 govreport new）。
    Ctrl+S 保存，F1 列出所有按键，Ctrl+Q 退出。
    ---
    Edit a report file in a terminal user interface.  If FILE does not exist,
    a dialog asks for the year and the organ and creates it (as `govreport new`).
    Ctrl+S saves, F1 lists every key, Ctrl+Q quits.
    """
    from govreport.tui.app import ReportApp
    from govreport.tui.model import OpenError

    try:
        app = ReportApp.for_file(file)
    except OpenError as exc:
        click.echo(f"govreport: {file}: {exc}", err=True)
        sys.exit(2)
    app.run()
    session = app.session
    if app.return_code and session is not None:
        # The interface stopped on an internal error: keep what was typed.
        rescue = app.rescued or session.save_aside()
        if rescue is not None:
            click.echo(
                t(
                    f"govreport: 未保存的修改已写入 {rescue}",
                    f"govreport: the unsaved changes were written to {rescue}",
                ),
                err=True,
            )
        elif session.dirty:
            where = session.path.parent
            click.echo(
                t(
                    f"govreport: 未保存的修改无法写入 {where}",
                    f"govreport: the unsaved changes could not be written to {where}",
                ),
                err=True,
            )
    if app.return_code:
        sys.exit(app.return_code)
