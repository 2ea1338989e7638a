"""The court documents as issued, behind the ``CaseTx`` port (mixed into ``SqlTx``)."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import Connection, insert, select

from fapai.app.cases.ports import IssuedDocumentRecord
from fapai.storage.tables import issued_documents

_ISSUED = [issued_documents.c[f.name] for f in fields(IssuedDocumentRecord)]


class DocumentStore:
    c: Connection

    def issued_documents(
        self, lot_id: int, auction_id: int | None, kind: str, party: str
    ) -> list[IssuedDocumentRecord]:
        t = issued_documents.c
        same_round = t.auction_id.is_(None) if auction_id is None else t.auction_id == auction_id
        rows = self.c.execute(
            select(*_ISSUED)
            .where(t.lot_id == lot_id, same_round, t.kind == kind, t.party == party)
            .order_by(t.version, t.id)
        )
        return [IssuedDocumentRecord(*row) for row in rows]

    def lot_issued_documents(self, lot_id: int) -> list[IssuedDocumentRecord]:
        t = issued_documents.c
        rows = self.c.execute(
            select(*_ISSUED).where(t.lot_id == lot_id).order_by(t.kind, t.party, t.version, t.id)
        )
        return [IssuedDocumentRecord(*row) for row in rows]

    def issued_document_data(self, document_id: int) -> bytes:
        t = issued_documents.c
        return bytes(self.c.execute(select(t.data_enc).where(t.id == document_id)).scalar_one())

    def add_issued_document(self, record: IssuedDocumentRecord, data_enc: bytes) -> int:
        values = {k: v for k, v in asdict(record).items() if k != "id"}
        inserted = self.c.execute(
            insert(issued_documents).values(**values, data_enc=data_enc)
            .returning(issued_documents.c.id)
        )  # fmt: skip
        return int(inserted.scalar_one())
