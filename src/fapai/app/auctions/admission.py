"""Who may register for an auction, beyond the deposit (rules.md §1.15).

- OJA Art 34: the court's staff and their close relatives, the platform's and the
  auxiliary institution's staff and the appraiser may not bid, nor have others bid for
  them. The court keeps the list (its office enters people by ID number, kept only as the
  cipher's blind index with a category). A listed person's registration is refused with
  one sentence whatever the category, and the court learns only how many registrations
  of each auction were refused and under which rule: nothing that names the person.
  The persons of the auxiliary institution entrusted with the lot (its legal
  representative, principal, shareholders, controller and staff, seed 003 Art 8(5) and
  Art 23(11)-(12)) are refused and counted the same way, matched blind on the ID numbers
  the institution gave when it applied.
- HSE Art 2: for real estate the court marks purchase-restricted (限购), the bidder
  commits at registration that it is eligible; the commitment is recorded with the
  registration (the proof is checked after the sale, HSE Art 3).
- LIM Art 3: a debtor under a consumption restriction (限制消费), on the same list, may
  not register for the lots the court marks (houses, cars).
- OJA Art 14(2): a registration may declare that it bids as agent for a principal (by ID
  number, kept blind); the office confirms it before bidding starts, on the reference
  the agent brings with the power of attorney; until then the agent's bids are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fapai.app.accounts.courts import require
from fapai.app.accounts.identities import is_minor, person_index
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.auctions.ports import AuctionRecord
from fapai.app.audit import trail
from fapai.app.errors import AppError, Kind, conflict, forbidden, invalid, not_found, other_court
from fapai.app.ports import Tx
from fapai.app.services import Services

OJA = "《网络司法拍卖规定》"
LIM = "《最高人民法院关于限制被执行人高消费及有关消费的若干规定》"
# OJA Art 34's persons, by the category the court enters them under
ART34 = {
    "court_staff": "法院工作人员",
    "close_relative": "法院工作人员的近亲属",
    "platform_staff": "网络服务提供者的工作人员",
    "auxiliary_staff": "辅助机构的工作人员",
    "appraiser": "评估机构的工作人员",
}
RESTRICTED = "restricted_consumption"
CATEGORIES = {**ART34, RESTRICTED: "被限制消费的被执行人"}
COURT_ROLES = ("auction_office", "enforcement", "director", "supervisor")


@dataclass(frozen=True, slots=True)
class _Refusal:
    code: str
    zh: str
    en: str
    counted: str | None  # the rule a refusal is counted under for the court


EXCLUDED = _Refusal(
    "excluded_person",
    f"根据{OJA}第三十四条，您不得参加本次竞买，也不得委托他人代为竞买。",
    "Under OJA Art 34 you may not bid in this auction, nor have anyone bid for you.",
    "oja_art_34",
)
CONSUMPTION = _Refusal(
    "consumption_restricted",
    f"被限制消费的被执行人不得购买本标的物（{LIM}第三条）。",
    "A debtor under a consumption restriction may not buy this property (LIM Art 3).",
    None,
)
COMMITMENT = _Refusal(
    "eligibility_commitment_required",
    "本标的物为限购区域的住房，报名须承诺具备购房资格（《最高人民法院关于人民法院司法拍卖"
    "房产竞买人资格若干问题的规定》第二条）。",
    "This house is in a purchase-restricted area: commit that you are eligible to buy it "
    "(HSE Art 2).",
    None,
)


def _category(category: str) -> str:
    if category not in CATEGORIES:
        raise invalid(
            "invalid_category", "名单类别无效。",
            f"category must be one of {', '.join(CATEGORIES)}.",
        )  # fmt: skip
    return category


# --- the court's list -------------------------------------------------------------------------


def add_person(services: Services, user: CourtPrincipal, id_number: str, category: str) -> bool:
    """The office enters a person on its court's list; False when already there. The
    trail records the category, never the number or its index."""
    require(user, "auction_office")
    category = _category(category)
    with services.db.write() as tx:
        now = services.clock()
        index = person_index(services, id_number, now)
        added = tx.add_to_court_list(user.court_id, index, category, now)
        if added:
            trail.record(
                tx, trail.SYSTEM, now, f"court_user:{user.login}", "court_list.added",
                court=user.court_id, category=category,
            )  # fmt: skip
    return added


def remove_person(services: Services, user: CourtPrincipal, id_number: str, category: str) -> bool:
    """The office takes a person off its court's list (staff who left); False when absent."""
    require(user, "auction_office")
    category = _category(category)
    with services.db.write() as tx:
        now = services.clock()
        index = person_index(services, id_number, now)
        removed = tx.remove_from_court_list(user.court_id, index, category)
        if removed:
            trail.record(
                tx, trail.SYSTEM, now, f"court_user:{user.login}", "court_list.removed",
                court=user.court_id, category=category,
            )  # fmt: skip
    return removed


