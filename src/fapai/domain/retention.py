"""How long an auction's records are kept (OJA Art 29: the complete electronic data of
each auction for at least ten years, unless a law says otherwise)."""

from __future__ import annotations

from datetime import date

MIN_RETENTION_YEARS = 10  # OJA Art 29 (rules.md §8 #23)


def retention_refusal(years: int) -> str | None:
    """Why a retention setting cannot be used, or None."""
    if years < MIN_RETENTION_YEARS:
        return (
            f"auction records are kept at least {MIN_RETENTION_YEARS} years (OJA Art 29); "
            f"{years} is too short"
        )
    return None


def kept_since(today: date, years: int) -> date:
    """The first day whose auctions are still within the retention period: the same
    day ``years`` earlier (a 29 February falls back to the 28th)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)
