"""The institution entrusted with a lot, drawn by the platform's re-checkable lottery
(``fapai-lottery/1``, docs/lottery.md; Shanghai item 13: random computer matching).

The office schedules the draw: the candidates are its court's selection, each with its
load (designations over the balance window, so the less busy are likelier: seed 001's
委托平衡机制), minus any institution with a conflict in the case, excluded with the
reason on the record (recusal, Art 7), and minus any institution already replaced on the
lot. The seed's commitment is on the trail before the draw; the public record lets anyone
re-run it with ``fapai lottery verify``. The designation belongs to the lot, not to a
round: after a postponement or suspension the same institution continues (Shanghai item
19) until it is replaced on its request or by the court (Art 15) or removed (Art 25).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from fapai.app import documents
from fapai.app.accounts.principals import COURT_ROLES, CourtPrincipal
from fapai.app.assignment.lottery_file import record as draw_record
from fapai.app.audit import trail
from fapai.app.cases.disposal import lot_in_case, step, text
from fapai.app.cases.ports import DrawRecord
from fapai.app.errors import conflict, invalid, not_found
from fapai.app.institutions.agreements import database_courts, selection
from fapai.app.institutions.ports import DesignationRecord
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.assignment.lottery import Candidate, commitment, draw
from fapai.domain.calendar import beijing_date

#: The loads are counted over the last year, as the platform's (app/cases/auction_terms.py).
BALANCE_WINDOW = timedelta(days=365)
REPLACEMENT_BY = {"institution_request": "辅助机构申请", "court_decision": "法院决定"}


def _key(n: int) -> str:
    """The ``draws.purpose`` of the lot's n-th institution draw (a replacement is n > 1)."""
    return "institution" if n == 1 else f"institution-{n}"


def _purpose(lot_id: int, n: int) -> str:
    return f"institution:lot:{lot_id}:{n}"


def _draws(tx: Tx, lot_id: int) -> int:
    n = 0
    while tx.draw(lot_id, _key(n + 1)) is not None:
        n += 1
    return n


def current(tx: Tx, lot_id: int) -> DesignationRecord | None:
    return next((d for d in tx.designations(lot_id) if d.ended_at is None), None)


