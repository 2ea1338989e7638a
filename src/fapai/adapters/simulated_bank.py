"""A simulated bank for the demo and the tests, standing where a real bank's
payment interface would: it gives payment instructions for the court's
dedicated account (OJA Art 6(8)) and reports payments by signed notices that
``fapai`` receives on its callback, exactly as a real bank's would arrive. It pays
each instruction id once, as a real bank's idempotency key would (in memory: the
simulation starts afresh with the process). No money moves: ``bootstrap`` wires it only
where the configuration asks for it (the demo and the tests).
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from typing import Any

from fapai.adapters.notice_window import NonceWindow
from fapai.app.ledger.ports import ACCOUNT_KINDS, BankNotice, SentStatus
from fapai.app.ports import Cipher, Clock


class SimulatedBank:
    account_name = "人民法院网络司法拍卖专用账户（模拟）"

    def __init__(self, cipher: Cipher, clock: Clock) -> None:
        self._cipher = cipher
        self._lock = threading.Lock()
        self.paid: dict[str, tuple[str, str | None, int]] = {}  # id -> ref, back to, amount
        self._clock = clock
        self._window = NonceWindow()

    def instructions(self, order_ref: str, amount: int) -> dict[str, str]:
        return {
            "bank": "模拟银行 (simulated bank)",
            "account_name": self.account_name,
            "reference": order_ref,
            "pay_url": f"/sim-bank/pay/{order_ref}",
        }

    def notice(
        self, order_ref: str, amount: int, payer_name: str, bank_ref: str,
        payer_account: str = "6222000000000000", payer_bank: str = "模拟银行",
        account_kind: str = "personal",
    ) -> tuple[bytes, str]:  # fmt: skip
        """The signed notice the bank sends after the payer has paid; ``bank_ref`` names
        the transfer, so a repeated notice of one transfer can be told from a second one.
        """
        body = json.dumps(
            {
                "order_ref": order_ref,
                "amount": amount,
                "payer_name": payer_name,
                "payer_account": payer_account,
                "payer_bank": payer_bank,
                "account_kind": account_kind,
                "bank_ref": bank_ref,
                "sent_at": self._clock().isoformat(),
                "nonce": secrets.token_hex(16),
            },
            ensure_ascii=False,
            sort_keys=True,
        ).encode()
        return body, self._cipher.sign(body)

    def send(self, instruction_id: str, back_to: str | None, amount: int, memo: str) -> str:
        """The simulated bank executes a payment order at once, and an id only once."""
        with self._lock:
            if instruction_id not in self.paid:
                self.paid[instruction_id] = (f"SIM-OUT-{secrets.token_hex(8)}", back_to, amount)
            return self.paid[instruction_id][0]

    def status(self, instruction_id: str) -> SentStatus:
        with self._lock:
            done = self.paid.get(instruction_id)
        return SentStatus("absent") if done is None else SentStatus("executed", done[0])

    def read_notice(self, body: bytes, signature: str) -> BankNotice | None:
        if not hmac.compare_digest(self._cipher.sign(body), signature):
            return None
        try:
            data: Any = json.loads(body)
            notice = BankNotice(
                str(data["order_ref"]),
                str(data["bank_ref"]),
                data["amount"],
                str(data["payer_name"]),
                str(data.get("payer_account", "")),
                str(data.get("payer_bank", "")),
                str(data.get("account_kind", "unknown")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if type(notice.amount) is not int or notice.account_kind not in ACCOUNT_KINDS:
            return None
        if not self._window.admit(
            str(data.get("sent_at")), str(data.get("nonce")), body, self._clock()
        ):
            return None
        return notice
