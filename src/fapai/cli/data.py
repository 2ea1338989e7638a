"""``fapai db upgrade``, ``fapai audit verify``, ``fapai export``: the database's own jobs.

Heavy imports (SQLAlchemy, the use cases) happen inside the commands so that
``fapai replay`` keeps its fast start.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from fapai.cli.common import fail, reported

db_app = typer.Typer(help="Database schema.", add_completion=False)
audit_app = typer.Typer(help="The hash-chained audit trail.", add_completion=False)


@db_app.command("upgrade")
def upgrade_command() -> None:
    """Create or migrate the database named by FAPAI_DATABASE_URL to the newest schema."""
    from fapai import bootstrap, config

    with reported("db upgrade"):
        _, database = bootstrap.build(config.load())
        database.dispose()
    typer.echo("database is at the newest schema")


@audit_app.command("verify")
def verify_command() -> None:
    """Recompute every audit chain and seal and check every fact row (bid, live event,
    registration, payment, ledger transaction and posting, lot step) against the record
    that vouches for it; exit 1 naming the first broken record or row."""
    from fapai import bootstrap, config
    from fapai.app.audit.trail import verify

    with reported("audit verify"):
        services, database = bootstrap.build(config.load())
        result = verify(services)
        database.dispose()
    if result.problem is not None:
        print(f"fapai audit verify: BROKEN: {result.problem}", file=sys.stderr)
        raise typer.Exit(1)
    typer.echo(
        f"ok: {result.records} records in {result.scopes} chains, {result.seals} seals verified; "
        f"{result.facts} fact rows match the records that vouch for them"
    )


def export_command(
    auction_id: int = typer.Argument(..., help="The auction's id."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here instead of stdout."
    ),
) -> None:
    """Write an auction as a fapai-replay/1 file (bidder codes, server receipt times)."""
    from fapai import bootstrap, config
    from fapai.app.auctions.export import export_auction

    with reported("export"):
        services, database = bootstrap.build(config.load())
        document = export_auction(services.db, auction_id)
        database.dispose()
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        fail("export", f"cannot write {output}: {error.strerror or error}")
