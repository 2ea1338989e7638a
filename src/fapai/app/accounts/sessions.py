"""Sessions: what a bearer token stands for, for a limited time (issue 14).

A bidder's account has a key (登录凭证, shown once when the account is opened, kept
only as its SHA-256); signing in with it opens a session whose token the browser
keeps. A court user's token is a session too, issued with the user (court staff
sign-in is a later step). Each lasts the configured lifetime and ends earlier when
its holder signs out; a server process trusts a token it looked up only for a few
seconds (web/auth.py), so an ended session is refused everywhere soon after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fapai.app.accounts.principals import token_hash
from fapai.app.errors import AppError, Kind
from fapai.app.ports import Tx
from fapai.app.services import Services


@dataclass(frozen=True, slots=True)
class Session:
    token: str
    expires_at: datetime


def open_session(
    services: Services,
    tx: Tx,
    now: datetime,
    lifetime: timedelta,
    account_id: int | None = None,
    court_user_id: int | None = None,
) -> Session:
    """A new session inside the caller's transaction; its token is returned once."""
    token = services.token()
    expires_at = now + lifetime
    tx.insert_session(token_hash(token), account_id, court_user_id, now, expires_at)
    return Session(token, expires_at)


def sign_in(services: Services, key: str) -> Session:
    """A bidder's new session, opened with the account's key."""
    now = services.clock()
    with services.db.write() as tx:
        account = tx.account_by_token(token_hash(key))
        if account is None:
            raise AppError(
                Kind.UNAUTHORIZED, "unauthorized", "登录凭证无效，请重新登录。",
                "The key is not valid.",
            )  # fmt: skip
        # Not on the audit trail: when a person signs in is theirs, and the trail is kept
        # for ever; the session row goes with the account's other data.
        return open_session(services, tx, now, services.sessions.bidder, account_id=account.id)


def court_session(services: Services, user_id: int) -> Session:
    """A court user's new session (the demo's tokens; later, staff sign-in)."""
    now = services.clock()
    with services.db.write() as tx:
        return open_session(services, tx, now, services.sessions.court, court_user_id=user_id)


def sign_out(services: Services, token: str) -> None:
    """End the session now: the token is refused from here on (by every process once
    its short cache has lapsed)."""
    now = services.clock()
    with services.db.write() as tx:
        tx.end_session(token_hash(token), now)
