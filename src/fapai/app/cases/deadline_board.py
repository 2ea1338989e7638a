"""The deadline board of a court (the back office's 期限看板): every statutory clock of
every lot in its cases, and every money clock of its ledger, with the day each is due,
when it was met, and what is overdue, so nothing runs out unnoticed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fapai.app.auctions.ports import AuctionRecord
from fapai.app.cases.pricing_record import objections_until
from fapai.app.ledger.ports import Due
from fapai.app.lots.ports import LotRecord, StepRecord
from fapai.app.ports import Tx
from fapai.app.presenting import beijing, yuan
from fapai.app.services import Services
from fapai.domain.calendar import ONE_DAY, WorkCalendar, beijing_date
from fapai.domain.institutions.agreements import reselection_due
from fapai.domain.institutions.tasks import TASK_KINDS
from fapai.domain.remedies.clocks import CLOCK_LABELS, CLOCK_RULES
from fapai.domain.remedies.objections import ObjectionKind
from fapai.domain.remedies.timeline import clock_states
from fapai.domain.workflow.deadlines import Deadline, LotFacts, RoundFacts, clocks

# kind -> (zh, en) of what must happen
CLOCKS = {
    "disposal_start": ("确定参考价后启动处置（发布公告）", "start the disposal after pricing"),
    "reference_validity": (
        "参考价有效期内发布首次拍卖公告",
        "announce within the price's validity",
    ),
    "notices": ("通知当事人及优先购买权人", "notify the parties and holders"),
    "announcement": ("发布拍卖公告", "publish the announcement"),
    "reauction": ("流拍后再次拍卖", "auction again after the failure"),
    "sale_notice": ("二拍流拍后发布变卖公告", "announce the 变卖"),
    "resumption": ("恢复拍卖", "resume the auction"),
    "report_objections": (
        "当事人对价格报告提出异议的期限届满后确定参考价",
        "fix the price once the parties' objection period has run",
    ),
    "fault_report": (
        "平台因系统故障暂缓拍卖并已报告，法院处理",
        "the platform postponed for a fault and reported it: act on it",
    ),
    "sale_ruling": ("作出成交裁定", "make the sale ruling"),
    "delivery": ("交付拍卖财产", "deliver the property"),
    "refund": ("退还保证金", "refund the deposit"),
    "balance": ("买受人支付尾款", "the buyer pays the balance"),
    "in_lieu": ("以物抵债差价到账", "the in-lieu difference arrives"),
    "payout": ("支付款项", "pay out"),
    "pause_hold": (
        "暂缓或中止期间保证金已留存三十日，决定继续留存或退还",
        "deposits held 30 days in a pause: keep or return them",
    ),
    "institution_agreement": (
        "网拍辅助机构委托协议届满，续签或另行选定",
        "an institution's agreement ends: renew it or select another",
    ),
    "institution_filing": (
        "入库名单报省高级法院备案",
        "file the database list with the High Court",
    ),
    "institution_report": (
        "网拍辅助机构除名报告省高级法院并公布",
        "report the institution's removal to the High Court and publish it",
    ),
    "institution_reselection": ("重新选定网拍辅助机构名单库", "select the database again"),
    "institution_task": (
        "网拍辅助机构完成委托任务并经验收",
        "the institution's task done and accepted",
    ),
    "institution_files": (
        "更换、退出或除名的网拍辅助机构交回财产、钥匙和资料",
        "the institution replaced, withdrawn or removed hands back property, keys and files",
    ),
    "institution_fee": (
        "法院确认辅助工作完成后十个工作日内支付辅助机构费用",
        "pay the institution's fee within 10 working days of confirming its work",
    ),
    "clawback": (
        "拍卖成交后被撤销，向收款人追回已支付的款项以退还买受人",
        "the sale was revoked: recover what was paid out, to refund the buyer",
    ),
}
# an objection's clocks (OBJ Art 2; CPL Arts 236, 238) and a complaint's answer
CLOCKS.update({f"objection_{clock.value}": label for clock, label in CLOCK_LABELS.items()})
CLOCKS["complaint_response"] = ("答复服务投诉", "answer the service complaint")
#: an agreement shows on the board this long before it ends
AGREEMENT_NOTICE = timedelta(days=90)
MONEY_ARTICLES = {
    "refund": "OJA Art 23", "balance": "OJA Art 25", "in_lieu": "ASR Art 16",
    "payout": "seed 003 Art 21", "pause_hold": "OJA Arts 23, 28", "clawback": "OBJ Art 21",
    "institution_fee": "seed 003 Art 21",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Row:
    lot_id: int | None
    auction_id: int | None
    case_number: str | None
    title: str | None
    kind: str
    article: str
    due: str  # a day, or a moment for money clocks
    done: str | None
    state: str  # done | late | open | overdue
    amount: str | None = None
    provisional: bool = False  # counted through a year whose schedule is not published
    # a money clock counted in days: due runs to 24:00 of this day, the day included, as the
    # documents word it (CPL Art 85), not 00:00 of the next
    through_day_end: bool = False


def board(services: Services, court_id: int, include_done: bool = False) -> list[Row]:
    """The court's clocks, overdue first, then by due day."""
    now = services.clock()
    today = beijing_date(now)
    rows: list[Row] = []
    with services.db.read() as tx:
        numbers = {case.id: case.number for case in tx.cases(court_id)}
        for lot in tx.lots(court_id):
            facts = lot_facts(tx, lot)
            for item in clocks(services.calendar, facts):
                rows.append(_lot_row(lot, numbers.get(lot.case_id or 0), item, today))
            rows += _task_rows(tx, lot, numbers.get(lot.case_id or 0), today)
        for due in tx.dues(court_id, open_only=False):
            if due.kind in MONEY_ARTICLES:
                rows.append(_money_row(tx, numbers, due, now, services.calendar))
        rows += _objection_rows(tx, services.calendar, court_id, numbers, now)
        rows += [
            Row(
                None,
                complaint.auction_id,
                None,
                complaint.subject,
                "complaint_response",
                "court-set",
                complaint.respond_by.isoformat(),
                beijing_date(complaint.responded_at).isoformat()
                if complaint.responded_at
                else None,
                _complaint_state(complaint.respond_by, complaint.responded_at, today),
            )
            for complaint in tx.complaints(court_id)
            if complaint.respond_by is not None
        ]
        rows += _institution_rows(tx, court_id, today)
    if not include_done:
        rows = [r for r in rows if r.state in ("open", "overdue")]
    order = {"overdue": 0, "late": 1, "open": 2, "done": 3}
    return sorted(rows, key=lambda r: (order[r.state], r.due[:10], r.lot_id or 0, r.kind))


