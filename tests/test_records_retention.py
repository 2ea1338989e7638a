"""OJA Art 29: the platform keeps each auction's complete electronic data at least ten
years. The retention setting refuses less, fapai deletes nothing, and once an auction
closed longer ago than the setting its replay file and audit records are packaged for
the archive with a manifest of digests."""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from case_support import a_court, announced_lot, auction_of, close_at_end
from fapai import config
from fapai.app.auctions.retention import expired_package
from fapai.app.services import Services
from fapai.cli.main import main
from support import Clock


def test_a_retention_below_ten_years_is_refused_with_its_article(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """OJA Art 29: at least ten years; the default is ten."""
    monkeypatch.setenv("FAPAI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("FAPAI_RECORD_RETENTION_YEARS", raising=False)
    assert config.load().retention_years == 10
    monkeypatch.setenv("FAPAI_RECORD_RETENTION_YEARS", "9")
    with pytest.raises(config.ConfigError, match="OJA Art 29"):
        config.load()
    monkeypatch.setattr(
        sys, "argv", ["fapai", "records", "export-expired", "-o", str(tmp_path / "out")]
    )
    with pytest.raises(SystemExit) as exited:
        main()
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert err.count("\n") == 1
    assert "OJA Art 29" in err
    assert not (tmp_path / "out").exists()


def test_an_auction_is_packaged_only_after_the_retention_and_stays_stored(
    services: Services, clock: Clock
) -> None:
    """OJA Art 29: nothing before ten years; afterwards a package, and nothing deleted."""
    c = a_court(services)
    _, auction = announced_lot(services, c, clock)
    closed = close_at_end(services, clock, auction).closed_at
    assert closed is not None
    ten_years = closed.replace(year=closed.year + 10)
    clock.set(ten_years - timedelta(days=1))
    assert expired_package(services, 10) == {}
    clock.set(ten_years + timedelta(days=1))
    assert expired_package(services, 11) == {}  # a longer setting keeps it longer
    files = expired_package(services, 10)
    manifest = json.loads(files["manifest.json"])
    assert manifest["auctions"] == [auction]
    assert manifest["article"] == "OJA Art 29"
    replay = json.loads(files[f"auction-{auction}.replay.json"])
    assert replay["format"] == "fapai-replay/1"
    audit = [json.loads(line) for line in files[f"auction-{auction}.audit.jsonl"].splitlines()]
    assert audit
    assert all(r["scope"] == f"auction:{auction}" for r in audit)
    for name, digest in manifest["files"].items():
        assert hashlib.sha256(files[name].encode()).hexdigest() == digest
    assert auction_of(services, auction).status == "unsold"  # still stored