def list_counts(services: Services, user: CourtPrincipal) -> dict[str, int]:
    """How many people the court's list holds in each category (it shows no one)."""
    require(user, *COURT_ROLES)
    with services.db.read() as tx:
        counts = tx.court_list_counts(user.court_id)
    return {category: counts.get(category, 0) for category in CATEGORIES}


def refusals(services: Services, user: CourtPrincipal, auction_id: int) -> dict[str, int]:
    """What the court learns of refused registrations: their count under each rule."""
    require(user, *COURT_ROLES)
    with services.db.read() as tx:
        auction = tx.auction(auction_id)
        if auction is None:
            raise not_found("拍卖", "Auction")
        if auction.court_id != user.court_id:
            raise other_court("拍卖")
        counted = tx.registration_refusals(auction_id)
    return {"oja_art_34": counted.get("oja_art_34", 0)}


# --- at registration --------------------------------------------------------------------------


def admit(services: Services, account_id: int, auction_id: int, committed: bool) -> None:
    """Refuse a registration the lists or the lot's conditions forbid; the Art 34
    refusal is counted (committed) before it is raised. An existing registration, or a
    missing auction or account, is left to ``registration.register`` to answer."""
    with services.db.write() as tx:
        auction, account = tx.auction(auction_id), tx.account(account_id)
        if auction is None or account is None or tx.registration(auction_id, account_id):
            return
        refusal = _refusal(tx, auction, account.id_number_index, committed)
        if refusal is not None and refusal.counted is not None:
            tx.insert_registration_refusal(auction_id, refusal.counted, services.clock())
    if refusal is not None:
        kind = Kind.INVALID if refusal is COMMITMENT else Kind.FORBIDDEN
        raise AppError(kind, refusal.code, refusal.zh, refusal.en)


def _refusal(tx: Tx, auction: AuctionRecord, index: str, committed: bool) -> _Refusal | None:
    listed = tx.listed_categories(auction.court_id, index)
    if listed & ART34.keys() or tx.institution_insider(auction.lot_id, index):
        return EXCLUDED
    purchase_restricted, consumption_restricted = tx.lot_conditions(auction.lot_id)
    if consumption_restricted and RESTRICTED in listed:
        return CONSUMPTION
    if purchase_restricted and not committed:
        return COMMITMENT
    return None


def record_commitment(
    tx: Tx, auction: AuctionRecord, registration_id: int, code: str, committed: bool,
    now: datetime,
) -> None:  # fmt: skip
    """Keep the HSE Art 2 commitment with the registration when the lot asks for it."""
    if committed and tx.lot_conditions(auction.lot_id)[0]:
        tx.set_eligibility_committed(registration_id, now)
        trail.record(
            tx, trail.auction_scope(auction.id), now, f"bidder:{code}",
            "registration.eligibility_committed", registration=registration_id,
        )  # fmt: skip


# --- proxies (委托代理, OJA Art 14(2)) ----------------------------------------------------------


