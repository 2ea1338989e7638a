"""The court's docket of objections (OBJ Art 2; CPL Arts 236, 238): asking for papers,
docketing (the filer's standing confirmed), notifying, ruling with its effect on the
auction, reconsideration at the next-higher court and closing.

The enforcement bureau handles objections (its 执行裁决 work); the next-higher court's
bureau sees an objection once reconsideration is applied for. Every act is a step of
the objection and a record of the audit trail, in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.cases import pauses, sale_revocation
from fapai.app.cases.auction_terms import NOTICE_METHODS
from fapai.app.cases.disposal import actor, text
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.ports import Tx
from fapai.app.remedies.ports import ObjectionRecord
from fapai.app.remedies.steps import add_step, move, refusal
from fapai.app.services import Services
from fapai.domain.calendar import WorkCalendar
from fapai.domain.remedies.clocks import Clock, clock_deadline
from fapai.domain.remedies.docket import Status, Step, next_status
from fapai.domain.remedies.objections import ObjectionKind, ObjectionRefused
from fapai.domain.remedies.rulings import THIRD_PARTY_PAUSE_GROUND, Outcome, check_ruling
from fapai.domain.workflow.grounds import PAUSE_KINDS
from fapai.domain.workflow.stages import allowed_from

BUREAU = "enforcement"
#: before the sale an upheld objection revokes through the back office's revocation;
#: after it, through the after-sale revocation that returns the buyer's money
BEFORE_SALE = frozenset(allowed_from("revoke")) - {"sale_revoked"}
#: how the notice of docketing is served: as the auction's notices are (a waiver is a
#: party's answer to an auction's notice, not a way to serve a docketing)
SERVED_BY = {code: NOTICE_METHODS[code] for code in ("written", "published")}


@dataclass(frozen=True, slots=True)
class Held:
    objection: ObjectionRecord
    now: datetime


def _held(services: Services, tx: Tx, user: CourtPrincipal, objection_id: int) -> Held:
    """The objection, locked, if it is the user's court's (or sent up to it)."""
    require(user, BUREAU)
    objection = tx.lock_objection(objection_id)
    if objection is None:
        raise not_found("异议", "Objection")
    reviewing = objection.status == Status.RECONSIDERATION
    owner = objection.reviewing_court_id if reviewing else objection.court_id
    if owner != user.court_id:
        raise other_court("异议")
    return Held(objection, services.clock())


def request_papers(services: Services, user: CourtPrincipal, objection_id: int, what: str) -> None:
    """Tell the filer which papers are missing; the completion clock starts (3 days)."""
    missing = text(what, "note", 500)
    with services.db.write() as tx:
        held = _held(services, tx, user, objection_id)
        move(tx, held.objection, Step.REQUEST_PAPERS, actor(user), held.now, missing=missing)


def docket(services: Services, user: CourtPrincipal, objection_id: int) -> None:
    """立案: the filer's stated standing is confirmed by the docketing; the notice clock
    starts. A filer without standing is answered by a ruling not to accept instead."""
    with services.db.write() as tx:
        held = _held(services, tx, user, objection_id)
        move(
            tx, held.objection, Step.DOCKET, actor(user), held.now,
            standing_confirmed=held.objection.standing,
        )  # fmt: skip


def notify(
    services: Services, user: CourtPrincipal, objection_id: int, recipients: str,
    method: str = "written",
) -> None:  # fmt: skip
    """The notice of docketing went to the objector and the parties (named), served as the
    auction's notices are: in writing, or published on the platform (OJA Art 16's methods);
    each recipient's document is ``documents.for_court(..., "notice", to=...)``."""
    if method not in SERVED_BY:
        raise invalid(
            "invalid_notice", "送达方式无效。", f"method must be one of {', '.join(SERVED_BY)}."
        )
    who = text(recipients, "recipient", 300)
    with services.db.write() as tx:
        held = _held(services, tx, user, objection_id)
        move(
            tx, held.objection, Step.NOTIFY, actor(user), held.now, recipients=who,
            method=method,
        )  # fmt: skip


def rule(
    services: Services, user: CourtPrincipal, objection_id: int, outcome: str,
    revoke_ground: str | None, reason: str,
) -> str:  # fmt: skip
    """The ruling, served on the filer's desk as it is made (the after-ruling clock
    starts). Returns its effect on the auction:

    - ``revoked``: an upheld objection to the auction before the sale revokes it through
      the back office's revocation on OBJ Art 21's ground (or finds it revoked already);
    - ``revocation_due``: after the sale: once the ruling is final the bureau files the
      after-sale revocation from it (``file_revocation``), the director approving;
    - ``revocation_needed``: after the sale, where fapai cannot undo it (delivered, or
      taken in lieu): the court acts outside it;
    - ``enforcement_suspended``: an upheld third-party objection (CPL Art 238);
    - ``none``.

    The ruling and the act it sets off are one transaction: neither stands without the
    other."""
    try:
        outcome_ = Outcome(outcome)
    except ValueError:
        raise invalid(
            "invalid_outcome", "裁定结果无效。", f"outcome must be one of {', '.join(Outcome)}."
        ) from None
    why = text(reason, "reason", 2000)
    event = None
    with services.db.write() as tx:
        held = _held(services, tx, user, objection_id)
        objection = held.objection
        effect = _effect(tx, objection, outcome_, revoke_ground, held.now, services.calendar)
        said = f"执行异议（第{objection_id}号）成立：{why}"[:500]
        if effect == REVOKES and revoke_ground is not None:
            event = pauses.revoke_in(services, tx, user, objection.lot_id, revoke_ground, said)
        move(
            tx, objection, Step.RULE, actor(user), held.now, outcome=outcome_.value,
            revoke_ground=revoke_ground, reason=why, effect=_public(effect),
            served_at=held.now.isoformat(),
        )  # fmt: skip
    if event is not None:
        services.publish(*event)
    return _public(effect)


