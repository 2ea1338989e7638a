"""From a priced lot to a published auction: the terms and the collegial panel's
decision (OJA Arts 10, 17, 20, 24, 26, 27), the platform (OJA Art 5, by the applicant
or by a lottery anyone can re-check), the notices to the parties and holders (Art 16),
the bureau's confirmation of encumbrances and special warnings (Shanghai item 10(2)),
and the announcement with its lead time (Arts 12-14, 26).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.assignment.lottery_file import record as draw_record
from fapai.app.auctions.availability import held_here
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.cases import no_surplus, publication, several_items
from fapai.app.cases.disposal import LotInCase, lot_in_case, not_after_today, refused, step, text
from fapai.app.cases.panel import Panel, checked
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.lots.ports import StepRecord
from fapai.app.lots.stages import move
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.assignment.lottery import Candidate, commitment, draw
from fapai.domain.calendar import beijing_date, period_end
from fapai.domain.rules import DISPOSAL, SOFT_CLOSE_EXTENSION
from fapai.domain.workflow import checks

PLATFORM_DRAW = "platform"
DRAW_REASONS = {"none_chosen": "申请执行人未选择", "applicants_disagree": "申请执行人选择不一致"}
NOTICE_ROLES = {"applicant": "申请执行人", "debtor": "被执行人", "holder": "优先购买权人"}
NOTICE_METHODS = {"written": "书面送达", "published": "网络平台公示送达", "waived": "书面放弃"}
# OJA Art 5 does not say over what period the balance is counted; a year of
# announcements is long enough to even out and short enough to follow the market.
BALANCE_WINDOW = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class Terms:
    start_price: int
    increment: int
    deposit: int
    starts_at: datetime
    ends_at: datetime
    balance_days: int = 10
    allow_self_raise: bool = False


def set_terms(
    services: Services, user: CourtPrincipal, lot_id: int, terms: Terms, panel: Panel
) -> int:
    """Draft the lot's next round: 一拍 after pricing, 二拍 after a failed first round,
    变卖 after a failed second one, or the same terms again after a default. Returns the
    draft auction; it is public once announced."""
    if not 1 <= terms.balance_days <= 90:
        raise invalid(
            "invalid_balance_days", "尾款支付期限须为1至90日。", "The balance is due in 1-90 days."
        )
    refused(checks.positive_prices(terms.start_price, terms.increment))
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        lot = held.lot
        decision = checked(panel, held.today)
        if terms.starts_at <= held.now:
            raise invalid(
                "starts_in_past",
                "竞价开始时间须晚于当前时间。",
                "Bidding must start in the future.",
            )
        rounds = tx.lot_auctions(lot_id)
        last = previous = rounds[-1] if rounds else None
        if last is not None and last.status == "revoked" and lot.stage == "sale_revoked":
            # revoked after its sale (OBJ Art 21): the round is void and is held again,
            # on the terms that round needed, on its platform
            previous = rounds[-2] if len(rounds) > 1 else None
        round_, kind = _next_round(services, held, previous, terms)
        move(tx, lot, "set_terms")
        record = AuctionRecord(
            0, lot_id, lot.court_id, round_, terms.start_price, terms.increment, terms.deposit,
            terms.starts_at, terms.ends_at, int(SOFT_CLOSE_EXTENSION.total_seconds()),
            terms.allow_self_raise, "draft", None, None, None, None, terms.ends_at, 0, 0, 0,
            None, kind,
        )  # fmt: skip
        auction_id = tx.insert_auction(record, held.now)
        # OJA Art 26: a second auction and a 变卖 stay on the same platform.
        platform = _extras_platform(tx, last)
        tx.set_extras(auction_id, platform, last.id if last else None, terms.balance_days)
        trail.record(
            tx, trail.auction_scope(auction_id), held.now, f"court_user:{user.login}",
            "auction.drafted", lot=lot_id, round=round_, kind=kind,
            start_price=terms.start_price, increment=terms.increment, deposit=terms.deposit,
            starts_at=terms.starts_at.isoformat(), ends_at=terms.ends_at.isoformat(),
        )  # fmt: skip
        step(
            tx, user, held, auction_id, "terms", panel.decided_on, round=round_, kind=kind,
            panel=decision,
        )  # fmt: skip
    return auction_id


def _next_round(
    services: Services, held: LotInCase, previous: AuctionRecord | None, terms: Terms
) -> tuple[int, str]:
    lot = held.lot
    if previous is None:  # 一拍
        assert lot.reference_price is not None  # the lot is priced (stage checked below)
        refused(checks.first_start_price(terms.start_price, lot.reference_price))
        _check_auction_terms(terms)
        return 1, "auction"
    if previous.status == "defaulted":  # OJA Art 24: the same terms, the defaulter barred
        same = (previous.start_price, previous.increment, previous.deposit)
        if (terms.start_price, terms.increment, terms.deposit) != same:
            raise invalid(
                "terms_must_repeat",
                "悔拍后重新拍卖的，起拍价、加价幅度和保证金须与原拍卖相同（《网络司法拍卖规定》第二十四条）。",
                "After a default the re-auction repeats the starting price, increment and "
                "deposit (OJA Art 24).",
            )
        if previous.kind == "sale":
            _check_sale_terms(previous, terms)
        else:
            _check_auction_terms(terms)
        return previous.round, previous.kind
    if previous.status != "unsold" or previous.closed_at is None:
        raise conflict(
            "round_not_finished", "上一轮拍卖尚未流拍或悔拍，不能确定新的拍卖条件。",
            "The previous round has not failed or defaulted.",
        )  # fmt: skip
    closed_on = beijing_date(previous.closed_at)
    if previous.round == 1:  # 二拍: ≥ 80% of the first, bidding within 30 days
        refused(checks.second_start_price(terms.start_price, previous.start_price))
        _check_auction_terms(terms)
        _within_if_possible(
            services, closed_on, held.today, beijing_date(terms.starts_at),
            DISPOSAL.reauction_within_days, "reauction_too_late", "再次拍卖的竞价",
            "The second auction's bidding", "《网络司法拍卖规定》第二十六条", "OJA Art 26",
        )  # fmt: skip
        return 2, "auction"
    if previous.kind == "auction":  # 变卖 after the failed second round
        _check_sale_terms(previous, terms)
        return 3, "sale"
    raise conflict(
        "no_further_round", "变卖不成的，可以物抵债或者解除查封，不再拍卖。",
        "After a failed 变卖 the property is taken in lieu or released; no more rounds.",
    )  # fmt: skip


def _check_auction_terms(terms: Terms) -> None:
    refused(checks.deposit(terms.deposit, terms.start_price))
    refused(checks.bidding_window(terms.starts_at, terms.ends_at))


def _check_sale_terms(previous: AuctionRecord, terms: Terms) -> None:
    """变卖: the second round's starting price, paid in full to qualify, for 60 days."""
    price = previous.start_price
    if terms.start_price != price or terms.deposit != price:
        raise invalid(
            "sale_price_fixed",
            "变卖价为第二次拍卖的起拍价，竞买人须预交全部变卖价款（网络司法变卖规则）。",
            "The 变卖 price is the second auction's starting price, prepaid in full to take "
            "part (the 2017 SPC notice on online sale).",
        )
    if terms.ends_at - terms.starts_at != timedelta(days=DISPOSAL.sale_period_days):
        raise invalid(
            "sale_period",
            f"变卖期为{DISPOSAL.sale_period_days}日（网络司法变卖规则）。",
            f"The sale period is {DISPOSAL.sale_period_days} days.",
        )


