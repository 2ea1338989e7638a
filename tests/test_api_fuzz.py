"""The whole HTTP API under generated input (schemathesis over the OpenAPI description),
as the public, a bidder and each court role: no answer is a server error, and every
refusal carries the error body of docs/live.md. A fixed budget of examples per
operation keeps the run to about a minute in CI."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

import support
from fapai.app.services import Services

# SSE streams never end on their own; they are fuzzed by tests/test_live_updates.py.
_SKIPPED = ("/events",)
_EXAMPLES = 6


@pytest.fixture
def sqlite_only(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the generated requests run once, on the embedded default")


@pytest.fixture
def callers(sqlite_only: None, services: Services, server: support.LiveServer) -> dict[str, Any]:
    """A base URL and one Authorization header per kind of caller, with a live auction,
    a registration and a case in the database so that ids 1.. resolve to real things."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    someone = support.bidder(services)
    support.pay_deposit(services, someone, auction_id)
    headers: dict[str, dict[str, str]] = {"anonymous": {}, "bidder": support.auth(someone)}
    for role in ("auction_office", "enforcement", "director", "supervisor"):
        _, token = support.court_user(services, office.court_id, role)
        headers[role] = {"Authorization": f"Bearer {token}"}
    return {"url": server.url, "headers": headers}


def test_no_server_error_for_anyone(callers: dict[str, Any]) -> None:
    schema = schemathesis.openapi.from_url(f"{callers['url']}/openapi.json")
    operations = [
        result.ok()
        for result in schema.get_all_operations()
        if not any(skipped in result.ok().path for skipped in _SKIPPED)
    ]
    assert len(operations) > 30
    for operation in operations:

        @settings(
            max_examples=_EXAMPLES, deadline=None, database=None,
            suppress_health_check=list(HealthCheck), phases=[Phase.generate],
        )  # fmt: skip
        @given(case=operation.as_strategy())
        def answers_without_a_server_error(case: Any) -> None:
            for headers in callers["headers"].values():
                response = case.call(base_url=callers["url"], headers=headers, timeout=10)
                where = (case.method, case.formatted_path, response.status_code)
                assert response.status_code < 500, (*where, response.text[:300])
                kind = response.headers.get("content-type") or [""]
                if 400 <= response.status_code < 500 and kind[0].startswith("application/json"):
                    body = response.json()
                    error = body.get("error") if isinstance(body, dict) else None
                    assert isinstance(error, dict), (*where, body)
                    assert {"code", "message", "message_en"} <= set(error), (*where, error)

        answers_without_a_server_error()
