"""People the court names by ID number (parties, holders, listed persons, principals):
only the blind index of a checked number is ever kept, so the court can match them
without storing who they are."""

from __future__ import annotations

from datetime import datetime

from fapai.app.errors import invalid
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.identity import IdentityError, check_full_capacity, check_id_number


def person_index(services: Services, id_number: str, now: datetime) -> str:
    """The blind index of a checked ID number, checked as of the command's time."""
    try:
        number = check_id_number(id_number, services.code_lists, beijing_date(now))
    except IdentityError as error:
        raise invalid(error.code, error.message_zh, error.message_en) from None
    return services.cipher.blind_index("id_number", number)


def is_minor(services: Services, id_number: str, now: datetime) -> bool:
    """Whether a checked ID number's holder is under 18 at the command's time."""
    today = beijing_date(now)
    try:
        check_full_capacity(check_id_number(id_number, services.code_lists, today), today)
    except IdentityError as error:
        if error.code == "minor_not_allowed":
            return True
        raise invalid(error.code, error.message_zh, error.message_en) from None
    return False
