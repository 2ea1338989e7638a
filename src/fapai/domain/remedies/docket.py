"""The steps an objection goes through on the court's docket, and which clocks each
step starts and stops (OBJ Art 2; CPL Arts 236, 238).

Filed papers are docketed (立案) or sent back for completion; a docketed objection is
ruled on; a served ruling opens the kind's remedy. The storage layer keeps the status;
this module says which move is lawful from which status, so a ruling can never precede
the docket and a closed objection never reopens.
"""

from __future__ import annotations

from enum import StrEnum

from fapai.domain.remedies.clocks import Clock, after_ruling_clock
from fapai.domain.remedies.objections import ObjectionKind, ObjectionRefused


class Status(StrEnum):
    FILED = "filed"
    AWAITING_PAPERS = "awaiting_papers"
    DOCKETED = "docketed"
    RULED = "ruled"
    RECONSIDERATION = "reconsideration"
    CLOSED = "closed"


class Step(StrEnum):
    REQUEST_PAPERS = "request_papers"
    PAPERS_COMPLETED = "papers_completed"
    DOCKET = "docket"
    NOTIFY = "notify"
    RULE = "rule"
    RECONSIDER = "reconsider"
    CLOSE = "close"


_MOVES: dict[tuple[Status, Step], Status] = {
    (Status.FILED, Step.REQUEST_PAPERS): Status.AWAITING_PAPERS,
    (Status.AWAITING_PAPERS, Step.PAPERS_COMPLETED): Status.FILED,
    (Status.FILED, Step.DOCKET): Status.DOCKETED,
    (Status.DOCKETED, Step.NOTIFY): Status.DOCKETED,
    (Status.FILED, Step.RULE): Status.RULED,  # a ruling not to accept (不予受理)
    # papers not completed in time: not accepted (OBJ Art 2: 逾期未补正的，不予受理)
    (Status.AWAITING_PAPERS, Step.RULE): Status.RULED,
    (Status.DOCKETED, Step.RULE): Status.RULED,
    (Status.RULED, Step.RECONSIDER): Status.RECONSIDERATION,
    (Status.RULED, Step.CLOSE): Status.CLOSED,
    (Status.RECONSIDERATION, Step.CLOSE): Status.CLOSED,
}


def next_status(kind: ObjectionKind, status: Status, step: Step) -> Status:
    """The status after ``step``, or a refusal naming why the step is out of order."""
    if step is Step.RECONSIDER and kind is not ObjectionKind.EXECUTION_ACT:
        raise ObjectionRefused(
            "no_reconsideration",
            "CPL Art 238",
            "a third-party ruling is challenged by a separate suit, not reconsideration",
        )
    after = _MOVES.get((status, step))
    if after is None:
        raise ObjectionRefused(
            "out_of_order", "OBJ Art 2", f"cannot {step.value} an objection that is {status.value}"
        )
    return after


def clocks_started(kind: ObjectionKind, step: Step) -> tuple[Clock, ...]:
    """The clocks a step starts; filing itself starts the docket and ruling clocks."""
    started = {
        Step.REQUEST_PAPERS: (Clock.COMPLETION,),
        Step.DOCKET: (Clock.NOTICE,),
        Step.RULE: (after_ruling_clock(kind),),
    }
    return started.get(step, ())


def clocks_stopped(step: Step) -> tuple[Clock, ...]:
    """The clocks a step satisfies: docketing answers the docket clock, and so on."""
    stopped = {
        Step.PAPERS_COMPLETED: (Clock.COMPLETION,),
        Step.DOCKET: (Clock.DOCKET,),
        Step.NOTIFY: (Clock.NOTICE,),
        Step.RULE: (Clock.DOCKET, Clock.RULING, Clock.COMPLETION),
    }
    return stopped.get(step, ())
