"""An objection's acts: each one a step (the facts its clocks are counted from) and an
audit record, its status moved only as ``domain.remedies.docket`` allows."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fapai.app.audit import trail
from fapai.app.errors import AppError, invalid
from fapai.app.ports import Tx
from fapai.app.remedies.ports import ObjectionRecord
from fapai.domain.remedies.docket import Status, Step, next_status
from fapai.domain.remedies.objections import ObjectionKind, ObjectionRefused

_ZH = {
    "no_standing": "以所述身份不能提出此类异议",
    "no_grounds": "异议须书面写明理由",
    "enforcement_ended": "执行程序或对该执行标的的执行已经终结，不能再提出此类异议",
    "out_of_order": "该异议当前的状态不允许此项操作",
    "no_reconsideration": "案外人异议裁定不能申请复议，可提起诉讼",
    "no_revoke_ground": "异议成立撤销拍卖须列明法定事由",
    "revoke_ground_unused": "只有成立的执行行为异议才列明撤销事由",
}


def refusal(error: ObjectionRefused) -> AppError:
    """A domain refusal as the use cases' answer, the rule cited in both languages."""
    return invalid(error.code, f"{_ZH[error.code]}（{error.article}）。", str(error))


def add_step(
    tx: Tx, objection: ObjectionRecord, step: str, actor: str, now: datetime, **details: Any
) -> None:
    """Append the act to the objection's steps and to the audit trail."""
    payload = json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)
    tx.add_objection_step(objection.id, step, payload, actor, now)
    trail.record(
        tx, trail.SYSTEM, now, actor, f"objection.{step}", objection=objection.id,
        lot=objection.lot_id, **details,
    )  # fmt: skip


def move(
    tx: Tx, objection: ObjectionRecord, step: Step, actor: str, now: datetime,
    outcome: str | None = None, revoke_ground: str | None = None,
    reviewing_court_id: int | None = None, **details: Any,
) -> Status:  # fmt: skip
    """Take ``step`` if the docket allows it from the objection's status (else refuse,
    citing OBJ Art 2), record it, and return the new status."""
    try:
        after = next_status(ObjectionKind(objection.kind), Status(objection.status), step)
    except ObjectionRefused as error:
        raise refusal(error) from None
    tx.set_objection(
        objection.id, after.value, outcome or objection.outcome,
        revoke_ground or objection.revoke_ground,
        reviewing_court_id or objection.reviewing_court_id,
    )  # fmt: skip
    add_step(tx, objection, step.value, actor, now, **details)
    return after
