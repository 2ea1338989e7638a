"""Photos, video and documents of a lot (OJA Art 13(5): text, video or photos of the
property; seed 003 Art 3(1): generally at least eight photos and 90 seconds of video;
issue 16: the appraisal report where the court publishes it).

The office uploads them; they are public once one of the lot's auctions is announced,
and before that only the court sees them. A file is taken only when its first bytes
are what its type says, so a page never serves a script as a picture.

A document (a PDF, such as the appraisal report 评估报告) names the parties in its text
unless the court hid them, as it does for judgments published online; the office
declares it did (``redacted``), and the declaration is on the trail. Only the pages are
kept (adapters/pdfs.py). The public sees a document only where the announcement of the
lot's latest announced round says the report is published (``report_published``): the
announcement and the page then say the same, and a correction turning it off takes the
file off the page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.errors import AppError, invalid, not_found, other_court
from fapai.app.lots import mp4
from fapai.app.lots.intake import storable
from fapai.app.lots.ports import MaterialRecord
from fapai.app.lots.published import versions
from fapai.app.ports import Tx
from fapai.app.services import Services

MAX_BYTES = 20 * 1024 * 1024
# what a lot usually has (seed 003 Art 3(1)): the desk counts against it, nothing waits on it
USUAL_PHOTOS = 8
USUAL_VIDEO_SECONDS = 90
# content type -> (kind, a test of the file's first bytes)
TYPES: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    "image/jpeg": ("photo", lambda head: head.startswith(b"\xff\xd8\xff")),
    "image/png": ("photo", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "image/webp": ("photo", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    "video/mp4": ("video", lambda head: head[4:8] == b"ftyp"),
    "application/pdf": ("document", lambda head: head.startswith(b"%PDF-")),
}


@dataclass(frozen=True, slots=True)
class Material:
    record: MaterialRecord
    data: bytes
    # a document's name when saved: （2026）沪01执123号-评估报告.pdf, as the court's own
    # documents are named (app/documents/parts.py), so reports of several lots saved by
    # one bidder do not all read 评估报告.pdf
    file_name: str = ""


def _named(tx: Tx, record: MaterialRecord, data: bytes) -> Material:
    if record.kind != "document":
        return Material(record, data)
    lot = tx.lot(record.lot_id)
    case = tx.case(lot.case_id) if lot is not None and lot.case_id is not None else None
    name = record.title if case is None else f"{case.number}-{record.title}"
    return Material(record, data, name.translate({ord(c): "-" for c in '/\\:*?"<>|'}) + ".pdf")


def add(
    services: Services, user: CourtPrincipal, lot_id: int, content_type: str, title: str,
    data: bytes, redacted: bool = False,
) -> int:  # fmt: skip
    """``redacted``: the office declares it hid the personal information in a document
    (required for a PDF, not asked of photos and video)."""
    require(user, "auction_office")
    media = content_type.split(";")[0].strip().lower()
    kind_and_test = TYPES.get(media)
    if kind_and_test is None:
        raise invalid(
            "unsupported_type", "仅接受 JPEG、PNG、WebP 图片，MP4 视频或 PDF 文件。",
            "Only JPEG, PNG or WebP pictures, MP4 video and PDF documents are taken.",
        )  # fmt: skip
    kind, looks_right = kind_and_test
    if kind == "document" and not redacted:
        raise invalid(
            "redaction_not_declared", "须确认已对报告中的个人信息作隐名处理。",
            "Confirm that the personal information in the report has been hidden.",
        )  # fmt: skip
    if not data or len(data) > MAX_BYTES or not looks_right(data[:16]):
        raise _unreadable()
    if kind == "photo":  # re-encoded: a photo's EXIF may say where it was taken (issue 14)
        cleaned = services.pictures.clean(media, data) if services.pictures else None
        if cleaned is None or len(cleaned) > MAX_BYTES:
            raise _unreadable()
        data = cleaned
    if kind == "video":  # a phone's video says where and when it was filmed
        blanked = mp4.blank_metadata(data)
        if blanked is None:
            raise _unreadable()
        data = blanked
    if kind == "document":
        data = _pages_only(services, data)
    name = title.strip()
    # one line: a caption is the file's name when saved, and a line break or an escape
    # sequence in it would reach the page, the desk and the bidder's saved file
    if (
        not 0 < len(name) <= 100
        or not storable(name)
        or any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in name)
    ):
        raise invalid(
            "invalid_title", "须写明文件的说明（一行，不超过100字）。",
            "Give the file a caption (one line, up to 100 characters).",
        )  # fmt: skip
    with services.db.write() as tx:
        now = services.clock()
        _own_lot(tx, user, lot_id)
        digest = hashlib.sha256(data).hexdigest()
        actor = f"court_user:{user.login}"
        # the media type alone: its parameters say nothing of the bytes kept, and may be
        # longer than the column
        material_id = tx.add_material(lot_id, kind, name, media, digest, data, actor, now)
        declared = {"redacted": True} if kind == "document" else {}
        trail.record(
            tx, trail.SYSTEM, now, actor, "lot.material_added", lot=lot_id,
            material=material_id, kind=kind, sha256=digest, size=len(data), **declared,
        )  # fmt: skip
    return material_id


def withdraw(
    services: Services, user: CourtPrincipal, lot_id: int, material_id: int, reason: str
) -> None:
    """The office takes a photo, video or document off the lot: one that shows what it
    must not (a person, a report whose redaction failed) or was put on the wrong lot. At
    any time, the close included, when the announcement can no longer be corrected. The
    bytes are deleted; the trail keeps what it was (kind, caption, hash) and why."""
    require(user, "auction_office")
    why = reason.strip()
    if not 0 < len(why) <= 500 or not storable(why):
        raise invalid(
            "invalid_reason", "须写明撤下的理由（不超过500字）。",
            "Give the reason for taking it off (up to 500 characters).",
        )  # fmt: skip
    with services.db.write() as tx:
        _own_lot(tx, user, lot_id)
        found = next((m for m in tx.materials(lot_id) if m.id == material_id), None)
        if found is None:
            raise not_found("图片、视频或文件", "Material")
        tx.remove_material(material_id)
        now = services.clock()
        trail.record(
            tx, trail.SYSTEM, now, f"court_user:{user.login}", "lot.material_withdrawn",
            lot=lot_id, material=material_id, kind=found.kind, title=found.title,
            sha256=found.sha256, reason=why,
        )  # fmt: skip


def _pages_only(services: Services, data: bytes) -> bytes:
    """The PDF rewritten with its pages only, or the refusal saying why not."""
    cleaned = services.pdfs.clean(data) if services.pdfs else "unreadable"
    if cleaned == "encrypted":
        raise invalid(
            "encrypted_pdf", "PDF 文件已加密，需要密码才能打开，请上传无需密码即可打开的文件。",
            "The PDF is encrypted and needs a password to open; upload a copy that opens"
            " without one.",
        )  # fmt: skip
    if cleaned == "too_long":
        raise invalid(
            "too_many_pages", "PDF 文件超过 1000 页，请只上传报告本身。",
            "The PDF has more than 1,000 pages; upload the report alone.",
        )  # fmt: skip
    if cleaned == "covered":
        raise invalid(
            "covered_pdf",
            "PDF 中有批注、遮盖框、表单或隐藏的图层，公开时会被去除而露出其下的文字："
            "请在 PDF 软件中应用隐名（或“拼合”文件）后重新上传。",
            "The PDF has comments, boxes, form fields or hidden layers over its text, which"
            " the published copy would lose, showing what they cover: apply the redaction"
            " (or flatten the file) and upload it again.",
        )  # fmt: skip
    if isinstance(cleaned, str) or len(cleaned) > MAX_BYTES:
        raise invalid(
            "unreadable_pdf", "无法读取该 PDF 文件（文件已损坏或不完整）。",
            "The PDF cannot be read (it is damaged or incomplete).",
        )  # fmt: skip
    return cleaned


def _unreadable() -> AppError:
    return invalid(
        "unreadable_file", "文件为空、过大（超过 20 MiB）或与其类型不符。",
        "The file is empty, larger than 20 MiB, or not of its stated type.",
    )  # fmt: skip


def listed(records: list[MaterialRecord]) -> list[dict[str, object]]:
    """The materials as an auction's snapshot lists them."""
    return [
        {
            "id": m.id,
            "kind": m.kind,
            "title": m.title,
            "url": f"/api/v1/lots/{m.lot_id}/materials/{m.id}",
            "sha256": m.sha256,
            "size": m.size,
        }
        for m in records
    ]


