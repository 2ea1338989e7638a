"""Issue 15, "lawful on its face": the rules a disposal broke silently before.

The 变卖 keeps Art 26's lead times (OJA Art 37(1)), every round's announcement follows
the notices (OJA Art 16), a 变卖 needs the enforcement leader's approval (Shanghai item
5), and a reference price holds for the validity its report states (REF Art 27). Each
refusal names its article and writes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from case_support import (
    Court,
    a_court,
    announced_lot,
    auction_of,
    close_at_end,
    drafted_lot,
    next_round,
    notify_parties,
    on,
    panel,
    refused,
    ruled_lot,
    stage,
    take_in_lieu,
    terms,
    today,
)
from fapai import bootstrap, config
from fapai.app.auctions import browse, registration
from fapai.app.auctions.closing import close_due
from fapai.app.cases import auction_terms, disposal, sale_approval, several_items
from fapai.app.services import Services
from fapai.domain.calendar import period_end
from fapai.domain.workflow import checks
from support import Clock, bidder

REFERENCE = 100_000_000
FIRST = REFERENCE * 70 // 100
SECOND = FIRST * 80 // 100


def _second_failed(services: Services, c: Court, clock: Clock, property_type: str) -> int:
    """A lot whose 一拍 and 二拍 both failed; the lot."""
    lot, first = announced_lot(services, c, clock, property_type, lead_days=40)
    close_at_end(services, clock, first)
    second = next_round(services, c, clock, lot, SECOND, on(today(clock) + timedelta(days=20)))
    close_at_end(services, clock, second)
    assert stage(services, lot) == "unsold"
    return lot


def _sale_draft(services: Services, c: Court, clock: Clock, lot: int, starts: date) -> int:
    sixty = timedelta(days=60)
    return auction_terms.set_terms(
        services, c.office, lot,
        terms(on(starts), SECOND, deposit=SECOND, hours=sixty.total_seconds() / 3600),
        panel(clock),
    )  # fmt: skip


def _announce_refused(services: Services, c: Court, lot: int, auction: int, code: str):
    error = refused(lambda: auction_terms.announce(services, c.office, lot), code)
    assert auction_of(services, auction).status == "draft"
    assert stage(services, lot) == "terms_set"
    return error


@pytest.mark.parametrize("ok", [False, True], ids=["a day short", "7 days"])
def test_a_sale_of_movables_is_announced_7_days_ahead_oja_art_37_and_26(
    services, clock, ok: bool
) -> None:
    """OJA Art 37(1) applies the provisions to the 变卖; the 2017 notice sets no lead time
    for movables, so Art 26's 7 days hold (before: none at all)."""
    c = a_court(services)
    lot = _second_failed(services, c, clock, "movable")
    earliest = period_end(services.calendar, today(clock), 7)
    sale = _sale_draft(services, c, clock, lot, earliest if ok else earliest - timedelta(days=1))
    notify_parties(services, c, clock, lot, days_ago=10)
    sale_approval.approve_sale(services, c.director, lot)
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    if ok:
        auction_terms.announce(services, c.office, lot)
        assert auction_of(services, sale).status == "open"
        return
    error = _announce_refused(services, c, lot, sale, "announcement_too_late")
    assert "第三十七条" in error.message_zh
    assert "OJA Arts 37(1), 26" in error.message_en
    assert earliest.isoformat() in error.message_zh


