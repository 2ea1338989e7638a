"""The documents read as a court writes: no blank left by a missing answer, the measure
the court actually took rather than a form's 查封（扣押、冻结）, no bracket doubled around
an aside that has brackets of its own, and files named in Chinese by the case number."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from fapai.app.documents import (
    DocumentContent,
    LotFacts,
    announcement,
    confirmation_letter,
    notice_to_party,
    ruling_to_auction,
    sale_ruling,
    title_transfer_notice,
)
from test_documents import (
    AUCTION_RULING,
    CASE,
    DISCLOSURE,
    HOLDER,
    LOT,
    PARTY,
    RENDERER,
    SALE,
    SALE_RULING,
    TERMS,
    TRANSFER,
    html_text,
    pdf_text,
)

Build = Callable[[LotFacts, str], DocumentContent]
EVERY: dict[str, Build] = {
    "ruling_to_auction": lambda lot, lang: ruling_to_auction(CASE, lot, AUCTION_RULING, lang),
    "notice": lambda lot, lang: notice_to_party(CASE, lot, TERMS, HOLDER, lang),
    "announcement": lambda lot, lang: announcement(CASE, lot, TERMS, lang),
    "confirmation_letter": lambda lot, lang: confirmation_letter(CASE, lot, TERMS, SALE, lang),
    "sale_ruling": lambda lot, lang: sale_ruling(CASE, lot, SALE, SALE_RULING, lang),
    "title_transfer_notice": lambda lot, lang: title_transfer_notice(
        CASE, lot, SALE, TRANSFER, lang
    ),
}


def texts(content: DocumentContent) -> list[str]:
    return [pdf_text(RENDERER.pdf(content)), html_text(RENDERER.html(content))]


def test_an_empty_other_remark_is_left_out_not_printed_as_a_colon_and_a_stop() -> None:
    lot = replace(LOT, disclosure={**DISCLOSURE, "other": " "})
    for text in texts(announcement(CASE, lot, TERMS)):
        assert "其他说明" not in text
        assert "：。" not in text


def test_a_remark_ending_in_a_stop_gets_no_second_one() -> None:
    lot = replace(LOT, disclosure={**DISCLOSURE, "other": "房屋朝南。", "clearing": "由本院腾退。"})
    for text in texts(announcement(CASE, lot, TERMS)):
        assert "其他说明：房屋朝南。" in text
        assert "腾退与交付：由本院腾退。" in text
        assert "。。" not in text


def test_a_disclosure_left_empty_says_it_is_not_stated_rather_than_leaving_a_gap() -> None:
    """A movable seldom has leases or arrears to tell; the office leaving them empty must
    not print "租赁：；欠费：；" (nor an invented "无")."""
    silent = {**DISCLOSURE, "leases": "", "arrears": "", "clearing": ""}
    lot = replace(LOT, property_type="movable", disclosure=silent)
    for text in texts(announcement(CASE, lot, TERMS)):
        assert "租赁：未载明；欠费：未载明" in text
        assert "腾退与交付：未载明。" in text
        assert "：；" not in text
        assert "：。" not in text
    english = pdf_text(RENDERER.pdf(announcement(CASE, lot, TERMS, "en")))
    assert "leases:notstated;arrears:notstated" in english


@pytest.mark.parametrize(
    ("property_type", "zh", "en"),
    [("real_estate", "查封", "seiz"), ("movable", "查封", "seiz"), ("other_right", "冻结", "fr")],
)
def test_the_measure_named_is_the_one_for_the_property_not_the_forms_three(
    property_type: str, zh: str, en: str
) -> None:
    """Rights are frozen, land, buildings and movables seized; the record does not say
    whether a movable was taken into custody (扣押), so none is claimed to have been."""
    lot = replace(LOT, property_type=property_type)
    for kind in ("ruling_to_auction", "sale_ruling", "title_transfer_notice"):
        text = pdf_text(RENDERER.pdf(EVERY[kind](lot, "zh")))
        assert "扣押" not in text
        assert zh in text
        assert en in pdf_text(RENDERER.pdf(EVERY[kind](lot, "en")))
    ruling, sold = (
        pdf_text(RENDERER.pdf(EVERY[k](lot, "zh"))) for k in ("ruling_to_auction", "sale_ruling")
    )
    assert f"本院依法{zh}了被执行人的" in ruling
    assert f"解除本院对上述财产的{zh}措施" in sold


@pytest.mark.parametrize("kind", list(EVERY))
def test_no_bracket_is_doubled_around_an_aside_that_has_its_own(kind: str) -> None:
    """GB/T 15834: an aside holding round brackets (an address, a case number) goes in
    hexagonal ones: 〔上海市…（近地铁站）〕, never （上海市…（近地铁站））."""
    lot = replace(LOT, location="（2026）沪01执1号所涉上海市张江路88弄5号（近地铁站）")
    for text in texts(EVERY[kind](lot, "zh")):
        assert "（（" not in text
        assert "））" not in text
    if kind == "ruling_to_auction":
        assert f"〔{lot.location}〕" in pdf_text(RENDERER.pdf(EVERY[kind](lot, "zh")))


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (ruling_to_auction(CASE, LOT, AUCTION_RULING), "执行裁定书（拍卖）"),
        (notice_to_party(CASE, LOT, TERMS, PARTY), "拍卖通知书（乙某）"),
        (notice_to_party(CASE, LOT, TERMS, replace(PARTY, recipient="丙（上海）有限公司")),
         "拍卖通知书〔丙（上海）有限公司〕"),
        (announcement(CASE, LOT, replace(TERMS, round=2)), "拍卖公告（第二次拍卖）"),
        (announcement(CASE, LOT, replace(TERMS, round=2, kind="sale")), "变卖公告"),
        (confirmation_letter(CASE, LOT, TERMS, SALE), "网络司法拍卖成交确认书"),
        (sale_ruling(CASE, LOT, SALE, SALE_RULING), "执行裁定书（成交）"),
        (title_transfer_notice(CASE, LOT, SALE, TRANSFER), "协助执行通知书"),
        (sale_ruling(CASE, LOT, SALE, SALE_RULING, "en"), "执行裁定书（成交）（英文译本）"),
    ],
)  # fmt: skip
def test_each_file_is_named_in_chinese_by_the_case_number_and_the_document(
    content: DocumentContent, name: str
) -> None:
    assert content.file_name == f"{CASE.case_number}-{name}.pdf"


def test_a_case_number_cannot_put_a_path_into_a_file_name() -> None:
    odd = replace(CASE, case_number="（2026）沪01执1/../2号")
    name = ruling_to_auction(odd, LOT, AUCTION_RULING).file_name
    assert "/" not in name
    assert "\\" not in name
