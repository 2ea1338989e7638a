"""The revocation after the sale at the court's desk (OBJ Art 21, OJA Art 31): the bureau
is offered it on the sold lot and decides with the ground and the ruling's number, the
director approves, and the lot's stage says the sale is revoked; the buyer's deposit
went back through the bank (the ledger's checks run after the test)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from case_support import a_court, auction_of, stage
from fapai.app.services import Services
from support import Clock, LiveServer
from test_browser_back_office import act, lot_section, offered, signed_in, submit
from test_case_flows import sold_lot
from test_pages_back_office import case_of

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_bureau_decides_and_the_director_approves_at_the_desk(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson
) -> None:
    c = a_court(services)
    lot, auction, _buyer = sold_lot(services, c, clock)
    path = f"/court/cases/{case_of(services, lot)}"
    bureau = signed_in(person(court_token=c.tokens["enforcement"]), server, path, "执行局")
    assert "revoke_sale" in offered(bureau)
    deciding = act(bureau, "revoke_sale")
    deciding.locator("[name=ground]").select_option("collusion")
    deciding.locator("[name=reason]").fill("异议成立：竞买人之间恶意串通")
    deciding.locator("[name=ruling_number]").fill("（2026）沪01执异5号")
    submit(deciding)
    expect(lot_section(bureau).locator("[data-step=sale_revocation_requested]")).to_have_count(1)
    assert "revoke_sale" not in offered(bureau)

    director = signed_in(person(court_token=c.tokens["director"]), server, path, "执行局局长")
    assert offered(director) == ["approve_sale_revocation"]
    submit(act(director, "approve_sale_revocation"))
    expect(lot_section(director).locator("[data-slot=stage]")).to_have_text("成交后已撤销")
    assert stage(services, lot) == "sale_revoked"
    assert auction_of(services, auction).status == "revoked"
