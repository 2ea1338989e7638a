"""``fapai institutions``: the auxiliary institutions from the command line (seed 003;
docs/institutions.md), as the court user of the token, with the same checks as the API.
Refusals are one line on standard error with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from fapai.cli.cases import TOKEN, _act, _day
from fapai.cli.common import fail

institutions_app = typer.Typer(
    help="Auxiliary institutions: the Art 9 round, agreements, the lottery, removal.",
    add_completion=False,
)


@institutions_app.command("round")
def round_command(media: str, announced_on: str, closes_on: str, token: str = TOKEN) -> None:
    """Announce a selection round (Art 9(1)); prints its id."""
    from fapai.app.institutions.rounds import open_round

    cmd = "institutions round"
    start, end = _day(announced_on, cmd), _day(closes_on, cmd)
    _act(cmd, token, lambda s, u: str(open_round(s, u, media, start, end)))


def _applicant(file: Path, cmd: str) -> Any:
    from fapai.app.institutions.rounds import Applicant, Declared, Person
    from fapai.domain.money import parse_yuan

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        declared = dict(data["declared"])
        penalty = declared.get("last_conduct_penalty")
        declared["last_conduct_penalty"] = _day(penalty, cmd) if penalty else None
        capital = parse_yuan(str(data["registered_capital"]))
        if capital is None:
            fail(cmd, "registered_capital is not an amount like 5000000.00")
        return Applicant(
            str(data["credit_code"]), str(data["name"]), capital, Declared(**declared),
            bool(data["commitments_signed"]),
            [Person(str(p["role"]), str(p["id_number"]), bool(p.get("contracted", False)))
             for p in data["persons"]],
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError) as error:
        fail(cmd, f"{file}: not an application as in docs/institutions.md ({error})")


@institutions_app.command("apply")
def apply_command(round_id: int, file: Path, token: str = TOKEN) -> None:
    """Record the application in FILE (JSON, the API's body; Art 9(2)); prints its id."""
    from fapai.app.institutions.rounds import apply

    applicant = _applicant(file, "institutions apply")
    _act("institutions apply", token, lambda s, u: str(apply(s, u, round_id, applicant)))


@institutions_app.command("review")
def review_command(round_id: int, supervision: str, token: str = TOKEN) -> None:
    """Review the applications with the supervision department (Art 9(3))."""
    from fapai.app.institutions.rounds import review

    _act("institutions review", token, lambda s, u: review(s, u, round_id, supervision))


@institutions_app.command("notice")
def notice_command(round_id: int, first_day: str, token: str = TOKEN) -> None:
    """Put the proposed list on notice (Art 9(4)); prints its last day."""
    from fapai.app.institutions.rounds import start_notice

    day = _day(first_day, "institutions notice")
    _act(
        "institutions notice", token,
        lambda s, u: start_notice(s, u, round_id, day).isoformat(),
    )  # fmt: skip


@institutions_app.command("decide")
def decide_command(
    round_id: int, decided_on: str, decision_ref: str,
    strike: list[str] = typer.Option([], "--strike", help="A proposed credit code struck."),
    token: str = TOKEN,
) -> None:  # fmt: skip
    """The adjudication committee's decision (Art 9(5)); prints the size alerts."""
    from fapai.app.institutions.rounds import decide

    day = _day(decided_on, "institutions decide")
    _act(
        "institutions decide", token, lambda s, u: decide(s, u, round_id, day, decision_ref, strike)
    )


@institutions_app.command("file")
def file_command(round_id: int, filed_on: str, token: str = TOKEN) -> None:
    """The list filed with the High Court (Art 9(6)); prints on_time or late."""
    from fapai.app.institutions.rounds import file_with_high_court

    day = _day(filed_on, "institutions file")
    _act(
        "institutions file", token,
        lambda s, u: "on_time" if file_with_high_court(s, u, round_id, day) else "late",
    )  # fmt: skip


@institutions_app.command("publish")
def publish_command(round_id: int, published_on: str, token: str = TOKEN) -> None:
    """Publish the list (Art 9(7)); prints the admitted credit codes."""
    from fapai.app.institutions.rounds import publish

    day = _day(published_on, "institutions publish")
    _act("institutions publish", token, lambda s, u: publish(s, u, round_id, day))


@institutions_app.command("show")
def show_command(token: str = TOKEN) -> None:
    """The court's rounds, database, selection and alerts, as JSON."""
    from fapai.app.institutions.public import court_view

    _act("institutions show", token, court_view)


@institutions_app.command("agree")
def agree_command(institution_id: int, starts_on: str, ends_on: str, token: str = TOKEN) -> None:
    """An entrustment agreement (Arts 11-12); prints its kind."""
    from fapai.app.institutions.agreements import sign

    cmd = "institutions agree"
    start, end = _day(starts_on, cmd), _day(ends_on, cmd)
    _act(cmd, token, lambda s, u: sign(s, u, institution_id, start, end))


@institutions_app.command("remove")
def remove_command(
    institution_id: int, grounds: list[str],
    suspend: bool = typer.Option(False, "--suspend", help="Suspend rather than remove."),
    token: str = TOKEN,
) -> None:  # fmt: skip
    """Remove (or suspend) on GROUNDS, codes art23_1..art23_19 or sh23_1..sh23_5."""
    from fapai.app.institutions import removal

    if suspend:
        _act("institutions remove", token,
             lambda s, u: removal.suspend(s, u, institution_id, grounds))  # fmt: skip
    else:
        _act("institutions remove", token,
             lambda s, u: removal.remove(s, u, institution_id, grounds))  # fmt: skip


@institutions_app.command("reported")
def reported_command(institution_id: int, reported_on: str, token: str = TOKEN) -> None:
    """The removal reported to the High Court (Art 25); prints on_time or late."""
    from fapai.app.institutions.removal import record_report

    day = _day(reported_on, "institutions reported")
    _act(
        "institutions reported", token,
        lambda s, u: "on_time" if record_report(s, u, institution_id, day) else "late",
    )  # fmt: skip


@institutions_app.command("ban-term")
def ban_term_command(years: int, token: str = TOKEN) -> None:
    """The court's ban term: 5 (seed 003 Art 26) or 3 (Shanghai item 23) years."""
    from fapai.app.institutions.removal import set_ban_term

    _act("institutions ban-term", token, lambda s, u: set_ban_term(s, u, years))


@institutions_app.command("draw")
def draw_command(
    lot_id: int,
    run: bool = typer.Option(False, "--run", help="Draw from the published seed."),
    recuse: list[str] = typer.Option([], "--recuse", help="CREDIT_CODE=reason (recusal)."),
    token: str = TOKEN,
) -> None:
    """Schedule the lot's institution draw (or, with --run, draw it)."""
    from fapai.app.institutions import designation

    if run:
        _act("institutions draw", token, lambda s, u: designation.run(s, u, lot_id))
        return
    reasons = dict(item.split("=", 1) for item in recuse if "=" in item)
    if len(reasons) != len(recuse):
        fail("institutions draw", "--recuse takes CREDIT_CODE=reason")
    _act("institutions draw", token, lambda s, u: designation.schedule(s, u, lot_id, reasons))


@institutions_app.command("replace")
def replace_command(lot_id: int, by: str, reason: str, files_due: str, token: str = TOKEN) -> None:
    """End the lot's designation (Art 15): BY is institution_request or court_decision."""
    from fapai.app.institutions.designation import replace

    day = _day(files_due, "institutions replace")
    _act("institutions replace", token, lambda s, u: replace(s, u, lot_id, by, reason, day))


@institutions_app.command("letter")
def letter_command(
    lot_id: int, out: Path,
    fmt: str = typer.Option("pdf", "--format", help="pdf or html."),
    lang: str = typer.Option("zh", "--lang", help="zh or en."),
    token: str = TOKEN,
) -> None:  # fmt: skip
    """Write the lot's entrustment letter (Art 14) to OUT."""
    from fapai.app.institutions.designation import letter

    def write(services: Any, user: Any) -> str:
        data, _ = letter(services, user, lot_id, fmt, lang)
        out.write_bytes(data)
        return str(out)

    _act("institutions letter", token, write)


@institutions_app.command("task")
def task_command(
    lot_id: int, kind: str, instructions: str, due_on: str, assignee: str,
    announce_on: str | None = typer.Option(
        None, "--announce-on", help="notify_parties: the planned announcement day."
    ),
    token: str = TOKEN,
) -> None:  # fmt: skip
    """Give the lot's institution a task of seed 003 Art 3 (KIND: materials, status_check,
    site_notice, viewing, storage_transport, notify_parties, qualification_help,
    pricing_help, delivery, other), assigned to ASSIGNEE (a login of its staff)."""
    from fapai.app.institutions.tasks import create

    cmd = "institutions task"
    due = _day(due_on, cmd)
    planned = None if announce_on is None else _day(announce_on, cmd)
    _act(cmd, token, lambda s, u: str(create(s, u, lot_id, kind, instructions, due, assignee,
                                             planned)))  # fmt: skip


@institutions_app.command("tasks")
def tasks_command(lot_id: int, token: str = TOKEN) -> None:
    """The lot's tasks with their whole log (Art 6(8)), as JSON."""
    from fapai.app.institutions.tasks import for_lot

    _act("institutions tasks", token, lambda s, u: for_lot(s, u, lot_id))


@institutions_app.command("task-review")
def task_review_command(
    task_id: int,
    accept: bool = typer.Option(False, "--accept", help="Accept the submitted work."),
    send_back: str | None = typer.Option(None, "--return", help="Send it back: the reason."),
    token: str = TOKEN,
) -> None:
    """Accept a submitted task (--accept) or send it back with the reason (--return)."""
    from fapai.app.institutions.tasks import review

    cmd = "institutions task-review"
    if accept == (send_back is not None):
        fail(cmd, "give either --accept or --return REASON")
    _act(cmd, token, lambda s, u: review(s, u, task_id, accept, send_back or ""))


@institutions_app.command("fee")
def fee_command(lot_id: int, token: str = TOKEN) -> None:
    """The lot's institution fee, round by round, with its computation (Arts 18-20)."""
    from fapai.app.institutions.fees import view

    _act("institutions fee", token, lambda s, u: view(s, u, lot_id))


@institutions_app.command("fee-complete")
def fee_complete_command(lot_id: int, token: str = TOKEN) -> None:
    """Confirm the institution's work complete: its fee due in 10 working days (Art 21)."""
    from fapai.app.institutions.fees import confirm_completion

    _act("institutions fee-complete", token, lambda s, u: confirm_completion(s, u, lot_id))


@institutions_app.command("evaluate")
def evaluate_command(
    institution_id: int, period_from: str, period_to: str, result: str, remarks: str,
    token: str = TOKEN,
) -> None:  # fmt: skip
    """Record a periodic evaluation (Shanghai item 24): result good, pass or fail."""
    from fapai.app.institutions.evaluation import record

    cmd = "institutions evaluate"
    start, end = _day(period_from, cmd), _day(period_to, cmd)
    _act(cmd, token, lambda s, u: record(s, u, institution_id, start, end, result, remarks))
