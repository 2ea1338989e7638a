"""The published code lists behind ``domain.identity.CodeLists``, from two kept packages.

Region codes (GB/T 2260) come from ``python-stdnum``'s division table (``stdnum/cn/loc.dat``),
which keeps withdrawn codes with the years they were in use (崇文区 110103 until 2010).
An ID number keeps the code of where it was first issued, often years after birth, so any
code the table has ever held is accepted, whatever the birth year; stdnum's own
``cn.ric.validate`` ties the code to the birth year and would refuse real numbers.
The table has no 830000, the code the 2018 measures on residence permits for Hong Kong,
Macao and Taiwan residents (港澳台居民居住证申领发放办法) give Taiwan residents' permits
(810000 and 820000 are in it); it is added here.

Mobile ranges come from ``phonenumbers`` (Google's libphonenumber metadata, updated with
the ranges the MIIT allocates): a number must be valid for CN and of type MOBILE.
"""

from __future__ import annotations

import phonenumbers
from stdnum import numdb

_PERMIT_REGIONS = frozenset({"830000"})


class PublishedCodeLists:
    def __init__(self) -> None:
        self._divisions = numdb.get("cn/loc")  # read once, at start

    def is_region(self, code: str) -> bool:
        """A county-level entry of the table (province, prefecture and county rows all
        carry one); a province prefix alone (11 + 9999) is not enough."""
        if code in _PERMIT_REGIONS:
            return True
        return any("county" in props for _, props in self._divisions.info(code))

    def is_mobile(self, number: str) -> bool:
        parsed = phonenumbers.parse(number, "CN")
        return (
            phonenumbers.is_valid_number_for_region(parsed, "CN")
            and phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
        )