#: what a ruling sets off (internal names): revoke now, or the after-sale revocation once
#: the ruling is final
REVOKES, DUE = "revoke", "revocation_due"
#: an auction that stands revoked already: nothing more to revoke (a lot whose sale was
#: revoked is not ended by a later objection: that would be the bureau's own decision)
ALREADY_REVOKED = frozenset({"revoked", "sale_revoked"})
#: after the sale, where the after-sale revocation starts from
AFTER_SALE = frozenset(allowed_from("revoke_sale"))


def _public(effect: str) -> str:
    return "revoked" if effect in (REVOKES, "already_revoked") else effect


def _ruling_number(tx: Tx, objection: ObjectionRecord) -> str:
    """The objection ruling's number as its document prints it."""
    lot = tx.lot(objection.lot_id)
    case = tx.case(lot.case_id) if lot and lot.case_id else None
    return f"{case.number if case else ''}（{objection.id}）"


def _papers_overdue(
    tx: Tx, objection: ObjectionRecord, outcome: Outcome, now: datetime, calendar: WorkCalendar
) -> None:
    """Papers asked for and not completed: OBJ Art 2 lets the court refuse to accept the
    objection once the three days have run (逾期未补正的，不予受理), and not before."""
    if outcome is not Outcome.NOT_ACCEPTED:
        raise refusal(ObjectionRefused("out_of_order", "OBJ Art 2", "the papers are still awaited"))
    asked = next(s.at for s in reversed(tx.objection_steps(objection.id))
                 if s.step == Step.REQUEST_PAPERS)  # fmt: skip
    if now < clock_deadline(calendar, Clock.COMPLETION, asked):
        raise refusal(
            ObjectionRefused(
                "out_of_order", "OBJ Art 2", "the three days to complete the papers still run"
            )
        )


def _effect(
    tx: Tx, objection: ObjectionRecord, outcome: Outcome, ground: str | None, now: datetime,
    calendar: WorkCalendar,
) -> str:  # fmt: skip
    kind = ObjectionKind(objection.kind)
    try:
        check_ruling(kind, outcome, ground)
    except ObjectionRefused as error:
        raise refusal(error) from None
    if objection.status == Status.AWAITING_PAPERS:
        _papers_overdue(tx, objection, outcome, now, calendar)
    elif objection.status not in (Status.FILED, Status.DOCKETED):
        raise refusal(
            ObjectionRefused("out_of_order", "OBJ Art 2", f"cannot rule on a {objection.status}")
        )
    if outcome is Outcome.NOT_ACCEPTED and objection.status == Status.DOCKETED:
        raise refusal(
            ObjectionRefused("out_of_order", "OBJ Art 2", "a docketed objection is accepted")
        )
    if outcome is not Outcome.UPHELD:
        return "none"
    if kind is ObjectionKind.THIRD_PARTY:
        return "enforcement_suspended"
    lot = tx.lot(objection.lot_id)
    assert lot is not None
    if lot.stage in ALREADY_REVOKED:
        return "already_revoked"
    if lot.stage in BEFORE_SALE:
        return REVOKES
    rounds = tx.lot_auctions(lot.id)
    sold = bool(rounds) and rounds[-1].status == "sold" and rounds[-1].leader_registration_id
    if lot.stage in AFTER_SALE and sold:
        return DUE
    return "revocation_needed"


