"""Proving the ledger holds (`fapai ledger check`).

The checks read everything and trust nothing kept on the side: transactions
must sum to zero, kept balances must equal their postings, each court's books
must balance, every deposit the registrations say is held must be held on the
ledger (and none that is not), no account has the wrong sign (the court account
never below zero, nothing the court owes ever in debit), every refund owed has
its due, and every overdue due must carry an alert.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fapai.app.ledger.flows import Problem
from fapai.app.ports import Database
from fapai.domain.ledger.postings import deposit
from fapai.domain.ledger.rules import ALERT_GRACE_SECONDS

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
        everything = tx.balances(None)
        problems += _signs(everything)
        owed_refunds = {d.account for d in tx.dues(None, open_only=True, kind="refund")}
        for account, fen in sorted(everything.items()):
            if account.startswith("refund:") and fen < 0 and account not in owed_refunds:
                problems.append(
                    Problem("dues", f"{account} owes {-fen} fen with no open refund due")
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


# What the court owes is a credit balance: one of these in debit means money went
# out that nobody had put in (a forfeiture of a deposit never paid, a second payout).
OWED_PREFIXES = ("deposit:", "refund:", "proceeds:", "forfeit:", "payable:", "owed:")


def _signs(balances: dict[str, int]) -> list[Problem]:
    problems = []
    for account, fen in sorted(balances.items()):
        if account.startswith("bank:") and fen < 0:
            problems.append(
                Problem("signs", f"{account} is {fen} fen: the court account is never below zero")
            )
        elif account.startswith(OWED_PREFIXES) and fen > 0:
            problems.append(Problem("signs", f"{account} is in debit by {fen} fen"))
        elif account.startswith(("receivable:", "payer:")) and fen < 0:
            # what a payee of a revoked sale, or a party owing an institution's fee, owes
            # the court: never more returned or paid than owed
            problems.append(Problem("signs", f"{account} is in credit by {-fen} fen"))
    return problems