def schedule(
    services: Services, user: CourtPrincipal, lot_id: int, recusals: dict[str, str]
) -> dict[str, Any]:
    """Fix and publish the seed and the candidates; ``recusals`` maps the credit code of
    each institution with a conflict in the case to the reason, which the record keeps."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        if current(tx, lot_id) is not None:
            raise conflict(
                "institution_continues",
                "本标的物已有受托辅助机构，暂缓或中止后恢复拍卖的，由原辅助机构继续（上海细则第十九条）；"
                "需更换的，先依办法第十五条更换。",
                "The lot has its institution, which continues after a postponement "
                "(Shanghai item 19); replace it first (seed 003 Art 15).",
            )  # fmt: skip
        n = _draws(tx, lot_id)
        last = tx.draw(lot_id, _key(n)) if n else None
        if last is not None and last.chosen is None:
            raise conflict(
                "draw_exists", "本标的物的摇号已安排。", "The draw is already scheduled."
            )
        chosen_before = {d.institution_id for d in tx.designations(lot_id)}
        pool = {i.credit_code: i for i in selection(tx, held.lot.court_id, held.today)}
        reasons = _recusals(recusals, pool)
        loads = tx.institution_loads(held.now - BALANCE_WINDOW)
        candidates = [
            {"key": code, "load": loads.get(i.id, 0)}
            for code, i in sorted(pool.items())
            if code not in reasons and i.id not in chosen_before
        ]  # fmt: skip
        if not candidates:
            raise conflict(
                "no_candidates", "本院选定的辅助机构中无可摇号的机构（办法第十条）。",
                "No institution of the court's selection can be drawn (Art 10).",
            )  # fmt: skip
        seed = services.randbelow(2**256).to_bytes(32, "big")
        sealed = commitment(seed)
        tx.insert_draw(lot_id, _key(n + 1), seed.hex(), sealed, json.dumps(candidates), held.now)
        step(
            tx, user, held, None, "institution_draw_scheduled", held.today, draw=n + 1,
            seed=seed.hex(), commitment=sealed, candidates=candidates, recusals=reasons,
        )  # fmt: skip
    return public_record(services, lot_id)


def _recusals(given: dict[str, str], pool: dict[str, Any]) -> dict[str, str]:
    reasons: dict[str, str] = {}
    for code, reason in given.items():
        if code not in pool:
            raise invalid(
                "invalid_recusal", "回避须列明本院选定机构的信用代码及回避理由。",
                "A recusal names an institution of the court's selection and the reason.",
            )  # fmt: skip
        reasons[code] = text(reason, "recusal", 200)
    return reasons


def run(services: Services, user: CourtPrincipal, lot_id: int) -> str:
    """Draw from the published seed; returns the chosen institution's credit code."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        n = _draws(tx, lot_id)
        scheduled = tx.draw(lot_id, _key(n)) if n else None
        if scheduled is None:
            raise conflict("no_draw", "尚未安排摇号。", "No draw is scheduled.")
        if scheduled.chosen is not None:
            raise conflict("already_drawn", "已摇号。", "The draw has taken place.")
        candidates = [Candidate(c["key"], c["load"]) for c in json.loads(scheduled.candidates)]
        result = draw(bytes.fromhex(scheduled.seed), _purpose(lot_id, n), candidates)
        tx.finish_draw(scheduled.id, result.chosen, result.ticket, held.now)
        chosen = next(
            i for i in tx.institutions(database_courts(tx, held.lot.court_id))
            if i.credit_code == result.chosen and i.admitted_on is not None
        )  # fmt: skip
        tx.insert_designation(lot_id, chosen.id, scheduled.id, held.now)
        step(
            tx, user, held, None, "institution_designated", held.today,
            institution=result.chosen, draw=n, ticket=result.ticket, total=result.total,
        )  # fmt: skip
    return result.chosen


def replace(
    services: Services, user: CourtPrincipal, lot_id: int, by: str, reason: str, files_due: date
) -> None:
    """End the lot's designation (Art 15): on the institution's request or by the court's
    decision, with the day by which the institution hands the files back."""
    if by not in REPLACEMENT_BY:
        raise invalid(
            "invalid_by", "更换方式无效。", f"by must be one of {', '.join(REPLACEMENT_BY)}."
        )
    why = text(reason, "reason", 200)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        found = current(tx, lot_id)
        if found is None:
            raise not_found("受托辅助机构", "Designated institution")
        if not held.today <= files_due <= held.today + timedelta(days=90):
            raise invalid(
                "invalid_files_due", "资料交回期限须在今天起90日内（办法第十五条：合理期限）。",
                "The files are due back within 90 days from today (Art 15: a reasonable period).",
            )  # fmt: skip
        tx.end_designation(found.id, held.now, f"replaced:{by}", files_due)
        step(
            tx, user, held, None, "institution_replaced", held.today, by=by, reason=why,
            institution=found.institution_id, files_due=files_due.isoformat(),
        )  # fmt: skip


def files_owed(tx: Tx, lot_id: int) -> list[DesignationRecord]:
    """The lot's ended designations whose property, keys and files are not yet recorded
    as handed back (Art 17; Art 15's day on a replacement, 3 days on a removal)."""
    return [
        d for d in tx.designations(lot_id)
        if d.ended_at is not None and d.files_due is not None and d.files_returned_on is None
    ]  # fmt: skip


def files_returned(services: Services, user: CourtPrincipal, lot_id: int) -> None:
    """The office records that the earlier institution handed back the property, keys and
    files (Art 17): the deadline board's clock is done."""
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        owed = files_owed(tx, lot_id)
        if not owed:
            raise conflict(
                "no_files_owed", "本标的物没有待交回的财产、钥匙和资料。",
                "No property, keys or files are due back on this lot.",
            )  # fmt: skip
        for d in owed:
            tx.files_returned(d.id, held.today)
            step(
                tx, user, held, None, "institution_files_returned", held.today,
                institution=d.institution_id, files_due=d.files_due.isoformat()
                if d.files_due else None, article="seed 003 Art 17",
            )  # fmt: skip


