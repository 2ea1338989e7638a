"""Helpers for the auxiliary-institution tests: applicants and a court's database built
through the seven steps of Art 9, with the tests' clock."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import count

from case_support import Court, announced_lot, on, today
from fapai.app.accounts import tokens
from fapai.app.accounts.principals import InstitutionPrincipal, authenticate
from fapai.app.accounts.staff import NewCredentials
from fapai.app.institutions import agreements, designation, rounds
from fapai.app.institutions import staff as institution_staff
from fapai.app.institutions.rounds import Applicant, Declared, Person
from fapai.app.services import Services
from fapai.demo.world import demo_id_number
from fapai.domain.institutions.admission import MIN_REGISTERED_CAPITAL_FEN, months_later
from fapai.domain.institutions.procedure import earliest_close
from support import Clock

_serials = count(700_000)
_codes = count(1)

CLEAN = Declared(
    has_internal_rules=True, has_premises_and_equipment=True, has_experienced_staff=True,
    offers_storage_transport=False, has_storage_transport_capacity=False,
    weekly_service_0830_2200=True, keeps_full_logs=True, court_staff_tie=False,
    on_dishonest_list=False, last_conduct_penalty=None, criminal_conviction=False,
)  # fmt: skip


def person_number() -> str:
    return demo_id_number(next(_serials))


def credit_code() -> str:
    return f"91310000MA{next(_codes):08d}"


def applicant(
    code: str | None = None, *, capital: int = MIN_REGISTERED_CAPITAL_FEN,
    legal_representative: str | None = None, staff: tuple[str, ...] = (),
    contracted: bool = True, signed: bool = True, **declared: object,
) -> Applicant:  # fmt: skip
    persons = [Person("legal_representative", legal_representative or person_number())]
    persons += [Person("staff", number, contracted) for number in staff]
    return Applicant(
        code or credit_code(), f"某某拍卖辅助服务有限公司{next(_codes)}", capital,
        replace(CLEAN, **declared), signed, persons,  # type: ignore[arg-type]
    )  # fmt: skip


def open_round(services: Services, c: Court, clock: Clock) -> int:
    announced = today(clock)
    return rounds.open_round(
        services, c.bureau, "《某市日报》及本院网站", announced,
        earliest_close(services.calendar, announced),
    )  # fmt: skip


def to_day(clock: Clock, day: date) -> None:
    clock.set(on(day))


def finish_round(services: Services, c: Court, clock: Clock, round_id: int) -> list[str]:
    """Steps 3-7 on the earliest days they may run; returns the published credit codes."""
    with services.db.read() as tx:
        found = tx.institution_round(round_id)
    assert found is not None
    to_day(clock, found.closes_on + timedelta(days=1))
    rounds.review(services, c.bureau, round_id, "本院监察室")
    ends = rounds.start_notice(services, c.bureau, round_id, today(clock))
    to_day(clock, ends + timedelta(days=1))
    rounds.decide(services, c.director, round_id, today(clock), "审委会决定（2026）第1号", [])
    rounds.file_with_high_court(services, c.bureau, round_id, today(clock))
    return rounds.publish(services, c.bureau, round_id, today(clock))


def database(
    services: Services, c: Court, clock: Clock, applicants: list[Applicant]
) -> dict[str, int]:
    """The court's database from these applicants, each with a trial agreement signed the
    day of publication; credit code -> institution id."""
    round_id = open_round(services, c, clock)
    ids = {a.credit_code: rounds.apply(services, c.bureau, round_id, a) for a in applicants}
    finish_round(services, c, clock, round_id)
    start = today(clock)
    for institution_id in ids.values():
        agreements.sign(services, c.director, institution_id, start, months_later(start, 12))
    return ids


@dataclass(frozen=True)
class Entrusted:
    """Two institutions, each entrusted with one announced lot, each with a staff
    account (its credentials and a program token of the role ``institution``)."""

    lots: tuple[int, int]
    auctions: tuple[int, int]
    institutions: tuple[int, int]
    staff: tuple[NewCredentials, NewCredentials]
    tokens: tuple[str, str]


def entrusted(services: Services, c: Court, clock: Clock) -> Entrusted:
    first, second = applicant(), applicant()
    ids = database(services, c, clock, [first, second])
    lot_a, auction_a = announced_lot(services, c, clock)
    lot_b, auction_b = announced_lot(services, c, clock)
    designation.schedule(services, c.office, lot_a, {second.credit_code: "另案代理人"})
    designation.run(services, c.office, lot_a)
    designation.schedule(services, c.office, lot_b, {first.credit_code: "另案代理人"})
    designation.run(services, c.office, lot_b)
    made, made_tokens = [], []
    for n, code in enumerate((first.credit_code, second.credit_code)):
        login = f"jg{n}.{next(_codes)}"
        made.append(institution_staff.add_staff(services, None, ids[code], login, f"机构员工{n}"))
        made_tokens.append(tokens.create(services, None, login, "institution")[1])
    return Entrusted(
        (lot_a, lot_b), (auction_a, auction_b), (ids[first.credit_code], ids[second.credit_code]),
        (made[0], made[1]), (made_tokens[0], made_tokens[1]),
    )  # fmt: skip


def desk_user(services: Services, token: str) -> InstitutionPrincipal:
    who = authenticate(services, token)
    assert isinstance(who, InstitutionPrincipal)
    return who
