"""Refusals a use case reports to its caller, with a machine code and two sentences.

The kind tells an entry point how to answer (HTTP status, CLI exit); the code
is stable for programs; the messages are for people, Chinese first.
"""

from __future__ import annotations

from enum import Enum


class Kind(Enum):
    INVALID = "invalid"  # the request itself is wrong
    UNAUTHORIZED = "unauthorized"  # who is asking is unknown
    FORBIDDEN = "forbidden"  # known, but not allowed
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"  # the request clashes with the current state
    UNAVAILABLE = "unavailable"  # a service it needs is not there (no bank configured)


class AppError(Exception):
    """A use case refused; nothing it started was written."""

    def __init__(self, kind: Kind, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.kind = kind
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


def not_found(what_zh: str, what_en: str) -> AppError:
    return AppError(Kind.NOT_FOUND, "not_found", f"{what_zh}不存在。", f"{what_en} not found.")


def forbidden(code: str, message_zh: str, message_en: str) -> AppError:
    return AppError(Kind.FORBIDDEN, code, message_zh, message_en)


def conflict(code: str, message_zh: str, message_en: str) -> AppError:
    return AppError(Kind.CONFLICT, code, message_zh, message_en)


def invalid(code: str, message_zh: str, message_en: str) -> AppError:
    return AppError(Kind.INVALID, code, message_zh, message_en)


_RECORDS = {
    "案件": "case",
    "标的物": "lot",
    "拍卖": "auction",
    "异议": "objection",
    "投诉": "complaint",
    "网拍辅助机构": "institution",
}


def other_court(what_zh: str) -> AppError:
    """A court user asked about a record of another court (each court sees its own).

    The answer is the very one for a missing record: a different answer would tell
    anyone with a court's token which ids belong to other courts (issue 14).
    """
    return not_found(what_zh, _RECORDS[what_zh].capitalize())
