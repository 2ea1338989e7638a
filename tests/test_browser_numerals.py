"""The browser's own figures: the bid confirmation's 大写 and amounts are computed in
the page's script, so they are checked in Chromium against the Python functions
the court's documents use (fapai.domain.numerals), over many amounts."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest

from fapai.domain.money import parse_yuan
from fapai.domain.numerals import capital_numerals, format_cny
from support import LiveServer

if TYPE_CHECKING:
    from browser_support import OpenPerson

pytest_plugins = ("browser_support",)
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def amounts() -> list[int]:
    """Every shape of zero run: each fen up to ¥100, round numbers, single digits at every
    place, gaps across 万 and 亿, and random amounts up to the largest bid (10**17 fen)."""
    rng = random.Random(20161118)
    chosen = set(range(10_001))
    for place in range(18):
        for digit in range(1, 10):
            chosen.add(digit * 10**place)
            chosen.add(digit * 10**place + 1)
            chosen.add(10**place + digit * 10 ** (place // 2))
    chosen |= {1_000_100, 1_001_000, 123_456_789, 100_000_100, 10_000_000_100, 10**17}
    chosen |= {rng.randrange(1, 10 ** rng.randrange(2, 18)) for _ in range(5000)}
    return sorted(chosen)


def test_capital_numerals_and_figures_match_the_documents(
    server: LiveServer, person: OpenPerson
) -> None:
    page = person().open(server, "/")
    fens = amounts()
    capitals, figures = page.evaluate(
        """fens => [fens.map(f => fapai.capitalNumerals(BigInt(f))),
                    fens.map(f => fapai.money(BigInt(f)))]""",
        [str(fen) for fen in fens],
    )
    assert capitals == [capital_numerals(fen) for fen in fens]
    assert figures == [format_cny(fen) for fen in fens]
    # The table the confirmation letter's reviewers know by heart.
    assert dict(zip(fens, capitals, strict=True))[1_001_000] == "壹万零壹拾元整"
    assert capitals[fens.index(123_456_789)] == "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"


def test_typed_amounts_are_read_like_the_server_reads_them(
    server: LiveServer, person: OpenPerson
) -> None:
    """What a bidder types becomes exactly the fen the API will parse from the amount the
    page sends; the separators people type are allowed, anything else is refused."""
    page = person().open(server, "/")
    typed = ["4242000", "4242000.5", "4242000.05", "4,242,000.00", " 42 ", "４２４２", "0",
             "0.00", "-5", "1e5", "1.234", "abc", "", "0.01", "99999999999.99"]  # fmt: skip
    read = page.evaluate(
        "texts => texts.map(t => { const f = fapai.parseYuan(t);"
        " return f === null ? null : fapai.yuanText(f); })",
        typed,
    )
    assert read == ["4242000.00", "4242000.50", "4242000.05", "4242000.00", "42.00", "4242.00",
                    None, None, None, None, None, None, None, "0.01",
                    "99999999999.99"]  # fmt: skip
    assert all(parse_yuan(text) is not None for text in read if text is not None)
