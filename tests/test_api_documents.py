"""A lot's documents as the court gets them: a PDF saved under its Chinese name (RFC 6266,
with an ASCII name for old clients), dated by the act it records, and a sale ruling
signed by the collegial panel on record."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import unquote

from pypdf import PdfReader

from case_support import (
    PANEL_MEMBERS,
    a_court,
    announced_lot,
    auction_of,
    bid,
    close_at_end,
    drafted_lot,
    pay_balance,
    today,
)
from fapai.app.cases import after_sale, case_documents
from support import auth, bidder, pay_deposit
from test_documents import pdf_text

COURT = "/api/v1/court"


def test_a_pdf_is_an_attachment_named_by_its_case_in_chinese(services, clock, http) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    reply = http.get(
        f"{COURT}/lots/{lot}/documents/ruling_to_auction",
        params={"purpose": "sale_documents"},
        headers=auth(c.tokens["enforcement"]),
    )
    assert reply.status_code == 200
    disposition = reply.headers["content-disposition"]
    found = re.fullmatch(
        rf"attachment; filename=\"ruling_to_auction-{lot}\.pdf\"; filename\*=UTF-8''(\S+)",
        disposition,
    )
    assert found, disposition
    assert re.fullmatch(r"（2026）沪01执\d+号-执行裁定书（拍卖）\.pdf", unquote(found[1]))
    info = PdfReader(io.BytesIO(reply.content)).metadata
    assert info is not None
    ruled = today(clock)  # the ruling's date, not the day the file was made
    assert info.creation_date == datetime(
        ruled.year, ruled.month, ruled.day, tzinfo=timezone(timedelta(hours=8))
    )


def test_the_sale_ruling_is_signed_by_the_panel_that_set_the_terms(services, clock) -> None:
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    buyer = bidder(services, "买受人")
    pay_deposit(services, buyer, auction)
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    assert bid(services, buyer, auction, "700000.00").bid.reason is None
    close_at_end(services, clock, auction)
    pay_balance(services, buyer, auction)
    after_sale.send_confirmation(services, c.office, lot)
    after_sale.rule_sale(services, c.bureau, lot, "（2026）沪01执123号之二", today(clock))
    data, name = case_documents.generate(
        services, c.bureau, lot, "sale_ruling", "pdf", "zh", purpose="sale_documents"
    )
    presiding, *judges = PANEL_MEMBERS
    signed = f"审判长{presiding}" + "".join(f"审判员{judge}" for judge in judges)
    assert signed + "二〇" in pdf_text(data)
    assert name.endswith("-执行裁定书（成交）.pdf")
    before = case_documents.generate(
        services, c.bureau, lot, "ruling_to_auction", "pdf", "zh", purpose="sale_documents"
    )
    assert "审判长" not in pdf_text(before[0])  # ruled before any panel sat: the court signs