def cover(records: list[MaterialRecord]) -> str | None:
    """The lead photo of a lot (the first uploaded), shown on its listing card."""
    photo = next((m for m in records if m.kind == "photo"), None)
    return None if photo is None else f"/api/v1/lots/{photo.lot_id}/materials/{photo.id}"


def public_records(tx: Tx, lot_id: int) -> list[MaterialRecord]:
    """The lot's materials the public sees: none before one of its auctions is announced;
    the documents only while the latest announcement publishes the report."""
    rounds = tx.lot_auctions(lot_id)
    if all(a.status == "draft" for a in rounds):
        return []
    steps = tx.steps(lot_id)
    current = next((found[-1] for a in reversed(rounds) if (found := versions(steps, a.id))), {})
    report = current.get("facts", {}).get("reference", {}).get("report_published") is True
    return [m for m in tx.materials(lot_id) if m.kind != "document" or report]


def public(services: Services, lot_id: int, material_id: int) -> Material:
    """A material of a lot that is public (``public_records``)."""
    with services.db.read() as tx:
        shown = {m.id for m in public_records(tx, lot_id)}
        found = tx.material_data(material_id) if material_id in shown else None
        if found is None:
            raise not_found("图片、视频或文件", "Material")
        return _named(tx, *found)


def for_court(services: Services, user: CourtPrincipal, lot_id: int, material_id: int) -> Material:
    """A material of a lot of the user's court, announced or not: the court sees a
    draft's pictures before the public does. Any role of that court may look."""
    with services.db.read() as tx:
        _own_lot(tx, user, lot_id)
        found = tx.material_data(material_id)
        if found is None or found[0].lot_id != lot_id:
            raise not_found("图片、视频或文件", "Material")
        return _named(tx, *found)


def _own_lot(tx: Tx, user: CourtPrincipal, lot_id: int) -> None:
    """Refuses a lot that does not exist or belongs to another court."""
    lot = tx.lot(lot_id)
    if lot is None:
        raise not_found("标的物", "Lot")
    if lot.court_id != user.court_id:
        raise other_court("标的物")