def _objection_rows(
    tx: Tx, calendar: WorkCalendar, court_id: int, numbers: dict[int, str], now: datetime
) -> list[Row]:
    """Each objection's clocks (counted on the statutory calendar, CPL Art 85), due at
    24:00 of their last day; an objection sent up for reconsideration shows on the higher
    court's board too."""
    rows = []
    for objection in tx.objections(court_id=court_id):
        lot = tx.lot(objection.lot_id)
        steps = [(s.step, s.at) for s in tx.objection_steps(objection.id)]
        for item in clock_states(calendar, ObjectionKind(objection.kind), steps):
            last_day = beijing_date(item.deadline) - ONE_DAY
            rows.append(Row(
                objection.lot_id, None, numbers.get(lot.case_id or 0) if lot else None,
                lot.title if lot else None, f"objection_{item.clock.value}",
                CLOCK_RULES[item.clock].article, last_day.isoformat(),
                beijing_date(item.done_at).isoformat() if item.done_at else None,
                item.state(now), provisional=not calendar.is_official(last_day),
                through_day_end=True,
            ))  # fmt: skip
    return rows


def _complaint_state(respond_by: date, responded_at: datetime | None, today: date) -> str:
    if responded_at is not None:
        return "done" if beijing_date(responded_at) <= respond_by else "late"
    return "overdue" if today > respond_by else "open"


def lot_facts(tx: Tx, lot: LotRecord) -> LotFacts:
    """What the lot's clocks are computed from: its steps and its rounds."""
    steps = tx.steps(lot.id)
    auctions = tx.lot_auctions(lot.id)
    rounds = tuple(_round(tx, auction) for auction in auctions)
    newest = auctions[-1] if auctions else None
    last = {s.step: s for s in steps if newest is None or s.auction_id in (None, newest.id)}
    served = tuple(
        date.fromisoformat(json.loads(s.details)["served_on"])
        for s in steps
        if s.step == "notice" and newest is not None and s.auction_id == newest.id
    )
    # the newest pause's end, whichever round it stopped (a continuation is a new round)
    lifted = next((s for s in reversed(steps) if s.step == "pause_lifted"), None)
    resumed = next(
        (s for s in reversed(steps) if s.step == "resumed" and lifted and s.id > lifted.id), None
    )
    fault = next((s for s in reversed(steps) if s.step == "platform_postponed"), None)
    handled = next(
        (s for s in steps if fault and s.id > fault.id and s.step in ("pause_lifted", "revoked")),
        None,
    )
    return LotFacts(
        lot.id, lot.property_type, lot.reference_date, lot.reference_valid_until, rounds,
        served, _paid_on(tx, newest, last), _on(last, "sale_ruled"),
        _on(last, "delivered"), lifted.on_date if lifted else None,
        resumed.on_date if resumed else None, lot.stage or "",
        fault.on_date if fault else None, handled.on_date if handled else None,
        objections_until(steps),
    )  # fmt: skip


def _paid_on(tx: Tx, auction: AuctionRecord | None, last: dict[str, StepRecord]) -> date | None:
    """The day the whole price was in (ASR Art 20's ten days run from it): the last payment,
    or, when nothing was left to pay, the close (a 变卖 prepaid in full) or the taking in
    lieu by a creditor whose claim covered the reserve."""
    if auction is None:
        return None
    paid = tx.paid_at(auction.id)
    if paid is not None:
        return beijing_date(paid)
    if auction.status not in ("sold", "in_lieu") or any(
        due.kind in ("balance", "in_lieu")
        for due in tx.dues(auction.court_id, open_only=False, auction_id=auction.id)
    ):
        return None
    if auction.status == "in_lieu":
        return _on(last, "in_lieu")
    return beijing_date(auction.closed_at) if auction.closed_at else None


