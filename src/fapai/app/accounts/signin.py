"""Court staff sign in with a password and a TOTP code and get a session that lapses
when idle or old; repeated failures lock the account for a while (issue 14 item 10).

Every success, failure and lockout is on the trail, with the login and the reason but
never the password or the code. Failures are counted in the same transaction that
refuses, so they are committed even though the caller is refused.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from fapai.app.accounts.ports import StaffRecord
from fapai.app.accounts.principals import session_live, token_hash
from fapai.app.audit import trail
from fapai.app.errors import AppError, Kind, forbidden, invalid
from fapai.app.ports import Tx
from fapai.app.services import Services


def _bad_credentials() -> AppError:
    return AppError(
        Kind.UNAUTHORIZED, "bad_credentials", "登录名、密码或动态验证码不正确。",
        "The login, password or code is not right.",
    )  # fmt: skip


def _locked(until: datetime, now: datetime) -> AppError:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return forbidden(
        "account_locked", f"登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试。",
        f"Too many failed sign-ins: the account is locked for {minutes} more minutes.",
    )  # fmt: skip


def sign_in(services: Services, login: str, password: str, code: str) -> str:
    """A new session's token (shown once), or a refusal that says as little as it can."""
    now = services.clock()
    token = services.token()
    with services.db.write() as tx:
        # no login holds a NUL, which PostgreSQL cannot even compare: an unknown login
        staff = tx.staff_by_login(login) if "\x00" not in login else None
        refusal = _refusal(services, tx, staff, password, code, now)
        if refusal is None and staff is not None:
            session_id = tx.insert_session(staff.id, token_hash(token), now)
            trail.record(
                tx, trail.SYSTEM, now, f"court_user:{login}", "court_session.started",
                user=staff.id, session=session_id,
            )  # fmt: skip
    if refusal is not None:
        raise refusal
    return token


def _refusal(
    services: Services, tx: Tx, staff: StaffRecord | None, password: str, code: str,
    now: datetime,
) -> AppError | None:  # fmt: skip
    """None when the password and code are right; else the refusal, recorded."""
    if staff is None or staff.ended_at is not None:
        _same_time(services, password)
    if staff is None:
        return _fail(tx, now, "anonymous", None, "unknown", _bad_credentials())
    actor = f"court_user:{staff.login}"
    if staff.ended_at is not None:
        return _fail(tx, now, actor, staff.id, "ended", _bad_credentials())
    if staff.locked_until is not None and staff.locked_until > now:
        return _fail(tx, now, actor, staff.id, "locked", _locked(staff.locked_until, now))
    step = _second_factor(services, staff, code, now)
    if staff.password_hash is None or not services.credentials.password_matches(
        staff.password_hash, password
    ):
        reason = "password"
    elif step is None:
        reason = "code"
    else:
        tx.set_sign_in_state(staff.id, 0, None, step)
        return None
    policy = services.staff_policy
    failures = staff.failures + 1
    if failures < policy.max_failures:
        tx.set_sign_in_state(staff.id, failures, None, staff.totp_last_step)
        return _fail(tx, now, actor, staff.id, reason, _bad_credentials())
    until = now + timedelta(minutes=policy.lockout_minutes)
    tx.set_sign_in_state(staff.id, 0, until, staff.totp_last_step)
    _fail(tx, now, actor, staff.id, reason, None)
    trail.record(
        tx, trail.SYSTEM, now, actor, "court_user.locked",
        user=staff.id, failures=failures, until=until.isoformat(),
    )  # fmt: skip
    return _locked(until, now)


_DECOY: list[str] = []


def _same_time(services: Services, password: str) -> None:
    """Check the password against a decoy hash, so that an unknown login takes as long
    to refuse as a wrong password (the answer's time does not tell which logins exist)."""
    if not _DECOY:
        _DECOY.append(services.credentials.hash_password("decoy"))
    services.credentials.password_matches(_DECOY[0], password)


def _second_factor(services: Services, staff: StaffRecord, code: str, now: datetime) -> int | None:
    """The code's time step if it is good and newer than the last one used (a code that
    was seen once, by anyone, is spent)."""
    if staff.totp_enc is None:
        return None
    secret = services.cipher.decrypt(staff.totp_enc)
    step = services.credentials.totp_step(secret, code, now)
    if step is None or (staff.totp_last_step is not None and step <= staff.totp_last_step):
        return None
    return step


def _fail(
    tx: Tx, now: datetime, actor: str, user_id: int | None, reason: str,
    refusal: AppError | None,
) -> AppError | None:  # fmt: skip
    trail.record(tx, trail.SYSTEM, now, actor, "court_sign_in.failed", user=user_id, reason=reason)
    return refusal


MIN_PASSWORD = 12


def change_password(
    services: Services, login: str, password: str, code: str, new_password: str
) -> None:
    """Replace the one-time password (or any) with one of the staff member's choosing;
    the current password and a fresh code are asked, and failures count toward the lock."""
    if not MIN_PASSWORD <= len(new_password) <= 200 or new_password == password:
        raise invalid(
            "weak_password", f"新密码须为 {MIN_PASSWORD} 至 200 个字符，且不同于原密码。",
            f"A new password is {MIN_PASSWORD} to 200 characters, other than the old one.",
        )  # fmt: skip
    digest = services.credentials.hash_password(new_password)
    now = services.clock()
    with services.db.write() as tx:
        # no login holds a NUL, which PostgreSQL cannot even compare: an unknown login
        staff = tx.staff_by_login(login) if "\x00" not in login else None
        refusal = _refusal(services, tx, staff, password, code, now)
        if refusal is None and staff is not None:
            changed = tx.staff(staff.id)  # the code's step was just kept
            assert changed is not None
            assert changed.totp_enc is not None
            tx.set_credentials(staff.id, digest, changed.totp_enc, changed.totp_last_step)
            trail.record(
                tx, trail.SYSTEM, now, f"court_user:{login}", "court_user.password_changed",
                user=staff.id,
            )  # fmt: skip
    if refusal is not None:
        raise refusal


def sign_out(services: Services, token: str) -> None:
    """End the session ``token`` opened, at once, on the server (nothing for other tokens)."""
    now = services.clock()
    with services.db.write() as tx:
        session = tx.session_by_token(token_hash(token))
        if session is None or not session_live(session, now, services.staff_policy):
            return
        tx.end_sessions(session.user_id, now, session.id)
        staff = tx.staff(session.user_id)
        assert staff is not None  # accounts are ended, never deleted
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{staff.login}", "court_session.ended",
            user=session.user_id, session=session.id,
        )  # fmt: skip
