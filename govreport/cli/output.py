"""Where a command's result goes: standard output, or a file written atomically that is never
replaced unless the user asked (``--force``).  Refusing, or failing to write, ends the command
with a one-line message and exit status 2: nothing was written."""

from __future__ import annotations

import sys

import click

EXIT_NOT_WRITTEN = 2


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
        click.echo(f"govreport: {target} 已存在，未覆盖（如需覆盖请加 --force）", err=True)
        sys.exit(EXIT_NOT_WRITTEN)
    except OSError as exc:
        click.echo(f"govreport: 无法写入 {target}：{describe_os_error(exc)}", err=True)
        sys.exit(EXIT_NOT_WRITTEN)
    if done:
        click.echo(done, err=True)
