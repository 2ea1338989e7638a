"""``fapai replay FILE|-``: re-run an auction and print its outcome."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import NoReturn

import typer

from fapai.app.replay.document import ReplayFormatError, decode_json
from fapai.app.replay.runner import render, replay


def replay_command(
    file: str = typer.Argument(
        ..., metavar="FILE|-", help="A fapai-replay/1 file, or - to read standard input."
    ),
) -> None:
    """Replay an auction file through the bidding engine and print the outcome as JSON.

    Exit status 0 for any valid file, whatever the outcome; 2 with one line on
    standard error naming the JSON path when the file itself is invalid.
    """
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as err:
        _fail(f"cannot read {file}: {err.strerror or err}")
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    try:
        doc = decode_json(data)
        del data  # a large file's bytes need not stay beside its decoded form
        render(replay(doc), out.write)
        out.flush()
    except ReplayFormatError as err:
        _fail(str(err))
    except RecursionError:
        _fail("$: nested too deeply")
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    finally:
        out.detach()


def _fail(message: str) -> NoReturn:
    print(f"fapai replay: error: {message}", file=sys.stderr)
    raise typer.Exit(2)
