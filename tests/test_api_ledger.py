"""The ledger over HTTP: who sees which books, the statement CSV, reconciliation, and a
buyer paying the balance (OJA Arts 17, 23, 25; fund security, seed 001)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import support
from fapai.app.accounts import courts
from fapai.app.auctions.closing import close_due
from fapai.app.ledger.flows import send_due_refunds
from support import T0


def sold_auction(services, clock):
    """Two bidders paid 10,000 yuan deposits; one wins at 100,000; the loser's refund sent."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    buyer, loser = support.bidder(services, "买受人甲"), support.bidder(services, "竞买人乙")
    for person in (buyer, loser):
        assert support.pay_deposit(services, person, auction_id) == "confirmed"
    from fapai.app.auctions.bidding import place_bid

    clock.set(T0 + timedelta(hours=1))
    place_bid(services, loser.account_id, auction_id, "100000.00", "a")
    place_bid(services, buyer.account_id, auction_id, "101000.00", "b")
    clock.set(T0 + timedelta(days=1))
    assert close_due(services) == [auction_id]
    assert send_due_refunds(services) == 1
    return office, auction_id, buyer, loser


def court_token(services, office, role: str) -> str:
    return support.court_user(services, office.court_id, role)[1]


def test_court_sees_its_books_and_statement(services, server, clock, http) -> None:
    """The court account holds the buyer's deposit after the loser's refund went back."""
    office, auction_id, _, _ = sold_auction(services, clock)
    token = court_token(services, office, "supervisor")
    balances = http.get("/api/v1/court/ledger/balances", headers=support.auth(token)).json()
    assert balances["balances"][f"bank:{office.court_id}"] == "10000.00"
    assert balances["balances"][f"proceeds:{auction_id}"] == "-10000.00"
    statement = http.get("/api/v1/court/ledger/statement.csv", headers=support.auth(token))
    assert statement.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(statement.text)))
    assert [row["kind"] for row in rows] == ["deposit.received", "deposit.received", "refund.sent"]
    assert rows[-1]["balance"] == "10000.00"
    check = http.get("/api/v1/court/ledger/check", headers=support.auth(token)).json()
    assert check == {"ok": True, "problems": []}


def test_other_courts_and_bidders_see_nothing(services, server, clock, http) -> None:
    """Court roles see only their court's books; bidders see no court books at all."""
    office, _, buyer, _ = sold_auction(services, clock)
    other = support.office(services, "bj-other")
    token = court_token(services, other, "supervisor")
    balances = http.get("/api/v1/court/ledger/balances", headers=support.auth(token)).json()
    assert balances == {"balances": {}}
    odd = http.get("/api/v1/court/ledger/balances", params={"prefix": "a\x00"},
                   headers=support.auth(token))  # fmt: skip
    assert (odd.status_code, odd.json()) == (200, {"balances": {}})  # not a 500 on PostgreSQL
    support.assert_error(
        http.get("/api/v1/court/ledger/balances", headers=support.auth(buyer)), 403, "court_only"
    )
    clerk = support.auth(court_token(services, office, "auction_office"))
    support.assert_error(
        http.get("/api/v1/court/ledger/check", headers=clerk), 403, "role_not_allowed"
    )


def test_bidder_statement_shows_only_own_money(services, server, clock, http) -> None:
    _, _, buyer, loser = sold_auction(services, clock)
    mine = http.get("/api/v1/me/statement", headers=support.auth(loser)).json()["entries"]
    assert [(e["kind"], e["amount"]) for e in mine] == [
        ("deposit.received", "-10000.00"),
        ("deposit.released", "10000.00"),
        ("deposit.released", "-10000.00"),
        ("refund.sent", "10000.00"),
    ]
    theirs = http.get("/api/v1/me/statement", headers=support.auth(buyer)).json()["entries"]
    assert {e["code"] for e in theirs}.isdisjoint({e["code"] for e in mine})


