"""Staff sign-in and administration: sessions, courts, staff accounts, roles, tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from fapai.app.accounts import courts, signin, staff, tokens
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.institutions import staff as institution_staff
from fapai.web.auth import ServicesDep, StaffDep
from fapai.web.params import MAX_ID
from fapai.web.throttle import address, throttle

router = APIRouter(prefix="/court", tags=["staff"])
Login = Annotated[str, Path(max_length=64)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SignIn(Body):
    login: Annotated[str, Field(max_length=64)]
    password: Annotated[str, Field(max_length=200)]
    code: Annotated[str, Field(max_length=10, description="the authenticator's 6 digits")]


@router.post("/session", status_code=201, summary="Sign in with password and TOTP code")
def sign_in(body: SignIn, request: Request, services: ServicesDep) -> dict[str, str]:
    """Failures count against the address and the login (429 past the limit), besides
    the account's own lock after repeated failures."""
    with throttle(request).failures(address(request), body.login):
        return {"token": signin.sign_in(services, body.login, body.password, body.code)}


class NewPassword(SignIn):
    new_password: Annotated[str, Field(max_length=200)]


@router.post("/password", status_code=204, summary="Change one's password")
def change_password(body: NewPassword, request: Request, services: ServicesDep) -> None:
    with throttle(request).failures(address(request), body.login):
        signin.change_password(services, body.login, body.password, body.code, body.new_password)


@router.get("/session", summary="Who is signed in: name, role, court")
def session(who: StaffDep, services: ServicesDep) -> dict[str, Any]:
    return staff.describe(services, who)


@router.delete("/session", status_code=204, summary="Sign out: the session ends at once")
def sign_out(who: StaffDep, services: ServicesDep, authorization: Annotated[str, Header()]) -> None:
    signin.sign_out(services, authorization.partition(" ")[2])


class NewCourt(Body):
    code: Annotated[str, Field(max_length=32)]
    name: Annotated[str, Field(max_length=200)]
    region: Annotated[str, Field(max_length=100)]
    parent: Annotated[str | None, Field(max_length=32)] = None


@router.get("/admin/courts", summary="Every court and the court above it (system admins)")
def court_list(who: StaffDep, services: ServicesDep) -> dict[str, Any]:
    return {"courts": courts.court_tree(services, who)}


@router.post("/admin/courts", status_code=201, summary="Add a court (system admins)")
def add_court(body: NewCourt, who: StaffDep, services: ServicesDep) -> dict[str, int]:
    court_id = courts.create_court(
        services, body.code, body.name, body.region, body.parent, operator=who
    )
    return {"id": court_id}


def _court(services: ServicesDep, who: StaffDep, code: str | None) -> int | None:
    """The court named, else the administrator's own (a system administrator's: None,
    the system administrators)."""
    if code is None:
        return who.court_id if isinstance(who, CourtPrincipal) else None
    return staff.court_id_of(services, code)


@router.get("/admin/staff", summary="A court's staff, roles and program tokens")
def staff_list(
    who: StaffDep, services: ServicesDep,
    court: Annotated[str | None, Query(max_length=32)] = None,
) -> dict[str, Any]:  # fmt: skip
    return {"staff": staff.staff_list(services, who, _court(services, who, court))}


class NewStaff(Body):
    court: Annotated[str | None, Field(max_length=32)] = None
    login: Annotated[str, Field(max_length=64)]
    name: Annotated[str, Field(max_length=100)]
    roles: Annotated[list[Annotated[str, Field(max_length=32)]], Field(max_length=5)]


@router.post("/admin/staff", status_code=201, summary="Add a staff member (shown once)")
def add_staff(body: NewStaff, who: StaffDep, services: ServicesDep) -> dict[str, str]:
    court_id = _court(services, who, body.court)
    return _shown_once(staff.add_staff(services, who, court_id, body.login, body.name, body.roles))


class NewInstitutionStaff(Body):
    login: Annotated[str, Field(max_length=64)]
    name: Annotated[str, Field(max_length=100)]


@router.post(
    "/admin/institutions/{institution_id}/staff", status_code=201,
    summary="Add an auxiliary institution's staff account (shown once)",
)  # fmt: skip
def add_institution_staff(
    institution_id: Annotated[int, Path(ge=1, le=MAX_ID)], body: NewInstitutionStaff,
    who: StaffDep, services: ServicesDep,
) -> dict[str, str]:  # fmt: skip
    made = institution_staff.add_staff(services, who, institution_id, body.login, body.name)
    return _shown_once(made)


def _shown_once(made: staff.NewCredentials) -> dict[str, str]:
    return {
        "login": made.login, "password": made.password, "totp_secret": made.totp_secret,
        "totp_uri": made.totp_uri,
    }  # fmt: skip


class Role(Body):
    role: Annotated[str, Field(max_length=32)]


@router.post("/admin/staff/{login}/roles", status_code=204, summary="Grant a role")
def grant(login: Login, body: Role, who: StaffDep, services: ServicesDep) -> None:
    staff.grant(services, who, login, body.role)


@router.delete("/admin/staff/{login}/roles/{role}", status_code=204, summary="Revoke a role")
def revoke(
    login: Login, role: Annotated[str, Path(max_length=32)], who: StaffDep, services: ServicesDep
) -> None:
    staff.revoke(services, who, login, role)


@router.post("/admin/staff/{login}/reset", summary="A new one-time password and TOTP secret")
def reset(login: Login, who: StaffDep, services: ServicesDep) -> dict[str, str]:
    return _shown_once(staff.reset(services, who, login))


@router.post("/admin/staff/{login}/end", status_code=204, summary="End a leaver's access")
def end(login: Login, who: StaffDep, services: ServicesDep) -> None:
    staff.end(services, who, login)


class NewToken(Body):
    scope: Annotated[str, Field(max_length=32, description="a role the account holds")]
    days: Annotated[int | None, Field(ge=1, le=tokens.MAX_DAYS)] = None


@router.post("/admin/staff/{login}/tokens", status_code=201, summary="A program token")
def create_token(
    login: Login, body: NewToken, who: StaffDep, services: ServicesDep
) -> dict[str, Any]:
    token_id, token = tokens.create(services, who, login, body.scope, body.days)
    return {"id": token_id, "token": token}


@router.delete("/admin/tokens/{token_id}", status_code=204, summary="Revoke a program token")
def revoke_token(
    token_id: Annotated[int, Path(ge=1, le=MAX_ID)], who: StaffDep, services: ServicesDep
) -> None:
    tokens.revoke(services, who, token_id)
