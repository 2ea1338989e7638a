"""Money is counted in whole fen (分), never in floats.

A court's figures must add up to the fen in every report, ledger and
confirmation letter, so amounts cross the system boundary as text ("123.45")
or whole yuan and are turned into integers here, once.
"""

from __future__ import annotations

FEN_PER_YUAN = 100

#: Longest digit string read as an amount. CPython refuses to convert more
#: than 4,300 digits; no amount comes near this, so longer text is not an amount.
MAX_AMOUNT_DIGITS = 4000

#: The largest amount stored (BIGINT fen): nine hundred trillion yuan is far above any
#: property's price, and sums of many such amounts still fit.
MAX_FEN = 10**17


def parse_yuan(text: str) -> int | None:
    """Return the fen in ``text`` ("123.45", "123.4", "123"), or None.

    None when the text is not a positive amount with at most two decimals:
    no sign, no exponent, no separators, ASCII digits only. ``int()`` alone
    would accept "1_000", " 5" and non-ASCII digits, which a court must not.
    """
    if len(text) > 3 and text[-3] == ".":  # the usual "123.45": one int() call
        digits = text[:-3] + text[-2:]
    else:
        whole, dot, frac = text.partition(".")
        if dot and len(frac) != 1:
            return None
        digits = whole + frac + ("0" if dot else "00")
        if not whole:
            return None
    if len(digits) > MAX_AMOUNT_DIGITS or not (digits.isdigit() and digits.isascii()):
        return None
    fen = int(digits)
    return fen if fen > 0 else None


def yuan_to_fen(whole_yuan: int) -> int | None:
    """Return the fen in a whole number of yuan, or None when not positive."""
    return whole_yuan * FEN_PER_YUAN if whole_yuan > 0 else None


def format_yuan(fen: int) -> str:
    """Format fen as yuan with exactly two decimals: 12345 -> "123.45"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole}.{cents:02d}"
