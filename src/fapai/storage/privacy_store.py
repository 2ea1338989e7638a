"""The personal-data read log, phone codes, erasures and key rotation: the privacy part
of ``SqlTx`` (issue 14 items 5, 12 and 17)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from fapai.app.accounts.ports import PhoneCodeRecord
from fapai.app.audit.ports import PersonalReadRow
from fapai.storage.rows import insert_id
from fapai.storage.tables import (
    account_erasures,
    accounts,
    applicants,
    barred_bidders,
    cases,
    court_lists,
    personal_data_reads,
    phone_codes,
    preemptive_holders,
    registrations,
    sessions,
)

_READ = personal_data_reads.c


class PrivacyStore:
    c: Connection

    # the read log ---------------------------------------------------------------------

    def insert_personal_read(self, row: PersonalReadRow) -> None:
        self.c.execute(
            insert(personal_data_reads).values(
                at=row.at, principal_kind=row.principal_kind, principal_id=row.principal_id,
                court_id=row.court_id, record=row.record, fields=row.fields,
                purpose=row.purpose, note=row.note, route=row.route,
            )
        )  # fmt: skip

    def personal_reads(
        self, court_id: int | None, after_id: int, limit: int
    ) -> list[PersonalReadRow]:
        query = select(personal_data_reads).where(_READ.id > after_id)
        if court_id is not None:
            query = query.where(_READ.court_id == court_id)
        rows = self.c.execute(query.order_by(_READ.id).limit(limit))
        return [PersonalReadRow(*row) for row in rows]

    def delete_personal_reads_before(self, at: datetime) -> int:
        return self.c.execute(delete(personal_data_reads).where(_READ.at < at)).rowcount

    # phone codes ----------------------------------------------------------------------

    def insert_phone_code(
        self, phone_index: str, code_hash: str, sent_at: datetime, expires_at: datetime
    ) -> int:
        return insert_id(self.c,
            phone_codes, phone_index=phone_index, code_hash=code_hash, sent_at=sent_at,
            expires_at=expires_at, attempts=0,
        )  # fmt: skip

    def phone_codes_since(self, phone_index: str, since: datetime) -> list[PhoneCodeRecord]:
        codes = phone_codes.c
        rows = self.c.execute(
            select(codes.id, codes.code_hash, codes.sent_at, codes.expires_at, codes.attempts,
                   codes.used_at)
            .where(codes.phone_index == phone_index, codes.sent_at >= since)
            .order_by(codes.id)
        )  # fmt: skip
        return [PhoneCodeRecord(*row) for row in rows]

    def count_phone_code_attempt(self, code_id: int) -> None:
        codes = phone_codes.c
        self.c.execute(
            update(phone_codes).where(codes.id == code_id).values(attempts=codes.attempts + 1)
        )

    def use_phone_code(self, code_id: int, at: datetime) -> None:
        self.c.execute(update(phone_codes).where(phone_codes.c.id == code_id).values(used_at=at))

    def delete_phone_codes_before(self, at: datetime) -> int:
        return self.c.execute(delete(phone_codes).where(phone_codes.c.sent_at < at)).rowcount

    # retention ------------------------------------------------------------------------

    def idle_accounts(self, created_before: datetime, active_before: datetime) -> list[int]:
        """Accounts opened before ``created_before``, not yet erased, whose last auction
        registration (if any) was before ``active_before``."""
        last = (
            select(registrations.c.account_id, func.max(registrations.c.created_at).label("at"))
            .group_by(registrations.c.account_id)
            .subquery()
        )
        query = (
            select(accounts.c.id)
            .outerjoin(last, last.c.account_id == accounts.c.id)
            .outerjoin(account_erasures, account_erasures.c.account_id == accounts.c.id)
            .where(
                accounts.c.created_at < created_before,
                account_erasures.c.account_id.is_(None),
                (last.c.at.is_(None)) | (last.c.at < active_before),
            )
            .order_by(accounts.c.id)
        )
        return list(self.c.scalars(query))

    def erase_account(self, account_id: int, at: datetime) -> None:
        """Crypto-shred: the ciphertexts and indexes are overwritten, the key no longer
        signs in and every open session ends. The parties' lists (a default bar) keep
        their own index."""
        self.c.execute(
            update(accounts).where(accounts.c.id == account_id).values(
                name_enc=b"", id_number_enc=b"", phone_enc=b"", name_index="erased",
                id_number_index=f"erased:{account_id}", token_hash=f"erased:{account_id}",
            )
        )  # fmt: skip
        self.c.execute(
            update(sessions)
            .where(sessions.c.account_id == account_id, sessions.c.ended_at.is_(None))
            .values(ended_at=at)
        )
        self.c.execute(insert(account_erasures).values(account_id=account_id, at=at))

    # key rotation ---------------------------------------------------------------------

    def account_ciphertexts(self, after_id: int, limit: int) -> list[tuple[int, list[bytes]]]:
        a = accounts.c
        rows = self.c.execute(
            select(a.id, a.name_enc, a.id_number_enc, a.phone_enc)
            .where(a.id > after_id, a.name_enc != b"")
            .order_by(a.id)
            .limit(limit)
        )
        return [(row[0], list(row[1:])) for row in rows]

    def case_ciphertexts(self, after_id: int, limit: int) -> list[tuple[int, list[bytes]]]:
        c = cases.c
        rows = self.c.execute(
            select(c.id, c.applicant_enc, c.debtor_enc)
            .where(c.id > after_id)
            .order_by(c.id)
            .limit(limit)
        )
        return [(row[0], list(row[1:])) for row in rows]

    def account_indexes(self) -> list[tuple[str, str]]:
        return [
            (row[0], row[1])
            for row in self.c.execute(select(accounts.c.name_index, accounts.c.id_number_index))
        ]

    def party_indexes(self) -> list[str]:
        """The ID-number indexes kept without a ciphertext (holders, applicants, bars, the
        courts' OJA Art 34 lists)."""
        found: list[str] = []
        for table in (preemptive_holders, applicants, barred_bidders, court_lists):
            found += self.c.scalars(select(table.c.id_number_index))
        return found

    def rewrite_account(
        self, account_id: int, blobs: list[bytes], name_index: str, id_number_index: str
    ) -> None:
        a = accounts.c
        old = self.c.scalar(select(a.id_number_index).where(a.id == account_id))
        self.c.execute(
            update(accounts).where(a.id == account_id).values(
                name_enc=blobs[0], id_number_enc=blobs[1], phone_enc=blobs[2],
                name_index=name_index, id_number_index=id_number_index,
            )
        )  # fmt: skip
        if old is not None and old != id_number_index:
            # the parties' lists follow the account to its new index
            for table in (preemptive_holders, applicants, barred_bidders, court_lists):
                self.c.execute(
                    update(table)
                    .where(table.c.id_number_index == old)
                    .values(id_number_index=id_number_index)
                )
            self.c.execute(
                update(registrations)
                .where(registrations.c.proxy_principal_index == old)
                .values(proxy_principal_index=id_number_index)
            )

    def rewrite_case(self, case_id: int, blobs: list[bytes]) -> None:
        self.c.execute(
            update(cases).where(cases.c.id == case_id).values(
                applicant_enc=blobs[0], debtor_enc=blobs[1]
            )
        )  # fmt: skip
