"""Every refusal as JSON: ``{"error": {"code", "message", "message_en"}}``, never a traceback."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from fapai.app.errors import AppError, Kind
from fapai.web.throttle import Throttled

STATUS = {
    Kind.INVALID: 422,
    Kind.UNAUTHORIZED: 401,
    Kind.FORBIDDEN: 403,
    Kind.NOT_FOUND: 404,
    Kind.CONFLICT: 409,
    Kind.UNAVAILABLE: 503,
}


def error_body(code: str, message_zh: str, message_en: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message_zh, "message_en": message_en, **extra}}


def error_response(status: int, code: str, zh: str, en: str, **extra: Any) -> JSONResponse:
    return JSONResponse(error_body(code, zh, en, **extra), status_code=status)


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return error_response(STATUS[exc.kind], exc.code, exc.message_zh, exc.message_en)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"where": ".".join(str(part) for part in e["loc"]), "problem": e["msg"]}
        for e in exc.errors()
    ]
    if any(e["type"] == "json_invalid" for e in exc.errors()):
        return error_response(
            422, "malformed_json", "请求体不是有效的 JSON。", "The request body is not valid JSON.",
            details=problems,
        )  # fmt: skip
    return error_response(
        422, "invalid_request", "请求内容有误：" + "；".join(p["where"] for p in problems),
        "The request is not valid: " + "; ".join(f"{p['where']}: {p['problem']}" for p in problems),
        details=problems,
    )  # fmt: skip


_HTTP_CODES = {
    404: ("not_found", "地址不存在。", "No such address."),
    405: ("method_not_allowed", "不支持该请求方法。", "Method not allowed."),
}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code, zh, en = _HTTP_CODES.get(
        exc.status_code, ("http_error", "请求无法处理。", str(exc.detail))
    )
    return error_response(exc.status_code, code, zh, en)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """A fault of ours: still JSON. A bid retried with its Idempotency-Key is safe."""
    return error_response(
        500, "internal_error", "服务器内部错误，请使用相同的 Idempotency-Key 重试。",
        "Internal error. Retry; with the same Idempotency-Key a bid is never placed twice.",
    )  # fmt: skip


async def _throttled(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Throttled)
    reply = error_response(
        429, "rate_limited", f"请求过于频繁，请 {exc.retry_after} 秒后再试。",
        f"Too many requests; try again in {exc.retry_after} s.",
    )  # fmt: skip
    reply.headers["Retry-After"] = str(exc.retry_after)
    return reply


def install(app: FastAPI) -> None:
    app.add_exception_handler(Exception, _unexpected)
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Throttled, _throttled)
