"""The personal-data read log (issue 14 item 5): every decryption of a name, ID number or
phone that a person will see in full is written, in the reading transaction, as who (role
and number, never a name), when, which record, which fields and why.

Masked displays (a bidder's own /me) are not logged: they show no more than the public
documents' masks, and a log full of them would hide the reads a supervisor must look
at. A court user must give a purpose from ``PURPOSES`` before reading; the court's own
case list and case page read the parties with ``enforcement`` (app/cases/views.py); the
published sale confirmation is read by the public with the fixed purpose ``publication``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fapai.app.audit.ports import PersonalReadRow, PersonalReadTx
from fapai.app.errors import invalid
from fapai.app.ports import Cipher

# Why a court user may read personal data in full.
PURPOSES = {
    "sale_documents": ("制作拍卖文书", "Drafting the auction documents"),
    "title_transfer": ("办理过户", "Transfer of title"),
    "enforcement": ("执行实施", "Enforcement"),
    "supervision_review": ("监督检查", "Supervision review"),
}
ERASED = "（已按保存期限删除）"  # what an erased field reads as (app/accounts/retention.py)
PUBLICATION = "publication"  # the sale confirmation the platform publishes (OJA Art 22)


@dataclass(frozen=True, slots=True)
class Purpose:
    code: str
    note: str = ""


def purpose(code: str | None, note: str | None = None) -> Purpose:
    """A court user's stated purpose, refused when missing or not on the list."""
    if not code:
        raise invalid(
            "purpose_required", "查看个人信息须说明用途（purpose）。",
            "Reading personal data needs a purpose (purpose=...).",
        )  # fmt: skip
    if code not in PURPOSES:
        raise invalid(
            "unknown_purpose", f"用途须为：{'、'.join(PURPOSES)}。",
            f"The purpose must be one of: {', '.join(PURPOSES)}.",
        )  # fmt: skip
    return Purpose(code, (note or "").strip()[:200])


@dataclass(frozen=True, slots=True)
class Reader:
    """Who reads: a ``court_user`` (by number), or the ``public``; and why. A court user's
    purpose is checked when the first personal field is about to be decrypted, so a
    request refused for another reason (another court, a document not due) says that."""

    kind: str
    id: int | None
    purpose: str | None
    note: str | None
    route: str


@dataclass
class Disclosure:
    """Decrypts personal fields for one reader and logs them, one row per record, in the
    transaction that read them (so a read that fails to log is no read at all)."""

    cipher: Cipher
    reader: Reader
    court_id: int | None
    fields: dict[str, list[str]] = field(default_factory=dict)
    _why: Purpose | None = None

    def decrypt(self, record: str, name: str, blob: bytes) -> str:
        self.saw(record, name)
        return self.cipher.decrypt(blob) if blob else ERASED

    def saw(self, record: str, name: str) -> None:
        """Note a read of personal data kept outside the cipher (a filed paper's bytes)."""
        if self._why is None:
            self._why = (
                purpose(self.reader.purpose, self.reader.note)
                if self.reader.kind == "court_user"
                else Purpose(self.reader.purpose or PUBLICATION, self.reader.note or "")
            )
        seen = self.fields.setdefault(record, [])
        if name not in seen:
            seen.append(name)

    def log(self, tx: PersonalReadTx, at: datetime) -> None:
        why = self._why or Purpose("")
        for record, names in self.fields.items():
            tx.insert_personal_read(
                PersonalReadRow(
                    0, at, self.reader.kind, self.reader.id, self.court_id, record,
                    ",".join(names), why.code, why.note,
                    self.reader.route[:120],
                )
            )  # fmt: skip
        self.fields.clear()


def page(tx: PersonalReadTx, court_id: int | None, after_id: int, limit: int) -> dict[str, Any]:
    """One page of the log, oldest first; ``next`` continues after the last row shown."""
    rows = tx.personal_reads(court_id, after_id, limit)
    return {
        "reads": [
            {
                "id": r.id, "at": r.at.isoformat(), "who": f"{r.principal_kind}:{r.principal_id}"
                if r.principal_id is not None else r.principal_kind,
                "record": r.record, "fields": r.fields.split(","), "purpose": r.purpose,
                "note": r.note, "route": r.route,
            }
            for r in rows
        ],
        "next": rows[-1].id if len(rows) == limit else None,
    }  # fmt: skip
