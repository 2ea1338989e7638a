"""A lot's stage in the disposal's state machine (``domain/workflow/stages``): every act
and the closer move it through this one function, so a wrong-stage act is one refusal
in one place.
"""

from __future__ import annotations

from fapai.app.errors import conflict
from fapai.app.lots.ports import LotRecord
from fapai.app.ports import Tx
from fapai.domain.workflow import stages


def move(tx: Tx, lot: LotRecord, action: str) -> str:
    """The lot's next stage for ``action``, saved; a conflict when not allowed now."""
    nxt = allowed(lot, action)
    if nxt != lot.stage:
        tx.set_lot_stage(lot.id, nxt)
    return nxt


def allowed(lot: LotRecord, action: str) -> str:
    """The lot's next stage for ``action``, not saved: an act that waits for a second
    person (a request, then its approval) is refused at the request already."""
    assert lot.stage is not None
    nxt = stages.advance(lot.stage, action)
    if nxt is None:
        needed = "、".join(stages.STAGES[s] for s in stages.allowed_from(action))
        raise conflict(
            "wrong_stage",
            f"标的物当前处于“{stages.STAGES[lot.stage]}”阶段，不能进行此操作（须处于：{needed}）。",
            f"The lot is at stage '{lot.stage}'; this needs one of: "
            f"{', '.join(stages.allowed_from(action))}.",
        )
    return nxt
