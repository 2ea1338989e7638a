"""Who may register (rules.md §1.15): OJA Art 34's persons on the court's list, debtors
under a consumption restriction for the lots the court marks (LIM Art 3), the house
purchase commitment (HSE Art 2), and proxies confirmed before bidding (OJA Art 14(2)).

The lists hold only blind indexes; a refusal says the same whatever the category, and
the court learns only how many registrations were refused (OJA Art 18's secrecy).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from case_support import (
    Court,
    a_court,
    auction_of,
    bid,
    bidding_day,
    notify_parties,
    open_case,
    panel,
    refused,
    terms,
    today,
)
from fapai.app.auctions import admission, registration
from fapai.app.cases import auction_terms, disposal
from fapai.app.services import Services
from fapai.domain.identity import check_character
from fapai.domain.money import format_yuan
from fapai.storage import tables
from support import Bidder, Clock, auth, bidder, pay_deposit, row_count

REFERENCE = 100_000_000
FIRST = REFERENCE * 70 // 100
ART34 = ("court_staff", "close_relative", "platform_staff", "auxiliary_staff", "appraiser")


def announced(
    services: Services, c: Court, clock: Clock, house: bool = False,
    purchase_restricted: bool = False, consumption_restricted: bool = False,
    deposit_loans: str = "any",
) -> int:  # fmt: skip
    """A lot placed with the court's conditions and its first round announced; the auction."""
    case_id = open_case(services, c, f"（2026）沪01执{8000 + row_count(services, tables.cases)}号")
    lot = disposal.add_lot(
        services, c.bureau, case_id, "上海市某路2号202室", "real_estate", "上海市",
        {"occupancy": "空置"}, house, purchase_restricted, consumption_restricted, deposit_loans,
    )  # fmt: skip
    disposal.rule_to_auction(services, c.bureau, lot, "（2026）沪01执8000号之一", today(clock))
    disposal.set_reference_price(services, c.office, lot, "appraisal", REFERENCE, today(clock))
    auction = auction_terms.set_terms(
        services, c.office, lot, terms(bidding_day(clock, 40), FIRST), panel(clock)
    )
    notify_parties(services, c, clock, lot)
    auction_terms.choose_platform(services, c.office, lot, "taobao")
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    auction_terms.announce(services, c.office, lot)
    return auction


def _register(services: Services, who: Bidder, auction: int, committed: bool = False):
    return registration.register(services, who.account_id, auction, True, committed)


def test_art_34_persons_are_refused_with_one_sentence_and_only_counted_oja_art_34(
    services, clock
) -> None:
    """OJA Art 34: each category on the court's list is refused at registration with the
    same code and sentence; no registration is written, and the court sees a count."""
    c = a_court(services)
    auction = announced(services, c, clock)
    sentences = set()
    for category in ART34:
        person = bidder(services)
        assert admission.add_person(services, c.office, person.id_number, category)
        assert not admission.add_person(services, c.office, person.id_number, category)
        before = row_count(services, tables.registrations)
        error = refused(lambda p=person: _register(services, p, auction), "excluded_person")  # type: ignore[misc]
        assert "第三十四条" in error.message_zh
        assert "OJA Art 34" in error.message_en
        sentences.add((error.message_zh, error.message_en))
        assert row_count(services, tables.registrations) == before
    assert len(sentences) == 1  # the refusal says nothing of the category
    assert admission.refusals(services, c.bureau, auction) == {"oja_art_34": len(ART34)}
    assert admission.list_counts(services, c.supervisor)["court_staff"] == 1
    refused(lambda: admission.add_person(services, c.bureau, bidder(services).id_number,
                                         "court_staff"), "role_not_allowed")  # fmt: skip
    anyone = bidder(services)
    assert _register(services, anyone, auction).code  # the others register as before


