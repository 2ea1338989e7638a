"""Personal data at rest: AES-256-GCM under a key ring, each key derived from one secret.

The current secret (FAPAI_SECRET_KEY) encrypts and indexes; the previous ones
(FAPAI_OLD_SECRET_KEYS) only decrypt and find, until ``fapai keys rotate`` has moved
every row to the current key and they can be retired. A key's id is a fingerprint of its
secret, so nobody has to number keys by hand and two processes agree on it.

A ciphertext is ``0x01 | key id (4 bytes) | nonce | AES-GCM(text)``, the header bound as
associated data. A blind index is ``key id (8 hex) . HMAC (55 hex)``: the 64 characters
the columns always held, with 220 bits of HMAC left. Data written before the key ring
(no header, a bare 64-hex HMAC) is read as the "legacy" form of whichever key made it.

Bank notices are checked with their own key (FAPAI_BANK_KEY), so the data key can
rotate without touching the bank, and the bank's key without re-encrypting anything.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_NONCE = 12
_VERSION = b"\x01"
_HEADER = 1 + 4
_INDEX_HEX = 55
LEGACY = "legacy"


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


def key_id(secret: bytes) -> str:
    """The public fingerprint of a secret (8 hex digits), written beside what it protects."""
    return _derive(secret, b"fapai key id v1")[:4].hex()


@dataclass(frozen=True, slots=True)
class _Key:
    id: str
    aead: AESGCM
    index_key: bytes


def _key(secret: bytes) -> _Key:
    if len(secret) < 32:
        raise ValueError("the secret key must be at least 32 bytes")
    return _Key(
        key_id(secret),
        AESGCM(_derive(secret, b"fapai personal data v1")),
        _derive(secret, b"fapai blind index v1"),
    )


class AesCipher:
    def __init__(
        self, secret: bytes, old_secrets: Sequence[bytes] = (), bank_key: bytes | None = None
    ) -> None:
        self._current = _key(secret)
        self._ring = {k.id: k for k in (self._current, *map(_key, old_secrets))}
        self._signing_key = bank_key or _derive(secret, b"fapai bank notices v1")

    @property
    def current_key_id(self) -> str:
        return self._current.id

    @property
    def key_ids(self) -> tuple[str, ...]:
        """The current key first, then the old ones still held."""
        return tuple(self._ring)

    def encrypt(self, text: str) -> bytes:
        header = _VERSION + bytes.fromhex(self._current.id)
        nonce = os.urandom(_NONCE)
        return header + nonce + self._current.aead.encrypt(nonce, text.encode(), header)

    def decrypt(self, blob: bytes) -> str:
        if blob[:1] == _VERSION and (key := self._ring.get(blob[1:_HEADER].hex())):
            body = blob[_HEADER:]
            try:
                return key.aead.decrypt(body[:_NONCE], body[_NONCE:], blob[:_HEADER]).decode()
            except InvalidTag:
                pass  # a legacy blob whose random nonce began like a header
        for key in self._ring.values():
            try:
                return key.aead.decrypt(blob[:_NONCE], blob[_NONCE:], None).decode()
            except InvalidTag:
                continue
        raise ValueError("no key in the ring opens this ciphertext")

    def ciphertext_key_id(self, blob: bytes) -> str:
        """Which key sealed ``blob``: its id, or ``legacy`` for the header-less form."""
        key = self._ring.get(blob[1:_HEADER].hex()) if blob[:1] == _VERSION else None
        if key is not None:
            body = blob[_HEADER:]
            try:
                key.aead.decrypt(body[:_NONCE], body[_NONCE:], blob[:_HEADER])
                return key.id
            except InvalidTag:
                pass
        return LEGACY

    def blind_index(self, kind: str, text: str) -> str:
        """The index under the current key: what new rows store."""
        return self._index(self._current, kind, text)

    def blind_indexes(self, kind: str, text: str) -> list[str]:
        """Every index ``text`` may be stored under, current key first: for lookups while
        a rotation is under way."""
        found = [self._index(key, kind, text) for key in self._ring.values()]
        return found + [self._legacy_index(key, kind, text) for key in self._ring.values()]

    @staticmethod
    def index_key_id(index: str) -> str:
        """The key id written in a blind index, ``legacy`` for the bare HMAC."""
        head, dot, _ = index.partition(".")
        return head if dot else LEGACY

    def sign(self, message: bytes) -> str:
        return hmac.new(self._signing_key, message, hashlib.sha256).hexdigest()

    @staticmethod
    def _legacy_index(key: _Key, kind: str, text: str) -> str:
        message = kind.encode() + b"\0" + text.encode()
        return hmac.new(key.index_key, message, hashlib.sha256).hexdigest()

    def _index(self, key: _Key, kind: str, text: str) -> str:
        return f"{key.id}.{self._legacy_index(key, kind, text)[:_INDEX_HEX]}"
