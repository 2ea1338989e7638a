"""The demo's viewing video (看样视频), made in pure Python: a listing may carry video of
its property (OJA Art 13(5); seed 003 Art 3(1)), and the demo shows the player with one.

The film is the album's pictures, one still after another, as an MP4 that any browser
plays: H.264 (Constrained Baseline) whose every frame is an IDR picture of I_PCM
macroblocks, the one coding that needs no transform or entropy coder (the samples are
stored as they are), each frame shown for ``SECONDS_PER_PICTURE``. At 160 × 100 pixels
a picture takes 27 KB, so a film of eight pictures is about 215 KB, made when the demo
starts; no video file is kept in the repository.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from functools import cache

from fapai.demo.albums import ALBUMS, TONES
from fapai.demo.pictures import HEIGHT, WIDTH, paint

SCALE = 4  # 640 × 400 pictures shown at 160 × 100
W, H = WIDTH // SCALE, HEIGHT // SCALE
MB_W, MB_H = -(-W // 16), -(-H // 16)  # whole macroblocks; the rest is cropped away
SECONDS_PER_PICTURE = 3
TIMESCALE = 1000
I_PCM = 25  # mb_type of an I slice's raw macroblock


class _Bits:
    """An H.264 RBSP written bit by bit (u(n), ue(v), se(v))."""

    def __init__(self) -> None:
        self.out = bytearray()
        self.byte = 0
        self.used = 0

    def u(self, n: int, value: int) -> None:
        for shift in range(n - 1, -1, -1):
            self.byte = (self.byte << 1) | ((value >> shift) & 1)
            self.used += 1
            if self.used == 8:
                self.out.append(self.byte)
                self.byte = self.used = 0

    def ue(self, value: int) -> None:
        code = value + 1
        self.u(code.bit_length() - 1, 0)
        self.u(code.bit_length(), code)

    def se(self, value: int) -> None:
        self.ue(2 * value - 1 if value > 0 else -2 * value)

    def align(self) -> None:
        while self.used:
            self.u(1, 0)

    def raw(self, data: bytes) -> None:
        assert self.used == 0
        self.out += data

    def trailing(self) -> bytes:
        self.u(1, 1)
        self.align()
        return bytes(self.out)


def _nal(ref_idc: int, kind: int, rbsp: bytes) -> bytes:
    """A NAL unit with emulation prevention (no 00 00 0x with x ≤ 3 inside)."""
    out = bytearray([(ref_idc << 5) | kind])
    zeros = 0
    for byte in rbsp:
        if zeros >= 2 and byte <= 3:
            out.append(3)
            zeros = 0
        out.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return bytes(out)


def _sps() -> bytes:
    b = _Bits()
    b.u(8, 66)  # profile_idc: Baseline
    b.u(8, 0xC0)  # constraint_set0 and set1: Constrained Baseline
    b.u(8, 30)  # level 3.0
    b.ue(0)  # seq_parameter_set_id
    b.ue(0)  # log2_max_frame_num_minus4
    b.ue(2)  # pic_order_cnt_type 2: output order is decoding order
    b.ue(1)  # max_num_ref_frames
    b.u(1, 0)  # gaps_in_frame_num_value_allowed_flag
    b.ue(MB_W - 1)
    b.ue(MB_H - 1)
    b.u(1, 1)  # frame_mbs_only_flag
    b.u(1, 1)  # direct_8x8_inference_flag
    crop_right, crop_bottom = (MB_W * 16 - W) // 2, (MB_H * 16 - H) // 2
    b.u(1, 1 if crop_right or crop_bottom else 0)
    if crop_right or crop_bottom:
        for offset in (0, crop_right, 0, crop_bottom):  # in 2-pixel units (4:2:0)
            b.ue(offset)
    b.u(1, 0)  # vui_parameters_present_flag
    return _nal(3, 7, b.trailing())


def _pps() -> bytes:
    b = _Bits()
    b.ue(0)  # pic_parameter_set_id
    b.ue(0)  # seq_parameter_set_id
    b.u(1, 0)  # entropy_coding_mode_flag: CAVLC
    b.u(1, 0)  # bottom_field_pic_order_in_frame_present_flag
    b.ue(0)  # num_slice_groups_minus1
    b.ue(0)  # num_ref_idx_l0_default_active_minus1
    b.ue(0)  # num_ref_idx_l1_default_active_minus1
    b.u(1, 0)  # weighted_pred_flag
    b.u(2, 0)  # weighted_bipred_idc
    b.se(0)  # pic_init_qp_minus26
    b.se(0)  # pic_init_qs_minus26
    b.se(0)  # chroma_qp_index_offset
    b.u(1, 1)  # deblocking_filter_control_present_flag
    b.u(1, 0)  # constrained_intra_pred_flag
    b.u(1, 0)  # redundant_pic_cnt_present_flag
    return _nal(3, 8, b.trailing())


def _planes(rows: Sequence[bytes]) -> tuple[list[list[int]], list[list[int]], list[list[int]]]:
    """Y, Cb, Cr (BT.601, studio range) of the picture scaled down and padded to whole
    macroblocks, chroma at half resolution (4:2:0). No sample is 0 (the first H.264
    edition kept PCM samples above 0; studio range never reaches it)."""
    pad_w, pad_h = MB_W * 16, MB_H * 16
    step = 3 * SCALE
    rgb = []  # (reds, greens, blues) of each row, scaled down and padded
    for y in range(pad_h):
        row = rows[min(y, H - 1) * SCALE]
        channels = [list(row[c::step][:W]) for c in range(3)]
        rgb.append([ch + [ch[-1]] * (pad_w - W) for ch in channels])

    # BT.601's integer form: Y in 16..235, Cb and Cr in 16..240, so never 0
    luma = [[((66 * r + 129 * g + 25 * b + 128) >> 8) + 16 for r, g, b in zip(*line, strict=True)]
            for line in rgb]  # fmt: skip
    cb, cr = [], []
    for y in range(0, pad_h, 2):
        top, bottom = rgb[y], rgb[y + 1]
        r, g, b = (
            [(t[x] + t[x + 1] + u[x] + u[x + 1] + 2) >> 2 for x in range(0, pad_w, 2)]
            for t, u in zip(top, bottom, strict=True)
        )
        cb.append(
            [
                ((-38 * R - 74 * G + 112 * B + 128) >> 8) + 128
                for R, G, B in zip(r, g, b, strict=True)
            ]
        )
        cr.append(
            [
                ((112 * R - 94 * G - 18 * B + 128) >> 8) + 128
                for R, G, B in zip(r, g, b, strict=True)
            ]
        )
    return luma, cb, cr


def _block(plane: list[list[int]], mx: int, my: int, size: int) -> bytes:
    """The samples of one macroblock's block of a plane, row by row."""
    return bytes(
        v for line in plane[my * size : (my + 1) * size] for v in line[mx * size : (mx + 1) * size]
    )


