"""Searching auctions, and the court's side of the API, over real HTTP.

The court sets the terms within the law (OJA Art 17: deposit 5-20 % of the start;
Art 20: at least 24 hours of bidding), sees bidders by code only until the close
(Art 18, Art 8(2)), and after the close publishes the result naming the buyer (Art 22),
with the losers' deposits released (Art 23).
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import httpx

import support
from case_support import a_court, open_case
from fapai.app.auctions.closing import close_auction, close_due
from fapai.storage import tables

T0 = support.T0
END = T0 + timedelta(hours=24)


def written(services) -> dict[str, int]:
    return {
        t.name: support.row_count(services, t)
        for t in (
            tables.lots,
            tables.auctions,
            tables.preemptive_holders,
            tables.bids,
            tables.audit_records,
        )
    }


def bid(http, who: support.Bidder, auction_id: int, amount: str) -> httpx.Response:
    return http.post(
        f"/api/v1/auctions/{auction_id}/bids",
        json={"amount": amount},
        headers={**support.auth(who.token), "Idempotency-Key": uuid.uuid4().hex},
    )


def lot_and_auction(services, office, *, kind="real_estate", round_=1, start="100000.00",
                    starts_at=T0, hours=24.0) -> int:  # fmt: skip
    """An auction of a new lot of ``kind`` (support.auction makes real estate, round 1)."""
    from fapai.app.auctions import setup
    from fapai.app.lots import intake
    from fapai.domain.money import parse_yuan

    lot = intake.create_lot(services, office, f"{kind} 标的", kind, "上海市", {}, None)
    fen = parse_yuan(start) or 0
    return setup.create_auction(
        services, office, lot, round_, fen, fen // 100, fen // 10, starts_at,
        starts_at + timedelta(hours=hours),
    )  # fmt: skip


# --- search -------------------------------------------------------------------------------------


def test_search_filters_status_type_court_round_price_and_pages(
    services, server, clock, http
) -> None:
    """OJA Art 3: the process is public; anyone can find auctions by state, kind of
    property, court, round and price, page by page, with the total."""
    shanghai = support.office(services, "sh-1zy")
    beijing = support.office(services, "bj-2zy")
    early = T0 - timedelta(hours=20)
    ids = {
        "sold": lot_and_auction(services, shanghai, start="100000.00", starts_at=early),
        "unsold": lot_and_auction(
            services, beijing, kind="movable", round_=2, start="50000.00", starts_at=early
        ),
        "closing": lot_and_auction(services, shanghai, start="300000.00", starts_at=early),
        "live": lot_and_auction(services, shanghai, kind="movable", start="200000.00"),
        "upcoming": lot_and_auction(
            services,
            beijing,
            kind="other_right",
            start="80000.00",
            starts_at=T0 + timedelta(days=1),
        ),
        "upcoming2": lot_and_auction(
            services, shanghai, round_=2, start="1000000.00", starts_at=T0 + timedelta(days=1)
        ),
    }
    buyer = support.bidder(services)
    assert support.pay_deposit(services, buyer, ids["sold"]) == "confirmed"
    clock.set(early + timedelta(hours=1))
    assert bid(http, buyer, ids["sold"], "105000.00").status_code == 201
    clock.set(T0 + timedelta(hours=5))
    assert close_auction(services, ids["sold"])
    assert close_auction(services, ids["unsold"])
    name_of = {v: k for k, v in ids.items()}

    def found(**params: Any) -> set[str]:
        reply = http.get("/api/v1/auctions", params=params)
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert body["total"] == len(body["items"]), body  # one page is enough here
        for item in body["items"]:
            if "status" in params:
                assert item["status"] == params["status"]
        return {name_of[item["id"]] for item in body["items"]}

    assert found() == set(ids)
    for status in ("upcoming", "live", "closing", "sold", "unsold"):
        expected = {name for name in ids if name.rstrip("2") == status}
        assert found(status=status) == expected, status
    assert found(property_type="movable") == {"unsold", "live"}
    assert found(property_type="other_right") == {"upcoming"}
    assert found(court="bj-2zy") == {"unsold", "upcoming"}
    assert found(court="nowhere") == set()
    assert found(round=2) == {"unsold", "upcoming2"}
    assert found(min_price="150000.00") == {"closing", "live", "upcoming2"}
    assert found(max_price="80000") == {"unsold", "upcoming"}
    # The sold lot's price (105,000) counts, not its start (100,000).
    assert found(min_price="104000.00", max_price="106000.00") == {"sold"}
    assert found(court="sh-1zy", property_type="real_estate", status="upcoming") == {"upcoming2"}

    pages = [
        http.get("/api/v1/auctions", params={"per_page": 4, "page": page}).json()
        for page in (1, 2, 3)
    ]
    assert [p["total"] for p in pages] == [6, 6, 6]
    assert [len(p["items"]) for p in pages] == [4, 2, 0]
    assert [(p["page"], p["per_page"]) for p in pages] == [(1, 4), (2, 4), (3, 4)]
    seen = [item["id"] for p in pages for item in p["items"]]
    assert sorted(seen) == sorted(ids.values())
    ends = [item["effective_end"] for p in pages for item in p["items"]]
    assert ends == sorted(ends)  # soonest end first

    sold = next(i for i in pages[0]["items"] + pages[1]["items"] if i["id"] == ids["sold"])
    assert (sold["price"], sold["start_price"], sold["court"]["code"]) == (
        "105000.00", "100000.00", "sh-1zy",
    )  # fmt: skip


def test_search_refuses_bad_parameters(services, server, http) -> None:
    for params, code in (
        ({"status": "open"}, "invalid_request"),
        ({"property_type": "car"}, "invalid_request"),
        ({"per_page": 0}, "invalid_request"),
        ({"per_page": 101}, "invalid_request"),
        ({"page": 0}, "invalid_request"),
        ({"round": "one"}, "invalid_request"),
        ({"min_price": "abc"}, "invalid_price"),
        ({"max_price": "-1"}, "invalid_price"),
    ):
        support.assert_error(http.get("/api/v1/auctions", params=params), 422, code)


# --- who may do what ----------------------------------------------------------------------------


def test_court_endpoints_are_for_court_users_of_that_court(services, server, clock, http) -> None:
    """OJA Art 6: each court runs its own auctions. Another court's user gets the 404 of
    a missing record (issue 14: no telling which ids are another court's); a bidder gets
    403 court_only; no token, 401. Nothing is written."""
    court_a = support.office(services, "sh-1zy")
    court_b = support.office(services, "bj-2zy")
    theirs = support.auction(services, court_b)
    ours = support.auction(services, court_a)
    _, office_a = support.court_user(services, court_a.court_id, "director")
    _, enforcement_a = support.court_user(services, court_a.court_id, "enforcement")
    bidder = support.bidder(services)
    before = written(services)

    for path in (f"/api/v1/court/auctions/{theirs}/registrations",
                 f"/api/v1/court/auctions/{theirs}/bids"):  # fmt: skip
        support.assert_error(http.get(path, headers=support.auth(office_a)), 404, "not_found")
        missing = path.replace(f"/{theirs}/", f"/{theirs + 1000}/")
        assert (
            http.get(path, headers=support.auth(office_a)).json()
            == http.get(missing, headers=support.auth(office_a)).json()
        )
        support.assert_error(http.get(path, headers=support.auth(bidder.token)), 403, "court_only")
        support.assert_error(http.get(path), 401, "unauthorized")
    holder = {"id_number": bidder.id_number, "rank": 1, **support.HOLDER_BASIS}
    support.assert_error(
        http.post(f"/api/v1/court/auctions/{theirs}/preemptive-holders", json=holder,
                  headers=support.auth(enforcement_a)),
        404, "not_found",
    )  # fmt: skip
    support.assert_error(
        http.get("/api/v1/court/auctions", headers=support.auth(bidder.token)), 403, "court_only"
    )
    assert written(services) == before

    mine = http.get("/api/v1/court/auctions", headers=support.auth(office_a)).json()
    assert [item["id"] for item in mine["items"]] == [ours]
    assert mine["total"] == 1


def test_each_role_does_only_its_own_work(services, server, http) -> None:
    """执拍分离 (OJA Art 6 and the court's internal rules): the auction office keeps the
    court's OJA Art 34 list, the enforcement bureau confirms preemptive-right holders,
    supervisors check the audit trail; any other role gets 403 role_not_allowed and
    nothing changes."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    tokens = {
        role: support.court_user(services, office.court_id, role)[1]
        for role in ("auction_office", "enforcement", "director", "supervisor")
    }
    someone = support.bidder(services)
    listed = {"id_number": support.bidder(services, "法官").id_number, "category": "court_staff"}
    holder = {"id_number": someone.id_number, "rank": 1, **support.HOLDER_BASIS}
    before = written(services)
    for role in ("enforcement", "director", "supervisor"):
        reply = http.post(
            "/api/v1/court/excluded-persons", json=listed, headers=support.auth(tokens[role])
        )
        support.assert_error(reply, 403, "role_not_allowed")
    for role in ("auction_office", "director", "supervisor"):
        reply = http.post(
            f"/api/v1/court/auctions/{auction_id}/preemptive-holders",
            json=holder,
            headers=support.auth(tokens[role]),
        )
        support.assert_error(reply, 403, "role_not_allowed")
    for role in ("auction_office", "enforcement", "director"):
        reply = http.get("/api/v1/court/audit/verify", headers=support.auth(tokens[role]))
        support.assert_error(reply, 403, "role_not_allowed")
    assert written(services) == before
    verified = http.get("/api/v1/court/audit/verify", headers=support.auth(tokens["supervisor"]))
    assert verified.status_code == 200, verified.text
    assert verified.json()["ok"] is True
    entered = http.post(
        "/api/v1/court/excluded-persons",
        json=listed,
        headers=support.auth(tokens["auction_office"]),
    )
    assert entered.status_code == 200, entered.text
    confirmed = http.post(
        f"/api/v1/court/auctions/{auction_id}/preemptive-holders",
        json=holder,
        headers=support.auth(tokens["enforcement"]),
    )
    assert confirmed.status_code == 204, confirmed.text


def test_confirming_the_same_holder_twice_is_answered_not_a_crash(services, server, http) -> None:
    """OJA Art 19: the enforcement bureau may well submit a holder twice (a double click,
    a corrected rank); the answer must be the documented JSON (204 again, or a 409), never
    a 500, and the holder keeps one rank."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    _, token = support.court_user(services, office.court_id, "enforcement")
    holder = support.bidder(services)
    url = f"/api/v1/court/auctions/{auction_id}/preemptive-holders"
    first = http.post(
        url,
        json={"id_number": holder.id_number, "rank": 1, **support.HOLDER_BASIS},
        headers=support.auth(token),
    )
    assert first.status_code == 204, first.text
    answers = []
    for rank in (1, 2):
        with httpx.Client(base_url=server.url) as fresh:  # a 500 closes the connection
            again = fresh.post(
                url,
                json={"id_number": holder.id_number, "rank": rank, **support.HOLDER_BASIS},
                headers=support.auth(token),
            )
        answers.append(again.status_code)
        if again.status_code == 409:
            support.assert_error(again, 409, again.json()["error"]["code"])
    assert all(status in (204, 409) for status in answers), answers
    assert support.row_count(services, tables.preemptive_holders) == 1


# --- auctions come only through the case workflow ---------------------------------------------


def test_no_route_publishes_an_auction_outside_the_case_workflow(services, server, http) -> None:
    """Issue 16 item 2: a form at /court/new and POST /court/lots and /court/auctions made
    and published a real-estate auction with no case, ruling, reference price, panel,
    notices or announcement period. They are gone: a lot is added to a case, and an
    auction is published only by the case's announcement, after its checks."""
    _, token = support.court_user(services, support.office(services).court_id, "auction_office")
    lot = {"title": "房产", "property_type": "real_estate", "location": "上海市"}
    auction = {"lot_id": 1, "start_price": "100000.00", "increment": "1000.00",
               "deposit": "10000.00", "starts_at": "2026-12-05T10:00:00+08:00",
               "ends_at": "2026-12-06T10:00:00+08:00"}  # fmt: skip
    before = written(services)
    for path, body in (("/api/v1/court/lots", lot), ("/api/v1/court/auctions", auction)):
        reply = http.post(path, json=body, headers=support.auth(token))
        assert reply.status_code in (404, 405), (path, reply.text)
    assert http.get("/court/new").status_code == 404
    assert 'href="/court/new"' not in http.get("/court").text
    assert written(services) == before


def test_lot_text_with_odd_characters_is_answered_not_a_crash(services, server, http) -> None:
    """Whatever a court user types into a lot's title, the answer is 201 or a clear 422,
    never a 500 (PostgreSQL text cannot hold NUL characters)."""
    c = a_court(services)
    case = open_case(services, c)
    answers = {}
    for what, title in (("NUL", "房产\u0000一号"), ("surrogate", "房产\ud800")):
        with httpx.Client(base_url=server.url) as fresh:
            reply = fresh.post(
                f"/api/v1/court/cases/{case}/lots",
                content=json.dumps(
                    {"title": title, "property_type": "real_estate", "location": "上海市"}
                ).encode(),
                headers={
                    **support.auth(c.tokens["enforcement"]),
                    "Content-Type": "application/json",
                },
            )
        answers[what] = reply.status_code
    assert all(status in (201, 422) for status in answers.values()), answers


# --- what the court sees: codes, not people ----------------------------------------------------


def test_court_sees_codes_and_deposit_states_not_identities(services, server, clock, http) -> None:
    """OJA Art 18 and Art 8(2): until the close nobody, the court included, may learn who
    is bidding. Until the close the court's list gives counts and sums only (issue 14: a
    deposit's time beside a code ties the code to the payer the bank's statement names);
    after it, codes and deposit states, never identities."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    _, token = support.court_user(services, office.court_id, "director")
    paid = support.bidder(services, "钱多多")
    unpaid = support.bidder(services, "孙少少")
    assert support.pay_deposit(services, paid, auction_id) == "confirmed"
    http.post(
        f"/api/v1/auctions/{auction_id}/registration",
        json={"acknowledge_special_warnings": True},
        headers=support.auth(unpaid),
    )
    clock.set(T0 + timedelta(hours=1))
    assert bid(http, paid, auction_id, "100000.00").status_code == 201

    listing = http.get(
        f"/api/v1/court/auctions/{auction_id}/registrations", headers=support.auth(token)
    )
    assert listing.status_code == 200, listing.text
    assert listing.json()["registrations"] == []
    assert (listing.json()["closed"], listing.json()["summary"]) == (
        False, {"registrations": 2, "deposits_confirmed": 1, "deposits_amount": "10000.00"},
    )  # fmt: skip
    clock.set(END)
    assert close_due(services) == [auction_id]
    listing = http.get(
        f"/api/v1/court/auctions/{auction_id}/registrations", headers=support.auth(token)
    )
    rows = listing.json()["registrations"]
    assert [set(row) for row in rows] == [
        {"code", "preemptive_rank", "deposit_status", "deposit_confirmed_at"}
    ] * 2
    assert sorted(row["deposit_status"] for row in rows) == ["applied", "unpaid"]
    every = http.get(
        f"/api/v1/court/auctions/{auction_id}/bids", headers=support.auth(token)
    ).json()
    text = json.dumps([listing.json(), every], ensure_ascii=False)
    for person in (paid, unpaid):
        for secret in (person.name, person.id_number, person.phone, person.name[0] + "*"):
            assert secret not in text
    assert {row["code"] for row in rows} >= {b["code"] for b in every["bids"]}


# --- results and exports after the close --------------------------------------------------------


def test_result_and_export_wait_for_the_close(services, server, clock, http) -> None:
    """OJA Art 22: the confirmation is published when bidding ends, not before; the replay
    file (the public proof of the result) likewise. After the end but before the closer
    has run, still no result."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    someone = support.bidder(services)
    support.pay_deposit(services, someone, auction_id)
    clock.set(T0 + timedelta(hours=1))
    bid(http, someone, auction_id, "100000.00")
    for now in (T0 + timedelta(hours=2), END + timedelta(seconds=1)):
        clock.set(now)
        support.assert_error(http.get(f"/api/v1/auctions/{auction_id}/result"), 409, "not_closed")
        support.assert_error(http.get(f"/api/v1/auctions/{auction_id}/export"), 409, "not_closed")
    assert close_due(services) == [auction_id]
    assert http.get(f"/api/v1/auctions/{auction_id}/result").status_code == 200
    assert http.get(f"/api/v1/auctions/{auction_id}/export").status_code == 200


def test_sold_result_names_the_buyer_and_settles_deposits(services, server, clock, http) -> None:
    """OJA Art 22: the confirmation shows the buyer's real identity (ID number masked);
    Art 23: the losers' deposits are released and the buyer's is applied to the price;
    losers stay codes."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    _, token = support.court_user(services, office.court_id, "director")
    winner = support.bidder(services, "赵买受")
    losers = [support.bidder(services, "钱落选"), support.bidder(services, "孙落选")]
    for person in (winner, *losers):
        assert support.pay_deposit(services, person, auction_id) == "confirmed"
    dawdler = support.bidder(services, "李未缴")
    http.post(
        f"/api/v1/auctions/{auction_id}/registration",
        json={"acknowledge_special_warnings": True},
        headers=support.auth(dawdler),
    )
    clock.set(T0 + timedelta(hours=1))
    for person, amount in ((losers[0], "100000.00"), (winner, "101000.00"),
                           (losers[1], "102000.00"), (winner, "104000.00")):  # fmt: skip
        assert bid(http, person, auction_id, amount).status_code == 201
    clock.set(END)
    assert close_due(services) == [auction_id]

    result = http.get(f"/api/v1/auctions/{auction_id}/result").json()
    code = http.get(f"/api/v1/auctions/{auction_id}/registration",
                    headers=support.auth(winner.token)).json()["code"]  # fmt: skip
    assert (result["status"], result["winner"], result["price"]) == ("sold", code, "104000.00")
    assert result["ends_at"] == "2026-12-02T10:00:00+08:00"
    confirmation = result["confirmation"]
    assert confirmation["buyer_name"] == "赵买受"
    assert confirmation["buyer_code"] == code
    assert confirmation["price"] == "104000.00"
    masked = confirmation["buyer_id_number"]
    assert masked != winner.id_number
    assert masked[:4] == winner.id_number[:4]
    assert masked[-4:] == winner.id_number[-4:]
    assert set(masked[4:-4]) == {"*"}
    text = json.dumps(result, ensure_ascii=False)
    for loser in losers:
        assert loser.name not in text

    listing = http.get(
        f"/api/v1/court/auctions/{auction_id}/registrations", headers=support.auth(token)
    )
    states = {row["code"]: row["deposit_status"] for row in listing.json()["registrations"]}
    assert states.pop(code) == "applied"
    assert sorted(states.values()) == ["released", "released", "unpaid"]
    for person, expected in ((losers[0], "released"), (dawdler, "unpaid")):
        mine = http.get(
            f"/api/v1/auctions/{auction_id}/registration", headers=support.auth(person.token)
        )
        assert mine.json()["deposit_status"] == expected
    snapshot = http.get(f"/api/v1/auctions/{auction_id}").json()
    assert (snapshot["status"], snapshot["price"], snapshot["leader"]) == (
        "sold",
        "104000.00",
        code,
    )
    assert http.get("/api/v1/auctions", params={"status": "sold"}).json()["total"] == 1

    export = http.get(f"/api/v1/auctions/{auction_id}/export")
    assert export.status_code == 200, export.text
    document = export.json()
    assert document["format"] == "fapai-replay/1"
    assert document["auction"]["start_price"] == "100000.00"
    assert document["auction"]["increment"] == "1000.00"
    assert document["auction"]["extension_seconds"] == 300
    bidders = {entry["id"]: entry for entry in document["bidders"]}
    assert set(bidders) == set(states) | {code}
    assert bidders[code]["deposit_paid"] is True
    assert [(e["bidder"], e["amount"]) for e in document["events"]][-1] == (code, "104000.00")
    assert len(document["events"]) == 4
    exported = json.dumps(document, ensure_ascii=False)
    for person in (winner, *losers, dawdler):
        assert person.name not in exported
        assert person.id_number not in exported


def test_unsold_when_nobody_bids(services, server, clock, http) -> None:
    """流拍: with no valid bid the auction is unsold, nobody is named, every confirmed
    deposit is released (OJA Arts 23, 26)."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    _, token = support.court_user(services, office.court_id, "director")
    someone = support.bidder(services)
    assert support.pay_deposit(services, someone, auction_id) == "confirmed"
    clock.set(T0 + timedelta(hours=1))
    assert bid(http, someone, auction_id, "99000.00").status_code == 409  # refused: no sale
    clock.set(END + timedelta(hours=1))
    assert close_due(services) == [auction_id]
    result = http.get(f"/api/v1/auctions/{auction_id}/result").json()
    assert (result["status"], result["winner"], result["price"], result["confirmation"]) == (
        "unsold", None, None, None,
    )  # fmt: skip
    listing = http.get(
        f"/api/v1/court/auctions/{auction_id}/registrations", headers=support.auth(token)
    )
    assert [row["deposit_status"] for row in listing.json()["registrations"]] == ["released"]
    document = http.get(f"/api/v1/auctions/{auction_id}/export").json()
    assert document["format"] == "fapai-replay/1"
    assert [e["amount"] for e in document["events"]] == ["99000.00"]
    assert http.get("/api/v1/auctions", params={"status": "unsold"}).json()["total"] == 1
