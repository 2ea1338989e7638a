"""The appraisal report (评估报告) as a file on the auction page (issue 16): the office
uploads a PDF it declares redacted, the file is rewritten with its pages only, and the
public sees it once the round is announced and only while the announcement says the
report is published."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import quote

import httpx
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText, Rectangle, Text
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import support
from case_support import Court, a_court, drafted_lot
from fapai.app.audit import trail
from fapai.app.cases import auction_terms, publication
from fapai.app.services import Services
from fapai.storage.tables import lot_materials
from support import assert_error, row_count

API = "/api/v1"
PAGE_TEXT = ("Appraisal report of flat 101", "Reference value 1,000,000 yuan")
# what the file carries besides its pages; none of it may reach the public
HIDDEN = (
    b"EvilOpenAction", b"EvilNamedScript", b"EvilPageAction", b"AttachedSecret",
    b"AnnotationSecret", b"XmpCreatorZhang", b"PageXmpSecret", b"ImageXmpSecret",
    b"FormSecret", b"SubjectSecret", b"CreatorApp", b"ProducerApp", b"OldRevisionText",
)  # fmt: skip


def _script(writer: PdfWriter, js: str) -> object:
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(js)}
    )
    return writer._add_object(action)


def _xmp(writer: PdfWriter, text: str) -> object:
    packet = DecodedStreamObject()
    packet.set_data(f"<x:xmpmeta><dc:creator>{text}</dc:creator></x:xmpmeta>".encode())
    packet[NameObject("/Type")] = NameObject("/Metadata")
    packet[NameObject("/Subtype")] = NameObject("/XML")
    return writer._add_object(packet)


def report_pdf() -> bytes:
    """A report as an office program leaves it: two pages of text and a picture, the author
    张三 and the programs in the document info, XMP on the catalogue, a page and the
    picture, a script run on opening and one in the names, a page action, a note, an
    attached file, a form, and an earlier revision kept by an incremental save."""
    drawn = io.BytesIO()
    pdf = canvas.Canvas(drawn, pageCompression=0)
    pdf.setAuthor("张三")
    pdf.setTitle("张三 appraisal")
    pdf.setCreator("CreatorApp")
    pdf.setProducer("ProducerApp")
    pdf.drawString(72, 720, "OldRevisionText")
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(picture, "PNG")
    pdf.drawImage(ImageReader(picture), 72, 600, 40, 40)
    pdf.showPage()
    pdf.drawString(72, 720, PAGE_TEXT[1])
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(drawn.getvalue())))
    writer.add_metadata({"/Author": "张三", "/Subject": "SubjectSecret"})
    root = writer.root_object
    root[NameObject("/Metadata")] = _xmp(writer, "XmpCreatorZhang")
    root[NameObject("/OpenAction")] = _script(writer, "app.alert('EvilOpenAction')")
    named = ArrayObject([TextStringObject("x"), _script(writer, "EvilNamedScript")])
    scripts = DictionaryObject({NameObject("/Names"): named})
    root[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): scripts})
    writer.add_attachment("secret.txt", b"AttachedSecret")
    writer.add_annotation(0, Text(text="AnnotationSecret", rect=(50, 550, 70, 570)))
    first = writer.pages[0]
    on_open = _script(writer, "EvilPageAction")
    first[NameObject("/AA")] = DictionaryObject({NameObject("/O"): on_open})
    first[NameObject("/Metadata")] = _xmp(writer, "PageXmpSecret")
    for image in first["/Resources"]["/XObject"].values():
        image.get_object()[NameObject("/Metadata")] = _xmp(writer, "ImageXmpSecret")
    root[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/DA"): TextStringObject("FormSecret")}
    )
    first_revision = io.BytesIO()
    writer.write(first_revision)
    # redacted by an incremental save: the page's new text is appended, and the text
    # before the redaction stays in the file's first revision
    redacting = PdfWriter(io.BytesIO(first_revision.getvalue()), incremental=True)
    page = redacting.pages[0]
    contents = page.get_contents()
    assert contents is not None
    redacted = DecodedStreamObject()
    redacted.set_data(contents.get_data().replace(b"OldRevisionText", PAGE_TEXT[0].encode()))
    page[NameObject("/Contents")] = redacting._add_object(redacted)
    saved = io.BytesIO()
    redacting.write(saved)
    assert saved.getvalue().startswith(first_revision.getvalue())
    return saved.getvalue()


def upload(
    http: httpx.Client, token: str, lot: int, data: bytes, redacted: bool | None = True,
    kind: str = "application/pdf", title: str = "评估报告",
) -> httpx.Response:  # fmt: skip
    params: dict[str, str] = {"title": title}
    if redacted is not None:
        params["redacted"] = "true" if redacted else "false"
    return http.post(
        f"{API}/court/lots/{lot}/materials", params=params, content=data,
        headers={**support.auth(token), "Content-Type": kind},
    )  # fmt: skip


def arrange(services: Services, c: Court, lot: int, report_published: bool) -> None:
    """The office's entries for the announcement, saying whether the report is published."""
    publication.record_arrangements(
        services, c.office, lot, "执行款专户 1001", "021-12345678", "12368", "每周三上午",
        report_published,
    )  # fmt: skip


