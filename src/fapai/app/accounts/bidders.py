"""Bidder accounts (real-name registration, OJA Art 14).

The real name, ID number and phone are encrypted before they reach storage; the API
hands out an opaque token and stores only its SHA-256.
"""

from __future__ import annotations

from datetime import datetime

from fapai.app.accounts import phone as phone_codes
from fapai.app.accounts.ports import AccountRecord
from fapai.app.accounts.principals import token_hash
from fapai.app.accounts.sessions import Session, open_session
from fapai.app.audit import trail
from fapai.app.errors import AppError, Kind, conflict, invalid
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.identity import (
    IdentityError,
    check_bidder,
    mask_id_number,
    mask_name,
    mask_phone,
)


def create_account(
    services: Services, real_name: str, id_number: str, phone: str, code: str | None
) -> tuple[str, Session]:
    """Open a bidder account for an adult whose phone answered the SMS code
    (``phone.send_code``); return its key (shown once, kept only as a hash: the bidder
    signs in with it) and a first session, so the new bidder is signed in. Age is checked
    here only: it cannot fall, and re-checking later would mean decrypting."""
    now = services.clock()
    try:
        name, number, mobile = check_bidder(
            real_name, id_number, phone, services.code_lists, beijing_date(now)
        )
    except IdentityError as error:
        raise invalid(error.code, error.message_zh, error.message_en) from None
    phone_codes.check_code(services, mobile, code)
    cipher = services.cipher
    key = services.token()
    id_index = cipher.blind_index("id_number", number)
    with services.db.write() as tx:
        indexes = cipher.blind_indexes("id_number", number)
        found = [tx.account_by_id_index(index) for index in indexes]
        holder = next((account for account in found if account is not None), None)
        phone_codes.use_code(services, tx, mobile, now)  # spent either way: see below
        if holder is None:
            account_id = _insert(services, tx, key, name, number, mobile, id_index, now)
            session = open_session(services, tx, now, account_id)
    if holder is not None:
        # Whether a person has an account says they take part in judicial sales: each
        # try costs the asker a fresh code on their own phone (5 an hour), and the
        # holder is told of it on theirs.
        if services.sms is not None:
            services.sms.send(cipher.decrypt(holder.phone_enc), ACCOUNT_TRIED)
        raise conflict(
            "account_exists", "该身份证号已注册账户。", "An account with this ID number exists."
        )
    return key, session


ACCOUNT_TRIED = (
    "【法拍】有人以您的身份证号申请开立竞买账户，未获通过。如非您本人操作，请留意个人信息安全。"
)


def _insert(
    services: Services, tx: Tx, key: str, name: str, number: str, mobile: str, id_index: str,
    now: datetime,
) -> int:  # fmt: skip
    cipher = services.cipher
    account_id = tx.insert_account(
        token_hash(key),
        cipher.encrypt(name),
        cipher.encrypt(number),
        cipher.encrypt(mobile),
        cipher.blind_index("name", name),
        id_index,
        now,
    )
    trail.record(tx, trail.SYSTEM, now, f"account:{account_id}", "account.created")
    return account_id


def my_identity(services: Services, account_id: int) -> dict[str, str]:
    """The account holder's own identity, masked even for them (screens are overlooked)."""
    with services.db.read() as tx:
        account = tx.account(account_id)
    if account is None:
        raise AppError(Kind.UNAUTHORIZED, "unauthorized", "请先登录。", "Please sign in.")
    cipher = services.cipher
    return {
        "real_name": mask_name(cipher.decrypt(account.name_enc)),
        "id_number": mask_id_number(cipher.decrypt(account.id_number_enc)),
        "phone": mask_phone(cipher.decrypt(account.phone_enc)),
    }


def id_number_indexes(services: Services, account: AccountRecord) -> list[str]:
    """Every index the account's ID number may stand under in the parties' lists (holders,
    applicants, barred buyers): those lists keep only the index, so rows written under an
    old key are found until the key is retired (adapters/cipher.py)."""
    number = services.cipher.decrypt(account.id_number_enc)
    found = [account.id_number_index, *services.cipher.blind_indexes("id_number", number)]
    return list(dict.fromkeys(found))
