"""The form of an enforcement case number (案号), as the Supreme People's Court's rules on
case numbers (《关于人民法院案件案号的若干规定》, 2015) lay it down: （year）, the court's
code (a province's abbreviation and the court's digits, e.g. 沪0104), the enforcement
type code (执, 执恢, 执保, 执异, 执复, 执监, 执协, 执他, 执配), the serial number, 号.
A number like ``abc`` would then be printed on every ruling and announcement."""

from __future__ import annotations

import re

TYPE_CODES = ("执恢", "执保", "执异", "执复", "执监", "执协", "执他", "执配", "执")
_FORM = re.compile(
    r"（(?P<year>(?:19|20)\d{2})）(?P<court>最高法|[\u4e00-\u9fff]\d{0,4})"
    r"(?P<type>" + "|".join(TYPE_CODES) + r")(?P<serial>[1-9]\d{0,5})号"
)


def normalised(number: str) -> str:
    """ASCII brackets as typed on a Western keyboard become the full-width ones the
    court's documents print, so one case cannot be entered under two spellings."""
    return number.strip().replace("(", "（").replace(")", "）")


def well_formed(number: str) -> bool:
    return _FORM.fullmatch(number) is not None
