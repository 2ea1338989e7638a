"""Money booked because the bank's statement shows it: a payout or refund the bank
returned (退票), a creditor's in-lieu difference. The statement is the evidence, so it
must not be one person's word, nor serve twice.

The office imports the statement as a file; whoever imported the line may not also book
money on it (四眼原则: a user writing a CSV of its own and booking a return on it had a
paid refund sent again). A line is locked while it is booked and its reference checked
again under the lock, so concurrent requests on several processes book it once.
"""

from __future__ import annotations

from fapai.app.errors import AppError, conflict, forbidden, invalid
from fapai.app.ledger.ports import StatementLine
from fapai.app.ports import Tx


def consume(
    tx: Tx, court_id: int, bank_ref: str, amount: int, actor: str, missing: AppError
) -> StatementLine:
    """The imported, unwithdrawn line with this reference and amount, locked, that
    ``actor`` did not import and no booking has used; ``missing`` when there is none."""
    _not_booked(tx, court_id, bank_ref)
    line = next(
        (x for x in tx.statement(court_id) if x.bank_ref == bank_ref and x.amount == amount),
        None,
    )
    if line is None or line.id is None:
        raise missing
    tx.lock_statement_line(line.id)
    if line.imported_by == actor:
        raise forbidden(
            "four_eyes", "导入该对账单的人员不得据其入账，须由另一名网拍办人员办理（四眼原则）。",
            "Whoever imported the statement line may not book money on it: another office "
            "user does (four eyes).",
        )  # fmt: skip
    _not_booked(tx, court_id, bank_ref)  # again, now that the line is held
    return line


def received(tx: Tx, court_id: int, bank_ref: str, amount: int, actor: str) -> str:
    """A transfer in that the office books by hand (an in-lieu difference, a payee's
    return of a revoked sale's money), as the statement shows it; the trimmed reference."""
    bank_ref = bank_ref.strip()
    if not bank_ref or len(bank_ref) > 64:
        raise invalid("invalid_bank_ref", "银行流水号无效。", "The bank reference is not valid.")
    missing = conflict(
        "not_on_statement", "银行对账单中没有该笔入账，请先导入对账单。",
        "The bank's statement shows no such transfer in: import the statement first.",
    )  # fmt: skip
    consume(tx, court_id, bank_ref, amount, actor, missing)
    return bank_ref


def _not_booked(tx: Tx, court_id: int, bank_ref: str) -> None:
    if any(line.bank_ref == bank_ref for line in tx.bank_transactions(court_id)):
        raise conflict(
            "bank_ref_known", "该银行流水号已入账。", "This bank reference is already booked."
        )
