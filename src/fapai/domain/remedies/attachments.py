"""The papers an objection comes with: PDF or pictures, checked by their first bytes.

A filer's evidence is later shown to court staff, so a file is taken only when its
first bytes are what its declared type says (a script named ``.pdf`` is refused), and
only up to a size a court's reader opens comfortably.
"""

from __future__ import annotations

from collections.abc import Callable

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10

#: content type -> a test of the file's first bytes
_SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    "application/pdf": lambda head: head.startswith(b"%PDF-"),
    "image/jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "image/png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
}

ACCEPTED_TYPES = tuple(_SIGNATURES)


def attachment_problem(content_type: str, data: bytes) -> str | None:
    """Why one attachment cannot be taken (a stable code), or None when it can."""
    media = content_type.split(";")[0].strip().lower()
    looks_right = _SIGNATURES.get(media)
    if looks_right is None:
        return "unsupported_type"
    if not data:
        return "empty_file"
    if len(data) > MAX_BYTES:
        return "file_too_large"
    if not looks_right(data[:16]):
        return "type_mismatch"
    return None


def too_many(count: int) -> bool:
    """More attachments than one filing carries; the rest go in a supplement."""
    return count > MAX_FILES
