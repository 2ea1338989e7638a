"""A lot's photos and video on the court's desk, in a real browser: the office uploads a
picture of a draft lot and sees it counted against what a lot usually has (seed 003
Art 3(1): 8 photos, 90 s of video), a file that is not what its name says is refused in
the API's words, the bureau sees the pictures without the form, and once the auction is
announced a bidder sees them on the auction page.

Before the announcement a picture is the court's alone: the desk fetches it with the
court's token from the court's own route and shows it by an object URL, which the
pages' Content-Security-Policy must allow for images.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from playwright.sync_api import expect

from case_support import a_court, drafted_lot, priced_lot
from fapai.app.audit import trail
from fapai.app.cases import auction_terms
from fapai.app.services import Services
from support import Clock, LiveServer, assert_error, auth
from test_api_material_documents import arrange, report_pdf
from test_api_materials import pixels, png, upload
from test_browser_back_office import lot_section, signed_in, submit
from test_pages_back_office import case_of

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
API = "/api/v1"
NOT_ITS_TYPE = "文件为空、过大（超过 20 MiB）或与其类型不符。"


def media(page: Any) -> Any:
    """The first lot's photos-and-video section."""
    return lot_section(page).locator("[data-slot=media-section]")


def expect_picture(img: Any, width: int, src: re.Pattern[str]) -> None:
    """The picture was really decoded (not a broken image) from the expected address."""
    expect(img).to_have_attribute("src", src)
    expect(img).to_have_js_property("naturalWidth", width)


@SQLITE_ONLY
def test_the_office_uploads_a_photo_the_bureau_sees_it_and_bidders_once_announced(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson, tmp_path: Path
) -> None:
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    path = f"/court/cases/{case_of(services, lot)}"
    office = signed_in(person(court_token=c.tokens["auction_office"]), server, path, "网拍办")
    box = media(office)
    expect(box.locator("[data-slot=photo-count]")).to_have_text("照片 0/8")
    expect(box.locator("[data-slot=video-count]")).to_have_text("视频 0/90 秒")
    expect(box.locator("[data-slot=no-media]")).to_be_visible()

    block = box.locator("details[data-material-upload]")
    block.locator("summary").click()
    form = block.locator("form")
    picture = tmp_path / "living-room.png"
    picture.write_bytes(png(8, 6))
    form.locator("[name=file]").set_input_files(str(picture))
    submit(form)  # no caption: the page asks for one and sends nothing
    expect(form.locator("[data-error]")).to_have_text("请填写说明。")
    form.locator("[name=title]").fill("客厅")
    submit(form)
    expect(box.locator("li[data-material]")).to_have_count(1)
    expect(box.locator("[data-slot=photo-count]")).to_have_text("照片 1/8")
    expect(box.locator("[data-slot=no-media]")).to_be_hidden()
    expect(office.locator("#notices")).to_contain_text("已上传：客厅。")
    expect_picture(box.locator("img[alt=客厅]"), 8, re.compile(r"^blob:"))
    expect(form.locator("[name=title]")).to_have_value("")  # ready for the next one

    # a text file named .png: the browser calls it image/png, the API looks at its bytes
    fake = tmp_path / "notes.png"
    fake.write_text("这不是一张图片\n")
    form.locator("[name=file]").set_input_files(str(fake))
    form.locator("[name=title]").fill("卧室")
    submit(form)
    expect(form.locator("[data-error]")).to_have_text(NOT_ITS_TYPE)
    expect(box.locator("li[data-material]")).to_have_count(1)
    expect(box.locator("[data-slot=photo-count]")).to_have_text("照片 1/8")

    # read back from the server: the draft's picture comes by the court's route
    office.reload()
    box = media(office)
    expect(box.locator("li[data-material]")).to_have_count(1)
    expect_picture(box.locator("img[alt=客厅]"), 8, re.compile(r"^blob:"))

    bureau = signed_in(person(court_token=c.tokens["enforcement"]), server, path, "执行局")
    box = media(bureau)
    expect(box.locator("[data-slot=photo-count]")).to_have_text("照片 1/8")
    expect_picture(box.locator("img[alt=客厅]"), 8, re.compile(r"^blob:"))
    expect(box.locator("form")).to_have_count(0)
    expect(box.locator("[data-slot=media-others]")).to_have_text(
        "由网拍办办理：上传图片、视频或评估报告"
    )

    auction_terms.announce(services, c.office, lot)
    bidder = person().open(server, f"/auctions/{auction}")
    expect_picture(
        bidder.locator(".gallery img[alt=客厅]"), 8,
        re.compile(rf"^/api/v1/lots/{lot}/materials/\d+$"),
    )  # fmt: skip


