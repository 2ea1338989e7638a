"""Court staff sign in with a password (kept only as an argon2id hash) and a TOTP code
(RFC 6238); repeated failures lock the account for a while; sessions lapse when idle
or old and end at sign-out; all of it is on the trail without a password or code
(issue 14 item 10)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pyotp
import pytest
from sqlalchemy import select

from fapai import config
from fapai.app.accounts import courts, principals, signin, staff
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.errors import AppError
from fapai.app.services import Services
from fapai.storage.tables import audit_records, court_users
from support import Clock


def engine(services: Services) -> Any:
    return services.db.engine  # type: ignore[attr-defined]


def rows(services: Services, table: Any) -> list[Any]:
    with engine(services).connect() as connection:
        return list(connection.execute(select(table)).all())


def new_staff(
    services: Services, roles: tuple[str, ...] = ("auction_office",)
) -> staff.NewCredentials:
    court_id = courts.create_court(services, "gz-mid", "广州市中级人民法院", "广东")
    return staff.add_staff(services, None, court_id, "zhang.san", "张三", list(roles))


def code(made: staff.NewCredentials, clock: Clock) -> str:
    return pyotp.TOTP(made.totp_secret).at(clock())


def refusal(services: Services, made: staff.NewCredentials, password: str, totp: str) -> str:
    with pytest.raises(AppError) as caught:
        signin.sign_in(services, made.login, password, totp)
    return caught.value.code


def test_only_an_argon2id_hash_and_an_encrypted_secret_are_stored(services: Services) -> None:
    made = new_staff(services)
    (row,) = rows(services, court_users)
    assert row.password_hash.startswith("$argon2id$")
    stored = repr(tuple(row)) + repr([tuple(r) for r in rows(services, audit_records)])
    assert made.password not in stored
    assert made.totp_secret not in stored
    assert made.totp_secret.encode() not in row.totp_enc
    assert made.totp_uri.startswith("otpauth://totp/fapai:zhang.san?secret=")


def test_password_and_code_open_a_session_showing_the_name(
    services: Services, clock: Clock
) -> None:
    made = new_staff(services, ("auction_office", "admin"))
    token = signin.sign_in(services, made.login, made.password, code(made, clock))
    who = principals.authenticate(services, token)
    assert isinstance(who, CourtPrincipal)
    assert (who.login, who.name, who.role, who.admin) == (
        "zhang.san",
        "张三",
        "auction_office",
        True,
    )
    assert staff.describe(services, who)["court"] == {
        "code": "gz-mid",
        "name": "广州市中级人民法院",
    }


def test_a_wrong_password_or_code_is_refused_alike_and_recorded_without_either(
    services: Services, clock: Clock
) -> None:
    made = new_staff(services)
    assert refusal(services, made, "not-the-password", code(made, clock)) == "bad_credentials"
    wrong = "000000" if code(made, clock) != "000000" else "111111"
    assert refusal(services, made, made.password, wrong) == "bad_credentials"
    assert refusal(services, made, made.password, "") == "bad_credentials"
    made_other = staff.NewCredentials("nobody", made.password, made.totp_secret, "")
    assert refusal(services, made_other, made.password, code(made, clock)) == "bad_credentials"
    failed = [
        json.loads(r.payload)
        for r in rows(services, audit_records)
        if r.action == "court_sign_in.failed"
    ]
    assert failed == [  # the reason, never what was typed
        {"user": 1, "reason": "password"}, {"user": 1, "reason": "code"},
        {"user": 1, "reason": "code"}, {"user": None, "reason": "unknown"},
    ]  # fmt: skip
    assert made.password not in repr([tuple(r) for r in rows(services, audit_records)])


def test_a_code_is_good_once(services: Services, clock: Clock) -> None:
    made = new_staff(services)
    once = code(made, clock)
    signin.sign_in(services, made.login, made.password, once)
    assert refusal(services, made, made.password, once) == "bad_credentials"
    clock.advance(seconds=30)
    signin.sign_in(services, made.login, made.password, code(made, clock))


def test_the_fifth_failure_locks_the_account_until_the_lockout_has_passed(
    services: Services, clock: Clock
) -> None:
    made = new_staff(services)
    assert services.staff_policy.max_failures == 5
    for _ in range(4):
        assert refusal(services, made, "wrong", code(made, clock)) == "bad_credentials"
    # the fourth failure does not lock: the right password and code still get in
    clock.advance(seconds=30)
    signin.sign_in(services, made.login, made.password, code(made, clock))
    for _ in range(4):
        assert refusal(services, made, "wrong", code(made, clock)) == "bad_credentials"
    assert refusal(services, made, "wrong", code(made, clock)) == "account_locked"
    clock.advance(seconds=30)
    assert refusal(services, made, made.password, code(made, clock)) == "account_locked"
    actions = [r.action for r in rows(services, audit_records)]
    assert actions.count("court_user.locked") == 1
    clock.advance(minutes=services.staff_policy.lockout_minutes - 1)
    assert refusal(services, made, made.password, code(made, clock)) == "account_locked"
    clock.advance(minutes=1)
    token = signin.sign_in(services, made.login, made.password, code(made, clock))
    assert principals.authenticate(services, token) is not None


def test_a_session_lapses_when_idle(services: Services, clock: Clock) -> None:
    made = new_staff(services)
    token = signin.sign_in(services, made.login, made.password, code(made, clock))
    for _ in range(3):  # in use: each request keeps it alive
        clock.advance(minutes=29)
        assert principals.authenticate(services, token) is not None
    clock.advance(minutes=30)
    assert principals.authenticate(services, token) is None


def test_a_session_lapses_after_its_absolute_time(services: Services, clock: Clock) -> None:
    made = new_staff(services)
    token = signin.sign_in(services, made.login, made.password, code(made, clock))
    started = clock()
    while clock() - started < timedelta(hours=11, minutes=40):
        clock.advance(minutes=20)
        assert principals.authenticate(services, token) is not None
    clock.advance(minutes=20)
    assert principals.authenticate(services, token) is None


def test_sign_out_ends_the_session_on_the_server(services: Services, clock: Clock) -> None:
    made = new_staff(services)
    token = signin.sign_in(services, made.login, made.password, code(made, clock))
    signin.sign_out(services, token)
    assert principals.authenticate(services, token) is None
    assert [r.action for r in rows(services, audit_records)][-1] == "court_session.ended"


def test_an_ended_account_cannot_sign_in(services: Services, clock: Clock) -> None:
    made = new_staff(services)
    staff.end(services, None, made.login)
    assert refusal(services, made, made.password, code(made, clock)) == "bad_credentials"


def test_a_staff_member_replaces_the_one_time_password(services: Services, clock: Clock) -> None:
    made = new_staff(services)
    with pytest.raises(AppError) as short:
        signin.change_password(services, made.login, made.password, code(made, clock), "short")
    assert short.value.code == "weak_password"
    signin.change_password(
        services, made.login, made.password, code(made, clock), "a long new one 2026"
    )
    clock.advance(seconds=30)
    assert refusal(services, made, made.password, code(made, clock)) == "bad_credentials"
    signin.sign_in(services, made.login, "a long new one 2026", code(made, clock))


def test_a_reset_gives_new_credentials_and_ends_the_sessions(
    services: Services, clock: Clock
) -> None:
    made = new_staff(services)
    token = signin.sign_in(services, made.login, made.password, code(made, clock))
    again = staff.reset(services, None, made.login)
    assert principals.authenticate(services, token) is None
    clock.advance(seconds=30)
    assert refusal(services, made, made.password, code(made, clock)) == "bad_credentials"
    signin.sign_in(services, made.login, again.password, code(again, clock))


def test_the_staff_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("FAPAI_STAFF_IDLE_MINUTES", "10")
    monkeypatch.setenv("FAPAI_STAFF_MAX_FAILURES", "3")
    policy = config.load(tmp_path).staff
    assert (policy.idle_minutes, policy.max_failures, policy.session_hours) == (10.0, 3, 12.0)
    monkeypatch.setenv("FAPAI_STAFF_MAX_FAILURES", "three")
    with pytest.raises(config.ConfigError, match="FAPAI_STAFF_MAX_FAILURES must be a number"):
        config.load(tmp_path)
    monkeypatch.setenv("FAPAI_STAFF_MAX_FAILURES", "0")
    with pytest.raises(config.ConfigError, match="FAPAI_STAFF_MAX_FAILURES must be above 0"):
        config.load(tmp_path)