def _idr(rows: Sequence[bytes], idr_pic_id: int) -> bytes:
    """One picture as an IDR slice of I_PCM macroblocks."""
    luma, cb, cr = _planes(rows)
    b = _Bits()
    b.ue(0)  # first_mb_in_slice
    b.ue(7)  # slice_type: I, as every slice of the picture
    b.ue(0)  # pic_parameter_set_id
    b.u(4, 0)  # frame_num (log2_max_frame_num = 4)
    b.ue(idr_pic_id)  # two IDR pictures in a row differ in it
    b.u(1, 0)  # no_output_of_prior_pics_flag
    b.u(1, 0)  # long_term_reference_flag
    b.se(0)  # slice_qp_delta
    b.ue(1)  # disable_deblocking_filter_idc: off (PCM is not filtered anyway)
    for my in range(MB_H):
        for mx in range(MB_W):
            b.ue(I_PCM)
            b.align()  # pcm_alignment_zero_bit
            b.raw(_block(luma, mx, my, 16))
            b.raw(_block(cb, mx, my, 8))
            b.raw(_block(cr, mx, my, 8))
    return _nal(3, 5, b.trailing())


def _box(kind: bytes, *parts: bytes) -> bytes:
    body = b"".join(parts)
    return struct.pack(">I", 8 + len(body)) + kind + body


