"""``fapai serve`` (the API, live updates and the embedded closer) and ``fapai worker``."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

from fapai.cli.common import fail, reported


def serve_command(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    demo: bool = typer.Option(
        False, "--demo", help="Start on a fresh SQLite database (var/demo) with demo data."
    ),
    access_log: bool = typer.Option(
        True, help="Log one line per request (no client address, no query, no order reference)."
    ),
    workers: int = typer.Option(
        1, min=1, max=64, help="Server processes; more than one needs PostgreSQL."
    ),
) -> None:
    """Run the platform: the web pages at /, the API at /api/v1 (its docs at /docs), the
    court's desk at /court, live updates and the closer."""
    import uvicorn

    from fapai import bootstrap, config
    from fapai.demo import bidders
    from fapai.demo import world as demo_data
    from fapai.web.app import create_app
    from fapai.web.connections import HeaderTimeoutProtocol
    from fapai.web.live import Broker
    from fapai.worker import closer

    # uvicorn's own access log names the client's address and the query; ours (web/guard.py)
    # names neither. Slow clients: HeaderTimeoutProtocol and BodyLimit's body timeout.
    options: dict[str, Any] = {
        "host": host, "port": port, "loop": "uvloop", "http": HeaderTimeoutProtocol,
        "access_log": False, "backlog": 8192, "timeout_keep_alive": 30,
    }  # fmt: skip
    _log_access(access_log)
    if workers > 1:
        with reported("serve"):
            settings = config.load()
            if demo or not settings.database_url.startswith("postgresql"):
                fail("serve", "--workers above 1 needs PostgreSQL (SQLite has one writer)")
            services, database = bootstrap.build(settings)  # migrate once, before the workers
            database.dispose()
        os.environ["FAPAI_ACCESS_LOG"] = "1" if access_log else "0"  # for the workers
        typer.echo(f"fapai: {workers} processes on {settings.database_url}")
        typer.echo(bootstrap.bank_line(services))
        typer.echo(bootstrap.platform_line(services))
        typer.echo(f"fapai: open http://{host}:{port}/  (API: /docs)")
        uvicorn.run(
            "fapai.cli.server:app_from_environment", factory=True, workers=workers, **options
        )
        return
    broker = Broker()
    with reported("serve"):
        if demo:
            directory = Path("var/demo")
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir(parents=True)
            url = f"sqlite:///{directory.resolve()}/demo.sqlite3"
            settings = config.load(directory, url, demo=True)
            settings = replace(settings, sms="simulated")  # the demo's sign-up shows codes
        else:
            settings = config.load()
        services, _ = bootstrap.build(settings, publish=broker.publish)
        bank = bootstrap.simulated_bank(services)
        seeded = None
        if demo:
            assert bank is not None
            seeded = demo_data.seed(
                services, lambda ref, fen, name: bank.notice(ref, fen, name, f"DEMO-{ref}")
            )
    closer.start(services)
    if seeded is not None:
        bidders.start(services, seeded)
    HeaderTimeoutProtocol.seconds = settings.limits.header_timeout
    app = create_app(
        services, broker, bank, settings.limits, settings.sessions, access_log=access_log
    )
    base = f"http://{host}:{port}"
    typer.echo(f"fapai: database {settings.database_url}")
    typer.echo(bootstrap.bank_line(services))
    typer.echo(bootstrap.platform_line(services))
    if warning := bootstrap.bank_key_warning(settings):
        typer.echo(warning, err=True)
    if seeded is not None:
        typer.echo(
            f"fapai: demo court tokens (sign in at {base}/court, or Authorization: Bearer …):"
        )
        for who, token in seeded.court_tokens.items():  # every demo court's, issue 16
            typer.echo(f"  {who:28} {token}")
        admin = seeded.admin
        typer.echo(
            f"fapai: demo system administrator (sign in at {base}/court with the code an"
            f" authenticator app makes from the secret): login {admin.login}, password"
            f" {admin.password}, TOTP secret {admin.totp_secret}"
        )
        if (desk := seeded.institution) is not None:
            typer.echo(
                f"fapai: demo auxiliary institution {desk.institution} (sign in at"
                f" {base}/institution): login {desk.credentials.login}, password"
                f" {desk.credentials.password}, TOTP secret {desk.credentials.totp_secret};"
                f" token {desk.token}"
            )
        typer.echo(f"fapai: live auction {base}/auctions/{seeded.live_auction}")
    typer.echo(f"fapai: open {base}/  (API: {base}/docs)")
    uvicorn.run(app, **options)


def app_from_environment() -> Any:
    """One worker process of ``fapai serve --workers N`` (PostgreSQL): its own services,
    broker and closer; live events reach every process through LISTEN/NOTIFY.
    """
    from fapai import bootstrap, config
    from fapai.web.app import create_app
    from fapai.web.connections import HeaderTimeoutProtocol
    from fapai.web.live import Broker
    from fapai.worker import closer

    broker = Broker()
    settings = config.load()
    services, _ = bootstrap.build(settings, publish=broker.publish, migrate=False)
    closer.start(services)
    HeaderTimeoutProtocol.seconds = settings.limits.header_timeout
    _log_access(settings.access_log)
    return create_app(
        services, broker, bootstrap.simulated_bank(services), settings.limits, settings.sessions,
        access_log=settings.access_log,
    )  # fmt: skip


def _log_access(on: bool) -> None:
    """fapai's access log (web/guard.py) on standard error, as uvicorn's own would be."""
    logger = logging.getLogger("fapai.access")
    logger.setLevel(logging.INFO if on else logging.WARNING)
    if on and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False


def worker_command(
    once: bool = typer.Option(False, "--once", help="Settle what is due and exit."),
) -> None:
    """Settle auctions whose bidding has ended and seal the audit trail, every 0.2 s."""
    from fapai import bootstrap, config
    from fapai.worker import closer

    with reported("worker"):
        services, _ = bootstrap.build(config.load())
        if once:
            settled = closer.run_once(services)
            typer.echo(f"settled {len(settled)} auction(s)")
            return
    stop = threading.Event()
    typer.echo(bootstrap.bank_line(services))
    typer.echo(bootstrap.platform_line(services))
    typer.echo("fapai worker: settling due auctions; Ctrl-C to stop")
    sender = threading.Thread(
        target=closer.send_forever, args=(services, stop), name="fapai-sender", daemon=True
    )
    sender.start()
    try:
        closer.run_forever(services, stop)
    except KeyboardInterrupt:
        stop.set()
