"""Photos and video of a lot (OJA Art 13(5): text, video or photos of the property;
seed 003 Art 3(1): generally at least eight photos and 90 seconds of video).

The office uploads them; they are public once one of the lot's auctions is announced,
and before that only the court sees them. A file is taken only when its first bytes
are what its type says, so a page never serves a script as a picture.
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
}


@dataclass(frozen=True, slots=True)
class Material:
    record: MaterialRecord
    data: bytes


def add(
    services: Services, user: CourtPrincipal, lot_id: int, content_type: str, title: str,
    data: bytes,
) -> int:  # fmt: skip
    require(user, "auction_office")
    media = content_type.split(";")[0].strip().lower()
    kind_and_test = TYPES.get(media)
    if kind_and_test is None:
        raise invalid(
            "unsupported_type", "仅接受 JPEG、PNG、WebP 图片或 MP4 视频。",
            "Only JPEG, PNG or WebP pictures and MP4 video are taken.",
        )  # fmt: skip
    kind, looks_right = kind_and_test
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
    name = title.strip()
    if not 0 < len(name) <= 100 or not storable(name):
        raise invalid("invalid_title", "须写明图片或视频的说明。", "Give the file a caption.")
    with services.db.write() as tx:
        now = services.clock()
        lot = tx.lot(lot_id)
        if lot is None:
            raise not_found("标的物", "Lot")
        if lot.court_id != user.court_id:
            raise other_court("标的物")
        digest = hashlib.sha256(data).hexdigest()
        actor = f"court_user:{user.login}"
        material_id = tx.add_material(lot_id, kind, name, content_type, digest, data, actor, now)
        trail.record(
            tx, trail.SYSTEM, now, actor, "lot.material_added", lot=lot_id,
            material=material_id, kind=kind, sha256=digest, size=len(data),
        )  # fmt: skip
    return material_id


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
        }
        for m in records
    ]


def cover(records: list[MaterialRecord]) -> str | None:
    """The lead photo of a lot (the first uploaded), shown on its listing card."""
    photo = next((m for m in records if m.kind == "photo"), None)
    return None if photo is None else f"/api/v1/lots/{photo.lot_id}/materials/{photo.id}"


def public(services: Services, lot_id: int, material_id: int) -> Material:
    """A material of a lot that is public (one of its auctions is announced)."""
    with services.db.read() as tx:
        found = tx.material_data(material_id)
        shown = any(a.status != "draft" for a in tx.lot_auctions(lot_id))
    if found is None or found[0].lot_id != lot_id or not shown:
        raise not_found("图片或视频", "Material")
    return Material(*found)


def for_court(services: Services, user: CourtPrincipal, lot_id: int, material_id: int) -> Material:
    """A material of a lot of the user's court, announced or not: the court sees a
    draft's pictures before the public does. Any role of that court may look."""
    with services.db.read() as tx:
        lot = tx.lot(lot_id)
        if lot is None:
            raise not_found("标的物", "Lot")
        if lot.court_id != user.court_id:
            raise other_court("标的物")
        found = tx.material_data(material_id)
    if found is None or found[0].lot_id != lot_id:
        raise not_found("图片或视频", "Material")
    return Material(*found)
