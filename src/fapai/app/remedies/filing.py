"""Filing an objection online (CPL Arts 236, 238; OBJ Arts 2, 5, 6).

Whoever files signs in with an account (the bidders' accounts: a party or a third party
opens one the same way, its phone proven), names the person the objection is made in
and states its standing; the standing is the filer's claim, which the court confirms
when it dockets or answers with a ruling not to accept. The papers are checked by
``domain.remedies.attachments`` and kept as filed, bytes and digest, for the court.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from fapai.app.cases.disposal import text
from fapai.app.errors import conflict, invalid, not_found
from fapai.app.lots.intake import storable
from fapai.app.lots.ports import LotRecord
from fapai.app.ports import Tx
from fapai.app.remedies.steps import add_step, move, refusal
from fapai.app.services import Services
from fapai.domain.remedies import attachments
from fapai.domain.remedies.docket import Status, Step
from fapai.domain.remedies.objections import (
    EnforcementState,
    ObjectionKind,
    ObjectionRefused,
    Standing,
    check_filing,
)

#: a lot whose property has been delivered or released: enforcement against it ended
PROPERTY_ENDED = frozenset({"delivered", "released"})
MAX_GROUNDS = 5000

_PAPER_REFUSALS = {
    "unsupported_type": (
        "仅接受 PDF、JPEG 或 PNG 文件。",
        "Only PDF, JPEG or PNG files are taken.",
    ),
    "empty_file": ("文件为空。", "The file is empty."),
    "file_too_large": ("单个文件不得超过 10 MiB。", "A file may not exceed 10 MiB."),
    "type_mismatch": ("文件内容与其类型不符。", "The file is not of its stated type."),
}


@dataclass(frozen=True, slots=True)
class Paper:
    """One file the filer sends: its caption, its declared type and its bytes."""

    title: str
    content_type: str
    data: bytes


def enforcement_state(tx: Tx, lot: LotRecord) -> EnforcementState:
    """OBJ Art 6's two ends: the lot's property delivered or released (enforcement
    against it ended), and every lot of the case so (the procedure ended; fapai keeps no
    other closing of a case)."""
    stages = [other.stage for other in tx.lots(lot.court_id, lot.case_id)]
    return EnforcementState(
        procedure_ended=bool(stages) and all(s in PROPERTY_ENDED for s in stages),
        property_enforcement_ended=lot.stage in PROPERTY_ENDED,
    )


def announced(tx: Tx, lot: LotRecord) -> bool:
    """Whether an auction of the lot was ever announced: before that the lot is not
    public (its title, on the filer's desk, would be a leak) and there is no auction to
    object to online; the parties object on paper (docs/remedies.md)."""
    return any(s.step == "announced" for s in tx.steps(lot.id))


def checked_papers(papers: list[Paper]) -> list[Paper]:
    if attachments.too_many(len(papers)):
        raise invalid(
            "too_many_papers", f"每次至多附 {attachments.MAX_FILES} 个文件，其余可补充提交。",
            f"At most {attachments.MAX_FILES} files per filing; send the rest as a supplement.",
        )  # fmt: skip
    for paper in papers:
        problem = attachments.attachment_problem(paper.content_type, paper.data)
        if problem is not None:
            zh, en = _PAPER_REFUSALS[problem]
            raise invalid(problem, zh, en)
        if not 0 < len(paper.title.strip()) <= 100 or not storable(paper.title):
            raise invalid("invalid_title", "须写明每个文件的名称。", "Give each file a caption.")
    return papers


def store_papers(tx: Tx, objection_id: int, papers: list[Paper], now: datetime) -> list[int]:
    ids = []
    for paper in papers:
        media = paper.content_type.split(";")[0].strip().lower()
        digest = hashlib.sha256(paper.data).hexdigest()
        ids.append(tx.add_paper(objection_id, paper.title.strip(), media, digest, paper.data, now))
    return ids


def file_objection(
    services: Services, account_id: int, lot_id: int, kind: str, standing: str, filer: str,
    grounds: str, papers: list[Paper],
) -> int:  # fmt: skip
    """File an objection to the lot's auction; returns its number. Refused, the rule
    cited, without standing, without grounds, or after the enforcement ended."""
    try:
        kind_, standing_ = ObjectionKind(kind), Standing(standing)
    except ValueError:
        raise invalid(
            "invalid_kind", "异议种类或异议人身份无效。",
            f"kind must be one of {', '.join(ObjectionKind)}; standing one of "
            f"{', '.join(Standing)}.",
        ) from None  # fmt: skip
    name = text(filer, "filer", 100)
    if len(grounds) > MAX_GROUNDS:
        raise invalid(
            "invalid_grounds", f"异议理由不得超过 {MAX_GROUNDS} 字。",
            f"The grounds may not exceed {MAX_GROUNDS} characters.",
        )  # fmt: skip
    checked_papers(papers)
    with services.db.write() as tx:
        lot = tx.lock_lot(lot_id)
        if lot is None or lot.case_id is None or not announced(tx, lot):
            raise not_found("案件标的物", "Lot of a case")  # one answer: nothing to probe
        now = services.clock()
        try:
            check_filing(kind_, standing_, grounds, enforcement_state(tx, lot))
        except ObjectionRefused as error:
            raise refusal(error) from None
        grounds = text(grounds, "grounds", MAX_GROUNDS)
        objection_id = tx.insert_objection(
            lot.court_id, lot.id, kind_.value, standing_.value, grounds, account_id,
            services.cipher.encrypt(name), now,
        )  # fmt: skip
        record = tx.objection(objection_id)
        assert record is not None
        stored = store_papers(tx, objection_id, papers, now)
        add_step(
            tx, record, "filed", f"account:{account_id}", now, kind=kind_.value,
            standing=standing_.value, papers=stored,
        )  # fmt: skip
    return objection_id


def supplement(services: Services, account_id: int, objection_id: int, papers: list[Paper]) -> None:
    """The filer sends more papers (or the ones the court asked for): asked for, they
    complete the filing and stop the completion clock (OBJ Art 2)."""
    checked_papers(papers)
    if not papers:
        raise invalid("no_papers", "请附上文件。", "Attach at least one file.")
    with services.db.write() as tx:
        objection = tx.lock_objection(objection_id)
        if objection is None or objection.account_id != account_id:
            raise not_found("异议", "Objection")
        if objection.status == Status.CLOSED:
            raise conflict("objection_closed", "该异议已结案。", "The objection is closed.")
        now = services.clock()
        stored = store_papers(tx, objection.id, papers, now)
        actor = f"account:{account_id}"
        if objection.status == "awaiting_papers":
            move(tx, objection, Step.PAPERS_COMPLETED, actor, now, papers=stored)
        else:
            add_step(tx, objection, "papers_added", actor, now, papers=stored)
