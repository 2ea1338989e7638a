"""The versions of a round's announcement as the lot's steps hold them: frozen at the
announcement and at each correction (app/cases/publication.py writes them). Read here,
below the live auction, because what a lot's public materials include depends on them
(the appraisal report only where the announcement publishes it).
"""

from __future__ import annotations

import json
from typing import Any

from fapai.app.lots.ports import StepRecord

PUBLICATION_STEP = "publication"


def versions(steps: list[StepRecord], auction_id: int) -> list[dict[str, Any]]:
    """The auction's published versions, oldest first."""
    return [
        json.loads(s.details)
        for s in steps
        if s.auction_id == auction_id and s.step == PUBLICATION_STEP
    ]