@pytest.mark.parametrize("kind", ["second round", "sale"])
def test_later_rounds_are_announced_only_after_the_notices_oja_art_16(
    services, clock, kind: str
) -> None:
    """OJA Art 16 (and Art 37(1) for the 变卖): the parties are notified before the
    second round's and the 变卖's announcement too, not only before the first."""
    c = a_court(services)
    if kind == "sale":
        lot = _second_failed(services, c, clock, "real_estate")
        auction = _sale_draft(services, c, clock, lot, today(clock) + timedelta(days=20))
        sale_approval.approve_sale(services, c.director, lot)
    else:
        lot, first = announced_lot(services, c, clock, "real_estate", lead_days=40)
        close_at_end(services, clock, first)
        start = on(today(clock) + timedelta(days=20))
        auction = auction_terms.set_terms(
            services, c.office, lot, terms(start, SECOND), panel(clock)
        )
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    error = _announce_refused(services, c, lot, auction, "notices_missing")
    assert "第十六条" in error.message_zh
    assert "OJA Art 16" in error.message_en
    notify_parties(services, c, clock, lot, days_ago=10)
    auction_terms.announce(services, c.office, lot)
    assert auction_of(services, auction).status == "open"


def test_a_sale_needs_the_enforcement_leaders_approval_shanghai_item_5(services, clock) -> None:
    """Shanghai item 5: a method other than online auction, the 变卖, only with the
    approval of the leader in charge of enforcement, recorded as a step of the lot."""
    c = a_court(services)
    lot = _second_failed(services, c, clock, "real_estate")
    sale = _sale_draft(services, c, clock, lot, today(clock) + timedelta(days=20))
    notify_parties(services, c, clock, lot, days_ago=10)
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    error = _announce_refused(services, c, lot, sale, "sale_unapproved")
    assert "第五条" in error.message_zh
    assert "Shanghai item 5" in error.message_en
    refused(lambda: sale_approval.approve_sale(services, c.bureau, lot), "role_not_allowed")
    assert sale_approval.approve_sale(services, c.director, lot) == sale
    with services.db.read() as tx:
        approvals = [s for s in tx.steps(lot) if s.step == "sale_approved"]
    assert [(s.auction_id, s.actor) for s in approvals] == [
        (sale, f"court_user:{c.director.login}")
    ]
    auction_terms.announce(services, c.office, lot)
    assert auction_of(services, sale).status == "open"


def test_a_round_that_is_an_auction_needs_no_leaders_approval(services, clock) -> None:
    """Shanghai item 5 concerns other methods only: nothing to approve for an auction."""
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock)
    refused(lambda: sale_approval.approve_sale(services, c.director, lot), "no_sale_draft")


def test_a_reference_price_holds_for_the_shorter_validity_its_report_states_ref_art_27(
    services, clock
) -> None:
    """REF Art 27: a report may state less than a year; the first announcement falls
    within that validity, and the six months' grace runs from its end."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock)
    fixed = today(clock)
    stated = fixed + timedelta(days=100)
    refused(
        lambda: disposal.set_reference_price(
            services, c.office, lot, "appraisal", REFERENCE, fixed,
            valid_until=date(fixed.year + 1, fixed.month, fixed.day) + timedelta(days=1),
        ),
        "invalid_validity",
    )  # fmt: skip
    assert stage(services, lot) == "ruled"
    assert (
        disposal.set_reference_price(
            services, c.office, lot, "appraisal", REFERENCE, fixed, valid_until=stated
        )
        == stated
    )
    with services.db.read() as tx:
        (priced,) = [s for s in tx.steps(lot) if s.step == "priced"]
    assert '"validity_stated": true' in priced.details
    auction = auction_terms.set_terms(
        services, c.office, lot, terms(on(stated + timedelta(days=60)), FIRST), panel(clock)
    )
    notify_parties(services, c, clock, lot, days_ago=10)
    auction_terms.choose_platform(services, c.office, lot, "taobao")
    auction_terms.confirm_disclosure(services, c.bureau, lot)
    clock.set(on(stated + timedelta(days=1)))  # within a year, past the stated validity
    error = _announce_refused(services, c, lot, auction, "reference_expired")
    assert stated.isoformat() in error.message_zh
    assert "REF Art 27" in error.message_en


def test_only_the_spcs_listed_platforms_are_chosen_or_drawn_oja_art_5(services, clock) -> None:
    """OJA Arts 4-5: the applicant chooses, and the lottery draws, from the SPC's list
    only; fapai runs the bidding but is not on that list."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock)
    disposal.set_reference_price(services, c.office, lot, "appraisal", REFERENCE, today(clock))
    auction_terms.set_terms(
        services, c.office, lot, terms(on(today(clock) + timedelta(days=40)), FIRST),
        panel(clock),
    )  # fmt: skip
    refused(
        lambda: auction_terms.choose_platform(services, c.office, lot, "fapai"),
        "platform_not_listed",
    )
    scheduled = auction_terms.schedule_platform_draw(services, c.office, lot, "none_chosen")
    keys = {item["key"] for item in scheduled["candidates"]}  # type: ignore[attr-defined]
    assert keys == {"taobao", "jd", "rmfysszc", "gpai", "caa", "icbc", "cbex"}


