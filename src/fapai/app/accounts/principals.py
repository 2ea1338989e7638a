"""Who is asking: a bidder, a court staff member or a system administrator, found by
the SHA-256 of an opaque token (a bidder's session, a staff session or a program token).

Nothing here is remembered between requests: an ended account, a revoked role or token
and a lapsed or ended session are refused on the very next request (web/auth.py keeps a
bidder's session for a second or two at most).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from fapai.app.accounts.ports import SessionRecord, StaffPolicy, StaffTx
from fapai.app.services import Services


@dataclass(frozen=True, slots=True)
class BidderPrincipal:
    account_id: int


@dataclass(frozen=True, slots=True)
class CourtPrincipal:
    user_id: int
    court_id: int
    login: str
    role: str  # auction_office | enforcement | director | supervisor | "" (none of them)
    admin: bool = False  # manages this court's staff and their roles
    name: str = ""


@dataclass(frozen=True, slots=True)
class SystemAdminPrincipal:
    """Manages courts and their hierarchy, and any court's staff; belongs to no court."""

    user_id: int
    login: str
    name: str


@dataclass(frozen=True, slots=True)
class InstitutionPrincipal:
    """A staff member of an auxiliary institution (seed 003): signs in like court staff
    but reaches only the institution's desk, never a court's (least privilege)."""

    user_id: int
    institution_id: int
    login: str
    name: str


Principal = BidderPrincipal | CourtPrincipal | SystemAdminPrincipal | InstitutionPrincipal | None


# The business roles: a staff account holds at most one (执拍分离, Shanghai items 9-10).
COURT_ROLES = ("auction_office", "enforcement", "director", "supervisor")
ADMIN = "admin"
SYSTEM_ADMIN = "system_admin"
STAFF_ROLES = (*COURT_ROLES, ADMIN)  # what a court's staff may be granted
INSTITUTION = "institution"  # the one role of an institution's staff account

# A session's last use is written at most this often (its idle limit is in minutes).
_TOUCH = timedelta(seconds=60)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_live(session: SessionRecord, now: datetime, policy: StaffPolicy) -> bool:
    return (
        session.ended_at is None
        and now - session.seen_at < timedelta(minutes=policy.idle_minutes)
        and now - session.started_at < timedelta(hours=policy.session_hours)
    )


def staff_principal(tx: StaffTx, user_id: int, scope: str | None) -> Principal:
    """The staff member with the roles they hold now (only ``scope`` for a program token);
    None for an ended account, or a token whose role was taken away."""
    staff = tx.staff(user_id)
    if staff is None or staff.ended_at is not None:
        return None
    roles = tx.roles_of(user_id)
    institution_id = tx.institution_of_staff(user_id)
    if institution_id is not None:  # an institution's account holds that role only
        usable = INSTITUTION in roles and scope in (None, INSTITUTION)
        return (
            InstitutionPrincipal(staff.id, institution_id, staff.login, staff.name)
            if usable
            else None
        )
    if scope is not None:
        if scope not in roles:
            return None
        roles = {scope}
    if staff.court_id is None:
        return (
            SystemAdminPrincipal(staff.id, staff.login, staff.name)
            if SYSTEM_ADMIN in roles
            else None
        )
    business = sorted(roles.intersection(COURT_ROLES))
    return CourtPrincipal(
        staff.id, staff.court_id, staff.login, business[0] if business else "", ADMIN in roles,
        staff.name,
    )  # fmt: skip


def authenticate(services: Services, token: str) -> Principal:
    """The bidder or staff member a bearer token belongs to; None for an unknown token,
    a lapsed or ended session, or an expired or revoked program token."""
    digest = token_hash(token)
    now = services.clock()
    with services.db.read() as tx:
        bidder = tx.bidder_session(digest)
        if bidder is not None:
            live = bidder.ended_at is None and now < bidder.expires_at
            return BidderPrincipal(bidder.account_id) if live else None
        session = tx.session_by_token(digest)
        if session is None:
            program = tx.token_by_hash(digest)
            if program is None or program.revoked_at is not None or program.expires_at <= now:
                return None
            return staff_principal(tx, program.user_id, program.scope)
        if not session_live(session, now, services.staff_policy):
            return None
        who = staff_principal(tx, session.user_id, None)
    if who is not None and now - session.seen_at >= _TOUCH:
        with services.db.write() as tx:
            tx.touch_session(session.id, now)
    return who
