"""Setting up courts and their hierarchy, program accounts, and the role check every
court act makes (Shanghai items 9-10: the enforcement bureau and the online auction
office are apart).
"""

from __future__ import annotations

import re
from typing import Any

from fapai.app.accounts import tokens
from fapai.app.accounts.principals import COURT_ROLES, CourtPrincipal
from fapai.app.accounts.staff import Operator, actor_of, system_only
from fapai.app.audit import trail
from fapai.app.errors import conflict, forbidden, invalid, not_found
from fapai.app.services import Services

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")


def create_court(
    services: Services, code: str, name: str, region: str, parent: str | None = None,
    operator: Operator = None,
) -> int:  # fmt: skip
    """A court, under ``parent`` (the court above it: basic -> intermediate -> high)."""
    system_only(operator)
    if not _CODE.fullmatch(code):
        raise invalid(
            "invalid_court_code", "法院代码须为 1 至 32 位字母、数字、下划线或连字符。",
            "A court code is 1 to 32 letters, digits, underscores or hyphens.",
        )  # fmt: skip
    if not (1 <= len(name.strip()) <= 200 and 1 <= len(region.strip()) <= 100):
        raise invalid(
            "invalid_court", "请填写法院名称和地区。", "Give the court's name and region."
        )
    now = services.clock()
    with services.db.write() as tx:
        if tx.court_id_by_code(code) is not None:
            raise conflict("court_exists", "法院代码已存在。", "A court with this code exists.")
        parent_id = None if parent is None else tx.court_id_by_code(parent)
        if parent is not None and parent_id is None:
            raise not_found("上级法院", "Parent court")
        court_id = tx.insert_court(code, name.strip(), region.strip(), parent_id)
        extra = {} if parent_id is None else {"parent": parent_id}
        trail.record(
            tx, trail.SYSTEM, now, actor_of(operator), "court.created",
            court=court_id, code=code, **extra,
        )  # fmt: skip
    return court_id


def court_tree(services: Services, operator: Operator) -> list[dict[str, Any]]:
    """Every court with the code of the court above it, top courts first."""
    system_only(operator)
    with services.db.read() as tx:
        courts = tx.all_courts()
    codes = {court.id: court.code for court in courts}
    depth: dict[int, int] = {}

    def level(court_id: int, parents: dict[int, int | None]) -> int:
        if court_id not in depth:
            parent = parents[court_id]
            depth[court_id] = 0 if parent is None else level(parent, parents) + 1
        return depth[court_id]

    parents = {court.id: court.parent_id for court in courts}
    return sorted(
        (
            {"code": court.code, "name": court.name, "region": court.region,
             "parent": None if court.parent_id is None else codes[court.parent_id],
             "depth": level(court.id, parents)}
            for court in courts
        ),
        key=lambda court: (court["depth"], court["code"]),
    )  # fmt: skip


def create_court_user(
    services: Services, court_id: int, login: str, role: str, days: int | None = None,
    name: str | None = None,
) -> str:  # fmt: skip
    """An account for a program with one role and a program token of that role (good for
    ``days``, else the setting), made by the system (the demo and the tests); returns the
    token (shown once). ``name`` is the person the desk shows as acting (the login when
    none is given)."""
    if role not in COURT_ROLES:
        raise invalid(
            "invalid_role", "角色无效。", f"Role must be one of {', '.join(COURT_ROLES)}."
        )
    now = services.clock()
    with services.db.write() as tx:
        if tx.staff_by_login(login) is not None:
            raise conflict("login_taken", "登录名已被使用。", "This login is taken.")
        user_id = tx.insert_staff(court_id, login, name or login, None, None)
        tx.insert_role(user_id, role, now)
        token, token_id = tokens.issue(services, tx, user_id, role, now, days)
        trail.record(
            tx, trail.SYSTEM, now, "system", "court_user.created",
            user=user_id, court=court_id, role=role, token=token_id,
        )  # fmt: skip
    return token


def require(user: CourtPrincipal, *roles: str) -> None:
    if user.role not in roles:
        raise forbidden(
            "role_not_allowed",
            "您的角色无权进行此操作（执拍分离）。",
            f"Your role ({user.role or 'none'}) may not do this; it needs: {', '.join(roles)}.",
        )
