"""How amounts and times leave the system: yuan strings and Beijing time."""

from __future__ import annotations

from datetime import datetime

from fapai.domain.beijing_time import to_beijing
from fapai.domain.money import format_yuan


def yuan(fen: int | None) -> str | None:
    return None if fen is None else format_yuan(fen)


def beijing(at: datetime | None) -> str | None:
    """ISO 8601 in +08:00, with microseconds only where there are some."""
    return None if at is None else to_beijing(at).isoformat()
