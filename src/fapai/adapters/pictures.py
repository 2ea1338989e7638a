"""Photos re-encoded by Pillow, so that nothing but the pixels reaches the public.

A camera's JPEG carries EXIF (the place to a few metres, the time, the device's
serial number); a PNG may carry text chunks. A lot's photos are often taken at
someone's home, so the file is decoded and written anew with no metadata at all,
after turning it upright by its EXIF orientation (which goes with the rest).
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps

# A decoded picture may not exceed this many pixels (a small file may decode to
# gigabytes: a "decompression bomb"). 60 megapixels is above any camera's photo.
MAX_PIXELS = 60_000_000
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


class PillowPictures:
    """The ``Pictures`` port (app/lots/ports.py)."""

    def clean(self, content_type: str, data: bytes) -> bytes | None:
        """The picture re-encoded without metadata; None when it cannot be decoded."""
        target = _FORMATS.get(content_type)
        if target is None:
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data), formats=[target]) as opened:
                    if opened.width * opened.height > MAX_PIXELS:
                        return None
                    picture = ImageOps.exif_transpose(opened)
                    picture.load()
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
                Image.DecompressionBombWarning):  # fmt: skip
            return None
        if target == "JPEG" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        out = io.BytesIO()
        options: dict[str, object] = {"quality": 90} if target in ("JPEG", "WEBP") else {}
        # A new image with the pixels only: nothing of the file's ``info`` (EXIF, ICC,
        # text chunks, comments) can reach the encoder.
        clean = Image.new(picture.mode, picture.size)
        if picture.mode == "P":
            clean.putpalette(picture.getpalette() or [])
        clean.paste(picture)
        clean.save(out, format=target, **options)
        return out.getvalue()