def _full(kind: bytes, version_flags: int, *parts: bytes) -> bytes:
    return _box(kind, struct.pack(">I", version_flags), *parts)


def _mp4(samples: list[bytes], sps: bytes, pps: bytes) -> bytes:
    """The samples (NAL units, one a sample) in an MP4 of one video track."""
    duration = SECONDS_PER_PICTURE * TIMESCALE * len(samples)
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    ftyp = _box(b"ftyp", b"isom", struct.pack(">I", 0x200), b"isomiso2avc1mp41")
    avcc = _box(
        b"avcC", bytes([1, sps[1], sps[2], sps[3], 0xFF, 0xE1]), struct.pack(">H", len(sps)),
        sps, b"\x01", struct.pack(">H", len(pps)), pps,
    )  # fmt: skip
    avc1 = _box(
        b"avc1", bytes(6), struct.pack(">H", 1), bytes(16), struct.pack(">HH", W, H),
        struct.pack(">II", 0x480000, 0x480000), bytes(4), struct.pack(">H", 1), bytes(32),
        struct.pack(">Hh", 0x18, -1), avcc,
    )  # fmt: skip
    payload = [struct.pack(">I", len(s)) + s for s in samples]

    def stbl(mdat_at: int) -> bytes:
        offsets, at = [], mdat_at
        for p in payload:
            offsets.append(at)
            at += len(p)
        each = SECONDS_PER_PICTURE * TIMESCALE
        sizes = b"".join(struct.pack(">I", len(p)) for p in payload)
        chunks = b"".join(struct.pack(">I", o) for o in offsets)
        return _box(
            b"stbl",
            _full(b"stsd", 0, struct.pack(">I", 1), avc1),
            _full(b"stts", 0, struct.pack(">III", 1, len(samples), each)),
            _full(b"stsc", 0, struct.pack(">IIII", 1, 1, 1, 1)),
            _full(b"stsz", 0, struct.pack(">II", 0, len(payload)), sizes),
            _full(b"stco", 0, struct.pack(">I", len(offsets)), chunks),
        )  # fmt: skip

    def moov(mdat_at: int) -> bytes:
        return _box(
            b"moov",
            _full(b"mvhd", 0, struct.pack(">IIII", 0, 0, TIMESCALE, duration),
                  struct.pack(">IH", 0x10000, 0x100), bytes(10), matrix, bytes(24),
                  struct.pack(">I", 2)),
            _box(b"trak",
                 _full(b"tkhd", 3, struct.pack(">IIIII", 0, 0, 1, 0, duration), bytes(8),
                       struct.pack(">hhhH", 0, 0, 0, 0), matrix,
                       struct.pack(">II", W << 16, H << 16)),
                 _box(b"mdia",
                      _full(b"mdhd", 0, struct.pack(">IIII", 0, 0, TIMESCALE, duration),
                            struct.pack(">HH", 0x55C4, 0)),  # language "und"
                      _full(b"hdlr", 0, bytes(4), b"vide", bytes(12), b"VideoHandler\x00"),
                      _box(b"minf",
                           _full(b"vmhd", 1, bytes(8)),
                           _box(b"dinf", _full(b"dref", 0, struct.pack(">I", 1),
                                               _full(b"url ", 1))),
                           stbl(mdat_at)))),
        )  # fmt: skip

    head = len(ftyp) + len(moov(0)) + 8  # the offsets' size does not depend on their values
    return ftyp + moov(head) + _box(b"mdat", *payload)


@cache
def film(name: str, tone: int) -> bytes:
    """The MP4 of album ``name``'s pictures in tone ``tone``, made once per process."""
    colours = TONES[tone % len(TONES)]
    pictures = [paint(*scene(colours, variant)) for _, scene, variant in ALBUMS[name]]
    sps, pps = _sps(), _pps()
    return _mp4([_idr(rows, i % 2) for i, rows in enumerate(pictures)], sps, pps)
