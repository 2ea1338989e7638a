"""The audit trail's records, heads and seals: the trail's part of ``SqlTx``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from sqlalchemy import (
    Connection,
    delete,
    func,
    insert,
    select,
    update,
)

from fapai.app.audit.ports import AuditRow, SealRow
from fapai.storage.rows import insert_id
from fapai.storage.tables import (
    audit_heads,
    audit_marks,
    audit_records,
    audit_seals,
)


class AuditStore:
    c: Connection
    lock_rows: bool
    last_record: AuditRow | None  # the transaction's last record, for ``finish_facts``

    def audit_head(self, scope: str) -> tuple[int, str]:
        query = select(audit_heads.c.seq, audit_heads.c.hash).where(audit_heads.c.scope == scope)
        if self.lock_rows:
            query = query.with_for_update()
        row = self.c.execute(query).first()
        if row is None:
            raise LookupError(f"no audit chain {scope!r}")
        return int(row[0]), str(row[1])

    def peek_head(self, scope: str) -> tuple[int, str]:
        row = self.c.execute(
            select(audit_heads.c.seq, audit_heads.c.hash).where(audit_heads.c.scope == scope)
        ).one()
        return int(row[0]), str(row[1])

    def append_audit(self, row: AuditRow) -> None:
        self.last_record = row
        self.c.execute(
            insert(audit_records).values(
                scope=row.scope, seq=row.seq, at=row.at, actor=row.actor, action=row.action,
                payload=row.payload, prev_hash=row.prev_hash, hash=row.hash,
            )
        )  # fmt: skip
        self.c.execute(
            update(audit_heads)
            .where(audit_heads.c.scope == row.scope)
            .values(seq=row.seq, hash=row.hash)
        )

    def audit_scopes(self) -> list[str]:
        return list(self.c.scalars(select(audit_heads.c.scope).order_by(audit_heads.c.scope)))

    def audit_rows(self, scope: str) -> Iterator[AuditRow]:
        rows = self.c.execute(
            select(*audit_records.c)
            .where(audit_records.c.scope == scope)
            .order_by(audit_records.c.seq)
            .execution_options(yield_per=2000)  # streamed: a scope may hold millions
        )
        return (AuditRow(*row) for row in rows)

    def audit_row(self, scope: str, seq: int) -> AuditRow | None:
        row = self.c.execute(
            select(*audit_records.c).where(
                audit_records.c.scope == scope, audit_records.c.seq == seq
            )
        ).first()
        return AuditRow(*row) if row else None

    def audit_rows_naming(self, scope: str, action: str, fragment: str) -> list[AuditRow]:
        """``scope``'s ``action`` records whose canonical payload contains ``fragment``
        (matched literally: LIKE's wildcards in it are escaped)."""
        escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.c.execute(
            select(*audit_records.c)
            .where(
                audit_records.c.scope == scope,
                audit_records.c.action == action,
                audit_records.c.payload.like(f"%{escaped}%", escape="\\"),
            )
            .order_by(audit_records.c.seq)
        )
        return [AuditRow(*row) for row in rows]

    def unsealed_heads(self) -> dict[str, tuple[int, str]]:
        sealed = func.coalesce(audit_marks.c.sealed_seq, 0)
        rows = self.c.execute(
            select(audit_heads.c.scope, audit_heads.c.seq, audit_heads.c.hash)
            .select_from(
                audit_heads.outerjoin(audit_marks, audit_marks.c.scope == audit_heads.c.scope)
            )
            .where(audit_heads.c.seq > sealed)
        )
        return {scope: (seq, digest) for scope, seq, digest in rows}

    def seals(self) -> Sequence[SealRow]:
        rows = self.c.execute(select(*audit_seals.c).order_by(audit_seals.c.id))
        return [SealRow(*row) for row in rows]

    def last_seal(self) -> SealRow | None:
        row = self.c.execute(
            select(*audit_seals.c).order_by(audit_seals.c.id.desc()).limit(1)
        ).first()
        return SealRow(*row) if row else None

    def insert_seal(self, at: str, heads: str, prev_hash: str, hash_: str) -> None:
        insert_id(self.c, audit_seals, at=at, heads=heads, prev_hash=prev_hash, hash=hash_)
        marks = [
            {"scope": scope, "sealed_seq": seq} for scope, (seq, _) in json.loads(heads).items()
        ]
        self.c.execute(
            delete(audit_marks).where(audit_marks.c.scope.in_([m["scope"] for m in marks]))
        )
        self.c.execute(insert(audit_marks), marks)
