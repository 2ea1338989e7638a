"""The bidder centre over HTTP (issue 16 item 6): each bidder sees their own
registrations, money with the bank's references, a won lot's balance with its statutory
due day, and a watchlist kept on the server — and nobody else sees any of it, a court
role least of all (OJA Art 18: a code is never tied to a person but by its owner)."""

from __future__ import annotations

from datetime import timedelta

import support
from fapai.app.cases import settlement
from fapai.app.ledger import flows
from fapai.domain.calendar import beijing_date
from support import T0
from test_api_ledger import sold_auction

CENTRE = "/api/v1/me/centre"


def test_winner_and_loser_each_see_their_own_outcome_oja_art_23_25(
    services, server, clock, http
) -> None:
    _, auction_id, buyer, loser = sold_auction(services, clock)
    with services.db.read() as tx:
        (due,) = tx.dues(None, open_only=False, auction_id=auction_id, kind="balance")
    last_day = (beijing_date(due.due_at) - timedelta(days=1)).isoformat()  # CPL Art 85

    won = http.get(f"{CENTRE}/{auction_id}", headers=support.auth(buyer)).json()
    assert won["status"] == "sold"
    assert won["won"] == {
        "price": "101000.00", "deposit_applied": "10000.00", "balance": "91000.00",
        "due_day": last_day, "paid": False, "court": won["court"],
    }  # fmt: skip
    assert won["next"] == "pay_balance"
    assert won["refund"] is None

    lost = http.get(f"{CENTRE}/{auction_id}", headers=support.auth(loser)).json()
    assert lost["won"] is None
    assert lost["refund"]["state"] == "sent"
    assert lost["next"] == "refund_sent"
    kinds = [(m["kind"], m["bank_ref"] is not None) for m in lost["money"]]
    assert ("deposit.received", True) in kinds
    assert ("refund.sent", True) in kinds
    # the deposit released to the refund is one move to the bidder, listed once (OJA Art 23)
    assert [kind for kind, _ in kinds].count("deposit.released") == 1
    assert lost["code"] != won["code"]

    # the public confirmation carries the balance and its due day, as the court's PDF does
    confirmation = http.get(f"/api/v1/auctions/{auction_id}/result").json()["confirmation"]
    assert (confirmation["balance"], confirmation["balance_due"]) == ("91000.00", last_day)
    page = http.get(f"/auctions/{auction_id}/result").text
    assert "¥91,000.00" in page
    assert f"{last_day} 24:00（含当日）" in page

    # once the balance is in, the centre says what comes next (ASR Art 20)
    with services.db.write() as tx:
        flows.balance_received(
            tx, due.court_id, auction_id, 1, 91_000_00, "BANK-B1", services.clock()
        )
    paid = http.get(CENTRE, headers=support.auth(buyer)).json()["registrations"][0]
    assert (paid["won"]["paid"], paid["next"]) == (True, "balance_paid")


def test_nobody_but_the_bidder_reads_the_centre_oja_art_18(services, server, clock, http) -> None:
    office, auction_id, buyer, _ = sold_auction(services, clock)
    stranger = support.bidder(services, "路人丙")
    assert http.get(CENTRE, headers=support.auth(stranger)).json() == {
        "registrations": [], "watchlist": [],
    }  # fmt: skip
    support.assert_error(
        http.get(f"{CENTRE}/{auction_id}", headers=support.auth(stranger)), 404, "not_found"
    )
    routes = [CENTRE, f"{CENTRE}/{auction_id}", "/api/v1/me/watchlist"]
    for route in routes:
        assert http.get(route).status_code == 401, route
    for role in ("auction_office", "supervisor", "enforcement", "director"):
        _, token = support.court_user(services, office.court_id, role)
        for route in routes:
            reply = http.get(route, headers=support.auth(token))
            assert reply.status_code in (401, 403), (role, route)
            assert buyer.name not in reply.text
        watched = http.put(f"/api/v1/me/watchlist/{auction_id}", headers=support.auth(token))
        assert watched.status_code in (401, 403), role


def test_the_watchlist_is_kept_on_the_server_and_counted(services, server, clock, http) -> None:
    office = support.office(services)
    auction_id = support.auction(services, office, starts_at=T0 + timedelta(days=2))
    someone, other = support.bidder(services, "关注甲"), support.bidder(services, "关注乙")
    route = f"/api/v1/me/watchlist/{auction_id}"
    for _ in range(2):  # watching twice keeps one entry
        reply = http.put(route, headers=support.auth(someone))
        assert reply.json() == {"auction_ids": [auction_id]}
    http.put(route, headers=support.auth(other))
    support.pay_deposit(services, other, auction_id)
    snapshot = http.get(f"/api/v1/auctions/{auction_id}").json()
    assert (snapshot["watcher_count"], snapshot["registration_count"]) == (2, 1)
    assert snapshot["preemptive_holders"] is False
    page = http.get(f"/auctions/{auction_id}").text
    assert 'id="watcher-count">2<' in page
    assert 'id="registration-count">1<' in page
    assert "法院未确认本标的物有优先购买权人。" in page

    listed = http.get("/api/v1/me/watchlist", headers=support.auth(someone)).json()["watchlist"]
    assert [(w["auction_id"], w["status"]) for w in listed] == [(auction_id, "upcoming")]
    assert http.delete(route, headers=support.auth(someone)).json() == {"auction_ids": []}
    assert http.get(f"/api/v1/auctions/{auction_id}").json()["watcher_count"] == 1
    support.assert_error(
        http.put("/api/v1/me/watchlist/999999", headers=support.auth(someone)), 404, "not_found"
    )


def test_a_transfer_the_court_cannot_keep_shows_on_its_way_back_oja_art_17(
    services, server, clock, http
) -> None:
    """Money from someone else's account is refused (OJA Art 17: deposits in the bidder's
    own name) and owed back along its transfer: the bidder sees it, with its reference."""
    office = support.office(services)
    auction_id = support.auction(services, office, starts_at=T0 + timedelta(days=2))
    someone = support.bidder(services, "竞买人戊")
    assert support.pay_deposit(services, someone, auction_id, payer="其他人") == "refused"
    (entry,) = http.get(CENTRE, headers=support.auth(someone)).json()["registrations"]
    (line,) = entry["money"]
    assert line["kind"] == "transfer.refused"
    assert line["bank_ref"].startswith("T-D-")
    assert flows.send_due_refunds(services) == 1
    (entry,) = http.get(CENTRE, headers=support.auth(someone)).json()["registrations"]
    assert [m["kind"] for m in entry["money"]] == ["transfer.refused", "refund.sent"]


def test_a_buyer_who_defaults_is_told_the_deposit_is_forfeit_oja_art_24(
    services, server, clock, http
) -> None:
    office, auction_id, buyer, loser = sold_auction(services, clock)
    with services.db.read() as tx:
        (due,) = tx.dues(None, open_only=False, auction_id=auction_id, kind="balance")
    clock.set(due.due_at + timedelta(hours=1))
    enforcement, _ = support.court_user(services, office.court_id, "enforcement")
    settlement.record_default(services, enforcement, auction_id)
    entry = http.get(f"{CENTRE}/{auction_id}", headers=support.auth(buyer)).json()
    assert (entry["status"], entry["won"], entry["next"]) == ("defaulted", None, "forfeit")
    other = http.get(f"{CENTRE}/{auction_id}", headers=support.auth(loser)).json()
    assert other["next"] == "refund_sent"
