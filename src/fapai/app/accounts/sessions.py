"""Bidders' sessions: what a bidder's bearer token stands for, for a limited time
(issue 14).

A bidder's account has a key (登录凭证, shown once when the account is opened, kept
only as its SHA-256); signing in with it opens a session whose token the browser
keeps. Each lasts the configured lifetime (FAPAI_SESSION_HOURS) and ends earlier when
its holder signs out. Court staff have their own sessions and program tokens
(signin.py, tokens.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fapai.app.accounts.principals import token_hash
from fapai.app.errors import AppError, Kind
from fapai.app.ports import Tx
from fapai.app.services import Services


@dataclass(frozen=True, slots=True)
class Session:
    token: str
    expires_at: datetime


def open_session(services: Services, tx: Tx, now: datetime, account_id: int) -> Session:
    """A new session of a bidder inside the caller's transaction; its token is returned
    once."""
    token = services.token()
    expires_at = now + services.bidder_session
    tx.insert_bidder_session(token_hash(token), account_id, now, expires_at)
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
        return open_session(services, tx, now, account.id)


def sign_out(services: Services, token: str) -> None:
    """End the bidder's session now: the token is refused from here on."""
    now = services.clock()
    with services.db.write() as tx:
        tx.end_bidder_session(token_hash(token), now)
