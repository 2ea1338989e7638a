"""Who may object to an auction, how, and until when (CPL Arts 236, 238; OBJ Arts 5, 6).

An objection is either to an execution act (执行行为异议, CPL Art 236) — the auction
itself being a reviewable measure (OBJ Art 7(1)) — or a third party's claim to the
property (案外人异议, CPL Art 238). The kind decides who has standing, when filing
closes and what follows a ruling, so it is checked before anything is docketed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ObjectionKind(StrEnum):
    EXECUTION_ACT = "execution_act"
    THIRD_PARTY = "third_party"


class Standing(StrEnum):
    """The filer's relation to the enforcement, as the objection states it."""

    PARTY = "party"
    EXCLUDED_BIDDER = "excluded_bidder"
    PREEMPTIVE_HOLDER = "preemptive_holder"
    PROPERTY_CLAIMANT = "property_claimant"


KIND_ARTICLE = {
    ObjectionKind.EXECUTION_ACT: "CPL Art 236",
    ObjectionKind.THIRD_PARTY: "CPL Art 238",
}

#: CPL Art 236 lets parties and interested parties object to an execution act; OBJ Art 5
#: names as interested parties (2) a bidder kept from bidding fairly and (3) a holder of a
#: preemptive right. Only a third party claiming the property files under CPL Art 238.
_STANDING: dict[ObjectionKind, frozenset[Standing]] = {
    ObjectionKind.EXECUTION_ACT: frozenset(
        {Standing.PARTY, Standing.EXCLUDED_BIDDER, Standing.PREEMPTIVE_HOLDER}
    ),
    ObjectionKind.THIRD_PARTY: frozenset({Standing.PROPERTY_CLAIMANT}),
}


class ObjectionRefused(ValueError):
    """A filing the court cannot docket; ``code`` is stable, ``article`` the rule."""

    def __init__(self, code: str, article: str, message: str) -> None:
        super().__init__(f"{message} ({article})")
        self.code = code
        self.article = article


@dataclass(frozen=True, slots=True)
class EnforcementState:
    """Whether the enforcement procedure, and enforcement against the lot's property,
    has ended — the two moments OBJ Art 6 closes filing at."""

    procedure_ended: bool
    property_enforcement_ended: bool


def check_filing(
    kind: ObjectionKind, standing: Standing, grounds: str, state: EnforcementState
) -> None:
    """Refuse a filing that cannot be docketed, citing the rule; return quietly otherwise."""
    if standing not in _STANDING[kind]:
        article = "CPL Art 238" if kind is ObjectionKind.THIRD_PARTY else "CPL Art 236; OBJ Art 5"
        raise ObjectionRefused(
            "no_standing",
            article,
            f"a filer as {standing.value} cannot bring a {kind.value} objection",
        )
    if not grounds.strip():
        raise ObjectionRefused(
            "no_grounds", "OBJ Art 2", "an objection must state its grounds in writing"
        )
    if kind is ObjectionKind.EXECUTION_ACT and state.procedure_ended:
        raise ObjectionRefused(
            "enforcement_ended",
            "OBJ Art 6",
            "the enforcement procedure has ended; an execution-act objection is too late",
        )
    if kind is ObjectionKind.THIRD_PARTY and state.property_enforcement_ended:
        raise ObjectionRefused(
            "enforcement_ended",
            "OBJ Art 6",
            "enforcement against this property has ended; a third-party objection is too late",
        )
