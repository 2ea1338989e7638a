"""The court's cases and the lots disposed of in them: opening a case, placing seized
property in it, the ruling to auction and the reference price (REF Arts 2-7, 27).

Every act checks the court user's role (Shanghai items 9-10: the enforcement bureau
rules, the online auction office prices and runs the sale) and that the case is the
user's court's, moves the lot along its state machine (``domain/workflow/stages``),
appends a step (the facts the deadlines are computed from) and an audit record, in one
transaction. The time is read once per command, after the lot's lock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.cases import field_labels
from fapai.app.cases.pricing_record import pricing_refusal
from fapai.app.errors import conflict, invalid, not_found, other_court
from fapai.app.lots.intake import checked_disclosure, region_of, storable
from fapai.app.lots.ports import LotRecord
from fapai.app.lots.stages import move
from fapai.app.ports import Tx
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.ledger.rules import DEPOSIT_LOANS
from fapai.domain.rules import DISPOSAL
from fapai.domain.workflow import case_numbers, checks
from fapai.domain.workflow.checks import Refusal

REFERENCE_METHODS = {
    "agreed": "当事人议价",
    "targeted": "定向询价",
    "online": "网络询价",
    "appraisal": "委托评估",
    "direct": "不经评估直接确定（动产单件一万元以下）",
}


def refused(refusal: Refusal | None) -> None:
    """Raise a statutory check's refusal as the use case's answer."""
    if refusal is not None:
        raise invalid(refusal.code, refusal.zh, refusal.en)


def actor(user: CourtPrincipal) -> str:
    return f"court_user:{user.login}"


def text(value: str, field: str, limit: int) -> str:
    value = value.strip()
    if not value or len(value) > limit or not storable(value):
        raise invalid(
            f"invalid_{field}", f"{field_labels.zh(field)}须为 1 至 {limit} 个可识别的字符。",
            f"{field} must be 1 to {limit} readable characters.",
        )  # fmt: skip
    return value


def case_number(value: str) -> str:
    number = text(case_numbers.normalised(value), "number", 80)
    if not case_numbers.well_formed(number):
        raise invalid(
            "invalid_case_number",
            "案号格式不正确，应如（2026）沪0104执123号。",
            "The case number must have the form （2026）沪0104执123号.",
        )
    return number


def not_after_today(day: date, today: date, field: str) -> date:
    if day > today:
        raise invalid(
            f"{field}_in_future", f"{field_labels.zh(field)}不能晚于今天（{today.isoformat()}）。",
            f"{field} cannot be later than today ({today.isoformat()}).",
        )  # fmt: skip
    return day


@dataclass(frozen=True, slots=True)
class LotInCase:
    """A locked lot of the user's court that belongs to a case, read with the time."""

    lot: LotRecord
    now: datetime

    @property
    def today(self) -> date:
        return beijing_date(self.now)


def lot_in_case(
    services: Services, tx: Tx, user: CourtPrincipal, lot_id: int, *roles: str
) -> LotInCase:
    require(user, *roles)
    lot = tx.lock_lot(lot_id)
    if lot is None or lot.case_id is None:
        raise not_found("案件标的物", "Lot of a case")
    if lot.court_id != user.court_id:
        raise other_court("案件")
    return LotInCase(lot, services.clock())


def step(
    tx: Tx, user: CourtPrincipal, held: LotInCase, auction_id: int | None, name: str,
    on_date: date, **details: Any,
) -> None:  # fmt: skip
    """Append the act to the lot's facts and to the audit trail."""
    payload = json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)
    tx.add_step(held.lot.id, auction_id, name, on_date, payload, actor(user), held.now)
    scope = trail.SYSTEM if auction_id is None else trail.auction_scope(auction_id)
    trail.record(
        tx, scope, held.now, actor(user), f"lot.{name}", lot=held.lot.id,
        on_date=on_date.isoformat(), **details,
    )  # fmt: skip


def open_case(
    services: Services, user: CourtPrincipal, number: str, basis: str, applicant: str,
    debtor: str,
) -> int:  # fmt: skip
    """An enforcement case (执行案件) with its parties, whose names are encrypted."""
    require(user, "enforcement")
    number, basis = case_number(number), text(basis, "basis", 300)
    applicant, debtor = text(applicant, "applicant", 200), text(debtor, "debtor", 200)
    cipher = services.cipher
    with services.db.write() as tx:
        now = services.clock()
        if tx.case_by_number(user.court_id, number) is not None:
            raise conflict("case_exists", "该案号已存在。", "A case with this number exists.")
        case_id = tx.insert_case(
            user.court_id, number, basis, cipher.encrypt(applicant), cipher.encrypt(debtor), now
        )
        trail.record(tx, trail.SYSTEM, now, actor(user), "case.opened", case=case_id, number=number)
    return case_id


