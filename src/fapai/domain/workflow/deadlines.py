"""Every statutory clock of a lot, computed from what has happened to it.

The deadline board shows, for each lot, the acts the law times (notices,
announcement, re-auction, 变卖 notice, resumption, sale ruling, delivery,
disposal after pricing, the reference price's validity) with the day each is
due, when it was done, and whether it is overdue. Money clocks (refunds,
balance, payouts) come from the ledger's dues and are merged by the caller.
Days are counted by CPL Art 85; a clock counted through a year whose holiday
schedule is not yet published is provisional, and the board says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fapai.domain.calendar import Watched, WorkCalendar, period_end
from fapai.domain.rules import DISPOSAL, DisposalRules
from fapai.domain.workflow.checks import add_months, announcement_lead_days


@dataclass(frozen=True, slots=True)
class RoundFacts:
    auction_id: int
    round: int
    kind: str  # auction | sale
    status: str
    starts_on: date
    announced_on: date | None
    closed_on: date | None


@dataclass(frozen=True, slots=True)
class LotFacts:
    lot_id: int
    property_type: str
    priced_on: date | None
    valid_until: date | None
    rounds: tuple[RoundFacts, ...]  # oldest first
    notices_served: tuple[date, ...]  # of the newest round
    paid_on: date | None  # balance (or in-lieu difference) fully paid
    sale_ruled_on: date | None
    delivered_on: date | None
    lifted_on: date | None  # the ground of the newest pause ended
    resumed_on: date | None
    # the lot's stage: once it is released, taken in lieu or revoked, no further round
    # is owed
    stage: str = "announced"
    # OJA Art 28(2): the platform postponed for a fault and reported it; the court acts
    # on it (the ground ended, or the sale revoked) on that day
    fault_on: date | None = None
    fault_handled_on: date | None = None
    # REF Art 22: the last day the parties may object to the delivered report; the
    # price waits for it (None once priced, or with no report delivered)
    objections_until: date | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    lot_id: int
    auction_id: int | None
    kind: str
    article: str
    due: date
    done_on: date | None
    # "latest" clocks must be met on or before ``due``; "earliest" ones say when an act
    # may happen at the soonest (a lead time), and are never overdue.
    sense: str = "latest"
    # counted through a day of a year the calendar does not officially know: the State
    # Council's notice for that year may still move ``due`` (CPL Art 85)
    provisional: bool = False

    def state(self, today: date) -> str:
        """done | late (done after the due day) | open | overdue."""
        if self.done_on is not None:
            return "late" if self.sense == "latest" and self.done_on > self.due else "done"
        return "overdue" if self.sense == "latest" and today > self.due else "open"


def latest_start(calendar: WorkCalendar, deadline: date, days: int) -> date:
    """The last day an N-day lead period may start so that it has run by ``deadline``."""
    day = date.fromordinal(deadline.toordinal() - days)
    while period_end(calendar, day, days) > deadline:
        day = date.fromordinal(day.toordinal() - 1)
    return day


def clocks(
    calendar: WorkCalendar, lot: LotFacts, rules: DisposalRules = DISPOSAL
) -> list[Deadline]:
    watched = Watched(calendar)
    out: list[Deadline] = []
    first = lot.rounds[0] if lot.rounds else None
    if lot.priced_on is not None:
        out.append(
            Deadline(
                lot.lot_id, first.auction_id if first else None, "disposal_start", "REF Art 30",
                period_end(watched, lot.priced_on, rules.disposal_within_days),
                first.announced_on if first else None, provisional=watched.provisional(),
            )
        )  # fmt: skip
    if lot.valid_until is not None and (first is None or first.announced_on is None):
        out.append(
            Deadline(lot.lot_id, None, "reference_validity", "REF Art 27", lot.valid_until, None)
        )
    for index, current in enumerate(lot.rounds):
        out += _round_clocks(watched, lot, current, rules)
        following = lot.rounds[index + 1] if index + 1 < len(lot.rounds) else None
        owed = following is not None or lot.stage == "unsold"  # not released, revoked, …
        if current.status == "unsold" and current.closed_on is not None and owed:
            out += _after_failure(watched, lot, current, following, rules)
    newest = lot.rounds[-1] if lot.rounds else None
    if newest is not None and newest.status in ("sold", "in_lieu") and lot.paid_on is not None:
        ruling_due = period_end(watched, lot.paid_on, rules.ruling_within_days)
        out.append(
            Deadline(
                lot.lot_id, newest.auction_id, "sale_ruling", "ASR Art 20", ruling_due,
                lot.sale_ruled_on, provisional=watched.provisional(),
            )
        )  # fmt: skip
        if lot.sale_ruled_on is not None:
            out.append(
                Deadline(
                    lot.lot_id, newest.auction_id, "delivery", "ASR Art 27",
                    period_end(watched, lot.sale_ruled_on, rules.delivery_within_days),
                    lot.delivered_on, provisional=watched.provisional(),
                )
            )  # fmt: skip
    if lot.objections_until is not None:
        out.append(
            Deadline(
                lot.lot_id, None, "report_objections", "REF Art 22", lot.objections_until,
                None, sense="earliest",
            )
        )  # fmt: skip
    if newest is not None and lot.fault_on is not None:
        out.append(
            Deadline(
                lot.lot_id, newest.auction_id, "fault_report", "OJA Art 28(2)", lot.fault_on,
                lot.fault_handled_on,
            )
        )  # fmt: skip
    if newest is not None and lot.lifted_on is not None:
        out.append(
            Deadline(
                lot.lot_id, newest.auction_id, "resumption", "OJA Art 28",
                period_end(watched, lot.lifted_on, rules.resume_within_days), lot.resumed_on,
                provisional=watched.provisional(),
            )
        )  # fmt: skip
    return out


def _round_clocks(
    calendar: Watched,
    lot: LotFacts,
    current: RoundFacts,
    rules: DisposalRules,
) -> list[Deadline]:
    """The announcement's lead time and, for the newest round, the notices' deadline."""
    days, _, article = announcement_lead_days(lot.property_type, current.round, current.kind, rules)
    latest_announcement = latest_start(calendar, current.starts_on, days)
    announcement = Deadline(
        lot.lot_id, current.auction_id, "announcement", article, latest_announcement,
        current.announced_on, provisional=calendar.provisional(),
    )  # fmt: skip
    out = [announcement]
    if current is lot.rounds[-1] and current.round == 1 and current.kind == "auction":
        out.append(
            Deadline(
                lot.lot_id, current.auction_id, "notices", "OJA Art 16",
                latest_start(calendar, latest_announcement, rules.notice_days),
                max(lot.notices_served) if lot.notices_served else None,
                provisional=calendar.provisional() or announcement.provisional,
            )
        )  # fmt: skip
    return out


def _after_failure(
    calendar: Watched,
    lot: LotFacts,
    failed: RoundFacts,
    following: RoundFacts | None,
    rules: DisposalRules,
) -> list[Deadline]:
    """A failed first round is auctioned again within 30 days (its bidding starts by
    then); a failed second round's 变卖 is announced within 15 days."""
    assert failed.closed_on is not None
    if failed.round == 1:
        return [
            Deadline(
                lot.lot_id, failed.auction_id, "reauction", "OJA Art 26",
                period_end(calendar, failed.closed_on, rules.reauction_within_days),
                following.starts_on if following and following.announced_on else None,
                provisional=calendar.provisional(),
            )
        ]  # fmt: skip
    if failed.kind == "auction":
        return [
            Deadline(
                lot.lot_id, failed.auction_id, "sale_notice", "2017 SPC notice",
                period_end(calendar, failed.closed_on, rules.sale_notice_within_days),
                following.announced_on if following else None,
                provisional=calendar.provisional(),
            )
        ]  # fmt: skip
    return []


def grace_end(valid_until: date, rules: DisposalRules = DISPOSAL) -> date:
    """REF Art 27: the last day a sale may take place on an expired reference price."""
    return add_months(valid_until, rules.reference_grace_months)
