"""Court staff credentials: argon2id password hashes and TOTP codes (RFC 6238).

Both are left to well-kept libraries (argon2-cffi, pyotp) rather than written here:
the hash's parameters travel inside it, so raising them later re-hashes nothing.
"""

from __future__ import annotations

import secrets
from datetime import datetime

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_ISSUER = "fapai"
# Letters and digits that cannot be misread for one another (no 0/O, 1/l/I).
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class Argon2Totp:
    def __init__(self) -> None:
        self._hasher = PasswordHasher()  # argon2id, the library's RFC 9106 defaults

    def new_password(self) -> str:
        """A one-time password to hand over: 20 characters, about 115 bits."""
        return "".join(secrets.choice(_ALPHABET) for _ in range(20))

    def hash_password(self, password: str) -> str:
        return self._hasher.hash(password)

    def password_matches(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def new_totp_secret(self) -> str:
        return pyotp.random_base32()

    def totp_uri(self, secret: str, login: str) -> str:
        return pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name=_ISSUER)

    def totp_step(self, secret: str, code: str, at: datetime) -> int | None:
        if not (len(code) == 6 and code.isdigit()):
            return None
        try:
            return pyotp.TOTP(secret).verify_and_get_timecode(code, for_time=at, valid_window=1)
        except pyotp.exceptions.OTPVerificationError:
            return None
