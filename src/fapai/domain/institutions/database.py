"""How many institutions the city database and each court's selection must hold.

A database or selection outside its bounds is reported with the article, and a
court left below its minimum (after a removal) must fill the gap by a deadline
(Art 10, Art 27; rules.md §6.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fapai.domain.institutions.admission import months_later

#: Art 10: the city database holds 6 to 10 institutions.
DATABASE_MIN, DATABASE_MAX = 6, 10

#: Art 10: each court selects at least 3 from the database.
COURT_MIN = 3

#: Art 27: a court below its minimum fills the gap within 3 months.
FILL_MONTHS = 3


@dataclass(frozen=True, slots=True)
class SizeAlert:
    article: str
    reason: str
    fill_by: date | None = None


def database_alerts(size: int) -> list[SizeAlert]:
    """Whether the city database holds between 6 and 10 institutions (Art 10)."""
    if size < DATABASE_MIN:
        return [SizeAlert("Art 10", f"database holds {size}, fewer than {DATABASE_MIN}")]
    if size > DATABASE_MAX:
        return [SizeAlert("Art 10", f"database holds {size}, more than {DATABASE_MAX}")]
    return []


def court_alerts(selected: int, short_since: date) -> list[SizeAlert]:
    """A court below 3 selected institutions must fill the gap within 3 months (Arts 10, 27)."""
    if selected >= COURT_MIN:
        return []
    return [
        SizeAlert(
            "Art 10, Art 27",
            f"court selects {selected}, fewer than {COURT_MIN}",
            fill_by=months_later(short_since, FILL_MONTHS),
        )
    ]
