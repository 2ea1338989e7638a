"""Real-name identity of a bidder: validation and the masked forms shown on screen.

OJA Art 17 requires deposits "in the bidder's real name", and Art 18 requires
the identity to stay secret until the close; so the full values are only ever
stored encrypted and shown masked (data minimisation, design.md).
"""

from __future__ import annotations

import re
import unicodedata

# GB 11643-1999: 17 digits and a check character computed with these weights.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_PATTERN = re.compile(r"\d{17}[\dX]")
_PHONE_PATTERN = re.compile(r"1\d{10}")
MAX_NAME_LENGTH = 64


class IdentityError(ValueError):
    """A real-name field that cannot be accepted; ``field`` names which."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, inner spaces and the middle dot kept.

    Bank records and ID cards differ in full-width forms and surrounding spaces,
    not in the characters of the name, so only those differences are folded.
    """
    return unicodedata.normalize("NFKC", name).strip()


def check_name(name: str) -> str:
    """A real name as written on the ID card, normalised."""
    normalized = normalize_name(name)
    if not normalized or len(normalized) > MAX_NAME_LENGTH:
        raise IdentityError("real_name", f"name must be 1-{MAX_NAME_LENGTH} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in normalized):
        raise IdentityError("real_name", "name contains control characters")
    return normalized


def check_id_number(id_number: str) -> str:
    """An 18-character resident ID number whose check character is right."""
    value = id_number.strip().upper()
    if not _ID_PATTERN.fullmatch(value):
        raise IdentityError("id_number", "ID number must be 17 digits and a digit or X")
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != value[17]:
        raise IdentityError("id_number", "ID number check character is wrong")
    return value


def check_phone(phone: str) -> str:
    """An 11-digit mainland mobile number."""
    value = phone.strip().replace(" ", "").replace("-", "")
    if not _PHONE_PATTERN.fullmatch(value):
        raise IdentityError("phone", "phone must be an 11-digit mobile number starting with 1")
    return value


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***: the family name alone does not identify."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def mask_id_number(id_number: str) -> str:
    """Region code and the last four characters, as banks print it."""
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def mask_phone(phone: str) -> str:
    """138****5678."""
    return phone[:3] + "****" + phone[-4:]
