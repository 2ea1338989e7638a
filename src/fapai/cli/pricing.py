"""``fapai pricing``: the pricing procedure's steps from the command line (REF Arts
10-16, 21-24), as the court user of the token, with the same checks as the API."""

from __future__ import annotations

import typer

from fapai.cli.cases import TOKEN, _act, _day, _fen

pricing_app = typer.Typer(
    help="Online inquiries, the appraisal lottery and report objections (REF).",
    add_completion=False,
)


@pricing_app.command("inquiry")
def inquiry_command(
    lot_id: int, platform: str, amount: str, delivered_on: str, token: str = TOKEN
) -> None:
    """One platform's online inquiry result (REF Arts 10-11)."""
    from fapai.app.cases.pricing_steps import record_inquiry

    cmd = "pricing inquiry"
    fen, day = _fen(amount, cmd), _day(delivered_on, cmd)
    _act(cmd, token, lambda s, u: record_inquiry(s, u, lot_id, platform, fen, day))


@pricing_app.command("online-reference")
def online_reference_command(lot_id: int, fixed_on: str, token: str = TOKEN) -> None:
    """Fix the price as the platforms' average (REF Art 13); prints it in fen."""
    from fapai.app.cases.pricing_steps import online_reference

    day = _day(fixed_on, "pricing online-reference")
    _act("pricing online-reference", token, lambda s, u: online_reference(s, u, lot_id, day))


@pricing_app.command("draw")
def draw_command(lot_id: int, agencies: list[str], token: str = TOKEN) -> None:
    """Schedule the appraisal agency lottery among AGENCIES (REF Art 16)."""
    from fapai.app.cases.pricing_steps import schedule_appraisal_draw

    _act("pricing draw", token, lambda s, u: schedule_appraisal_draw(s, u, lot_id, agencies))


@pricing_app.command("run-draw")
def run_draw_command(lot_id: int, token: str = TOKEN) -> None:
    """Draw the appraisal agency from the published seed; prints it."""
    from fapai.app.cases.pricing_steps import run_appraisal_draw

    _act("pricing run-draw", token, lambda s, u: run_appraisal_draw(s, u, lot_id))


@pricing_app.command("delivered")
def delivered_command(lot_id: int, delivered_on: str, token: str = TOKEN) -> None:
    """The report reached the parties; prints the objection window's last day."""
    from fapai.app.cases.pricing_steps import report_delivered

    day = _day(delivered_on, "pricing delivered")
    _act("pricing delivered", token, lambda s, u: report_delivered(s, u, lot_id, day).isoformat())


@pricing_app.command("objection")
def objection_command(lot_id: int, role: str, on_date: str, token: str = TOKEN) -> None:
    """A party's objection to the report, within five days (REF Arts 22, 24)."""
    from fapai.app.cases.pricing_steps import record_objection

    day = _day(on_date, "pricing objection")
    _act("pricing objection", token, lambda s, u: record_objection(s, u, lot_id, role, day))


@pricing_app.command("resolve")
def resolve_command(lot_id: int, outcome: str, token: str = TOKEN) -> None:
    """An objection answered: rejected or corrected (REF Art 23)."""
    from fapai.app.cases.pricing_steps import resolve_objection

    _act("pricing resolve", token, lambda s, u: resolve_objection(s, u, lot_id, outcome))
