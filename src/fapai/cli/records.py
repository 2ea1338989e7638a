"""``fapai records export-expired``: package the auction records past their retention
period (OJA Art 29) for the archive; fapai itself deletes nothing."""

from __future__ import annotations

from pathlib import Path

import typer

from fapai.cli.common import fail, reported

records_app = typer.Typer(
    help="Auction records kept at least ten years (OJA Art 29).", add_completion=False
)


@records_app.command("export-expired")
def export_expired_command(
    output: Path = typer.Option(..., "--output", "-o", help="An empty or new directory."),
) -> None:
    """Write the replay files and audit records of auctions that closed longer ago than
    FAPAI_RECORD_RETENTION_YEARS (≥ 10), with a manifest of their SHA-256 digests."""
    from fapai import bootstrap, config
    from fapai.app.auctions.retention import expired_package

    with reported("records export-expired"):
        settings = config.load()
        services, database = bootstrap.build(settings)
        files = expired_package(services, settings.retention_years)
        database.dispose()
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        fail("records export-expired", f"{output} is not an empty directory")
    try:
        output.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (output / name).write_text(text, encoding="utf-8")
    except OSError as error:
        fail("records export-expired", f"cannot write {output}: {error.strerror or error}")
    auctions = sum(1 for name in files if name.endswith(".replay.json"))
    typer.echo(
        f"{auctions} auctions past {settings.retention_years} years packaged in {output}; "
        "nothing was deleted"
    )
