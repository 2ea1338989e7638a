"""Replay protection for the bank's signed notices (issue 14 item 17): a notice carries
the time it was sent and a one-off nonce, and is refused when it is older (or further in
the future) than the window, or when its nonce comes again on a different notice. The
signature covers both, so neither can be changed to slip a captured notice back in.

A bank retries a notice it got no answer for, byte for byte: that repeat is admitted and
answered from the ledger as before (its ``bank_ref`` is booked once). The nonces are
remembered in memory for the window only; after it, the window itself refuses.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=5)


class NonceWindow:
    def __init__(self, window: timedelta = WINDOW) -> None:
        self._window = window
        self._seen: dict[str, tuple[bytes, datetime]] = {}
        self._lock = threading.Lock()

    def admit(self, sent_at: str, nonce: str, body: bytes, now: datetime) -> bool:
        """Whether the notice ``body`` sent at ``sent_at`` (ISO 8601, with zone) with
        ``nonce`` is fresh at ``now`` and its nonce is its own; remembers the nonce."""
        try:
            sent = datetime.fromisoformat(sent_at)
        except (TypeError, ValueError):
            return False
        if sent.tzinfo is None or abs(now - sent) > self._window or not nonce:
            return False
        with self._lock:
            for old, (_, at) in list(self._seen.items()):
                if now - at > self._window:
                    del self._seen[old]
            digest = hashlib.sha256(body).digest()
            if self._seen.setdefault(nonce, (digest, sent))[0] != digest:
                return False
        return True
