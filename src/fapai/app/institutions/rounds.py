"""A selection round of the court's database of institutions, through the seven steps
of Art 9 (seed 003): announcement, applications, review, public notice of the proposed
list, the adjudication committee's decision, filing with the High Court, publication.

Each act is one step (``domain/institutions/procedure.py`` refuses a step out of order)
and goes on the audit trail. An application declares the Art 6 conditions and the Art 7
facts, signs the Art 8 commitments and names its persons by ID number, kept only as the
cipher's blind index; the review refuses it with every article it fails, including the
checks the court makes blind: its persons on the court's list of staff and relatives
(Art 7(1)) and a removed institution's persons or credit code within the ban (Art 26).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from fapai.app.accounts.courts import require
from fapai.app.accounts.identities import person_index
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.cases.disposal import text
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.institutions.ports import InstitutionRecord, RoundRecord
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.institutions import admission
from fapai.domain.institutions.database import DATABASE_MAX, database_alerts
from fapai.domain.institutions.procedure import (
    ARTICLES,
    earliest_close,
    filing_due,
    next_step,
)

ROLES = ("legal_representative", "principal", "shareholder", "controller", "staff")
#: the court's list categories that tie a person to the court (Art 7(1))
COURT_TIES = ("court_staff", "close_relative")
#: members of the database: counted for Art 10, shown on the public page
MEMBERS = ("admitted", "suspended")
#: the declared yes/no facts, by their name in ``domain/institutions/admission.Application``
_FLAGS = (
    "has_internal_rules", "has_premises_and_equipment", "has_experienced_staff",
    "offers_storage_transport", "has_storage_transport_capacity", "weekly_service_0830_2200",
    "keeps_full_logs", "court_staff_tie", "on_dishonest_list", "criminal_conviction",
)  # fmt: skip
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")


@dataclass(frozen=True, slots=True)
class Person:
    role: str
    id_number: str
    contracted: bool = False  # staff: an employment contract with the institution (Art 13)


@dataclass(frozen=True, slots=True)
class Declared:
    """The Art 6 conditions and Art 7 facts as the applicant declares them."""

    has_internal_rules: bool
    has_premises_and_equipment: bool
    has_experienced_staff: bool
    offers_storage_transport: bool
    has_storage_transport_capacity: bool
    weekly_service_0830_2200: bool
    keeps_full_logs: bool
    court_staff_tie: bool
    on_dishonest_list: bool
    last_conduct_penalty: date | None
    criminal_conviction: bool


@dataclass(frozen=True, slots=True)
class Applicant:
    credit_code: str  # 统一社会信用代码: a renamed entity keeps it
    name: str
    registered_capital: int  # fen
    declared: Declared
    commitments_signed: bool  # Art 8
    persons: list[Person] = field(default_factory=list)


def _actor(user: CourtPrincipal) -> str:
    return f"court_user:{user.login}"


def _today(services: Services) -> tuple[datetime, date]:
    now = services.clock()
    return now, beijing_date(now)


def _on(day: date, today: date, what: str) -> date:
    if day > today:
        raise invalid(
            f"{what}_in_future", f"日期不能晚于今天（{today.isoformat()}）。",
            f"{what} cannot be later than today ({today.isoformat()}).",
        )  # fmt: skip
    return day


def _round(tx: Tx, user: CourtPrincipal, round_id: int, wanted: str) -> RoundRecord:
    found = tx.institution_round(round_id)
    if found is None:
        raise not_found("入库评选", "Selection round")
    if found.court_id != user.court_id:
        raise other_court("入库评选")
    why = next_step(found.step, wanted)
    if why is not None:
        raise conflict(
            "step_out_of_order",
            f"入库程序须依次进行（网拍辅助机构管理办法{ARTICLES[wanted]}），当前步骤：{found.step}。",
            why,
        )  # fmt: skip
    return found


def open_round(
    services: Services, user: CourtPrincipal, media: str, announced_on: date, closes_on: date
) -> int:
    """Step 1: the announcement in the local media and on the court's site, open for 5
    days or more (Art 9(1)); applications are taken until ``closes_on``."""
    require(user, "enforcement")
    media = text(media, "media", 200)
    now, today = _today(services)
    _on(announced_on, today, "announced_on")
    earliest = earliest_close(services.calendar, announced_on)
    if closes_on < earliest:
        raise invalid(
            "announcement_too_short",
            f"公告时间须为5日以上，申请截止日不得早于{earliest.isoformat()}（办法第九条第一项）。",
            f"The announcement runs 5 days or more: applications close on {earliest.isoformat()} "
            "at the earliest (seed 003 Art 9(1)).",
        )  # fmt: skip
    with services.db.write() as tx:
        round_id = tx.insert_round(user.court_id, media, announced_on, closes_on)
        trail.record(
            tx, trail.SYSTEM, now, _actor(user), "institutions.announced", round=round_id,
            court=user.court_id, announced_on=announced_on.isoformat(),
            closes_on=closes_on.isoformat(),
        )  # fmt: skip
    return round_id


def apply(services: Services, user: CourtPrincipal, round_id: int, applicant: Applicant) -> int:
    """Step 2: record one application (Art 9(2)) until the announcement's closing day."""
    require(user, "enforcement")
    code = applicant.credit_code.strip().upper()
    if not _CREDIT_CODE.fullmatch(code):
        raise invalid(
            "invalid_credit_code", "统一社会信用代码须为18位。",
            "The unified social credit code has 18 characters.",
        )  # fmt: skip
    name = text(applicant.name, "name", 200)
    if not 0 <= applicant.registered_capital <= 10**15:
        raise invalid(
            "invalid_capital", "注册资本无效。", "The registered capital is out of range."
        )
    roles = {p.role for p in applicant.persons}
    if not roles <= set(ROLES) or "legal_representative" not in roles:
        raise invalid(
            "invalid_persons", "须列明法定代表人，人员角色须为：" + "、".join(ROLES) + "。",
            f"Name the legal representative; roles are {', '.join(ROLES)}.",
        )  # fmt: skip
    if len(applicant.persons) > 200:
        raise invalid("too_many_persons", "人员过多。", "At most 200 persons.")
    now, today = _today(services)
    with services.db.write() as tx:
        found = _round(tx, user, round_id, "applications")
        if not found.announced_on <= today <= found.closes_on:
            raise conflict(
                "applications_closed", "不在申请期间内（办法第九条第二项）。",
                "Applications are taken only while the announcement is open (Art 9(2)).",
            )  # fmt: skip
        if any(
            i.credit_code == code
            for i in tx.institutions([user.court_id])
            if i.round_id == round_id
        ):
            raise conflict("already_applied", "该机构已申请。", "This institution has applied.")
        declared = {
            **asdict(applicant.declared),
            "commitments_signed": applicant.commitments_signed,
        }
        institution_id = tx.insert_institution(
            user.court_id, round_id, code, name, "applied", applicant.registered_capital,
            json.dumps(declared, default=str, sort_keys=True), "[]", today,
        )  # fmt: skip
        seen: set[tuple[str, str]] = set()
        for person in applicant.persons:
            index = person_index(services, person.id_number, now)
            if (person.role, index) not in seen:
                seen.add((person.role, index))
                tx.add_institution_person(institution_id, person.role, index, person.contracted)
        tx.update_round(round_id, step="applications")
        trail.record(
            tx, trail.SYSTEM, now, _actor(user), "institutions.applied", round=round_id,
            institution=institution_id, credit_code=code, persons=len(seen),
        )  # fmt: skip
    return institution_id


