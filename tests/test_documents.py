"""The auction's court documents say what the law requires, in a PDF and a page anyone can read.

PDF text is checked by reading the file back with pypdf. The embedded Chinese font's
subsets carry a ToUnicode map written from the same characters that chose the glyphs,
so the extracted text is the text a reader sees. Chinese lines break between
characters, so whitespace is removed before comparing facts, and the page numbers
("第 2 页") that sit between pages are dropped; the font each run is drawn in, and where
lines break, are checked separately.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from fapai.adapters.documents import ReportlabRenderer
from fapai.app.documents import (
    CaseFacts,
    DocumentContent,
    LotFacts,
    NoticeFacts,
    RulingFacts,
    SaleFacts,
    TermsFacts,
    TransferFacts,
    announcement,
    confirmation_letter,
    notice_to_party,
    ruling_to_auction,
    sale_ruling,
    title_transfer_notice,
)
from fapai.domain.money import MAX_FEN, parse_yuan
from fapai.domain.numerals import capital_numerals, chinese_date, format_cny

RENDERER = ReportlabRenderer()

CASE = CaseFacts(
    court_name="上海市第一中级人民法院",
    court_code="310100",
    case_number="（2026）沪01执123号",
    applicant="甲银行股份有限公司",
    debtor="乙某",
    enforcement_basis="（2025）沪01民初45号民事判决书",
)
DISCLOSURE = {
    "occupancy": "被执行人及其家属居住",
    "leases": "未发现租赁",
    "arrears": "物业费欠缴3200元",
    "taxes": "买卖双方各自承担",
    "encumbrances": "设有抵押，抵押权人甲银行股份有限公司",
    "clearing": "由本院负责腾退",
    "other": "房屋朝南",
}
LOT = LotFacts(
    title="浦东新区张江路88弄5号1201室",
    property_type="real_estate",
    location="上海市浦东新区张江路88弄5号",
    disclosure=DISCLOSURE,
    reference_price=358_000_000,
    reference_method="appraisal",
    reference_date=date(2026, 1, 5),
)
TERMS = TermsFacts(
    round=1,
    kind="auction",
    start_price=250_600_000,
    increment=1_000_000,
    deposit=25_000_000,
    starts_at=datetime(2026, 3, 1, 2, 0, tzinfo=UTC),
    ends_at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
    platform="人民法院诉讼资产网",
    balance_days=10,
    preemptive_holders=1,
    house_eligibility_required=True,
    decided_on=date(2026, 1, 20),
)
SALE = SaleFacts(
    buyer_name="王小明",
    buyer_id_masked="3101**********123X",
    buyer_code="Q7K2M9",
    price=123_456_789,
    closed_at=datetime(2026, 3, 2, 2, 7, tzinfo=UTC),
    balance_due=date(2026, 3, 12),
)
AUCTION_RULING = RulingFacts("（2026）沪01执123号之一", date(2026, 1, 10))
SALE_RULING = RulingFacts("（2026）沪01执123号之二", date(2026, 3, 16))
HOLDER = NoticeFacts("丙实业有限公司", "preemptive_holder", date(2026, 1, 25))
PARTY = NoticeFacts("乙某", "party", date(2026, 1, 25))
TRANSFER = TransferFacts("上海市不动产登记事务中心", "（2026）沪01执123号之二", date(2026, 3, 20))

Builder = Callable[[str], DocumentContent]


def amounts(fen: int) -> list[str]:
    return [format_cny(fen), capital_numerals(fen)]


ART14_ZH = [
    "竞买人应当具备完全民事行为能力",
    "委托他人代为竞买的，应当在竞价程序开始前经本院确认",
    "拍卖财产已知瑕疵和权利负担",
    "拍卖财产以实物现状为准，竞买人可以申请实地看样",
    "视为对拍卖财产完全了解，并接受拍卖财产一切已知和未知瑕疵",
    "载明买受人真实身份的拍卖成交确认书在网络司法拍卖平台上公示",
    "买受人悔拍后保证金不予退还",
]
ART14_EN = [
    "(1) Bidders must have full civil capacity",
    "(2) Bidding through an agent must be confirmed by the court before bidding starts",
    "(3) Known defects and encumbrances",
    "(4) The property is sold as it is; bidders may ask to view it on site",
    "(5) A bidder who takes part is deemed to know the property fully",
    "(6) The sale confirmation naming the buyer's real identity is published",
    "(7) A buyer who reneges loses the deposit",
]
ANNOUNCED_FACTS = [
    CASE.case_number,
    LOT.title,
    LOT.location,
    TERMS.platform,
    *amounts(TERMS.start_price),
    *amounts(TERMS.deposit),
    *amounts(TERMS.increment),
    *amounts(358_000_000),
    *DISCLOSURE.values(),
]

# name -> (builder, facts in zh, facts in en, text that must be absent in both)
DOCUMENTS: dict[str, tuple[Builder, list[str], list[str], list[str]]] = {
    "ruling_to_auction": (
        lambda lang: ruling_to_auction(CASE, LOT, AUCTION_RULING, lang),
        [AUCTION_RULING.ruling_number, "执行裁定书", "裁定如下", "二〇二六年一月十日"],
        [AUCTION_RULING.ruling_number, "the court rules", "10 January 2026"],
        [SALE.buyer_name, SALE.buyer_code],
    ),
    "notice_to_holder": (
        lambda lang: notice_to_party(CASE, LOT, TERMS, HOLDER, lang),
        [HOLDER.recipient, "拍卖通知书", "视为放弃优先购买权", "2026年1月25日"],
        [HOLDER.recipient, "deemed to have waived the preemptive right", "25 January 2026"],
        [SALE.buyer_name, SALE.buyer_code],
    ),
    "announcement": (
        lambda lang: announcement(CASE, LOT, TERMS, lang),
        ["拍卖公告", "第一次拍卖", "成交之日起10日内", "购房资格", *ART14_ZH],
        ["Auction Announcement", "first auction", "within 10 days", "eligib", *ART14_EN],
        [SALE.buyer_name, SALE.buyer_code, "第二次拍卖", "second auction", "变卖期", "60 days"],
    ),
    "confirmation_letter": (
        lambda lang: confirmation_letter(CASE, LOT, TERMS, SALE, lang),
        ["网络司法拍卖成交确认书", "2026年3月12日", *amounts(SALE.price - TERMS.deposit)],
        [
            "Confirmation of Online Judicial Auction",
            "12 March 2026",
            *amounts(SALE.price - TERMS.deposit),
        ],
        [],
    ),
    "sale_ruling": (
        lambda lang: sale_ruling(CASE, LOT, SALE, SALE_RULING, lang),
        [SALE_RULING.ruling_number, "所有权自本裁定送达买受人时起转移", "因拍卖而消灭"],
        [SALE_RULING.ruling_number, "ownership passes when this ruling is served on the buyer"],
        [],
    ),
    "title_transfer_notice": (
        lambda lang: title_transfer_notice(CASE, LOT, SALE, TRANSFER, lang),
        [TRANSFER.registry, "协助执行通知书", TRANSFER.ruling_number, "2026年3月20日"],
        [TRANSFER.registry, TRANSFER.ruling_number, "20 March 2026"],
        [],
    ),
}
BEFORE_SALE = ["ruling_to_auction", "notice_to_holder", "announcement"]
AFTER_SALE = ["confirmation_letter", "sale_ruling", "title_transfer_notice"]
SALE_FACTS = [SALE.buyer_name, SALE.buyer_id_masked, *amounts(SALE.price)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    return re.sub(r"第\d+页|Page\d+", "", text)


def html_text(page: str) -> str:
    return squeeze(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def expected(name: str, lang: str) -> tuple[list[str], list[str]]:
    _, zh, en, absent = DOCUMENTS[name]
    present = [CASE.case_number, CASE.court_name, *(zh if lang == "zh" else en)]
    if name in AFTER_SALE:
        present += SALE_FACTS
    if name == "announcement":
        present += ANNOUNCED_FACTS
    if name == "ruling_to_auction":
        present += [CASE.applicant, CASE.debtor, CASE.enforcement_basis, *amounts(358_000_000)]
    if name == "notice_to_holder":
        present += [TERMS.platform, *amounts(TERMS.start_price)]
    return present, absent


def assert_says(text: str, present: list[str], absent: list[str]) -> None:
    missing = [fact for fact in present if squeeze(fact) not in text]
    assert not missing, f"missing {missing}"
    found = [fact for fact in absent if squeeze(fact) in text]
    assert not found, f"must not say {found}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_pdf_states_the_key_facts(name: str, lang: str) -> None:
    content = DOCUMENTS[name][0](lang)
    present, absent = expected(name, lang)
    assert_says(pdf_text(RENDERER.pdf(content)), present, absent)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_html_states_the_same_facts(name: str, lang: str) -> None:
    page = RENDERER.html(DOCUMENTS[name][0](lang))
    present, absent = expected(name, lang)
    assert_says(html_text(page), present, absent)
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_special_warnings_come_in_the_order_of_art_14(lang: str) -> None:
    text = pdf_text(RENDERER.pdf(announcement(CASE, LOT, TERMS, lang)))
    warnings = ART14_ZH if lang == "zh" else ART14_EN
    positions = [text.index(squeeze(w)) for w in warnings]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", ["拍卖公告（第二次拍卖）", "本次拍卖为第二次拍卖", "前次起拍价的百分之二十"]),
        ("en", ["(Second Auction)", "This is the second auction", "20% of the previous one"]),
    ],
)
def test_second_round_announcement_says_it_is_the_second_auction(
    lang: str, words: list[str]
) -> None:
    content = announcement(CASE, LOT, replace(TERMS, round=2), lang)
    assert_says(pdf_text(RENDERER.pdf(content)), words, ["first auction", "第一次拍卖"])


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", ["变卖公告", "变卖期为六十日", "预缴全部变卖价款", "进入二十四小时竞价程序"]),
        ("en", ["Online Judicial Sale", "60 days", "prepaying the full sale price", "24-hour"]),
    ],
)
def test_sale_at_a_price_announcement_states_the_sale_rules(lang: str, words: list[str]) -> None:
    content = announcement(CASE, LOT, replace(TERMS, round=2, kind="sale"), lang)
    text = pdf_text(RENDERER.pdf(content))
    assert_says(text, words, ["第二次拍卖", "second auction"])


def test_sale_at_a_price_confirmation_counts_the_prepayment() -> None:
    terms = replace(TERMS, round=2, kind="sale", start_price=100_000_000)
    content = confirmation_letter(CASE, LOT, terms, replace(SALE, price=101_000_000), "zh")
    text = pdf_text(RENDERER.pdf(content))
    assert_says(text, ["网络司法变卖成交确认书", "预缴款", *amounts(1_000_000)], [])


def test_only_houses_require_purchase_eligibility() -> None:
    car = replace(LOT, title="沪A12345小型轿车", property_type="movable")
    terms = replace(TERMS, house_eligibility_required=False)
    for content in (announcement(CASE, car, terms), confirmation_letter(CASE, car, terms, SALE)):
        assert "购房资格" not in pdf_text(RENDERER.pdf(content))


def test_party_notice_does_not_tell_a_party_it_waives_a_preemptive_right() -> None:
    text = pdf_text(RENDERER.pdf(notice_to_party(CASE, LOT, TERMS, PARTY)))
    assert_says(text, ["可以参加竞买", "第十九条"], ["视为放弃优先购买权"])


HOSTILE = '<script>alert("x")</script>&amp;'


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_lot_title_is_escaped_in_html_and_printed_verbatim_in_pdf(lang: str) -> None:
    content = announcement(CASE, replace(LOT, title=HOSTILE), TERMS, lang)
    page = RENDERER.html(content)
    assert "<script" not in page
    assert "&lt;script&gt;alert(" in page
    assert "&amp;amp;" in page
    assert squeeze(HOSTILE) in pdf_text(RENDERER.pdf(content))


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_html_is_self_contained(name: str) -> None:
    page = RENDERER.html(DOCUMENTS[name][0]("zh")).lower()
    for external in ("http://", "https://", "<link", "<script", "src=", "@import", "url("):
        assert external not in page


def test_chinese_runs_in_english_documents_use_the_embedded_chinese_font() -> None:
    reader = PdfReader(io.BytesIO(RENDERER.pdf(DOCUMENTS["sale_ruling"][0]("en"))))
    runs: list[tuple[str, str]] = []

    def visit(text: str, cm: object, tm: object, font: object, size: object) -> None:
        if text.strip() and isinstance(font, dict):
            runs.append((str(font.get("/BaseFont")), text))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    chinese = [(f, t) for f, t in runs if re.search(r"[\u4e00-\u9fff]", t)]
    latin = [(f, t) for f, t in runs if re.fullmatch(r"[A-Za-z ,.;:()'0-9-]+", t.strip())]
    assert chinese
    assert latin
    assert {f.split("+")[-1] for f, _ in chinese} == {"WenQuanYiMicroHei-0"}
    assert "/Helvetica" in {f for f, _ in latin}


def test_title_is_centred_and_signature_right_aligned() -> None:
    content = sale_ruling(CASE, LOT, SALE, SALE_RULING)
    reader = PdfReader(io.BytesIO(RENDERER.pdf(content)))
    width = float(reader.pages[0].mediabox.width)
    starts: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        starts.setdefault(text.strip(), tm[4] * cm[0] + cm[4])

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    title = starts["执行裁定书"]
    # a line is drawn in pieces where its characters fall in different font subsets
    signed = chinese_date(SALE_RULING.signed_on)
    date_line = min(x for t, x in starts.items() if t and signed.startswith(t))
    body = min(starts.values())
    assert abs(title + 5 * 21 / 2 - width / 2) < 3  # five characters at 21 pt, centred
    assert date_line > width / 2 > body


def test_pdf_output_is_deterministic() -> None:
    content = announcement(CASE, LOT, TERMS)
    assert RENDERER.pdf(content) == RENDERER.pdf(content)


def test_announcement_refuses_an_incomplete_disclosure() -> None:
    silent = replace(LOT, disclosure={k: v for k, v in DISCLOSURE.items() if k != "encumbrances"})
    with pytest.raises(ValueError, match="encumbrances"):
        announcement(CASE, silent, TERMS)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="zh"):
        ruling_to_auction(CASE, LOT, AUCTION_RULING, "fr")


# --- capital numerals -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (0, "零元整"),
        (1, "壹分"),
        (10, "壹角"),
        (100, "壹元整"),
        (1_000, "壹拾元整"),
        (10_050, "壹佰元伍角"),
        (1_001_000, "壹万零壹拾元整"),
        (100_000_100, "壹佰万零壹元整"),
        (10_000_000_000, "壹亿元整"),
        (123_456_789, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
        (2_000_000_005, "贰仟万元零伍分"),
        # the People's Bank's own examples
        (140_950, "壹仟肆佰零玖元伍角"),
        (600_714, "陆仟零柒元壹角肆分"),
        (1_640_902, "壹万陆仟肆佰零玖元零贰分"),
        (32_504, "叁佰贰拾伍元零肆分"),
        (10_700_053, "壹拾万柒仟元伍角叁分"),
        (10_001_000_000, "壹亿零壹万元整"),
        (100_000_000_000_000, "壹万亿元整"),
    ],
)
def test_capital_numerals_of_known_amounts(fen: int, words: str) -> None:
    assert capital_numerals(fen) == words


def reference_capitals(fen: int) -> str:
    """The textbook method: write every place, then collapse the zeros with patterns."""
    digits = "零壹贰叁肆伍陆柒捌玖"
    yuan, rest = divmod(fen, 100)
    text = ""
    for i, digit in enumerate(reversed(str(yuan))):
        group = ("元", "万", "亿", "万")[i // 4] if i % 4 == 0 else ""
        place = ("", "拾", "佰", "仟")[i % 4] + group
        text = digits[int(digit)] + place + text
    text = re.sub("零[拾佰仟]", "零", text)
    text = re.sub("零+", "零", text)
    text = re.sub("零([万亿元])", r"\1", text)
    text = text.replace("亿万", "亿")
    if yuan == 0:
        text = ""
    jiao, cents = divmod(rest, 10)
    if rest == 0:
        return (text or "零元") + "整"
    if jiao:
        text += digits[jiao] + "角"
    elif text:
        text += "零"
    return text + (digits[cents] + "分" if cents else "")


@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_capital_numerals_agree_with_the_textbook_method(fen: int) -> None:
    assert capital_numerals(fen) == reference_capitals(fen)


@given(st.integers(min_value=1, max_value=MAX_FEN))
def test_figures_read_back_to_the_same_fen(fen: int) -> None:
    figures = format_cny(fen)
    assert figures.startswith("¥")
    assert parse_yuan(figures[1:].replace(",", "")) == fen


@pytest.mark.parametrize(
    ("fen", "figures"),
    [(0, "¥0.00"), (1, "¥0.01"), (123_456_789, "¥1,234,567.89"), (100_000, "¥1,000.00")],
)
def test_format_cny(fen: int, figures: str) -> None:
    assert format_cny(fen) == figures


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        capital_numerals(-1)
    with pytest.raises(ValueError, match="zero or more"):
        format_cny(-1)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 3, 5), "二〇二六年三月五日"),
        (date(2026, 1, 20), "二〇二六年一月二十日"),
        (date(2020, 12, 31), "二〇二〇年十二月三十一日"),
        (date(2026, 10, 10), "二〇二六年十月十日"),
    ],
)
def test_signature_dates_in_chinese_numerals(day: date, words: str) -> None:
    assert chinese_date(day) == words
