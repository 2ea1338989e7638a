"""Courts, court staff, their roles, sessions and program tokens: part of ``SqlTx``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from fapai.app.accounts.ports import CourtRecord, SessionRecord, StaffRecord, TokenRecord
from fapai.storage.rows import insert_id
from fapai.storage.tables import (
    court_roles,
    court_sessions,
    court_tokens,
    court_users,
    courts,
    institution_staff,
)

_COURT = [courts.c.id, courts.c.code, courts.c.name, courts.c.region, courts.c.parent_id]
_STAFF = [
    court_users.c[name]
    for name in (
        "id", "court_id", "login", "name", "password_hash", "totp_enc", "totp_last_step",
        "failures", "locked_until", "ended_at",
    )
]  # fmt: skip
_SESSION = [court_sessions.c[n] for n in ("id", "user_id", "started_at", "seen_at", "ended_at")]
_TOKEN = [
    court_tokens.c[n] for n in ("id", "user_id", "scope", "created_at", "expires_at", "revoked_at")
]


class StaffStore:
    c: Connection
    lock_rows: bool

    def insert_court(self, code: str, name: str, region: str, parent_id: int | None) -> int:
        return insert_id(self.c, courts, code=code, name=name, region=region, parent_id=parent_id)

    def court_id_by_code(self, code: str) -> int | None:
        return self.c.scalar(select(courts.c.id).where(courts.c.code == code))

    def court(self, court_id: int) -> CourtRecord | None:
        row = self.c.execute(select(*_COURT).where(courts.c.id == court_id)).first()
        return CourtRecord(*row) if row else None

    def all_courts(self) -> list[CourtRecord]:
        return [CourtRecord(*row) for row in self.c.execute(select(*_COURT).order_by(courts.c.id))]

    def insert_staff(
        self, court_id: int | None, login: str, name: str, password_hash: str | None,
        totp_enc: bytes | None,
    ) -> int:  # fmt: skip
        return insert_id(self.c,
            court_users, court_id=court_id, login=login, name=name,
            password_hash=password_hash, totp_enc=totp_enc,
        )  # fmt: skip

    def _staff_where(self, condition: Any) -> StaffRecord | None:
        query = select(*_STAFF).where(condition)
        if self.lock_rows:
            query = query.with_for_update()  # sign-in attempts count one after another
        row = self.c.execute(query).first()
        return StaffRecord(*row) if row else None

    def staff(self, user_id: int) -> StaffRecord | None:
        return self._staff_where(court_users.c.id == user_id)

    def staff_by_login(self, login: str) -> StaffRecord | None:
        return self._staff_where(court_users.c.login == login)

    def staff_of_court(self, court_id: int | None) -> list[StaffRecord]:
        where = (
            court_users.c.court_id.is_(None)
            if court_id is None
            else court_users.c.court_id == court_id
        )
        rows = self.c.execute(select(*_STAFF).where(where).order_by(court_users.c.login))
        return [StaffRecord(*row) for row in rows]

    def set_sign_in_state(
        self, user_id: int, failures: int, locked_until: datetime | None, totp_last_step: int | None
    ) -> None:
        self.c.execute(
            update(court_users).where(court_users.c.id == user_id).values(
                failures=failures, locked_until=locked_until, totp_last_step=totp_last_step
            )
        )  # fmt: skip

    def set_credentials(
        self, user_id: int, password_hash: str, totp_enc: bytes, totp_last_step: int | None
    ) -> None:
        self.c.execute(
            update(court_users).where(court_users.c.id == user_id).values(
                password_hash=password_hash, totp_enc=totp_enc, totp_last_step=totp_last_step,
                failures=0, locked_until=None,
            )
        )  # fmt: skip

    def end_staff(self, user_id: int, at: datetime) -> None:
        self.c.execute(update(court_users).where(court_users.c.id == user_id).values(ended_at=at))

    def roles_of(self, user_id: int) -> set[str]:
        rows = self.c.scalars(select(court_roles.c.role).where(court_roles.c.user_id == user_id))
        return set(rows)

    def insert_role(self, user_id: int, role: str, at: datetime) -> None:
        insert_id(self.c, court_roles, user_id=user_id, role=role, granted_at=at)

    def delete_role(self, user_id: int, role: str) -> bool:
        result = self.c.execute(
            delete(court_roles).where(court_roles.c.user_id == user_id, court_roles.c.role == role)
        )
        return result.rowcount > 0

    def insert_session(self, user_id: int, token_hash: str, at: datetime) -> int:
        return insert_id(self.c,
            court_sessions, user_id=user_id, token_hash=token_hash, started_at=at, seen_at=at
        )  # fmt: skip

    def session_by_token(self, token_hash: str) -> SessionRecord | None:
        row = self.c.execute(
            select(*_SESSION).where(court_sessions.c.token_hash == token_hash)
        ).first()
        return SessionRecord(*row) if row else None

    def touch_session(self, session_id: int, at: datetime) -> None:
        self.c.execute(
            update(court_sessions).where(court_sessions.c.id == session_id).values(seen_at=at)
        )

    def end_sessions(self, user_id: int, at: datetime, session_id: int | None = None) -> int:
        query = update(court_sessions).where(
            court_sessions.c.user_id == user_id, court_sessions.c.ended_at.is_(None)
        )
        if session_id is not None:
            query = query.where(court_sessions.c.id == session_id)
        return self.c.execute(query.values(ended_at=at)).rowcount

    def insert_token(
        self, user_id: int, token_hash: str, scope: str, at: datetime, expires_at: datetime
    ) -> int:
        return insert_id(self.c,
            court_tokens, user_id=user_id, token_hash=token_hash, scope=scope, created_at=at,
            expires_at=expires_at,
        )  # fmt: skip

    def token_by_hash(self, token_hash: str) -> TokenRecord | None:
        row = self.c.execute(select(*_TOKEN).where(court_tokens.c.token_hash == token_hash)).first()
        return TokenRecord(*row) if row else None

    def token(self, token_id: int) -> TokenRecord | None:
        row = self.c.execute(select(*_TOKEN).where(court_tokens.c.id == token_id)).first()
        return TokenRecord(*row) if row else None

    def tokens_of(self, user_ids: list[int]) -> list[TokenRecord]:
        rows = self.c.execute(
            select(*_TOKEN).where(court_tokens.c.user_id.in_(user_ids)).order_by(court_tokens.c.id)
        )
        return [TokenRecord(*row) for row in rows]

    def revoke_tokens(
        self, user_id: int, at: datetime, token_id: int | None = None, scope: str | None = None
    ) -> int:
        query = update(court_tokens).where(
            court_tokens.c.user_id == user_id, court_tokens.c.revoked_at.is_(None)
        )
        if token_id is not None:
            query = query.where(court_tokens.c.id == token_id)
        if scope is not None:
            query = query.where(court_tokens.c.scope == scope)
        return self.c.execute(query.values(revoked_at=at)).rowcount

    def institution_of_staff(self, user_id: int) -> int | None:
        return self.c.scalar(
            select(institution_staff.c.institution_id).where(institution_staff.c.user_id == user_id)
        )

    def insert_institution_staff(self, user_id: int, institution_id: int) -> None:
        self.c.execute(
            insert(institution_staff).values(user_id=user_id, institution_id=institution_id)
        )

    def staff_of_institution(self, institution_id: int) -> list[StaffRecord]:
        rows = self.c.execute(
            select(*_STAFF)
            .join(institution_staff, institution_staff.c.user_id == court_users.c.id)
            .where(
                institution_staff.c.institution_id == institution_id,
                court_users.c.ended_at.is_(None),
            )
            .order_by(court_users.c.login)
        )
        return [StaffRecord(*row) for row in rows]
