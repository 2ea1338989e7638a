"""Who is asking: a bidder or a court user, found by the SHA-256 of an opaque token."""

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
    """The bidder or court user a bearer token belongs to; None for an unknown token."""
    digest = token_hash(token)
    with services.db.read() as tx:
        account = tx.account_by_token(digest)
        if account is not None:
            return BidderPrincipal(account.id)
        user = tx.court_user_by_token(digest)
        if user is not None:
            return CourtPrincipal(user.id, user.court_id, user.login, user.role)
    return None
