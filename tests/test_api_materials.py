"""Photos and video of a lot (OJA Art 13(5)): the office uploads them, the public sees them
once an auction of the lot is announced, and a file must be what its type says."""

from __future__ import annotations

import io
import json
import struct
import zlib

import httpx
from PIL import Image
from PIL.PngImagePlugin import PngInfo

import support
from case_support import a_court, announced_lot, drafted_lot
from fapai.app.audit import trail
from fapai.app.cases import auction_terms
from fapai.storage.tables import lot_materials
from support import assert_error, row_count

API = "/api/v1"


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real, minimal PNG of one colour."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )  # fmt: skip


def pixels(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    """What a picture shows: stored photos are re-encoded without their metadata, so
    the bytes differ from the upload's and the pixels do not."""
    with Image.open(io.BytesIO(data)) as picture:
        return picture.mode, picture.size, picture.tobytes()


def upload(
    http: httpx.Client, token: str, lot: int, data: bytes, kind: str = "image/png",
    title: str = "客厅",
) -> httpx.Response:  # fmt: skip
    return http.post(
        f"{API}/court/lots/{lot}/materials", params={"title": title}, content=data,
        headers={**support.auth(token), "Content-Type": kind},
    )  # fmt: skip


def test_photos_are_public_once_the_auction_is_announced(services, clock, http) -> None:
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    picture = png()
    reply = upload(http, c.tokens["auction_office"], lot, picture)
    assert reply.status_code == 201, reply.text
    material = reply.json()["id"]
    # a draft and its pictures are the court's alone
    assert http.get(f"{API}/lots/{lot}/materials/{material}").status_code == 404
    auction_terms.announce(services, c.office, lot)
    served = http.get(f"{API}/lots/{lot}/materials/{material}")
    assert served.status_code == 200
    assert pixels(served.content) == pixels(picture)
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    listed = http.get(f"{API}/auctions/{auction}").json()["materials"]
    assert [(m["kind"], m["title"], m["url"]) for m in listed] == [
        ("photo", "客厅", f"/api/v1/lots/{lot}/materials/{material}")
    ]
    assert http.get(f"{API}/lots/{lot + 1}/materials/{material}").status_code == 404


def test_uploads_are_refused_unless_the_office_sends_a_real_file(services, clock, http) -> None:
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock)
    before = row_count(services, lot_materials)
    office = c.tokens["auction_office"]
    assert_error(upload(http, c.tokens["enforcement"], lot, png()), 403, "role_not_allowed")
    assert_error(upload(http, office, lot, b"<script>alert(1)</script>"), 422, "unreadable_file")
    assert_error(upload(http, office, lot, png(), "image/svg+xml"), 422, "unsupported_type")
    assert_error(upload(http, office, lot, png(), "image/jpeg"), 422, "unreadable_file")
    assert_error(upload(http, office, lot, png(), title="   "), 422, "invalid_title")
    for odd in ("客厅\r\nX-Evil: 1", "客\t厅", "\x1b[31m客厅", "客厅\x7f"):  # a caption is one line
        assert_error(upload(http, office, lot, png(), title=odd), 422, "invalid_title")
    other = a_court(services, "bj-hd")
    assert_error(upload(http, other.tokens["auction_office"], lot, png()), 404, "not_found")
    assert_error(upload(http, office, lot, png() + b"\x00" * (20 * 1024 * 1024)), 413,
                 "body_too_large")  # fmt: skip
    assert row_count(services, lot_materials) == before
    # a type with parameters longer than the column that keeps it: kept as its media type
    # (it was a 500 on PostgreSQL)
    typed = upload(http, office, lot, png(), "IMAGE/PNG; name=" + "x" * 60)
    assert typed.status_code == 201, typed.text
    served = http.get(f"{API}/lots/{lot}/materials/{typed.json()['id']}")
    assert served.headers["content-type"] == "image/png"
    # larger than the API's usual 64 KiB, well under 20 MiB: taken
    big = upload(http, office, lot, png(200, 200) + b"\x00" * 100_000)
    assert big.status_code == 201, big.text


def test_a_photos_metadata_is_not_kept(services, clock, http) -> None:
    """Issue 14: a camera's JPEG says where it was taken (EXIF GPS); a PNG may carry
    text. Photos are re-encoded with their pixels only; the picture is unchanged and
    turned upright by its EXIF orientation."""
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock)
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[0x010F] = "CameraMaker"
    exif.get_ifd(0x8825)[2] = (31.0, 14.0, 2.0)  # GPS latitude
    photo = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 200)).save(photo, "JPEG", exif=exif, quality=95)
    text = io.BytesIO()
    info = PngInfo()
    info.add_text("Comment", "上海市某路1号 张三家")
    Image.open(io.BytesIO(png())).save(text, "PNG", pnginfo=info)
    office = c.tokens["auction_office"]
    for data, kind in ((photo.getvalue(), "image/jpeg"), (text.getvalue(), "image/png")):
        reply = upload(http, office, lot, data, kind)
        assert reply.status_code == 201, reply.text
        served = http.get(f"{API}/lots/{lot}/materials/{reply.json()['id']}").content
        assert b"CameraMaker" not in served
        assert "张三".encode() not in served
        with Image.open(io.BytesIO(served)) as picture:
            assert not picture.getexif()
            assert "Comment" not in picture.info
            assert picture.size == ((20, 40) if kind == "image/jpeg" else (4, 3))
    broken = photo.getvalue()[:200]  # a JPEG's head, then nothing
    assert_error(upload(http, office, lot, broken, "image/jpeg"), 422, "unreadable_file")


def box(kind: bytes, *parts: bytes) -> bytes:
    body = b"".join(parts)
    return struct.pack(">I", 8 + len(body)) + kind + body


