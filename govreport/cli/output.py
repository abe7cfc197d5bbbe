"""Where a command's result goes and how it ends: standard output, or a file written by
:mod:`govreport.ops.output` (atomically, never replaced unless the user asked, ``--force``);
an operation's error as a one-line message and exit status 2 (nothing was written)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import click

from govreport.ops.errors import OperationError

EXIT_NOT_WRITTEN = 2
P = ParamSpec("P")
R = TypeVar("R")


def say(message: str) -> None:
    """A message for the user on standard error: ``govreport: MESSAGE``."""
    click.echo(f"govreport: {message}", err=True)


def fail(exc: OperationError, lang: str | None = None) -> NoReturn:
    """Report *exc* (its details first, each line ``govreport: …``) and exit with status 2;
    an error in the options given is a usage error (click's message and status)."""
    from govreport.cli.lang import current_lang

    if exc.option is not None and exc.bad_value:
        raise click.BadParameter(exc.text(current_lang(lang)), param_hint=exc.option) from None
    if exc.option is not None:
        raise click.UsageError(exc.text(current_lang(lang))) from None
    for line in exc.details:
        say(line)
    say(exc.text(current_lang(lang)))
    sys.exit(EXIT_NOT_WRITTEN)


def perform(lang: str | None, operation: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``operation(*args, **kwargs)``; its :class:`OperationError` reported (see :func:`fail`)."""
    try:
        return operation(*args, **kwargs)
    except OperationError as exc:
        fail(exc, lang)


def write_output(
    target: str | None, text: str | bytes, *, force: bool, done: str | None = None, lang: str | None = None
) -> None:
    """Write *text* to *target* (``None`` or ``-``: standard output); *done* is said on stderr.
    Bytes (a Word file) go to standard output as they are."""
    from govreport.ops.output import write_file

    if target is None or target == "-":
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return
    try:
        write_file(target, text, force=force)
    except OperationError as exc:
        fail(exc, lang)
    if done:
        click.echo(done, err=True)
