"""What every use case needs from the outside world: the clock, the cipher, the live
publisher and the database, whose transaction joins every subject's part (``Tx``).

``storage/`` implements ``Database`` with SQLAlchemy; tests may pass fakes. The records
are plain values (each subject's ``ports``) so that no use case ever holds a live row.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from fapai.app.accounts.ports import AccountTx
from fapai.app.auctions.ports import AuctionTx
from fapai.app.audit.ports import AuditTx
from fapai.app.cases.ports import CaseTx
from fapai.app.institutions.ports import DeskTx, InstitutionTx
from fapai.app.ledger.ports import LedgerTx
from fapai.app.lots.ports import LotTx
from fapai.app.remedies.ports import RemedyTx


class Clock(Protocol):
    def __call__(self) -> datetime: ...


class Cipher(Protocol):
    """Encryption of personal data at rest, and keyed hashes to compare it blind, under a
    ring of keys: new data takes the current key, old keys still read (adapters/cipher.py).
    """

    @property
    def current_key_id(self) -> str: ...
    def encrypt(self, text: str) -> bytes: ...
    def decrypt(self, blob: bytes) -> str: ...
    def ciphertext_key_id(self, blob: bytes) -> str: ...
    def blind_index(self, kind: str, text: str) -> str: ...
    def blind_indexes(self, kind: str, text: str) -> list[str]: ...
    def index_key_id(self, index: str) -> str: ...
    def sign(self, message: bytes) -> str: ...


class Publisher(Protocol):
    """Hands a committed auction event to live subscribers (called after commit)."""

    def __call__(self, auction_id: int, seq: int, kind: str, payload: str) -> None: ...


class Database(Protocol):
    def write(self, auction_id: int | None = None) -> AbstractContextManager[Tx]:
        """A write transaction; with ``auction_id`` the caller will lock that auction."""
        ...

    def read(self) -> AbstractContextManager[Tx]: ...


class Tx(
    AccountTx, AuctionTx, AuditTx, CaseTx, DeskTx, InstitutionTx, LedgerTx, LotTx, RemedyTx,
    Protocol,
):  # fmt: skip
    """One database transaction over every subject; committed when its block ends without
    error."""
