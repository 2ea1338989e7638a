"""A simulated bank for the demo and the tests, standing where a real bank's
payment interface would: it gives payment instructions for the court's
dedicated account (OJA Art 6(8)) and reports payments by signed notices that
``fapai`` receives on its callback, exactly as a real bank's would arrive.
"""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any

from fapai.adapters.notice_window import NonceWindow
from fapai.app.ledger.ports import BankNotice
from fapai.app.ports import Cipher, Clock


class SimulatedBank:
    account_name = "人民法院网络司法拍卖专用账户（模拟）"

    def __init__(self, cipher: Cipher, clock: Clock) -> None:
        self._cipher = cipher
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
        self, order_ref: str, amount: int, payer_name: str, bank_ref: str
    ) -> tuple[bytes, str]:
        """The signed notice the bank sends after the payer has paid; ``bank_ref`` names
        the transfer, so a repeated notice of one transfer can be told from a second one.
        """
        body = json.dumps(
            {
                "order_ref": order_ref,
                "amount": amount,
                "payer_name": payer_name,
                "bank_ref": bank_ref,
                "sent_at": self._clock().isoformat(),
                "nonce": secrets.token_hex(16),
            },
            ensure_ascii=False,
            sort_keys=True,
        ).encode()
        return body, self._cipher.sign(body)

    def send(self, back_to: str | None, amount: int, memo: str) -> str:
        """The simulated bank executes every payment order at once."""
        return f"SIM-OUT-{secrets.token_hex(8)}"

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
            )
        except (ValueError, KeyError, TypeError):
            return None
        if type(notice.amount) is not int:
            return None
        if not self._window.admit(
            str(data.get("sent_at")), str(data.get("nonce")), body, self._clock()
        ):
            return None
        return notice
