"""A bank that fails the way real ones do, for the tests of sending money out.

It is the simulated bank (its notices, its idempotent instruction ids) with a script
of faults for its next calls:

* ``ok``: pays and answers;
* ``fail``: declines, pays nothing;
* ``timeout``: pays nothing, the call raises (the request was lost on its way);
* ``lost``: pays, then the call raises (the answer was lost: issue 13's 12 refunds);
* ``late``: the call raises and the payment is executed later (``deliver_late``).

Status queries may be scripted ``down`` (the query raises). The bank keeps its own
record of what it paid (``executed``) and of what it told fapai (``answered``), and
notes any id sent again after an unclear outcome without a status query in between.
"""

from __future__ import annotations

from collections import deque

from fapai.adapters.simulated_bank import SimulatedBank
from fapai.app.ledger.ports import BankDeclined, SentStatus

FAULTS = ("ok", "fail", "timeout", "lost", "late")


class BankTimeout(Exception):
    """No answer came."""


class FaultyBank(SimulatedBank):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.faults: deque[str] = deque()
        self.status_faults: deque[str] = deque()
        self.refusing: set[str] = set()  # memos (accounts) the bank always declines
        self.executed: dict[str, tuple[int, str, str | None]] = {}  # id: amount, memo, to
        self.answered: dict[str, int] = {}  # ids fapai was told were paid: amount
        self.memo_of: dict[str, str] = {}
        self.late: dict[str, tuple[int, str, str | None]] = {}
        self.unclear: set[str] = set()  # ids whose last call ended without an answer
        self.resent_blind: list[str] = []  # ids sent again without asking first
        self.sends = 0
        self.queries = 0

    def _execute(self, instruction_id: str, amount: int, memo: str, back_to: str | None) -> str:
        """Pay once per id, as the idempotency key promises."""
        self.executed.setdefault(instruction_id, (amount, memo, back_to))
        return f"FB-{instruction_id}"

    def send(self, instruction_id: str, back_to: str | None, amount: int, memo: str) -> str:
        self.sends += 1
        self.memo_of[instruction_id] = memo
        if instruction_id in self.unclear:
            self.resent_blind.append(instruction_id)
        fault = self.faults.popleft() if self.faults else "ok"
        if memo in self.refusing:
            fault = "fail"
        if fault == "fail":
            self.unclear.discard(instruction_id)
            raise BankDeclined("the payee's account is closed")
        self.unclear.add(instruction_id)
        if fault == "timeout":
            raise BankTimeout("no answer within 30 s")
        if fault == "late":
            self.late.setdefault(instruction_id, (amount, memo, back_to))
            raise BankTimeout("no answer within 30 s")
        bank_ref = self._execute(instruction_id, amount, memo, back_to)
        if fault == "lost":
            raise BankTimeout("the connection dropped before the answer")
        self.unclear.discard(instruction_id)
        self.answered[instruction_id] = amount
        return bank_ref

    def status(self, instruction_id: str) -> SentStatus:
        self.queries += 1
        if (self.status_faults.popleft() if self.status_faults else "ok") == "down":
            raise BankTimeout("the status service does not answer")
        self.unclear.discard(instruction_id)
        done = self.executed.get(instruction_id)
        if done is None:
            return SentStatus("absent")
        self.answered[instruction_id] = done[0]
        return SentStatus("executed", f"FB-{instruction_id}")

    def deliver_late(self) -> None:
        """The payments held up in the bank go through now."""
        for instruction_id, (amount, memo, back_to) in sorted(self.late.items()):
            self._execute(instruction_id, amount, memo, back_to)
        self.late.clear()

    def executed_amounts(self) -> list[int]:
        return [amount for amount, _memo, _to in self.executed.values()]

    def paid_to(self, memo: str) -> list[int]:
        """Every amount the bank paid for one account (its instruction memo)."""
        return [amount for amount, m, _ in self.executed.values() if m == memo]
