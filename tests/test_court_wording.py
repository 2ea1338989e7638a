"""The court desk's wording (issue 16 item 10): case numbers have the form the court prints
(（2026）沪0104执123号), a refusal names the field as the court user knows it, in Chinese,
and writes amounts as ¥2,660,000.00."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import update

import fapai.app
from case_support import a_court, ruled_lot
from fapai.app.cases.field_labels import FIELD_ZH
from fapai.domain.workflow import checks
from fapai.domain.workflow.case_numbers import normalised, well_formed
from fapai.storage import tables
from support import assert_error, auth

COURT = "/api/v1/court"


@pytest.mark.parametrize(
    "number",
    ["（2026）沪0104执123号", "（2026）沪01执9号", "（2025）京0108执恢12号",
     "（2024）粤0106执保3号", "（2026）最高法执监1号"],
)  # fmt: skip
def test_a_case_number_of_the_courts_form_is_accepted(number: str) -> None:
    assert well_formed(number)


@pytest.mark.parametrize(
    "number",
    ["abc", "（2026）沪0104民初123号", "（2026）沪0104执0号", "2026沪0104执123号",
     "（26）沪0104执123号", "（2026）沪0104执123", "（2026）沪0104执123号之一",
     "（2026）abc执1号"],
)  # fmt: skip
def test_anything_else_is_not_a_case_number(number: str) -> None:
    assert not well_formed(number)


def test_ascii_brackets_become_the_printed_ones() -> None:
    assert normalised(" (2026)沪0104执123号 ") == "（2026）沪0104执123号"


def test_the_bureau_cannot_open_a_case_numbered_abc(services, http) -> None:
    c = a_court(services)
    body = {"number": "abc", "basis": "判决书", "applicant": "甲", "debtor": "乙"}
    reply = http.post(f"{COURT}/cases", json=body, headers=auth(c.tokens["enforcement"]))
    error = assert_error(reply, 422, "invalid_case_number")["error"]
    assert "（2026）沪0104执123号" in error["message"]
    typed = {**body, "number": "(2026)沪0104执123号"}
    opened = http.post(f"{COURT}/cases", json=typed, headers=auth(c.tokens["enforcement"]))
    assert opened.status_code == 201, opened.text
    listed = http.get(f"{COURT}/cases", headers=auth(c.tokens["enforcement"])).json()
    assert "（2026）沪0104执123号" in str(listed)


def test_a_refusal_names_the_field_in_chinese(services, clock, http) -> None:
    """Issue 16: "signed_on 不能晚于今天" named the API's field in a Chinese sentence."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock)
    ruling = {"ruling_number": "（2026）沪01执123号之二", "signed_on": "2099-01-01"}
    reply = http.post(
        f"{COURT}/lots/{lot}/ruling", json=ruling, headers=auth(c.tokens["enforcement"])
    )
    message = assert_error(reply, 422, "signed_on_in_future")["error"]["message"]
    assert message.startswith("签署日期不能晚于今天"), message
    assert "signed_on" not in message


def test_every_field_a_use_case_checks_as_text_has_its_chinese_name() -> None:
    """A refusal names the field by FIELD_ZH; one missing there names the API's field
    ("preferred须为 1 至 100 个可识别的字符。" on the public viewing form)."""
    source = Path(fapai.app.__file__).parent
    named = {
        field
        for path in source.rglob("*.py")
        for field in re.findall(
            r'\b(?:text|not_after_today)\([^()]*?, "([a-z_]+)"', path.read_text()
        )
    }
    assert named >= {"preferred", "signed_on"}  # the scan finds them
    assert sorted(named - set(FIELD_ZH)) == []


def test_a_refused_price_is_written_as_the_court_reads_amounts() -> None:
    """Issue 16: "不得低于2660000.00元" read as a raw figure; amounts carry ¥ and commas."""
    refusal = checks.first_start_price(186_199_999, 380_000_000)
    assert refusal is not None
    assert "即不得低于¥2,660,000.00（" in refusal.zh
    assert "¥2,660,000.00" in refusal.en


def test_the_case_page_names_who_acted_not_their_login(services, clock, http) -> None:
    """Issue 16: login ids like ``sh-1zy-enforcement`` stood where a staff member's name
    belongs; the case view gives the name beside the login the trail keeps."""
    c = a_court(services)
    lot = ruled_lot(services, c, clock)
    with services.db.write() as tx:
        tx.c.execute(
            update(tables.court_users)
            .where(tables.court_users.c.login == c.bureau.login)
            .values(name="王执行")
        )
    [case] = http.get(f"{COURT}/cases", headers=auth(c.tokens["director"])).json()["cases"]
    view = http.get(f"{COURT}/cases/{case['id']}", headers=auth(c.tokens["director"])).json()
    [shown] = [item for item in view["lots"] if item["id"] == lot]
    ruling = next(s for s in shown["steps"] if s["actor"] == f"court_user:{c.bureau.login}")
    assert ruling["actor_name"] == "王执行"