def test_the_list_is_kept_blind_and_per_court_oja_art_34(services, clock) -> None:
    """Only the blind index is stored and the trail names the category only; another
    court's list does not bar anyone here; a person taken off may register."""
    c, other = a_court(services), a_court(services, "sh-2zy")
    auction = announced(services, c, clock)
    person = bidder(services)
    admission.add_person(services, other.office, person.id_number, "court_staff")
    admission.add_person(services, c.office, person.id_number, "appraiser")
    with services.db.read() as tx:
        stored = [tuple(r) for r in tx.c.execute(select(tables.court_lists))]  # type: ignore[attr-defined]
        trail = [r.payload for r in tx.c.execute(select(tables.audit_records))]  # type: ignore[attr-defined]
    assert all(person.id_number not in str(row) for row in stored)
    assert any("appraiser" in p for p in trail)
    assert all(person.id_number not in p for p in trail)
    assert all(row[2] not in p for row in stored for p in trail)  # nor its index
    refused(lambda: _register(services, person, auction), "excluded_person")
    assert admission.remove_person(services, c.office, person.id_number, "appraiser")
    assert _register(services, person, auction).code


def test_a_restricted_debtor_is_refused_for_the_lots_the_court_marks_lim_art_3(
    services, clock
) -> None:
    """LIM Art 3: a debtor under a consumption restriction may not buy a house or car the
    court marks; other lots stay open to it (ASR Art 12(2): the debtor may bid)."""
    c = a_court(services)
    marked = announced(services, c, clock, house=True, consumption_restricted=True)
    unmarked = announced(services, c, clock)
    debtor = bidder(services)
    admission.add_person(services, c.office, debtor.id_number, "restricted_consumption")
    error = refused(lambda: _register(services, debtor, marked), "consumption_restricted")
    assert "第三条" in error.message_zh
    assert "LIM Art 3" in error.message_en
    assert admission.refusals(services, c.office, marked) == {"oja_art_34": 0}
    assert _register(services, debtor, unmarked).code


def test_a_purchase_restricted_house_needs_the_eligibility_commitment_hse_art_2(
    services, clock
) -> None:
    """HSE Art 2: for a house where purchases are restricted the bidder commits to its
    eligibility at registration; the commitment is kept with the registration."""
    c = a_court(services)
    refused(lambda: announced(services, c, clock, purchase_restricted=True),
            "purchase_restriction_not_house")  # fmt: skip
    auction = announced(services, c, clock, house=True, purchase_restricted=True)
    buyer = bidder(services)
    error = refused(lambda: _register(services, buyer, auction), "eligibility_commitment_required")
    assert "第二条" in error.message_zh
    assert "HSE Art 2" in error.message_en
    created = _register(services, buyer, auction, committed=True)
    with services.db.read() as tx:
        committed_at = tx.c.scalar(  # type: ignore[attr-defined]
            select(tables.registrations.c.eligibility_committed_at).where(
                tables.registrations.c.id == created.id
            )
        )
    assert committed_at is not None


def _proxy_bidding(services: Services, c: Court, clock: Clock) -> tuple[int, Bidder, str]:
    auction = announced(services, c, clock)
    agent = bidder(services)
    assert pay_deposit(services, agent, auction) == "confirmed"
    principal = bidder(services, "委托人")
    ref = admission.declare_proxy(services, agent.account_id, auction, principal.id_number)
    return auction, agent, ref


def test_a_proxy_bids_only_once_the_court_confirmed_it_before_bidding_oja_art_14(
    services, clock
) -> None:
    """OJA Art 14(2): an agent's bids are refused until the office confirms the proxy,
    which it can do only before bidding starts."""
    c = a_court(services)
    auction, agent, ref = _proxy_bidding(services, c, clock)
    assert admission.pending_proxies(services, c.office, auction) == [ref]
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    error = refused(lambda: bid(services, agent, auction, format_yuan(FIRST)), "proxy_unconfirmed")
    assert "第十四条" in error.message_zh
    assert "OJA Art 14(2)" in error.message_en
    refused(lambda: admission.confirm_proxy(services, c.office, auction, ref), "bidding_started")