def _refusals(
    tx: Tx, court_id: int, institution: InstitutionRecord, today: date
) -> list[list[str]]:
    declared = json.loads(institution.declared)
    penalty = declared["last_conduct_penalty"]
    facts = admission.Application(
        registered_capital_fen=institution.registered_capital,
        **{name: bool(declared[name]) for name in _FLAGS},
        last_conduct_penalty=date.fromisoformat(penalty) if penalty else None,
    )
    found = [[r.article, r.reason] for r in admission.refusals(facts, today)]
    persons = tx.institution_persons(institution.id)
    controlling = [index for role, index, _ in persons if role != "staff"]
    tied = any(tx.listed_categories(court_id, index) & set(COURT_TIES) for index in controlling)
    if tied and not facts.court_staff_tie:
        found.append(
            ["Art 7(1)", "a controlling person is on the court's list of staff and relatives"]
        )
    if not declared["commitments_signed"]:
        found.append(["Art 8", "the commitments are not signed"])
    if any(role == "staff" and not contracted for role, _, contracted in persons):
        found.append(["Art 13", "staff without an employment contract"])
    banned = tx.banned_institution(court_id, institution.credit_code, controlling, today)
    if banned is not None:
        found.append(
            [
                "Art 26",
                f"removed institution's persons or entity, barred until {banned.banned_until}",
            ]
        )
    return found


