"""The public pages: the home page's search, an auction, its result, signing in, the
simulated bank's payment page and the published database of auxiliary institutions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from fapai.app.auctions import browse, queries
from fapai.app.errors import AppError
from fapai.app.institutions.public import database as public_institutions
from fapai.app.lots.intake import DESCRIPTION_FIELDS, DISCLOSURE_FIELDS
from fapai.app.services import Services
from fapai.domain.money import MAX_FEN, parse_yuan
from fapai.domain.numerals import capital_numerals
from fapai.web import i18n
from fapai.web.api.public import EXPORTED_STATUSES
from fapai.web.auth import ServicesDep
from fapai.web.i18n import N_
from fapai.web.pages import formatting, labels
from fapai.web.pages.notices import BIDDING_NOTICE, SPECIAL_WARNINGS
from fapai.web.pages.rendering import error_page, language, render
from fapai.web.params import MAX_ID

router = APIRouter(include_in_schema=False)
PER_PAGE = 12
YUAN_PER_WAN = 10_000
FILTERS = ("q", "status", "round", "property_type", "court", "region", "min_price", "max_price")


def _wan_to_fen(text: str) -> int | None:
    fen = parse_yuan(text.strip())
    return None if fen is None or fen * YUAN_PER_WAN > MAX_FEN else fen * YUAN_PER_WAN


def read_query(params: dict[str, str]) -> tuple[browse.Browse, list[str]]:
    """The home page's filters from its address; what cannot be read is set aside with a
    reason, never a failed page."""
    problems: list[str] = []
    prices: dict[str, int | None] = {}
    for name, label in (("min_price", N_("最低价")), ("max_price", N_("最高价"))):
        text = params.get(name, "").strip()
        prices[name] = _wan_to_fen(text) if text else None
        if text and prices[name] is None:
            problems.append(label)
    round_text = params.get("round", "")
    page_text = params.get("page", "1")
    sort = params.get("sort", "default")
    query = browse.Browse(
        text=params.get("q", "")[:100],
        status=params.get("status") or None,
        round=int(round_text) if round_text in ("1", "2") else None,
        kind="sale" if round_text == "sale" else None,
        property_type=params.get("property_type") or None,
        court_code=params.get("court") or None,
        region=params.get("region") or None,
        min_price=prices["min_price"],
        max_price=prices["max_price"],
        sort=sort if sort in browse.SORTS else "default",
        page=int(page_text) if page_text.isdigit() and 0 < len(page_text) < 7 else 1,
        per_page=PER_PAGE,
    )
    return query, problems


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, services: ServicesDep) -> HTMLResponse:
    params = {key: value for key, value in request.query_params.items() if key != "lang"}
    query, problems = read_query(params)
    result = await run_in_threadpool(browse.browse, services, query)
    _ = _gettext(request)
    values = {
        "status": list(labels.STATUS_FACET), "round": ["1", "2", "sale"],
        "property_type": list(labels.PROPERTY_TYPE),
    }  # fmt: skip
    counts = await run_in_threadpool(browse.facet_counts, services, query, values)

    def url(**changes: str | None) -> str:
        """This search with some filters changed, back on its first page unless told."""
        merged: dict[str, str | None] = {k: v for k, v in params.items() if k != "page"}
        merged.update(changes)
        kept = {key: value for key, value in merged.items() if value}
        return "/?" + urlencode(kept) if kept else "/"

    def facet(name: str, key: str, options: list[tuple[str, str]]) -> dict[str, Any]:
        current = params.get(key, "")
        counted = counts[key]
        choices = [
            {"label": _("全部"), "url": url(**{key: None}), "on": not current, "count": counted[""]}
        ]
        choices += [
            {"label": _(label), "url": url(**{key: value}), "on": current == value,
             "count": counted[value]}
            for value, label in options
        ]  # fmt: skip
        return {"name": _(name), "options": choices}

    facets = [
        facet(N_("状态"), "status", [(code, labels.STATUS[code]) for code in labels.STATUS_FACET]),
        facet(N_("轮次"), "round", [("1", labels.ROUND[1]), ("2", labels.ROUND[2]),
                                    ("sale", labels.SALE)]),
        facet(N_("类型"), "property_type", list(labels.PROPERTY_TYPE.items())),
    ]  # fmt: skip
    first = max(1, result["page"] - 3)
    numbers = list(range(first, min(result["pages"], first + 6) + 1))
    shown = {key: params.get(key, "") for key in FILTERS}
    shown["sort"] = query.sort
    return render(
        request, "home.html", query=shown, result=result, facets=facets,
        problems=[_("%(field)s须为金额（万元），如 420") % {"field": _(p)} for p in problems],
        page_numbers=numbers, page_url=lambda number: url(page=str(number)),
    )  # fmt: skip


def _gettext(request: Request) -> Callable[[str], str]:
    return i18n.gettext(language(request))


def auction_id_of(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 11 and 1 <= int(text) <= MAX_ID else None


def public_snapshot(services: Services, auction_id: int) -> dict[str, Any] | None:
    """The snapshot of a published auction; None for one that does not exist or is a draft."""
    try:
        snapshot = queries.auction_snapshot(services, auction_id)
    except AppError:
        return None
    return None if snapshot["status"] in browse.HIDDEN_STATUSES else snapshot


def auction_and_bids(services: Services, auction_id: int) -> tuple[dict[str, Any] | None, Any]:
    snapshot = public_snapshot(services, auction_id)
    if snapshot is None:
        return None, []
    return snapshot, queries.bid_history(services, auction_id)["bids"]


def _missing(request: Request) -> HTMLResponse:
    return error_page(request, 404, "拍卖不存在。", "No such auction.")


@router.get("/auctions/{auction_id}", response_class=HTMLResponse)
async def auction_page(auction_id: str, request: Request, services: ServicesDep) -> HTMLResponse:
    number = auction_id_of(auction_id)
    if number is None:
        return _missing(request)
    snapshot, bids = await run_in_threadpool(auction_and_bids, services, number)
    if snapshot is None:
        return _missing(request)
    return render(
        request, "auction.html", s=snapshot, bids=bids, warnings=SPECIAL_WARNINGS,
        disclosure_fields=DISCLOSURE_FIELDS, description_fields=DESCRIPTION_FIELDS,
        bidding_notice=BIDDING_NOTICE,
        exported=EXPORTED_STATUSES,
    )  # fmt: skip


def _result(services: Services, auction_id: int) -> tuple[Any, Any, Any]:
    snapshot, bids = auction_and_bids(services, auction_id)
    if snapshot is None:
        return None, None, None
    try:
        outcome = queries.result(services, auction_id, f"page /auctions/{auction_id}")
    except AppError:  # not closed yet
        outcome = None
    return snapshot, bids, outcome


@router.get("/auctions/{auction_id}/result", response_class=HTMLResponse)
async def result_page(auction_id: str, request: Request, services: ServicesDep) -> HTMLResponse:
    number = auction_id_of(auction_id)
    if number is None:
        return _missing(request)
    snapshot, bids, outcome = await run_in_threadpool(_result, services, number)
    if snapshot is None:
        return _missing(request)
    confirmation = outcome.get("confirmation") if outcome else None
    fen = formatting.to_fen(confirmation["price"]) if confirmation else None
    capital = "人民币" + capital_numerals(fen) if fen is not None else ""
    return render(
        request, "result.html", s=snapshot, bids=bids, result=outcome, capital=capital,
        exported=EXPORTED_STATUSES,
    )  # fmt: skip


_SITE = "http://fapai.invalid"


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a path on this site: an address from the query never sends anyone elsewhere.

    Browsers drop tabs and line breaks from an address and read a backslash as a
    slash, so a text that looks like a path may name another host; such characters
    refuse the target, and the rest is resolved against an origin the way a browser
    resolves it and kept only when the origin stays the same.
    """
    if not target or not target.startswith("/") or any(c in _UNSAFE for c in target):
        return default
    resolved = urlsplit(urljoin(_SITE + "/", target))
    if f"{resolved.scheme}://{resolved.netloc}" != _SITE:
        return default
    return urlunsplit(("", "", resolved.path, resolved.query, resolved.fragment))


