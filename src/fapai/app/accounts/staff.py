"""Court staff accounts and their roles, managed by administrators (issue 14 item 11).

A court administrator manages the staff of their own court; a system administrator and
the local operator (the ``fapai admin`` commands, recorded as ``system``) manage every
court's. Another court's staff answer like missing ones. Every change is on the trail
and takes effect on the next request: nothing about a principal is remembered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fapai.app.accounts.ports import StaffRecord, StaffTx
from fapai.app.accounts.principals import (
    COURT_ROLES,
    INSTITUTION,
    STAFF_ROLES,
    SYSTEM_ADMIN,
    CourtPrincipal,
    SystemAdminPrincipal,
)
from fapai.app.audit import trail
from fapai.app.errors import conflict, forbidden, invalid, not_found
from fapai.app.services import Services

# Who manages: a court administrator, a system administrator, or None for the system.
Operator = CourtPrincipal | SystemAdminPrincipal | None

_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,63}")


@dataclass(frozen=True, slots=True)
class NewCredentials:
    """Shown once to whoever hands them over, never stored in the clear."""

    login: str
    password: str
    totp_secret: str
    totp_uri: str


def actor_of(operator: Operator) -> str:
    return trail.SYSTEM if operator is None else f"court_user:{operator.login}"


def may_manage(operator: Operator, court_id: int | None) -> None:
    """Refuse unless ``operator`` manages the staff of ``court_id`` (None: system admins)."""
    if operator is None or isinstance(operator, SystemAdminPrincipal):
        return
    if not operator.admin:
        raise forbidden("admins_only", "仅管理员可进行此操作。", "Only administrators may do this.")
    if court_id != operator.court_id:
        raise not_found("工作人员", "Staff account")


def system_only(operator: Operator) -> None:
    if isinstance(operator, CourtPrincipal):
        raise forbidden(
            "system_admins_only", "仅系统管理员可进行此操作。",
            "Only system administrators may do this.",
        )  # fmt: skip


def court_id_of(services: Services, code: str) -> int:
    with services.db.read() as tx:  # no code holds a NUL, which PostgreSQL cannot compare
        court_id = tx.court_id_by_code(code) if "\x00" not in code else None
    if court_id is None:
        raise not_found("法院", "Court")
    return court_id


def target(tx: StaffTx, operator: Operator, login: str) -> StaffRecord:
    staff = tx.staff_by_login(login)
    if staff is None:
        raise not_found("工作人员", "Staff account")
    may_manage(operator, staff.court_id)
    return staff


def _check_roles(roles: list[str], allowed: tuple[str, ...]) -> None:
    unknown = [role for role in roles if role not in allowed]
    if unknown:
        raise invalid("invalid_role", "角色无效。", f"Role must be one of {', '.join(allowed)}.")
    if len(set(roles).intersection(COURT_ROLES)) > 1:
        raise conflict(
            "one_business_role", "一名工作人员只能担任一个业务角色（执拍分离）。",
            "A staff member holds one business role at most (enforcement and auctions apart).",
        )  # fmt: skip


def _check_person(login: str, name: str) -> None:
    if not _LOGIN.fullmatch(login):
        raise invalid(
            "invalid_login", "登录名须为 2 至 64 位字母、数字、点、下划线或连字符。",
            "A login is 2 to 64 letters, digits, dots, underscores or hyphens.",
        )  # fmt: skip
    if not 1 <= len(name.strip()) <= 100:
        raise invalid(
            "invalid_name", "请填写姓名（至多 100 字）。", "Give a name (100 characters at most)."
        )


def add_staff(
    services: Services, operator: Operator, court_id: int | None, login: str, name: str,
    roles: list[str], institution_id: int | None = None,
) -> NewCredentials:  # fmt: skip
    """A staff account with a one-time password and a TOTP secret to hand over; with
    ``institution_id``, an auxiliary institution's account (role ``institution`` only),
    managed by the administrators of ``court_id``, the court whose database holds it."""
    allowed = (SYSTEM_ADMIN,) if court_id is None else STAFF_ROLES
    if institution_id is not None:
        allowed = (INSTITUTION,)
    may_manage(operator, court_id)
    if court_id is None:
        system_only(operator)
    _check_person(login, name)
    _check_roles(roles, allowed)
    credentials = services.credentials
    password = credentials.new_password()
    secret = credentials.new_totp_secret()
    digest = credentials.hash_password(password)
    now = services.clock()
    with services.db.write() as tx:
        if court_id is not None and tx.court(court_id) is None:
            raise not_found("法院", "Court")
        if tx.staff_by_login(login) is not None:
            raise conflict("login_taken", "登录名已被使用。", "This login is taken.")
        user_id = tx.insert_staff(
            court_id, login, name.strip(), digest, services.cipher.encrypt(secret)
        )
        for role in dict.fromkeys(roles):
            tx.insert_role(user_id, role, now)
        extra = {}
        if institution_id is not None:
            tx.insert_institution_staff(user_id, institution_id)
            extra["institution"] = institution_id
        trail.record(
            tx, trail.SYSTEM, now, actor_of(operator), "court_user.created",
            user=user_id, court=court_id, login=login, roles=sorted(set(roles)), **extra,
        )  # fmt: skip
    return NewCredentials(login, password, secret, credentials.totp_uri(secret, login))


def grant(services: Services, operator: Operator, login: str, role: str) -> None:
    now = services.clock()
    with services.db.write() as tx:
        staff = target(tx, operator, login)
        if tx.institution_of_staff(staff.id) is not None:
            raise conflict(
                "institution_account", "网拍辅助机构工作人员账户不得授予法院角色。",
                "An auxiliary institution's account holds no court role.",
            )  # fmt: skip
        held = tx.roles_of(staff.id)
        if role in held:
            raise conflict(
                "role_held", "该工作人员已有此角色。", "The staff member holds this role."
            )
        _check_roles([*held, role], (SYSTEM_ADMIN,) if staff.court_id is None else STAFF_ROLES)
        if staff.ended_at is not None:
            raise conflict("staff_ended", "该工作人员的权限已终止。", "This account has ended.")
        tx.insert_role(staff.id, role, now)
        trail.record(
            tx, trail.SYSTEM, now, actor_of(operator), "court_role.granted",
            user=staff.id, role=role,
        )  # fmt: skip


def revoke(services: Services, operator: Operator, login: str, role: str) -> None:
    """Take a role away; the account's program tokens of that role are revoked with it."""
    now = services.clock()
    with services.db.write() as tx:
        staff = target(tx, operator, login)
        if not tx.delete_role(staff.id, role):
            raise conflict(
                "role_not_held", "该工作人员没有此角色。", "The staff member lacks this role."
            )
        tokens = tx.revoke_tokens(staff.id, now, scope=role)
        trail.record(
            tx, trail.SYSTEM, now, actor_of(operator), "court_role.revoked",
            user=staff.id, role=role, tokens=tokens,
        )  # fmt: skip


