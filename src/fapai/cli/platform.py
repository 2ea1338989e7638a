"""``fapai platform fault``: the platform operator postpones an auction for a system
fault or security hazard and reports it to the court at once (OJA Art 28(2))."""

from __future__ import annotations

import typer

from fapai.cli.common import reported

platform_app = typer.Typer(help="The platform operator's own acts.", add_completion=False)


@platform_app.command("fault")
def fault_command(
    auction_id: int = typer.Argument(..., help="The auction to postpone."),
    reason: str = typer.Option(..., "--reason", help="The fault, as published (≤ 500)."),
) -> None:
    """Postpone the auction now; its page shows the reason, the court's board the report."""
    from fapai import bootstrap, config
    from fapai.app.cases.platform_fault import postpone_for_fault

    with reported("platform fault"):
        services, database = bootstrap.build(config.load())
        try:
            postpone_for_fault(services, auction_id, reason)
        finally:
            database.dispose()
    typer.echo(f"auction {auction_id} postponed for a platform fault; reported to the court")