_UNSAFE = frozenset("\\\x7f" + "".join(map(chr, range(0x20))))


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", next=safe_next(request.query_params.get("next")))


@router.get("/me", response_class=HTMLResponse)
def bidder_centre(request: Request) -> HTMLResponse:
    """The bidder centre: a shell that reads the bidder's own data with the bidder's token
    (static/me.js), so the page itself holds nothing of anyone."""
    return render(request, "me.html")


@router.get("/sim-bank/pay/{order_ref}", response_class=HTMLResponse)
def simulated_bank_page(order_ref: str, request: Request) -> HTMLResponse:
    """The simulated bank's own payment page, at the address its instructions give."""
    bank = request.app.state.simulated_bank
    if bank is None:
        return error_page(request, 404, "未启用模拟银行。", "No simulated bank here.")
    amount = request.query_params.get("amount", "")
    return render(
        request, "pay.html", order_ref=order_ref[:64], account_name=bank.account_name,
        amount=amount if parse_yuan(amount) else "",
        back=safe_next(request.query_params.get("back")),
    )  # fmt: skip


@router.get("/institutions", response_class=HTMLResponse)
def institutions_page(request: Request, services: ServicesDep) -> HTMLResponse:
    """The published databases of auxiliary institutions (seed 003 Arts 9(7), 25)."""
    return render(request, "institutions.html", institutions=public_institutions(services))
