"""``fapai lottery verify FILE|-``: re-check a designation draw from its public record."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from fapai.app.assignment.lottery_file import recheck
from fapai.app.replay.document import decode_json
from fapai.cli.common import fail


def lottery_verify_command(
    file: Path = typer.Argument(
        ..., metavar="FILE|-", help="A fapai-lottery/1 record, or - to read standard input."
    ),
) -> None:
    """Redo the draw from the record's seed, purpose and candidates and confirm its result.

    Exit status 0 when the recorded ticket and choice are what the seed gives; 2 with
    one line on standard error naming the JSON field when they are not, or the file
    is not a valid record (docs/lottery.md).
    """
    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as err:
        fail("lottery verify", f"cannot read {file}: {err.strerror or err}")
    try:
        result = recheck(decode_json(data))
    except ValueError as err:
        fail("lottery verify", str(err))
    except RecursionError:
        fail("lottery verify", "$: nested too deeply")
    typer.echo(f"ok: chosen={result.chosen} ticket={result.ticket}/{result.total}")
