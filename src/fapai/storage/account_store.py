"""Courts, court users and bidder accounts: the accounts' part of ``SqlTx``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    insert,
    select,
    update,
)

from fapai.app.accounts.ports import AccountRecord, CourtUserRecord, SessionRecord
from fapai.storage.rows import insert_id
from fapai.storage.tables import (
    accounts,
    court_users,
    courts,
    sessions,
)


class AccountStore:
    c: Connection

    def insert_court(self, code: str, name: str, region: str) -> int:
        return insert_id(self.c, courts, code=code, name=name, region=region)

    def court_id_by_code(self, code: str) -> int | None:
        return self.c.scalar(select(courts.c.id).where(courts.c.code == code))

    def insert_court_user(self, court_id: int, login: str, role: str, token_hash: str) -> int:
        return insert_id(
            self.c, court_users, court_id=court_id, login=login, role=role, token_hash=token_hash
        )

    def court_user(self, user_id: int) -> CourtUserRecord | None:
        users = court_users.c
        row = self.c.execute(
            select(users.id, users.court_id, users.login, users.role).where(users.id == user_id)
        ).first()
        return CourtUserRecord(*row) if row else None

    def insert_session(
        self,
        token_hash: str,
        account_id: int | None,
        court_user_id: int | None,
        at: datetime,
        expires_at: datetime,
    ) -> None:
        self.c.execute(
            insert(sessions).values(
                token_hash=token_hash, account_id=account_id, court_user_id=court_user_id,
                created_at=at, expires_at=expires_at,
            )
        )  # fmt: skip

    def session(self, token_hash: str) -> SessionRecord | None:
        s = sessions.c
        row = self.c.execute(
            select(s.account_id, s.court_user_id, s.expires_at, s.ended_at).where(
                s.token_hash == token_hash
            )
        ).first()
        return SessionRecord(*row) if row else None

    def end_session(self, token_hash: str, at: datetime) -> None:
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
