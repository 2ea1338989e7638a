"""A video's metadata blanked in place (issue 14: a phone's MP4 says where and when it
was filmed, in ``udta``/``meta`` boxes such as ``©xyz``, and in the headers' times).

The boxes are not cut out but renamed ``free`` and zeroed, and the creation and
modification times of the movie, track and media headers are zeroed: the file keeps its
length, so the sample offsets (``stco``) still point at the same bytes and the video
plays as before. No codec is involved; a file whose boxes do not add up is refused.
"""

from __future__ import annotations

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf"}  # where metadata and headers sit
HIDDEN = {b"udta", b"meta", b"uuid"}  # user data, metadata, XMP (a uuid box)
TIMED = {b"mvhd", b"tkhd", b"mdhd"}  # version/flags, then creation and modification time


def blank_metadata(data: bytes) -> bytes | None:
    """The video with its metadata blanked; None when its boxes are malformed."""
    buffer = bytearray(data)
    if not _walk(buffer, 0, len(buffer)):
        return None
    return bytes(buffer)


def _walk(buffer: bytearray, start: int, end: int) -> bool:
    at = start
    while at < end:
        if end - at < 8:
            return False
        size, header = int.from_bytes(buffer[at : at + 4], "big"), 8
        kind = bytes(buffer[at + 4 : at + 8])
        if size == 1:  # a 64-bit size follows the type
            if end - at < 16:
                return False
            size, header = int.from_bytes(buffer[at + 8 : at + 16], "big"), 16
        elif size == 0:  # the box runs to the end of its parent
            size = end - at
        if size < header or at + size > end:
            return False
        body, stop = at + header, at + size
        if kind in HIDDEN:
            buffer[at + 4 : at + 8] = b"free"
            buffer[body:stop] = bytes(stop - body)
        elif kind in TIMED:
            width = 8 if stop - body > 0 and buffer[body] == 1 else 4
            if body + 4 + 2 * width <= stop:
                buffer[body + 4 : body + 4 + 2 * width] = bytes(2 * width)
        elif kind in CONTAINERS and not _walk(buffer, body, stop):
            return False
        at = stop
    return True
