"""Where the key ring's secrets come from: the ``KeyProvider`` port (issue 14 item 17).

``bootstrap.EnvironmentKeys`` reads them from the settings (FAPAI_SECRET_KEY, FAPAI_OLD_SECRET_KEYS,
FAPAI_BANK_KEY, or the key file in the data directory). A court that keeps its keys in a
KMS or an HSM (e.g. a national-cryptography 密码机) implements the same three methods:

- ``current()`` returns the secret new data is sealed under. With envelope encryption,
  the KMS holds a key-encryption key and the provider asks it, once at start, to unwrap
  a data key stored beside the database; the unwrapped key never reaches a disk.
- ``previous()`` returns the secrets rotated out but still needed to read, until
  ``fapai keys status`` shows nothing under them and they are removed from the KMS.
- ``bank()`` returns the key the bank's notices are signed with (agreed with the bank),
  or None to derive one from the current secret (``fapai serve`` warns then).

``bootstrap`` builds the cipher from whichever provider is configured; nothing else
touches the secrets, and the key ids written beside the data are fingerprints of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from fapai.adapters.cipher import AesCipher


class KeyProvider(Protocol):
    def current(self) -> bytes: ...
    def previous(self) -> Sequence[bytes]: ...
    def bank(self) -> bytes | None: ...


def cipher(keys: KeyProvider) -> AesCipher:
    return AesCipher(keys.current(), keys.previous(), keys.bank())
