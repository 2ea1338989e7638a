"""The work of seed 003 Art 3 as tasks on an entrusted lot, with a deadline and a full
trace (Art 6(8)), between the court's office and its designated institution.

The office gives a task to the lot's designated institution only, naming one of that
institution's staff accounts; work the law reserves to the court (Art 3(8)) is refused
``reserved_to_court``. The assignee logs each step (site visits, calls, viewings,
deliveries) with the time it happened and submits; the office accepts it or sends it back
with the reason. An institution reaches a task only while the lot is entrusted to it:
another institution's task, or one of a lot taken from it, answers as missing.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import COURT_ROLES, CourtPrincipal, InstitutionPrincipal
from fapai.app.audit import trail
from fapai.app.cases.disposal import lot_in_case, step, text
from fapai.app.errors import conflict, forbidden, invalid, not_found
from fapai.app.institutions.designation import current, files_owed
from fapai.app.institutions.ports import DesignationRecord, TaskRecord
from fapai.app.ports import Tx
from fapai.app.presenting import beijing
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.institutions.tasks import (
    LOG_KINDS,
    NOTIFY_DAYS_BEFORE,
    RESERVED,
    TASK_KINDS,
    latest_notify_day,
    materials_shortfall,
)

#: a logged step may be dated up to this far ahead of the server's clock (clock skew)
_SKEW = timedelta(minutes=5)


def actor(who: InstitutionPrincipal) -> str:
    return f"institution_user:{who.login}"


# ---- the office ------------------------------------------------------------------------


def create(
    services: Services, user: CourtPrincipal, lot_id: int, kind: str, instructions: str,
    due_on: date, assignee: str, announce_on: date | None = None,
) -> int:  # fmt: skip
    """A task for the lot's designated institution, assigned to ``assignee`` (a login of
    its staff); ``announce_on`` (the planned announcement) for notifying the parties."""
    require(user, "auction_office")
    if kind in RESERVED:
        zh, en = RESERVED[kind]
        raise invalid(
            "reserved_to_court",
            f"{zh}依法应由人民法院进行，不得委托网拍辅助机构（办法第三条第八项）。",
            f"{en.capitalize()} is reserved to the court and cannot be delegated (Art 3(8)).",
        )  # fmt: skip
    if kind not in TASK_KINDS:
        raise invalid(
            "invalid_task_kind", "任务类型无效。", f"kind must be one of {', '.join(TASK_KINDS)}."
        )
    what = text(instructions, "instructions", 2000)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        entrusted = current(tx, lot_id)
        if entrusted is None:
            raise conflict(
                "no_institution", "本标的物尚无受托辅助机构。", "No institution is designated."
            )
        if due_on < held.today:
            raise invalid("invalid_due_on", "期限不得早于今天。", "The deadline is in the past.")
        if kind == "notify_parties":
            _notice_in_time(due_on, announce_on)
        staff = tx.staff_by_login(assignee)
        if (
            staff is None
            or staff.ended_at is not None
            or tx.institution_of_staff(staff.id) != entrusted.institution_id
        ):
            raise invalid(
                "invalid_assignee", "承办人须为受托辅助机构的在职工作人员账户。",
                "The assignee must be a current staff account of the designated institution.",
            )  # fmt: skip
        task_id = tx.insert_task(
            lot_id=lot_id, institution_id=entrusted.institution_id,
            designation_id=entrusted.id, kind=kind, instructions=what, due_on=due_on,
            assignee_id=staff.id, state="assigned", created_at=held.now,
            created_by=f"court_user:{user.login}",
        )  # fmt: skip
        step(
            tx, user, held, None, "institution_task_given", held.today, task=task_id, kind=kind,
            article=TASK_KINDS[kind].article, due_on=due_on.isoformat(),
            institution=entrusted.institution_id, assignee=assignee,
        )  # fmt: skip
    return task_id


def _notice_in_time(due_on: date, announce_on: date | None) -> None:
    if announce_on is None:
        raise invalid(
            "announce_on_required",
            "通知当事人的任务须写明拟发布拍卖公告的日期（办法第三条第五项）。",
            "Notifying the parties needs the planned announcement day (Art 3(5)).",
        )  # fmt: skip
    if due_on > latest_notify_day(announce_on):
        raise invalid(
            "notice_too_late",
            f"通知须在拍卖公告发布前{NOTIFY_DAYS_BEFORE}日完成，期限最迟为"
            f"{latest_notify_day(announce_on).isoformat()}（办法第三条第五项）。",
            f"The parties are notified {NOTIFY_DAYS_BEFORE} days before the announcement: "
            f"due {latest_notify_day(announce_on).isoformat()} at the latest (Art 3(5)).",
        )  # fmt: skip


def review(
    services: Services, user: CourtPrincipal, task_id: int, accept: bool, reason: str = ""
) -> None:
    """Accept the submitted work, or send it back with the reason."""
    require(user, "auction_office")
    why = text(reason, "reason", 500) if not accept else reason.strip()[:500]
    with services.db.write() as tx:
        found = tx.task(task_id)
        if found is None:
            raise not_found("任务", "Task")
        held = lot_in_case(services, tx, user, found.lot_id, "auction_office")
        if found.state != "submitted":
            raise conflict(
                "task_not_submitted", "该任务尚未提交，无从验收。",
                "The task has not been submitted.",
            )  # fmt: skip
        state = "accepted" if accept else "returned"
        tx.update_task(task_id, state=state, reviewed_at=held.now, review_note=why or None)
        step(
            tx, user, held, None, f"institution_task_{state}", held.today, task=task_id,
            reason=why,
        )  # fmt: skip


def for_lot(services: Services, user: CourtPrincipal, lot_id: int) -> list[dict[str, Any]]:
    """The lot's tasks with their whole log, as the court inspects them (Art 6(8))."""
    shown: list[dict[str, Any]] = desk(services, user, lot_id)["tasks"]
    return shown


