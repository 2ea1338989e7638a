"""An objection's docket moves in the order OBJ Art 2 sets, and each step starts and
answers the clocks it should (CPL Arts 236, 238)."""

from __future__ import annotations

import pytest

from fapai.domain.remedies.clocks import Clock
from fapai.domain.remedies.docket import Status, Step, clocks_started, clocks_stopped, next_status
from fapai.domain.remedies.objections import ObjectionKind, ObjectionRefused

ACT = ObjectionKind.EXECUTION_ACT
THIRD = ObjectionKind.THIRD_PARTY


def walk(kind: ObjectionKind, *steps: Step) -> Status:
    status = Status.FILED
    for step in steps:
        status = next_status(kind, status, step)
    return status


def test_an_execution_act_objection_runs_to_reconsideration_and_closes() -> None:
    steps = (
        Step.REQUEST_PAPERS,
        Step.PAPERS_COMPLETED,
        Step.DOCKET,
        Step.NOTIFY,
        Step.RULE,
        Step.RECONSIDER,
    )
    assert walk(ACT, *steps) is Status.RECONSIDERATION
    assert walk(ACT, *steps, Step.CLOSE) is Status.CLOSED


def test_filed_papers_may_be_ruled_not_accepted_without_a_docket() -> None:
    assert walk(THIRD, Step.RULE) is Status.RULED


def test_a_third_party_ruling_goes_to_a_separate_suit_not_reconsideration() -> None:
    with pytest.raises(ObjectionRefused) as refused:
        walk(THIRD, Step.DOCKET, Step.RULE, Step.RECONSIDER)
    assert refused.value.article == "CPL Art 238"
    assert clocks_started(THIRD, Step.RULE) == (Clock.SEPARATE_SUIT,)
    assert clocks_started(ACT, Step.RULE) == (Clock.RECONSIDERATION,)


@pytest.mark.parametrize(
    "steps",
    [
        (Step.NOTIFY,),  # no notice before the docket
        (Step.REQUEST_PAPERS, Step.DOCKET),  # papers still missing
        (Step.DOCKET, Step.DOCKET),
        (Step.DOCKET, Step.RULE, Step.RULE),
        (Step.DOCKET, Step.RULE, Step.CLOSE, Step.RECONSIDER),  # closed stays closed
    ],
)
def test_steps_out_of_order_are_refused(steps: tuple[Step, ...]) -> None:
    with pytest.raises(ObjectionRefused) as refused:
        walk(ACT, *steps)
    assert refused.value.code == "out_of_order"


def test_each_step_answers_its_clock() -> None:
    assert clocks_stopped(Step.DOCKET) == (Clock.DOCKET,)
    assert clocks_stopped(Step.NOTIFY) == (Clock.NOTICE,)
    assert clocks_stopped(Step.PAPERS_COMPLETED) == (Clock.COMPLETION,)
    assert set(clocks_stopped(Step.RULE)) == {Clock.DOCKET, Clock.RULING, Clock.COMPLETION}
    assert clocks_started(ACT, Step.DOCKET) == (Clock.NOTICE,)
    assert clocks_started(ACT, Step.REQUEST_PAPERS) == (Clock.COMPLETION,)