def test_the_report_keeps_its_pages_and_nothing_else(services, clock, http) -> None:
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    arrange(services, c, lot, True)
    original = report_pdf()
    assert all(secret in original for secret in HIDDEN)
    reply = upload(http, c.tokens["auction_office"], lot, original)
    assert reply.status_code == 201, reply.text
    document = reply.json()["id"]
    url = f"{API}/lots/{lot}/materials/{document}"
    assert http.get(url).status_code == 404  # a draft's report is the court's alone
    court = http.get(f"{API}/court/lots/{lot}/materials/{document}",
                     headers=support.auth(c.tokens["enforcement"]))  # fmt: skip
    assert court.status_code == 200
    assert "content-security-policy" not in court.headers  # Safari: a sandboxed PDF is blank
    auction_terms.announce(services, c.office, lot)

    served = http.get(url)
    assert served.status_code == 200
    assert served.headers["content-type"] == "application/pdf"
    with services.db.read() as tx:  # saved under the case number, as the court's documents
        case = tx.case(tx.lot(lot).case_id)
    saved_as = quote(f"{case.number}-评估报告.pdf", safe="")
    assert served.headers["content-disposition"] == f"inline; filename*=UTF-8''{saved_as}"
    assert court.headers["content-disposition"] == served.headers["content-disposition"]
    assert served.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in served.headers
    data = served.content
    names = (b"/JavaScript", b"/JS", b"/OpenAction", b"/EmbeddedFile", b"/Annots", b"/AcroForm",
             b"/Metadata")  # fmt: skip
    for secret in (*HIDDEN, *names, "张三".encode("utf-16-be"), b"pypdf"):
        assert secret not in data, secret
    read = PdfReader(io.BytesIO(data))
    assert read.metadata is None
    assert read.xmp_metadata is None
    assert [p.extract_text().strip() for p in read.pages] == list(PAGE_TEXT)
    assert len(read.pages[0]["/Resources"]["/XObject"]) == 1  # the picture stays
    listed = http.get(f"{API}/auctions/{auction}").json()["materials"]
    assert [(m["kind"], m["title"], m["size"]) for m in listed] == [
        ("document", "评估报告", len(data))
    ]
    with services.db.read() as tx:
        added = [json.loads(r.payload) for r in tx.audit_rows(trail.SYSTEM)
                 if r.action == "lot.material_added"]  # fmt: skip
    assert [(a["kind"], a["redacted"], a["material"]) for a in added] == [
        ("document", True, document)
    ]


