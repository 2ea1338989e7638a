"""The objection's documents as PDF or HTML, zh or en (``app/documents/objections.py``
words them): the notice of docketing, to the objector or to a party, and the ruling.
They name the parties and the objector, so every generation is logged as a
personal-data read (app/audit/reads.py): a court user gives a purpose; the objector
reading its own served documents is logged with the purpose ``served``."""

from __future__ import annotations

import json
from typing import Literal

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import reads, trail
from fapai.app.cases.case_documents import _case
from fapai.app.documents.objections import (
    ObjectionFacts,
    ObjectionRuling,
    docketing_notice,
    objection_ruling,
)
from fapai.app.errors import conflict, not_found, other_court
from fapai.app.ports import Tx
from fapai.app.remedies.ports import ObjectionRecord
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.workflow.grounds import REVOKE_GROUNDS

Kind = Literal["notice", "ruling"]
To = Literal["objector", "applicant", "debtor"]
SERVED = "served"


def for_court(
    services: Services, user: CourtPrincipal, objection_id: int, kind: Kind, fmt: str,
    lang: str, to: To = "objector", purpose: str | None = None, note: str | None = None,
) -> tuple[bytes, str]:  # fmt: skip
    require(user, "auction_office", "enforcement", "director", "supervisor")
    reader = reads.Reader("court_user", user.user_id, purpose, note, f"objection:{objection_id}")
    with services.db.write() as tx:
        objection = tx.objection(objection_id)
        if objection is None:
            raise not_found("异议", "Objection")
        if user.court_id not in (objection.court_id, objection.reviewing_court_id):
            raise other_court("异议")
        return _make(
            services, tx, reader, objection, kind, fmt, lang, to, f"court_user:{user.login}"
        )


def for_filer(
    services: Services, account_id: int, objection_id: int, kind: Kind, fmt: str, lang: str
) -> tuple[bytes, str]:
    """The objector's copy of a document served on it."""
    reader = reads.Reader("account", account_id, SERVED, None, f"objection:{objection_id}")
    with services.db.write() as tx:
        objection = tx.objection(objection_id)
        if objection is None or objection.account_id != account_id:
            raise not_found("异议", "Objection")
        return _make(
            services, tx, reader, objection, kind, fmt, lang, "objector", f"account:{account_id}"
        )


def _make(
    services: Services, tx: Tx, reader: reads.Reader, objection: ObjectionRecord, kind: Kind,
    fmt: str, lang: str, to: To, actor: str,
) -> tuple[bytes, str]:  # fmt: skip
    renderer = services.documents
    if renderer is None:
        raise conflict("documents_unavailable", "文书服务未配置。", "No document renderer.")
    steps = {s.step: s for s in tx.objection_steps(objection.id)}  # the latest of each
    needed = steps.get("docket" if kind == "notice" else "rule")
    if needed is None:
        raise conflict(
            "document_not_ready", "该文书所依据的程序尚未完成。",
            "The act this document records has not happened yet.",
        )  # fmt: skip
    lot = tx.lot(objection.lot_id)
    assert lot is not None
    disclosure = reads.Disclosure(services.cipher, reader, objection.court_id)
    case = _case(disclosure, tx, lot)
    objector = disclosure.decrypt(f"objection:{objection.id}", "filer", objection.filer_enc)
    facts = ObjectionFacts(
        objection.id, objection.kind, objector, lot.title, objection.grounds,
        beijing_date(objection.filed_at),
    )  # fmt: skip
    if kind == "notice":
        addressee = {"objector": objector, "applicant": case.applicant, "debtor": case.debtor}
        content = docketing_notice(case, facts, beijing_date(needed.at), addressee[to], lang)
    else:
        said = json.loads(needed.details)
        court = tx.court(objection.court_id)
        higher = tx.court(court.parent_id) if court and court.parent_id else None
        ground = REVOKE_GROUNDS.get(objection.revoke_ground or "")
        content = objection_ruling(
            case, facts, ObjectionRuling(
                objection.outcome or "", said["reason"], ground, beijing_date(needed.at),
                higher.name if higher else None,
            ), lang,
        )  # fmt: skip
    now = services.clock()
    disclosure.log(tx, now)
    trail.record(
        tx, trail.SYSTEM, now, actor, "objection.document", objection=objection.id, kind=kind,
        format=fmt,
    )  # fmt: skip
    data = renderer.pdf(content) if fmt == "pdf" else renderer.html(content).encode()
    return data, content.file_name.removesuffix(".pdf") + f".{fmt}"
