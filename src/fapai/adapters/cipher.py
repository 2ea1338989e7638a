"""Personal data at rest: AES-256-GCM, with keys derived from one configured secret.

Three independent keys come out of the secret (HKDF): one encrypts, one makes
the keyed hashes used to compare names and ID numbers without decrypting
(blind indexes), one signs and checks bank notices. Rotating the secret needs
a re-encryption run, which is not built yet (docs/architecture.md).
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_NONCE = 12


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


class AesCipher:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 32:
            raise ValueError("the secret key must be at least 32 bytes")
        self._aead = AESGCM(_derive(secret, b"fapai personal data v1"))
        self._index_key = _derive(secret, b"fapai blind index v1")
        self._signing_key = _derive(secret, b"fapai bank notices v1")

    def encrypt(self, text: str) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, text.encode(), None)

    def decrypt(self, blob: bytes) -> str:
        return self._aead.decrypt(blob[:_NONCE], blob[_NONCE:], None).decode()

    def blind_index(self, kind: str, text: str) -> str:
        message = kind.encode() + b"\0" + text.encode()
        return hmac.new(self._index_key, message, hashlib.sha256).hexdigest()

    def sign(self, message: bytes) -> str:
        return hmac.new(self._signing_key, message, hashlib.sha256).hexdigest()
