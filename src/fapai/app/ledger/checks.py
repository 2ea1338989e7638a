"""Proving the ledger holds (`fapai ledger check`) and reconciling the bank's statement.

The checks read everything and trust nothing kept on the side: transactions
must sum to zero, kept balances must equal their postings, each court's books
must balance, every deposit the registrations say is held must be held on the
ledger (and none that is not), and every overdue due must carry an alert.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.errors import forbidden, invalid
from fapai.app.ledger.flows import Problem
from fapai.app.ledger.ports import StatementLine
from fapai.app.ports import Database
from fapai.app.presenting import yuan
from fapai.app.services import Services
from fapai.domain.ledger.postings import deposit
from fapai.domain.ledger.rules import ALERT_GRACE_SECONDS
from fapai.domain.money import parse_yuan

HELD = "confirmed"


def check(db: Database, now: datetime) -> list[Problem]:
    problems: list[Problem] = []
    with db.read() as tx:
        for transaction_id in tx.unbalanced_transactions():
            problems.append(
                Problem("balanced", f"transaction #{transaction_id} does not sum to zero")
            )
        for account, kept, total in tx.drifted_balances():
            problems.append(
                Problem("balances", f"{account}: kept balance {kept} fen, postings sum {total} fen")
            )
        balances = tx.balances(None, "deposit:")
        for _court, auction_id, registration_id, status, amount in tx.deposit_states():
            held = -balances.get(deposit(auction_id, registration_id), 0)
            expected = amount if status == HELD else 0
            if held != expected:
                problems.append(
                    Problem(
                        "deposits",
                        f"registration {registration_id} (auction {auction_id}) is {status}: "
                        f"the ledger holds {held} fen, expected {expected} fen",
                    )
                )
        for court_id, total in sorted(tx.court_totals().items()):
            if total:
                problems.append(
                    Problem("court books", f"court {court_id} books are off by {total} fen")
                )
        grace = now - timedelta(seconds=ALERT_GRACE_SECONDS)
        for due in tx.dues(None, open_only=True, due_by=grace):
            if not due.alerted:
                problems.append(
                    Problem(
                        "alerts",
                        f"due #{due.id} ({due.kind}, {due.account}) is overdue without an alert",
                    )
                )
    return problems


@dataclass(frozen=True, slots=True)
class Reconciliation:
    matched: int
    only_in_statement: list[StatementLine]
    only_in_ledger: list[tuple[str, int]]  # bank reference, amount in fen
    amount_differs: list[tuple[str, int, int]]  # bank reference, statement, ledger


STATEMENT_HEADER = ["booked_on", "amount", "bank_ref", "counterparty"]


def parse_statement(text: str) -> list[StatementLine]:
    """The documented CSV: ``booked_on,amount,bank_ref,counterparty``; amounts in yuan,
    money in positive and money out negative (docs/ledger.md)."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [cell.strip() for cell in rows[0]] != STATEMENT_HEADER:
        raise invalid(
            "bad_statement", "对账单首行须为 booked_on,amount,bank_ref,counterparty。",
            "The statement's first line must be booked_on,amount,bank_ref,counterparty.",
        )  # fmt: skip
    lines = []
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != 4:
            raise _bad_line(number, "expected 4 fields")
        booked, amount_text, bank_ref, counterparty = (cell.strip() for cell in row)
        negative = amount_text.startswith("-")
        fen = parse_yuan(amount_text[1:] if negative else amount_text)
        if fen is None or not bank_ref or len(booked) != 10:
            raise _bad_line(number, "a date YYYY-MM-DD, an amount like -1234.50 and a reference")
        lines.append(
            StatementLine(number, booked, -fen if negative else fen, bank_ref, counterparty)
        )
    return lines


def _bad_line(number: int, what: str) -> Exception:
    return invalid(
        "bad_statement", f"对账单第{number}行格式有误。", f"Statement line {number}: {what}."
    )


def reconcile_as(
    services: Services, user: CourtPrincipal, import_id: str, text: str
) -> Reconciliation:
    """A court user imports its court's statement (the office or a supervisor)."""
    if user.role not in ("auction_office", "supervisor"):
        raise forbidden("role_not_allowed", "您的角色无权对账。", "Your role may not reconcile.")
    return reconcile(services, user.court_id, f"court_user:{user.login}", import_id, text)


def reconcile(
    services: Services, court_id: int, actor: str, import_id: str, text: str
) -> Reconciliation:
    """Store the statement's lines and match them with the ledger by bank reference."""
    lines = parse_statement(text)
    now = services.clock()
    with services.db.write() as tx:
        tx.add_statement(court_id, import_id, lines, now)
        trail.record(
            tx, trail.SYSTEM, now, actor, "bank_statement.imported",
            court=court_id, import_id=import_id, lines=len(lines),
        )  # fmt: skip
        statement = tx.statement(court_id)
        ledger = tx.bank_transactions(court_id)
    booked: dict[str, int] = {}
    for line in ledger:
        if line.bank_ref:
            booked[line.bank_ref] = booked.get(line.bank_ref, 0) + line.amount
    seen: set[str] = set()
    matched, only_statement, differs = 0, [], []
    for entry in statement:
        seen.add(entry.bank_ref)
        if entry.bank_ref not in booked:
            only_statement.append(entry)
        elif booked[entry.bank_ref] != entry.amount:
            differs.append((entry.bank_ref, entry.amount, booked[entry.bank_ref]))
        else:
            matched += 1
    only_ledger = [(ref, amount) for ref, amount in booked.items() if ref not in seen]
    return Reconciliation(matched, only_statement, only_ledger, differs)


def describe(result: Reconciliation) -> dict[str, object]:
    return {
        "matched": result.matched,
        "only_in_statement": [
            {
                "line": s.line,
                "booked_on": s.booked_on,
                "amount": _signed(s.amount),
                "bank_ref": s.bank_ref,
            }
            for s in result.only_in_statement
        ],
        "only_in_ledger": [{"bank_ref": r, "amount": _signed(a)} for r, a in result.only_in_ledger],
        "amount_differs": [
            {"bank_ref": r, "statement": _signed(s), "ledger": _signed(x)}
            for r, s, x in result.amount_differs
        ],
    }


def _signed(fen: int) -> str:
    return ("-" if fen < 0 else "") + (yuan(abs(fen)) or "")