def file_revocation(services: Services, user: CourtPrincipal, objection_id: int) -> None:
    """The one-click follow-up of a ruling upholding an objection after the sale: the
    after-sale revocation is filed with the ruling's OBJ Art 21 ground, its reason and its
    number, for the director to approve. Only once the ruling is final (docs/remedies.md):
    the buyer's money is not sent back on a ruling the next-higher court may still undo,
    so while the ten days for reconsideration run (CPL Art 236) or the higher court
    reviews it, ``ruling_not_final``; after the objection is closed (the period ran or the
    higher court upheld it) or the ten days ran, the bureau files it."""
    with services.db.write() as tx:
        held = _held(services, tx, user, objection_id)
        objection = held.objection
        steps = tx.objection_steps(objection.id)
        ruled = next((s for s in reversed(steps) if s.step == Step.RULE), None)
        said = json.loads(ruled.details) if ruled else {}
        if said.get("effect") != DUE or objection.revoke_ground is None:
            raise conflict(
                "no_revocation_due",
                "该异议的裁定不需要撤销已成交的拍卖（《执行异议复议规定》第二十一条）。",
                "No ruling of this objection revokes a sale (OBJ Art 21).",
            )  # fmt: skip
        if any(s.step == "revocation_filed" for s in steps):
            raise conflict(
                "revocation_filed", "已据该裁定提请撤销拍卖。",
                "The revocation was filed from this ruling already.",
            )  # fmt: skip
        assert ruled is not None
        final = objection.status == Status.CLOSED or (
            objection.status == Status.RULED
            and held.now >= clock_deadline(services.calendar, Clock.RECONSIDERATION, ruled.at)
        )
        if not final:
            raise conflict(
                "ruling_not_final",
                "异议裁定尚未生效：复议期限届满或上一级法院复议后方可据以撤销已成交的拍卖"
                "（《民事诉讼法》第二百三十六条）。",
                "The ruling is not final: the sale is revoked once the ten days for "
                "reconsideration have run or the next-higher court has decided (CPL Art 236).",
            )  # fmt: skip
        number = _ruling_number(tx, objection)
        sale_revocation.request_in(
            services, tx, user, objection.lot_id, objection.revoke_ground,
            f"执行异议（第{objection.id}号）成立：{said.get('reason', '')}"[:500], number,
        )  # fmt: skip
        add_step(tx, objection, "revocation_filed", actor(user), held.now, ruling_number=number)


def request_pause(
    services: Services, user: CourtPrincipal, objection_id: int, kind: str, reason: str
) -> None:
    """A docketed third-party objection pauses the auction (Shanghai item 18 ground 6):
    the bureau's request, through the back office's pause, which the director approves."""
    if kind not in PAUSE_KINDS:
        raise invalid(
            "invalid_ground", "暂缓/中止的种类无效（上海高院实施细则第十八条）。",
            f"kind must be one of {', '.join(PAUSE_KINDS)} (Shanghai item 18).",
        )  # fmt: skip
    with services.db.read() as tx:
        held = _held(services, tx, user, objection_id)
    objection = held.objection
    if objection.kind != ObjectionKind.THIRD_PARTY or not (
        objection.status == Status.DOCKETED
        or (objection.status == Status.RULED and objection.outcome == Outcome.UPHELD)
    ):
        raise conflict(
            "not_pausable_objection",
            "只有已立案或已裁定成立的案外人异议可以申请暂缓或中止拍卖（上海高院实施细则第十八条）。",
            "Only a docketed or upheld third-party objection pauses the auction "
            "(Shanghai item 18).",
        )
    why = text(reason, "reason", 400)
    pauses.request_pause(
        services, user, objection.lot_id, kind, THIRD_PARTY_PAUSE_GROUND,
        f"案外人异议（第{objection_id}号）：{why}",
    )  # fmt: skip
    with services.db.write() as tx:
        held = _held(services, tx, user, objection_id)
        add_step(tx, held.objection, "pause_requested", actor(user), held.now, kind=kind)


def reconsider(services: Services, account_id: int, objection_id: int, grounds: str) -> int:
    """The filer of an execution-act objection applies to the next-higher court within
    10 days of service (CPL Art 236); that court's bureau then holds the objection.
    Returns the reviewing court."""
    why = text(grounds, "grounds", 5000)
    with services.db.write() as tx:
        objection = tx.lock_objection(objection_id)
        if objection is None or objection.account_id != account_id:
            raise not_found("异议", "Objection")
        now = services.clock()
        try:
            next_status(ObjectionKind(objection.kind), Status(objection.status), Step.RECONSIDER)
        except ObjectionRefused as error:
            raise refusal(error) from None
        ruled = _ruled_at(tx, objection)
        if ruled is not None and now >= clock_deadline(
            services.calendar, Clock.RECONSIDERATION, ruled
        ):
            raise invalid(
                "reconsideration_late",
                "自裁定送达之日起十日内未申请复议，期限已过（《民事诉讼法》第二百三十六条）。",
                "Reconsideration is applied for within 10 days of service (CPL Art 236).",
            )
        court = tx.court(objection.court_id)
        higher = court.parent_id if court else None
        if higher is None:
            raise conflict(
                "no_higher_court", "未登记上一级法院，无法申请复议。",
                "No next-higher court is registered for this court.",
            )  # fmt: skip
        move(
            tx, objection, Step.RECONSIDER, f"account:{account_id}", now,
            reviewing_court_id=higher, grounds=why,
        )  # fmt: skip
    return higher


def _ruled_at(tx: Tx, objection: ObjectionRecord) -> datetime | None:
    return next((s.at for s in tx.objection_steps(objection.id) if s.step == Step.RULE), None)


def close(services: Services, user: CourtPrincipal, objection_id: int, note: str) -> None:
    """The objection's file closes: the after-ruling period ran, the suit was brought
    elsewhere, or the higher court decided the reconsideration (the note says which)."""
    said = text(note, "note", 500)
    with services.db.write() as tx:
        held = _held(services, tx, user, objection_id)
        move(tx, held.objection, Step.CLOSE, actor(user), held.now, note=said)
