"""The announcement's published facts, frozen (OJA Arts 12-16; Shanghai item 10(2)).

Before announcing, the office enters what the law lists beside the terms: the court's
dedicated account for the price (OJA Art 6(8)), how to ask and where to complain, the
viewing arrangements and whether the reference-price report is published. The
announcement freezes them, with the bureau's confirmed special warnings, the ruling
that is the basis of the sale, the reference price's method and who was notified (by
role, never by name), as version 1. Afterwards a fact changes only by a correction
(更正): a new version with its date and reason, on the trail.
"""

from __future__ import annotations

import json
from typing import Any

from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.cases.disposal import REFERENCE_METHODS, LotInCase, lot_in_case, step, text
from fapai.app.errors import conflict, invalid
from fapai.app.lots.ports import StepRecord
from fapai.app.lots.published import PUBLICATION_STEP, versions
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services

ARRANGEMENTS_STEP = "publication_facts"
# what the office enters and may later correct; each at most 500 characters
ARRANGEMENTS = ("payment_account", "contact", "supervision", "viewing")
CORRECTABLE = (*ARRANGEMENTS, "special_warnings", "report_published")


def record_arrangements(
    services: Services, user: CourtPrincipal, lot_id: int, payment_account: str,
    contact: str, supervision: str, viewing: str, report_published: bool,
) -> None:  # fmt: skip
    """The office's entries for the draft's announcement; the latest entry counts."""
    values = _arrangements(
        {"payment_account": payment_account, "contact": contact, "supervision": supervision,
         "viewing": viewing}
    )  # fmt: skip
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        rounds = tx.lot_auctions(lot_id)
        if not rounds or rounds[-1].status != "draft":
            raise conflict(
                "no_draft", "没有待公告的拍卖。", "There is no draft auction to work on."
            )
        step(
            tx, user, held, rounds[-1].id, ARRANGEMENTS_STEP, held.today,
            report_published=report_published, **values,
        )  # fmt: skip


def _arrangements(values: dict[str, str]) -> dict[str, str]:
    return {key: text(value, key, 500) for key, value in values.items()}


def freeze(tx: Tx, user: CourtPrincipal, held: LotInCase, auction: AuctionRecord) -> None:
    """Version 1: what the announcement publishes, read from the lot's facts now."""
    facts = _facts(tx, held, auction, tx.steps(held.lot.id))
    step(
        tx, user, held, auction.id, PUBLICATION_STEP, held.today, version=1,
        published_on=held.today.isoformat(), published_at=beijing(held.now), reason=None,
        changed=[], facts=facts,
    )  # fmt: skip


def _latest(steps: list[StepRecord], name: str, auction_id: int | None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for s in steps:
        if s.step == name and (auction_id is None or s.auction_id == auction_id):
            found = json.loads(s.details)
    return found


def _facts(
    tx: Tx, held: LotInCase, auction: AuctionRecord, steps: list[StepRecord]
) -> dict[str, Any]:
    lot = held.lot
    ruled = next((s for s in reversed(steps) if s.step == "ruled"), None)
    entered = _latest(steps, ARRANGEMENTS_STEP, auction.id)
    notices = [
        json.loads(s.details) for s in steps if s.auction_id == auction.id and s.step == "notice"
    ]
    holders = tx.holder_count(auction.id)
    notified_holders = sum(1 for n in notices if n["role"] == "holder")
    roles = {n["role"] for n in notices}
    method = lot.reference_method or ""
    return {
        "special_warnings": _latest(steps, "disclosure_confirmed", auction.id).get(
            "special_warnings", ""
        ),
        "basis": {
            "ruling_number": json.loads(ruled.details)["ruling_number"] if ruled else None,
            "signed_on": ruled.on_date.isoformat() if ruled else None,
        },
        "reference": {
            "method": method, "method_zh": REFERENCE_METHODS.get(method, ""),
            "amount": yuan(lot.reference_price),
            "fixed_on": lot.reference_date.isoformat() if lot.reference_date else None,
            "report_published": entered.get("report_published"),
        },
        # OJA Art 16, by role only: the page names nobody
        "notified": {
            "applicant": "applicant" in roles, "debtor": "debtor" in roles,
            "holders": {"known": holders, "notified": min(notified_holders, holders)},
        },
        **{key: entered.get(key) for key in ARRANGEMENTS},
    }  # fmt: skip


def correct(
    services: Services, user: CourtPrincipal, lot_id: int, reason: str, changes: dict[str, Any]
) -> int:
    """Publish a correction (更正) of the current announcement; returns its version."""
    why = text(reason, "reason", 500)
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if not changes or unknown:
        raise invalid(
            "invalid_correction", "更正事项无效。",
            f"Correct one or more of {', '.join(CORRECTABLE)}.",
        )  # fmt: skip
    cleaned: dict[str, Any] = dict(changes)
    if "report_published" in cleaned and not isinstance(cleaned["report_published"], bool):
        raise invalid("invalid_correction", "更正事项无效。", "report_published is true or false.")
    cleaned.update(_arrangements({k: v for k, v in changes.items() if k in ARRANGEMENTS}))
    if "special_warnings" in cleaned:
        cleaned["special_warnings"] = str(cleaned["special_warnings"]).strip()[:2000]
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        rounds = tx.lot_auctions(lot_id)
        auction = rounds[-1] if rounds else None
        found = versions(tx.steps(lot_id), auction.id) if auction is not None else []
        if auction is None or not found or auction.closed_at is not None:
            raise conflict(
                "not_published", "没有可更正的拍卖公告。",
                "There is no published announcement to correct.",
            )  # fmt: skip
        facts = dict(found[-1]["facts"])
        if "report_published" in cleaned:
            facts["reference"] = {
                **facts["reference"],
                "report_published": cleaned.pop("report_published"),
            }
        facts.update(cleaned)
        version = found[-1]["version"] + 1
        step(
            tx, user, held, auction.id, PUBLICATION_STEP, held.today, version=version,
            published_on=held.today.isoformat(), published_at=beijing(held.now), reason=why,
            changed=sorted(changes), facts=facts,
        )  # fmt: skip
    return int(version)
