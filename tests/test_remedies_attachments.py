"""An objection's papers: PDF, JPEG or PNG whose first bytes match, up to 10 MiB each."""

from __future__ import annotations

import pytest

from fapai.domain.remedies.attachments import MAX_BYTES, MAX_FILES, attachment_problem, too_many

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 8
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 12


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("application/pdf", PDF),
        ("image/png", PNG),
        ("image/jpeg", JPEG),
        ("Application/PDF; x=1", PDF),
    ],
)
def test_pdf_and_pictures_are_taken(content_type: str, data: bytes) -> None:
    assert attachment_problem(content_type, data) is None


@pytest.mark.parametrize(
    ("content_type", "data", "problem"),
    [
        ("text/html", b"<html>", "unsupported_type"),
        ("application/pdf", b"", "empty_file"),
        ("application/pdf", b"<script>alert(1)</script>", "type_mismatch"),
        ("image/png", JPEG, "type_mismatch"),
        ("application/pdf", PDF + b"\0" * (MAX_BYTES - len(PDF) + 1), "file_too_large"),
    ],
)
def test_other_files_are_refused_with_a_reason(
    content_type: str, data: bytes, problem: str
) -> None:
    assert attachment_problem(content_type, data) == problem


def test_a_file_of_exactly_the_limit_is_taken() -> None:
    assert attachment_problem("application/pdf", PDF + b"\0" * (MAX_BYTES - len(PDF))) is None


def test_one_filing_carries_at_most_ten_files() -> None:
    assert not too_many(MAX_FILES)
    assert too_many(MAX_FILES + 1)
