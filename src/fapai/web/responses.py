"""The refusals an API route may answer, declared in the OpenAPI description.

Every refusal has the one error body of docs/live.md; declaring them on every route
lets a client (and the schema-driven test) know a 403 or a 409 is an answer, not a
fault. A route answers only some of them; none answers anything undeclared.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pydantic import BaseModel


class Refusal(BaseModel):
    code: str
    message: str
    message_en: str


class ErrorBody(BaseModel):
    error: Refusal


_WHY = {  # status -> when
    401: "No token, or one that is not valid (or expired).",
    403: "Known, but not allowed: another role's act, a bidder not admitted, …",
    404: "No such record (another court's records answer the same).",
    408: "The request's body came too slowly.",
    409: "The request clashes with the record's state.",
    413: "The request's body is too large.",
    422: "The request is not valid: a field, an amount, a date, a rule of law.",
    429: "Too many requests; try after Retry-After seconds.",
    503: "A service it needs is not configured here (the bank, SMS).",
}
REFUSALS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": why} for status, why in _WHY.items()
}


def attachment(ascii_name: str, name: str) -> str:
    """A ``Content-Disposition`` for a file to save (RFC 6266): the Chinese name for
    browsers that read ``filename*`` (RFC 5987), an ASCII one for the others."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
