"""Reads of personal data are logged and reviewed; personal data past retention is erased
(issue 14 item 5)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from typer.testing import CliRunner

import support
from case_support import a_court, announced_lot
from fapai.app.accounts import bidders, principals, retention
from fapai.app.accounts.ports import RetentionPolicy
from fapai.app.auctions import bidding, queries, registration
from fapai.app.auctions.closing import close_due
from fapai.app.audit.reads import Disclosure, Reader
from fapai.cli.main import app
from fapai.storage import tables

COURT = "/api/v1/court"


def reads(http, token: str, **params: int) -> dict:  # type: ignore[type-arg]
    reply = http.get(f"{COURT}/personal-data-reads", params=params, headers=support.auth(token))
    assert reply.status_code == 200, reply.text
    return reply.json()  # type: ignore[no-any-return]


def test_a_document_needs_a_purpose_and_its_read_is_logged(services, clock, server, http) -> None:
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock)
    path = f"{COURT}/lots/{lot}/documents/announcement"
    bureau = support.auth(c.tokens["enforcement"])
    support.assert_error(http.get(path, headers=bureau), 422, "purpose_required")
    support.assert_error(
        http.get(path, params={"purpose": "curiosity"}, headers=bureau), 422, "unknown_purpose"
    )
    assert support.row_count(services, tables.personal_data_reads) == 0
    made = http.get(
        path, params={"purpose": "enforcement", "purpose_note": "送达前核对"}, headers=bureau
    )
    assert made.status_code == 200, made.text

    log = reads(http, c.tokens["supervisor"])
    (row,) = log["reads"]
    assert row["who"] == f"court_user:{c.bureau.user_id}"  # a role's number, never a name
    assert row["record"].startswith("case:")
    assert row["fields"] == ["applicant", "debtor"]
    assert (row["purpose"], row["note"]) == ("enforcement", "送达前核对")
    assert row["route"] == f"GET {path}"
    assert "张三" not in str(log)
    # only the supervisor reviews, and only its own court's records
    support.assert_error(
        http.get(f"{COURT}/personal-data-reads", headers=bureau), 403, "role_not_allowed"
    )
    other = a_court(services, "bj-2zy")
    assert reads(http, other.tokens["supervisor"])["reads"] == []


def test_the_log_pages_and_the_cli_lists_it(services, clock, server, http, tmp_path) -> None:
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock)
    for _ in range(3):
        reply = http.get(
            f"{COURT}/lots/{lot}/documents/ruling_to_auction",
            params={"purpose": "sale_documents"},
            headers=support.auth(c.tokens["auction_office"]),
        )
        assert reply.status_code == 200
    first = reads(http, c.tokens["supervisor"], limit=2)
    assert len(first["reads"]) == 2
    assert first["next"] is not None
    rest = reads(http, c.tokens["supervisor"], after=first["next"], limit=2)
    assert len(rest["reads"]) == 1
    assert rest["next"] is None

    env = {"FAPAI_DATABASE_URL": services.db.engine.url.render_as_string(hide_password=False),
           "FAPAI_DATA_DIR": str(tmp_path)}  # fmt: skip
    listed = CliRunner().invoke(app, ["reads", "list", "sh-1zy"], env=env)
    assert listed.exit_code == 0, listed.output
    assert listed.output.count('"purpose": "sale_documents"') == 3
    unknown = CliRunner().invoke(app, ["reads", "list", "nowhere"], env=env)
    assert unknown.exit_code == 2

    # the command line asks for the purpose too, before any name is decrypted
    out = tmp_path / "doc.pdf"
    command = ["case", "document", str(lot), "notice", "-o", str(out), "--token"]
    refused = CliRunner().invoke(app, [*command, c.tokens["enforcement"]], env=env)
    assert refused.exit_code == 2
    assert "purpose_required" in refused.output
    assert not out.exists()


def test_the_published_buyer_name_is_logged_as_publication(services, clock) -> None:
    office = support.office(services)
    auction_id = support.auction(services, office)
    buyer = support.bidder(services, "周九")
    support.pay_deposit(services, buyer, auction_id)
    clock.set(support.T0 + timedelta(hours=1))
    bidding.place_bid(services, buyer.account_id, auction_id, "100000.00", "k1")
    clock.set(support.T0 + timedelta(days=1, seconds=1))
    close_due(services)
    shown = queries.result(services, auction_id, "GET /result")
    assert shown["confirmation"]["buyer_name"] == "周九"
    with services.db.read() as tx:
        (row,) = tx.personal_reads(office.court_id, 0, 10)
    assert (row.principal_kind, row.principal_id, row.purpose) == ("public", None, "publication")
    assert (row.record, row.fields) == (f"account:{buyer.account_id}", "real_name,id_number")


def test_idle_accounts_are_erased_after_retention(services, clock) -> None:
    idle = support.bidder(services, "吴十")
    clock.advance(days=services.retention.idle_days - 1)
    assert retention.run(services).accounts == 0
    clock.advance(days=2)
    assert retention.run(services).accounts == 1
    assert principals.authenticate(services, idle.token) is None  # the token no longer signs in
    with services.db.read() as tx:
        account = tx.account(idle.account_id)
    assert account is not None
    assert (account.name_enc, account.id_number_enc, account.phone_enc) == (b"", b"", b"")
    assert retention.run(services).accounts == 0  # idempotent
    # the person may open an account again
    again = support.Bidder("吴十", idle.id_number, "13600000001", "", 0)
    code = support.phone_code(services, again.phone)
    assert bidders.create_account(services, again.name, again.id_number, again.phone, code)


def test_auction_data_is_kept_ten_years_oja_art_29(services, clock) -> None:
    """OJA Art 29: the platform keeps an auction's electronic data at least 10 years, so
    an account that registered is kept 10 years after its last registration, however
    short the idle retention is set; a default bar keeps its own index after erasure."""
    short = dataclasses.replace(services, retention=RetentionPolicy(idle_days=30))
    office = support.office(services)
    auction_id = support.auction(services, office)
    bidder = support.bidder(services)
    registration.register(services, bidder.account_id, auction_id, True)
    with services.db.write() as tx:
        lot_id = tx.auction(auction_id).lot_id
        index = tx.account(bidder.account_id).id_number_index
        tx.bar(lot_id, index, "defaulted", clock())
    clock.advance(days=3650 - 1)
    assert retention.run(short).accounts == 0
    clock.advance(days=2)
    assert retention.run(short).accounts == 1
    with services.db.read() as tx:
        assert tx.barred(lot_id, index)  # the legal hold survives the erasure
    assert principals.authenticate(services, bidder.token) is None


def test_the_read_log_itself_is_kept_ten_years(services, clock) -> None:
    with services.db.write() as tx:
        shown = Disclosure(services.cipher, Reader("public", None, None, None, "t"), None)
        shown.decrypt("case:1", "applicant", services.cipher.encrypt("某"))
        shown.log(tx, clock())
    clock.advance(days=3650 + 1)
    assert retention.run(services).reads == 1
    assert support.row_count(services, tables.personal_data_reads) == 0


def test_the_court_reads_its_parties_in_full_and_each_view_is_logged(services, clock, http) -> None:
    """Issue 16 item 10: the court's own case list names its parties (no mask), and the
    read is on the log like any other; another court sees neither the case nor a name."""
    c = a_court(services)
    announced_lot(services, c, clock)
    listed = http.get(f"{COURT}/cases", headers=support.auth(c.tokens["director"])).json()
    (case,) = listed["cases"]
    assert (case["applicant"], case["debtor"]) == ("上海某银行股份有限公司", "张三")
    (row,) = reads(http, c.tokens["supervisor"])["reads"]
    assert row["record"] == f"case:{case['id']}"
    assert row["fields"] == ["applicant", "debtor"]
    assert (row["purpose"], row["note"]) == ("enforcement", "本院案件列表")
    other = a_court(services, "bj-2zy")
    assert http.get(f"{COURT}/cases", headers=support.auth(other.tokens["director"])).json() == {
        "cases": []
    }
