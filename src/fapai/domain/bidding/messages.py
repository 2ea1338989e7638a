"""What a bidder is told when a bid is refused, in Chinese and English."""

from __future__ import annotations

from fapai.domain.bidding.model import Reason

REASON_MESSAGES: dict[Reason, tuple[str, str]] = {
    Reason.UNKNOWN_BIDDER: ("您未报名参加本次拍卖。", "You are not registered for this auction."),
    Reason.BARRED: ("您不得参加本次竞买。", "You may not bid in this auction."),
    Reason.NO_DEPOSIT: (
        "保证金尚未确认到账，暂不能出价（《网络司法拍卖规定》第十七条）。",
        "Your deposit is not confirmed yet, so you cannot bid (OJA Art 17).",
    ),
    Reason.NOT_STARTED: ("竞价尚未开始。", "Bidding has not started yet."),
    Reason.CLOSED: ("竞价已结束。", "Bidding has closed."),
    Reason.INVALID_AMOUNT: (
        "出价金额无效：须为正数，最多两位小数。",
        "The amount is not valid: a positive number of yuan with at most two decimals.",
    ),
    Reason.ALREADY_LEADING: (
        "您已是当前最高出价人。",
        "You already hold the highest bid.",
    ),
    Reason.BELOW_START: (
        "出价低于起拍价（《网络司法拍卖规定》第二十条）。",
        "The bid is below the starting price (OJA Art 20).",
    ),
    Reason.TOO_LOW: (
        "出价须不低于当前价加一个加价幅度。",
        "The bid must be at least the current price plus one increment.",
    ),
    Reason.OFF_INCREMENT: (
        "出价须为起拍价加整数倍加价幅度。",
        "The bid must be the starting price plus a whole number of increments.",
    ),
}
