"""PDFs rewritten by pypdf, so that nothing but the pages reaches the public.

A report made in an office program carries its author and the program (the document
info), an XMP packet, often earlier revisions of itself (an incremental save keeps the
text as it was before the redaction), comments and form fields; a PDF may also carry
JavaScript, an action run on opening and embedded files. A new file is written with the
pages alone: their contents and resources, without the keys below at any depth, and no
document info, catalogue entries, outline or names of the original.
"""

from __future__ import annotations

import io
from typing import Literal

from pypdf import PdfReader, PdfWriter

# Left out of every page and everything it refers to: annotations (comments, links,
# form widgets, attached files), actions, XMP packets, an editor's private data, page
# thumbnails (a picture of the page as it was), article beads, associated files.
DROPPED = (
    "/Annots", "/AA", "/A", "/OpenAction", "/JS", "/JavaScript", "/EmbeddedFiles", "/AF",
    "/Metadata", "/PieceInfo", "/LastModified", "/Thumb", "/B", "/StructParent",
    "/StructParents",
)  # fmt: skip


class PypdfPdfs:
    """The ``Pdfs`` port (app/lots/ports.py)."""

    def clean(self, data: bytes) -> bytes | Literal["encrypted", "unreadable"]:
        """The pages in a new file; why not when the file cannot be read or is encrypted
        (its text could not be rewritten, nor its redaction checked by the court)."""
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                return "encrypted"
            writer = PdfWriter()
            for page in reader.pages:
                writer.add_page(page, excluded_keys=DROPPED)
            if not writer.pages:
                return "unreadable"
            writer.metadata = None  # not even pypdf's own /Producer
            out = io.BytesIO()
            writer.write(out)
        # A damaged file fails in many ways inside the parser (its errors, but also
        # KeyError, TypeError, RecursionError…); any of them means "not taken".
        except Exception:
            return "unreadable"
        return out.getvalue()
