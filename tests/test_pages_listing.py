"""What the big platforms' buyers expect of a listing (issue 16): the lead photo on the
card, the address with a link to a map, and whether preemptive-right holders exist —
never who they are (OJA Arts 16, 19)."""

from __future__ import annotations

import html
from datetime import timedelta

import httpx

import support
from fapai.app.lots import materials
from fapai.app.services import Services
from fapai.web.pages import formatting
from support import T0
from test_api_materials import png


def test_a_card_leads_with_the_lots_first_photo_and_the_page_links_the_address(
    services: Services, server: support.LiveServer, http: httpx.Client
) -> None:
    office = support.office(services)
    auction_id = support.auction(services, office, starts_at=T0 + timedelta(days=2))
    bare = support.auction(services, office, starts_at=T0 + timedelta(days=3))
    with services.db.read() as tx:
        found = tx.auction(auction_id)
    assert found is not None
    photo = materials.add(services, office, found.lot_id, "image/png", "外观", png())
    home = http.get("/").text
    url = f"/api/v1/lots/{found.lot_id}/materials/{photo}"
    assert f'<img class="card-photo" src="{url}"' in home
    assert home.count('class="card-photo"') == 1  # the lot without photos has none
    assert f'data-auction="{bare}"' in home
    assert http.get(url).status_code == 200

    page = http.get(f"/auctions/{auction_id}").text
    link = html.escape(formatting.map_url("上海市"))
    assert f'id="map-link" href="{link}" rel="external noopener noreferrer"' in page


def test_the_page_says_whether_preemptive_holders_exist_never_who_oja_art_19(
    services: Services, server: support.LiveServer, http: httpx.Client
) -> None:
    office = support.office(services)
    auction_id = support.auction(services, office, starts_at=T0 + timedelta(days=2))
    assert "法院未确认本标的物有优先购买权人。" in http.get(f"/auctions/{auction_id}").text
    _, token = support.court_user(services, office.court_id, "enforcement")
    holder = support.bidder(services, "优先权人丁")
    confirmed = http.post(
        f"/api/v1/court/auctions/{auction_id}/preemptive-holders",
        json={"id_number": holder.id_number, "rank": 1, **support.HOLDER_BASIS},
        headers=support.auth(token),
    )
    assert confirmed.status_code == 204, confirmed.text
    page = http.get(f"/auctions/{auction_id}").text
    assert "本标的物有经法院确认的优先购买权人（身份不公开）。" in page
    snapshot = http.get(f"/api/v1/auctions/{auction_id}").json()
    assert snapshot["preemptive_holders"] is True
    for secret in (holder.name, holder.id_number, holder.phone):
        assert secret not in page
        assert secret not in str(snapshot)
    english = http.get(f"/auctions/{auction_id}", params={"lang": "en"}).text
    assert "The court has confirmed holders of a preemptive right to this lot" in english
