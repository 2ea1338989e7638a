"""The database schema (SQLAlchemy Core). Alembic migrations are generated from it.

Money is BIGINT fen. Times are stored as UTC without a zone (``UtcDateTime``)
so that SQLite and PostgreSQL hold and compare them the same way. Facts are
append-only: ``bids``, ``auction_events``, ``audit_records``, ``audit_seals``
and ``payments`` rows are inserted and never changed (payments get a new row
per state through ``payment_events``); ``auctions`` and ``registrations`` hold
the current state that the facts produced.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; naive UTC in the column."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

courts = Table(
    "courts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(32), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("region", String(100), nullable=False),
    # The court above (basic -> intermediate -> high); none for a top court.
    Column("parent_id", ForeignKey("courts.id"), nullable=True),
    # The court's own standard for auxiliary institutions' fees, parts per 1,000 of the
    # price (seed 003 Art 18: never above the enforcement-fee schedule); none: the schedule.
    Column("fee_rate_per_mille", Integer, nullable=True),
    # How many years a removed auxiliary institution and its persons are barred: 5 under
    # seed 003 Art 26, 3 under the Shanghai rules' item 23; none: 5.
    Column("institution_ban_years", Integer, nullable=True),
)

# Court staff (and system administrators, who belong to no court). A password is
# stored only as its argon2id hash; the TOTP secret is encrypted like personal data.
# An ended account keeps its row (the trail names it) but can no longer sign in.
court_users = Table(
    "court_users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=True),
    Column("login", String(64), nullable=False, unique=True),
    Column("name", String(100), nullable=False, server_default=""),
    Column("password_hash", String(200), nullable=True),
    Column("totp_enc", LargeBinary, nullable=True),
    Column("totp_last_step", BigInteger, nullable=True),  # a code is good once
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("locked_until", UtcDateTime, nullable=True),
    Column("ended_at", UtcDateTime, nullable=True),
)

# Roles held now: a grant inserts a row, a revocation deletes it (the trail keeps both).
court_roles = Table(
    "court_roles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("court_users.id"), nullable=False),
    Column("role", String(32), nullable=False),
    Column("granted_at", UtcDateTime, nullable=False),
    UniqueConstraint("user_id", "role"),
)

# A signed-in person's session: the token's SHA-256 only; it lapses when idle or old.
court_sessions = Table(
    "court_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("court_users.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("started_at", UtcDateTime, nullable=False),
    Column("seen_at", UtcDateTime, nullable=False),
    Column("ended_at", UtcDateTime, nullable=True),
)

# A program's token: one role (its scope), an expiry, revocable.
court_tokens = Table(
    "court_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("court_users.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("scope", String(32), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime, nullable=True),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("name_enc", LargeBinary, nullable=False),
    Column("id_number_enc", LargeBinary, nullable=False),
    Column("phone_enc", LargeBinary, nullable=False),
    # Keyed hashes (blind indexes): compare a payer's name or find a preemptive
    # holder without decrypting anything.
    Column("name_index", String(64), nullable=False),
    Column("id_number_index", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
)

# A bidder's session, opened with the account key (court staff have court_sessions).
# Only the token's SHA-256 is kept; a session ends at ``expires_at`` or when ended.
sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("ended_at", UtcDateTime),
)

# An enforcement case (执行案件): the parties' names are personal data, encrypted.
cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("number", String(80), nullable=False),
    Column("basis", String(300), nullable=False),
    Column("applicant_enc", LargeBinary, nullable=False),
    Column("debtor_enc", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("enforcement_amount", BigInteger),  # fen: what the sales must realise (ASR 14)
    UniqueConstraint("court_id", "number"),
)

lots = Table(
    "lots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("title", String(300), nullable=False),
    Column("property_type", String(32), nullable=False),
    Column("location", String(300), nullable=False),
    # the province or city the location starts with (上海市徐汇区 -> 上海市), for search
    Column("region", String(40)),
    Column("disclosure", Text, nullable=False),
    Column("reference_price", BigInteger),
    Column("created_at", UtcDateTime, nullable=False),
    # The case the lot is disposed of in, and its stage (domain/workflow/stages.py); a lot
    # outside a case has neither.
    Column("case_id", ForeignKey("cases.id")),
    Column("stage", String(20)),
    # A house (住房): the buyer's purchase eligibility is checked before the ruling (HSE Art 3).
    Column("house", Boolean, nullable=False, server_default=false()),
    # How the reference price was fixed (REF Arts 2-7), on which day, and until when it holds.
    Column("reference_method", String(16)),
    Column("reference_date", Date),
    Column("reference_valid_until", Date),
    # Who may register, as the court marks the lot: real estate in a city restricting
    # house purchases needs the eligibility commitment (HSE Art 2); a house or a car is
    # closed to debtors under a consumption restriction (LIM Art 3).
    Column("purchase_restricted", Boolean, nullable=False, server_default=false()),
    Column("consumption_restricted", Boolean, nullable=False, server_default=false()),
    # Whether a deposit may be borrowed (seed 001): any, banks (licensed banks only) or
    # forbidden (domain/ledger/rules.py DEPOSIT_LOANS).
    Column("deposit_loans", String(16), nullable=False, server_default="any"),
    Index("ix_lots_case_id", "case_id"),
    Index("ix_lots_region", "region"),
)

auctions = Table(
    "auctions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("round", Integer, nullable=False),
    Column("start_price", BigInteger, nullable=False),
    Column("increment", BigInteger, nullable=False),
    Column("deposit", BigInteger, nullable=False),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("ends_at", UtcDateTime, nullable=False),
    Column("extension_seconds", Integer, nullable=False),
    Column("allow_self_raise", Boolean, nullable=False),
    # Days after the close to pay the balance, as the announcement states (OJA Art 25).
    Column("balance_days", Integer, nullable=False, server_default="10"),
    Column("status", String(16), nullable=False),
    Column("price", BigInteger),
    Column("leader_registration_id", Integer),
    Column("leader_code", String(16)),
    Column("leader_rank", Integer),
    Column("effective_end", UtcDateTime, nullable=False),
    Column("extensions", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("bid_count", Integer, nullable=False),
    Column("closed_at", UtcDateTime),
    Column("created_at", UtcDateTime, nullable=False),
    # auction | sale (变卖, after a failed second round)
    Column("kind", String(8), nullable=False, server_default="auction"),
    Column("announced_at", UtcDateTime),
    Column("platform", String(32)),
    # the round this one follows (一拍 -> 二拍 -> 变卖, or the defaulted or paused one)
    Column("previous_id", Integer),
    # the pause in force (JSON: kind, ground, reason, at), shown on the auction's page
    Column("pause", Text),
    Index("ix_auctions_status_end", "status", "effective_end"),
    Index("ix_auctions_lot_id", "lot_id"),
)

registrations = Table(
    "registrations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("auction_id", ForeignKey("auctions.id"), nullable=False),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("code", String(16), nullable=False),
    Column("preemptive_rank", Integer),
    Column("barred", Boolean, nullable=False),
    Column("deposit_status", String(16), nullable=False),
    Column("warnings_acknowledged_at", UtcDateTime, nullable=False),
    Column("deposit_confirmed_at", UtcDateTime),
    # What this bidder must deposit: the auction's deposit, or less for the enforcement
    # applicant whose claim covers part of it (OJA Art 17).
    Column("deposit_required", BigInteger, nullable=False, server_default="0"),
    Column("created_at", UtcDateTime, nullable=False),
    # The house-purchase eligibility commitment, when the lot asks for it (HSE Art 2).
    Column("eligibility_committed_at", UtcDateTime),
    # Bidding as agent (委托代理, OJA Art 14(2)): pending until the office confirms it
    # before bidding starts, then confirmed; the principal only as a blind index, the
    # reference the agent brings to the office with the power of attorney.
    Column("proxy_status", String(16)),
    Column("proxy_principal_index", String(64)),
    Column("proxy_ref", String(32), unique=True),
    Column("proxy_confirmed_at", UtcDateTime),
    # Where the bidder declared the deposit comes from (seed 001): own, bank_loan or
    # other_loan (domain/ledger/rules.py FUNDS).
    Column("funds", String(16)),
    # A keyed hash of (auction, account) that the audit trail vouches for instead of the
    # account itself; verify recomputes it with the key, so a swapped account shows.
    Column("account_commitment", String(64)),
    UniqueConstraint("auction_id", "account_id"),
    UniqueConstraint("auction_id", "code"),
)

preemptive_holders = Table(
    "preemptive_holders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("auction_id", ForeignKey("auctions.id"), nullable=False),
    Column("id_number_index", String(64), nullable=False),
    Column("rank", Integer, nullable=False),
    Column("confirmed_at", UtcDateTime, nullable=False),
    UniqueConstraint("auction_id", "id_number_index"),
)

# The enforcement applicant of an auction's case and its claim (OJA Art 17), as the
# enforcement bureau declared them; the ID number is kept only as a blind index.
applicants = Table(
    "applicants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("auction_id", ForeignKey("auctions.id"), nullable=False),
    Column("id_number_index", String(64), nullable=False),
    Column("claim", BigInteger, nullable=False),
    Column("declared_at", UtcDateTime, nullable=False),
    UniqueConstraint("auction_id", "id_number_index"),
)

payments = Table(
    "payments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_ref", String(40), nullable=False, unique=True),
    Column("registration_id", ForeignKey("registrations.id"), nullable=False),
    Column("amount", BigInteger, nullable=False),
    # deposit | balance (the rest of the price, OJA Art 25)
    Column("purpose", String(16), nullable=False, server_default="deposit"),
    Column("created_at", UtcDateTime, nullable=False),
)

payment_events = Table(
    "payment_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("payment_id", ForeignKey("payments.id"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("bank_ref", String(64)),
    Column("detail", String(200), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    # whose account the money came from, as the bank's notice says (seed 001); the
    # account number is personal data and kept encrypted
    Column("payer_account", LargeBinary),
    Column("payer_bank", String(100)),
    Column("account_kind", String(20)),
)

bids = Table(
    "bids",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("auction_id", ForeignKey("auctions.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("registration_id", ForeignKey("registrations.id"), nullable=False),
    Column("code", String(16), nullable=False),
    Column("amount", BigInteger),
    Column("amount_text", String(64)),
    Column("received_at", UtcDateTime, nullable=False),
    Column("reason", String(32)),
    Column("ends_at_after", UtcDateTime, nullable=False),
    Column("extended", Boolean, nullable=False),
    Column("event_seq", Integer),
    Column("idempotency_key", String(128), nullable=False),
    UniqueConstraint("auction_id", "number"),
    UniqueConstraint("registration_id", "idempotency_key"),
)

auction_events = Table(
    "auction_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("auction_id", ForeignKey("auctions.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("payload", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    UniqueConstraint("auction_id", "seq"),
)

confirmations = Table(
    "confirmations",
    metadata,
    Column("auction_id", ForeignKey("auctions.id"), primary_key=True),
    Column("registration_id", ForeignKey("registrations.id"), nullable=False),
    Column("code", String(16), nullable=False),
    Column("price", BigInteger, nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
)

audit_records = Table(
    "audit_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scope", String(40), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(80), nullable=False),
    Column("action", String(60), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("scope", "seq"),
)

audit_heads = Table(
    "audit_heads",
    metadata,
    Column("scope", String(40), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

# How far the seal chain has fixed each scope: bookkeeping, not a fact. Kept apart
# from ``audit_heads`` so that sealing never waits on, or blocks, a bid's head update.
audit_marks = Table(
    "audit_marks",
    metadata,
    Column("scope", String(40), primary_key=True),
    Column("sealed_seq", Integer, nullable=False),
)

audit_seals = Table(
    "audit_seals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False),
    Column("heads", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The ledger (fund security). Transactions and postings are append-only; balances
# are a projection kept in the same transaction, which `fapai ledger check`
# recomputes from the postings.
ledger_transactions = Table(
    "ledger_transactions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("auction_id", ForeignKey("auctions.id")),
    Column("kind", String(40), nullable=False),
    Column("memo", String(300), nullable=False),
    Column("bank_ref", String(64)),
    # The transaction this one corrects (a reversal) or that the bank returned (退票):
    # unique, so a transaction is corrected at most once whatever runs concurrently.
    Column("reverses_id", Integer, unique=True),
    Column("actor", String(80), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    # Who a payout went to: the payee's name and bank account, as the statement shows.
    Column("payee", String(200)),
    Index("ix_ledger_transactions_bank_ref", "bank_ref"),
)

# A reversal asked for by one office user, waiting for a second one (四眼原则).
ledger_reversal_requests = Table(
    "ledger_reversal_requests",
    metadata,
    Column("transaction_id", ForeignKey("ledger_transactions.id"), primary_key=True),
    Column("reason", String(200), nullable=False),
    Column("requested_by", String(80), nullable=False),
    Column("requested_at", UtcDateTime, nullable=False),
)

# Who each payable account is paid to, named when it is allocated (the creditor's,
# the institution's, the debtor's account for a surplus), with the user who named it.
# Append-only: naming the payee again adds a version, the account's latest one holds
# (each version is a fact the audit trail vouches for, so it is never changed in place).
ledger_payees = Table(
    "ledger_payees",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account", String(120), nullable=False, index=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("bank_account", String(64), nullable=False),
    Column("recorded_by", String(80), nullable=False),
    Column("at", UtcDateTime, nullable=False),
)

ledger_postings = Table(
    "ledger_postings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("transaction_id", ForeignKey("ledger_transactions.id"), nullable=False),
    Column("account", String(120), nullable=False),
    Column("amount", BigInteger, nullable=False),
    # Covering indexes: the checks sum amounts per account and per transaction from the
    # index alone (the ledger benchmark: the check over 1M postings about twice as fast).
    Index("ix_ledger_postings_account", "account", "amount"),
    Index("ix_ledger_postings_transaction_id", "transaction_id", "amount"),
)

ledger_balances = Table(
    "ledger_balances",
    metadata,
    Column("account", String(120), primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("balance", BigInteger, nullable=False),
)

# Money that must move by a deadline: refunds (OJA Art 23), balances (Art 25),
# payouts. Settled by a later transaction; overdue ones raise an alert.
ledger_dues = Table(
    "ledger_dues",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("auction_id", ForeignKey("auctions.id")),
    Column("kind", String(20), nullable=False),
    Column("account", String(120), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("created_by", ForeignKey("ledger_transactions.id")),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_ledger_dues_auction_id", "auction_id"),
    Index("ix_ledger_dues_due_at", "due_at"),
)

ledger_settlements = Table(
    "ledger_settlements",
    metadata,
    Column("due_id", ForeignKey("ledger_dues.id"), primary_key=True),
    # None: closed with no money moving (a default where the buyer had paid nothing)
    Column("transaction_id", ForeignKey("ledger_transactions.id")),
    Column("at", UtcDateTime, nullable=False),
)

ledger_alerts = Table(
    "ledger_alerts",
    metadata,
    Column("due_id", ForeignKey("ledger_dues.id"), primary_key=True),
    Column("raised_at", UtcDateTime, nullable=False),
)

# Refunds and payouts to send: each gets its instruction id (the bank's idempotency key)
# and is committed before the bank is called; one per due. ``status`` is the current
# state its attempts produced; the attempts themselves are only inserted.
outgoing_payments = Table(
    "outgoing_payments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("instruction_id", String(40), nullable=False, unique=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("auction_id", ForeignKey("auctions.id")),
    Column("due_id", ForeignKey("ledger_dues.id"), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("account", String(120), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("back_to", String(200)),  # a refund's incoming transfer; a payout's payee
    # new | sending (a call under way) | failed (declined) | unknown (no answer) | executed
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_outgoing_payments_status", "status", "next_attempt_at"),
)

outgoing_attempts = Table(
    "outgoing_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("outgoing_id", ForeignKey("outgoing_payments.id"), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("bank_ref", String(64)),
    Column("detail", String(200), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_outgoing_attempts_outgoing_id", "outgoing_id"),
)

# Deposits a supervisor should look at (seed 001: a house paid for with a lender's
# money): flagged, never refused; the court decides.
supervision_flags = Table(
    "supervision_flags",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("auction_id", ForeignKey("auctions.id"), nullable=False),
    Column("payment_id", ForeignKey("payments.id"), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("detail", String(300), nullable=False),
    Column("raised_at", UtcDateTime, nullable=False),
)

# One imported bank statement: the same file (by its digest) is imported once.
bank_statements = Table(
    "bank_statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("name", String(40), nullable=False),
    Column("imported_by", String(80), nullable=False),
    Column("imported_at", UtcDateTime, nullable=False),
    UniqueConstraint("court_id", "digest"),
)

bank_statement_lines = Table(
    "bank_statement_lines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("import_id", String(40), nullable=False),
    Column("line", Integer, nullable=False),
    Column("booked_on", String(10), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("bank_ref", String(64), nullable=False),
    Column("counterparty", String(200), nullable=False),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("statement_id", ForeignKey("bank_statements.id")),
    # the account's balance after this line, when the bank's file gives it
    Column("balance", BigInteger),
    # a line withdrawn as wrong (with who and why) no longer counts in the matching
    Column("withdrawn_at", UtcDateTime),
    Column("withdrawn_by", String(80)),
    Column("withdrawn_reason", String(200)),
)


# What happened to a lot, one row per act (ruling, pricing, notices, announcement,
# pauses, confirmation, rulings, delivery, ...): append-only, the facts the lot's
# stage and its deadlines are computed from.
lot_steps = Table(
    "lot_steps",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("auction_id", ForeignKey("auctions.id")),
    Column("step", String(32), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("details", Text, nullable=False),
    Column("actor", String(80), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_lot_steps_lot_id", "lot_id"),
)

# The platforms of the SPC list (OJA Art 4-5) with their listing dates; fapai is not one.
platforms = Table(
    "platforms",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("site", String(200), nullable=False),
    Column("listed_from", Date, nullable=False),
    Column("listed_to", Date),
    # False where the listing date is not confirmed (rules.md §9.4): shown as such.
    Column("listing_confirmed", Boolean, nullable=False, server_default=true()),
)

# Designations by lottery: the seed is fixed and published when the draw is scheduled.
draws = Table(
    "draws",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("purpose", String(80), nullable=False),
    Column("seed", String(64), nullable=False),
    Column("commitment", String(64), nullable=False),
    Column("candidates", Text, nullable=False),
    Column("scheduled_at", UtcDateTime, nullable=False),
    Column("drawn_at", UtcDateTime),
    Column("chosen", String(32)),
    Column("ticket", BigInteger),
    UniqueConstraint("lot_id", "purpose"),
)

# Who may not bid for a lot again: the defaulting buyer (OJA Art 24), by blind index.
barred_bidders = Table(
    "barred_bidders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("id_number_index", String(64), nullable=False),
    Column("reason", String(32), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    UniqueConstraint("lot_id", "id_number_index"),
)


# The persons a court keeps from registering, by blind index only (never the number):
# OJA Art 34's insiders (court_staff, close_relative, platform_staff, auxiliary_staff,
# appraiser) for all its auctions, and debtors under a consumption restriction
# (restricted_consumption, LIM Art 3) for the lots it marks.
court_lists = Table(
    "court_lists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("id_number_index", String(64), nullable=False),
    Column("category", String(32), nullable=False),
    Column("added_at", UtcDateTime, nullable=False),
    UniqueConstraint("court_id", "id_number_index", "category"),
)

# Registrations refused under OJA Art 34: what the court may know before the close is
# their number per auction, so nothing here names or indexes the person.
registration_refusals = Table(
    "registration_refusals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("auction_id", ForeignKey("auctions.id"), nullable=False),
    Column("rule", String(32), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_registration_refusals_auction_id", "auction_id"),
)


# Photos and video of a lot (OJA Art 13(5); seed 003 Art 3(1)), kept in the database so a
# backup holds the whole file of the auction; public once one of its auctions is.
lot_materials = Table(
    "lot_materials",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("title", String(100), nullable=False),
    Column("content_type", String(40), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("uploaded_by", String(80), nullable=False),
    Column("uploaded_at", UtcDateTime, nullable=False),
    Index("ix_lot_materials_lot_id", "lot_id"),
)


# Who read whose personal data, when and why (issue 14 item 5): append-only, reviewed by
# the court's supervisor. ``principal_kind`` + ``principal_id`` name the reader by role and
# number, never by name; ``court_id`` is the court whose records were read.
personal_data_reads = Table(
    "personal_data_reads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=False),
    Column("principal_kind", String(16), nullable=False),
    Column("principal_id", Integer),
    Column("court_id", Integer),
    Column("record", String(60), nullable=False),
    Column("fields", String(120), nullable=False),
    Column("purpose", String(32), nullable=False),
    Column("note", String(200), nullable=False),
    Column("route", String(120), nullable=False),
    Index("ix_personal_data_reads_court_id", "court_id", "id"),
)

# Codes sent by SMS to prove a phone before an account is opened on it (issue 12). The
# phone and the code are kept only as keyed hashes.
phone_codes = Table(
    "phone_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("phone_index", String(64), nullable=False),
    Column("code_hash", String(64), nullable=False),
    Column("sent_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("used_at", UtcDateTime),
    Index("ix_phone_codes_phone_index", "phone_index", "id"),
)

# When an account's personal data was erased for retention (crypto-shredded).
account_erasures = Table(
    "account_erasures",
    metadata,
    Column("account_id", ForeignKey("accounts.id"), primary_key=True),
    Column("at", UtcDateTime, nullable=False),
)


# Objections to an auction (执行异议, CPL Arts 236, 238; issue 18). The row holds the
# current state; ``objection_steps`` the append-only acts its clocks are counted from.
# The filer signs in with an account; the name the filing is made in is encrypted.
objections = Table(
    "objections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("standing", String(20), nullable=False),
    Column("grounds", Text, nullable=False),
    Column("account_id", ForeignKey("accounts.id"), nullable=False),
    Column("filer_enc", LargeBinary, nullable=False),
    Column("status", String(20), nullable=False),
    Column("filed_at", UtcDateTime, nullable=False),
    Column("outcome", String(16)),
    Column("revoke_ground", String(32)),
    # the next-higher court once reconsideration is applied for (CPL Art 236)
    Column("reviewing_court_id", ForeignKey("courts.id")),
    Index("ix_objections_court_id", "court_id"),
    Index("ix_objections_account_id", "account_id"),
)

objection_steps = Table(
    "objection_steps",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("objection_id", ForeignKey("objections.id"), nullable=False),
    Column("step", String(24), nullable=False),
    Column("details", Text, nullable=False),
    Column("actor", String(80), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_objection_steps_objection_id", "objection_id"),
)

# The papers filed with an objection, kept as filed (evidence is not re-encoded).
objection_papers = Table(
    "objection_papers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("objection_id", ForeignKey("objections.id"), nullable=False),
    Column("title", String(100), nullable=False),
    Column("content_type", String(40), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("uploaded_at", UtcDateTime, nullable=False),
    Index("ix_objection_papers_objection_id", "objection_id"),
)

# Complaints about the platform's service (not legal objections): anyone may file; the
# court's office and its supervisor see them; the office sets the day it answers by.
complaints = Table(
    "complaints",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("auction_id", ForeignKey("auctions.id")),
    Column("subject", String(100), nullable=False),
    Column("body", Text, nullable=False),
    Column("contact_enc", LargeBinary),
    Column("filed_at", UtcDateTime, nullable=False),
    Column("respond_by", Date),
    Column("response", Text),
    Column("responded_at", UtcDateTime),
    Column("responded_by", String(80)),
    # a complaint about an auxiliary institution (seed 003 Art 24's hotline), filed with
    # the court that keeps its database
    Column("institution_id", ForeignKey("institutions.id")),
    Index("ix_complaints_court_id", "court_id"),
)

# Auxiliary institutions (网拍辅助机构, seed 003; docs/institutions.md). A selection round
# of an issuing court's database, through Art 9's seven steps (``step``).
institution_rounds = Table(
    "institution_rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("step", String(16), nullable=False),
    Column("media", String(200), nullable=False),
    Column("announced_on", Date, nullable=False),
    Column("closes_on", Date, nullable=False),
    Column("notice_from", Date),
    Column("notice_ends", Date),
    Column("decided_on", Date),
    Column("decision_ref", String(100)),
    Column("filing_due", Date),
    Column("filed_on", Date),
    Column("published_on", Date),
    Index("ix_institution_rounds_court_id", "court_id"),
)

# An applicant of a round and, once admitted, a member of the court's database. The
# declared Art 6 conditions and Art 7 facts are kept as JSON, the refusals with their
# articles; a removal keeps its grounds, its report and the ban's end.
institutions = Table(
    "institutions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("round_id", ForeignKey("institution_rounds.id"), nullable=False),
    Column("credit_code", String(18), nullable=False),
    Column("name", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("registered_capital", BigInteger, nullable=False),
    Column("declared", Text, nullable=False),
    Column("refusals", Text, nullable=False),
    Column("applied_on", Date, nullable=False),
    Column("admitted_on", Date),
    Column("removed_on", Date),
    Column("grounds", Text),
    Column("report_due", Date),
    Column("reported_on", Date),
    Column("banned_until", Date),
    UniqueConstraint("round_id", "credit_code"),
    Index("ix_institutions_court_id", "court_id"),
)

# The persons behind an institution (legal representative, principal, shareholder,
# controller, staff), by the blind index of their ID number only: matched against the
# court's lists, a removed institution's persons (Art 26) and registrations (Art 8(5)).
institution_persons = Table(
    "institution_persons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("institution_id", ForeignKey("institutions.id"), nullable=False),
    Column("role", String(24), nullable=False),
    Column("id_number_index", String(64), nullable=False),
    Column("contracted", Boolean, nullable=False),
    UniqueConstraint("institution_id", "role", "id_number_index"),
    Index("ix_institution_persons_id_number_index", "id_number_index"),
)

# A court's entrustment agreements (Arts 11-12): trial, after_trial or renewal.
institution_agreements = Table(
    "institution_agreements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("institution_id", ForeignKey("institutions.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("signed_at", UtcDateTime, nullable=False),
    Index("ix_institution_agreements_court_id", "court_id"),
)

# The institution entrusted with a lot, drawn by lottery (``draws``); it continues
# through postponements (Shanghai item 19) until replaced (Art 15) or removed (Art 25).
institution_designations = Table(
    "institution_designations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("institution_id", ForeignKey("institutions.id"), nullable=False),
    Column("draw_id", ForeignKey("draws.id"), nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("ended_at", UtcDateTime),
    Column("end_reason", String(32)),
    Column("files_due", Date),
    Column("files_returned_on", Date),  # Art 17: the office records the return
    Index("ix_institution_designations_lot_id", "lot_id"),
)

# The court documents as issued (issue 16 item 3): each rendering (language, PDF or HTML)
# of each version, its bytes encrypted (a document names the parties and the buyer) and
# their SHA-256, which the audit trail also records. A later request serves these bytes;
# a re-issue adds the next version with its day and reason.
issued_documents = Table(
    "issued_documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("auction_id", ForeignKey("auctions.id")),
    Column("kind", String(32), nullable=False),
    Column("party", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("lang", String(2), nullable=False),
    Column("format", String(4), nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("issued_by", String(80), nullable=False),
    Column("reason", Text, nullable=False),
    Column("file_name", String(200), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("data_enc", LargeBinary, nullable=False),
    Index("ix_issued_documents_lot_id", "lot_id", "kind"),
)

# The bidder centre's watchlist (issue 16 item 6): the auctions a bidder follows, kept on
# the server so that it follows them to any browser; counted (never listed) publicly as
# the auction's 关注人数.
watchlist = Table(
    "watchlist",
    metadata,
    Column("account_id", ForeignKey("accounts.id"), primary_key=True),
    Column("auction_id", ForeignKey("auctions.id"), primary_key=True),
    Column("added_at", UtcDateTime, nullable=False),
    Index("ix_watchlist_auction_id", "auction_id"),
)

# The auxiliary institution's desk (issue 17 item 4; docs/institutions.md). A staff
# account of an institution (court_users with the role ``institution``) is bound to its
# institution here; it signs in like court staff and reaches only the institution's desk.
institution_staff = Table(
    "institution_staff",
    metadata,
    Column("user_id", ForeignKey("court_users.id"), primary_key=True),
    Column("institution_id", ForeignKey("institutions.id"), nullable=False),
    Index("ix_institution_staff_institution_id", "institution_id"),
)

# A task of seed 003 Art 3 on an entrusted lot, given by the court's office to the lot's
# designated institution and one of its staff, with a deadline; submitted by the
# institution, accepted or sent back (with the reason) by the office.
institution_tasks = Table(
    "institution_tasks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("institution_id", ForeignKey("institutions.id"), nullable=False),
    Column("designation_id", ForeignKey("institution_designations.id"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("instructions", Text, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("assignee_id", ForeignKey("court_users.id"), nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(80), nullable=False),
    Column("report", Text),
    Column("submitted_at", UtcDateTime),
    Column("reviewed_at", UtcDateTime),
    Column("review_note", Text),
    Index("ix_institution_tasks_lot_id", "lot_id"),
    Index("ix_institution_tasks_institution_id", "institution_id"),
)

# Each step of a task (Art 6(8): site visits, calls, viewings, deliveries), when it
# happened and who of the institution logged it; never changed afterwards.
institution_task_log = Table(
    "institution_task_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("task_id", ForeignKey("institution_tasks.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("happened_at", UtcDateTime, nullable=False),
    Column("note", Text, nullable=False),
    Column("user_id", ForeignKey("court_users.id"), nullable=False),
    Column("logged_at", UtcDateTime, nullable=False),
    Index("ix_institution_task_log_task_id", "task_id"),
)

# A viewing (看样) asked for on the public lot page: a contact phone (encrypted) and a
# preferred time, tied to no account, registration or bidder code; the institution sees a
# masked phone and the reference only, and schedules it; the requester reads the
# appointment by the reference.
viewing_requests = Table(
    "viewing_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(16), nullable=False, unique=True),
    Column("lot_id", ForeignKey("lots.id"), nullable=False),
    Column("institution_id", ForeignKey("institutions.id"), nullable=False),
    Column("phone_enc", LargeBinary, nullable=False),
    Column("preferred", String(100), nullable=False),
    Column("requested_at", UtcDateTime, nullable=False),
    Column("scheduled_for", UtcDateTime),
    Column("place", String(200)),
    Column("scheduled_at", UtcDateTime),
    Index("ix_viewing_requests_institution_id", "institution_id"),
)


# An auxiliary institution's periodic evaluation (Shanghai item 24), recorded by the court
# that keeps its database: the period, the figures read from the record at the time
# (JSON: designations, replacements, complaints, and the task trace's where recorded),
# the court's result and remarks.
institution_evaluations = Table(
    "institution_evaluations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("court_id", ForeignKey("courts.id"), nullable=False),
    Column("institution_id", ForeignKey("institutions.id"), nullable=False),
    Column("period_from", Date, nullable=False),
    Column("period_to", Date, nullable=False),
    Column("result", String(8), nullable=False),
    Column("figures", Text, nullable=False),
    Column("remarks", Text, nullable=False),
    Column("recorded_by", String(80), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Index("ix_institution_evaluations_institution_id", "institution_id"),
)


# 围观次数 (issue 16): how often an auction's page was viewed, one number per auction and
# nothing about who viewed it; a browser's repeat views of the day are counted once
# (web/views.py).
auction_views = Table(
    "auction_views",
    metadata,
    Column("auction_id", ForeignKey("auctions.id"), primary_key=True),
    Column("views", Integer, nullable=False),
)
