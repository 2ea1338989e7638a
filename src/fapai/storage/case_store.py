"""The back office's tables behind the ``CaseTx`` port (mixed into ``SqlTx``)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from fapai.app.auctions.ports import AuctionRecord
from fapai.app.cases.ports import AuctionExtras, CaseRecord, DrawRecord, PlatformRecord
from fapai.app.lots.ports import LotRecord, MaterialRecord, StepRecord
from fapai.storage.fact_store import FactNotes
from fapai.storage.tables import (
    auctions,
    barred_bidders,
    cases,
    courts,
    draws,
    ledger_dues,
    ledger_settlements,
    lot_materials,
    lot_steps,
    lots,
    platforms,
    preemptive_holders,
)

_CASE = [cases.c[f.name] for f in fields(CaseRecord)]
_LOT = [lots.c[f.name] for f in fields(LotRecord)]
_STEP = [lot_steps.c[f.name] for f in fields(StepRecord)]
_DRAW = [draws.c[f.name] for f in fields(DrawRecord)]
_PLATFORM = [platforms.c[f.name] for f in fields(PlatformRecord)]
_AUCTION = [auctions.c[f.name] for f in fields(AuctionRecord)]
_MATERIAL = [lot_materials.c[f.name] for f in fields(MaterialRecord)]


class CaseStore(FactNotes):
    c: Connection
    lock_rows: bool

    def insert_case(
        self, court_id: int, number: str, basis: str, applicant_enc: bytes,
        debtor_enc: bytes, at: datetime,
    ) -> int:  # fmt: skip
        return self._returning(
            insert(cases).values(
                court_id=court_id, number=number, basis=basis, applicant_enc=applicant_enc,
                debtor_enc=debtor_enc, created_at=at,
            )
        )  # fmt: skip

    def set_enforcement_amount(self, case_id: int, amount: int) -> None:
        self.c.execute(update(cases).where(cases.c.id == case_id).values(enforcement_amount=amount))

    def case(self, case_id: int) -> CaseRecord | None:
        row = self.c.execute(select(*_CASE).where(cases.c.id == case_id)).first()
        return CaseRecord(*row) if row else None

    def case_by_number(self, court_id: int, number: str) -> CaseRecord | None:
        row = self.c.execute(
            select(*_CASE).where(cases.c.court_id == court_id, cases.c.number == number)
        ).first()
        return CaseRecord(*row) if row else None

    def cases(self, court_id: int) -> list[CaseRecord]:
        rows = self.c.execute(
            select(*_CASE).where(cases.c.court_id == court_id).order_by(cases.c.id)
        )
        return [CaseRecord(*row) for row in rows]

    def court_names(self, court_id: int) -> tuple[str, str]:
        row = self.c.execute(
            select(courts.c.code, courts.c.name).where(courts.c.id == court_id)
        ).one()
        return str(row[0]), str(row[1])

    def lot(self, lot_id: int) -> LotRecord | None:
        row = self.c.execute(select(*_LOT).where(lots.c.id == lot_id)).first()
        return LotRecord(*row) if row else None

    def lock_case(self, case_id: int) -> None:
        if self.lock_rows:
            self.c.execute(select(cases.c.id).where(cases.c.id == case_id).with_for_update())

    def lock_lot(self, lot_id: int) -> LotRecord | None:
        query = select(*_LOT).where(lots.c.id == lot_id)
        if self.lock_rows:
            query = query.with_for_update()
        row = self.c.execute(query).first()
        return LotRecord(*row) if row else None

    def lots(self, court_id: int, case_id: int | None = None) -> list[LotRecord]:
        query = select(*_LOT).where(lots.c.court_id == court_id, lots.c.case_id.is_not(None))
        if case_id is not None:
            query = query.where(lots.c.case_id == case_id)
        return [LotRecord(*row) for row in self.c.execute(query.order_by(lots.c.id))]

    def place_in_case(self, lot_id: int, case_id: int, house: bool) -> None:
        self._update_lot(lot_id, case_id=case_id, house=house, stage="seized")

    def set_lot_stage(self, lot_id: int, stage: str) -> None:
        self._update_lot(lot_id, stage=stage)

    def set_reference(
        self, lot_id: int, amount: int, method: str, on_date: date, valid_until: date
    ) -> None:
        self._update_lot(
            lot_id, reference_price=amount, reference_method=method, reference_date=on_date,
            reference_valid_until=valid_until,
        )  # fmt: skip

    def add_step(
        self, lot_id: int, auction_id: int | None, step: str, on_date: date, details: str,
        actor: str, at: datetime,
    ) -> int:  # fmt: skip
        step_id = self._returning(
            insert(lot_steps).values(
                lot_id=lot_id, auction_id=auction_id, step=step, on_date=on_date,
                details=details, actor=actor, at=at,
            )
        )  # fmt: skip
        self.note_fact("lot_steps", step_id)
        return step_id

    def steps(self, lot_id: int) -> list[StepRecord]:
        rows = self.c.execute(
            select(*_STEP).where(lot_steps.c.lot_id == lot_id).order_by(lot_steps.c.id)
        )
        return [StepRecord(*row) for row in rows]

    def lot_auctions(self, lot_id: int) -> list[AuctionRecord]:
        rows = self.c.execute(
            select(*_AUCTION).where(auctions.c.lot_id == lot_id).order_by(auctions.c.id)
        )
        return [AuctionRecord(*row) for row in rows]

    def extras(self, auction_id: int) -> AuctionExtras:
        a = auctions.c
        row = self.c.execute(
            select(a.announced_at, a.platform, a.previous_id, a.pause).where(a.id == auction_id)
        ).one()
        return AuctionExtras(*row)

    def set_extras(
        self, auction_id: int, platform: str | None, previous_id: int | None,
        balance_days: int | None,
    ) -> None:  # fmt: skip
        values: dict[str, Any] = {"platform": platform, "previous_id": previous_id}
        if balance_days is not None:
            values["balance_days"] = balance_days
        self._update_auction(auction_id, **values)

    def holder_count(self, auction_id: int) -> int:
        count = self.c.scalar(
            select(func.count()).where(preemptive_holders.c.auction_id == auction_id)
        )
        return int(count or 0)

    def set_announced(self, auction_id: int, at: datetime) -> None:
        self._update_auction(auction_id, announced_at=at, status="open")

    def hand_over(self, auction_id: int) -> None:
        self._update_auction(auction_id, status="elsewhere")

    def set_pause(self, auction_id: int, status: str, pause: str | None) -> None:
        self._update_auction(auction_id, status=status, pause=pause)

    def set_window(self, auction_id: int, starts_at: datetime, ends_at: datetime) -> None:
        self._update_auction(
            auction_id, starts_at=starts_at, ends_at=ends_at, effective_end=ends_at
        )

    def platforms(self) -> list[PlatformRecord]:
        rows = self.c.execute(select(*_PLATFORM).order_by(platforms.c.code))
        return [PlatformRecord(*row) for row in rows]

    def platform_loads(self, since: datetime) -> dict[str, int]:
        rows = self.c.execute(
            select(auctions.c.platform, func.count())
            .where(auctions.c.platform.is_not(None), auctions.c.announced_at >= since)
            .group_by(auctions.c.platform)
        )
        return {str(code): int(count) for code, count in rows}

    def insert_draw(
        self, lot_id: int, purpose: str, seed: str, commitment: str, candidates: str,
        at: datetime,
    ) -> int:  # fmt: skip
        return self._returning(
            insert(draws).values(
                lot_id=lot_id, purpose=purpose, seed=seed, commitment=commitment,
                candidates=candidates, scheduled_at=at,
            )
        )  # fmt: skip

    def draw(self, lot_id: int, purpose: str) -> DrawRecord | None:
        row = self.c.execute(
            select(*_DRAW).where(draws.c.lot_id == lot_id, draws.c.purpose == purpose)
        ).first()
        return DrawRecord(*row) if row else None

    def finish_draw(self, draw_id: int, chosen: str, ticket: int, at: datetime) -> None:
        self.c.execute(
            update(draws)
            .where(draws.c.id == draw_id)
            .values(chosen=chosen, ticket=ticket, drawn_at=at)
        )

    def paid_at(self, auction_id: int) -> datetime | None:
        dues = ledger_dues.c
        rows = self.c.execute(
            select(ledger_settlements.c.at)
            .select_from(
                ledger_dues.outerjoin(ledger_settlements, ledger_settlements.c.due_id == dues.id)
            )
            .where(dues.auction_id == auction_id, dues.kind.in_(("balance", "in_lieu")))
        ).all()
        times: list[datetime | None] = [at for (at,) in rows]
        if not times or None in times:
            return None
        return max(at for at in times if at is not None)

    def add_material(
        self, lot_id: int, kind: str, title: str, content_type: str, sha256: str, data: bytes,
        by: str, at: datetime,
    ) -> int:  # fmt: skip
        return self._returning(
            insert(lot_materials).values(
                lot_id=lot_id, kind=kind, title=title, content_type=content_type,
                sha256=sha256, size=len(data), data=data, uploaded_by=by, uploaded_at=at,
            )
        )  # fmt: skip

    def materials(self, lot_id: int) -> list[MaterialRecord]:
        rows = self.c.execute(
            select(*_MATERIAL).where(lot_materials.c.lot_id == lot_id).order_by(lot_materials.c.id)
        )
        return [MaterialRecord(*row) for row in rows]

    def material_data(self, material_id: int) -> tuple[MaterialRecord, bytes] | None:
        row = self.c.execute(
            select(*_MATERIAL, lot_materials.c.data).where(lot_materials.c.id == material_id)
        ).first()
        return (MaterialRecord(*row[:-1]), bytes(row[-1])) if row else None

    def remove_material(self, material_id: int) -> None:
        self.c.execute(delete(lot_materials).where(lot_materials.c.id == material_id))

    def bar(self, lot_id: int, id_number_index: str, reason: str, at: datetime) -> None:
        if not self.barred(lot_id, id_number_index):
            self.c.execute(
                insert(barred_bidders).values(
                    lot_id=lot_id, id_number_index=id_number_index, reason=reason, at=at
                )
            )

    def barred(self, lot_id: int, id_number_index: str) -> bool:
        found = self.c.scalar(
            select(barred_bidders.c.id).where(
                barred_bidders.c.lot_id == lot_id,
                barred_bidders.c.id_number_index == id_number_index,
            )
        )
        return found is not None

    # ------------------------------------------------------------------------------------
    def _update_lot(self, lot_id: int, **values: Any) -> None:
        self.c.execute(update(lots).where(lots.c.id == lot_id).values(**values))

    def _update_auction(self, auction_id: int, **values: Any) -> None:
        self.c.execute(update(auctions).where(auctions.c.id == auction_id).values(**values))

    def _returning(self, statement: Any) -> int:
        return int(self.c.execute(statement.returning(statement.table.c.id)).scalar_one())
