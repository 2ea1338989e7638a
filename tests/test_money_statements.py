"""Fund security, part two (issue 13 items 9, 10, 12; issue 14 item 16): the bank
statement's import is the office's, validated, idempotent per file, each ledger
movement matched once, closing balances compared, wrong lines withdrawn; the in-lieu
difference is received only as the bank's statement shows it; registrations and
deposits of a barred defaulter or during a pause are refused in words that say why.
"""

from __future__ import annotations

from datetime import timedelta

import support
from fapai.app.auctions import registration
from fapai.app.auctions.closing import close_due
from fapai.app.ledger import flows
from support import T0
from test_money_rules import Court, buy

HEADER = "booked_on,amount,bank_ref,counterparty"


def post_statement(http, headers, text: str):
    return http.post(
        "/api/v1/court/ledger/bank-statement",
        content=text.encode("utf-8"),
        headers={**headers, "Content-Type": "text/csv"},
    )


def ledger_lines(services, c: Court) -> list[str]:
    """The court account's movements as statement lines (booked on 2026-12-02)."""
    with services.db.read() as tx:
        moves = tx.bank_transactions(c.id)
    return [f"2026-12-02,{m.amount / 100:.2f},{m.bank_ref},x" for m in moves]


def test_the_same_statement_twice_and_a_duplicated_reference_match_once(
    services, server, clock, http
) -> None:
    c = Court(services)
    buy(services, clock, http, c, "100000.00", "10000.00")
    lines = ledger_lines(services, c)
    assert len(lines) == 2
    text = "\n".join([HEADER, *lines, lines[0]]) + "\n"  # the first reference twice
    first = post_statement(http, c.clerk, text).json()
    assert (first["matched"], first["already_imported"]) == (2, False)
    assert [d["line"] for d in first["duplicates"]] == [4]
    again = post_statement(http, c.clerk, text).json()
    assert (again["matched"], again["already_imported"]) == (2, True)
    assert len(again["duplicates"]) == 1  # not doubled
    # Excel's "CSV UTF-8" starts with a byte-order mark: the same file, imported once
    bom = post_statement(http, c.clerk, "\ufeff" + text).json()
    assert (bom["matched"], bom["already_imported"]) == (2, True)
    # the duplicated line is withdrawn with its reason; the worklist is then clean
    duplicate = again["duplicates"][0]["id"]
    url = f"/api/v1/court/ledger/bank-statement/lines/{duplicate}/withdrawal"
    support.assert_error(http.post(url, json={"reason": "x"}, headers=c.supervisor), 403,
                         "role_not_allowed")  # fmt: skip
    support.assert_error(http.post(url, json={"reason": "重复\x00"}, headers=c.clerk), 422,
                         "invalid_reason")  # fmt: skip  # a NUL: was a 500 on PostgreSQL
    assert http.post(url, json={"reason": "银行重复导出"}, headers=c.clerk).status_code == 204
    support.assert_error(http.post(url, json={"reason": "again"}, headers=c.clerk), 404,
                         "not_found")  # fmt: skip
    worklist = http.get("/api/v1/court/ledger/reconciliation", headers=c.supervisor).json()
    assert worklist["matched"] == 2
    assert worklist["duplicates"] == worklist["only_in_statement"] == []


def test_closing_balances_are_compared_day_by_day(services, server, clock, http) -> None:
    """A statement with the bank's balance after each line: each day's closing balance
    must be the court account's balance on the ledger at the end of that day."""
    c = Court(services)
    buy(services, clock, http, c, "100000.00", "10000.00")  # two deposits on 30 November
    with services.db.read() as tx:
        moves = tx.bank_transactions(c.id)
    body = [f"{HEADER},balance"]
    running = 0
    for move in moves:
        running += move.amount
        body.append(f"2026-11-30,{move.amount / 100:.2f},{move.bank_ref},x,{running / 100:.2f}")
    good = post_statement(http, c.clerk, "\n".join(body)).json()
    assert good["balance_differs"] == []
    wrong = post_statement(
        http, c.clerk, f"{HEADER},balance\n2026-12-01,5.00,STRANGE-1,x,20005.00\n"
        "2026-12-02,1.00,STRANGE-2,x,99999.00\n",
    ).json()  # fmt: skip
    assert wrong["balance_differs"] == [
        {"booked_on": "2026-12-01", "statement": "20005.00", "ledger": "20000.00"},
        {"booked_on": "2026-12-02", "statement": "99999.00", "ledger": "20000.00"},
    ]
    assert [line["bank_ref"] for line in wrong["only_in_statement"]] == ["STRANGE-1", "STRANGE-2"]


