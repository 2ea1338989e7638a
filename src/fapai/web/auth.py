"""Who is asking: the bearer token of a bidder's session, a staff session or a program
token.

A bidder's session looked up is trusted by this process for ``Sessions.cache_seconds``
(two seconds at most): the bid path stays free of an extra query, and a session that
expired or was ended through another process is refused here once that short time has
passed. Signing out through this process drops the token from its cache at once. Staff
are looked up on every request: a revoked role, an ended account or session counts from
the next request on.
"""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from fapai.app.accounts.principals import (
    BidderPrincipal,
    CourtPrincipal,
    InstitutionPrincipal,
    Principal,
    SystemAdminPrincipal,
    authenticate,
)
from fapai.app.errors import AppError, Kind, forbidden
from fapai.app.services import Services
from fapai.config import MAX_CACHE_SECONDS, Sessions
from fapai.web.throttle import address, throttle

_CACHE_LIMIT = 100_000


async def services_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


async def _principal(request: Request, authorization: str | None) -> Principal:
    if not authorization:
        return None
    token = bearer_token(authorization)
    if token is None:
        raise _unauthorized()
    cache: dict[str, tuple[Principal, float]] = request.app.state.principals
    now = time.monotonic()
    found, until = cache.get(token, (None, 0.0))
    if found is None or now >= until:
        guessing = throttle(request).sign_in
        guessing.check(address(request))  # an address that keeps trying bad tokens waits
        services: Services = request.app.state.services
        found = await run_in_threadpool(authenticate, services, token)
        if found is None:
            cache.pop(token, None)
            guessing.take(address(request))
            raise _unauthorized()
        if isinstance(found, BidderPrincipal):  # a bidder's session, briefly
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            sessions: Sessions = request.app.state.sessions
            cache[token] = (found, now + min(sessions.cache_seconds, MAX_CACHE_SECONDS))
    return found


def bearer_token(authorization: str) -> str | None:
    scheme, _, token = authorization.partition(" ")
    return token if scheme.lower() == "bearer" and token else None


def forget(request: Request, token: str) -> None:
    """Drop a token from this process's cache (its session has just ended)."""
    request.app.state.principals.pop(token, None)


def _unauthorized() -> AppError:
    return AppError(
        Kind.UNAUTHORIZED, "unauthorized", "登录凭证无效，请重新登录。", "The token is not valid."
    )


async def bidder(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> BidderPrincipal:
    who = await _principal(request, authorization)
    if who is None:
        raise AppError(Kind.UNAUTHORIZED, "unauthorized", "请先登录。", "Please sign in.")
    if not isinstance(who, BidderPrincipal):
        raise forbidden("bidders_only", "仅竞买人可进行此操作。", "Only bidders may do this.")
    return who


async def court_user(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> CourtPrincipal:
    who = await _principal(request, authorization)
    if who is None:
        raise AppError(Kind.UNAUTHORIZED, "unauthorized", "请先登录。", "Please sign in.")
    if not isinstance(who, CourtPrincipal):
        raise forbidden(
            "court_only", "仅法院工作人员可进行此操作。", "Only court users may do this."
        )
    return who


async def staff_member(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> CourtPrincipal | SystemAdminPrincipal:
    """A court's staff member or a system administrator (the administration pages)."""
    who = await _principal(request, authorization)
    if who is None:
        raise AppError(Kind.UNAUTHORIZED, "unauthorized", "请先登录。", "Please sign in.")
    if not isinstance(who, CourtPrincipal | SystemAdminPrincipal):
        raise forbidden(
            "court_only", "仅法院工作人员可进行此操作。", "Only court users may do this."
        )
    return who


async def institution_user(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> InstitutionPrincipal:
    """A staff member of an auxiliary institution: the institution's desk and nothing else."""
    who = await _principal(request, authorization)
    if who is None:
        raise AppError(Kind.UNAUTHORIZED, "unauthorized", "请先登录。", "Please sign in.")
    if not isinstance(who, InstitutionPrincipal):
        raise forbidden(
            "institution_only", "仅网拍辅助机构工作人员可进行此操作。",
            "Only an auxiliary institution's staff may do this.",
        )  # fmt: skip
    return who


ServicesDep = Annotated[Services, Depends(services_of)]
BidderDep = Annotated[BidderPrincipal, Depends(bidder)]
CourtDep = Annotated[CourtPrincipal, Depends(court_user)]
StaffDep = Annotated[CourtPrincipal | SystemAdminPrincipal, Depends(staff_member)]
InstitutionDep = Annotated[InstitutionPrincipal, Depends(institution_user)]
