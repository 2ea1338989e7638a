"""Reconciling the bank's statement of the court's account with the ledger.

The auction office imports the bank's CSV; each file is stored once (a second import
of the same file changes nothing), every line must be a real date, an amount the
ledger can hold and a reference. Matching is by bank reference, each ledger movement
matching at most one line; what does not match stays on the worklist until the
ledger or the statement is put right, a wrong line being withdrawn with its reason.
Where the bank gives the balance after each line, each day's closing balance is
compared with the ledger's balance of the court account at the end of that day.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, replace
from datetime import date

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.errors import forbidden, invalid, not_found
from fapai.app.ledger.ports import LedgerLine, StatementLine
from fapai.app.ledger.views import ongoing
from fapai.app.ports import Tx
from fapai.app.presenting import yuan
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.money import parse_yuan

HEADER = ["booked_on", "amount", "bank_ref", "counterparty"]
BALANCE = "balance"  # an optional fifth column: the account's balance after the line
MAX_FEN = 2**63 - 1  # what a BIGINT holds
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Reconciliation:
    matched: int
    only_in_statement: list[StatementLine]
    only_in_ledger: list[tuple[str, int]]  # bank reference, amount in fen
    amount_differs: list[tuple[str, int, int]]  # bank reference, statement, ledger
    duplicates: list[StatementLine]  # a reference already matched by an earlier line
    balance_differs: list[tuple[str, int, int]]  # day, statement closing, ledger closing
    already_imported: bool = False

    @property
    def clean(self) -> bool:
        return not (
            self.only_in_statement or self.only_in_ledger or self.amount_differs
            or self.duplicates or self.balance_differs
        )  # fmt: skip


def parse_statement(text: str) -> list[StatementLine]:
    """The documented CSV (docs/ledger.md), with or without Excel's UTF-8 BOM."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header = [cell.strip() for cell in rows[0]] if rows else []
    if header not in (HEADER, [*HEADER, BALANCE]):
        raise invalid(
            "bad_statement", "对账单首行须为 booked_on,amount,bank_ref,counterparty[,balance]。",
            "The statement's first line must be booked_on,amount,bank_ref,counterparty"
            "[,balance].",
        )  # fmt: skip
    lines = []
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != len(header):
            raise _bad_line(number, f"expected {len(header)} fields")
        cells = [cell.strip() for cell in row]
        booked, amount_text, bank_ref, counterparty = cells[:4]
        amount = _signed_fen(amount_text)
        balance = _signed_fen(cells[4]) if len(cells) == 5 else None
        if not _is_date(booked) or amount is None or (len(cells) == 5 and balance is None):
            raise _bad_line(number, "a date YYYY-MM-DD, an amount like -1234.50 and a reference")
        if (
            not bank_ref
            or len(bank_ref) > 64
            or len(counterparty) > 200
            or not (bank_ref + counterparty).isprintable()
        ):  # a control character (a NUL) is no bank's text, and PostgreSQL cannot store it
            raise _bad_line(number, "a reference of 1-64 characters, a counterparty up to 200")
        lines.append(StatementLine(number, booked, amount, bank_ref, counterparty, balance))
    return lines


def _is_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _signed_fen(text: str) -> int | None:
    """Yuan with a leading minus for money out; None when not an amount a BIGINT holds."""
    negative = text.startswith("-")
    fen = 0 if text in ("0", "0.00") else parse_yuan(text[1:] if negative else text)
    if fen is None or fen > MAX_FEN:
        return None
    return -fen if negative else fen


def _bad_line(number: int, what: str) -> Exception:
    return invalid(
        "bad_statement", f"对账单第{number}行格式有误。", f"Statement line {number}: {what}."
    )


def _office(user: CourtPrincipal) -> None:
    if user.role != "auction_office":
        raise forbidden(
            "role_not_allowed", "仅网拍办可导入或更正对账单。",
            "Only the auction office imports or corrects the bank statement.",
        )  # fmt: skip


def reconcile_as(services: Services, user: CourtPrincipal, name: str, text: str) -> Reconciliation:
    """The auction office imports its court's statement."""
    _office(user)
    return reconcile(services, user.court_id, f"court_user:{user.login}", name, text)


def reconcile(
    services: Services, court_id: int, actor: str, name: str, text: str
) -> Reconciliation:
    """Store the statement's lines (once per file) and match everything imported."""
    lines = parse_statement(text)
    digest = hashlib.sha256(text.removeprefix("\ufeff").encode()).hexdigest()
    now = services.clock()
    with services.db.write() as tx:
        added = tx.add_statement(court_id, digest, name, actor, lines, now)
        if added:
            trail.record(
                tx, trail.SYSTEM, now, actor, "bank_statement.imported",
                court=court_id, import_id=name, lines=len(lines),
            )  # fmt: skip
        result = _court_view(tx, court_id)
    return replace(result, already_imported=not added)