def review(
    services: Services, user: CourtPrincipal, round_id: int, supervision: str
) -> dict[str, list[list[str]]]:
    """Step 3: the bureau reviews every application with the supervision department
    (named in ``supervision``), once applications have closed; each is refused with its
    articles or proposed. Returns the refusals by credit code."""
    require(user, "enforcement")
    supervision = text(supervision, "supervision_department", 200)
    now, today = _today(services)
    result: dict[str, list[list[str]]] = {}
    with services.db.write() as tx:
        found = _round(tx, user, round_id, "reviewed")
        if today <= found.closes_on:
            raise conflict(
                "applications_open", "申请期间尚未届满。", "Applications are still open."
            )
        for institution in tx.institutions([user.court_id]):
            if institution.round_id != round_id:
                continue
            refusals = _refusals(tx, user.court_id, institution, today)
            result[institution.credit_code] = refusals
            tx.update_institution(
                institution.id, status="refused" if refusals else "proposed",
                refusals=json.dumps(refusals, ensure_ascii=False),
            )  # fmt: skip
        tx.update_round(round_id, step="reviewed")
        trail.record(
            tx, trail.SYSTEM, now, _actor(user), "institutions.reviewed", round=round_id,
            supervision=supervision, refusals=result,
        )  # fmt: skip
    return result


def start_notice(services: Services, user: CourtPrincipal, round_id: int, first_day: date) -> date:
    """Step 4: the proposed list on the court's site for 5 working days (Art 9(4));
    returns the notice's last day."""
    require(user, "enforcement")
    now, today = _today(services)
    _on(first_day, today, "notice_from")
    with services.db.write() as tx:
        _round(tx, user, round_id, "on_notice")
        ends = admission.proposed_list_notice_end(services.calendar, first_day)
        tx.update_round(round_id, step="on_notice", notice_from=first_day, notice_ends=ends)
        trail.record(
            tx, trail.SYSTEM, now, _actor(user), "institutions.on_notice", round=round_id,
            notice_from=first_day.isoformat(), notice_ends=ends.isoformat(),
        )  # fmt: skip
    return ends


