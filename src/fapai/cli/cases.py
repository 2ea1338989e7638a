"""``fapai deadlines`` and ``fapai case``: the court's back office from the command line.

The acts take the court user's token (``--token`` or ``FAPAI_TOKEN``) and run the same
use cases, role checks included, as the HTTP API; refusals are one line on standard
error with exit status 2. Dates are ISO days (2026-12-01); times are ISO 8601 with an
offset (2027-01-10T10:00:00+08:00); amounts are yuan ("700000.00").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from fapai.cli.common import fail, opened

if TYPE_CHECKING:
    from fapai.app.accounts.principals import CourtPrincipal
    from fapai.app.services import Services

case_app = typer.Typer(
    help="Enforcement cases and the disposal of their lots.", add_completion=False
)

TOKEN = typer.Option(..., "--token", envvar="FAPAI_TOKEN", help="The court user's token.")


def _user(services: Services, token: str, command: str) -> CourtPrincipal:
    from fapai.app.accounts.principals import CourtPrincipal, authenticate

    who = authenticate(services, token)
    if not isinstance(who, CourtPrincipal):
        fail(command, "the token is not a court user's")
    return who


def _act(command: str, token: str, act: Callable[[Services, CourtPrincipal], Any]) -> None:
    """Run one act as the token's court user and print what it returns, if anything."""
    with opened(command) as services:
        result = act(services, _user(services, token, command))
    if result is not None:
        typer.echo(result if isinstance(result, str) else json.dumps(result, ensure_ascii=False))