def reset(services: Services, operator: Operator, login: str) -> NewCredentials:
    """New one-time password and TOTP secret (a forgotten password, a lost phone); the
    account's sessions end, its program tokens stay."""
    credentials = services.credentials
    password = credentials.new_password()
    secret = credentials.new_totp_secret()
    digest = credentials.hash_password(password)
    now = services.clock()
    with services.db.write() as tx:
        staff = target(tx, operator, login)
        if staff.ended_at is not None:
            raise conflict("staff_ended", "该工作人员的权限已终止。", "This account has ended.")
        tx.set_credentials(staff.id, digest, services.cipher.encrypt(secret), None)
        sessions = tx.end_sessions(staff.id, now)
        trail.record(
            tx, trail.SYSTEM, now, actor_of(operator), "court_user.reset",
            user=staff.id, sessions=sessions,
        )  # fmt: skip
    return NewCredentials(login, password, secret, credentials.totp_uri(secret, login))


def end(services: Services, operator: Operator, login: str) -> None:
    """A leaver: no sign-in from now on, every session and program token ended at once."""
    now = services.clock()
    with services.db.write() as tx:
        staff = target(tx, operator, login)
        if staff.ended_at is not None:
            raise conflict("staff_ended", "该工作人员的权限已终止。", "This account has ended.")
        tx.end_staff(staff.id, now)
        sessions = tx.end_sessions(staff.id, now)
        tokens = tx.revoke_tokens(staff.id, now)
        trail.record(
            tx, trail.SYSTEM, now, actor_of(operator), "court_user.ended",
            user=staff.id, sessions=sessions, tokens=tokens,
        )  # fmt: skip


def staff_list(
    services: Services, operator: Operator, court_id: int | None
) -> list[dict[str, Any]]:
    """A court's staff (None: the system administrators) with roles and program tokens."""
    may_manage(operator, court_id)
    if court_id is None:
        system_only(operator)
    now = services.clock()
    with services.db.read() as tx:
        people = tx.staff_of_court(court_id)
        roles = {person.id: sorted(tx.roles_of(person.id)) for person in people}
        tokens = tx.tokens_of([person.id for person in people])
    return [
        {
            "login": person.login, "name": person.name, "roles": roles[person.id],
            "ended": _moment(person.ended_at),
            "locked": person.locked_until is not None and person.locked_until > now,
            "tokens": [
                {"id": token.id, "scope": token.scope, "expires_at": _moment(token.expires_at),
                 "live": token.revoked_at is None and token.expires_at > now}
                for token in tokens if token.user_id == person.id
            ],
        }
        for person in people
    ]  # fmt: skip


def _moment(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def describe(services: Services, who: CourtPrincipal | SystemAdminPrincipal) -> dict[str, Any]:
    """The signed-in staff member as the desk shows them: name, role, court."""
    if isinstance(who, SystemAdminPrincipal):
        return {
            "login": who.login, "name": who.name, "role": "", "admin": True,
            "system_admin": True, "court": None,
        }  # fmt: skip
    with services.db.read() as tx:
        court = tx.court(who.court_id)
    assert court is not None  # a staff member's court is never deleted
    return {
        "login": who.login, "name": who.name, "role": who.role, "admin": who.admin,
        "system_admin": False, "court": {"code": court.code, "name": court.name},
    }  # fmt: skip
