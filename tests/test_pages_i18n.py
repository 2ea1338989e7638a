"""The English catalog covers every text the pages show, keeps every placeholder, and
amounts and times are written as Chinese readers expect (¥, 万元, Beijing time)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from fapai.app.lots.intake import DESCRIPTION_FIELDS, DISCLOSURE_FIELDS
from fapai.web import i18n
from fapai.web.pages import formatting, notices
from fapai.web.pages.client_text import CLIENT_TEXT

WEB = Path(i18n.__file__).parent
PO_FILE = WEB / "locale" / "en" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


def extracted() -> set[str]:
    """Every message the templates and the page modules mark, as pybabel extracts them."""
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    options = {"**/templates/**.html": {"trim_blocks": "True", "lstrip_blocks": "True"}}
    keywords = {"_": None, "N_": None}
    found = extract_from_dir(str(WEB), method_map, options, keywords)
    return {message for _, _, message, _, _ in found if isinstance(message, str)}


def test_every_text_of_the_pages_has_its_english_translation() -> None:
    with PO_FILE.open("rb") as source:
        catalog = read_po(source)
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    texts = extracted()
    assert len(texts) > 200
    missing = sorted(texts - set(translated))
    assert not missing, missing
    stale = sorted(set(translated) - texts)
    assert not stale, stale
    for message, english in translated.items():
        assert sorted(PLACEHOLDER.findall(message)) == sorted(PLACEHOLDER.findall(english)), message
        assert not re.search(r"[\u4e00-\u9fff]", english) or "上海" in english, english


def test_texts_written_by_the_use_cases_are_in_the_catalog() -> None:
    assert set(DISCLOSURE_FIELDS.values()) <= set(notices.FROM_USE_CASES)
    assert set(DESCRIPTION_FIELDS.values()) <= set(notices.FROM_USE_CASES)
    english = i18n.gettext("en")
    assert english("清场交付责任") == "Clearing and handover"
    assert all(english(text) != text for text in CLIENT_TEXT.values())


@pytest.mark.parametrize(
    ("asked", "cookie", "chosen"),
    [(None, None, "zh"), ("en", None, "en"), (None, "en", "en"), ("zh-CN", "en", "zh"),
     ("en_US", None, "en"), ("fr", "xx", "zh"), ("", "zh_CN", "zh")],
)  # fmt: skip
def test_the_language_is_the_switch_then_the_cookie_then_chinese(
    asked: str | None, cookie: str | None, chosen: str
) -> None:
    assert i18n.choose(asked, cookie) == chosen


@pytest.mark.parametrize(
    ("amount", "figures", "wan"),
    [("4200000.00", "¥4,200,000.00", "420.00万"), ("1234567.89", "¥1,234,567.89", "123.46万"),
     ("9999.99", "¥9,999.99", "¥9,999.99"), ("10000.00", "¥10,000.00", "1.00万"),
     ("12345.00", "¥12,345.00", "1.23万"), ("0.01", "¥0.01", "¥0.01"),
     ("12650000.00", "¥12,650,000.00", "1,265.00万"), (None, "—", "—")],
)  # fmt: skip
def test_amounts_in_figures_and_in_wan(amount: str | None, figures: str, wan: str) -> None:
    assert formatting.money(amount) == figures
    assert formatting.wan(amount) == wan


def test_times_are_shown_in_beijing_time_whatever_they_arrive_in() -> None:
    utc = datetime(2026, 12, 1, 16, 30, 5, tzinfo=UTC)
    assert formatting.beijing(utc) == "2026-12-02 00:30:05"
    with_micros = "2026-12-01T16:30:05.123456+00:00"
    assert formatting.beijing(with_micros, seconds=False) == "2026-12-02 00:30"
    assert formatting.beijing("2026-12-02T00:30:05+08:00") == "2026-12-02 00:30:05"