def decide(
    services: Services, user: CourtPrincipal, round_id: int, decided_on: date, decision_ref: str,
    struck: list[str],
) -> list[str]:  # fmt: skip
    """Step 5: the adjudication committee's decision once the notice has run (Art 9(5)),
    which may strike proposed institutions (by credit code). The database may not grow
    beyond 10 (Art 10); returns the alerts of a database below 6."""
    require(user, "director")
    ref = text(decision_ref, "decision_ref", 100)
    now, today = _today(services)
    _on(decided_on, today, "decided_on")
    with services.db.write() as tx:
        found = _round(tx, user, round_id, "decided")
        if found.notice_ends is None or decided_on <= found.notice_ends:
            raise conflict(
                "notice_running",
                f"公示期满后方可提交审判委员会审定（公示至{found.notice_ends}，办法第九条第五项）。",
                "The committee decides once the notice has run "
                f"(to {found.notice_ends}, Art 9(5)).",
            )  # fmt: skip
        everyone = tx.institutions([user.court_id])
        proposed = [i for i in everyone if i.round_id == round_id and i.status == "proposed"]
        unknown = set(struck) - {i.credit_code for i in proposed}
        if unknown:
            raise invalid(
                "not_proposed",
                "所列机构不在拟入库名单中。",
                f"Not proposed: {', '.join(sorted(unknown))}.",
            )
        size = sum(i.status in MEMBERS for i in everyone) + len(proposed) - len(set(struck))
        if size > DATABASE_MAX:
            raise conflict(
                "database_full", f"名单库机构数量为6-10家，审定后将为{size}家（办法第十条）。",
                f"The database holds 6 to 10 institutions; this would make {size} (Art 10).",
            )  # fmt: skip
        for institution in proposed:
            if institution.credit_code in struck:
                tx.update_institution(institution.id, status="struck")
        due = filing_due(services.calendar, decided_on)
        tx.update_round(
            round_id, step="decided", decided_on=decided_on, decision_ref=ref, filing_due=due
        )
        trail.record(
            tx, trail.SYSTEM, now, _actor(user), "institutions.decided", round=round_id,
            decided_on=decided_on.isoformat(), decision_ref=ref, struck=sorted(struck),
            filing_due=due.isoformat(),
        )  # fmt: skip
    return [alert.reason for alert in database_alerts(size)]


def file_with_high_court(
    services: Services, user: CourtPrincipal, round_id: int, filed_on: date
) -> bool:
    """Step 6: the decided list filed with the provincial High Court within 5 days
    (Art 9(6)). A late filing is still recorded, as late; returns whether it was on time."""
    require(user, "enforcement")
    now, today = _today(services)
    _on(filed_on, today, "filed_on")
    with services.db.write() as tx:
        found = _round(tx, user, round_id, "filed")
        assert found.decided_on is not None
        assert found.filing_due is not None
        if filed_on < found.decided_on:
            raise invalid(
                "filed_before_decision", "备案日期早于审定日期。", "Filed before the decision."
            )
        on_time = filed_on <= found.filing_due
        tx.update_round(round_id, step="filed", filed_on=filed_on)
        trail.record(
            tx, trail.SYSTEM, now, _actor(user), "institutions.filed", round=round_id,
            filed_on=filed_on.isoformat(), on_time=on_time,
        )  # fmt: skip
    return on_time


def publish(
    services: Services, user: CourtPrincipal, round_id: int, published_on: date
) -> list[str]:
    """Step 7: the list published on the court's site (Art 9(7)); its institutions are
    now the database's members. Returns their credit codes."""
    require(user, "enforcement")
    now, today = _today(services)
    _on(published_on, today, "published_on")
    with services.db.write() as tx:
        found = _round(tx, user, round_id, "published")
        assert found.filed_on is not None
        if published_on < found.filed_on:
            raise invalid(
                "published_before_filing", "公布日期早于备案日期。", "Published before filing."
            )
        admitted = [
            i for i in tx.institutions([user.court_id])
            if i.round_id == round_id and i.status == "proposed"
        ]  # fmt: skip
        for institution in admitted:
            tx.update_institution(institution.id, status="admitted", admitted_on=published_on)
        tx.update_round(round_id, step="published", published_on=published_on)
        trail.record(
            tx, trail.SYSTEM, now, _actor(user), "institutions.published", round=round_id,
            published_on=published_on.isoformat(),
            admitted=[i.credit_code for i in admitted],
        )  # fmt: skip
    return [i.credit_code for i in admitted]