def test_a_confirmed_proxy_bids_like_anyone_oja_art_14(services, clock) -> None:
    """OJA Art 14(2): confirmed by the office before bidding starts, the agent bids."""
    c = a_court(services)
    auction, agent, ref = _proxy_bidding(services, c, clock)
    refused(lambda: admission.confirm_proxy(services, c.bureau, auction, ref), "role_not_allowed")
    admission.confirm_proxy(services, c.office, auction, ref)
    assert admission.pending_proxies(services, c.office, auction) == []
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    assert bid(services, agent, auction, format_yuan(FIRST)).bid.reason is None


def test_a_minor_takes_part_only_through_a_guardian_the_court_confirmed_oja_art_14(
    services, clock
) -> None:
    """OJA Art 14(1): a minor has no full civil capacity; its guardian, registered in its
    own name, declares that it bids for the ward, and bids only once the office confirmed
    the guardianship before bidding starts. A minor cannot be declared as a principal by
    a mere agent, nor an adult as a ward."""
    c = a_court(services)
    auction = announced(services, c, clock)
    guardian = bidder(services, "监护人")
    assert pay_deposit(services, guardian, auction) == "confirmed"
    body = "310101" + "20150101" + "123"  # born 2015: a child
    ward = body + check_character(body)
    declare = admission.declare_proxy
    refused(lambda: declare(services, guardian.account_id, auction, ward), "principal_is_a_minor")
    adult = bidder(services, "成年人").id_number
    refused(
        lambda: declare(services, guardian.account_id, auction, adult, guardian=True),
        "ward_not_a_minor",
    )
    ref = declare(services, guardian.account_id, auction, ward, guardian=True)
    assert ref.startswith("G")  # the office asks for guardianship papers, not a mandate
    assert admission.pending_proxies(services, c.office, auction) == [ref]
    admission.confirm_proxy(services, c.office, auction, ref)
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    assert bid(services, guardian, auction, format_yuan(FIRST)).bid.reason is None


def test_an_agent_bids_no_more_for_a_principal_listed_after_its_confirmation_oja_art_34(
    services, clock
) -> None:
    """OJA Art 34: nor may a listed person have anyone bid for them, also when listed
    after the office confirmed the proxy: the agent's next bid is refused."""
    c = a_court(services)
    auction = announced(services, c, clock)
    agent, principal = bidder(services), bidder(services, "委托人")
    assert pay_deposit(services, agent, auction) == "confirmed"
    ref = admission.declare_proxy(services, agent.account_id, auction, principal.id_number)
    admission.confirm_proxy(services, c.office, auction, ref)
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    admission.add_person(services, c.office, principal.id_number, "close_relative")
    refused(lambda: bid(services, agent, auction, format_yuan(FIRST)), "excluded_person")


def test_an_art_34_person_may_not_bid_through_an_agent_either_oja_art_34(services, clock) -> None:
    """OJA Art 34: nor may they have others bid for them: the office refuses to confirm
    a proxy for a listed principal, and it is counted. The declaration itself is taken
    like any (refusing it would let a bidder test ID numbers against the court's list),
    so the agent never bids for that principal."""
    c = a_court(services)
    auction = announced(services, c, clock)
    agent, principal = bidder(services), bidder(services, "法官")
    admission.add_person(services, c.office, principal.id_number, "court_staff")
    _register(services, agent, auction)
    ref = admission.declare_proxy(services, agent.account_id, auction, principal.id_number)
    refused(lambda: admission.confirm_proxy(services, c.office, auction, ref), "excluded_person")
    assert admission.refusals(services, c.office, auction) == {"oja_art_34": 1}
    assert admission.pending_proxies(services, c.office, auction) == [ref]


