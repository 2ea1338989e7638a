"""How long an entrustment agreement may run (Arts 11-12, 22; rules.md §6.2).

A first selection starts with a one-year trial, after which the agreement runs
at most two years; a renewal has no trial and runs at most three years. The
city re-selects its institutions every three years (Art 22).
"""

from __future__ import annotations

from datetime import date

from fapai.domain.institutions.admission import months_later

TRIAL_MONTHS = 12
FIRST_TERM_MAX_MONTHS = 24
RENEWAL_MAX_MONTHS = 36
RESELECTION_MONTHS = 36


def term_refusal(start: date, end: date, *, renewal: bool, after_trial: bool) -> str | None:
    """Why an agreement from ``start`` to ``end`` is not allowed, or None.

    ``after_trial`` marks the agreement a first selection signs once its trial
    year is over; the trial itself is exactly one year.
    """
    if end <= start:
        return "an agreement must end after it starts"
    if renewal:
        limit, article = RENEWAL_MAX_MONTHS, "Art 12: a renewal runs at most 3 years"
    elif after_trial:
        limit, article = (
            FIRST_TERM_MAX_MONTHS,
            "Art 11: after the trial an agreement runs at most 2 years",
        )
    else:
        if end != months_later(start, TRIAL_MONTHS):
            return "Art 11: a first selection starts with a trial of one year"
        return None
    return article if end > months_later(start, limit) else None


def reselection_due(selected_on: date) -> date:
    """When the city database must be selected again (Art 22)."""
    return months_later(selected_on, RESELECTION_MONTHS)