def test_a_malformed_statement_is_refused_and_only_the_office_imports(
    services, server, clock, http
) -> None:
    c = Court(services)
    for line in (
        "9999-99-99,1.00,R-1,x",
        "not-a-date,1.00,R-1,x",
        "2026-02-30,1.00,R-1,x",
        "2026-12-01,92233720368547758.08,R-1,x",  # 2**63 fen: more than the ledger holds
        "2026-12-01,-92233720368547758.08,R-1,x",
        f"2026-12-01,1.00,{'R' * 65},x",
        f"2026-12-01,1.00,R-1,{'x' * 201}",
    ):
        support.assert_error(
            post_statement(http, c.clerk, f"{HEADER}\n{line}\n"), 422, "bad_statement"
        )
    for headers in (c.supervisor, c.bureau):
        support.assert_error(
            post_statement(http, headers, f"{HEADER}\n2026-12-01,1.00,R-1,x\n"),
            403, "role_not_allowed",
        )  # fmt: skip
    fine = post_statement(http, c.clerk, f"{HEADER}\n2026-12-01,99999999999.99,R-1,x\n")
    assert fine.status_code == 200, fine.text


def test_the_in_lieu_difference_is_received_only_as_the_bank_reports_it(
    services, server, clock, http
) -> None:
    """以物抵债: an invented reference, or a deposit's, is refused; a transfer that the
    imported bank statement shows with the amount due is booked."""
    from fapai.app.auctions import setup
    from fapai.domain.money import parse_yuan

    c = Court(services)
    first = support.auction(services, c.office)
    with services.db.read() as tx:
        lot_id = tx.auction(first).lot_id
    second = setup.create_auction(
        services, c.office, lot_id, 2, parse_yuan("80000") or 0, parse_yuan("1000") or 0,
        parse_yuan("8000") or 0, T0 + timedelta(days=2), T0 + timedelta(days=3),
    )  # fmt: skip
    someone = support.bidder(services, "竞买人")
    assert support.pay_deposit(services, someone, first) == "confirmed"
    deposit_ref = ledger_lines(services, c)[0].split(",")[2]
    clock.set(T0 + timedelta(days=4))
    close_due(services)
    flows.send_due_refunds(services)
    taken = support.take_in_lieu(http, second, "50000.00", c.bureau, c.director)
    assert taken.json() == {"difference_due": "30000.00"}
    url = f"/api/v1/court/auctions/{second}/in-lieu/payment"
    support.assert_error(
        http.post(url, json={"bank_ref": "INVENTED-1", "amount": "30000.00"}, headers=c.clerk),
        409, "not_on_statement",
    )  # fmt: skip
    support.assert_error(
        http.post(url, json={"bank_ref": deposit_ref, "amount": "30000.00"}, headers=c.clerk),
        409, "bank_ref_known",
    )  # fmt: skip
    post_statement(http, c.cashier, f"{HEADER}\n2026-12-05,30000.00,BANK-77,creditor\n")
    paid = http.post(url, json={"bank_ref": "BANK-77", "amount": "30000.00"}, headers=c.clerk)
    assert paid.status_code == 204, paid.text
    worklist = http.get("/api/v1/court/ledger/reconciliation", headers=c.clerk).json()
    assert worklist["only_in_statement"] == worklist["amount_differs"] == []