def test_the_high_courts_office_draws_for_a_basic_court_with_a_witness_shanghai_item_12(
    services, clock
) -> None:
    """Shanghai item 12: failing the applicant's choice, the enforcing court's office
    reports to the High Court's office, which designates the platform at random; the
    inspection office's witness is named on the record. A court not above the lot's
    court cannot draw for it."""
    high = a_court(services, "sh-gy")
    c = a_court(services, "sh-1zy", parent="sh-gy")
    stranger = a_court(services, "bj-1zy")
    lot = ruled_lot(services, c, clock)
    disposal.set_reference_price(services, c.office, lot, "appraisal", REFERENCE, today(clock))
    auction_terms.set_terms(
        services, c.office, lot, terms(on(today(clock) + timedelta(days=40)), FIRST),
        panel(clock),
    )  # fmt: skip
    draw = auction_terms.schedule_platform_draw
    refused(lambda: draw(services, high.office, lot, "none_chosen"), "witness_required")
    refused(lambda: draw(services, stranger.office, lot, "none_chosen", "某"), "not_found")
    draw(services, high.office, lot, "none_chosen", "院监察室 王某")
    chosen = auction_terms.run_platform_draw(services, high.office, lot, "院监察室 王某")
    with services.db.read() as tx:
        steps = {s.step: s.details for s in tx.steps(lot)}
    assert "院监察室 王某" in steps["platform_draw_scheduled"]
    assert f'"platform": "{chosen}"' in steps["platform"]
    assert f'"by_court": "{high.id}"' in steps["platform"]


def test_the_rest_is_not_auctioned_once_the_debt_is_met_asr_art_14(services, clock) -> None:
    """ASR Art 14: when what some items realised pays the debt and the costs, the rest of
    the debtor's property is not auctioned, unless the debtor agrees to selling all."""
    c = a_court(services)
    first_lot, first = announced_lot(services, c, clock, "movable")
    with services.db.read() as tx:
        case_id = tx.lot(first_lot).case_id
    close_at_end(services, clock, first)
    take_in_lieu(services, c, first, FIRST)  # realises the reserve, FIRST
    lot, auction = drafted_lot(services, c, clock, "movable", notices_days_ago=10, case_id=case_id)
    refused(
        lambda: several_items.set_enforcement_amount(services, c.office, case_id, FIRST),
        "role_not_allowed",
    )
    several_items.set_enforcement_amount(services, c.bureau, case_id, FIRST)
    error = _announce_refused(services, c, lot, auction, "claims_already_met")
    assert "第十四条" in error.message_zh
    refused(
        lambda: several_items.record_debtor_consent(
            services, c.bureau, lot, today(clock) + timedelta(days=1)
        ),
        "signed_on_in_future",
    )
    several_items.record_debtor_consent(services, c.bureau, lot, today(clock))
    assert auction_terms.announce(services, c.office, lot) == auction


def test_the_debt_is_met_at_the_amount_itself_asr_art_14() -> None:
    assert checks.claims_not_yet_met(FIRST + 1, FIRST, False) is None
    assert checks.claims_not_yet_met(FIRST, FIRST, False).code == "claims_already_met"
    assert checks.claims_not_yet_met(FIRST, FIRST, True) is None
    assert checks.claims_not_yet_met(None, FIRST, False) is None  # no amount on record


