"""Bidding in the browser tests: a live auction with paid-up bidders, their codes, a bid
through the API, and a bid through the page's +N buttons and confirmation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from playwright.sync_api import expect

import support
from fapai.app.services import Services
from support import T0, Clock

END = T0 + timedelta(hours=24)  # the end of support.auction's bidding


def live_auction(services: Services, clock: Clock, *names: str) -> tuple[int, list[support.Bidder]]:
    """A live auction (start ¥100,000.00, increment ¥1,000.00) and bidders with deposits paid."""
    auction_id = support.auction(services, support.office(services))
    people = [support.bidder(services, name) for name in names]
    for someone in people:
        assert support.pay_deposit(services, someone, auction_id) == "confirmed"
    clock.set(T0 + timedelta(hours=1))
    return auction_id, people


def code_of(services: Services, someone: support.Bidder, auction_id: int) -> str:
    with services.db.read() as tx:
        registration = tx.registration(auction_id, someone.account_id)
    assert registration is not None
    return registration.code


def api_bid(http: httpx.Client, someone: support.Bidder, auction_id: int, amount: str) -> Any:
    reply = http.post(
        f"/api/v1/auctions/{auction_id}/bids", json={"amount": amount},
        headers={**support.auth(someone), "Idempotency-Key": f"api-{amount}"},
    )  # fmt: skip
    assert reply.status_code == 201, reply.text
    return reply.json()


def bid_with_steps(page: Any, steps: int, figures: str, capital: str) -> None:
    """+N increments, then the confirmation in figures and in 大写, then confirm."""
    page.click(f"[data-steps='{steps}']")
    page.click("#bid-submit")
    expect(page.locator("#confirm")).to_be_visible()
    expect(page.locator("#confirm-figures")).to_have_text(figures)
    expect(page.locator("#confirm-capital")).to_have_text(capital)
    page.click("#confirm-ok")