def desk(services: Services, user: CourtPrincipal, lot_id: int) -> dict[str, Any]:
    """What the court's desk shows of the lot's tasks: the designated institution (None
    when there is none), the tasks with their log, and what the office's form offers:
    the delegable kinds (Art 3) and the institution's staff in post to assign."""
    with services.db.read() as tx:
        lot_in_case(services, tx, user, lot_id, *COURT_ROLES)
        entrusted = current(tx, lot_id)
        institution = tx.institution(entrusted.institution_id) if entrusted else None
        return {
            "institution": {"id": institution.id, "name": institution.name}
            if institution else None,
            "kinds": [
                {"kind": code, "label": k.zh, "label_en": k.en, "article": k.article}
                for code, k in TASK_KINDS.items()
            ],
            "staff": [
                {"login": s.login, "name": s.name}
                for s in (tx.staff_of_institution(institution.id) if institution else [])
            ],
            "tasks": [_shown(tx, task, with_log=True) for task in tx.lot_tasks(lot_id)],
            "files_owed": [_owed(tx, d) for d in files_owed(tx, lot_id)],
        }  # fmt: skip


def _owed(tx: Tx, d: DesignationRecord) -> dict[str, Any]:
    found = tx.institution(d.institution_id)
    return {
        "institution": found.name if found else "", "files_due": d.files_due.isoformat()
        if d.files_due else None, "end_reason": d.end_reason,
    }  # fmt: skip


# ---- the institution's staff -----------------------------------------------------------


def desk_task(tx: Tx, who: InstitutionPrincipal, task_id: int) -> TaskRecord:
    """The task if it is this institution's and the lot is still entrusted to it;
    otherwise it answers as missing (another institution's ids tell nothing)."""
    found = tx.task(task_id)
    if found is None or found.institution_id != who.institution_id or not _entrusted(tx, found):
        raise not_found("任务", "Task")
    return found


def _entrusted(tx: Tx, task: TaskRecord) -> bool:
    entrusted = current(tx, task.lot_id)
    return entrusted is not None and entrusted.id == task.designation_id


def shown(services: Services, who: InstitutionPrincipal, task_id: int) -> dict[str, Any]:
    with services.db.read() as tx:
        return _shown(tx, desk_task(tx, who, task_id), with_log=True)


def _assignee(tx: Tx, task: TaskRecord, who: InstitutionPrincipal) -> None:
    if task.assignee_id != who.user_id:
        raise forbidden(
            "not_assignee", "只有该任务的承办人可以办理。", "Only the task's assignee may do this."
        )
    if task.state not in ("assigned", "returned"):
        raise conflict(
            "task_closed", "该任务已提交或已验收。", "The task is submitted or accepted."
        )


def log_step(
    services: Services, who: InstitutionPrincipal, task_id: int, kind: str,
    happened_at: datetime, note: str,
) -> int:  # fmt: skip
    """One step of the work (Art 6(8)): what, when it happened, a note."""
    if kind not in LOG_KINDS:
        raise invalid(
            "invalid_log_kind", "记录类型无效。", f"kind must be one of {', '.join(LOG_KINDS)}."
        )
    what = text(note, "note", 1000)
    now = services.clock()
    if happened_at.tzinfo is None or happened_at > now + _SKEW:
        raise invalid(
            "invalid_happened_at", "发生时间须为带时区的时间，且不晚于现在。",
            "happened_at is an aware time, not in the future.",
        )  # fmt: skip
    with services.db.write() as tx:
        task = desk_task(tx, who, task_id)
        _assignee(tx, task, who)
        entrusted = current(tx, task.lot_id)
        if entrusted is not None and beijing_date(happened_at) < beijing_date(
            entrusted.started_at
        ):  # a trace of work before the entrustment is no trace (Art 6(8))
            raise invalid(
                "invalid_happened_at", "发生时间不得早于受托之日。",
                "happened_at cannot be before the day the institution was entrusted.",
            )  # fmt: skip
        entry = tx.insert_task_log(task_id, kind, happened_at, what, who.user_id, now)
        trail.record(
            tx, trail.SYSTEM, now, actor(who), "institution_task.logged", task=task_id,
            lot=task.lot_id, entry=entry, kind=kind, happened_at=happened_at.isoformat(),
        )  # fmt: skip
    return entry


