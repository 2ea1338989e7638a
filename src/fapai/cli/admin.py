"""``fapai admin``: courts, staff accounts, roles and program tokens from the command line.

The commands act as the system: a local operator with access to the database, recorded
as ``system`` on the trail. This is how a production deployment gets its first court
and administrator (README, "Production"); after that, administrators can use the pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

import typer

from fapai.app.services import Services
from fapai.cli.common import reported

if TYPE_CHECKING:
    from fapai.app.accounts.staff import NewCredentials

admin_app = typer.Typer(help="Courts, staff accounts, roles and program tokens.")
court_app = typer.Typer(help="Courts and their hierarchy.")
staff_app = typer.Typer(help="Staff accounts and their roles.")
token_app = typer.Typer(help="Program tokens: one role, an expiry, revocable.")
admin_app.add_typer(court_app, name="court")
admin_app.add_typer(staff_app, name="staff")
admin_app.add_typer(token_app, name="token")

T = TypeVar("T")


@contextmanager
def _services(command: str) -> Iterator[Services]:
    from fapai import bootstrap, config

    with reported(f"admin {command}"):
        services, database = bootstrap.build(config.load())
        try:
            yield services
        finally:
            database.dispose()


def _run(command: str, act: Callable[[Services], T]) -> T:
    with _services(command) as services:
        return act(services)


def _show(made: NewCredentials) -> None:
    """A new account's one-time password and second factor, shown this once."""
    typer.echo(f"login: {made.login}")
    typer.echo(f"one-time password: {made.password}")
    typer.echo(f"TOTP secret: {made.totp_secret}")
    typer.echo(f"TOTP URI: {made.totp_uri}")
    typer.echo("(shown once: hand them over in person; the secret goes into an authenticator app)")


@admin_app.command("create-system-admin")
def create_system_admin(
    login: str = typer.Argument(..., help="The administrator's login."),
    name: str = typer.Option(..., "--name", help="The administrator's name."),
) -> None:
    """A system administrator: manages courts and any court's staff."""
    from fapai.app.accounts import staff
    from fapai.app.accounts.principals import SYSTEM_ADMIN

    _show(_run("create-system-admin",
               lambda s: staff.add_staff(s, None, None, login, name, [SYSTEM_ADMIN])))  # fmt: skip


@court_app.command("add")
def court_add(
    code: str = typer.Argument(..., help="A short code, e.g. sh-1zy."),
    name: str = typer.Argument(..., help="The court's name."),
    region: str = typer.Option(..., "--region", help="Its region, e.g. 上海."),
    parent: str | None = typer.Option(None, "--parent", help="The code of the court above."),
) -> None:
    """Add a court (basic, intermediate or high: say which court is above it)."""
    from fapai.app.accounts import courts

    _run("court add", lambda s: courts.create_court(s, code, name, region, parent))
    typer.echo(f"court {code} added")


@court_app.command("list")
def court_list() -> None:
    """Every court with the court above it (JSON lines)."""
    from fapai.app.accounts import courts

    for court in _run("court list", lambda s: courts.court_tree(s, None)):
        typer.echo(json.dumps(court, ensure_ascii=False))


@staff_app.command("add")
def staff_add(
    court: str = typer.Argument(..., help="The court's code."),
    login: str = typer.Argument(..., help="The staff member's login."),
    name: str = typer.Option(..., "--name", help="The staff member's name."),
    role: list[str] = typer.Option(
        ..., "--role", help="admin, auction_office, enforcement, director or supervisor; repeat."
    ),
) -> None:
    """Add a staff member; prints a one-time password and the TOTP secret."""
    from fapai.app.accounts import staff

    def act(services: Services) -> NewCredentials:
        return staff.add_staff(
            services, None, staff.court_id_of(services, court), login, name, role
        )

    _show(_run("staff add", act))


@staff_app.command("add-institution")
def staff_add_institution(
    institution: int = typer.Argument(..., help="The institution's id (its court's database)."),
    login: str = typer.Argument(..., help="The staff member's login."),
    name: str = typer.Option(..., "--name", help="The staff member's name."),
) -> None:
    """Add an auxiliary institution's staff account (its desk only); prints a one-time
    password and the TOTP secret."""
    from fapai.app.institutions import staff as institution_staff

    _show(
        _run(
            "staff add-institution",
            lambda s: institution_staff.add_staff(s, None, institution, login, name),
        )
    )


@staff_app.command("list")
def staff_list(court: str = typer.Argument(..., help="The court's code.")) -> None:
    """A court's staff with their roles and program tokens (JSON lines)."""
    from fapai.app.accounts import staff

    people = _run("staff list", lambda s: staff.staff_list(s, None, staff.court_id_of(s, court)))
    for person in people:
        typer.echo(json.dumps(person, ensure_ascii=False))


@staff_app.command("grant")
def staff_grant(login: str, role: str) -> None:
    """Grant a role; it counts from the next request."""
    from fapai.app.accounts import staff

    _run("staff grant", lambda s: staff.grant(s, None, login, role))
    typer.echo(f"{login}: {role} granted")


@staff_app.command("revoke")
def staff_revoke(login: str, role: str) -> None:
    """Revoke a role (and the account's program tokens of that role), at once."""
    from fapai.app.accounts import staff

    _run("staff revoke", lambda s: staff.revoke(s, None, login, role))
    typer.echo(f"{login}: {role} revoked")


@staff_app.command("reset")
def staff_reset(login: str) -> None:
    """A new one-time password and TOTP secret (forgotten password, lost phone); the
    account's sessions end."""
    from fapai.app.accounts import staff

    _show(_run("staff reset", lambda s: staff.reset(s, None, login)))


@staff_app.command("end")
def staff_end(login: str) -> None:
    """A leaver: no more sign-in; every session and program token ends at once."""
    from fapai.app.accounts import staff

    _run("staff end", lambda s: staff.end(s, None, login))
    typer.echo(f"{login}: access ended")


@token_app.command("create")
def token_create(
    login: str = typer.Argument(..., help="The staff account the program acts for."),
    scope: str = typer.Option(..., "--scope", help="One role the account holds."),
    days: int | None = typer.Option(None, "--days", help="Its life (default: the setting)."),
) -> None:
    """A program token (printed once)."""
    from fapai.app.accounts import tokens

    token_id, token = _run("token create", lambda s: tokens.create(s, None, login, scope, days))
    typer.echo(f"token {token_id}: {token}")


@token_app.command("revoke")
def token_revoke(token_id: int = typer.Argument(..., help="The token's number.")) -> None:
    """Revoke a program token; refused from the next request on."""
    from fapai.app.accounts import tokens

    _run("token revoke", lambda s: tokens.revoke(s, None, token_id))
    typer.echo(f"token {token_id} revoked")