def test_a_drafts_pictures_reach_only_its_own_courts_users(
    services: Services, clock: Clock, http: httpx.Client
) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    picture = png()
    material = upload(http, c.tokens["auction_office"], lot, picture).json()["id"]
    address = f"{API}/court/lots/{lot}/materials/{material}"

    seen = http.get(address, headers=auth(c.tokens["supervisor"]))  # any role of the court
    assert seen.status_code == 200, seen.text
    assert pixels(seen.content) == pixels(picture)
    assert seen.headers["content-type"] == "image/png"
    assert "no-store" in seen.headers["cache-control"]  # not left for the browser's next user
    bureau = auth(c.tokens["enforcement"])
    case = http.get(f"{API}/court/cases/{case_of(services, lot)}", headers=bureau).json()
    listed = case["lots"][0]["materials"]
    assert [(m["id"], m["kind"], m["title"]) for m in listed] == [(material, "photo", "客厅")]

    stranger = auth(a_court(services, "bj-hd").tokens["auction_office"])
    assert_error(http.get(address, headers=stranger), 404, "not_found")
    assert http.get(address).status_code == 401
    elsewhere = priced_lot(services, c, clock)
    assert_error(
        http.get(f"{API}/court/lots/{elsewhere}/materials/{material}",
                 headers=auth(c.tokens["auction_office"])),
        404, "not_found",
    )  # fmt: skip


@SQLITE_ONLY
def test_the_section_reads_in_english_and_fits_a_phone(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson, http: httpx.Client
) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    assert upload(http, c.tokens["auction_office"], lot, png(640, 480)).status_code == 201
    someone = person(court_token=c.tokens["auction_office"], viewport="phone")
    page = someone.open(server, f"/court/cases/{case_of(services, lot)}?lang=en")
    box = media(page)
    expect(box.locator("[data-slot=photo-count]")).to_have_text("Photos 1/8")
    expect(box.locator("[data-slot=video-count]")).to_have_text("Video 0/90 s")
    expect_picture(box.locator("img[alt=客厅]"), 640, re.compile(r"^blob:"))
    box.locator("details[data-material-upload] summary").click()
    expect(box.locator("[name=file]")).to_be_visible()
    expect(
        box.locator("li[data-kind=photo]").get_by_role("button", name="Take off")
    ).to_be_visible()
    someone.screenshot("court-case-materials-375")
    assert someone.overflow() == 0, "the case page is wider than 375 px"


@SQLITE_ONLY
def test_the_office_uploads_the_report_once_it_declares_it_redacted(
    services: Services, clock: Clock, server: LiveServer, person: OpenPerson, tmp_path: Path
) -> None:
    """Issue 16: the appraisal report as a PDF. Without the box ticked the API's sentence
    says what is missing; with it the report is listed, saved with the court's token, and
    once the announcement publishes the report a bidder finds the link under 标的物介绍."""
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    arrange(services, c, lot, True)
    path = f"/court/cases/{case_of(services, lot)}"
    office = signed_in(person(court_token=c.tokens["auction_office"]), server, path, "网拍办")
    box = media(office)
    block = box.locator("details[data-material-upload]")
    block.locator("summary").click()
    form = block.locator("form")
    report = tmp_path / "report.pdf"
    report.write_bytes(report_pdf())
    form.locator("[name=file]").set_input_files(str(report))
    form.locator("[name=title]").fill("评估报告")
    submit(form)
    expect(form.locator("[data-error]")).to_have_text("须确认已对报告中的个人信息作隐名处理。")
    expect(box.locator("li[data-material]")).to_have_count(0)
    form.locator("[name=redacted]").check()
    submit(form)
    listed = box.locator("[data-slot=documents] li[data-kind=document]")
    expect(listed).to_have_text("评估报告（PDF） 评估报告 撤下")
    expect(box.locator("[data-slot=photo-count]")).to_have_text("照片 0/8")
    with office.expect_download() as saving:
        listed.get_by_role("button", name="评估报告（PDF）").click()
    with services.db.read() as tx:  # the name the server gives it, with the case number
        number = tx.case(case_of(services, lot)).number
    assert saving.value.suggested_filename == f"{number}-评估报告.pdf"
    saved = Path(saving.value.path()).read_bytes()
    assert saved.startswith(b"%PDF-")
    assert b"EvilOpenAction" not in saved

    auction_terms.announce(services, c.office, lot)
    bidder = person().open(server, f"/auctions/{auction}")
    link = bidder.locator("#description a", has_text="评估报告（PDF）")
    expect(link).to_have_attribute("href", re.compile(rf"^/api/v1/lots/{lot}/materials/\d+$"))
    expect(bidder.locator("#description .documents")).to_contain_text("评估报告")

    # a name the redaction missed: the office takes the report off, saying why
    office.once("dialog", lambda dialog: dialog.accept("第3页仍可见被执行人姓名"))
    listed.get_by_role("button", name="撤下").click()
    expect(box.locator("[data-slot=documents] li")).to_have_count(0)
    bidder.reload()
    expect(bidder.locator("#description a", has_text="评估报告（PDF）")).to_have_count(0)
    with services.db.read() as tx:
        reasons = [json.loads(r.payload)["reason"] for r in tx.audit_rows(trail.SYSTEM)
                   if r.action == "lot.material_withdrawn"]  # fmt: skip
    assert reasons == ["第3页仍可见被执行人姓名"]
