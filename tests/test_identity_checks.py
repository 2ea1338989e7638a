"""Who may open a bidder account: a real resident ID number of an adult and a real
mainland mobile number (issue 16 item 5, issue 15 item 3).

GB 11643-1999 fixes the ID number's form (a six-digit region code, the birth date, a
sequence number and a check character); GB/T 2260 lists the region codes; Civil Code
Art 17-18 make 18 the age of full civil capacity, which OJA Art 14(1) requires of a
bidder. The age is counted on the Beijing date of the act.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import support
from fapai.adapters.code_lists import PublishedCodeLists
from fapai.domain.identity import (
    IdentityError,
    age_on,
    check_bidder,
    check_character,
    check_id_number,
    check_phone,
)
from fapai.storage import tables

LISTS = PublishedCodeLists()
TODAY = date(2026, 12, 1)
ADULT = "31010119810211101"  # 上海市黄浦区, born 1981-02-11


def number(region: str, born: str, sequence: str = "123") -> str:
    """An ID number with a right check character, so only the part under test is wrong."""
    body = f"{region}{born}{sequence}"
    return body + check_character(body)


def refusal(call, *args) -> str:
    with pytest.raises(IdentityError) as refused:
        call(*args)
    return refused.value.code


# --- the ID number (GB 11643-1999, GB/T 2260) ---------------------------------------------------


BAD_NUMBERS = [
    ("11010519491231002", "id_format"),  # 17 characters
    ("11010519491231002Y", "id_format"),
    ("1101051949123100X2", "id_format"),  # X only as the check character
    (ADULT + "3", "id_checksum"),  # the right one is 0
    (number("990101", "19900101"), "id_region_unknown"),  # the issue's region 99
    (number("119999", "19900101"), "id_region_unknown"),  # Beijing, but no such county
    (number("000000", "19900101"), "id_region_unknown"),
    (number("110105", "19900230"), "id_birth_date_invalid"),  # the issue's 30 February
    (number("110105", "20230229"), "id_birth_date_invalid"),  # 2023 is a common year
    (number("110105", "19901301"), "id_birth_date_invalid"),
    (number("110105", "00000101"), "id_birth_date_invalid"),
    (number("110105", "20300101"), "id_birth_date_future"),  # the issue's 2030
    (number("110105", "20261202"), "id_birth_date_future"),  # tomorrow
    (number("110105", "18991231"), "id_birth_date_too_early"),
]


@pytest.mark.parametrize(("id_number", "code"), BAD_NUMBERS)
def test_each_fault_of_an_id_number_has_its_own_code(id_number: str, code: str) -> None:
    """GB 11643-1999 (form, check character), GB/T 2260 (region), a real birth date between
    1900 and today: each failure is named, so the person knows which digits to re-read."""
    assert refusal(check_id_number, id_number, LISTS, TODAY) == code


@pytest.mark.parametrize(
    "id_number",
    [
        ADULT + "0",
        "11010519491231002x",  # lower-case check character
        " １１０１０５１９４９１２３１００２Ｘ ",  # full-width, as some input methods type it
        number("110103", "19600101"),  # 崇文区, merged into 东城区 in 2010: numbers stay valid
        number("320506", "19920317"),  # 吴中区 since 2000; issued to someone born earlier
        number("441900", "19850101"),  # 东莞市, a prefecture without counties
        number("830000", "19750101"),  # a Taiwan resident's residence permit (2018)
        number("110105", "19000101"),
        number("110105", "20261201"),  # born today: a valid number (not a bidder's, below)
    ],
)
def test_real_numbers_pass_whatever_year_their_region_code_was_in_use(id_number: str) -> None:
    """An ID number keeps the region code of its first issue, often years after the birth,
    and keeps it when the division is renamed or merged (GB/T 2260 withdraws codes, people
    keep their numbers); so every code the published tables have held is accepted."""
    checked = check_id_number(id_number, LISTS, TODAY)
    assert checked == checked.strip().upper()
    assert len(checked) == 18


# --- full civil capacity (Civil Code Art 17-18, OJA Art 14(1)) -----------------------------------


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(2008, 12, 1), date(2026, 12, 1), 18),  # the 18th birthday
        (date(2008, 12, 1), date(2026, 11, 30), 17),  # the day before
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # a 29 February birthday in a common year
        (date(2008, 2, 29), date(2026, 3, 1), 18),  # ... is completed on 1 March
        (date(2008, 2, 29), date(2028, 2, 29), 20),  # and on the day in a leap year
        (date(2008, 2, 29), date(2028, 2, 28), 19),
    ],
)
def test_age_in_full_years(born: date, today: date, age: int) -> None:
    """Civil Code Art 17: adult at 18 full years, from the 18th birthday itself. One born on
    29 February becomes 18 on 1 March of a common year (its anniversary has no 29th)."""
    assert age_on(born, today) == age


def test_a_minor_cannot_open_an_account_but_an_adult_can() -> None:
    """Civil Code Art 17-18, OJA Art 14(1): the issue's child born 2015-01-01 is refused
    with a sentence citing the articles and the guardian route; an adult passes."""
    child = number("110105", "20150101")
    with pytest.raises(IdentityError) as refused:
        check_bidder("张小明", child, "13800138000", LISTS, TODAY)
    assert refused.value.code == "minor_not_allowed"
    assert "第十七条" in refused.value.message_zh
    assert "监护人" in refused.value.message_zh
    assert "Civil Code Art 17" in refused.value.message_en
    assert "guardian" in refused.value.message_en
    assert check_bidder(" 王芳 ", ADULT + "0", "138 0013 8000", LISTS, TODAY) == (
        "王芳", ADULT + "0", "13800138000",
    )  # fmt: skip


# --- the mobile number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "normalised"),
    [
        ("13800138000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("+86-138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("19912345678", "19912345678"),
    ],
)
def test_mobile_numbers_are_normalised(phone: str, normalised: str) -> None:
    assert check_phone(phone, LISTS) == normalised


@pytest.mark.parametrize(
    "phone",
    [
        "12345678901",  # the issue's number: no 12x range is allocated to mobiles
        "10012345678",
        "23800138000",
        "1380013800",
        "138001380001",
        "+1 202 555 0123",  # not a mainland number
        "+86 10 1234 5678",  # a Beijing landline
        "8613800138000",  # a country code is written with + or 00
        "",
    ],
)
def test_only_allocated_mainland_mobile_numbers_pass(phone: str) -> None:
    assert refusal(check_phone, phone, LISTS) == "phone_invalid"


# --- over HTTP: refused with a code, nothing stored ---------------------------------------------


def written(services) -> dict[str, int]:
    return {t.name: support.row_count(services, t) for t in (tables.accounts, tables.audit_records)}


ISSUE_EXAMPLES = [
    ({"id_number": number("110105", "20150101")}, "minor_not_allowed"),
    ({"id_number": number("110105", "20300101")}, "id_birth_date_future"),
    ({"id_number": number("110105", "19900230")}, "id_birth_date_invalid"),
    ({"id_number": number("990101", "19900101")}, "id_region_unknown"),
    ({"id_number": ADULT + "3"}, "id_checksum"),
    ({"phone": "12345678901"}, "phone_invalid"),
]


def test_the_issues_examples_are_refused_and_nothing_is_stored(services, server, http) -> None:
    """GB 11643-1999, GB/T 2260, Civil Code Art 17: every example the issue found accepted
    (a child born 2015-01-01, a birth in 2030, 30 February, region 99, phone 12345678901) is
    now a 422 with its code and both sentences, and no account or audit record is written."""
    good = {"real_name": "钱七", "id_number": ADULT + "0", "phone": "13800138002"}
    before = written(services)
    for change, code in ISSUE_EXAMPLES:
        support.assert_error(http.post("/api/v1/accounts", json={**good, **change}), 422, code)
    assert written(services) == before
    code = support.http_phone_code(http, "+86 138-0013-8002")
    opened = http.post(
        "/api/v1/accounts", json={**good, "phone": "+86 138-0013-8002", "code": code}
    )
    assert opened.status_code == 201, opened.text
    me = http.get("/api/v1/me", headers=support.auth(opened.json()["token"])).json()
    assert me == {"real_name": "钱*", "id_number": "3101**********1010", "phone": "138****8002"}


def test_the_18th_birthday_is_counted_on_the_beijing_date(services, server, clock, http) -> None:
    """Civil Code Art 17: one born on 1 December 2008 is an adult from 1 December 2026 in
    Beijing, which begins at 16:00 UTC the day before; the day before they are refused."""
    eighteen_today = number("310101", "20081201")
    tomorrow = number("310101", "20081202")
    clock.set(datetime(2026, 11, 30, 16, 30, tzinfo=UTC))  # 00:30 on 1 December in Beijing
    before = written(services)
    body = {"real_name": "周岁", "id_number": tomorrow, "phone": "13800138004"}
    support.assert_error(http.post("/api/v1/accounts", json=body), 422, "minor_not_allowed")
    assert written(services) == before
    code = support.http_phone_code(http, body["phone"])
    opened = http.post("/api/v1/accounts", json={**body, "id_number": eighteen_today, "code": code})
    assert opened.status_code == 201, opened.text


def test_the_court_names_parties_by_a_checked_id_number(services, server, http) -> None:
    """The enforcement bureau's preemptive-right holder (OJA Art 19) is named by a number
    under the same GB 11643 / GB/T 2260 checks; adulthood is not asked of a party."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    _, token = support.court_user(services, office.court_id, "enforcement")
    url = f"/api/v1/court/auctions/{auction_id}/preemptive-holders"

    def confirm(id_number: str):
        body = {"id_number": id_number, "rank": 1, **support.HOLDER_BASIS}
        return http.post(url, json=body, headers=support.auth(token))

    before = support.row_count(services, tables.preemptive_holders)
    support.assert_error(confirm(number("990101", "19900101")), 422, "id_region_unknown")
    support.assert_error(confirm(number("110105", "19900230")), 422, "id_birth_date_invalid")
    assert support.row_count(services, tables.preemptive_holders) == before
    assert confirm(number("110105", "20150101")).status_code == 204
