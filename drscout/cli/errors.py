"""Errors at the CLI's edge: one line on stderr and the documented exit code.

Every command is wrapped by :func:`errors_to_exit`; the libraries raise
:class:`~scanner.errors.DrscoutError` subclasses that carry their exit code.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from scanner.errors import DrscoutError


def fail(message: str, code: int) -> NoReturn:
    one_line = " ".join(message.split())
    click.echo(f"drscout: error: {one_line}", err=True)
    sys.exit(code)


def errors_to_exit(func: Callable[..., Any]) -> Callable[..., Any]:
    """One line on stderr and the documented exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DrscoutError as exc:
            fail(str(exc), exc.exit_code)
        except PermissionError as exc:
            fail(f"permission denied: {exc.filename or exc}", 3)

    return wrapper
