"""A video's metadata blanked in place (issue 14: a phone's MP4 says where and when it
was filmed, in ``udta``/``meta`` boxes such as ``©xyz``, and in the headers' times).

The boxes are not cut out but renamed ``free`` and zeroed, wherever they sit, and the
creation and modification times of the movie, track and media headers are zeroed: the
file keeps its length, so the sample offsets (``stco``) still point at the same bytes
and the video plays as before. What cannot be blanked this way is refused: a track of
timed metadata or subtitles (a GoPro's GPS, a drone's subtitle track) keeps its data in
``mdat`` among the frames, and a file whose boxes do not add up, or nest deeper than any
camera writes, is not a video to keep. No codec is involved.
"""

from __future__ import annotations

# boxes that hold other boxes, where metadata or headers may sit
CONTAINERS = {
    b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex", b"moof",
    b"traf", b"mfra", b"sinf", b"schi",
}  # fmt: skip
HIDDEN = {b"udta", b"meta", b"uuid", b"XMP_"}  # user data, metadata, XMP
TIMED = {b"mvhd", b"tkhd", b"mdhd"}  # version/flags, then creation and modification time
REFUSED_TRACKS = {b"meta", b"text", b"sbtl", b"subt"}  # hdlr types carrying data in mdat
DEEPEST = 12  # real files nest fewer than ten boxes deep


def blank_metadata(data: bytes) -> bytes | None:
    """The video with its metadata blanked; None when it cannot be kept."""
    buffer = bytearray(data)
    if not _walk(buffer, 0, len(buffer), 0):
        return None
    return bytes(buffer)


def _walk(buffer: bytearray, start: int, end: int, depth: int) -> bool:
    if depth > DEEPEST:
        return False
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
        elif not _keeps(buffer, kind, body, stop, depth):
            return False
        at = stop
    return True


def _keeps(buffer: bytearray, kind: bytes, body: int, stop: int, depth: int) -> bool:
    """False for a track of timed metadata or subtitles, or a container that fails."""
    if kind == b"hdlr":
        return bytes(buffer[body + 8 : body + 12]) not in REFUSED_TRACKS
    return kind not in CONTAINERS or _walk(buffer, body, stop, depth + 1)