def _within_if_possible(
    services: Services, since: date, today: date, done_on: date, days: int, code: str,
    what_zh: str, what_en: str, article_zh: str, article_en: str,
) -> None:  # fmt: skip
    """A date the court sets now must meet a deadline it can still meet; once the
    deadline has passed, the act is late whatever it does, and the board says so."""
    if today > period_end(services.calendar, since, days):
        return
    refused(
        checks.within(
            services.calendar, since, done_on, days, code, what_zh, what_en, article_zh,
            article_en,
        )
    )  # fmt: skip


def _extras_platform(tx: Tx, previous: AuctionRecord | None) -> str | None:
    return tx.extras(previous.id).platform if previous is not None else None


def _draft(tx: Tx, held: LotInCase) -> AuctionRecord:
    rounds = tx.lot_auctions(held.lot.id)
    if not rounds or rounds[-1].status != "draft":
        raise conflict("no_draft", "没有待公告的拍卖。", "There is no draft auction to work on.")
    return rounds[-1]


def choose_platform(services: Services, user: CourtPrincipal, lot_id: int, platform: str) -> None:
    """The applicant's choice of platform from the SPC list (OJA Art 5)."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        auction = _draft(tx, held)
        _listed(tx, platform, held.today)
        if tx.extras(auction.id).platform is not None:
            raise conflict("platform_set", "拍卖平台已确定。", "The platform is already set.")
        if tx.draw(lot_id, PLATFORM_DRAW) is not None:  # its seed is public: no way around it
            raise conflict(
                "draw_exists", "已安排摇号指定平台，不得再选择平台（《网络司法拍卖规定》第五条）。",
                "A draw designates the platform now; it can no longer be chosen (OJA Art 5).",
            )  # fmt: skip
        tx.set_extras(auction.id, platform, tx.extras(auction.id).previous_id, None)
        step(tx, user, held, auction.id, "platform", held.today, platform=platform, by="applicant")


def _listed(tx: Tx, code: str, today: date) -> None:
    for p in tx.platforms():
        if (
            p.code == code
            and p.listed_from <= today
            and (p.listed_to is None or today <= p.listed_to)
        ):
            return
    raise invalid(
        "platform_not_listed",
        "该平台不在最高人民法院网络服务提供者名单库中（《网络司法拍卖规定》第五条）。",
        "The platform is not on the SPC's list (OJA Art 5).",
    )


def _drawing(
    services: Services, tx: Tx, user: CourtPrincipal, lot_id: int, witness: str | None
) -> tuple[LotInCase, dict[str, str]]:
    """The lot, for its own court's office or, on the Shanghai model (items 12-13), the
    High Court's office (the top of the lot court's chain; an intermediate court is
    not), which draws for the enforcing court with a witness from the inspection office
    named on the record."""
    require(user, "auction_office")
    lot = tx.lot(lot_id)
    if lot is None or lot.case_id is None:
        raise not_found("案件标的物", "Lot of a case")
    if lot.court_id == user.court_id:
        return lot_in_case(services, tx, user, lot_id, "auction_office"), {}
    parents = {court.id: court.parent_id for court in tx.all_courts()}
    top = lot.court_id
    while parents.get(top) is not None:
        top = parents[top]  # type: ignore[assignment]
    if top != user.court_id:
        raise other_court("案件")
    if witness is None:
        raise invalid(
            "witness_required",
            "上级法院代为摇号的，须记明监督见证人员（上海高院实施细则第十二条）。",
            "A higher court drawing for the enforcing court names the witness (Shanghai "
            "item 12).",
        )  # fmt: skip
    held = LotInCase(tx.lock_lot(lot_id) or lot, services.clock())
    return held, {"for_court": str(lot.court_id), "by_court": str(user.court_id),
                  "witness": text(witness, "witness", 100)}  # fmt: skip


def schedule_platform_draw(
    services: Services, user: CourtPrincipal, lot_id: int, reason: str,
    witness: str | None = None,
) -> dict[str, object]:  # fmt: skip
    """Fix and publish the lottery's seed and candidates before the draw: the listed
    platforms, each weighted by how few auctions it had in the last year (seed 001's
    entrustment balance). Returns the public record so far. ``witness``: see
    ``_drawing``."""
    if reason not in DRAW_REASONS:
        raise invalid(
            "invalid_reason",
            "指定平台的理由无效。",
            f"reason must be one of {', '.join(DRAW_REASONS)}.",
        )
    with services.db.write() as tx:
        held, by = _drawing(services, tx, user, lot_id, witness)
        auction = _draft(tx, held)
        if tx.extras(auction.id).platform is not None:
            raise conflict("platform_set", "拍卖平台已确定。", "The platform is already set.")
        if tx.draw(lot_id, PLATFORM_DRAW) is not None:
            raise conflict(
                "draw_exists",
                "本标的物的摇号已安排，不得重新摇号。",
                "The draw is already scheduled.",
            )
        loads = tx.platform_loads(held.now - BALANCE_WINDOW)
        candidates = [
            {"key": p.code, "load": loads.get(p.code, 0)}
            for p in tx.platforms()
            if p.listed_from <= held.today and (p.listed_to is None or held.today <= p.listed_to)
        ]
        seed = services.randbelow(2**256).to_bytes(32, "big")
        sealed = commitment(seed)
        tx.insert_draw(lot_id, PLATFORM_DRAW, seed.hex(), sealed, json.dumps(candidates), held.now)
        step(
            tx, user, held, auction.id, "platform_draw_scheduled", held.today, reason=reason,
            seed=seed.hex(), commitment=sealed, candidates=candidates, **by,
        )  # fmt: skip
    return public_draw(services, lot_id)


def run_platform_draw(
    services: Services, user: CourtPrincipal, lot_id: int, witness: str | None = None
) -> str:
    """Draw the platform from the published seed; anyone can re-run it."""
    with services.db.write() as tx:
        held, by = _drawing(services, tx, user, lot_id, witness)
        auction = _draft(tx, held)
        scheduled = tx.draw(lot_id, PLATFORM_DRAW)
        if scheduled is None:
            raise conflict("no_draw", "尚未安排摇号。", "No draw is scheduled.")
        if scheduled.chosen is not None:
            raise conflict("already_drawn", "已摇号。", "The draw has taken place.")
        candidates = [Candidate(c["key"], c["load"]) for c in json.loads(scheduled.candidates)]
        result = draw(bytes.fromhex(scheduled.seed), _purpose(lot_id), candidates)
        tx.finish_draw(scheduled.id, result.chosen, result.ticket, held.now)
        tx.set_extras(auction.id, result.chosen, tx.extras(auction.id).previous_id, None)
        step(
            tx, user, held, auction.id, "platform", held.today, platform=result.chosen,
            by="lottery", ticket=result.ticket, total=result.total, **by,
        )  # fmt: skip
    return result.chosen


def _purpose(lot_id: int) -> str:
    return f"platform:lot:{lot_id}"


def public_draw(services: Services, lot_id: int) -> dict[str, object]:
    """A lot's platform draw as anyone may read it: the seed, its commitment and the
    candidates from the moment it is scheduled, and once drawn the whole
    ``fapai-lottery/1`` record (``record``) to re-check with ``fapai lottery verify``."""
    with services.db.read() as tx:
        scheduled = tx.draw(lot_id, PLATFORM_DRAW)
    if scheduled is None:
        raise conflict("no_draw", "尚未安排摇号。", "No draw is scheduled.")
    candidates = [Candidate(c["key"], c["load"]) for c in json.loads(scheduled.candidates)]
    seed = bytes.fromhex(scheduled.seed)
    record = None
    if scheduled.chosen is not None:
        result = draw(seed, _purpose(lot_id), candidates)
        record = draw_record(seed, _purpose(lot_id), candidates, result)
    return {
        "purpose": _purpose(lot_id), "seed": scheduled.seed,
        "commitment": scheduled.commitment,
        "candidates": [{"key": c.key, "load": c.load} for c in candidates],
        "drawn": record is not None, "record": record,
    }  # fmt: skip


def record_notice(
    services: Services, user: CourtPrincipal, lot_id: int, role: str, recipient: str,
    method: str, on_date: date,
) -> date:  # fmt: skip
    """A notice of the auction to a party or a known preemptive-right holder (OJA Art 16):
    served in writing on ``on_date``, or published on the platform that day and deemed
    served five days later, or waived in writing. Returns the day it counts as served."""
    if role not in NOTICE_ROLES or method not in NOTICE_METHODS:
        raise invalid(
            "invalid_notice", "通知对象或方式无效。",
            f"role must be one of {', '.join(NOTICE_ROLES)}; method one of "
            f"{', '.join(NOTICE_METHODS)}.",
        )  # fmt: skip
    name = text(recipient, "recipient", 200)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        auction = _draft(tx, held)
        not_after_today(on_date, held.today, "on_date")
        served = on_date
        if method == "published":  # a period like any other: CPL Art 85 rolls its end
            served = period_end(services.calendar, on_date, DISPOSAL.deemed_served_days)
        step(
            tx, user, held, auction.id, "notice", on_date, role=role, method=method,
            served_on=served.isoformat(), recipient=services.cipher.encrypt(name).hex(),
        )  # fmt: skip
    return served


def confirm_disclosure(
    services: Services, user: CourtPrincipal, lot_id: int, special_warnings: str = ""
) -> None:
    """The bureau confirms the encumbrances, the preemptive-right holders and the special
    warnings before the announcement (Shanghai item 10(2); OJA Art 14)."""
    extra = special_warnings.strip()
    if len(extra) > 2000:
        raise invalid("too_long", "特别提示不得超过2000字。", "At most 2,000 characters.")
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        auction = _draft(tx, held)
        step(tx, user, held, auction.id, "disclosure_confirmed", held.today, special_warnings=extra)


def announce(services: Services, user: CourtPrincipal, lot_id: int) -> int:
    """Publish the draft auction's announcement today; it opens for registration and
    bids at its start. Returns the auction. An auction designated to a platform this
    deployment does not operate is handed over to it instead (status ``elsewhere``):
    registered for and bid on there, never here; the result comes back from it."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        auction = _draft(tx, held)
        steps = [s for s in tx.steps(lot_id) if s.auction_id == auction.id]
        names = {s.step for s in steps}
        if tx.extras(auction.id).platform is None:
            raise conflict(
                "platform_missing", "须先确定拍卖平台（《网络司法拍卖规定》第五条）。",
                "Choose or draw the platform first (OJA Art 5).",
            )  # fmt: skip
        if "disclosure_confirmed" not in names:
            raise conflict(
                "disclosure_unconfirmed",
                "权利负担、优先购买权人和特别提示须经执行局确认（上海高院实施细则第十条）。",
                "The bureau must confirm the encumbrances, holders and special warnings "
                "(Shanghai item 10(2)).",
            )
        today = held.today
        starts_on = beijing_date(auction.starts_at)
        # OJA Art 16 before every announcement: a second round and a 变卖 are new sales
        # the parties and holders may act on (Art 37(1) for the 变卖), and nothing exempts them
        _check_notices(services, tx, auction, steps, today)
        refused(checks.leader_approval(auction.kind, "sale_approved" in names))
        amount, realised = several_items.realised(tx, held)
        consents = any(s.step == "debtor_consents_all" for s in tx.steps(lot_id))
        refused(checks.claims_not_yet_met(amount, realised, consents))
        no_surplus.check_before_announcement(held, auction, tx)
        assert held.lot.reference_valid_until is not None
        # REF Art 27 times the 一拍 announcement only, not a re-auction's after a default
        first = not any(tx.extras(a.id).announced_at for a in tx.lot_auctions(lot_id))
        refused(checks.reference_valid(held.lot.reference_valid_until, today, starts_on, first))
        refused(
            checks.announcement_lead(
                services.calendar, today, starts_on, held.lot.property_type, auction.round,
                auction.kind,
            )
        )  # fmt: skip
        move(tx, held.lot, "announce")
        tx.set_announced(auction.id, held.now)
        step(tx, user, held, auction.id, "announced", today)
        publication.freeze(tx, user, held, auction)
        platform = tx.extras(auction.id).platform
        if not held_here(services.platform, platform):  # OJA Arts 4-5: bid there, not here
            tx.hand_over(auction.id)
            step(tx, user, held, auction.id, "handed_over", today, platform=platform)
    return auction.id


def _check_notices(
    services: Services, tx: Tx, auction: AuctionRecord, steps: list[StepRecord], today: date
) -> None:
    notices = [json.loads(s.details) for s in steps if s.step == "notice"]
    roles = {n["role"] for n in notices}
    holders = tx.holder_count(auction.id)
    missing = [NOTICE_ROLES[r] for r in ("applicant", "debtor") if r not in roles]
    if sum(1 for n in notices if n["role"] == "holder") < holders:
        missing.append(NOTICE_ROLES["holder"])
    if missing:
        raise conflict(
            "notices_missing",
            f"发布公告前须通知{'、'.join(missing)}（《网络司法拍卖规定》第十六条）。",
            "Notify every party and known preemptive-right holder before the announcement "
            "(OJA Art 16).",
        )
    served = [date.fromisoformat(n["served_on"]) for n in notices if n["method"] != "waived"]
    if served:
        refused(checks.notices_served(services.calendar, served, today))
