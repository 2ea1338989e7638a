"""Real-name identity of a bidder: validation and the masked forms shown on screen.

OJA Art 17 requires deposits "in the bidder's real name", and Art 18 requires
the identity to stay secret until the close; so the full values are only ever
stored encrypted and shown masked (data minimisation, design.md).

A number is checked as far as its form can tell: the resident ID number's structure
and check character (GB 11643-1999), its region code against the published division
codes (GB/T 2260), a real birth date; the phone against the allocated mobile ranges.
The published lists change, so they are asked through ``CodeLists`` (kept outside
the pure domain); the date of the act is passed in, never read here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Protocol

# GB 11643-1999: 17 digits and a check character computed with these weights.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_PATTERN = re.compile(r"\d{17}[\dX]")
_PHONE_PATTERN = re.compile(r"1\d{10}")
_PHONE_SEPARATORS = re.compile(r"[\s\-]")
_COUNTRY_PREFIX = re.compile(r"^(?:\+|00)86")
MAX_NAME_LENGTH = 64
#: Civil Code Art 17-18: an adult (18 full years) has full civil capacity, which a
#: bidder needs (OJA Art 14(1), rules.md §1.8 "other bars").
FULL_CAPACITY_AGE = 18
#: Birth dates before this are taken for typing errors, not for living bidders.
EARLIEST_BIRTH = date(1900, 1, 1)

_MESSAGES: dict[str, tuple[str, str]] = {
    "invalid_real_name": (
        f"姓名须为 1 至 {MAX_NAME_LENGTH} 个字符，且不含控制字符。",
        f"The name must be 1 to {MAX_NAME_LENGTH} characters without control characters.",
    ),
    "id_format": (
        "身份证号码须为 18 位：17 位数字加 1 位数字或 X（GB 11643-1999）。",
        "The ID number must be 18 characters: 17 digits and a digit or X (GB 11643-1999).",
    ),
    "id_checksum": (
        "身份证号码末位校验码不符，请核对号码（GB 11643-1999）。",
        "The ID number's check character does not match; please check the number (GB 11643-1999).",
    ),
    "id_region_unknown": (
        "身份证号码前六位不是已公布的行政区划代码（GB/T 2260）。",
        "The first six digits of the ID number are not a published administrative division"
        " code (GB/T 2260).",
    ),
    "id_birth_date_invalid": (
        "身份证号码第 7 至 14 位的出生日期不是真实的日期。",
        "The birth date in the ID number (digits 7 to 14) is not a real date.",
    ),
    "id_birth_date_future": (
        "身份证号码中的出生日期晚于今天。",
        "The birth date in the ID number is later than today.",
    ),
    "id_birth_date_too_early": (
        "身份证号码中的出生日期早于 1900 年。",
        "The birth date in the ID number is before 1900.",
    ),
    "minor_not_allowed": (
        "竞买人须年满十八周岁、具有完全民事行为能力（《民法典》第十七条、第十八条，"
        "《网络司法拍卖规定》第十四条第一项）。未成年人只能由其监护人参加竞买，"
        "且须经法院确认。",
        "A bidder must be 18 or older, with full civil capacity (Civil Code Art 17-18;"
        " OJA Art 14(1)). A minor may take part only through a guardian whose participation"
        " the court has confirmed.",
    ),
    "phone_invalid": (
        "手机号码须为中国大陆已分配号段的 11 位手机号码（可带 +86）。",
        "The phone must be an 11-digit mainland China mobile number in an allocated range"
        " (+86 may be given).",
    ),
}


class IdentityError(ValueError):
    """A real-name field that cannot be accepted: a machine code and two sentences."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.message_zh, self.message_en = _MESSAGES[code]
        super().__init__(self.message_en)


class CodeLists(Protocol):
    """The published code lists a number must appear in (adapters/code_lists.py)."""

    def is_region(self, code: str) -> bool:
        """Whether a six-digit code is an administrative division code (GB/T 2260)."""
        ...

    def is_mobile(self, number: str) -> bool:
        """Whether an 11-digit number lies in a range allocated to mainland mobiles."""
        ...


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, inner spaces and the middle dot kept.

    Bank records and ID cards differ in full-width forms and surrounding spaces,
    not in the characters of the name, so only those differences are folded.
    """
    return unicodedata.normalize("NFKC", name).strip()


def check_name(name: str) -> str:
    """A real name as written on the ID card, normalised."""
    normalized = normalize_name(name)
    too_long = len(normalized) > MAX_NAME_LENGTH
    if not normalized or too_long or any(unicodedata.category(c)[0] == "C" for c in normalized):
        raise IdentityError("invalid_real_name")
    return normalized


def check_character(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def check_id_number(id_number: str, lists: CodeLists, today: date) -> str:
    """A resident ID number (GB 11643-1999) as far as its form can be checked, normalised:
    18 characters, the check character, a published region code, a real birth date between
    1900 and ``today`` (the Beijing date of the act)."""
    value = unicodedata.normalize("NFKC", id_number).strip().upper()
    if not _ID_PATTERN.fullmatch(value):
        raise IdentityError("id_format")
    if check_character(value[:17]) != value[17]:
        raise IdentityError("id_checksum")
    if not lists.is_region(value[:6]):
        raise IdentityError("id_region_unknown")
    try:
        born = birth_date(value)
    except ValueError:
        raise IdentityError("id_birth_date_invalid") from None
    if born < EARLIEST_BIRTH:
        raise IdentityError("id_birth_date_too_early")
    if born > today:
        raise IdentityError("id_birth_date_future")
    return value


def birth_date(id_number: str) -> date:
    """The birth date written in digits 7-14; ValueError if it is no real date."""
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def age_on(born: date, today: date) -> int:
    """Full years on ``today``. One born on 29 February completes a year on 1 March in a
    common year (the anniversary has no 29th, and the year is not full on the 28th)."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def check_full_capacity(id_number: str, today: date) -> None:
    """Refuse a checked ID number whose holder is under 18 on ``today`` (Civil Code Art
    17-18, OJA Art 14(1)). A 16- or 17-year-old living on their own labour has full
    capacity too (Art 18(2)), but no number shows that; the court decides such cases."""
    if age_on(birth_date(id_number), today) < FULL_CAPACITY_AGE:
        raise IdentityError("minor_not_allowed")


def check_phone(phone: str, lists: CodeLists) -> str:
    """A mainland mobile number: 11 digits in an allocated range, with any +86 or 0086,
    spaces and dashes taken off."""
    value = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", phone))
    value = _COUNTRY_PREFIX.sub("", value, count=1)
    if not _PHONE_PATTERN.fullmatch(value) or not lists.is_mobile(value):
        raise IdentityError("phone_invalid")
    return value


def check_bidder(
    real_name: str, id_number: str, phone: str, lists: CodeLists, today: date
) -> tuple[str, str, str]:
    """The normalised name, ID number and phone of an adult who may open a bidder account
    on ``today``; the first refusal otherwise."""
    name = check_name(real_name)
    number = check_id_number(id_number, lists, today)
    check_full_capacity(number, today)
    return name, number, check_phone(phone, lists)


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***: the family name alone does not identify."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def mask_id_number(id_number: str) -> str:
    """Region code and the last four characters, as banks print it."""
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def mask_phone(phone: str) -> str:
    """138****5678."""
    return phone[:3] + "****" + phone[-4:]
