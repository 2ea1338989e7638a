"""Setting up courts and their users, and the role check every court act makes
(Shanghai items 9-10: the enforcement bureau and the online auction office are apart).
"""

from __future__ import annotations

from fapai.app.accounts.principals import COURT_ROLES, CourtPrincipal, token_hash
from fapai.app.audit import trail
from fapai.app.errors import conflict, forbidden, invalid
from fapai.app.services import Services


def create_court(services: Services, code: str, name: str, region: str) -> int:
    now = services.clock()
    with services.db.write() as tx:
        if tx.court_id_by_code(code) is not None:
            raise conflict("court_exists", "法院代码已存在。", "A court with this code exists.")
        court_id = tx.insert_court(code, name, region)
        trail.record(tx, trail.SYSTEM, now, "system", "court.created", court=court_id, code=code)
    return court_id


def create_court_user(services: Services, court_id: int, login: str, role: str) -> str:
    """A court user with one role; returns the token of the user's first session
    (shown once; it lasts the court session lifetime)."""
    if role not in COURT_ROLES:
        raise invalid(
            "invalid_role", "角色无效。", f"Role must be one of {', '.join(COURT_ROLES)}."
        )
    token = services.token()
    now = services.clock()
    with services.db.write() as tx:
        # The user's own token column keeps the hash of this first token only; what a
        # token may do is decided by its session (app/accounts/sessions.py).
        user_id = tx.insert_court_user(court_id, login, role, token_hash(token))
        tx.insert_session(token_hash(token), None, user_id, now, now + services.sessions.court)
        trail.record(
            tx, trail.SYSTEM, now, "system", "court_user.created",
            user=user_id, court=court_id, role=role,
        )  # fmt: skip
    return token


def require(user: CourtPrincipal, *roles: str) -> None:
    if user.role not in roles:
        raise forbidden(
            "role_not_allowed",
            "您的角色无权进行此操作（执拍分离）。",
            f"Your role ({user.role}) may not do this; it needs: {', '.join(roles)}.",
        )
