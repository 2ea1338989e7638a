"""What the ledger needs from storage and the bank: postings, dues, statements, and the
payment gateway that receives and sends the court's money.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fapai.domain.ledger.postings import Posting


@dataclass(frozen=True, slots=True)
class Due:
    """Money that must move by ``due_at`` (a refund, a balance, a payout)."""

    id: int
    court_id: int
    auction_id: int | None
    kind: str  # refund | balance | payout
    account: str
    amount: int
    due_at: datetime
    settled: bool
    alerted: bool


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One posting with its transaction, for statements."""

    transaction_id: int
    at: datetime
    kind: str
    memo: str
    bank_ref: str | None
    account: str
    amount: int
    auction_id: int | None = None
    payee: str | None = None  # a payout's payee (name and bank account)


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of the bank's statement of the court's account."""

    line: int
    booked_on: str
    amount: int
    bank_ref: str
    counterparty: str
    balance: int | None = None  # the account's balance after the line, when given
    id: int | None = None  # once stored
    imported_by: str | None = None  # once stored: who imported its file


@dataclass(frozen=True, slots=True)
class Payee:
    """Who a payable account is paid to, and which office user named them."""

    name: str
    bank_account: str
    recorded_by: str


@dataclass(frozen=True, slots=True)
class ReversalRequest:
    """A correction asked for by one user, waiting for a second (四眼原则)."""

    reason: str
    requested_by: str


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A payment the court's account must make (a refund or a payout), recorded with its
    instruction id before the bank is ever called, so that the id names one payment
    however often it is asked about or sent."""

    id: int
    instruction_id: str
    court_id: int
    auction_id: int | None
    due_id: int
    kind: str  # refund | payout
    account: str
    amount: int
    back_to: str | None
    status: str  # new | sending (a call under way) | failed | unknown | executed
    attempts: int
    next_attempt_at: datetime


class OutgoingTx(Protocol):
    """The outgoing payments' part of a transaction (storage/ledger_store.py)."""

    def add_outgoing(
        self, instruction_id: str, due: Due, amount: int, back_to: str | None, at: datetime
    ) -> Outgoing: ...
    def outgoing(self, outgoing_id: int, lock: bool = False) -> Outgoing | None: ...
    def outgoing_for_due(self, due_id: int) -> Outgoing | None: ...
    def outgoing_waiting(self, due_by: datetime | None) -> list[Outgoing]:
        """Instructions not yet executed (due for an attempt by ``due_by``), oldest first."""
        ...

    def hold_outgoing(self, outgoing_id: int, until: datetime) -> None:
        """Take an instruction for one sender until ``until`` (other closers skip it),
        marking a call under way: if its answer is never recorded, the next sender
        asks the bank before sending."""
        ...

    def record_attempt(
        self, outgoing_id: int, outcome: str, bank_ref: str | None, detail: str,
        at: datetime, next_attempt_at: datetime,
    ) -> None:  # fmt: skip
        """Append one attempt (an answer, a refusal, a lost reply) and move the
        instruction's state to ``outcome``."""
        ...

    def attempts(self, outgoing_id: int) -> list[tuple[str, str | None, str]]:
        """(outcome, bank reference, detail) of every attempt, in order."""
        ...


