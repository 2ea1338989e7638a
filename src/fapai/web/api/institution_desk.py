"""The auxiliary institution's desk over HTTP (issue 17 item 4; docs/institutions.md):
its staff's session, the lots entrusted to it and their tasks, the log and submission,
viewings to arrange; and the public's viewing request. An institution's staff member
reaches these routes only (web/auth.py: ``institution_user``); every court route
refuses them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from fapai.app.accounts import signin
from fapai.app.institutions import staff, tasks, viewings
from fapai.web.auth import InstitutionDep, ServicesDep
from fapai.web.params import MAX_ID, AuctionId, Moment
from fapai.web.throttle import address, throttle

router = APIRouter(prefix="/institutions/desk", tags=["institution desk"])
public = APIRouter(tags=["public"])
ItemId = Annotated[int, Path(ge=1, le=MAX_ID)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


@router.get("/session", summary="Who is signed in, of which institution")
def session(who: InstitutionDep, services: ServicesDep) -> dict[str, Any]:
    return staff.describe(services, who)


@router.delete("/session", status_code=204, summary="Sign out: the session ends at once")
def sign_out(
    who: InstitutionDep, services: ServicesDep, authorization: Annotated[str, Header()]
) -> None:
    signin.sign_out(services, authorization.partition(" ")[2])


@router.get("", summary="The lots entrusted to the institution now, with their tasks")
def overview(who: InstitutionDep, services: ServicesDep) -> dict[str, Any]:
    return tasks.overview(services, who)


@router.get("/tasks/{task_id}", summary="A task with its log")
def task(task_id: ItemId, who: InstitutionDep, services: ServicesDep) -> dict[str, Any]:
    return tasks.shown(services, who, task_id)


class LogIn(Body):
    kind: Annotated[str, Field(min_length=1, max_length=16)]
    happened_at: Moment
    note: Annotated[str, Field(min_length=1, max_length=1000)]


@router.post("/tasks/{task_id}/log", status_code=201, summary="Log a step (Art 6(8))")
def log(task_id: ItemId, body: LogIn, who: InstitutionDep, services: ServicesDep) -> dict[str, int]:
    return {"id": tasks.log_step(services, who, task_id, body.kind, body.happened_at, body.note)}


class SubmissionIn(Body):
    note: Annotated[str, Field(min_length=1, max_length=2000)]
    photos: Annotated[int | None, Field(ge=0, le=10_000)] = None
    video_seconds: Annotated[int | None, Field(ge=0, le=86_400)] = None
    vr: bool = False


@router.post("/tasks/{task_id}/submission", status_code=204, summary="Submit to the office")
def submit(task_id: ItemId, body: SubmissionIn, who: InstitutionDep, services: ServicesDep) -> None:
    tasks.submit(services, who, task_id, body.note, body.photos, body.video_seconds, body.vr)


@router.get("/viewings", summary="Viewings asked for on the entrusted lots (phones masked)")
def viewing_list(who: InstitutionDep, services: ServicesDep) -> dict[str, Any]:
    return {"viewings": viewings.for_desk(services, who)}


class AppointmentIn(Body):
    at: Moment
    place: Annotated[str, Field(min_length=1, max_length=200)]


@router.post(
    "/viewings/{viewing_id}/appointment", status_code=204,
    summary="Set a viewing's time and place; the requester is texted",
)  # fmt: skip
def appoint(
    viewing_id: ItemId, body: AppointmentIn, who: InstitutionDep, services: ServicesDep
) -> None:
    viewings.schedule(services, who, viewing_id, body.at, body.place)


class ViewingIn(Body):
    phone: Annotated[str, Field(min_length=1, max_length=32)]
    preferred: Annotated[str, Field(min_length=1, max_length=100)]


@public.post(
    "/auctions/{auction_id}/viewing-requests", status_code=201,
    summary="Ask for a viewing (看样); tied to no account or bidder code",
)  # fmt: skip
def ask_viewing(
    auction_id: AuctionId, body: ViewingIn, request: Request, services: ServicesDep
) -> dict[str, str]:
    throttle(request).accounts.take(address(request))  # the public's writing budget
    return {"reference": viewings.request(services, auction_id, body.phone, body.preferred)}


@public.get("/viewing-requests/{reference}", summary="A viewing's appointment, by reference")
def viewing_status(
    reference: Annotated[str, Path(min_length=4, max_length=16)], services: ServicesDep
) -> dict[str, Any]:
    return viewings.status(services, reference)
