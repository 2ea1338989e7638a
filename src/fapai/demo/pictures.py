"""The demo's pictures, drawn and encoded as PNG in pure Python: a listing has photos
of its property (OJA Art 13(5); seed 003 Art 3(1): generally at least eight), and the
demo uploads these in their place.

A picture is a vertical gradient with a few flat shapes on it. Each shape says what
it covers of one row of pixels, so a picture is drawn a row at a time with byte
slices instead of pixel by pixel: a demo's few dozen pictures take a fraction of a
second, and each compresses to a few kilobytes.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

WIDTH, HEIGHT = 640, 400
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RGB = tuple[int, int, int]


class Shape(Protocol):
    def span(self, y: int) -> tuple[int, bytes] | None:
        """Where the shape starts on row ``y`` and its pixels from there, if it is on it."""


@dataclass(frozen=True, slots=True)
class Rect:
    left: int
    top: int
    right: int
    bottom: int
    colour: RGB

    def span(self, y: int) -> tuple[int, bytes] | None:
        if not self.top <= y < self.bottom:
            return None
        return self.left, bytes(self.colour) * (self.right - self.left)


@dataclass(frozen=True, slots=True)
class Disc:
    x: int
    y: int
    radius: int
    colour: RGB

    def span(self, y: int) -> tuple[int, bytes] | None:
        dy = y - self.y
        if dy * dy >= self.radius * self.radius:
            return None
        half = math.isqrt(self.radius * self.radius - dy * dy)
        return self.x - half, bytes(self.colour) * (2 * half + 1)


@dataclass(frozen=True, slots=True)
class Trapezoid:
    """From ``top_x`` wide at ``top`` to ``bottom_x`` wide at ``bottom``: a roof, a floor
    or a ceiling seen in perspective."""

    top: int
    bottom: int
    top_x: tuple[int, int]
    bottom_x: tuple[int, int]
    colour: RGB

    def span(self, y: int) -> tuple[int, bytes] | None:
        if not self.top <= y < self.bottom:
            return None
        t = (y - self.top) / (self.bottom - self.top)
        left = round(self.top_x[0] + (self.bottom_x[0] - self.top_x[0]) * t)
        right = round(self.top_x[1] + (self.bottom_x[1] - self.top_x[1]) * t)
        return left, bytes(self.colour) * max(0, right - left)


@dataclass(frozen=True, slots=True)
class Grid:
    """A rectangle of ``ground`` with a cell of ``cell`` of ``size`` centred in every
    ``pitch``: the windows of a building, tiles, the units and lights of a rack."""

    left: int
    top: int
    right: int
    bottom: int
    ground: RGB
    cell: RGB
    pitch: tuple[int, int]
    size: tuple[int, int]

    def span(self, y: int) -> tuple[int, bytes] | None:
        if not self.top <= y < self.bottom:
            return None
        width = self.right - self.left
        margin = (self.pitch[1] - self.size[1]) // 2
        if not margin <= (y - self.top) % self.pitch[1] < margin + self.size[1]:
            return self.left, bytes(self.ground) * width
        across, wide = self.pitch[0], self.size[0]
        left = (across - wide) // 2
        ground = bytes(self.ground)
        tile = ground * left + bytes(self.cell) * wide + ground * (across - wide - left)
        return self.left, (tile * (width // across + 1))[: 3 * width]


def frame(left: int, top: int, right: int, bottom: int, colour: RGB, width: int) -> list[Shape]:
    """The outline of a rectangle: a wall of a floor plan, the frame of a window."""
    return [
        Rect(left, top, right, top + width, colour),
        Rect(left, bottom - width, right, bottom, colour),
        Rect(left, top, left + width, bottom, colour),
        Rect(right - width, top, right, bottom, colour),
    ]


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def draw(top: RGB, bottom: RGB, shapes: Sequence[Shape]) -> bytes:
    """The PNG of a ``top`` to ``bottom`` gradient with ``shapes`` on it, later ones over
    earlier ones; shapes may run off the edges."""
    return encode(WIDTH, HEIGHT, paint(top, bottom, shapes))


def paint(top: RGB, bottom: RGB, shapes: Sequence[Shape]) -> list[bytes]:
    """The picture ``draw`` encodes, as rows of RGB bytes (the demo's film reads them)."""
    rows = []
    for y in range(HEIGHT):
        row = bytearray(bytes(mix(top, bottom, y / (HEIGHT - 1))) * WIDTH)
        for shape in shapes:
            found = shape.span(y)
            if found is None:
                continue
            start, pixels = found
            skip = max(0, -start)
            end = min(WIDTH, start + len(pixels) // 3)
            if start + skip < end:
                row[3 * (start + skip) : 3 * end] = pixels[3 * skip : 3 * (end - start)]
        rows.append(bytes(row))
    return rows


def encode(width: int, height: int, rows: Iterable[bytes]) -> bytes:
    """An 8-bit RGB PNG of ``height`` rows of ``3 * width`` bytes each."""
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 6))
        + _chunk(b"IEND", b"")
    )  # fmt: skip


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
