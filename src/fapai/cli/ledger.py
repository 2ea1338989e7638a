"""``fapai ledger``: the court's books from the command line (operators, finance staff)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from fapai.app.services import Services
from fapai.cli.common import fail, reported

ledger_app = typer.Typer(help="The court's double-entry ledger.", add_completion=False)


@ledger_app.command("check")
def check_command() -> None:
    """Prove the invariants: balanced transactions, balances equal their postings, each
    court's books balance, deposits held as registered, no overdue money without an alert.
    Exit 1 listing every problem."""
    from fapai import bootstrap, config
    from fapai.app.ledger.checks import check

    with reported("ledger check"):
        services, database = bootstrap.build(config.load())
        problems = check(services.db, services.clock())
        database.dispose()
    for problem in problems:
        print(f"fapai ledger check: {problem.check}: {problem.detail}", file=sys.stderr)
    if problems:
        raise typer.Exit(1)
    typer.echo("ok: every ledger invariant holds")


@ledger_app.command("alerts")
def alerts_command() -> None:
    """List overdue refunds, balances and payouts (JSON lines); exit 1 when there are any."""
    from fapai import bootstrap, config
    from fapai.app.ledger.views import alerts

    with reported("ledger alerts"):
        services, database = bootstrap.build(config.load())
        late = alerts(services, None)
        database.dispose()
    for item in late:
        typer.echo(json.dumps(item, ensure_ascii=False))
    if late:
        raise typer.Exit(1)


def _court_id(services: Services, code: str) -> int:
    with services.db.read() as tx:
        court_id = tx.court_id_by_code(code)
    if court_id is None:
        fail("ledger", f"no court with code {code!r}")
    return court_id


@ledger_app.command("statement")
def statement_command(court: str = typer.Argument(..., help="The court's code.")) -> None:
    """The court account's statement as CSV on standard output."""
    from fapai import bootstrap, config
    from fapai.app.ledger.views import statement_csv

    with reported("ledger statement"):
        services, database = bootstrap.build(config.load())
        text = statement_csv(services, _court_id(services, court))
        database.dispose()
    sys.stdout.write(text)


@ledger_app.command("reconcile")
def reconcile_command(
    court: str = typer.Argument(..., help="The court's code."),
    file: Path = typer.Argument(..., help="The bank's statement, CSV (docs/ledger.md)."),
) -> None:
    """Import the bank's statement and list what does not match the ledger (exit 1 if any)."""
    from fapai import bootstrap, config
    from fapai.app.ledger.reconciliation import describe, reconcile

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail("ledger reconcile", f"cannot read {file}: {error}")
    with reported("ledger reconcile"):
        services, database = bootstrap.build(config.load())
        result = reconcile(services, _court_id(services, court), "cli", file.name, text)
        database.dispose()
    typer.echo(json.dumps(describe(result), ensure_ascii=False, indent=2))
    if not result.clean:
        raise typer.Exit(1)
