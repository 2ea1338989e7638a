"""The demo's auxiliary institutions (issue 17 item 8): the Shanghai intermediate court's
database, selected through the seven steps of Art 9 (seed 003), nine institutions with
their trial agreements; later one is suspended, after a complaint on the hotline (Art
24) and a failed evaluation (Shanghai item 24), and one removed for bidding on a lot it
served (Art 23(11)); a company of the removed one's legal representative under a new
name applies in a second round and is refused under the ban (Art 26). At the present one
lot is entrusted by lottery and its institution's staff account has two tasks on its
desk (issue 17 item 4)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from fapai.app.accounts import tokens
from fapai.app.accounts.principals import InstitutionPrincipal, authenticate
from fapai.app.accounts.staff import NewCredentials
from fapai.app.institutions import agreements, designation, evaluation, removal, rounds, tasks
from fapai.app.institutions import staff as institution_staff
from fapai.app.institutions.rounds import Applicant, Declared, Person
from fapai.app.remedies import complaints
from fapai.domain.institutions.admission import MIN_REGISTERED_CAPITAL_FEN, months_later
from fapai.domain.institutions.procedure import earliest_close

if TYPE_CHECKING:
    from fapai.demo.timeline import Story, World

COURT = "sh-1zy"
NAMES = (
    "上海申拍资产服务有限公司", "上海浦江拍卖辅助服务有限公司", "上海沪信司法辅助服务有限公司",
    "上海东方拍辅信息技术有限公司", "上海申城资产勘查有限公司", "上海汇诚仓储物流有限公司",
    "上海明鉴资产管理有限公司", "上海中正拍卖服务有限公司", "上海锦程司法辅助服务有限公司",
)  # fmt: skip
SUSPENDED, REMOVED = 5, 8  # indexes of NAMES
CLEAN = Declared(
    has_internal_rules=True, has_premises_and_equipment=True, has_experienced_staff=True,
    offers_storage_transport=True, has_storage_transport_capacity=True,
    weekly_service_0830_2200=True, keeps_full_logs=True, court_staff_tie=False,
    on_dishonest_list=False, last_conduct_penalty=None, criminal_conviction=False,
)  # fmt: skip
_FIRST_PERSON = 900_000  # demo ID numbers apart from the bidders'
IdNumber = Callable[[int], str]  # the demo's fictitious ID number of a serial


def _applicant(id_number: IdNumber, index: int, name: str, boss: int) -> Applicant:
    persons = [
        Person("legal_representative", id_number(boss)),
        *(Person("staff", id_number(_FIRST_PERSON + 100 + 10 * index + k), True)
          for k in range(3)),
    ]  # fmt: skip
    return Applicant(
        f"91310000MA1{index:07d}", name, MIN_REGISTERED_CAPITAL_FEN * 2, CLEAN, True, persons
    )


def story(world: World, id_number: IdNumber) -> Story:
    t = world.timeline
    desk = world.desks[COURT]
    start = t.workday(t.today - timedelta(days=230), t.today - timedelta(days=235))
    yield t.at(start)
    round_id = rounds.open_round(
        t.services, desk.bureau, "《上海法治报》及本院门户网站", start,
        earliest_close(t.calendar, start),
    )  # fmt: skip
    ids = [
        rounds.apply(
            t.services, desk.bureau, round_id, _applicant(id_number, i, name, _FIRST_PERSON + i)
        )
        for i, name in enumerate(NAMES)
    ]
    review_day = earliest_close(t.calendar, start) + timedelta(days=1)
    yield t.at(review_day)
    rounds.review(t.services, desk.bureau, round_id, "本院监察室")
    ends = rounds.start_notice(t.services, desk.bureau, round_id, review_day)
    decided = ends + timedelta(days=1)
    yield t.at(decided)
    rounds.decide(t.services, desk.director, round_id, decided, "审判委员会决定（演示）第1号", [])
    rounds.file_with_high_court(t.services, desk.bureau, round_id, decided)
    rounds.publish(t.services, desk.bureau, round_id, decided)
    for institution_id in ids:
        agreements.sign(
            t.services, desk.director, institution_id, decided, months_later(decided, 12)
        )
    later = decided + timedelta(days=60)
    yield t.at(later)
    # Art 24's hotline, then the periodic evaluation (Shanghai item 24) counting it
    complaints.file_complaint(
        t.services, None, None, "拖延上传视频", "看样预约一周无人答复，标的物视频至今未上传。",
        None, ids[SUSPENDED],
    )  # fmt: skip
    for index, result in ((SUSPENDED, "fail"), (0, "pass")):
        evaluation.record(
            t.services, desk.office, ids[index], decided, later, result,
            "逾期完成辅助工作且被投诉" if result == "fail" else "按期完成，无投诉",
        )  # fmt: skip
    removal.suspend(t.services, desk.director, ids[SUSPENDED], ["art23_7"])
    removal.remove(t.services, desk.director, ids[REMOVED], ["art23_11"])
    removal.record_report(t.services, desk.bureau, ids[REMOVED], later)
    again = later + timedelta(days=14)
    yield t.at(again)
    second = rounds.open_round(
        t.services, desk.bureau, "《上海法治报》及本院门户网站", again,
        earliest_close(t.calendar, again),
    )  # fmt: skip
    renamed = _applicant(
        id_number, len(NAMES), "上海新锦程资产服务有限公司", _FIRST_PERSON + REMOVED
    )
    rounds.apply(t.services, desk.bureau, second, renamed)
    yield t.at(earliest_close(t.calendar, again) + timedelta(days=1))
    rounds.review(t.services, desk.bureau, second, "本院监察室")  # refused: Art 26


@dataclass(frozen=True)
class DeskLogin:
    """The demo institution's staff account: sign in at /institution with the password
    and the code an authenticator makes from the secret, or use the program token."""

    institution: str
    credentials: NewCredentials
    token: str


def desk(world: World) -> DeskLogin:
    """At the present: the office draws the institution of the Shanghai lot whose terms
    are set (not yet announced), the institution gets a staff account, and the office
    gives it two tasks of Art 3: the materials (Art 3(1)) and notifying the parties 3
    days before the planned announcement (Art 3(5)), the first with a logged site visit."""
    t = world.timeline
    office = world.desks[COURT].office
    lot = world.lots["terms_set"]
    designation.schedule(t.services, office, lot, {})
    code = designation.run(t.services, office, lot)
    with t.services.db.read() as tx:
        entrusted = designation.current(tx, lot)
        assert entrusted is not None
        found = tx.institution(entrusted.institution_id)
        assert found is not None
    made = institution_staff.add_staff(
        t.services, None, found.id, "demo-institution", "演示辅助机构员工"
    )
    token = tokens.create(t.services, None, made.login, "institution", days=90)[1]
    materials = tasks.create(
        t.services, office, lot, "materials",
        "拍摄房屋内外视频（不少于1分半钟）及照片（不少于8张），有条件的制作VR全景",
        t.today + timedelta(days=5), made.login,
    )  # fmt: skip
    tasks.create(
        t.services, office, lot, "notify_parties",
        "以书面方式通知申请执行人、被执行人及优先购买权人，取得送达回证",
        t.today + timedelta(days=7), made.login, t.today + timedelta(days=10),
    )  # fmt: skip
    who = authenticate(t.services, token)
    assert isinstance(who, InstitutionPrincipal)
    tasks.log_step(
        t.services, who, materials, "site_visit", t.services.clock(),
        "与物业联系后进入房屋，确认空置，已初步拍摄",
    )  # fmt: skip
    return DeskLogin(f"{found.name}（{code}）", made, token)
