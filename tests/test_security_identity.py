"""Issue 14, who may tie a code to a person before the close: a revoked or paused round
never names its leader, the court sees deposits in aggregate until the close, and
another court's records answer like missing ones (docs/security.md)."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import support
from case_support import a_court, announced_lot, auction_of, bid, drafted_lot
from fapai.app.auctions import queries
from fapai.app.auctions.closing import close_due
from fapai.app.cases import pauses
from fapai.app.ledger import views
from support import T0, bidder, pay_deposit


def _bidding_with_a_leader(services, clock):
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    leader = bidder(services, "王领先")
    assert pay_deposit(services, leader, auction) == "confirmed"
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    start = auction_of(services, auction).start_price
    assert bid(services, leader, auction, f"{start / 100:.2f}").bid.reason is None
    return c, lot, auction, leader


def _no_name(result: dict, leader) -> None:
    assert result["confirmation"] is None
    text = json.dumps(result, ensure_ascii=False)
    for secret in (leader.name, leader.id_number[:6] + "*", "确认书"):
        assert secret not in text


def test_revoking_live_bidding_keeps_the_leader_a_code(services, clock, http) -> None:
    """OJA Arts 18, 22: only a sale has a confirmation naming the buyer; a round the
    court revoked during bidding shows its leader's code, not the name."""
    c, lot, auction, leader = _bidding_with_a_leader(services, clock)
    pauses.revoke(services, c.bureau, lot, "debtor_paid", "被执行人已全部履行")
    result = http.get(f"/api/v1/auctions/{auction}/result").json()
    assert result["status"] == "revoked"
    assert result["winner"] == auction_of(services, auction).leader_code
    _no_name(result, leader)
    page = http.get(f"/auctions/{auction}/result").text
    assert leader.name not in page
    assert "成交确认书" not in page


def test_revoking_a_paused_round_with_bids_keeps_the_leader_a_code(services, clock) -> None:
    c, lot, auction, leader = _bidding_with_a_leader(services, clock)
    pauses.request_pause(services, c.bureau, lot, "suspended", "bankruptcy", "破产申请已受理")
    pauses.approve_pause(services, c.director, lot)
    pauses.revoke(services, c.bureau, lot, "debtor_paid", "被执行人已全部履行")
    result = queries.result(services, auction)
    assert result["status"] == "revoked"
    _no_name(result, leader)


def test_until_the_close_the_court_sees_deposits_in_aggregate(services, clock, http) -> None:
    """A deposit's time beside a code, or its bank reference, lets the court find the
    payer in the bank's statement: before the close neither is shown."""
    office = support.office(services)
    auction = support.auction(services, office)
    _, token = support.court_user(services, office.court_id, "director")
    someone = support.bidder(services, "赵存款")
    assert support.pay_deposit(services, someone, auction) == "confirmed"
    listing = http.get(
        f"/api/v1/court/auctions/{auction}/registrations", headers=support.auth(token)
    ).json()
    assert listing["registrations"] == []
    assert listing["closed"] is False
    assert listing["summary"]["deposits_confirmed"] == 1
    assert "deposit_confirmed_at" not in json.dumps(listing)

    def deposit_refs() -> list[str]:
        rows = csv.DictReader(io.StringIO(views.statement_csv(services, office.court_id)))
        return [row["bank_ref"] for row in rows if row["kind"] == "deposit.received"]

    _, supervisor = support.court_user(services, office.court_id, "supervisor")

    def worklist_refs() -> list[str]:
        unmatched = http.get(
            "/api/v1/court/ledger/reconciliation", headers=support.auth(supervisor)
        ).json()["only_in_ledger"]
        return [row["bank_ref"] for row in unmatched]

    assert deposit_refs() == [""]
    assert worklist_refs() == []  # the reconciliation's worklist neither (issue 14 attack)
    clock.set(T0 + timedelta(days=2))
    assert close_due(services) == [auction]
    assert deposit_refs()[0].startswith("T-D")
    # the order says nothing of the auction: its id is no part of the reference (a random
    # part may hold the same digits by chance, which says nothing)
    assert str(auction) not in deposit_refs()[0].split("-")
    assert worklist_refs() == deposit_refs()
    after = http.get(
        f"/api/v1/court/auctions/{auction}/registrations", headers=support.auth(token)
    ).json()
    assert [row["deposit_status"] for row in after["registrations"]] == ["released"]


def test_a_draft_and_another_courts_record_answer_like_missing_ones(services, clock, http) -> None:
    """Issue 14: an unannounced draft and a missing auction give the same answer to a
    bidder; another court's auction and a missing one the same to a court user."""
    c = a_court(services)
    _, auction = announced_lot(services, c, clock)
    _, draft = drafted_lot(services, c, clock)
    someone = support.bidder(services)
    missing = draft + 1000
    for path in ("registration", "deposit"):
        method = http.get if path == "registration" else http.post
        answers = [
            method(f"/api/v1/auctions/{n}/{path}", headers=support.auth(someone))
            for n in (draft, missing)
        ]
        assert [a.status_code for a in answers] == [404, 404]
        assert answers[0].json() == answers[1].json()
    other = a_court(services, "bj-2zy")
    theirs = http.get(
        f"/api/v1/court/auctions/{auction}/bids", headers=support.auth(other.tokens["director"])
    )
    nowhere = http.get(
        f"/api/v1/court/auctions/{missing}/bids", headers=support.auth(other.tokens["director"])
    )
    assert (theirs.status_code, theirs.json()) == (nowhere.status_code, nowhere.json())


def test_a_holder_needs_the_evidence_and_the_panel_and_a_small_rank(services, http) -> None:
    """Issue 14: confirming arbitrary ID numbers as holders (ranks up to 99, no case
    evidence) let enforcement test whether anyone bids. A holder now needs the evidence
    of the right and the panel's decision, both on the trail; ranks are 1 to 9."""
    office = support.office(services)
    auction = support.auction(services, office)
    _, token = support.court_user(services, office.court_id, "enforcement")
    someone = support.bidder(services)
    url = f"/api/v1/court/auctions/{auction}/preemptive-holders"
    full = {"id_number": someone.id_number, "rank": 1, **support.HOLDER_BASIS}
    for missing in ("evidence", "panel"):
        body = {k: v for k, v in full.items() if k != missing}
        support.assert_error(http.post(url, json=body, headers=support.auth(token)), 422,
                             "invalid_request")  # fmt: skip
    for body in ({**full, "rank": 10}, {**full, "evidence": "  "}):
        assert http.post(url, json=body, headers=support.auth(token)).status_code == 422
    assert http.post(url, json=full, headers=support.auth(token)).status_code == 204
    with services.db.read() as tx:
        (record,) = [r for r in tx.audit_rows(f"auction:{auction}")
                     if r.action == "preemptive_holder.confirmed"]  # fmt: skip
    payload = json.loads(record.payload)
    assert payload["evidence"] == support.HOLDER_EVIDENCE
    assert payload["panel"]["number"] == support.HOLDER_PANEL.number
