"""Who is asking: a bidder or a court user, found by the SHA-256 of an opaque token
that names a session; a session that expired or was ended names nobody."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from fapai.app.services import Services


@dataclass(frozen=True, slots=True)
class BidderPrincipal:
    account_id: int


@dataclass(frozen=True, slots=True)
class CourtPrincipal:
    user_id: int
    court_id: int
    login: str
    role: str  # auction_office | enforcement | director | supervisor


Principal = BidderPrincipal | CourtPrincipal | None


COURT_ROLES = ("auction_office", "enforcement", "director", "supervisor")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(services: Services, token: str) -> Principal:
    """The bidder or court user whose live session a bearer token names; None for an
    unknown, expired or ended one."""
    now = services.clock()
    with services.db.read() as tx:
        session = tx.session(token_hash(token))
        if session is None or session.ended_at is not None or now >= session.expires_at:
            return None
        if session.account_id is not None:
            return BidderPrincipal(session.account_id)
        user = tx.court_user(session.court_user_id) if session.court_user_id else None
        if user is not None:
            return CourtPrincipal(user.id, user.court_id, user.login, user.role)
    return None