def test_buyer_pays_the_balance_then_proceeds_are_paid_out(services, server, clock, http) -> None:
    """OJA Art 25: the balance into the court account; then fees first, then the creditor."""
    office, auction_id, buyer, _ = sold_auction(services, clock)
    order = http.post(f"/api/v1/auctions/{auction_id}/balance", headers=support.auth(buyer))
    assert order.status_code == 201, order.text
    assert order.json()["amount"] == "91000.00"
    paid = http.post(
        order.json()["instructions"]["pay_url"],
        json={"payer_name": buyer.name, "amount": order.json()["amount"]},
    )
    assert paid.json()["status"] == "confirmed"
    support.assert_error(
        http.post(f"/api/v1/auctions/{auction_id}/balance", headers=support.auth(buyer)),
        409, "balance_paid",
    )  # fmt: skip
    office_token = court_token(services, office, "auction_office")
    headers = support.auth(office_token)
    cashier = second_office_user(services, office)
    allocated = http.post(
        f"/api/v1/court/auctions/{auction_id}/allocation",
        json={
            "fees": "1000.00",  # at most 1,415 on a 101,000 sale (FEE Art 14, seed 003 Art 18)
            "fees_payee": {"name": "某辅助机构", "bank_account": "6222 0001"},
            "creditors": [
                {"name": "申请执行人", "bank_account": "3100 0001", "claim": "500000.00"}
            ],
        },
        headers=headers,
    )
    assert allocated.status_code == 204, allocated.text
    support.assert_error(
        http.post(f"/api/v1/court/auctions/{auction_id}/payouts/creditor", headers=cashier),
        409, "fees_first",
    )  # fmt: skip
    fees = http.post(f"/api/v1/court/auctions/{auction_id}/payouts/fees", headers=cashier).json()
    creditor = http.post(f"/api/v1/court/auctions/{auction_id}/payouts/creditor", headers=cashier)
    assert (fees["amount"], creditor.json()["amount"]) == ("1000.00", "100000.00")
    token = court_token(services, office, "supervisor")
    balances = http.get("/api/v1/court/ledger/balances", headers=support.auth(token)).json()
    assert balances["balances"][f"bank:{office.court_id}"] == "0.00"


def second_office_user(services, office) -> dict[str, str]:
    """Another auction-office user: who pays out is not who allocated (四眼原则)."""
    from fapai.app.accounts import courts

    token = courts.create_court_user(
        services, office.court_id, f"{office.court_id}-cashier", "auction_office"
    )
    return support.auth(token)


def test_reconciliation_lists_what_does_not_match(services, server, clock, http) -> None:
    office, _, _, _ = sold_auction(services, clock)
    with services.db.read() as tx:
        moves = tx.bank_transactions(office.court_id)
    lines = ["booked_on,amount,bank_ref,counterparty"]
    for move in moves[:-1]:  # the last movement is missing from the bank's statement
        amount = move.amount / 100
        lines.append(f"2026-12-01,{amount:.2f},{move.bank_ref},x")
    lines.append("2026-12-01,5.00,UNKNOWN-1,stranger")
    token = court_token(services, office, "auction_office")
    result = http.post(
        "/api/v1/court/ledger/bank-statement",
        content="\n".join(lines).encode(),
        headers={**support.auth(token), "Content-Type": "text/csv"},
    ).json()
    assert result["matched"] == len(moves) - 1
    assert [line["bank_ref"] for line in result["only_in_statement"]] == ["UNKNOWN-1"]
    assert [line["bank_ref"] for line in result["only_in_ledger"]] == [moves[-1].bank_ref]
    bad = http.post(
        "/api/v1/court/ledger/bank-statement",
        content=b"date,amount\n2026-12-01,1.00",
        headers={**support.auth(token), "Content-Type": "text/csv"},
    )
    support.assert_error(bad, 422, "bad_statement")


