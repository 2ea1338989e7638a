"""A court document once issued is kept as issued (issue 16 item 3).

A document is issued when it has a day of its own: the ruling's signing, the notice's
recorded service, the announcement's publication, the close of a sale, the title
transfer notice's recording. The first request after that day renders it in every
language and format, stores the bytes (encrypted: a document names the parties and the
buyer) and writes their SHA-256 on the audit trail; every later request is served those
bytes, whatever changed since. A re-issue (a correction the court makes, with its
reason) adds the next version, dated the day it is made; the earlier ones stay.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from fapai.app import documents
from fapai.app.audit import trail
from fapai.app.cases.ports import IssuedDocumentRecord
from fapai.app.errors import conflict
from fapai.app.ports import Cipher, Tx

LANGS = ("zh", "en")
FORMATS = ("pdf", "html")


@dataclass(frozen=True, slots=True)
class DocumentKey:
    """Which document: of a lot, for a round (None for the ruling to auction), its kind
    and, for a notice, the party it is addressed to."""

    lot_id: int
    auction_id: int | None
    kind: str
    party: str


@dataclass(frozen=True, slots=True)
class Issue:
    """Who issues, when, and for a re-issue why."""

    on: date
    at: datetime
    by: str
    reason: str = ""


def latest(tx: Tx, key: DocumentKey) -> list[IssuedDocumentRecord]:
    """The renderings of the latest version as issued; empty while none is."""
    found = tx.issued_documents(key.lot_id, key.auction_id, key.kind, key.party)
    return [r for r in found if r.version == found[-1].version] if found else []


def version(tx: Tx, key: DocumentKey, number: int) -> list[IssuedDocumentRecord]:
    """The renderings of one version as issued, an earlier one too; empty if none is."""
    found = tx.issued_documents(key.lot_id, key.auction_id, key.kind, key.party)
    return [r for r in found if r.version == number]


def served(
    tx: Tx, cipher: Cipher, renderings: list[IssuedDocumentRecord], lang: str, fmt: str
) -> tuple[bytes, IssuedDocumentRecord]:
    """The stored bytes of one rendering, checked against the hash issued with them."""
    record = next(r for r in renderings if r.lang == lang and r.format == fmt)
    data = base64.b64decode(cipher.decrypt(tx.issued_document_data(record.id)))
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise conflict(
            "document_altered", "存档的文书与出具时的哈希不符，请联系系统管理员。",
            "The stored document does not match the hash it was issued with.",
        )  # fmt: skip
    return data, record


def issue(
    tx: Tx, cipher: Cipher, renderer: documents.DocumentRenderer, key: DocumentKey,
    content: Callable[[str], documents.DocumentContent], how: Issue,
) -> list[IssuedDocumentRecord]:  # fmt: skip
    """Render and store the next version in every language and format, on the trail."""
    before = tx.issued_documents(key.lot_id, key.auction_id, key.kind, key.party)
    version = before[-1].version + 1 if before else 1
    stored = []
    for lang in LANGS:
        words = content(lang)
        for fmt in FORMATS:
            data = renderer.pdf(words) if fmt == "pdf" else renderer.html(words).encode()
            record = IssuedDocumentRecord(
                0, key.lot_id, key.auction_id, key.kind, key.party, version, lang, fmt,
                how.on, how.at, how.by, how.reason,
                words.file_name.removesuffix(".pdf") + f".{fmt}",
                hashlib.sha256(data).hexdigest(), len(data),
            )  # fmt: skip
            sealed = cipher.encrypt(base64.b64encode(data).decode("ascii"))
            stored.append(replace(record, id=tx.add_issued_document(record, sealed)))
    trail.record(
        tx, trail.SYSTEM, how.at, how.by, "document.issued", lot=key.lot_id,
        auction=key.auction_id, kind=key.kind, party=key.party or None, version=version,
        issued_on=how.on.isoformat(), reason=how.reason or None,
        sha256={f"{r.lang}.{r.format}": r.sha256 for r in stored},
    )  # fmt: skip
    return stored
