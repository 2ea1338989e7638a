"""Money is whole fen: amounts are read exactly or refused, never rounded through floats."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fapai.domain.money import MAX_FEN, format_yuan, parse_yuan


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("123.45", 12345),
        ("123.4", 12340),
        ("123", 12300),
        ("0.01", 1),
        ("00.10", 10),
        ("100000000000.00", MAX_FEN),
    ],
)
def test_valid_amounts(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0",
        "0.00",
        "-1",
        "+1",
        ".5",
        "5.",
        "1.234",
        "1e5",
        "1,000",
        "1_000",
        " 1",
        "1 ",
        "１２",
        "١٢",
        "1..2",
        "12.3a",
        "0x10",
        "NaN",
        "100000000000.01",  # above MAX_FEN: the 92-quadrillion-yuan "payment" of issue 13
        "9223372036854775808",
    ],
)
def test_refused_amounts(text: str) -> None:
    assert parse_yuan(text) is None


@given(st.integers(min_value=1, max_value=MAX_FEN))
def test_format_and_parse_round_trip(fen: int) -> None:
    assert parse_yuan(format_yuan(fen)) == fen


def test_format_always_has_two_decimals() -> None:
    assert [format_yuan(f) for f in (1, 10, 100, 123456, -5)] == [
        "0.01",
        "0.10",
        "1.00",
        "1234.56",
        "-0.05",
    ]
