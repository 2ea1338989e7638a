"""The payment gateway when no bank is configured (production without ``FAPAI_BANK``).

fapai has no real bank adapter yet. Rather than let the simulated bank book deposits no
money backs, a server without a bank says so: deposit and balance orders are refused
with 503 ``no_bank``, bank notices likewise, and refunds and payouts wait, each attempt
recorded and alerted, until a bank is configured.
"""

from __future__ import annotations

from fapai.app.errors import AppError, Kind
from fapai.app.ledger.ports import BankDeclined, BankNotice, SentStatus


def no_bank() -> AppError:
    return AppError(
        Kind.UNAVAILABLE, "no_bank", "本平台尚未接入银行，暂不能缴款。",
        "No bank is configured on this server; payments cannot be taken.",
    )  # fmt: skip


class NoBank:
    def instructions(self, order_ref: str, amount: int) -> dict[str, str]:
        raise no_bank()

    def read_notice(self, body: bytes, signature: str) -> BankNotice | None:
        raise no_bank()

    def send(self, instruction_id: str, back_to: str | None, amount: int, memo: str) -> str:
        raise BankDeclined("no bank is configured")

    def status(self, instruction_id: str) -> SentStatus:
        return SentStatus("absent", detail="no bank is configured")