def test_deadline_board_and_alerts(services, server, clock, http) -> None:
    """An unpaid balance appears on the board, then as overdue once its deadline passes."""
    office, auction_id, _, _ = sold_auction(services, clock)
    token = court_token(services, office, "auction_office")
    board = http.get("/api/v1/court/ledger/deadlines", headers=support.auth(token)).json()
    assert [(d["kind"], d["amount"], d["overdue"]) for d in board["dues"]] == [
        ("balance", "91000.00", False)
    ]
    assert http.get("/api/v1/court/ledger/alerts", headers=support.auth(token)).json() == {
        "alerts": []
    }
    # Closed on Wednesday 2 December: the 10 days end with Monday 14 December (CPL Art 85,
    # the tenth day being a Saturday), so on Monday it is due and on Tuesday late.
    clock.set(T0 + timedelta(days=13))
    assert http.get("/api/v1/court/ledger/alerts", headers=support.auth(token)).json() == {
        "alerts": []
    }
    clock.set(T0 + timedelta(days=14))
    late = http.get("/api/v1/court/ledger/alerts", headers=support.auth(token)).json()["alerts"]
    assert [(a["kind"], a["auction_id"]) for a in late] == [("balance", auction_id)]


def test_applicant_bids_on_its_claim(services, server, clock, http) -> None:
    """OJA Art 17: the enforcement applicant may bid without a deposit; when its claim is
    smaller than the deposit it pays only the difference."""
    office = support.office(services)
    enforcement = support.auth(court_token(services, office, "enforcement"))
    covered, short = support.bidder(services, "申请人甲"), support.bidder(services, "申请人乙")
    first = support.auction(services, office)
    second = support.auction(services, office)
    for auction_id, who, claim in ((first, covered, "50000.00"), (second, short, "4000.00")):
        reply = http.post(
            f"/api/v1/court/auctions/{auction_id}/applicant",
            json={"id_number": who.id_number, "claim": claim},
            headers=enforcement,
        )
        assert reply.status_code == 204, reply.text
    registered = http.post(
        f"/api/v1/auctions/{first}/registration",
        json={"acknowledge_special_warnings": True},
        headers=support.auth(covered),
    ).json()
    assert registered["deposit_status"] == "exempt"
    support.assert_error(
        http.post(f"/api/v1/auctions/{first}/deposit", headers=support.auth(covered)),
        409, "deposit_already_paid",
    )  # fmt: skip
    http.post(
        f"/api/v1/auctions/{second}/registration",
        json={"acknowledge_special_warnings": True},
        headers=support.auth(short),
    )
    order = http.post(f"/api/v1/auctions/{second}/deposit", headers=support.auth(short)).json()
    assert order["amount"] == "6000.00"  # the 10,000 deposit less the 4,000 claim
    clock.set(T0 + timedelta(hours=1))
    bid = http.post(
        f"/api/v1/auctions/{first}/bids",
        json={"amount": "100000.00"},
        headers={**support.auth(covered), "Idempotency-Key": "k"},
    )
    assert bid.status_code == 201, bid.text
    clock.set(T0 + timedelta(days=1))
    assert sorted(close_due(services)) == sorted([first, second])
    token = court_token(services, office, "auction_office")
    board = http.get("/api/v1/court/ledger/deadlines", headers=support.auth(token)).json()
    assert [(d["kind"], d["auction_id"], d["amount"]) for d in board["dues"]] == [
        ("balance", first, "100000.00")
    ]