def test_a_report_is_refused_without_the_declaration_or_when_unreadable(
    services, clock, http
) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    office = c.tokens["auction_office"]
    before = row_count(services, lot_materials)
    reply = assert_error(upload(http, office, lot, report_pdf(), redacted=None), 422,
                         "redaction_not_declared")  # fmt: skip
    assert reply["error"]["message"] == "须确认已对报告中的个人信息作隐名处理。"
    assert_error(upload(http, office, lot, report_pdf(), redacted=False), 422,
                 "redaction_not_declared")  # fmt: skip
    assert_error(upload(http, office, lot, b"<html>not a pdf</html>"), 422, "unreadable_file")
    assert_error(upload(http, office, lot, b"%PDF-1.7\n" + b"\x00garbage" * 50), 422,
                 "unreadable_pdf")  # fmt: skip
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf())))
    locked.encrypt("secret")
    encrypted = io.BytesIO()
    locked.write(encrypted)
    reply = assert_error(upload(http, office, lot, encrypted.getvalue()), 422, "encrypted_pdf")
    assert "加密" in reply["error"]["message"]
    assert_error(upload(http, c.tokens["enforcement"], lot, report_pdf()), 403,
                 "role_not_allowed")  # fmt: skip
    other = a_court(services, "bj-hd")
    assert_error(upload(http, other.tokens["auction_office"], lot, report_pdf()), 404,
                 "not_found")  # fmt: skip
    assert row_count(services, lot_materials) == before


def covered(how: str) -> bytes:
    """The report with something over its text that leaving out would uncover: a black
    box drawn as a comment, a text box, or a layer switched off."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf())))
    if how == "box":
        writer.add_annotation(0, Rectangle(rect=(60, 710, 400, 740), interior_color="000000"))
    elif how == "text box":
        writer.add_annotation(0, FreeText(text="已隐名", rect=(60, 710, 400, 740)))
    else:
        layer = writer._add_object(
            DictionaryObject({NameObject("/Type"): NameObject("/OCG"),
                              NameObject("/Name"): TextStringObject("原文")})
        )  # fmt: skip
        view = DictionaryObject({NameObject("/OFF"): ArrayObject([layer])})
        writer.root_object[NameObject("/OCProperties")] = DictionaryObject(
            {NameObject("/OCGs"): ArrayObject([layer]), NameObject("/D"): view}
        )
    saved = io.BytesIO()
    writer.write(saved)
    return saved.getvalue()


def test_a_report_locked_only_against_editing_is_taken_and_served_unlocked(
    services, clock, http
) -> None:
    """Appraisers often send a report with an owner's password and none to open it."""
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf())))
    locked.encrypt(user_password="", owner_password="appraiser", algorithm="AES-128")
    sent = io.BytesIO()
    locked.write(sent)
    office = c.tokens["auction_office"]
    reply = upload(http, office, lot, sent.getvalue())
    assert reply.status_code == 201, reply.text
    served = http.get(f"{API}/court/lots/{lot}/materials/{reply.json()['id']}",
                      headers=support.auth(office)).content  # fmt: skip
    read = PdfReader(io.BytesIO(served))
    assert not read.is_encrypted
    assert [p.extract_text().strip() for p in read.pages] == list(PAGE_TEXT)
    assert b"EvilOpenAction" not in served


def test_a_report_with_something_over_its_text_is_refused_not_uncovered(
    services, clock, http
) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    before = row_count(services, lot_materials)
    for how in ("box", "text box", "hidden layer"):
        reply = assert_error(upload(http, c.tokens["auction_office"], lot, covered(how)), 422,
                             "covered_pdf")  # fmt: skip
        assert "应用隐名" in reply["error"]["message"], how
    assert row_count(services, lot_materials) == before


