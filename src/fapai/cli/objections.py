"""``fapai objections``: objections to an auction (执行异议) from the command line, with the
same use cases and checks as the API (docs/remedies.md). Filing takes a signed-in
account's token, the court's acts a court user's (``--token`` or ``FAPAI_TOKEN``).
Refusals are one line on standard error with exit status 2."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from fapai.cli.cases import TOKEN, _act
from fapai.cli.common import fail, opened

if TYPE_CHECKING:
    from fapai.app.remedies.filing import Paper

objections_app = typer.Typer(
    help="Objections to an auction (执行异议): file, docket, notify, rule, revoke, close.",
    add_completion=False,
)

#: a paper's declared type, by its name's ending; the first bytes are then checked
_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
          ".png": "image/png"}  # fmt: skip
PAPERS = typer.Option(
    [], "--paper", help="A paper to file with it (PDF, JPEG, PNG); may be repeated."
)


def _papers(files: list[Path], command: str) -> list[Paper]:
    from fapai.app.remedies.filing import Paper

    papers = []
    for file in files:
        kind = _TYPES.get(file.suffix.lower())
        if kind is None:
            fail(command, f"{file.name}: unsupported_type: only PDF, JPEG or PNG files are taken")
        try:
            data = file.read_bytes()
        except OSError as error:
            fail(command, f"{file.name}: cannot read it ({error.strerror})")
        papers.append(Paper(file.stem[:100] or "材料", kind, data))
    return papers


@objections_app.command("file")
def file_command(
    lot_id: int, kind: str, standing: str, filer: str, grounds: str,
    paper: list[Path] = PAPERS, token: str = TOKEN,
) -> None:  # fmt: skip
    """File an objection to the lot's auction as the token's account (KIND: execution_act
    or third_party; STANDING: party, excluded_bidder, preemptive_holder or
    property_claimant); prints its number."""
    from fapai.app.accounts.principals import BidderPrincipal, authenticate
    from fapai.app.remedies.filing import file_objection

    command = "objections file"
    papers = _papers(paper, command)
    with opened(command) as services:
        who = authenticate(services, token)
        if not isinstance(who, BidderPrincipal):
            fail(command, "the token is not a signed-in account's")
        number = file_objection(
            services, who.account_id, lot_id, kind, standing, filer, grounds, papers
        )
    typer.echo(number)


@objections_app.command("list")
def list_command(token: str = TOKEN) -> None:
    """The court's objections (and those sent up to it), one JSON object per line; reading
    the objectors' names is logged (purpose: enforcement)."""
    from fapai.app.remedies.views import for_court

    _act(
        "objections list", token,
        lambda s, u: "\n".join(_line(o) for o in for_court(s, u)) or None,
    )  # fmt: skip


def _line(objection: dict[str, object]) -> str:
    import json

    return json.dumps(objection, ensure_ascii=False, sort_keys=True)


@objections_app.command("docket")
def docket_command(objection_id: int, token: str = TOKEN) -> None:
    """立案: docket the objection (the bureau; the notice clock starts, 3 days)."""
    from fapai.app.remedies.docket import docket

    _act("objections docket", token, lambda s, u: docket(s, u, objection_id))


@objections_app.command("notify")
def notify_command(
    objection_id: int, recipients: str, method: str = "written", token: str = TOKEN
) -> None:
    """Record the notice of docketing to the objector and the parties (written or
    published, as the auction's notices)."""
    from fapai.app.remedies.docket import notify

    _act("objections notify", token, lambda s, u: notify(s, u, objection_id, recipients, method))


@objections_app.command("rule")
def rule_command(
    objection_id: int, outcome: str, reason: str,
    ground: str = typer.Option(
        None, "--ground", help="OBJ Art 21's ground, for an upheld execution-act objection."
    ),
    token: str = TOKEN,
) -> None:  # fmt: skip
    """Rule on the objection (upheld, dismissed, not_accepted); prints its effect on the
    auction: revoked, revocation_due (``revoke`` once the ruling is final),
    revocation_needed, enforcement_suspended or none."""
    from fapai.app.remedies.docket import rule

    _act("objections rule", token, lambda s, u: rule(s, u, objection_id, outcome, ground, reason))


@objections_app.command("close")
def close_command(objection_id: int, note: str, token: str = TOKEN) -> None:
    """Close the objection's file (the period ran, the suit was brought, the higher court
    decided), the note saying which."""
    from fapai.app.remedies.docket import close

    _act("objections close", token, lambda s, u: close(s, u, objection_id, note))


@objections_app.command("revoke")
def revoke_command(objection_id: int, token: str = TOKEN) -> None:
    """File the after-sale revocation from the objection's final ruling (its ground and
    number); the director then approves it (``fapai case approve-sale-revocation``)."""
    from fapai.app.remedies.docket import file_revocation

    _act("objections revoke", token, lambda s, u: file_revocation(s, u, objection_id))
