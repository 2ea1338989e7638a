"""Auction records past their retention period, packaged for the archive (OJA Art 29).

fapai deletes no auction record: the law sets a floor of ten years, not a ceiling, and
what the archive does after the period is the court's decision. Once an auction closed
longer ago than the retention setting, its replay file and its audit chain can be
packaged, with a manifest of their SHA-256 digests, for the archive to take.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import datetime, time
from typing import Any

from fapai.app.auctions.export import export_auction
from fapai.app.audit import trail
from fapai.app.services import Services
from fapai.domain.beijing_time import BEIJING
from fapai.domain.calendar import beijing_date
from fapai.domain.retention import MIN_RETENTION_YEARS, kept_since, retention_refusal

FORMAT = "fapai-records/1"


def expired_package(services: Services, years: int) -> dict[str, str]:
    """File name → text: each expired auction's replay file and audit records, and a
    manifest naming them with their digests. Empty when nothing has expired."""
    refusal = retention_refusal(years)
    assert refusal is None, refusal  # config refuses it before
    now = services.clock()
    since = kept_since(beijing_date(now), years)
    cutoff = datetime.combine(since, time(), BEIJING)
    with services.db.read() as tx:
        expired = tx.closed_before(cutoff)
    files: dict[str, str] = {}
    for auction_id in expired:
        files[f"auction-{auction_id}.replay.json"] = _json(export_auction(services.db, auction_id))
        with services.db.read() as tx:
            rows = [asdict(r) for r in tx.audit_rows(trail.auction_scope(auction_id))]
        files[f"auction-{auction_id}.audit.jsonl"] = "".join(
            json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows
        )
    if not files:
        return {}
    manifest: dict[str, Any] = {
        "format": FORMAT, "article": "OJA Art 29", "minimum_years": MIN_RETENTION_YEARS,
        "retention_years": years, "closed_before": cutoff.isoformat(),
        "packaged_at": now.isoformat(), "auctions": expired,
        "files": {name: hashlib.sha256(text.encode()).hexdigest() for name, text in files.items()},
    }  # fmt: skip
    files["manifest.json"] = _json(manifest)
    return files


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
