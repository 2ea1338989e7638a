"""What a ruling on an objection decides and what it sets off (OBJ Arts 2, 21).

A ruling upholds, dismisses or refuses to accept the objection. Upholding an objection
to the auction revokes it only on a ground OBJ Art 21 (with OJA Art 31) names; the codes
are those the back office's revocation already uses, so both paths cite the same rule.
"""

from __future__ import annotations

from enum import StrEnum

from fapai.domain.remedies.objections import ObjectionKind, ObjectionRefused
from fapai.domain.workflow.grounds import REVOKE_GROUNDS


class Outcome(StrEnum):
    UPHELD = "upheld"
    DISMISSED = "dismissed"
    NOT_ACCEPTED = "not_accepted"


#: OBJ Art 21's grounds, and OJA Art 31's that the same objection can raise; the
#: debtor's payment (ASR Art 19) is not an objection ground.
OBJECTION_REVOKE_GROUNDS = frozenset(code for code in REVOKE_GROUNDS if code != "debtor_paid")

#: A third party's claim that succeeds suspends enforcement against the property (CPL
#: Art 238), which on a live auction is the Shanghai item 18 ground 6 pause.
THIRD_PARTY_PAUSE_GROUND = "third_party_objection"


def check_ruling(kind: ObjectionKind, outcome: Outcome, revoke_ground: str | None) -> None:
    """Refuse a ruling that would revoke without a lawful ground, or name one needlessly."""
    revokes = outcome is Outcome.UPHELD and kind is ObjectionKind.EXECUTION_ACT
    if revokes and revoke_ground not in OBJECTION_REVOKE_GROUNDS:
        raise ObjectionRefused(
            "no_revoke_ground",
            "OBJ Art 21",
            "an upheld objection revokes the auction only on a listed ground",
        )
    if not revokes and revoke_ground is not None:
        raise ObjectionRefused(
            "revoke_ground_unused",
            "OBJ Art 21",
            "only an upheld execution-act objection names a revocation ground",
        )