def _on(last: dict[str, StepRecord], name: str) -> date | None:
    found = last.get(name)
    return found.on_date if found else None


def _round(tx: Tx, auction: AuctionRecord) -> RoundFacts:
    announced = tx.extras(auction.id).announced_at
    return RoundFacts(
        auction.id, auction.round, auction.kind, auction.status, beijing_date(auction.starts_at),
        beijing_date(announced) if announced else None,
        beijing_date(auction.closed_at) if auction.closed_at else None,
    )  # fmt: skip


def _lot_row(lot: LotRecord, number: str | None, item: Deadline, today: date) -> Row:
    return Row(
        lot.id, item.auction_id, number, lot.title, item.kind, item.article,
        item.due.isoformat(), item.done_on.isoformat() if item.done_on else None,
        item.state(today), provisional=item.provisional,
    )  # fmt: skip


def _money_row(
    tx: Tx, numbers: dict[int, str], due: Due, now: datetime, calendar: WorkCalendar
) -> Row:
    """A money clock, with the case and the lot it belongs to, so the desk can act on it."""
    state = "done" if due.settled else ("overdue" if now > due.due_at else "open")
    last_day = beijing_date(due.due_at) - ONE_DAY  # days run to 24:00 (CPL Art 85)
    in_days = due.kind in ("balance", "in_lieu", "institution_fee")  # a refund's 24 hours are hours
    auction = tx.auction(due.auction_id) if due.auction_id is not None else None
    lot = tx.lot(auction.lot_id) if auction is not None else None
    return Row(
        lot.id if lot else None, due.auction_id,
        numbers.get(lot.case_id or 0) if lot else None, lot.title if lot else None,
        due.kind, MONEY_ARTICLES[due.kind],
        last_day.isoformat() if in_days else beijing(due.due_at) or "", None, state,
        yuan(due.amount), in_days and not calendar.is_official(last_day), in_days,
    )  # fmt: skip


def _institution_rows(tx: Tx, court_id: int, today: date) -> list[Row]:
    """The auxiliary institutions' clocks (seed 003): the court's agreements ending within
    ``AGREEMENT_NOTICE`` with no agreement after them (Art 12), the database's filing
    (Art 9(6)), a removal's report (Art 25) and the database's re-selection (Art 22)."""
    clocks: list[tuple[str, str, str, date, date | None]] = []
    signed = tx.agreements(court_id)
    for a in signed:
        later = any(
            b.institution_id == a.institution_id and b.starts_on > a.ends_on for b in signed
        )
        if not later and a.ends_on <= today + AGREEMENT_NOTICE and today <= a.ends_on:
            found = tx.institution(a.institution_id)
            name = found.name if found else ""
            clocks.append(("institution_agreement", "seed 003 Art 12", name, a.ends_on, None))
    published = None
    for r in tx.institution_rounds(court_id):
        if r.filing_due is not None:
            clocks.append(("institution_filing", "seed 003 Art 9(6)", "", r.filing_due, r.filed_on))
        published = r.published_on or published
    if published is not None:
        due = reselection_due(published)
        clocks.append(("institution_reselection", "seed 003 Art 22", "", due, None))
    for i in tx.institutions([court_id]):
        if i.report_due is not None:
            clocks.append(
                ("institution_report", "seed 003 Art 25", i.name, i.report_due, i.reported_on)
            )
    return [
        Row(
            None, None, None, title or None, kind, article, due.isoformat(),
            done.isoformat() if done else None,
            Deadline(0, None, kind, article, due, done).state(today),
        )
        for kind, article, title, due, done in clocks
    ]  # fmt: skip


def _task_rows(tx: Tx, lot: LotRecord, number: str | None, today: date) -> list[Row]:
    """The lot's tasks given to its institution (seed 003 Art 3): due on the office's
    day, done when the work accepted was submitted (late if after the day); an open one
    past its day is overdue."""
    rows = []
    for task in tx.lot_tasks(lot.id):
        submitted = beijing_date(task.submitted_at) if task.submitted_at else None
        done = submitted if task.state == "accepted" else None
        article = TASK_KINDS[task.kind].article
        rows.append(Row(
            lot.id, None, number, lot.title, "institution_task", article,
            task.due_on.isoformat(), done.isoformat() if done else None,
            Deadline(lot.id, None, "institution_task", article, task.due_on, done).state(today),
        ))  # fmt: skip
    for d in tx.designations(lot.id):  # Art 17 (Art 15's day on a replacement)
        if d.ended_at is None or d.files_due is None:
            continue
        back, article = d.files_returned_on, "seed 003 Arts 15, 17"
        rows.append(Row(
            lot.id, None, number, lot.title, "institution_files", article,
            d.files_due.isoformat(), back.isoformat() if back else None,
            Deadline(lot.id, None, "institution_files", article, d.files_due, back).state(today),
        ))  # fmt: skip
    return rows
