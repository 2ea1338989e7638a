"""Opening an account proves the phone by SMS code first (issue 12): nobody can squat
another person's ID number without the code texted to a phone they hold."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

import support
from fapai.app.accounts import phone, retention
from fapai.app.errors import AppError
from fapai.storage import tables

ID = "11010519491231002X"


def opening(phone_number: str, code: str | None) -> dict[str, str | None]:
    return {"real_name": "赵六", "id_number": ID, "phone": phone_number, "code": code}


def test_an_account_needs_the_code_texted_to_its_phone(services, server, http) -> None:
    before = support.row_count(services, tables.accounts)
    support.assert_error(
        http.post("/api/v1/accounts", json=opening("13800138000", None)), 422, "phone_code_required"
    )
    # a code texted to the squatter's own phone does not open an account on another phone
    theirs = support.http_phone_code(http, "13900139000")
    support.assert_error(
        http.post("/api/v1/accounts", json=opening("13800138000", theirs)),
        422,
        "phone_code_expired",
    )
    code = support.http_phone_code(http, "13800138000")
    wrong = "000000" if code != "000000" else "111111"
    support.assert_error(
        http.post("/api/v1/accounts", json=opening("13800138000", wrong)), 422, "phone_code_wrong"
    )
    assert support.row_count(services, tables.accounts) == before
    opened = http.post("/api/v1/accounts", json=opening("13800138000", code))
    assert opened.status_code == 201, opened.text
    # one code opens one account
    again = {**opening("13800138000", code), "id_number": "310101198102111010"}
    support.assert_error(http.post("/api/v1/accounts", json=again), 422, "phone_code_expired")


def test_a_code_lasts_five_minutes_and_five_tries(services, server, http, clock) -> None:
    code = support.http_phone_code(http, "13800138000")
    clock.advance(minutes=5)
    support.assert_error(
        http.post("/api/v1/accounts", json=opening("13800138000", code)), 422, "phone_code_expired"
    )
    code = support.http_phone_code(http, "13800138000")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(phone.ATTEMPTS):
        support.assert_error(
            http.post("/api/v1/accounts", json=opening("13800138000", wrong)),
            422,
            "phone_code_wrong",
        )
    support.assert_error(
        http.post("/api/v1/accounts", json=opening("13800138000", code)), 422, "phone_code_expired"
    )


def test_codes_are_rate_limited_per_phone(services, server, http, clock) -> None:
    support.http_phone_code(http, "13800138000")
    support.assert_error(
        http.post("/api/v1/accounts/phone-code", json={"phone": "13800138000"}),
        409,
        "code_too_often",
    )
    # another phone is not held up
    support.http_phone_code(http, "13900139000")
    for _ in range(phone.PER_HOUR - 1):
        clock.advance(minutes=1)
        support.http_phone_code(http, "13800138000")
    clock.advance(minutes=1)
    support.assert_error(
        http.post("/api/v1/accounts/phone-code", json={"phone": "13800138000"}),
        409,
        "code_too_often",
    )
    clock.advance(hours=1)
    support.http_phone_code(http, "13800138000")


def test_a_bad_phone_gets_no_code(services, server, http) -> None:
    support.assert_error(
        http.post("/api/v1/accounts/phone-code", json={"phone": "12345678901"}),
        422,
        "phone_invalid",
    )


def test_without_an_sms_service_no_account_opens(services) -> None:
    """FAPAI_SMS unset: the step cannot be taken, so no account is opened unproven."""
    without = dataclasses.replace(services, sms=None)
    with pytest.raises(AppError) as caught:
        phone.send_code(without, "13800138000")
    assert caught.value.code == "sms_unavailable"
    assert support.row_count(services, tables.phone_codes) == 0


def test_a_code_is_six_digits_and_not_kept_past_a_day(services, clock) -> None:
    sent = phone.send_code(services, "13800138000")
    assert sent.expires_at == clock() + timedelta(minutes=5)
    assert sent.demo_code is not None
    assert len(sent.demo_code) == 6
    assert sent.demo_code.isdigit()
    clock.advance(days=1, seconds=1)
    retention.run(services)
    assert support.row_count(services, tables.phone_codes) == 0