class LedgerTx(OutgoingTx, Protocol):
    """The ledger's part of a transaction (storage/ledger_store.py)."""

    def post(
        self,
        court_id: int,
        auction_id: int | None,
        kind: str,
        memo: str,
        postings: Sequence[Posting],
        at: datetime,
        actor: str,
        bank_ref: str | None = None,
        reverses: int | None = None,
        payee: str | None = None,
    ) -> int:
        """Post a balanced transaction; a second correction of ``reverses`` is refused
        (``already_reversed``) by a unique constraint, whatever runs concurrently."""
        ...

    def add_due(
        self,
        court_id: int,
        auction_id: int | None,
        kind: str,
        account: str,
        amount: int,
        due_at: datetime,
        created_by: int | None,
        at: datetime,
    ) -> int: ...
    def settle(self, due_id: int, transaction_id: int | None, at: datetime) -> None: ...
    def dues(
        self,
        court_id: int | None,
        open_only: bool,
        auction_id: int | None = None,
        kind: str | None = None,
        due_by: datetime | None = None,
    ) -> list[Due]:
        """Dues, soonest first, narrowed by court, auction, kind and latest due time."""
        ...

    def raise_alert(self, due_id: int, at: datetime) -> None: ...
    def transaction(self, transaction_id: int) -> tuple[int, int | None, list[Posting]] | None:
        """(court, auction, postings) of one ledger transaction."""
        ...

    def reversed_by(self, transaction_id: int) -> int | None: ...
    def transaction_kind(self, transaction_id: int) -> tuple[str, str | None]:
        """(kind, bank reference) of one existing transaction."""
        ...

    def request_reversal(
        self, transaction_id: int, reason: str, requested_by: str, at: datetime
    ) -> None: ...
    def reversal_request(self, transaction_id: int) -> ReversalRequest | None: ...
    def set_payee(
        self, account: str, court_id: int, name: str, bank_account: str, by: str, at: datetime
    ) -> None: ...
    def payee(self, account: str) -> Payee | None: ...
    def balances(self, court_id: int | None, prefix: str = "") -> dict[str, int]: ...
    def balance(self, account: str) -> int: ...
    def lines(self, account_prefix: str, court_id: int | None = None) -> list[LedgerLine]: ...
    def unbalanced_transactions(self) -> list[int]: ...
    def drifted_balances(self) -> list[tuple[str, int, int]]: ...
    def bank_transactions(self, court_id: int) -> list[LedgerLine]: ...
    def add_statement(
        self,
        court_id: int,
        digest: str,
        name: str,
        by: str,
        lines: Sequence[StatementLine],
        at: datetime,
    ) -> bool:
        """Store one statement's lines; False (nothing stored) when that very file was
        imported before."""
        ...

    def statement(self, court_id: int) -> list[StatementLine]:
        """The lines imported and not withdrawn, in import order."""
        ...

    def lock_statement_line(self, line_id: int) -> None:
        """Hold the line until the transaction ends: one booking consumes it."""
        ...

    def withdraw_statement_line(
        self, court_id: int, line_id: int, by: str, reason: str, at: datetime
    ) -> bool:
        """Withdraw a wrong line; False when there is no such line still counting."""
        ...

    def auction_balance_days(self, auction_id: int) -> int: ...
    def registrations_of_account(self, account_id: int) -> list[tuple[int, int, str]]:
        """(auction, registration, code) of every registration of one bidder account."""
        ...

    def refused_transfers_of_account(self, account_id: int) -> list[tuple[int, str]]:
        """(auction, bank reference) of every transfer to one bidder's payment orders that
        the court's account could not keep (a third party's money, a wrong amount, …)."""
        ...

    def court_totals(self) -> dict[int, int]:
        """The sum of every kept balance, per court: zero when its books balance."""
        ...

    def fee_rate(self, court_id: int) -> int | None:
        """The court's own fee standard, parts per 1,000 of the price (None: the schedule)."""
        ...

    def set_fee_rate(self, court_id: int, rate_per_mille: int | None) -> None: ...
    def deposit_states(self) -> list[tuple[int, int, int, str, int]]:
        """(court, auction, registration, deposit status, deposit required) of every
        registration."""
        ...


# Account kinds a bank reports for a payer's account (seed 001: deposits lent by a
# lender are paid from its escrow account in the bidder's name).
ACCOUNT_KINDS = ("personal", "corporate", "lender_escrow", "unknown")


@dataclass(frozen=True, slots=True)
class BankNotice:
    """A bank's signed report that money arrived for a payment order: the amount, and
    whose account it came from (name, account number, bank, and the kind of account)."""

    order_ref: str
    bank_ref: str
    amount: int
    payer_name: str
    payer_account: str = ""
    payer_bank: str = ""
    account_kind: str = "unknown"


class BankDeclined(Exception):
    """The bank refused a payment order and executed nothing (an account closed, no
    bank configured); sending it again later may succeed."""


@dataclass(frozen=True, slots=True)
class SentStatus:
    """What the bank says became of an instruction id: ``executed`` (with its reference),
    ``declined``, or ``absent`` (the bank never received it)."""

    state: str
    bank_ref: str | None = None
    detail: str = ""


class PaymentGateway(Protocol):
    """The bank or payment system that receives deposits into the court's account and
    sends refunds and payouts out of it."""

    def instructions(self, order_ref: str, amount: int) -> dict[str, str]:
        """What the bidder needs to pay: the account, the reference, a payment page."""
        ...

    def read_notice(self, body: bytes, signature: str) -> BankNotice | None:
        """The notice, or None when the signature or the content is not the bank's."""
        ...

    def send(self, instruction_id: str, back_to: str | None, amount: int, memo: str) -> str:
        """Pay ``amount`` out of the court's account — for a refund back along the incoming
        transfer ``back_to`` (原路退回), for a payout to the payee ``back_to`` names ("name
        account", fixed when the payout was ordered) — and return the bank's reference.

        ``instruction_id`` is the idempotency key: the bank executes one id once, however
        often it is sent. Raises ``BankDeclined`` when the bank refused it; any other
        exception (a timeout, a lost reply) means the outcome is unknown."""
        ...

    def status(self, instruction_id: str) -> SentStatus:
        """What became of an instruction id; raises when the bank cannot be asked."""
        ...
