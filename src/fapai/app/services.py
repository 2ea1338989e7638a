"""The collaborators every use case receives, chosen once by ``fapai.bootstrap``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fapai.app.accounts.ports import Credentials, RetentionPolicy, SmsSender, StaffPolicy
from fapai.app.combining import Combiner
from fapai.app.documents import DocumentRenderer
from fapai.app.ledger.ports import PaymentGateway
from fapai.app.lots.ports import Pdfs, Pictures
from fapai.app.ports import Cipher, Clock, Database, Publisher
from fapai.domain.calendar import WeekendCalendar, WorkCalendar
from fapai.domain.identity import CodeLists


@dataclass(frozen=True, slots=True)
class Services:
    db: Database
    clock: Clock
    cipher: Cipher
    gateway: PaymentGateway
    publish: Publisher
    randbelow: Callable[[int], int]
    token: Callable[[], str]
    # GB/T 2260 region codes and mobile ranges (adapters/code_lists.py).
    code_lists: CodeLists
    # Staff passwords (argon2id) and second factor (TOTP): adapters/credentials.py.
    credentials: Credentials
    # Batches concurrent bids per auction into one transaction (app/combining.py).
    bid_batches: Combiner[Any, Any] = field(default_factory=Combiner)
    # Rest days for CPL Art 85 day counting; bootstrap gives the statutory calendar.
    calendar: WorkCalendar = field(default_factory=WeekendCalendar)
    # Renders court documents as PDF and HTML (adapters/documents.py).
    documents: DocumentRenderer | None = None
    # Staff sessions' idle and absolute limits, lockout after repeated failures.
    staff_policy: StaffPolicy = field(default_factory=StaffPolicy)
    # Texts the phone codes of account opening; None answers sms_unavailable (issue 12).
    sms: SmsSender | None = None
    # How long personal data is kept (app/accounts/retention.py).
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    # Re-encodes photos without their metadata (adapters/pictures.py); without it no
    # photo is taken.
    pictures: Pictures | None = None
    # Rewrites PDFs (the appraisal report) with their pages only (adapters/pdfs.py);
    # without it no PDF is taken.
    pdfs: Pdfs | None = None
    # The SPC-listed platform this deployment operates ("none": the court's system only;
    # None: standing in for every listed platform, the demo's and the tests'): a lot
    # designated to another is handed over at its announcement (FAPAI_PLATFORM).
    platform: str | None = None
    # How long a bidder's session lasts (config.Sessions, FAPAI_SESSION_HOURS).
    bidder_session: timedelta = timedelta(hours=12)
