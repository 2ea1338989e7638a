"""PDFs rewritten by pypdf, so that nothing but the pages reaches the public.

A report made in an office program carries its author and the program (the document
info), an XMP packet, often earlier revisions of itself (an incremental save keeps the
text as it was before the redaction), comments and form fields; a PDF may also carry
JavaScript, an action run on opening and embedded files. A new file is written with the
pages alone: their contents and resources, without the keys below at any depth, and no
document info, catalogue entries, outline or names of the original.

A picture in a report is often a photo as the camera left it, a JPEG kept in the file
as it was, whose EXIF may say who took it, with what and where; its metadata segments
are cut out as a photo's are re-encoded (app/lots/materials.py), the picture unchanged.

What the office saw over the text is refused rather than dropped: a black box drawn as
a comment (a common way to hide a name), an unapplied redaction mark, a form field or a
stamp are annotations, and a layer switched off lives in the catalogue; leaving either
out would show the public the very text the office saw hidden.
"""

from __future__ import annotations

import io
from typing import Any, Literal

from pypdf import PasswordType, PdfReader, PdfWriter

# Left out of every page and everything it refers to: annotations (comments, links,
# form widgets, attached files), actions, XMP packets, an editor's private data, page
# thumbnails (a picture of the page as it was), article beads, associated files.
DROPPED = (
    "/Annots", "/AA", "/A", "/OpenAction", "/JS", "/JavaScript", "/EmbeddedFiles", "/AF",
    "/Metadata", "/PieceInfo", "/LastModified", "/Thumb", "/B", "/StructParent",
    "/StructParents",
)  # fmt: skip
# annotations whose leaving out uncovers nothing: a link, a note's icon and its pop-up
UNCOVERING_NOTHING = ("/Link", "/Text", "/Popup")
# far beyond a report (tens of pages): a page tree naming one page a million times is a
# few megabytes that would take minutes and gigabytes to rewrite
MAX_PAGES = 1000
HIDDEN_OR_NO_VIEW = 2 | 32  # annotation flags (PDF 32000-1 12.5.3): not shown at all

# JPEG segments that say who, with what, when or where (EXIF, XMP, IPTC, comments): APP1 to
# APP13, APP15 and COM. APP0 (JFIF) and APP14 (Adobe: how to read the colours) are kept.
JPEG_METADATA = {*range(0xE1, 0xEE), 0xEF, 0xFE}


def _jpeg_without_metadata(data: bytes) -> bytes:
    """The JPEG with its metadata segments cut out, or as it was if it cannot be walked
    (then no viewer could show it either)."""
    if not data.startswith(b"\xff\xd8"):
        return data
    kept, at = [data[:2]], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: the picture itself, to the end
            return b"".join([*kept, data[at:]])
        end = at + 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if marker not in JPEG_METADATA:
            kept.append(data[at:end])
        at = end
    return data


def _pictures_without_metadata(resources: Any) -> None:
    """Every JPEG drawn on a page, in a form it draws too, without metadata segments."""
    for ref in (resources or {}).get("/XObject", {}).values():
        drawn = ref.get_object()
        if drawn.get("/Subtype") == "/Form":
            _pictures_without_metadata(drawn.get("/Resources"))
        elif drawn.get("/Filter") in ("/DCTDecode", ["/DCTDecode"]):
            drawn._data = _jpeg_without_metadata(drawn._data)  # still DCT-encoded


def _covers(reader: PdfReader) -> bool:
    """Whether the office saw something over the text that the pages alone would lose:
    an annotation shown on a page, other than a link or a note, or a layer switched off."""
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            shown = not int(annotation.get("/F", 0)) & HIDDEN_OR_NO_VIEW
            if shown and annotation.get("/Subtype") not in UNCOVERING_NOTHING:
                return True
    layers = reader.root_object.get("/OCProperties")
    view = layers.get_object().get("/D") if layers else None
    if view is None:
        return False
    view = view.get_object()
    return bool(view.get("/OFF")) or view.get("/BaseState") == "/OFF"


class PypdfPdfs:
    """The ``Pdfs`` port (app/lots/ports.py)."""

    def clean(
        self, data: bytes
    ) -> bytes | Literal["encrypted", "unreadable", "covered", "too_long"]:
        """The pages in a new file; why not when the file cannot be read or needs a
        password to open (its text could not be rewritten, nor its redaction checked by
        the court), has something over its text that the pages alone would lose
        (``_covers``), or more than ``MAX_PAGES`` pages."""
        try:
            reader = PdfReader(io.BytesIO(data))
            # a report locked against editing only (an owner's password, none to open it,
            # as appraisers often send them) opens with the empty password and is taken
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                return "encrypted"
            if len(reader.pages) > MAX_PAGES:
                return "too_long"
            if _covers(reader):
                return "covered"
            writer = PdfWriter()
            for page in reader.pages:
                writer.add_page(page, excluded_keys=DROPPED)
            if not writer.pages:
                return "unreadable"
            for page in writer.pages:
                _pictures_without_metadata(page.get("/Resources"))
            writer.metadata = None  # not even pypdf's own /Producer
            out = io.BytesIO()
            writer.write(out)
        # A damaged file fails in many ways inside the parser (its errors, but also
        # KeyError, TypeError, RecursionError…); any of them means "not taken".
        except Exception:
            return "unreadable"
        return out.getvalue()
