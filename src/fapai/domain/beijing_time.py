"""Beijing time (UTC+8), the time every court document and page shows.

China has one time zone and no daylight saving, so a fixed offset is exact.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8))


def to_beijing(moment: datetime) -> datetime:
    """The same instant with the one shared BEIJING tzinfo.

    Sharing one tzinfo object matters on the bid path: comparing aware
    datetimes whose tzinfo is the same object skips the offset arithmetic.
    """
    return moment.astimezone(BEIJING)
