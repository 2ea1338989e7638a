"""The court's own standard for auxiliary institutions' fees (seed 003 Art 18).

The city measure bounds those fees by the enforcement-fee schedule and two caps, and
lets a court charge less by a standard of its own: a rate on the price. The director
sets it for the court; it can only lower the bound the allocation checks
(``domain/ledger/fees.py``), never raise it.
"""

from __future__ import annotations

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import COURT_ROLES, CourtPrincipal
from fapai.app.audit import trail
from fapai.app.errors import invalid
from fapai.app.presenting import yuan
from fapai.app.services import Services
from fapai.domain.ledger.fees import CASE_CAP, ITEM_CAP, MAX_COURT_RATE_PER_MILLE


def set_standard(services: Services, user: CourtPrincipal, rate_per_mille: int | None) -> None:
    """Set (or, with None, drop) the court's rate, parts per 1,000 of the price."""
    require(user, "director")
    if rate_per_mille is not None and not 0 <= rate_per_mille <= MAX_COURT_RATE_PER_MILLE:
        raise invalid(
            "invalid_fee_rate",
            f"本院收费标准须为价款的千分之0至{MAX_COURT_RATE_PER_MILLE}（不得高于执行费标准）。",
            f"The court's rate must be 0 to {MAX_COURT_RATE_PER_MILLE} per 1,000 of the price "
            "(never above the enforcement-fee schedule, seed 003 Art 18).",
        )
    with services.db.write() as tx:
        now = services.clock()
        tx.set_fee_rate(user.court_id, rate_per_mille)
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "court.fee_standard",
            court=user.court_id, rate_per_mille=rate_per_mille,
        )  # fmt: skip


def standard(services: Services, user: CourtPrincipal) -> dict[str, object]:
    """What bounds this court's auxiliary fees: its own rate, if any, and the caps."""
    require(user, *COURT_ROLES)
    with services.db.read() as tx:
        rate = tx.fee_rate(user.court_id)
    return {
        "rate_per_mille": rate,
        "schedule": "FEE Art 14(1)",
        "item_cap": yuan(ITEM_CAP),
        "case_cap": yuan(CASE_CAP),
    }
