"""``fapai reads``, ``fapai retention`` and ``fapai keys``: the read log, the erasure of
personal data past retention, and key rotation (issue 14 items 5 and 17)."""

from __future__ import annotations

import json

import typer

from fapai.cli.common import opened

reads_app = typer.Typer(help="The personal-data read log.", add_completion=False)
retention_app = typer.Typer(help="Erase personal data past its retention.", add_completion=False)
keys_app = typer.Typer(help="The encryption key ring.", add_completion=False)


@reads_app.command("list")
def reads_list_command(
    court: str = typer.Argument(..., help="The court's code."),
    after: int = typer.Option(0, "--after", help="Show rows after this id."),
    limit: int = typer.Option(50, "--limit", help="Rows per page (1-200)."),
) -> None:
    """Who read the court's personal data, when and why (one JSON object per line)."""
    from fapai.app.accounts import read_log

    with opened("reads list") as services:
        page = read_log.review_court(services, court, after, limit)
    for row in page["reads"]:
        typer.echo(json.dumps(row, ensure_ascii=False))
    if page["next"] is not None:
        typer.echo(f"# more: --after {page['next']}", err=True)


@retention_app.command("run")
def retention_run_command() -> None:
    """Erase (crypto-shred) the personal data past retention, and old read-log rows."""
    from fapai.app.accounts import retention

    with opened("retention run") as services:
        erased = retention.run(services)
    typer.echo(f"erased {erased.accounts} accounts, {erased.reads} read-log rows")


@keys_app.command("status")
def keys_status_command() -> None:
    """How many ciphertexts and blind indexes stand under each key id."""
    from fapai.app.accounts import keys

    with opened("keys status") as services:
        found = keys.status(services)
    typer.echo(json.dumps(found, sort_keys=True))


@keys_app.command("rotate")
def keys_rotate_command(
    batch: int = typer.Option(100, "--batch", min=1, max=10_000, help="Rows per transaction."),
) -> None:
    """Re-encrypt every row under the current key, in short transactions (safe while
    the service runs; safe to repeat)."""
    from fapai.app.accounts import keys

    with opened("keys rotate") as services:
        done = keys.rotate(services, batch)
    typer.echo(f"re-encrypted {done.accounts} accounts, {done.cases} cases")