def add_lot(
    services: Services, user: CourtPrincipal, case_id: int, title: str, property_type: str,
    location: str, disclosure: dict[str, Any], house: bool, purchase_restricted: bool = False,
    consumption_restricted: bool = False, deposit_loans: str = "any",
) -> int:  # fmt: skip
    """Seized property of the case, to be disposed of (the bureau names it in its ruling;
    the office describes it). ``purchase_restricted``: a house where local rules restrict
    purchases, whose bidders commit to their eligibility (HSE Art 2);
    ``consumption_restricted``: a house or car that debtors under a consumption
    restriction may not buy (LIM Art 3). ``deposit_loans``: whether the deposit may be
    borrowed, and from whom (seed 001: any, banks, forbidden)."""
    require(user, "enforcement", "auction_office")
    if deposit_loans not in DEPOSIT_LOANS:
        raise invalid(
            "invalid_deposit_loans", "保证金借贷条件无效。",
            f"deposit_loans must be one of {', '.join(DEPOSIT_LOANS)}.",
        )  # fmt: skip
    disclosed = checked_disclosure(title, property_type, location, disclosure)
    if house and property_type != "real_estate":
        raise invalid("house_not_real_estate", "住房须为不动产。", "A house is real estate.")
    if purchase_restricted and not house:
        raise invalid(
            "purchase_restriction_not_house", "限购仅适用于住房（《最高人民法院关于人民法院司法"
            "拍卖房产竞买人资格若干问题的规定》第一条）。",
            "Purchase restrictions concern houses (HSE Art 1).",
        )  # fmt: skip
    with services.db.write() as tx:
        now = services.clock()
        case = tx.case(case_id)
        if case is None:
            raise not_found("案件", "Case")
        if case.court_id != user.court_id:
            raise other_court("案件")
        lot_id = tx.insert_lot(
            user.court_id,
            title,
            property_type,
            location,
            region_of(location),
            disclosed,
            None,
            now,
        )
        tx.place_in_case(lot_id, case_id, house)
        tx.set_lot_conditions(lot_id, purchase_restricted, consumption_restricted)
        tx.set_deposit_loans(lot_id, deposit_loans)
        trail.record(
            tx, trail.SYSTEM, now, actor(user), "lot.created", lot=lot_id, case=case_id,
            house=house, purchase_restricted=purchase_restricted,
            consumption_restricted=consumption_restricted, deposit_loans=deposit_loans,
        )  # fmt: skip
    return lot_id


def rule_to_auction(
    services: Services, user: CourtPrincipal, lot_id: int, ruling_number: str, signed_on: date
) -> None:
    """The enforcement bureau's ruling to auction (Shanghai item 10(1))."""
    number = text(ruling_number, "ruling_number", 80)
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "enforcement")
        not_after_today(signed_on, held.today, "signed_on")
        move(tx, held.lot, "rule")
        step(tx, user, held, None, "ruled", signed_on, ruling_number=number)


def set_reference_price(
    services: Services, user: CourtPrincipal, lot_id: int, method: str, amount: int,
    fixed_on: date, record: str | None = None, pieces: int = 1, valid_until: date | None = None,
) -> date:  # fmt: skip
    """The disposal reference price (参考价) and the day it was fixed; it holds one year,
    or the shorter validity the report or the parties' agreement states (``valid_until``,
    its last day: REF Art 27). Returns the last day it is valid."""
    if method not in REFERENCE_METHODS:
        raise invalid(
            "invalid_method", "参考价确定方式无效。",
            f"method must be one of {', '.join(REFERENCE_METHODS)}.",
        )  # fmt: skip
    if amount <= 0 or pieces < 1:
        raise invalid("invalid_amount", "参考价须为正数。", "The reference price must be positive.")
    if method in ("agreed", "direct") and not (record and record.strip()):
        raise invalid(
            "record_required", "当事人议价或直接定价须附书面记录（上海高院实施细则第十七条）。",
            "An agreed or direct price needs its written record (Shanghai item 17).",
        )  # fmt: skip
    with services.db.write() as tx:
        held = lot_in_case(services, tx, user, lot_id, "auction_office")
        not_after_today(fixed_on, held.today, "fixed_on")
        if method == "direct":
            refused(checks.direct_price(held.lot.property_type, -(-amount // pieces)))
        longest = checks.add_months(fixed_on, DISPOSAL.reference_valid_months)
        stated = valid_until is not None
        if valid_until is None:
            valid_until = longest
        elif not fixed_on <= valid_until <= longest:
            raise invalid(
                "invalid_validity",
                f"参考价的有效期最长一年，即{fixed_on.isoformat()}至{longest.isoformat()}"
                "（《确定财产处置参考价规定》第二十七条）。",
                f"A reference price is valid for at most a year, from {fixed_on.isoformat()} "
                f"to {longest.isoformat()} (REF Art 27).",
            )
        if valid_until < held.today:
            raise invalid(
                "reference_expired",
                f"该参考价已于{valid_until.isoformat()}超过有效期（《确定财产处置参考价规定》第二十七条）。",
                f"This reference price expired on {valid_until.isoformat()} (REF Art 27).",
            )
        refused(pricing_refusal(services.calendar, tx.steps(lot_id), method, amount, held.today))
        move(tx, held.lot, "price")
        tx.set_reference(lot_id, amount, method, fixed_on, valid_until)
        step(
            tx, user, held, None, "priced", fixed_on, method=method, amount=amount,
            valid_until=valid_until.isoformat(), validity_stated=stated,
            record=(record or "").strip()[:500],
        )  # fmt: skip
    return valid_until
