"""Bidder accounts (and, through ``StaffStore``, courts and their staff): part of ``SqlTx``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    insert,
    select,
    update,
)

from fapai.app.accounts.ports import AccountRecord, BidderSessionRecord
from fapai.storage.rows import insert_id
from fapai.storage.staff_store import StaffStore
from fapai.storage.tables import accounts, sessions


class AccountStore(StaffStore):
    c: Connection

    def insert_bidder_session(
        self, token_hash: str, account_id: int, at: datetime, expires_at: datetime
    ) -> None:
        self.c.execute(
            insert(sessions).values(
                token_hash=token_hash, account_id=account_id, created_at=at,
                expires_at=expires_at,
            )
        )  # fmt: skip

    def bidder_session(self, token_hash: str) -> BidderSessionRecord | None:
        s = sessions.c
        row = self.c.execute(
            select(s.account_id, s.expires_at, s.ended_at).where(s.token_hash == token_hash)
        ).first()
        return BidderSessionRecord(*row) if row else None

    def end_bidder_session(self, token_hash: str, at: datetime) -> None:
        self.c.execute(
            update(sessions)
            .where(sessions.c.token_hash == token_hash, sessions.c.ended_at.is_(None))
            .values(ended_at=at)
        )

    def insert_account(
        self,
        token_hash: str,
        name_enc: bytes,
        id_number_enc: bytes,
        phone_enc: bytes,
        name_index: str,
        id_number_index: str,
        at: datetime,
    ) -> int:
        return insert_id(self.c,
            accounts, token_hash=token_hash, name_enc=name_enc, id_number_enc=id_number_enc,
            phone_enc=phone_enc, name_index=name_index, id_number_index=id_number_index,
            created_at=at,
        )  # fmt: skip

    def _account_where(self, condition: Any) -> AccountRecord | None:
        row = self.c.execute(
            select(
                accounts.c.id, accounts.c.name_enc, accounts.c.id_number_enc,
                accounts.c.phone_enc, accounts.c.name_index, accounts.c.id_number_index,
            ).where(condition)
        ).first()  # fmt: skip
        return AccountRecord(*row) if row else None

    def account_by_token(self, token_hash: str) -> AccountRecord | None:
        return self._account_where(accounts.c.token_hash == token_hash)

    def account_by_id_index(self, id_number_index: str) -> AccountRecord | None:
        return self._account_where(accounts.c.id_number_index == id_number_index)

    def account(self, account_id: int) -> AccountRecord | None:
        return self._account_where(accounts.c.id == account_id)
