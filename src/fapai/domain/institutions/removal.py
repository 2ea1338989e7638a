"""Correction, suspension and removal of an institution, and the ban that follows.

The grounds are coded so that every decision names the provision it rests on: the 19 of
the city measure's Art 23 and the 5 of the Shanghai rules' item 23 (rules.md §6.1-6.2).
A removal is reported to the High Court within 3 working days (Art 25), and bars the
institution, and any institution set up or renamed by the same persons, for the court's
ban term: 5 years under the city measure (Art 26), 3 under the Shanghai rules (item 23).
"""

from __future__ import annotations

from datetime import date

from fapai.domain.calendar import WorkCalendar, working_days_after
from fapai.domain.institutions.admission import months_later

#: Art 17: an institution whose entrustment ends (withdrawal, replacement, removal) hands
#: the property, its keys and the files back within 3 days
FILES_RETURN_DAYS = 3

#: code -> (article, what the institution did)
GROUNDS = {
    "art23_1": ("seed 003 Art 23(1)", "entered the database by improper means"),
    "art23_2": ("seed 003 Art 23(2)", "won work by improper means"),
    "art23_3": ("seed 003 Art 23(3)", "lost the admission conditions"),
    "art23_4": ("seed 003 Art 23(4)", "broke the agreement or the commitments"),
    "art23_5": ("seed 003 Art 23(5)", "kept unqualified staff uncorrected"),
    "art23_6": ("seed 003 Art 23(6)", "refused or returned entrustments without reason"),
    "art23_7": ("seed 003 Art 23(7)", "late or non-conforming work"),
    "art23_8": ("seed 003 Art 23(8)", "subcontracted the work"),
    "art23_9": ("seed 003 Art 23(9)", "fabricated or distorted defects"),
    "art23_10": ("seed 003 Art 23(10)", "bid-rigging or collusion"),
    "art23_11": ("seed 003 Art 23(11)", "bid, or had others bid, on related property"),
    "art23_12": ("seed 003 Art 23(12)", "bid for others on related property"),
    "art23_13": ("seed 003 Art 23(13)", "charged parties or bidders for in-scope work"),
    "art23_14": ("seed 003 Art 23(14)", "leaked secrets or personal privacy"),
    "art23_15": ("seed 003 Art 23(15)", "charged fees outside the rules"),
    "art23_16": ("seed 003 Art 23(16)", "treated or gifted court staff"),
    "art23_17": ("seed 003 Art 23(17)", "entered the court's intranet or case system"),
    "art23_18": ("seed 003 Art 23(18)", "defied the court's management"),
    "art23_19": ("seed 003 Art 23(19)", "other violations"),
    "sh23_1": ("Shanghai item 23(1)", "an administrative or criminal penalty"),
    "sh23_2": ("Shanghai item 23(2)", "refused tasks without reason, or was late"),
    "sh23_3": ("Shanghai item 23(3)", "broke court rules and did not correct them"),
    "sh23_4": ("Shanghai item 23(4)", "failed the periodic evaluation"),
    "sh23_5": ("Shanghai item 23(5)", "otherwise unsuitable"),
}

#: Art 25: a removal is reported to the High Court within 3 working days.
REPORT_WORKING_DAYS = 3

#: The ban term, by the rules the court follows: seed 003 Art 26 or Shanghai item 23.
BAN_YEARS = {5: "seed 003 Art 26", 3: "Shanghai item 23"}
DEFAULT_BAN_YEARS = 5


def unknown_grounds(codes: list[str]) -> list[str]:
    """The codes that are not grounds; an empty list of codes is itself refused."""
    return [code for code in codes if code not in GROUNDS] if codes else ["(none)"]


def report_due(calendar: WorkCalendar, removed_on: date) -> date:
    """The third working day after the removal (Art 25), the day itself not counted."""
    return working_days_after(calendar, removed_on, REPORT_WORKING_DAYS)


def ban_ends(removed_on: date, years: int) -> date:
    """The first day the persons may apply again: the removal's date ``years`` later
    (or the month's last day when it has none); the ban covers every day before it."""
    if years not in BAN_YEARS:
        raise ValueError(f"the ban term is one of {sorted(BAN_YEARS)} years, got {years}")
    return months_later(removed_on, 12 * years)