def worklist(services: Services, user: CourtPrincipal) -> Reconciliation:
    """What is still unmatched over every statement imported (office and supervisors)."""
    if user.role not in ("auction_office", "supervisor"):
        raise forbidden("role_not_allowed", "您的角色无权对账。", "Your role may not reconcile.")
    with services.db.read() as tx:
        return _court_view(tx, user.court_id)


def _court_view(tx: Tx, court_id: int) -> Reconciliation:
    """The match as the court may see it: a deposit of an auction not yet settled is
    not listed by its bank reference and amount (with the bank's statement, which names
    the payer, and an auction's deposit amount, it would tell who registered before the
    close, OJA Art 18); it shows once the auction has closed."""
    ledger = tx.bank_transactions(court_id)
    result = match(tx.statement(court_id), ledger)
    unsettled = ongoing(tx, {line.auction_id for line in ledger if line.auction_id})
    hidden = {
        line.bank_ref for line in ledger
        if line.kind.startswith("deposit.") and line.auction_id in unsettled
    }  # fmt: skip
    return replace(
        result,
        only_in_ledger=[
            (ref, amount) for ref, amount in result.only_in_ledger if ref not in hidden
        ],
        amount_differs=[row for row in result.amount_differs if row[0] not in hidden],
    )


def withdraw_line(services: Services, user: CourtPrincipal, line_id: int, reason: str) -> None:
    """Take a wrongly imported line out of the matching, keeping it with who and why."""
    _office(user)
    reason = reason.strip()
    if not reason or len(reason) > 200 or "\x00" in reason:  # PostgreSQL stores no NUL
        raise invalid("invalid_reason", "须写明撤回理由。", "Give the reason for withdrawing.")
    now = services.clock()
    actor = f"court_user:{user.login}"
    with services.db.write() as tx:
        if not tx.withdraw_statement_line(user.court_id, line_id, actor, reason, now):
            raise not_found("对账单行", "Statement line")
        trail.record(
            tx, trail.SYSTEM, now, actor, "bank_statement.line_withdrawn",
            court=user.court_id, line=line_id, reason=reason,
        )  # fmt: skip


def match(statement: list[StatementLine], ledger: list[LedgerLine]) -> Reconciliation:
    """Each ledger movement (by bank reference) matches at most one statement line."""
    booked: dict[str, int] = {}
    for line in ledger:
        if line.bank_ref:
            booked[line.bank_ref] = booked.get(line.bank_ref, 0) + line.amount
    seen: set[str] = set()
    matched, only_statement, differs, duplicates = 0, [], [], []
    for entry in statement:
        if entry.bank_ref in seen:
            duplicates.append(entry)
            continue
        seen.add(entry.bank_ref)
        if entry.bank_ref not in booked:
            only_statement.append(entry)
        elif booked[entry.bank_ref] != entry.amount:
            differs.append((entry.bank_ref, entry.amount, booked[entry.bank_ref]))
        else:
            matched += 1
    only_ledger = [(ref, amount) for ref, amount in booked.items() if ref not in seen]
    return Reconciliation(
        matched, only_statement, only_ledger, differs, duplicates, _closings(statement, ledger)
    )


def _closings(
    statement: list[StatementLine], ledger: list[LedgerLine]
) -> list[tuple[str, int, int]]:
    """Days whose closing balance on the statement is not the ledger's at that day's end."""
    closing: dict[str, int] = {}
    for entry in statement:
        if entry.balance is not None:
            closing[entry.booked_on] = entry.balance  # the day's last line closes it
    differs = []
    for day, balance in sorted(closing.items()):
        ends = date.fromisoformat(day)
        held = sum(line.amount for line in ledger if beijing_date(line.at) <= ends)
        if held != balance:
            differs.append((day, balance, held))
    return differs


def describe(result: Reconciliation) -> dict[str, object]:
    def line(s: StatementLine) -> dict[str, object]:
        return {
            "id": s.id, "line": s.line, "booked_on": s.booked_on, "amount": _signed(s.amount),
            "bank_ref": s.bank_ref,
        }  # fmt: skip

    return {
        "matched": result.matched,
        "already_imported": result.already_imported,
        "only_in_statement": [line(s) for s in result.only_in_statement],
        "only_in_ledger": [{"bank_ref": r, "amount": _signed(a)} for r, a in result.only_in_ledger],
        "amount_differs": [
            {"bank_ref": r, "statement": _signed(s), "ledger": _signed(x)}
            for r, s, x in result.amount_differs
        ],
        "duplicates": [line(s) for s in result.duplicates],
        "balance_differs": [
            {"booked_on": d, "statement": _signed(s), "ledger": _signed(x)}
            for d, s, x in result.balance_differs
        ],
    }


def _signed(fen: int) -> str:
    return ("-" if fen < 0 else "") + (yuan(abs(fen)) or "")
