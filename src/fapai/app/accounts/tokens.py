"""Program tokens: a staff account's token for a program, scoped to one role the
account holds, expiring, revocable at once (issue 14 item 10: "tokens remain for
programs, scoped and expiring")."""

from __future__ import annotations

from datetime import datetime, timedelta

from fapai.app.accounts.ports import StaffTx
from fapai.app.accounts.principals import token_hash
from fapai.app.accounts.staff import Operator, actor_of, may_manage, target
from fapai.app.audit import trail
from fapai.app.errors import conflict, invalid, not_found
from fapai.app.services import Services

MAX_DAYS = 366


def issue(
    services: Services, tx: StaffTx, user_id: int, scope: str, now: datetime, days: int | None
) -> tuple[str, int]:
    """A new token (shown once) and its id; only its hash is kept."""
    token = services.token()
    life = timedelta(days=services.staff_policy.token_days if days is None else days)
    return token, tx.insert_token(user_id, token_hash(token), scope, now, now + life)


def create(
    services: Services, operator: Operator, login: str, scope: str, days: int | None = None
) -> tuple[int, str]:
    """A program token for ``login`` with the role ``scope``, which the account must hold."""
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise invalid(
            "invalid_days", f"有效期须为 1 至 {MAX_DAYS} 天。",
            f"A token lives 1 to {MAX_DAYS} days.",
        )  # fmt: skip
    now = services.clock()
    with services.db.write() as tx:
        staff = target(tx, operator, login)
        if staff.ended_at is not None:
            raise conflict("staff_ended", "该工作人员的权限已终止。", "This account has ended.")
        if scope not in tx.roles_of(staff.id):
            raise conflict(
                "scope_not_held", "令牌的角色须为该工作人员现有的角色。",
                "A token's scope must be a role the account holds.",
            )  # fmt: skip
        token, token_id = issue(services, tx, staff.id, scope, now, days)
        trail.record(
            tx, trail.SYSTEM, now, actor_of(operator), "court_token.created",
            user=staff.id, token=token_id, role=scope,
        )  # fmt: skip
    return token_id, token


def revoke(services: Services, operator: Operator, token_id: int) -> None:
    now = services.clock()
    with services.db.write() as tx:
        found = tx.token(token_id)
        staff = None if found is None else tx.staff(found.user_id)
        if found is None or staff is None:
            raise not_found("令牌", "Token")
        may_manage(operator, staff.court_id)
        if not tx.revoke_tokens(staff.id, now, token_id=token_id):
            raise conflict("token_revoked", "该令牌已撤销。", "This token is revoked already.")
        trail.record(
            tx, trail.SYSTEM, now, actor_of(operator), "court_token.revoked",
            user=staff.id, token=token_id,
        )  # fmt: skip