def test_a_videos_metadata_is_blanked_and_it_keeps_its_length(services, clock, http) -> None:
    """Issue 14: a phone's MP4 carries where it was filmed (udta ©xyz, an XMP uuid box)
    and when (the movie, track and media headers' times). Those are blanked in place:
    same length, so the sample offsets still hold; a file whose boxes do not add up is
    refused."""
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock)
    filmed = struct.pack(">II", 3_800_000_000, 3_800_000_100)  # 2024, seconds since 1904
    mvhd = box(b"mvhd", b"\x00\x00\x00\x00", filmed, b"\x00" * 88)
    tkhd = box(b"tkhd", b"\x00\x00\x00\x07", filmed, b"\x00" * 72)
    mdhd = box(b"mdhd", b"\x01\x00\x00\x00", b"\x00" * 4 + filmed[:4] + b"\x00" * 4 +
               filmed[4:], b"\x00" * 12)  # fmt: skip
    where = box(b"\xa9xyz", b"\x00\x12\x15\xc7+31.2304+121.4737/")
    video = (
        box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41")
        + box(b"moov", mvhd, box(b"trak", tkhd, box(b"mdia", mdhd)), box(b"udta", where))
        + box(b"uuid", b"\xbe\x7a\xcf\xcb" * 4, "<xmp>上海市某路1号</xmp>".encode())
        + box(b"mdat", b"frames" * 20)
    )
    office = c.tokens["auction_office"]
    reply = upload(http, office, lot, video, "video/mp4")
    assert reply.status_code == 201, reply.text
    served = http.get(f"{API}/lots/{lot}/materials/{reply.json()['id']}").content
    assert len(served) == len(video)
    assert b"+31.2304" not in served
    assert "上海市".encode() not in served
    assert filmed not in served
    assert filmed[:4] not in served
    assert served.startswith(video[: video.index(b"moov") + 4])  # ftyp untouched
    assert served.endswith(box(b"mdat", b"frames" * 20))  # the frames untouched
    assert served.count(b"free") == 2
    truncated = video[: len(video) - 10]  # the last box says more than there is
    deep = box(b"ftyp", b"isom")  # 1,200 nested boxes: refused, not a crash
    nested = box(b"udta", where)
    for _ in range(1200):
        nested = box(b"moov", nested)
    subtitles = box(b"moov", box(b"trak", box(b"mdia", box(b"hdlr", b"\x00" * 8 + b"sbtl"))))
    for refused in (truncated, deep + nested, video[:32] + subtitles):
        assert_error(upload(http, office, lot, refused, "video/mp4"), 422, "unreadable_file")
    # deeper than the movie: a sample table's, an edit list's, a fragment's user data
    inner = box(b"ftyp", b"isom") + box(
        b"moov", box(b"trak", box(b"edts", box(b"udta", where)),
                     box(b"mdia", box(b"minf", box(b"stbl", box(b"udta", where)))))
    ) + box(b"moof", box(b"traf", box(b"udta", where)))  # fmt: skip
    inner += box(b"XMP_", b"<xmp>GPS</xmp>")
    reply = upload(http, office, lot, inner, "video/mp4")
    assert reply.status_code == 201, reply.text
    served = http.get(f"{API}/lots/{lot}/materials/{reply.json()['id']}").content
    assert b"+31.2304" not in served
    assert b"GPS" not in served


def test_the_office_takes_a_material_off_the_lot_and_the_trail_keeps_why(
    services, clock, http
) -> None:
    """A photo showing a person, a report whose redaction failed, a file put on the wrong
    lot: the office takes it off, at any time (after the close too, when the announcement
    can no longer be corrected); the trail keeps what it was and why."""
    c = a_court(services)
    lot, auction = announced_lot(services, c, clock)
    office = c.tokens["auction_office"]
    kept, gone = (upload(http, office, lot, png()).json()["id"] for _ in range(2))
    url = f"{API}/court/lots/{lot}/materials/{gone}/withdrawal"
    why = {"reason": "照片中可见被执行人家属"}
    assert_error(http.post(url, json=why, headers=support.auth(c.tokens["enforcement"])), 403,
                 "role_not_allowed")  # fmt: skip
    other = a_court(services, "bj-hd")
    assert_error(http.post(url, json=why, headers=support.auth(other.tokens["auction_office"])),
                 404, "not_found")  # fmt: skip
    assert_error(http.post(url, json={"reason": "  "}, headers=support.auth(office)), 422,
                 "invalid_reason")  # fmt: skip
    elsewhere = f"{API}/court/lots/{lot + 1}/materials/{gone}/withdrawal"
    assert http.post(elsewhere, json=why, headers=support.auth(office)).status_code == 404
    assert http.get(f"{API}/lots/{lot}/materials/{gone}").status_code == 200

    assert http.post(url, json=why, headers=support.auth(office)).status_code == 204
    assert http.get(f"{API}/lots/{lot}/materials/{gone}").status_code == 404
    court = http.get(f"{API}/court/lots/{lot}/materials/{gone}", headers=support.auth(office))
    assert court.status_code == 404
    listed = http.get(f"{API}/auctions/{auction}").json()["materials"]
    assert [m["id"] for m in listed] == [kept]
    assert http.post(url, json=why, headers=support.auth(office)).status_code == 404  # once
    with services.db.read() as tx:
        withdrawn = [json.loads(r.payload) for r in tx.audit_rows(trail.SYSTEM)
                     if r.action == "lot.material_withdrawn"]  # fmt: skip
    assert [(w["material"], w["kind"], w["reason"]) for w in withdrawn] == [
        (gone, "photo", "照片中可见被执行人家属")
    ]
    assert len(withdrawn[0]["sha256"]) == 64