def test_items_sold_together_name_their_reason_asr_art_15(services, clock) -> None:
    """ASR Art 15: items that are one in use, or worth much less apart, are auctioned
    together; the bureau records which and why, before the announcement."""
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    record = several_items.record_sold_together
    refused(lambda: record(services, c.bureau, lot, ["车位"], "inseparable"), "invalid_items")
    twice = ["车位", "车位"]
    refused(lambda: record(services, c.bureau, lot, twice, "inseparable"), "invalid_items")
    refused(lambda: record(services, c.bureau, lot, ["车位", "仓库"], "cheap"), "invalid_reason")
    record(services, c.bureau, lot, ["101室", "地下车位12号"], "value_loss")
    with services.db.read() as tx:
        steps = [s for s in tx.steps(lot) if s.step == "sold_together"]
    assert len(steps) == 1
    assert "地下车位12号" in steps[0].details
    auction_terms.announce(services, c.office, lot)
    refused(
        lambda: record(services, c.bureau, lot, ["101室", "车位"], "inseparable"),
        "already_announced",
    )


def test_a_lot_designated_to_a_platform_not_operated_here_is_handed_over_oja_art_5(
    services, clock
) -> None:
    """OJA Arts 4-5: the auction is held on the platform the applicant chose or the draw
    designated. A deployment operating one listed platform (here jd) hands a lot
    designated to another over to it at the announcement: not listed, registered for or
    bid on here, and never closed here as unsold; its own platform's lots open."""
    here = replace(services, platform="jd")
    c = a_court(here)
    lot, auction = drafted_lot(here, c, clock, "movable")  # the applicant chose taobao
    auction_terms.announce(here, c.office, lot)
    assert auction_of(here, auction).status == "elsewhere"
    assert stage(here, lot) == "announced"
    with here.db.read() as tx:
        assert "handed_over" in {s.step for s in tx.steps(lot)}
    listed = browse.browse(here, browse.Browse(per_page=50))["items"]
    assert auction not in [row["id"] for row in listed]
    someone = bidder(here, "竞买人")
    refused(lambda: registration.register(here, someone.account_id, auction, True), "not_found")
    clock.set(auction_of(here, auction).effective_end + timedelta(hours=1))
    assert auction not in close_due(here)
    assert auction_of(here, auction).status == "elsewhere"
    own_lot, own = drafted_lot(here, c, clock, "movable", notices_days_ago=10, platform="jd")
    auction_terms.announce(here, c.office, own_lot)
    assert auction_of(here, own).status == "open"


def test_the_deployment_names_the_platform_it_operates(monkeypatch, tmp_path) -> None:
    """FAPAI_PLATFORM: the listed platform a deployment operates (its operator's, or the
    court system's own), or by default ``none``, the court's system alone, where no lot
    is bid on; only ``--demo`` stands in for every platform. A code not on the SPC's
    list stops the start."""
    monkeypatch.setenv("FAPAI_SECRET_KEY", "A" * 44)
    monkeypatch.delenv("FAPAI_PLATFORM", raising=False)
    assert config.load(tmp_path).platform == "none"
    assert config.load(tmp_path, demo=True).platform is None
    monkeypatch.setenv("FAPAI_PLATFORM", "rmfysszc")
    assert config.load(tmp_path).platform == "rmfysszc"
    monkeypatch.setenv("FAPAI_PLATFORM", "淘宝; rm")
    with pytest.raises(config.ConfigError, match="FAPAI_PLATFORM"):
        config.load(tmp_path)
    monkeypatch.setenv("FAPAI_PLATFORM", "fapai")  # not on the list (OJA Art 5)
    with pytest.raises(config.ConfigError, match="not on the SPC"):
        bootstrap.build(config.load(tmp_path))
