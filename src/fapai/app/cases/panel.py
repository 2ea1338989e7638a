"""The collegial panel's decision (合议庭评议) that OJA Art 27 requires for the starting
price and its cut, the increment, the deposit, and the preemptive-right holders and
their order: recorded with its number, day and members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fapai.app.errors import invalid


@dataclass(frozen=True, slots=True)
class Panel:
    number: str
    decided_on: date
    members: tuple[str, ...]


def checked(panel: Panel, today: date) -> dict[str, object]:
    """The decision as recorded; refused unless it is a collegial panel's (an odd number
    of at least three members, CPL Art 40) and already taken."""
    members = [m.strip() for m in panel.members]
    number = panel.number.strip()
    distinct = len(set(members)) == len(members)
    if (
        len(members) < 3
        or len(members) % 2 == 0
        or not distinct
        or not all(0 < len(m) <= 40 for m in members)
    ):
        raise invalid(
            "panel_not_collegial",
            "起拍价、加价幅度、保证金及优先购买权人的资格和顺序须经合议庭评议确定，合议庭成员"
            "须为三人以上单数（《网络司法拍卖规定》第二十七条、《民事诉讼法》第四十条）。",
            "The terms and the preemptive-right holders are decided by a collegial panel of "
            "an odd number of at least three members (OJA Art 27, CPL Art 40).",
        )
    if not 0 < len(number) <= 80:
        raise invalid(
            "invalid_panel_number", "须写明合议庭评议的编号。", "Give the panel decision's number."
        )
    if panel.decided_on > today:
        raise invalid(
            "decided_on_in_future", "合议庭评议日期不能晚于今天。",
            "The panel cannot have decided in the future.",
        )  # fmt: skip
    return {"number": number, "decided_on": panel.decided_on.isoformat(), "members": members}