def test_a_page_tree_naming_one_page_99000_times_is_refused(services, clock, http) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    # 99 times a node of 1,000 times the same page: 0.6 MB, seconds of rewriting and a
    # 10 MB file of blank pages on the auction page
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Count 99000/Kids[" + b"4 0 R " * 99 + b"]>>",
        b"<</Type/Page/Parent 4 0 R/MediaBox[0 0 10 10]>>",
        b"<</Type/Pages/Parent 2 0 R/Count 1000/Kids[" + b"3 0 R " * 1000 + b"]>>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj" % number + content + b"endobj\n"
    xref = len(body)
    body += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer<</Size 5/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF" % xref
    before = row_count(services, lot_materials)
    reply = assert_error(upload(http, c.tokens["auction_office"], lot, body), 422,
                         "too_many_pages")  # fmt: skip
    assert "1000 页" in reply["error"]["message"]
    assert row_count(services, lot_materials) == before


def test_a_photo_in_the_report_keeps_its_picture_and_loses_its_exif(services, clock, http) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    exif = Image.Exif()
    exif[0x013B] = "ArtistZhangSan"  # who took it
    exif[0x010F] = "CameraMakeX"
    exif[0x8825] = {1: "N", 2: (31.0, 12.0, 30.0)}  # where: GPS
    photo = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 30)).save(photo, "JPEG", exif=exif.tobytes())
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf())))
    # a JPEG kept as the camera left it, as many programs put a photo in a PDF
    kept = DecodedStreamObject()
    kept.set_data(photo.getvalue())
    kept.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(16), NameObject("/Height"): NumberObject(16),
        NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
        NameObject("/BitsPerComponent"): NumberObject(8),
        NameObject("/Filter"): NameObject("/DCTDecode"),
    })  # fmt: skip
    writer.pages[1]["/Resources"][NameObject("/XObject")] = DictionaryObject(
        {NameObject("/Photo"): writer._add_object(kept)}
    )
    original = io.BytesIO()
    writer.write(original)
    assert b"ArtistZhangSan" in original.getvalue()
    document = upload(http, c.tokens["auction_office"], lot, original.getvalue()).json()["id"]
    served = http.get(f"{API}/court/lots/{lot}/materials/{document}",
                      headers=support.auth(c.tokens["auction_office"])).content  # fmt: skip
    for secret in (b"ArtistZhangSan", b"CameraMakeX", b"Exif\x00\x00"):
        assert secret not in served, secret
    picture = PdfReader(io.BytesIO(served)).pages[1]["/Resources"]["/XObject"]["/Photo"]
    shown = Image.open(io.BytesIO(picture.get_object().get_data()))
    assert shown.size == (16, 16)
    assert shown.convert("RGB").getpixel((8, 8))[1] > 100  # still the green picture


def test_the_public_sees_the_report_only_while_the_announcement_publishes_it(
    services, clock, http
) -> None:
    c = a_court(services)
    lot, auction = drafted_lot(services, c, clock)
    arrange(services, c, lot, False)
    office = c.tokens["auction_office"]
    document = upload(http, office, lot, report_pdf()).json()["id"]
    url = f"/api/v1/lots/{lot}/materials/{document}"
    link = re.compile(r'<a href="' + re.escape(url) + r'"[^>]*>评估报告（PDF）</a>')
    auction_terms.announce(services, c.office, lot)
    # announced, but the announcement does not publish the report: no file, no link
    assert http.get(url).status_code == 404
    assert http.get(f"{API}/auctions/{auction}").json()["materials"] == []
    assert not link.search(http.get(f"/auctions/{auction}").text)
    publication.correct(services, c.office, lot, "评估报告随公告公开", {"report_published": True})
    page = http.get(f"/auctions/{auction}").text
    assert link.search(page)
    assert f"{len(http.get(url).content) / 1000:.1f} kB" in page
    assert http.get(url).status_code == 200
    publication.correct(services, c.office, lot, "报告不再公开", {"report_published": False})
    assert http.get(url).status_code == 404
    assert not link.search(http.get(f"/auctions/{auction}").text)
