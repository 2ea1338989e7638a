"""The auxiliary institution's desk: tasks, their log and viewing requests
(app/institutions/tasks.py, viewings.py)."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from fapai.app.institutions.ports import TaskLogRecord, TaskRecord, ViewingRecord
from fapai.storage.rows import insert_id
from fapai.storage.tables import institution_task_log, institution_tasks, viewing_requests

_TASK = [institution_tasks.c[f.name] for f in fields(TaskRecord)]
_LOG = [institution_task_log.c[f.name] for f in fields(TaskLogRecord)]
_VIEWING = [viewing_requests.c[f.name] for f in fields(ViewingRecord)]


class DeskStore:
    c: Connection

    def insert_task(self, **values: object) -> int:
        return insert_id(self.c, institution_tasks, **values)

    def _tasks(self, condition: Any) -> list[TaskRecord]:
        rows = self.c.execute(select(*_TASK).where(condition).order_by(institution_tasks.c.id))
        return [TaskRecord(*row) for row in rows]

    def task(self, task_id: int) -> TaskRecord | None:
        found = self._tasks(institution_tasks.c.id == task_id)
        return found[0] if found else None

    def lot_tasks(self, lot_id: int) -> list[TaskRecord]:
        return self._tasks(institution_tasks.c.lot_id == lot_id)

    def institution_tasks(self, institution_id: int) -> list[TaskRecord]:
        return self._tasks(institution_tasks.c.institution_id == institution_id)

    def update_task(self, task_id: int, **values: object) -> None:
        self.c.execute(
            update(institution_tasks).where(institution_tasks.c.id == task_id).values(**values)
        )

    def insert_task_log(
        self, task_id: int, kind: str, happened_at: datetime, note: str, user_id: int,
        logged_at: datetime,
    ) -> int:  # fmt: skip
        return insert_id(
            self.c, institution_task_log, task_id=task_id, kind=kind, happened_at=happened_at,
            note=note, user_id=user_id, logged_at=logged_at,
        )  # fmt: skip

    def task_log(self, task_id: int) -> list[TaskLogRecord]:
        rows = self.c.execute(
            select(*_LOG)
            .where(institution_task_log.c.task_id == task_id)
            .order_by(institution_task_log.c.id)
        )
        return [TaskLogRecord(*row) for row in rows]

    def insert_viewing(
        self, reference: str, lot_id: int, institution_id: int, phone_enc: bytes,
        preferred: str, at: datetime,
    ) -> int:  # fmt: skip
        return insert_id(
            self.c, viewing_requests, reference=reference, lot_id=lot_id,
            institution_id=institution_id, phone_enc=phone_enc, preferred=preferred,
            requested_at=at,
        )  # fmt: skip

    def _viewings(self, condition: Any) -> list[ViewingRecord]:
        rows = self.c.execute(select(*_VIEWING).where(condition).order_by(viewing_requests.c.id))
        return [ViewingRecord(*row) for row in rows]

    def viewing(self, viewing_id: int) -> ViewingRecord | None:
        found = self._viewings(viewing_requests.c.id == viewing_id)
        return found[0] if found else None

    def viewing_by_reference(self, reference: str) -> ViewingRecord | None:
        found = self._viewings(viewing_requests.c.reference == reference)
        return found[0] if found else None

    def lot_viewings(self, lot_ids: list[int]) -> list[ViewingRecord]:
        return self._viewings(viewing_requests.c.lot_id.in_(lot_ids))

    def update_viewing(self, viewing_id: int, **values: object) -> None:
        self.c.execute(
            update(viewing_requests).where(viewing_requests.c.id == viewing_id).values(**values)
        )
