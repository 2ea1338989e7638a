"""The supervisor's review of the personal-data read log (issue 14 item 5): each court's
supervisor (监督) sees who read which of its records' personal data, when and why."""

from __future__ import annotations

from typing import Any

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import reads
from fapai.app.errors import invalid, not_found
from fapai.app.services import Services

MAX_PAGE = 200


def review(services: Services, user: CourtPrincipal, after_id: int, limit: int) -> dict[str, Any]:
    """One page of the reads of this court's records, oldest first (supervisor only)."""
    require(user, "supervisor")
    return _page(services, user.court_id, after_id, limit)


def review_court(services: Services, court_code: str, after_id: int, limit: int) -> dict[str, Any]:
    """The same page for the operator's command line (``fapai reads list COURT``)."""
    with services.db.read() as tx:
        court_id = tx.court_id_by_code(court_code)
    if court_id is None:
        raise not_found("法院", "Court")
    return _page(services, court_id, after_id, limit)


def _page(services: Services, court_id: int, after_id: int, limit: int) -> dict[str, Any]:
    if not 1 <= limit <= MAX_PAGE or after_id < 0:
        raise invalid(
            "invalid_page", f"每页 1 至 {MAX_PAGE} 条，after 不得为负。",
            f"A page holds 1 to {MAX_PAGE} rows and after is not negative.",
        )  # fmt: skip
    with services.db.read() as tx:
        return reads.page(tx, court_id, after_id, limit)
