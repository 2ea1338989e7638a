"""What the demo's cases must show, shared by the tests that seed it."""

from __future__ import annotations

from fapai.app.services import Services
from fapai.demo import world

# What each demo case must show: its lot's stage (domain/workflow/stages.py).
EXPECTED = {
    "seized": "seized",
    "ruled": "ruled",
    "priced": "priced",
    "terms_set": "terms_set",
    "announced": "announced",
    "live": "announced",
    "closing": "announced",
    "postponed": "paused",
    "suspended": "paused",
    "sold": "sold",
    "confirmed": "confirmed",
    "eligible": "eligible",
    "sale_ruled": "sale_ruled",
    "title_notice": "title_notice",
    "delivered": "delivered",
    "unsold": "unsold",
    "defaulted": "defaulted",
    "reauction": "announced",
    "second_round": "announced",
    "sale": "announced",
    "in_lieu": "in_lieu",
    "released": "released",
    "revoked": "revoked",
    "sale_revoked": "sale_revoked",
}


def stages_of(services: Services, seeded: world.Demo) -> dict[str, str | None]:
    with services.db.read() as tx:
        return {key: tx.lot(lot).stage for key, lot in seeded.lots.items()}  # type: ignore[union-attr]


def court_ids(services: Services, seeded: world.Demo) -> set[int]:
    with services.db.read() as tx:
        return {tx.lot(lot).court_id for lot in seeded.lots.values()}  # type: ignore[union-attr]
