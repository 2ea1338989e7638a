from datetime import date

from fapai.domain.institutions.database import court_alerts, database_alerts


def test_art_10_database_holds_six_to_ten() -> None:
    assert [a.article for a in database_alerts(5)] == ["Art 10"]
    assert database_alerts(6) == []
    assert database_alerts(10) == []
    assert [a.article for a in database_alerts(11)] == ["Art 10"]


def test_art_27_court_below_three_must_fill_within_three_months() -> None:
    assert court_alerts(3, date(2026, 11, 30)) == []
    (alert,) = court_alerts(2, date(2026, 11, 30))
    # 30 November + 3 months has no 30 February: the month's last day.
    assert alert.fill_by == date(2027, 2, 28)