def _day(text: str, command: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(command, f"{text!r} is not a date like 2026-12-01")


def _time(text: str, command: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        fail(command, f"{text!r} is not a time with an offset like 2027-01-10T10:00:00+08:00")
    return moment


def _fen(text: str, command: str) -> int:
    from fapai.domain.money import parse_yuan

    fen = parse_yuan(text)
    if fen is None:
        fail(command, f"{text!r} is not an amount like 700000.00")
    return fen


def deadlines_command(
    court: str = typer.Argument(..., help="The court's code, e.g. sh-1zy."),
    all_: bool = typer.Option(False, "--all", help="Also the clocks already met."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """The court's deadline board: every statutory clock of every case and of its money,
    overdue first (逾期). Exit status 0 whatever is due."""
    from dataclasses import asdict

    from fapai.app.cases.deadline_board import CLOCKS, board

    with opened("deadlines") as services:
        with services.db.read() as tx:
            court_id = tx.court_id_by_code(court)
        if court_id is None:
            fail("deadlines", f"no court with code {court!r}")
        rows = board(services, court_id, all_)
    labels = {"overdue": "逾期", "late": "逾期完成", "open": "待办", "done": "已完成"}
    for row in rows:
        if as_json:
            typer.echo(json.dumps(asdict(row), ensure_ascii=False))
            continue
        where = row.case_number or (f"拍卖 {row.auction_id}" if row.auction_id else "")
        what = CLOCKS[row.kind][0] + (f" {row.amount}元" if row.amount else "")
        done = f" 完成于 {row.done}" if row.done else ""
        mark = "!!" if row.state == "overdue" else "  "
        due = row.due + (" 24:00（含当日）" if row.through_day_end else "")  # CPL Art 85
        due += "（暂定）" if row.provisional else ""  # the year's schedule is not published
        typer.echo(
            f"{mark} {labels[row.state]:<4} {due:<25} {what}（{row.article}） {where}"
            f" {row.title or ''}{done}".rstrip()
        )
    if not rows:
        typer.echo("没有待办的法定期限。" if not all_ else "没有法定期限。")


@case_app.command("list")
def list_command(token: str = TOKEN) -> None:
    """The cases of the token's court, with their lots' stages (JSON)."""
    from fapai.app.cases.views import cases

    _act("case list", token, lambda s, u: cases(s, u))


@case_app.command("show")
def show_command(case_id: int, token: str = TOKEN) -> None:
    """One case: its lots, their rounds and every step taken (JSON)."""
    from fapai.app.cases.views import case

    _act("case show", token, lambda s, u: case(s, u, case_id))


@case_app.command("open")
def open_command(number: str, basis: str, applicant: str, debtor: str, token: str = TOKEN) -> None:
    """Open an enforcement case (the bureau); prints its id."""
    from fapai.app.cases.disposal import open_case

    _act("case open", token, lambda s, u: str(open_case(s, u, number, basis, applicant, debtor)))


@case_app.command("add-lot")
def add_lot_command(
    case_id: int,
    title: str,
    property_type: str = typer.Option(..., "--type", help="real_estate | movable | other_right"),
    location: str = typer.Option(..., "--location"),
    disclosure: str = typer.Option("{}", "--disclosure", help="JSON of the disclosure items."),
    house: bool = typer.Option(False, "--house", help="A house: eligibility is checked."),
    purchase_restricted: bool = typer.Option(
        False, "--purchase-restricted", help="A 限购 house: bidders commit (HSE Art 2)."
    ),
    consumption_restricted: bool = typer.Option(
        False, "--consumption-restricted", help="Closed to restricted debtors (LIM Art 3)."
    ),
    deposit_loans: str = typer.Option(
        "any", "--deposit-loans", help="May the deposit be borrowed: any | banks | forbidden."
    ),
    token: str = TOKEN,
) -> None:
    """Seized property of the case; prints the lot's id."""
    from fapai.app.cases.disposal import add_lot

    try:
        items = json.loads(disclosure)
    except ValueError:
        fail("case add-lot", "--disclosure is not JSON")
    if not isinstance(items, dict):
        fail("case add-lot", "--disclosure must be a JSON object")
    _act(
        "case add-lot", token,
        lambda s, u: str(
            add_lot(
                s, u, case_id, title, property_type, location, items, house,
                purchase_restricted, consumption_restricted, deposit_loans,
            )
        ),
    )  # fmt: skip


@case_app.command("rule")
def rule_command(lot_id: int, ruling_number: str, signed_on: str, token: str = TOKEN) -> None:
    """The ruling to auction (the bureau)."""
    from fapai.app.cases.disposal import rule_to_auction

    day = _day(signed_on, "case rule")
    _act("case rule", token, lambda s, u: rule_to_auction(s, u, lot_id, ruling_number, day))


@case_app.command("price")
def price_command(
    lot_id: int, method: str, amount: str, fixed_on: str,
    record: str = typer.Option("", "--record", help="The written record (agreed, direct)."),
    valid_until: str = typer.Option(
        "", "--valid-until", help="The last day of a shorter validity the report states."
    ),
    token: str = TOKEN,
) -> None:  # fmt: skip
    """The reference price (the office); prints the last day it is valid."""
    from fapai.app.cases.disposal import set_reference_price

    fen, day = _fen(amount, "case price"), _day(fixed_on, "case price")
    until = _day(valid_until, "case price") if valid_until else None

    def act(s: Services, u: CourtPrincipal) -> str:
        return set_reference_price(
            s, u, lot_id, method, fen, day, record or None, 1, until
        ).isoformat()

    _act("case price", token, act)


@case_app.command("terms")
def terms_command(
    lot_id: int,
    start_price: str = typer.Option(..., "--start"),
    increment: str = typer.Option(..., "--increment"),
    deposit: str = typer.Option(..., "--deposit"),
    starts_at: str = typer.Option(..., "--starts-at"),
    ends_at: str = typer.Option(..., "--ends-at"),
    balance_days: int = typer.Option(10, "--balance-days"),
    panel_number: str = typer.Option(..., "--panel", help="The collegial panel decision's number."),
    decided_on: str = typer.Option(..., "--decided-on"),
    members: str = typer.Option(..., "--members", help="The panel's members, comma-separated."),
    token: str = TOKEN,
) -> None:
    """The next round's terms, decided by the collegial panel; prints the draft auction."""
    from fapai.app.cases.auction_terms import Terms, set_terms
    from fapai.app.cases.panel import Panel

    c = "case terms"
    terms = Terms(
        _fen(start_price, c), _fen(increment, c), _fen(deposit, c), _time(starts_at, c),
        _time(ends_at, c), balance_days,
    )  # fmt: skip
    panel = Panel(panel_number, _day(decided_on, c), tuple(m.strip() for m in members.split(",")))
    _act(c, token, lambda s, u: str(set_terms(s, u, lot_id, terms, panel)))


@case_app.command("platform")
def platform_command(lot_id: int, platform: str, token: str = TOKEN) -> None:
    """The platform the applicant chose from the SPC list."""
    from fapai.app.cases.auction_terms import choose_platform

    _act("case platform", token, lambda s, u: choose_platform(s, u, lot_id, platform))


@case_app.command("draw")
def draw_command(
    lot_id: int,
    reason: str = typer.Option("none_chosen", help="none_chosen | applicants_disagree"),
    run: bool = typer.Option(False, "--run", help="Draw now from the published seed."),
    token: str = TOKEN,
) -> None:
    """Schedule the platform lottery (publishing its seed), or run it with --run."""
    from fapai.app.cases.auction_terms import run_platform_draw, schedule_platform_draw

    if run:
        _act("case draw", token, lambda s, u: run_platform_draw(s, u, lot_id))
    else:
        _act("case draw", token, lambda s, u: schedule_platform_draw(s, u, lot_id, reason))


@case_app.command("notice")
def notice_command(
    lot_id: int, role: str, recipient: str, method: str, on_date: str, token: str = TOKEN
) -> None:
    """A notice to a party or holder (written | published | waived); prints when served."""
    from fapai.app.cases.auction_terms import record_notice

    day = _day(on_date, "case notice")
    _act(
        "case notice", token,
        lambda s, u: record_notice(s, u, lot_id, role, recipient, method, day).isoformat(),
    )  # fmt: skip


@case_app.command("confirm-disclosure")
def confirm_command(lot_id: int, warnings: str = typer.Option(""), token: str = TOKEN) -> None:
    """The bureau confirms the encumbrances, holders and special warnings."""
    from fapai.app.cases.auction_terms import confirm_disclosure

    _act("case confirm-disclosure", token, lambda s, u: confirm_disclosure(s, u, lot_id, warnings))


@case_app.command("announce")
def announce_command(lot_id: int, token: str = TOKEN) -> None:
    """Publish the announcement today; prints the auction."""
    from fapai.app.cases.auction_terms import announce

    _act("case announce", token, lambda s, u: str(announce(s, u, lot_id)))


@case_app.command("pause")
def pause_command(lot_id: int, kind: str, ground: str, reason: str, token: str = TOKEN) -> None:
    """Ask to postpone (postponed) or suspend (suspended) on a Shanghai item 18 ground."""
    from fapai.app.cases.pauses import request_pause

    _act("case pause", token, lambda s, u: request_pause(s, u, lot_id, kind, ground, reason))


@case_app.command("approve-pause")
def approve_command(lot_id: int, token: str = TOKEN) -> None:
    """The director approves the pause: bidding stops now."""
    from fapai.app.cases.pauses import approve_pause

    _act("case approve-pause", token, lambda s, u: approve_pause(s, u, lot_id))


@case_app.command("exclude")
def exclude_command(
    id_number: str, category: str, remove: bool = typer.Option(False, "--remove"),
    token: str = TOKEN,
) -> None:  # fmt: skip
    """Enter a person on the court's list (OJA Art 34's categories, or restricted_consumption),
    or take them off with --remove (the office); prints whether the list changed."""
    from fapai.app.auctions.admission import add_person, remove_person

    act = remove_person if remove else add_person
    _act("case exclude", token, lambda s, u: json.dumps(act(s, u, id_number, category)))


@case_app.command("confirm-proxy")
def confirm_proxy_command(auction_id: int, ref: str, token: str = TOKEN) -> None:
    """Confirm a bidder's proxy before bidding starts (the office, OJA Art 14(2))."""
    from fapai.app.auctions.admission import confirm_proxy

    _act("case confirm-proxy", token, lambda s, u: confirm_proxy(s, u, auction_id, ref))


@case_app.command("approve-sale")
def approve_sale_command(lot_id: int, token: str = TOKEN) -> None:
    """The leader approves the drafted 变卖 (Shanghai item 5); prints its auction."""
    from fapai.app.cases.sale_approval import approve_sale

    _act("case approve-sale", token, lambda s, u: str(approve_sale(s, u, lot_id)))


@case_app.command("lift")
def lift_command(lot_id: int, on_date: str, token: str = TOKEN) -> None:
    """The ground of the pause has ended (resumption due in 5 days)."""
    from fapai.app.cases.pauses import lift_pause

    day = _day(on_date, "case lift")
    _act("case lift", token, lambda s, u: lift_pause(s, u, lot_id, day))


@case_app.command("resume")
def resume_command(lot_id: int, starts_at: str, ends_at: str, token: str = TOKEN) -> None:
    """Resume with a new bidding window; prints the auction that takes bids."""
    from fapai.app.cases.pauses import resume

    c = "case resume"
    start, end = _time(starts_at, c), _time(ends_at, c)
    _act(c, token, lambda s, u: str(resume(s, u, lot_id, start, end)))


@case_app.command("revoke")
def revoke_command(lot_id: int, ground: str, reason: str, token: str = TOKEN) -> None:
    """Revoke the lot's disposal (OJA Art 31 grounds, or debtor_paid)."""
    from fapai.app.cases.pauses import revoke

    _act("case revoke", token, lambda s, u: revoke(s, u, lot_id, ground, reason))


@case_app.command("revoke-sale")
def revoke_sale_command(
    lot_id: int, ground: str, reason: str, ruling_number: str, token: str = TOKEN
) -> None:
    """Decide to revoke the sold auction (the bureau; OBJ Art 21 / OJA Art 31 grounds)."""
    from fapai.app.cases.sale_revocation import request

    _act(
        "case revoke-sale", token,
        lambda s, u: request(s, u, lot_id, ground, reason, ruling_number),
    )  # fmt: skip


@case_app.command("approve-sale-revocation")
def approve_sale_revocation_command(lot_id: int, token: str = TOKEN) -> None:
    """The director approves: the sale is undone and the buyer's money goes back; prints
    what is refunded now, owed until the payees return it, and receivable from them."""
    from fapai.app.cases.sale_revocation import approve
    from fapai.domain.money import format_yuan

    def act(s: Services, u: CourtPrincipal) -> dict[str, Any]:
        done = approve(s, u, lot_id)
        return {
            "refunded": format_yuan(done.refunded), "owed": format_yuan(done.owed),
            "receivable": {kind: format_yuan(fen) for kind, fen in done.receivable.items()},
        }  # fmt: skip

    _act("case approve-sale-revocation", token, act)


@case_app.command("clawback")
def clawback_command(auction_id: int, kind: str, bank_ref: str, token: str = TOKEN) -> None:
    """A payee returned a revoked sale's money (the office, by the statement's reference);
    prints what went on to the buyer."""
    from fapai.app.cases.sale_revocation import record_clawback
    from fapai.domain.money import format_yuan

    _act(
        "case clawback", token,
        lambda s, u: {"refunded": format_yuan(record_clawback(s, u, auction_id, kind, bank_ref))},
    )  # fmt: skip


@case_app.command("confirmation")
def confirmation_command(lot_id: int, token: str = TOKEN) -> None:
    """The price is paid: the confirmation letter goes to the bureau."""
    from fapai.app.cases.after_sale import send_confirmation

    _act("case confirmation", token, lambda s, u: send_confirmation(s, u, lot_id))


@case_app.command("sale-ruling")
def sale_ruling_command(
    lot_id: int, ruling_number: str, signed_on: str, token: str = TOKEN
) -> None:
    """The sale ruling (the bureau)."""
    from fapai.app.cases.after_sale import rule_sale

    day = _day(signed_on, "case sale-ruling")
    _act("case sale-ruling", token, lambda s, u: rule_sale(s, u, lot_id, ruling_number, day))


@case_app.command("deliver")
def deliver_command(lot_id: int, on_date: str, token: str = TOKEN) -> None:
    """The office delivered the property."""
    from fapai.app.cases.after_sale import deliver

    day = _day(on_date, "case deliver")
    _act("case deliver", token, lambda s, u: deliver(s, u, lot_id, day))


@case_app.command("document")
def document_command(
    lot_id: int,
    kind: str,
    output: Path = typer.Option(..., "-o", "--output", help="Where to write it."),
    fmt: str = typer.Option("pdf", "--format", help="pdf | html"),
    lang: str = typer.Option("zh", "--lang", help="zh | en"),
    purpose: str = typer.Option(
        "",
        "--purpose",
        help="Why the names are read: sale_documents | title_transfer | enforcement | "
        "supervision_review (written to the read log).",
    ),
    note: str = typer.Option("", "--note", help="A few words more for the read log."),
    reissue: str = typer.Option(
        "", "--reissue", help="Issue it again as its next version, for this reason."
    ),
    token: str = TOKEN,
) -> None:
    """Write one of the lot's court documents (ruling_to_auction, notice, announcement,
    confirmation_letter, sale_ruling, title_transfer_notice), as issued once it has its
    own day (docs/documents.md)."""
    from fapai.app.cases.case_documents import generate

    if fmt not in ("pdf", "html") or lang not in ("zh", "en"):
        fail("case document", "--format is pdf or html, --lang zh or en")
    with opened("case document") as services:
        content, _ = generate(
            services, _user(services, token, "case document"), lot_id, kind, fmt, lang,
            purpose=purpose, note=note, route=f"cli: fapai case document {lot_id} {kind}",
            reissue=reissue or None,
        )  # fmt: skip
    try:
        output.write_bytes(content)
    except OSError as err:
        fail("case document", f"cannot write {output}: {err.strerror or err}")
    typer.echo(f"wrote {output} ({len(content)} bytes)")


@case_app.command("eligibility")
def eligibility_command(
    lot_id: int,
    evidence: str,
    refused: bool = typer.Option(False, "--refused", help="The proof does not hold."),
    token: str = TOKEN,
) -> None:
    """The house buyer's purchase eligibility, checked before the ruling (HSE Art 3)."""
    from fapai.app.cases.after_sale import check_eligibility

    _act(
        "case eligibility", token,
        lambda s, u: check_eligibility(s, u, lot_id, not refused, evidence),
    )  # fmt: skip


@case_app.command("title-notice")
def title_notice_command(lot_id: int, registry: str, served_on: str, token: str = TOKEN) -> None:
    """The notice asking the registry to transfer the title."""
    from fapai.app.cases.after_sale import issue_title_notice

    day = _day(served_on, "case title-notice")
    _act("case title-notice", token, lambda s, u: issue_title_notice(s, u, lot_id, registry, day))


@case_app.command("release")
def release_command(lot_id: int, reason: str, token: str = TOKEN) -> None:
    """Lift the seizure after the last failed round: the property goes back."""
    from fapai.app.cases.after_sale import release

    _act("case release", token, lambda s, u: release(s, u, lot_id, reason))
