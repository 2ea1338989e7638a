"""The ``fapai`` command: one entry point, one subcommand per job.

Usage errors are reported as one line on standard error with exit status 2,
never as a traceback or a multi-line box, so scripts and people read the same.
"""

from __future__ import annotations

import sys

import typer
from typer.exceptions import Abort, TyperException

from fapai import __version__
from fapai.cli.admin import admin_app
from fapai.cli.calendar import calendar_app
from fapai.cli.cases import case_app, deadlines_command
from fapai.cli.data import audit_app, db_app, export_command
from fapai.cli.institutions import institutions_app
from fapai.cli.ledger import ledger_app
from fapai.cli.lottery import lottery_verify_command
from fapai.cli.objections import objections_app
from fapai.cli.platform import platform_app
from fapai.cli.pricing import pricing_app
from fapai.cli.privacy import keys_app, reads_app, retention_app
from fapai.cli.records import records_app
from fapai.cli.replay import replay_command
from fapai.cli.server import serve_command, worker_command

app = typer.Typer(
    name="fapai",
    help="fapai (法拍): online judicial auctions for Chinese courts.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fapai {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """fapai (法拍): online judicial auctions for Chinese courts."""


app.command("replay")(replay_command)
app.command("serve")(serve_command)
app.command("worker")(worker_command)
app.command("export")(export_command)
app.add_typer(db_app, name="db")
app.add_typer(admin_app, name="admin")
app.add_typer(audit_app, name="audit")
app.add_typer(ledger_app, name="ledger")
app.command("deadlines")(deadlines_command)
app.add_typer(case_app, name="case")
lottery_app = typer.Typer(help="Designation lotteries anyone can re-check.", add_completion=False)
lottery_app.command("verify")(lottery_verify_command)
app.add_typer(lottery_app, name="lottery")
app.add_typer(calendar_app, name="calendar")
app.add_typer(reads_app, name="reads")
app.add_typer(retention_app, name="retention")
app.add_typer(keys_app, name="keys")
app.add_typer(records_app, name="records")
app.add_typer(platform_app, name="platform")
app.add_typer(pricing_app, name="pricing")
app.add_typer(institutions_app, name="institutions")
app.add_typer(objections_app, name="objections")


def main() -> None:
    """Console entry point: run the app, turning usage errors into one line."""
    args = sys.argv[1:] or ["--help"]  # a bare `fapai` shows what it can do
    try:
        code = app(args, prog_name="fapai", standalone_mode=False)
    except TyperException as err:  # usage errors: exit status 2
        print(f"fapai: error: {err.format_message()}", file=sys.stderr)
        sys.exit(err.exit_code)
    except Abort:
        print("fapai: aborted", file=sys.stderr)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