def test_creditor_takes_the_property_in_lieu(services, server, clock, http) -> None:
    """以物抵债 after a failed second round: at its reserve price, the creditor pays the
    difference between that price and its claim, and the receipt reconciles."""
    office = support.office(services)
    lot_auction = support.auction(services, office)
    with services.db.read() as tx:
        lot_id = tx.auction(lot_auction).lot_id
    from fapai.app.auctions import setup
    from fapai.domain.money import parse_yuan

    second = setup.create_auction(
        services, office, lot_id, 2, parse_yuan("80000") or 0, parse_yuan("1000") or 0,
        parse_yuan("8000") or 0, T0 + timedelta(days=2), T0 + timedelta(days=3),
    )  # fmt: skip
    enforcement = support.auth(court_token(services, office, "enforcement"))
    director = support.auth(court_token(services, office, "director"))
    support.assert_error(
        http.post(f"/api/v1/court/auctions/{lot_auction}/in-lieu/requests",
                  json={"creditor": "甲", "claim": "1.00", "rank": 1}, headers=enforcement),
        409, "not_a_failed_round",
    )  # fmt: skip
    clock.set(T0 + timedelta(days=4))
    close_due(services)
    taken = support.take_in_lieu(http, second, "50000.00", enforcement, director)
    assert taken.json() == {"difference_due": "30000.00"}
    office_auth = support.auth(court_token(services, office, "auction_office"))
    importer = support.auth(  # four eyes: who imports the statement is not who books on it
        courts.create_court_user(services, office.court_id, "importer", "auction_office")
    )
    support.assert_error(
        http.post(f"/api/v1/court/auctions/{second}/in-lieu/payment",
                  json={"bank_ref": "BANK-77", "amount": "29999.00"}, headers=office_auth),
        422, "wrong_amount",
    )  # fmt: skip
    # the receipt is booked as the bank's statement shows it (issue 13 item 10)
    imported = http.post(
        "/api/v1/court/ledger/bank-statement",
        content=b"booked_on,amount,bank_ref,counterparty\n2026-12-05,30000.00,BANK-77,creditor\n",
        headers={**importer, "Content-Type": "text/csv"},
    ).json()
    assert [line["bank_ref"] for line in imported["only_in_statement"]] == ["BANK-77"]
    paid = http.post(
        f"/api/v1/court/auctions/{second}/in-lieu/payment",
        json={"bank_ref": "BANK-77", "amount": "30000.00"},
        headers=office_auth,
    )
    assert paid.status_code == 204, paid.text
    result = http.get("/api/v1/court/ledger/reconciliation", headers=office_auth).json()
    assert result["matched"] == 1
    assert result["only_in_statement"] == result["amount_differs"] == []


def test_a_wrong_allocation_is_corrected_by_a_reversing_entry(
    services, server, clock, http
) -> None:
    """Nothing on the ledger is edited or deleted: a correction is a new transaction that
    undoes the wrong one, with its reason, asked for by one office user and approved by
    another (fund security, issues 5 and 13)."""
    office, auction_id, buyer, _ = sold_auction(services, clock)
    order = http.post(f"/api/v1/auctions/{auction_id}/balance", headers=support.auth(buyer)).json()
    http.post(
        order["instructions"]["pay_url"], json={"payer_name": buyer.name, "amount": order["amount"]}
    )
    clerk = support.auth(court_token(services, office, "auction_office"))
    cashier = second_office_user(services, office)
    plan = {
        "fees_payee": {"name": "某辅助机构", "bank_account": "6222 0001"},
        "creditors": [{"name": "申请执行人", "bank_account": "3100 0001", "claim": "500000.00"}],
    }
    http.post(
        f"/api/v1/court/auctions/{auction_id}/allocation",
        json={"fees": "1000.00", **plan},
        headers=clerk,
    )
    with services.db.read() as tx:
        wrong = max(line.transaction_id for line in tx.lines(f"proceeds:{auction_id}"))
    url = f"/api/v1/court/ledger/transactions/{wrong}/reversal"
    asked = http.post(url, json={"reason": "费用多计一位数 / fees keyed with an extra zero"},
                      headers=clerk)  # fmt: skip
    assert asked.status_code == 202, asked.text
    fixed = http.post(f"{url}/approval", headers=cashier)
    assert fixed.status_code == 201, fixed.text
    supervisor = support.auth(court_token(services, office, "supervisor"))
    books = http.get("/api/v1/court/ledger/balances", headers=supervisor).json()["balances"]
    assert books[f"proceeds:{auction_id}"] == "-101000.00"
    assert books[f"payable:fees:{auction_id}"] == "0.00"
    support.assert_error(
        http.post(url, json={"reason": "again"}, headers=clerk), 409, "already_reversed"
    )
    support.assert_error(
        http.post(url, json={"reason": "x"}, headers=supervisor), 403, "role_not_allowed"
    )
    elsewhere = support.auth(
        court_token(services, support.office(services, "gz-x"), "auction_office")
    )
    support.assert_error(http.post(url, json={"reason": "x"}, headers=elsewhere), 404, "not_found")
    again = http.post(
        f"/api/v1/court/auctions/{auction_id}/allocation", json={"fees": "100.00", **plan},
        headers=clerk,
    )  # fmt: skip
    assert again.status_code == 204, again.text
