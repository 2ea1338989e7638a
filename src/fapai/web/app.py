"""The FastAPI application: the JSON API under ``/api/v1``, live updates, the bank callback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from fapai.adapters.simulated_bank import SimulatedBank
from fapai.app.services import Services
from fapai.config import Limits, Sessions
from fapai.web import api_docs, errors, live, pages
from fapai.web.api import (
    bank,
    bidders,
    cases,
    court,
    institution_desk,
    institutions,
    lawful,
    ledger,
    privacy,
    public,
    remedies,
    staff,
)
from fapai.web.guard import Guard
from fapai.web.limits import BodyLimit
from fapai.web.responses import REFUSALS
from fapai.web.throttle import Throttle

API = "/api/v1"
DEFAULT_LIMITS, DEFAULT_SESSIONS = Limits(), Sessions()
DESCRIPTION = """
fapai (法拍): online judicial auctions for Chinese courts.

Amounts are yuan as strings (`"1250000.00"`); times are ISO 8601 in Beijing
time (+08:00). Bidders appear by their bidder codes only until the close
(《网络司法拍卖规定》第十八条). Errors are
`{"error": {"code", "message", "message_en"}}`.
"""


def create_app(
    services: Services,
    broker: live.Broker,
    simulated_bank: SimulatedBank | None,
    limits: Limits = DEFAULT_LIMITS,
    sessions: Sessions = DEFAULT_SESSIONS,
    access_log: bool = False,
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        broker.loop = asyncio.get_running_loop()
        heartbeats = asyncio.create_task(broker.run_heartbeats(services))
        try:
            yield
        finally:
            heartbeats.cancel()
            broker.loop = None

    app = FastAPI(
        title="fapai API", version="1", description=DESCRIPTION, lifespan=lifespan,
        docs_url=None, redoc_url=None,  # /docs is api_docs: FastAPI's own loads a CDN
    )  # fmt: skip
    app.state.services = services
    app.state.broker = broker
    app.state.simulated_bank = simulated_bank
    app.state.principals = {}
    app.state.throttle = Throttle(limits)
    app.state.sessions = sessions
    # Routers are included flat (not nested under one /api/v1 router): FastAPI matches
    # nested routers level by level, which cost about a tenth of a bid's CPU.
    app.include_router(bidders.router, prefix=API, responses=REFUSALS)
    app.include_router(public.router, prefix=API, responses=REFUSALS)
    app.include_router(live.router, prefix=API, tags=["public"], responses=REFUSALS)
    app.include_router(court.router, prefix=API, responses=REFUSALS)
    app.include_router(staff.router, prefix=API, responses=REFUSALS)
    app.include_router(cases.router, prefix=API, responses=REFUSALS)
    app.include_router(cases.public, prefix=API, responses=REFUSALS)
    app.include_router(privacy.router, prefix=API, responses=REFUSALS)
    app.include_router(lawful.router, prefix=API, responses=REFUSALS)
    app.include_router(remedies.router, prefix=API, responses=REFUSALS)
    app.include_router(remedies.court, prefix=API, responses=REFUSALS)
    app.include_router(institutions.router, prefix=API, responses=REFUSALS)
    app.include_router(institutions.open_router, prefix=API, responses=REFUSALS)
    app.include_router(institution_desk.router, prefix=API, responses=REFUSALS)
    app.include_router(institution_desk.public, prefix=API, responses=REFUSALS)
    app.include_router(lawful.public, prefix=API, responses=REFUSALS)
    app.include_router(ledger.court, prefix=API, responses=REFUSALS)
    app.include_router(ledger.bidders, prefix=API, responses=REFUSALS)
    app.include_router(bank.router, responses=REFUSALS)
    app.include_router(pages.router)
    app.include_router(api_docs.router)
    app.mount(api_docs.ASSETS, api_docs.assets(), name="swagger-ui")
    app.mount("/static", pages.static_files(), name="static")
    errors.install(app)
    app.add_middleware(BodyLimit, body_timeout=limits.body_timeout or None)
    app.add_middleware(Guard, access_log=access_log)
    return app
