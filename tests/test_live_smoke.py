"""A bidder finds, registers for, pays for and wins a live auction over real HTTP."""

from __future__ import annotations

from datetime import timedelta

import httpx

import support
from fapai.app.auctions.closing import close_due


def test_register_pay_bid_win_over_http(services, server, clock) -> None:
    office = support.office(services)
    auction_id = support.auction(services, office)
    with httpx.Client(base_url=server.url) as http:
        token = http.post(
            "/api/v1/accounts",
            json={"real_name": "赵六", "id_number": "11010519491231002X", "phone": "13800138000",
                  "code": support.http_phone_code(http, "13800138000")},
        ).json()["token"]  # fmt: skip
        auth = {"Authorization": f"Bearer {token}"}
        found = http.get("/api/v1/auctions", params={"status": "upcoming"}).json()
        assert [item["id"] for item in found["items"]] == [auction_id]
        reg = http.post(
            f"/api/v1/auctions/{auction_id}/registration",
            json={"acknowledge_special_warnings": True}, headers=auth,
        )  # fmt: skip
        assert reg.status_code == 200, reg.text
        order = http.post(f"/api/v1/auctions/{auction_id}/deposit", headers=auth).json()
        paid = http.post(
            order["instructions"]["pay_url"], json={"payer_name": "赵六", "amount": order["amount"]}
        )
        assert paid.json()["status"] == "confirmed"
        clock.set(support.T0 + timedelta(hours=1))
        bid = http.post(
            f"/api/v1/auctions/{auction_id}/bids", json={"amount": "100000.00"},
            headers={**auth, "Idempotency-Key": "first"},
        )  # fmt: skip
        assert bid.status_code == 201, bid.text
        again = http.post(
            f"/api/v1/auctions/{auction_id}/bids", json={"amount": "100000.00"},
            headers={**auth, "Idempotency-Key": "first"},
        )  # fmt: skip
        assert (again.status_code, again.json()) == (bid.status_code, bid.json())
        snapshot = http.get(f"/api/v1/auctions/{auction_id}").json()
        assert (snapshot["price"], snapshot["leader"], snapshot["bid_count"]) == (
            "100000.00", bid.json()["bid"]["code"], 1,
        )  # fmt: skip
        clock.set(support.T0 + timedelta(days=1))
        assert close_due(services) == [auction_id]
        result = http.get(f"/api/v1/auctions/{auction_id}/result").json()
        assert result["status"] == "sold"
        assert result["confirmation"]["buyer_name"] == "赵六"
