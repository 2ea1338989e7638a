from datetime import date

from fapai.domain.institutions.agreements import reselection_due, term_refusal

START = date(2027, 1, 1)


def test_art_11_first_selection_is_a_one_year_trial() -> None:
    assert term_refusal(START, date(2028, 1, 1), renewal=False, after_trial=False) is None
    assert term_refusal(START, date(2028, 6, 1), renewal=False, after_trial=False) is not None


def test_art_11_after_the_trial_at_most_two_years() -> None:
    assert term_refusal(START, date(2029, 1, 1), renewal=False, after_trial=True) is None
    refusal = term_refusal(START, date(2029, 1, 2), renewal=False, after_trial=True)
    assert refusal is not None
    assert refusal.startswith("Art 11")


def test_art_12_renewal_at_most_three_years() -> None:
    assert term_refusal(START, date(2030, 1, 1), renewal=True, after_trial=False) is None
    refusal = term_refusal(START, date(2030, 1, 2), renewal=True, after_trial=False)
    assert refusal is not None
    assert refusal.startswith("Art 12")


def test_an_agreement_ending_before_it_starts_is_refused() -> None:
    assert term_refusal(START, START, renewal=True, after_trial=False) is not None


def test_art_22_reselection_every_three_years() -> None:
    assert reselection_due(date(2026, 12, 4)) == date(2029, 12, 4)