def declare_proxy(
    services: Services, account_id: int, auction_id: int, principal_id_number: str,
    guardian: bool = False,
) -> str:  # fmt: skip
    """The registered bidder declares it bids for a principal; returns the reference to
    bring to the office with the power of attorney. The principal may not be one of the
    Art 34 persons either, but that is the office's to find at confirmation: refusing the
    declaration would let any bidder test ID numbers against the court's list.

    A minor takes part only through its guardian, whose participation the court confirms
    (OJA Art 14(1)): ``guardian`` declares that, for a ward under 18, and the reference
    starts with ``G`` so the office asks for the guardianship papers instead of a power of
    attorney (``P``). The age is read from the number the declarer typed, so the check
    tells nobody anything new."""
    with services.db.write(auction_id) as tx:
        _, now = _before_bidding(services, tx, auction_id)
        principal = person_index(services, principal_id_number, now)
        if is_minor(services, principal_id_number, now) != guardian:
            raise invalid(*(_NOT_A_MINOR if guardian else _A_MINOR))
        registration = tx.registration(auction_id, account_id)
        if registration is None:
            raise forbidden(
                "not_registered",
                "您未报名参加本次拍卖。",
                "You are not registered for this auction.",
            )
        if registration.proxy_status is not None:
            raise conflict(
                "proxy_declared", "已声明委托代理竞买。", "The proxy is already declared."
            )
        ref = f"{'G' if guardian else 'P'}{auction_id}-{services.token()[:12]}"
        tx.set_proxy(registration.id, principal, ref)
        # no code here: the court will know the reference, and must not tie it to one
        trail.record(
            tx, trail.auction_scope(auction_id), now, "bidder", "proxy.declared",
            kind="guardian" if guardian else "agent",
        )  # fmt: skip
    return ref


_NOT_A_MINOR = (
    "ward_not_a_minor", "以监护人身份竞买的，被监护人须未满十八周岁；为成年人竞买请声明委托代理。",
    "A guardian bids for a ward under 18; for an adult, declare a proxy (OJA Art 14).",
)  # fmt: skip
_A_MINOR = (
    "principal_is_a_minor", "未成年人只能由其监护人以监护人身份参加竞买（《网络司法拍卖规定》"
    "第十四条第一项）。",
    "A minor takes part only through its guardian, declared as such (OJA Art 14(1)).",
)  # fmt: skip


def confirm_proxy(services: Services, user: CourtPrincipal, auction_id: int, ref: str) -> None:
    """The office confirms a declared proxy before bidding starts (OJA Art 14(2)); not
    one for a principal on the court's Art 34 list (refused, and counted)."""
    require(user, "auction_office")
    listed = False
    with services.db.write(auction_id) as tx:
        auction, now = _before_bidding(services, tx, auction_id)
        if auction.court_id != user.court_id:
            raise other_court("拍卖")
        registration = tx.registration_by_proxy_ref(ref)
        if registration is None or registration.auction_id != auction_id:
            raise not_found("委托代理声明", "Proxy declaration")
        if registration.proxy_status == "confirmed":
            return
        principal = tx.proxy_principal(registration.id)
        listed = principal is not None and (
            bool(tx.listed_categories(auction.court_id, principal) & ART34.keys())
            or tx.institution_insider(auction.lot_id, principal)
        )
        if listed:
            tx.insert_registration_refusal(auction_id, "oja_art_34", now)
        else:
            tx.confirm_proxy(registration.id, now)
            trail.record(
                tx, trail.auction_scope(auction_id), now, f"court_user:{user.login}",
                "proxy.confirmed", ref=ref,
            )  # fmt: skip
    if listed:
        raise forbidden(EXCLUDED.code, EXCLUDED.zh, EXCLUDED.en)


def pending_proxies(services: Services, user: CourtPrincipal, auction_id: int) -> list[str]:
    """The references of the declarations the office has still to confirm."""
    require(user, *COURT_ROLES)
    with services.db.read() as tx:
        auction = tx.auction(auction_id)
        if auction is None:
            raise not_found("拍卖", "Auction")
        if auction.court_id != user.court_id:
            raise other_court("拍卖")
        return tx.pending_proxies(auction_id)


def _before_bidding(services: Services, tx: Tx, auction_id: int) -> tuple[AuctionRecord, datetime]:
    """Lock the auction and read the time: bidding must not have started."""
    auction = tx.lock_auction(auction_id)
    if auction is None:
        raise not_found("拍卖", "Auction")
    now = services.clock()
    if now >= auction.starts_at:
        raise conflict(
            "bidding_started",
            f"委托代理竞买须在竞价开始前经法院确认（{OJA}第十四条）。",
            "A proxy must be confirmed by the court before bidding starts (OJA Art 14(2)).",
        )
    return auction, now


PROXY_UNCONFIRMED = (
    "proxy_unconfirmed",
    f"委托代理竞买尚未经法院确认，不能出价（{OJA}第十四条）。",
    "Your bidding as agent is not confirmed by the court, so you cannot bid (OJA Art 14(2)).",
)