def submit(
    services: Services, who: InstitutionPrincipal, task_id: int, note: str,
    photos: int | None = None, video_seconds: int | None = None, vr: bool = False,
) -> None:  # fmt: skip
    """Hand the work to the office: at least one logged step; for materials, the counts
    of Art 3(1), a shortfall only with the reason in ``note``."""
    summary = text(note, "note", 2000)
    now = services.clock()
    with services.db.write() as tx:
        task = desk_task(tx, who, task_id)
        _assignee(tx, task, who)
        if not tx.task_log(task_id):
            raise conflict(
                "no_trace", "提交前须至少记录一项工作（办法第六条第八项：全程留痕）。",
                "Log at least one step before submitting (Art 6(8): a full trace).",
            )  # fmt: skip
        report: dict[str, Any] = {"note": summary}
        if task.kind == "materials":
            report |= _materials(photos, video_seconds, vr, summary)
        tx.update_task(
            task_id, state="submitted", submitted_at=now,
            report=json.dumps(report, ensure_ascii=False, sort_keys=True),
        )  # fmt: skip
        trail.record(
            tx, trail.SYSTEM, now, actor(who), "institution_task.submitted", task=task_id,
            lot=task.lot_id, **{k: v for k, v in report.items() if k != "note"},
        )  # fmt: skip


def _materials(
    photos: int | None, video_seconds: int | None, vr: bool, note: str
) -> dict[str, Any]:
    if photos is None or video_seconds is None or photos < 0 or video_seconds < 0:
        raise invalid(
            "materials_counts_required", "请填写照片张数和视频时长（秒）（办法第三条第一项）。",
            "Give the number of photos and the video's seconds (Art 3(1)).",
        )  # fmt: skip
    short = materials_shortfall(photos, video_seconds)
    if short and len(note) < 10:
        raise invalid(
            "materials_short",
            "视频一般不少于1分半钟、照片一般不少于8张；未达到的，须在说明中写明理由（办法第三条第一项）。",
            f"Below Art 3(1)'s numbers ({'; '.join(short)}): give the reason in the note.",
        )  # fmt: skip
    return {"photos": photos, "video_seconds": video_seconds, "vr": vr, "short": short}


def _shown(tx: Tx, task: TaskRecord, with_log: bool) -> dict[str, Any]:
    kind = TASK_KINDS[task.kind]
    staff = tx.staff(task.assignee_id)
    shown: dict[str, Any] = {
        "id": task.id, "lot_id": task.lot_id, "kind": task.kind, "label": kind.zh,
        "label_en": kind.en, "article": kind.article, "instructions": task.instructions,
        "due_on": task.due_on.isoformat(), "state": task.state,
        "assignee": staff.name if staff else "", "assignee_login": staff.login if staff else "",
        "created_at": beijing(task.created_at), "submitted_at": beijing(task.submitted_at),
        "reviewed_at": beijing(task.reviewed_at), "review_note": task.review_note,
        "report": json.loads(task.report) if task.report else None,
    }  # fmt: skip
    if with_log:
        names: dict[int, str] = {}
        shown["log"] = []
        for entry in tx.task_log(task.id):
            if entry.user_id not in names:
                person = tx.staff(entry.user_id)
                names[entry.user_id] = person.name if person else ""
            shown["log"].append({
                "id": entry.id, "kind": entry.kind, "label": LOG_KINDS[entry.kind][0],
                "label_en": LOG_KINDS[entry.kind][1], "happened_at": beijing(entry.happened_at),
                "note": entry.note, "by": names[entry.user_id],
                "logged_at": beijing(entry.logged_at),
            })  # fmt: skip
    return shown


def overview(services: Services, who: InstitutionPrincipal) -> dict[str, Any]:
    """The desk's first page: the institution, the lots entrusted to it now and their
    tasks. Of a lot only what the work needs: title, kind, place, the court's name."""
    with services.db.read() as tx:
        institution = tx.institution(who.institution_id)
        assert institution is not None  # an institution is never deleted
        lots = []
        tasks = tx.institution_tasks(who.institution_id)
        for entrusted in tx.open_designations(who.institution_id):
            lot = tx.lot(entrusted.lot_id)
            assert lot is not None
            _, court = tx.court_names(lot.court_id)
            lots.append({
                "id": lot.id, "title": lot.title, "property_type": lot.property_type,
                "location": lot.location, "court": court,
                "entrusted_on": beijing_date(entrusted.started_at).isoformat(),
                "tasks": [
                    _shown(tx, t, with_log=False) for t in tasks
                    if t.lot_id == lot.id and t.designation_id == entrusted.id
                ],
            })  # fmt: skip
    return {
        "institution": {"name": institution.name, "credit_code": institution.credit_code},
        "user": {"login": who.login, "name": who.name},
        "lots": lots,
    }  # fmt: skip