def test_a_deposit_during_a_pause_is_refused_as_paused(services, clock) -> None:
    """OJA Art 28: a paused auction takes no deposits; the refusal says it is paused."""
    c = Court(services)
    auction_id = support.auction(services, c.office)
    someone = support.bidder(services, "竞买人")
    registration.register(services, someone.account_id, auction_id, True)
    order = registration.request_deposit(services, someone.account_id, auction_id)
    with services.db.write() as tx:  # the director's approved pause (app/cases/pauses.py)
        tx.set_pause(auction_id, "suspended", '{"kind": "suspended"}')
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order.order_ref, 1_000_000, someone.name, "T-PAUSED"
    )
    outcome = registration.accept_bank_notice(services, body, signature)
    assert (outcome.status, outcome.reason) == ("refused", "auction_paused")
    assert flows.send_due_refunds(services) == 1
    with services.db.write() as tx:
        tx.set_pause(auction_id, "open", None)


def test_an_unpaid_in_lieu_difference_has_a_default_path(services, server, clock, http) -> None:
    """ASR Art 16: the creditor who does not pay the difference by its deadline loses
    the taking; the due is closed (it was on the board and alerted), the round is unsold
    again and the bureau may go on (a 变卖, or the release)."""
    from fapai.app.auctions import setup
    from fapai.domain.money import parse_yuan

    c = Court(services)
    first = support.auction(services, c.office)
    with services.db.read() as tx:
        lot_id = tx.auction(first).lot_id
    second = setup.create_auction(
        services, c.office, lot_id, 2, parse_yuan("80000") or 0, parse_yuan("1000") or 0,
        parse_yuan("8000") or 0, T0 + timedelta(days=2), T0 + timedelta(days=3),
    )  # fmt: skip
    clock.set(T0 + timedelta(days=4))
    close_due(services)
    support.take_in_lieu(http, second, "50000.00", c.bureau, c.director)
    url = f"/api/v1/court/auctions/{second}/in-lieu/default"
    support.assert_error(http.post(url, headers=c.bureau), 409, "difference_not_yet_due")
    clock.set(T0 + timedelta(days=30))
    assert flows.raise_alerts(services) == 1
    support.assert_error(http.post(url, headers=c.clerk), 403, "role_not_allowed")
    assert http.post(url, headers=c.bureau).status_code == 204
    assert http.get(f"/api/v1/auctions/{second}").json()["status"] == "unsold"
    board = http.get("/api/v1/court/ledger/deadlines", headers=c.clerk).json()["dues"]
    assert board == []
    support.assert_error(http.post(url, headers=c.bureau), 409, "nothing_due")


def test_the_reconcile_command_imports_a_file_once(real_services, tmp_path) -> None:
    """`fapai ledger reconcile`: Excel's UTF-8 file with its byte-order mark is read, the
    same file a second time stores nothing, a malformed one exits 2 with one line."""
    import json
    import subprocess

    from fapai.app.accounts import courts as court_accounts

    services, env = real_services
    court_accounts.create_court(services, "bj-cli", "北京某法院", "北京")
    statement = tmp_path / "statement.csv"
    statement.write_bytes(("\ufeff" + f"{HEADER}\r\n2026-12-01,5.00,UNKNOWN-1,x\r\n").encode())
    command = [str(support.FAPAI), "ledger", "reconcile", "bj-cli", str(statement)]
    runs = [subprocess.run(command, env=env, capture_output=True, timeout=60) for _ in range(2)]
    assert [run.returncode for run in runs] == [1, 1]  # a line only in the statement
    answers = [json.loads(run.stdout) for run in runs]
    assert [a["already_imported"] for a in answers] == [False, True]
    assert [len(a["only_in_statement"]) for a in answers] == [1, 1]
    statement.write_text(f"{HEADER}\n9999-99-99,5.00,R,x\n", encoding="utf-8")
    bad = subprocess.run(command, env=env, capture_output=True, timeout=60)
    assert bad.returncode == 2
    assert len(bad.stderr.decode().strip().splitlines()) == 1
