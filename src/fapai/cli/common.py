"""What the commands that work on the database share: settings, errors as one line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

from fapai.app.services import Services


def fail(command: str, message: str) -> NoReturn:
    print(f"fapai {command}: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


@contextmanager
def reported(command: str) -> Iterator[None]:
    """Turn configuration, database and use-case refusals into one line and exit 2."""
    from sqlalchemy.exc import OperationalError

    from fapai.app.errors import AppError
    from fapai.config import ConfigError

    try:
        yield
    except ConfigError as error:
        fail(command, str(error))
    except OperationalError as error:
        fail(command, f"cannot use the database: {str(error.orig).strip().splitlines()[0]}")
    except AppError as error:
        fail(command, f"{error.code}: {error.message_en}")


@contextmanager
def opened(command: str) -> Iterator[Services]:
    """The configured services for one command, its refusals reported as one line."""
    from fapai import bootstrap, config

    with reported(command):
        services, database = bootstrap.build(config.load())
        try:
            yield services
        finally:
            database.dispose()