def public_record(services: Services, lot_id: int) -> dict[str, Any]:
    """Every institution draw of the lot as anyone may read it: seed, commitment and
    candidates once scheduled, the whole ``fapai-lottery/1`` record once drawn."""
    with services.db.read() as tx:
        n = _draws(tx, lot_id)
        scheduled = [tx.draw(lot_id, _key(k)) for k in range(1, n + 1)]
    if not scheduled:
        raise conflict("no_draw", "尚未安排摇号。", "No draw is scheduled.")
    draws = []
    for k, found in enumerate(scheduled, start=1):
        assert found is not None
        candidates = [Candidate(c["key"], c["load"]) for c in json.loads(found.candidates)]
        seed, purpose = bytes.fromhex(found.seed), _purpose(lot_id, k)
        record = None
        if found.chosen is not None:
            record = draw_record(seed, purpose, candidates, draw(seed, purpose, candidates))
        draws.append({
            "purpose": purpose, "seed": found.seed, "commitment": found.commitment,
            "candidates": [{"key": c.key, "load": c.load} for c in candidates],
            "drawn": record is not None, "record": record,
        })  # fmt: skip
    return {"lot_id": lot_id, "draws": draws}


def letter(
    services: Services, user: CourtPrincipal, lot_id: int, fmt: str, lang: str
) -> tuple[bytes, str]:
    """The entrustment letter (Art 14) to the lot's institution, PDF or HTML, zh or en."""
    renderer = services.documents
    if renderer is None:
        raise conflict("documents_unavailable", "文书服务未配置。", "No document renderer.")
    if fmt not in ("pdf", "html") or lang not in ("zh", "en"):
        raise invalid("invalid_format", "格式为 pdf 或 html，语言为 zh 或 en。", "pdf|html, zh|en.")
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, *COURT_ROLES)
        found = current(tx, lot_id)
        if found is None:
            raise conflict(
                "no_institution", "本标的物尚无受托辅助机构。", "No institution is designated."
            )
        institution = tx.institution(found.institution_id)
        drawn = next(d for d in _all_draws(tx, lot_id) if d[1].id == found.draw_id)
        assert institution is not None
        assert drawn[1].ticket is not None
        lot = held.lot
        case = tx.case(lot.case_id or 0)
        assert case is not None
        code, name = tx.court_names(lot.court_id)
        result = draw(
            bytes.fromhex(drawn[1].seed), _purpose(lot_id, drawn[0]),
            [Candidate(c["key"], c["load"]) for c in json.loads(drawn[1].candidates)],
        )  # fmt: skip
        content = documents.entrustment_letter(
            documents.CaseFacts(name, code, case.number, "", "", case.basis),
            documents.LotFacts(
                lot.title, lot.property_type, lot.location, {}, lot.reference_price,
                lot.reference_method, lot.reference_date,
            ),
            documents.EntrustmentFacts(
                institution.name, institution.credit_code, beijing_date(found.started_at),
                result.ticket, result.total, _purpose(lot_id, drawn[0]),
            ),
            lang,
        )  # fmt: skip
        trail.record(
            tx, trail.SYSTEM, held.now, f"court_user:{user.login}", "document.generated",
            lot=lot_id, kind="entrustment_letter", format=fmt,
        )  # fmt: skip
    data = renderer.pdf(content) if fmt == "pdf" else renderer.html(content).encode()
    return data, content.file_name.removesuffix(".pdf") + f".{fmt}"


def _all_draws(tx: Tx, lot_id: int) -> list[tuple[int, DrawRecord]]:
    found = [(k, tx.draw(lot_id, _key(k))) for k in range(1, _draws(tx, lot_id) + 1)]
    return [(k, d) for k, d in found if d is not None]
