"""The PDFs are set as Chinese documents are: lines broken by 避头尾, the Chinese font
embedded, the signature and the seal where a court puts them, and the file dated and
named by the document itself.

Lines are read back with pypdf, which puts each line the PDF draws on a line of its own.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from pypdf import PdfReader

from fapai.adapters.chinese_type import CANNOT_END, CANNOT_START, break_lines
from fapai.app.documents import (
    announcement,
    confirmation_letter,
    notice_to_party,
    ruling_to_auction,
    sale_ruling,
    title_transfer_notice,
)
from test_documents import (
    CASE,
    LOT,
    PARTY,
    RENDERER,
    SALE,
    SALE_RULING,
    TERMS,
    TRANSFER,
    html_text,
    pdf_text,
    squeeze,
)

PANEL = ("顾文斌", "沈佳怡", "陆志明")
BEIJING = timezone(timedelta(hours=8))


def lines(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        found += [line.strip() for line in page.extract_text().splitlines() if line.strip()]
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_line_of_a_long_document_breaks_against_the_chinese_rules(lang: str) -> None:
    """避头尾 (GB/T 15834; W3C clreq): no line begins with closing punctuation, none ends
    with an opening bracket. The announcement runs four pages of dense clauses; a lot at
    an address that is all brackets and figures tests the corners."""
    lot = replace(LOT, location="上海市浦东新区（自贸试验区）张江路88弄5号（近地铁站）")
    found = lines(RENDERER.pdf(announcement(CASE, lot, TERMS, lang)))
    assert len(found) > 100
    starts = [line for line in found if line[0] in CANNOT_START]
    ends = [line for line in found if line[-1] in CANNOT_END]
    assert not starts, starts
    assert not ends, ends


def test_a_line_breaks_before_the_last_character_rather_than_start_with_a_comma() -> None:
    """Ten characters fit; the eleventh is "，": the tenth moves down with it."""
    text = "一二三四五六七八九十，十一"
    spans = break_lines(list(text), [10.0] * len(text), [100.0])
    assert [text[a:b] for a, b in spans] == ["一二三四五六七八九", "十，十一"]


def test_an_opening_bracket_goes_down_with_what_it_opens() -> None:
    text = "一二三四五六七八九（十）"
    spans = break_lines(list(text), [10.0] * len(text), [100.0])
    assert [text[a:b] for a, b in spans] == ["一二三四五六七八九", "（十）"]


def test_a_sum_of_money_is_never_cut_in_two() -> None:
    text = "价款为¥1,234,567.89元"
    spans = break_lines(list(text), [10.0] * len(text), [140.0])
    assert [text[a:b] for a, b in spans] == ["价款为", "¥1,234,567.89元"]


def fonts(data: bytes) -> list[dict]:
    reader = PdfReader(io.BytesIO(data))
    found = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            found[(name, ref.idnum)] = ref.get_object()
    return list(found.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chinese_font_is_embedded_and_no_reader_font_is_named(lang: str) -> None:
    """Every glyph the document uses travels in the file, so the PDF reads the same on a
    machine with no Chinese font at all."""
    data = RENDERER.pdf(sale_ruling(CASE, LOT, SALE, SALE_RULING, lang))
    names = {str(f["/BaseFont"]): f for f in fonts(data)}
    chinese = [f for name, f in names.items() if name.endswith("+WenQuanYiMicroHei-0")]
    assert chinese
    for font in chinese:
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"]
    assert b"STSong" not in data
    # the rest is Helvetica, one of the standard fonts every PDF reader has
    assert set(names) - {str(f["/BaseFont"]) for f in chinese} <= {"/Helvetica", "/Helvetica-Bold"}


@pytest.mark.parametrize(
    ("content", "day"),
    [
        (sale_ruling(CASE, LOT, SALE, SALE_RULING), SALE_RULING.signed_on),
        (confirmation_letter(CASE, LOT, TERMS, SALE), date(2026, 3, 2)),
        (announcement(CASE, LOT, TERMS, issued_on=date(2026, 1, 28)), date(2026, 1, 28)),
        # undated, for the court to date when it seals: the day the panel set the terms
        (announcement(CASE, LOT, TERMS), TERMS.decided_on),
        (notice_to_party(CASE, LOT, TERMS, PARTY), TERMS.decided_on),
        (title_transfer_notice(CASE, LOT, SALE, TRANSFER), TRANSFER.served_on),
    ],
)
def test_the_file_is_dated_by_the_document_and_titled_in_chinese(content, day: date) -> None:
    info = PdfReader(io.BytesIO(RENDERER.pdf(content))).metadata
    assert info is not None
    assert info.creation_date == datetime(day.year, day.month, day.day, tzinfo=BEIJING)
    assert info.modification_date == info.creation_date
    assert info.author == CASE.court_name
    assert info.title == content.title
    assert info.subject == content.file_name.removesuffix(".pdf")
    assert re.search(r"[\u4e00-\u9fff]", info.title + info.subject)


def test_the_footer_names_the_court_and_not_its_code() -> None:
    for lang in ("zh", "en"):
        text = pdf_text(RENDERER.pdf(announcement(CASE, LOT, TERMS, lang)))
        assert CASE.court_code not in text
        assert squeeze(CASE.court_name) in text


def test_a_ruling_is_signed_by_its_panel_and_clerk_with_the_seal_on_the_date() -> None:
    """The presiding judge, the judges, the date in Chinese numerals with the seal's mark,
    then the clerk, whose name is not on record and is left for the clerk to sign."""
    ruling = replace(SALE_RULING, panel=PANEL)
    zh = pdf_text(RENDERER.pdf(sale_ruling(CASE, LOT, SALE, ruling)))
    assert "审判长顾文斌审判员沈佳怡审判员陆志明二〇二六年三月十六日（院印）书记员" in zh
    en = pdf_text(RENDERER.pdf(sale_ruling(CASE, LOT, SALE, ruling, "en")))
    assert "PresidingJudge顾文斌Judge沈佳怡Judge陆志明16March2026(courtseal)Clerk" in en
    page = html_text(RENDERER.html(sale_ruling(CASE, LOT, SALE, ruling)))
    assert "审判长顾文斌审判员沈佳怡审判员陆志明二〇二六年三月十六日（院印）书记员" in page


def test_a_ruling_with_no_panel_on_record_is_signed_by_the_court() -> None:
    text = pdf_text(RENDERER.pdf(ruling_to_auction(CASE, LOT, SALE_RULING)))
    assert squeeze(f"{CASE.court_name}二〇二六年三月十六日（院印）") in text
    assert "审判长" not in text


def test_a_letter_is_signed_by_the_court_with_the_seal_over_its_name_and_date() -> None:
    content = confirmation_letter(CASE, LOT, TERMS, SALE)
    signed = squeeze(f"{CASE.court_name}二〇二六年三月二日（院印）")
    assert signed in pdf_text(RENDERER.pdf(content))
    page = RENDERER.html(content)
    assert "（院印）" in page
    assert "二〇二六年三月二日" in page
