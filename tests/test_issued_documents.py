"""Court documents worded from the facts of their own day, and kept as issued (issue 16
item 3): a ruling to auction signed before the pricing cites no price; once a document
has its day its bytes are stored, their hash is on the audit trail and every later
request gets them; a re-issue is the next version with its day and reason; the public
page's announcement is the issued one and names no party."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from case_support import a_court, announced_lot, drafted_lot, open_case, refused, today
from fapai.app.accounts import principals
from fapai.app.cases import case_documents, disposal
from fapai.cli.main import app
from fapai.domain.numerals import format_cny
from fapai.storage import tables
from support import auth, row_count, seed_demo
from test_documents import pdf_text

PRICE = "¥1,000,000.00"


def trail(services, action: str) -> list[dict]:  # type: ignore[type-arg]
    with services.db.read() as tx:
        rows = tx.c.execute(  # type: ignore[attr-defined]
            select(tables.audit_records.c.payload).where(tables.audit_records.c.action == action)
        )
        return [json.loads(r.payload) for r in rows]


def ruling(services, user, lot: int, fmt: str = "pdf", **kw) -> tuple[bytes, str]:  # type: ignore[no-untyped-def]
    return case_documents.generate(
        services, user, lot, "ruling_to_auction", fmt, "zh", purpose="sale_documents", **kw
    )


def test_a_ruling_signed_before_the_pricing_cites_no_later_price_ref_art_1(services, clock) -> None:
    """Case 8 of the demo: ruled on one day, priced five days later. The ruling speaks
    from its own day: the price is still to be fixed (REF Art 1), the 70% floor stands."""
    c = a_court(services)
    case_id = open_case(services, c, "（2026）沪01执808号")
    lot = disposal.add_lot(
        services, c.bureau, case_id, "上海市某路8号", "real_estate", "上海市",
        {"occupancy": "空置"}, False,
    )  # fmt: skip
    disposal.rule_to_auction(services, c.bureau, lot, "（2026）沪01执808号之一", today(clock))
    clock.advance(days=5)
    disposal.set_reference_price(services, c.office, lot, "appraisal", 100_000_000, today(clock))
    for lang, pending in (("zh", "另行确定"), ("en", "will fix")):
        data, _ = case_documents.generate(
            services, c.bureau, lot, "ruling_to_auction", "pdf", lang, purpose="sale_documents"
        )
        text = pdf_text(data)
        assert PRICE not in text
        assert pending.replace(" ", "") in text
    assert "待确定" in pdf_text(ruling(services, c.bureau, lot)[0])


def test_a_ruling_cites_a_price_fixed_before_it_was_signed(services, clock) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)  # ruled and priced on the same day
    assert PRICE in pdf_text(ruling(services, c.bureau, lot)[0])


def test_an_issued_document_is_served_as_issued_with_its_hash_on_the_trail(services, clock) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    first, name = ruling(services, c.bureau, lot)
    html, _ = ruling(services, c.bureau, lot, fmt="html")
    (issued,) = trail(services, "document.issued")
    assert issued["version"] == 1
    assert issued["kind"] == "ruling_to_auction"
    assert issued["issued_on"] == today(clock).isoformat()
    assert issued["sha256"]["zh.pdf"] == hashlib.sha256(first).hexdigest()
    assert issued["sha256"]["zh.html"] == hashlib.sha256(html).hexdigest()
    assert set(issued["sha256"]) == {"zh.pdf", "zh.html", "en.pdf", "en.html"}
    # whatever renders documents now, the court gets the bytes it issued
    renderer = services.documents

    class Changed:
        def pdf(self, content: object) -> bytes:
            return b"%PDF-changed"

        def html(self, content: object) -> str:
            return "changed"

    try:
        object.__setattr__(services, "documents", Changed())
        clock.advance(days=3)
        again, again_name = ruling(services, c.office, lot)
    finally:
        object.__setattr__(services, "documents", renderer)
    assert (again, again_name) == (first, name)
    assert len(trail(services, "document.issued")) == 1
    served = trail(services, "document.generated")[-1]
    assert served["version"] == 1
    assert served["sha256"] == issued["sha256"]["zh.pdf"]
    # the stored bytes are encrypted: the debtor's name is not in the table
    with services.db.read() as tx:
        blobs = [r.data_enc for r in tx.c.execute(select(tables.issued_documents))]  # type: ignore[attr-defined]
    assert blobs
    assert all("张三".encode() not in bytes(b) for b in blobs)


def test_a_reissue_is_the_next_version_dated_its_own_day(services, clock) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    ruling(services, c.bureau, lot)
    clock.advance(days=2)
    # only the bureau or the office re-issues, with a reason
    refused(lambda: ruling(services, c.director, lot, reissue="更正"), "role_not_allowed")
    refused(lambda: ruling(services, c.bureau, lot, reissue="  "), "invalid_reason")
    ruling(services, c.bureau, lot, reissue="更正被执行人姓名的笔误")
    issued = trail(services, "document.issued")
    assert [i["version"] for i in issued] == [1, 2]
    assert issued[1]["issued_on"] == today(clock).isoformat()
    assert issued[1]["reason"] == "更正被执行人姓名的笔误"
    assert row_count(services, tables.issued_documents) == 8  # 2 versions x 2 langs x 2 formats


def test_a_draft_is_not_issued_and_cannot_be_reissued(services, clock) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    data, _ = case_documents.generate(
        services, c.office, lot, "announcement", "pdf", "zh", purpose="sale_documents"
    )
    assert "年月日" in pdf_text(data)  # undated: the court dates it when it seals
    assert row_count(services, tables.issued_documents) == 0
    refused(
        lambda: case_documents.generate(
            services, c.office, lot, "announcement", "pdf", "zh", purpose="sale_documents",
            reissue="更正",
        ),
        "not_issued",
    )  # fmt: skip


def test_the_public_announcement_is_the_issued_one_and_names_no_party_oja_art_12(
    services, clock, http
) -> None:
    c = a_court(services)
    _, auction = drafted_lot(services, c, clock)
    assert http.get(f"/api/v1/auctions/{auction}/announcement.pdf").status_code == 404
    lot, auction = announced_lot(services, c, clock)
    reply = http.get(f"/api/v1/auctions/{auction}/announcement.pdf")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''" in reply.headers["content-disposition"]
    text = pdf_text(reply.content)
    assert "拍卖公告" in text
    assert PRICE in text
    assert "张三" not in text
    assert "上海某银行" not in text
    assert row_count(services, tables.personal_data_reads) == 0
    court, _ = case_documents.generate(
        services, c.office, lot, "announcement", "pdf", "zh", purpose="sale_documents"
    )
    assert court == reply.content  # one document: the court's is the public one
    (issued,) = trail(services, "document.issued")
    assert issued["issued_on"] == today(clock).isoformat()


@pytest.mark.parametrize("kind", ["announcement", "notice"])
def test_documents_of_a_round_are_dated_by_their_act(services, clock, kind) -> None:
    c = a_court(services)
    lot, _ = announced_lot(services, c, clock)
    case_documents.generate(services, c.office, lot, kind, "html", "zh", purpose="sale_documents")
    (issued,) = trail(services, "document.issued")
    served = today(clock) - timedelta(days=4)  # notices were served four days before
    assert issued["issued_on"] == (today(clock) if kind == "announcement" else served).isoformat()


def test_the_court_reissues_over_http(services, clock, http) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    path = f"/api/v1/court/lots/{lot}/documents/ruling_to_auction"
    headers = auth(c.tokens["enforcement"])
    assert http.get(path, params={"purpose": "sale_documents"}, headers=headers).status_code == 200
    body = {"reason": "更正笔误", "purpose": "sale_documents"}
    reply = http.post(f"{path}/reissue", json=body, headers=headers)
    assert reply.status_code == 201, reply.text
    assert [i["version"] for i in trail(services, "document.issued")] == [1, 2]


def test_an_earlier_version_stays_served_as_issued_and_the_case_lists_each(
    services, clock, http
) -> None:
    """Issue 16 item 3: after a re-issue the earlier version is still served, byte for byte
    as issued (``?version=``), and the case lists every version with its day and reason."""
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    with services.db.read() as tx:
        case_id = tx.lot(lot).case_id
    path = f"/api/v1/court/lots/{lot}/documents/ruling_to_auction"
    headers = auth(c.tokens["enforcement"])
    query = {"purpose": "sale_documents"}
    first = http.get(path, params=query, headers=headers).content
    clock.advance(days=1)
    body = {"reason": "更正笔误", "purpose": "sale_documents"}
    assert http.post(f"{path}/reissue", json=body, headers=headers).status_code == 201
    again = http.get(path, params={**query, "version": 1}, headers=headers)
    assert again.status_code == 200
    assert again.content == first
    missing = http.get(path, params={**query, "version": 3}, headers=headers)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    case = http.get(f"/api/v1/court/cases/{case_id}", headers=headers).json()
    (listed,) = [item for item in case["lots"] if item["id"] == lot]
    versions = [
        (d["version"], d["issued_on"], d["reason"])
        for d in listed["issued_documents"] if d["kind"] == "ruling_to_auction"
    ]  # fmt: skip
    assert versions[0][0] == 1
    assert versions[0][2] is None
    assert versions[1] == (2, today(clock).isoformat(), "更正笔误")


def test_the_command_line_reissues(services, clock, tmp_path, secret_key) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    env = {"FAPAI_DATABASE_URL": services.db.engine.url.render_as_string(hide_password=False),
           "FAPAI_DATA_DIR": str(tmp_path),
           "FAPAI_SECRET_KEY": base64.b64encode(secret_key).decode()}  # fmt: skip
    out = tmp_path / "ruling.pdf"
    command = ["case", "document", str(lot), "ruling_to_auction", "-o", str(out),
               "--purpose", "sale_documents", "--token", c.tokens["enforcement"]]  # fmt: skip
    assert CliRunner().invoke(app, command, env=env).exit_code == 0
    first = out.read_bytes()
    again = CliRunner().invoke(app, [*command, "--reissue", "更正笔误"], env=env)
    assert again.exit_code == 0, again.output
    assert [i["version"] for i in trail(services, "document.issued")] == [1, 2]
    assert out.read_bytes().startswith(b"%PDF")
    assert first.startswith(b"%PDF")


def test_a_stored_document_altered_afterwards_is_refused_not_served(services, clock) -> None:
    c = a_court(services)
    lot, _ = drafted_lot(services, c, clock)
    ruling(services, c.bureau, lot)
    forged = services.cipher.encrypt(base64.b64encode(b"%PDF-forged").decode())
    with services.db.write() as tx:
        tx.c.execute(update(tables.issued_documents).values(data_enc=forged))  # type: ignore[attr-defined]
    refused(lambda: ruling(services, c.bureau, lot), "document_altered")


def test_no_demo_ruling_cites_a_price_fixed_after_it(services) -> None:
    """Issue 16 item 3 as found: in the demo, rulings signed before their lot's pricing."""
    seeded = seed_demo(services)
    checked = 0
    for lot in set(seeded.lots.values()):
        with services.db.read() as tx:
            steps = tx.steps(lot)
            code, _ = tx.court_names(tx.lot(lot).court_id)
        ruled = [s for s in steps if s.step == "ruled"]
        priced = [s for s in steps if s.step == "priced"]
        if not ruled or not priced or priced[0].on_date <= ruled[-1].on_date:
            continue
        bureau = principals.authenticate(services, seeded.court_tokens[f"{code}/enforcement"])
        text = pdf_text(ruling(services, bureau, lot)[0])
        assert format_cny(json.loads(priced[0].details)["amount"]) not in text
        assert "另行确定" in text
        checked += 1
    assert checked
