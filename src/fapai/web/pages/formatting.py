"""Amounts and times as people read them: ¥1,234,567.89, 420.00万, Beijing time.

Amounts arrive as the API's yuan strings ("1234567.89") and are formatted from
their digits, never through a float, so what is shown is the exact fen.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from fapai.domain.beijing_time import to_beijing
from fapai.domain.numerals import format_cny

FEN_PER_WAN = 1_000_000  # 1万元 = 10,000 yuan


def to_fen(text: str | None) -> int | None:
    """The fen in a yuan string from the API ("-12.30", "420000.00"), or None."""
    if text is None:
        return None
    sign = -1 if text.startswith("-") else 1
    whole, _, cents = text.lstrip("-").partition(".")
    if not whole.isdigit() or not (cents + "00")[:2].isdigit():
        return None
    return sign * (int(whole) * 100 + int((cents + "00")[:2]))


def money(text: str | None) -> str:
    """¥1,234,567.89; an empty field shows a dash."""
    fen = to_fen(text)
    if fen is None:
        return "—"
    return format_cny(fen) if fen >= 0 else "-" + format_cny(-fen)


def wan(text: str | None) -> str:
    """420.00万 for amounts of 万元 and more (rounded to the 百元), else the exact amount."""
    fen = to_fen(text)
    if fen is None or abs(fen) < FEN_PER_WAN:
        return money(text)
    hundredths = (abs(fen) * 100 + FEN_PER_WAN // 2) // FEN_PER_WAN  # round half up
    whole, part = divmod(hundredths, 100)
    return f"{'-' if fen < 0 else ''}{whole:,}.{part:02d}万"


def beijing(value: str | datetime | None, seconds: bool = True) -> str:
    """2026-12-01 10:00:00 in Beijing time, whatever the offset it arrives in."""
    if value is None:
        return "—"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return to_beijing(moment).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


# An address link to a map site, opened by the visitor's click only: the page itself
# loads nothing from outside (the CSP says so), and no referrer goes with the click.
MAP_SEARCH = "https://uri.amap.com/search?keyword="


def map_url(location: str) -> str:
    return MAP_SEARCH + quote(location, safe="")
