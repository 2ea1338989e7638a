"""ASR Art 6: when, at the reserve, nothing would be left after the claims ranking
before the applicant's and the costs, the applicant is told before the sale; the
announcement waits for the recorded notice."""

from __future__ import annotations

import httpx

from case_support import a_court, auction_of, drafted_lot, refused, stage, today
from fapai.app.cases import auction_terms, no_surplus
from fapai.app.services import Services
from support import Clock, auth

START = 70_000_000  # drafted_lot: 70% of a CNY 1,000,000 reference price
NOTE = "抵押权人某银行债权本息"


def test_a_sale_leaving_nothing_is_announced_only_after_the_applicant_was_told(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    """ASR Art 6: claims 690,000 + costs 10,000 = the starting price 700,000."""
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    no_surplus.record_prior_claims(services, c.office, lot, START - 1_000_000, 1_000_000, NOTE)
    error = refused(
        lambda: auction_terms.announce(services, c.office, lot), "no_surplus_notice_missing"
    )
    assert "第六条" in error.message_zh
    assert "ASR Art 6" in error.message_en
    assert stage(services, lot) == "terms_set"
    response = http.post(
        f"/api/v1/court/lots/{lot}/no-surplus-notice", json={"on_date": str(today(clock))},
        headers=auth(c.tokens["auction_office"]),
    )  # fmt: skip
    assert response.status_code == 204, response.text
    auction_terms.announce(services, c.office, lot)
    assert auction_of(services, auction).status == "open"


def test_claims_recorded_after_the_notice_need_a_new_one_and_a_surplus_needs_none(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    no_surplus.record_notice(services, c.office, lot, today(clock))
    response = http.post(
        f"/api/v1/court/lots/{lot}/prior-claims",
        json={"prior_claims": "800000.00", "costs": "10000.00", "note": NOTE},
        headers=auth(c.tokens["auction_office"]),
    )
    assert response.status_code == 204, response.text
    refused(lambda: auction_terms.announce(services, c.office, lot), "no_surplus_notice_missing")
    no_surplus.record_prior_claims(services, c.office, lot, START - 2, 1, NOTE)  # 1 fen left
    auction_terms.announce(services, c.office, lot)