def test_a_person_listed_after_registering_bids_no_more_oja_art_34(services, clock) -> None:
    """OJA Art 34 holds until the close, not only at registration: a bidder the office
    lists as court staff afterwards is refused at the next bid, while the others bid on.
    The office learns nothing of where that person bids: no count changes."""
    c = a_court(services)
    auction = announced(services, c, clock)
    insider, other, debtor = (
        bidder(services, "内部人"),
        bidder(services),
        bidder(services, "债务人"),
    )
    for person in (insider, other, debtor):
        assert pay_deposit(services, person, auction) == "confirmed"
    clock.set(auction_of(services, auction).starts_at + timedelta(hours=1))
    assert bid(services, insider, auction, format_yuan(FIRST)).bid.reason is None
    admission.add_person(services, c.office, debtor.id_number, "restricted_consumption")
    admission.add_person(services, c.office, insider.id_number, "close_relative")
    assert admission.refusals(services, c.office, auction) == {"oja_art_34": 0}
    refused(
        lambda: bid(services, insider, auction, format_yuan(FIRST + FIRST // 100)),
        "excluded_person",
    )
    assert bid(services, other, auction, format_yuan(FIRST + FIRST // 100)).bid.reason is None
    assert bid(services, debtor, auction, format_yuan(FIRST + FIRST // 50)).bid.reason is None


@pytest.mark.parametrize(
    ("term", "refused_funds", "allowed_funds"),
    [("forbidden", ("bank_loan", "other_loan"), ("own",)),
     ("banks", ("other_loan",), ("own", "bank_loan")),
     ("any", (), ("own", "bank_loan", "other_loan"))],
)  # fmt: skip
def test_the_lots_term_on_borrowed_deposits_decides_who_registers_seed_001(
    services, clock, term: str, refused_funds: tuple[str, ...], allowed_funds: tuple[str, ...]
) -> None:
    """Seed 001 (借贷交保, 首付贷): the court's terms say whether the deposit may be
    borrowed and from whom; the bidder declares where it comes from at registration, and
    a declaration outside the term is refused with nothing written."""
    c = a_court(services)
    auction = announced(services, c, clock, deposit_loans=term)
    for funds in refused_funds:
        before = row_count(services, tables.registrations)
        someone = bidder(services)
        refused(
            lambda s=someone, f=funds: registration.register(  # type: ignore[misc]
                services, s.account_id, auction, True, funds=f
            ),
            "loan_not_allowed",
        )
        assert row_count(services, tables.registrations) == before
    for funds in allowed_funds:
        someone = bidder(services)
        assert registration.register(services, someone.account_id, auction, True, funds=funds)
    refused(
        lambda: registration.register(services, bidder(services).account_id, auction, True,
                                      funds="friend"),
        "invalid_funds",
    )  # fmt: skip


@pytest.mark.parametrize("category", ["court_staff", "restricted_consumption"])
def test_the_list_and_the_counts_over_http(services, clock, http, category: str) -> None:
    """The office enters people over the API; any court role reads the counts; a bad
    category or ID number is a 422 with a code, and a bidder's refusal a 403."""
    c = a_court(services)
    auction = announced(services, c, clock, house=True, consumption_restricted=True)
    person = bidder(services)
    office = auth(c.tokens["auction_office"])
    url = "/api/v1/court/excluded-persons"
    reply = http.post(url, json={"id_number": person.id_number, "category": category},
                      headers=office)  # fmt: skip
    assert reply.status_code == 200
    assert reply.json() == {"added": True}
    bad = http.post(url, json={"id_number": "123", "category": category}, headers=office)
    assert bad.status_code == 422
    assert http.get(url, headers=office).json()["counts"][category] == 1
    registered = http.post(
        f"/api/v1/auctions/{auction}/registration",
        json={"acknowledge_special_warnings": True}, headers=auth(person.token),
    )  # fmt: skip
    assert registered.status_code == 403
    code = "excluded_person" if category == "court_staff" else "consumption_restricted"
    assert registered.json()["error"]["code"] == code
    counts = http.get(
        f"/api/v1/court/auctions/{auction}/registration-refusals",
        headers=auth(c.tokens["supervisor"]),
    ).json()  # fmt: skip
    assert counts["refused"] == {"oja_art_34": 1 if category == "court_staff" else 0}
