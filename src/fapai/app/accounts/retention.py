"""Retention of personal data (issue 14 item 5): what is past its time is erased.

An account that never registered for an auction keeps its name, ID number and phone for
``idle_days`` after it was opened. Data tied to an auction is part of that auction's
electronic record, which the platform keeps for at least 10 years (OJA Art 29), so an
account that registered is kept at least 10 years after its last registration, however
short ``idle_days`` is set. Erasing is crypto-shredding: the ciphertexts are overwritten
and the token stops signing in. Blind indexes survive only under a legal hold: a default
bar (OJA Art 24) keeps its own index in the lot's bar list, so the defaulter is still
refused that lot after erasure, while the person may open a new account.

Phone codes (app/accounts/phone.py) are deleted a day after they were sent. The read log
is kept ``read_log_days`` (at least the same 10 years: it is part of the
record of who saw the buyer's identity).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from fapai.app.audit import trail
from fapai.app.services import Services

AUCTION_RECORD_DAYS = 3650  # OJA Art 29: at least 10 years


@dataclass(frozen=True, slots=True)
class Erased:
    accounts: int
    reads: int


def run(services: Services, batch: int = 100) -> Erased:
    """Erase what is past retention now; idempotent, in short transactions."""
    policy = services.retention
    now = services.clock()
    created_before = now - timedelta(days=policy.idle_days)
    active_before = now - timedelta(days=max(policy.idle_days, AUCTION_RECORD_DAYS))
    with services.db.read() as tx:
        due = tx.idle_accounts(created_before, active_before)
    for start in range(0, len(due), batch):
        with services.db.write() as tx:
            for account_id in due[start : start + batch]:
                tx.erase_account(account_id, now)
                trail.record(
                    tx, trail.SYSTEM, now, "system:retention", "account.erased",
                    account=account_id,
                )  # fmt: skip
    log_days = max(policy.read_log_days, AUCTION_RECORD_DAYS)
    with services.db.write() as tx:
        reads = tx.delete_personal_reads_before(now - timedelta(days=log_days))
        tx.delete_phone_codes_before(now - timedelta(days=1))  # spent after 5 minutes
    return Erased(len(due), reads)
