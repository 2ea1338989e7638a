"""Seized property entered for disposal: the lot with its location, region and the
disclosure its page must carry (OJA Arts 13-14; Shanghai item 15).
"""

from __future__ import annotations

import json
import re
from typing import Any

from fapai.app.accounts.courts import require
from fapai.app.accounts.principals import CourtPrincipal
from fapai.app.audit import trail
from fapai.app.errors import invalid
from fapai.app.services import Services

PROPERTY_TYPES = ("real_estate", "movable", "other_right")


_REGION = re.compile(r"^(.{2,}?(?:特别行政区|自治区|省|市))")


# The disclosure a lot's page must carry (OJA Art 13-14; Shanghai item 15), with labels.
DISCLOSURE_FIELDS = {
    "occupancy": "占有使用情况",
    "leases": "租赁情况",
    "arrears": "欠费情况（物业费、水电燃气费等）",
    "taxes": "税费及承担方式",
    "encumbrances": "权利负担（抵押、查封等）",
    "clearing": "清场交付责任",
    "other": "其他说明",
}

# What the property is (标的物介绍, OJA Art 13(1)-(2): its present state and its title),
# as the big platforms' listings describe it; each item only where the court gives it.
DESCRIPTION_FIELDS = {
    "area": "面积",
    "use": "用途",
    "certificate": "权属证书",
    "description": "标的物概况",
}


def storable(text: str) -> bool:
    """No NUL (PostgreSQL cannot store it) and no lone surrogate (not encodable)."""
    return "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text)


def create_lot(
    services: Services,
    user: CourtPrincipal,
    title: str,
    property_type: str,
    location: str,
    disclosure: dict[str, Any],
    reference_price: int | None,
) -> int:
    require(user, "auction_office")
    text = checked_disclosure(title, property_type, location, disclosure)
    now = services.clock()
    with services.db.write() as tx:
        lot_id = tx.insert_lot(
            user.court_id,
            title,
            property_type,
            location,
            region_of(location),
            text,
            reference_price,
            now,
        )
        trail.record(tx, trail.SYSTEM, now, f"court_user:{user.login}", "lot.created", lot=lot_id)
    return lot_id


def region_of(location: str) -> str:
    """The province or city a property's location starts with (上海市徐汇区 -> 上海市),
    the region a bidder searches by."""
    found = _REGION.match(location.strip())
    return found.group(1) if found else location.strip()[:3]


def checked_disclosure(
    title: str, property_type: str, location: str, disclosure: dict[str, Any]
) -> str:
    """The lot's disclosure as stored JSON, after checking what a lot must be."""
    if not all(storable(text) for text in (title, location, *disclosure.values())):
        raise invalid(
            "unreadable_text", "文本含有不可识别的字符。", "The text has unreadable characters."
        )
    unknown = sorted(set(disclosure) - set(DISCLOSURE_FIELDS) - set(DESCRIPTION_FIELDS))
    if unknown:
        raise invalid(
            "invalid_disclosure", f"未知的披露项：{', '.join(unknown)}。",
            f"Unknown disclosure items: {', '.join(unknown)}.",
        )  # fmt: skip
    if property_type not in PROPERTY_TYPES:
        raise invalid(
            "invalid_property_type", "财产类型无效。",
            f"property_type must be one of {', '.join(PROPERTY_TYPES)}.",
        )  # fmt: skip
    return json.dumps(disclosure, ensure_ascii=False, sort_keys=True)
