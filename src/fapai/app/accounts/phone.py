"""Proof of the phone before an account is opened on it (issue 12): a 6-digit code sent
by SMS, valid 5 minutes, at most 5 tries, at most one code a minute and 5 an hour per
phone. Without it anyone could open an account on another person's ID number, and the
real person would meet ``account_exists`` for ever.

The phone and the code are stored only as keyed hashes (blind indexes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fapai.app.accounts.ports import PhoneCodeRecord
from fapai.app.errors import AppError, Kind, conflict, invalid
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.identity import IdentityError, check_phone

VALID = timedelta(minutes=5)
ATTEMPTS = 5
EVERY = timedelta(minutes=1)
PER_HOUR = 5


@dataclass(frozen=True, slots=True)
class CodeSent:
    expires_at: datetime
    demo_code: str | None  # only from a simulated sender


def send_code(services: Services, phone: str) -> CodeSent:
    """Text a new code to ``phone``; refused when codes come too often."""
    number = check_phone_number(services, phone)
    sms = services.sms
    if sms is None:
        raise conflict(
            "sms_unavailable", "短信服务未配置，暂无法开户。",
            "No SMS service is configured; accounts cannot be opened.",
        )  # fmt: skip
    code = f"{services.randbelow(10**6):06d}"
    index = services.cipher.blind_index("phone", number)
    with services.db.write() as tx:
        now = services.clock()
        recent = tx.phone_codes_since(index, now - timedelta(hours=1))
        if len(recent) >= PER_HOUR or (recent and recent[-1].sent_at > now - EVERY):
            raise AppError(
                Kind.CONFLICT, "code_too_often", "验证码发送过于频繁，请稍后再试。",
                "Codes are sent at most once a minute and 5 times an hour; try later.",
            )  # fmt: skip
        tx.insert_phone_code(index, _code_hash(services, index, code), now, now + VALID)
    sms.send(number, f"【法拍】您的开户验证码为 {code}，5 分钟内有效。")
    return CodeSent(now + VALID, code if sms.simulated else None)


def check_code(services: Services, phone: str, code: str | None) -> None:
    """Refuse unless ``code`` is the phone's latest live code; a wrong try is counted
    (and committed) before the refusal."""
    if not code:
        raise invalid(
            "phone_code_required", "请先获取并填写手机验证码。",
            "Ask for a phone code first, then give it (code).",
        )  # fmt: skip
    index = services.cipher.blind_index("phone", phone)
    with services.db.write() as tx:
        live = _live(tx, index, services.clock())
        if live is None or live.attempts >= ATTEMPTS:
            raise invalid(
                "phone_code_expired", "验证码已失效，请重新获取。",
                "The phone code has expired or was tried too often; ask for a new one.",
            )  # fmt: skip
        if live.code_hash == _code_hash(services, index, code.strip()):
            return
        tx.count_phone_code_attempt(live.id)
    raise invalid("phone_code_wrong", "验证码不正确。", "The phone code is wrong.")


def use_code(services: Services, tx: Tx, phone: str, now: datetime) -> None:
    """Spend the code checked by ``check_code`` in the transaction that opens the account,
    so one code opens one account."""
    live = _live(tx, services.cipher.blind_index("phone", phone), now)
    if live is None:
        raise invalid(
            "phone_code_expired", "验证码已失效，请重新获取。",
            "The phone code has expired or was tried too often; ask for a new one.",
        )  # fmt: skip
    tx.use_phone_code(live.id, now)


def _live(tx: Tx, index: str, now: datetime) -> PhoneCodeRecord | None:
    codes = tx.phone_codes_since(index, now - VALID)
    latest = codes[-1] if codes else None
    if latest is None or latest.used_at is not None or latest.expires_at <= now:
        return None
    return latest


def check_phone_number(services: Services, phone: str) -> str:
    """A mainland mobile number, normalised, or the refusal with its code."""
    try:
        return check_phone(phone, services.code_lists)
    except IdentityError as error:
        raise invalid(error.code, error.message_zh, error.message_en) from None


def _code_hash(services: Services, index: str, code: str) -> str:
    return services.cipher.blind_index("phone_code", f"{index}:{code}")
