"""``fapai replay`` as a user runs it: the public examples, the real auctions, file errors.

The examples in ``shared/scenarios`` and the five real auctions in
``shared/data/real-auctions`` (bid logs of the largest platform with the outcome
it published) must be reproduced exactly (replay spec; OJA Arts 20-21).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCENARIOS = sorted(SHARED.glob("scenarios/*.expected.json"))
REAL = sorted(SHARED.glob("data/real-auctions/real*.json"))
FAPAI = str(Path(sys.executable).parent / "fapai")

VALID: dict[str, Any] = {
    "format": "fapai-replay/1",
    "auction": {
        "start_price": "1000.00",
        "increment": "100.00",
        "starts_at": "2026-12-10T10:00:00+08:00",
        "ends_at": "2026-12-11T10:00:00+08:00",
    },
    "bidders": [{"id": "A", "deposit_paid": True}, {"id": "B", "deposit_paid": True}],
    "events": [
        {"type": "bid", "at": "2026-12-10T12:00:00+08:00", "bidder": "A", "amount": "1000.00"},
        {"type": "bid", "at": "2026-12-10T13:00:00+08:00", "bidder": "B", "amount": 1100},
    ],
}


def run(stdin: bytes | str, *args: str) -> subprocess.CompletedProcess[bytes]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run(
        [FAPAI, "replay", *(args or ("-",))], input=data, capture_output=True, timeout=60
    )


def replay_doc(doc: Any) -> subprocess.CompletedProcess[bytes]:
    return run(json.dumps(doc, ensure_ascii=False))


def test_shared_data_is_present() -> None:
    assert len(SCENARIOS) >= 4
    assert len(REAL) == 5


@pytest.mark.parametrize("expected_path", SCENARIOS, ids=lambda p: p.name)
def test_public_examples_are_reproduced_exactly(expected_path: Path) -> None:
    source = expected_path.with_name(expected_path.name.replace(".expected", ""))
    result = run(b"", str(source))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(expected_path.read_text())


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_auctions_reproduce_the_published_outcome(path: Path) -> None:
    case = json.loads(path.read_text())
    result = replay_doc(case["input"])
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    expect = case["expect"]
    for key in ("status", "winner", "price", "ends_at", "extensions"):
        assert got[key] == expect[key], key
    assert [(b["seq"], b["accepted"], b["reason"]) for b in got["bids"]] == [
        (b["seq"], b["accepted"], b["reason"]) for b in expect["bids"]
    ]


def test_output_layout_is_stable_and_readable() -> None:
    first = replay_doc(VALID)
    second = replay_doc(VALID)
    assert first.returncode == 0
    assert first.stdout == second.stdout
    assert first.stdout.decode() == (
        "{\n"
        '  "format": "fapai-replay/1",\n'
        '  "status": "sold",\n'
        '  "winner": "B",\n'
        '  "price": "1100.00",\n'
        '  "ends_at": "2026-12-11T10:00:00+08:00",\n'
        '  "extensions": 0,\n'
        '  "bids": [\n'
        '    {"seq": 1, "bidder": "A", "amount": "1000.00", "at": "2026-12-10T12:00:00+08:00",'
        ' "accepted": true, "reason": null},\n'
        '    {"seq": 2, "bidder": "B", "amount": "1100.00", "at": "2026-12-10T13:00:00+08:00",'
        ' "accepted": true, "reason": null}\n'
        "  ]\n"
        "}\n"
    )


def test_no_events_is_unsold_with_an_empty_bid_list() -> None:
    doc = copy.deepcopy(VALID)
    doc["events"] = []
    out = json.loads(replay_doc(doc).stdout)
    assert (out["status"], out["winner"], out["price"], out["bids"]) == ("unsold", None, None, [])


def test_times_are_given_in_beijing_time_whatever_the_input_offset() -> None:
    doc = copy.deepcopy(VALID)
    doc["auction"]["ends_at"] = "2026-12-11T02:00:00Z"
    doc["events"][0]["at"] = "2026-12-10T04:00:00.250000+00:00"
    out = json.loads(replay_doc(doc).stdout)
    assert out["ends_at"] == "2026-12-11T10:00:00+08:00"
    assert out["bids"][0]["at"] == "2026-12-10T12:00:00.250000+08:00"


@pytest.mark.parametrize(
    ("amount", "echo"),
    [
        ("0", "0"),
        ("-5.00", "-5.00"),
        ("1.234", "1.234"),
        ("1e3", "1e3"),
        ("1,000", "1,000"),
        (12.5, 12.5),
        (None, None),
        (True, True),
        (0, 0),
        ({"yuan": 5}, {"yuan": 5}),
    ],
)
def test_an_invalid_amount_is_refused_and_echoed_as_received(amount: Any, echo: Any) -> None:
    doc = copy.deepcopy(VALID)
    doc["events"][0]["amount"] = amount
    result = replay_doc(doc)
    assert result.returncode == 0, result.stderr
    bid = json.loads(result.stdout)["bids"][0]
    assert (bid["accepted"], bid["reason"], bid["amount"]) == (False, "invalid_amount", echo)


def test_an_exotic_number_is_echoed_with_its_own_digits() -> None:
    text = json.dumps(VALID).replace('"amount": "1000.00"', '"amount": 1e400')
    result = run(text)
    assert result.returncode == 0, result.stderr
    assert '"amount": 1E+400' in result.stdout.decode()


@pytest.mark.parametrize(
    ("amount", "shown"), [("1000", "1000.00"), ("01000.0", "1000.00"), (1000, "1000.00")]
)
def test_valid_amounts_are_shown_with_two_decimals(amount: Any, shown: str) -> None:
    doc = copy.deepcopy(VALID)
    doc["events"][0]["amount"] = amount
    bid = json.loads(replay_doc(doc).stdout)["bids"][0]
    assert (bid["accepted"], bid["amount"]) == (True, shown)


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


DELETE = object()

FILE_ERRORS = [
    (("format",), "fapai-replay/2", "$.format"),
    (("format",), DELETE, "$.format"),
    (("auction",), DELETE, "$.auction"),
    (("auction",), [], "$.auction"),
    (("bidders",), {}, "$.bidders"),
    (("events",), DELETE, "$.events"),
    (("auction", "start_price"), "0", "$.auction.start_price"),
    (("auction", "start_price"), "-1.00", "$.auction.start_price"),
    (("auction", "start_price"), 10.5, "$.auction.start_price"),
    (("auction", "increment"), "0.00", "$.auction.increment"),
    (("auction", "increment"), DELETE, "$.auction.increment"),
    (("auction", "starts_at"), "2026-12-10T10:00:00", "$.auction.starts_at"),
    (("auction", "starts_at"), "tomorrow", "$.auction.starts_at"),
    (("auction", "ends_at"), "2026-12-10T10:00:00+08:00", "$.auction.ends_at"),
    (("auction", "ends_at"), "2026-12-10T09:00:00+08:00", "$.auction.ends_at"),
    (("auction", "extension_seconds"), -1, "$.auction.extension_seconds"),
    (("auction", "extension_seconds"), 1.5, "$.auction.extension_seconds"),
    (("auction", "extension_seconds"), "300", "$.auction.extension_seconds"),
    (("auction", "extension_seconds"), True, "$.auction.extension_seconds"),
    (("auction", "allow_self_raise"), "yes", "$.auction.allow_self_raise"),
    (("bidders", 1, "id"), "A", "$.bidders[1].id"),
    (("bidders", 1, "id"), 7, "$.bidders[1].id"),
    (("bidders", 1, "id"), DELETE, "$.bidders[1].id"),
    (("bidders", 0, "preemptive_rank"), 0, "$.bidders[0].preemptive_rank"),
    (("bidders", 0, "preemptive_rank"), 1.0, "$.bidders[0].preemptive_rank"),
    (("bidders", 0, "preemptive_rank"), True, "$.bidders[0].preemptive_rank"),
    (("bidders", 0, "deposit_paid"), "true", "$.bidders[0].deposit_paid"),
    (("bidders", 0, "barred"), 1, "$.bidders[0].barred"),
    (("events", 1, "type"), "offer", "$.events[1].type"),
    (("events", 1, "type"), DELETE, "$.events[1].type"),
    (("events", 1), "bid", "$.events[1]"),
    (("events", 1, "at"), DELETE, "$.events[1].at"),
    (("events", 1, "at"), "2026-12-10T13:00:00", "$.events[1].at"),
    (("events", 1, "at"), "2026-12-10T11:59:59.999999+08:00", "$.events[1].at"),
    (("events", 1, "bidder"), DELETE, "$.events[1].bidder"),
    (("events", 1, "bidder"), 42, "$.events[1].bidder"),
    (("events", 1, "amount"), DELETE, "$.events[1].amount"),
]


@pytest.mark.parametrize(("path", "value", "json_path"), FILE_ERRORS)
def test_file_errors_refuse_the_whole_file_naming_the_path(
    path: tuple[Any, ...], value: Any, json_path: str
) -> None:
    result = replay_doc(_set(VALID, path, value))
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"fapai replay: error: {json_path}: ")


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"{",
        b"[]",
        b"null",
        b'"fapai-replay/1"',
        b"\xff\xfe{",
        b'{"format": NaN}',
        b"[" * 100_000,
    ],
)
def test_text_that_is_not_a_replay_document(text: bytes) -> None:
    result = run(text)
    assert result.returncode == 2
    assert result.stdout == b""
    assert len(result.stderr.decode().splitlines()) == 1
    assert result.stderr.startswith(b"fapai replay: error: $")


def test_time_going_backwards_is_the_public_bad_example() -> None:
    result = run(b"", str(SHARED / "scenarios" / "bad-time-goes-backwards.json"))
    assert result.returncode == 2
    assert result.stderr.decode().startswith("fapai replay: error: $.events[1].at: goes backwards")


def test_equal_times_are_not_backwards() -> None:
    doc = _set(VALID, ("events", 1, "at"), VALID["events"][0]["at"])
    assert replay_doc(doc).returncode == 0


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run(b"", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        f"fapai replay: error: cannot read {tmp_path / 'nope.json'}: No such file or directory"
    ]


def test_usage_errors_are_one_line_exit_2() -> None:
    result = subprocess.run([FAPAI, "replay"], capture_output=True, timeout=30)
    assert result.returncode == 2
    assert len(result.stderr.decode().splitlines()) == 1
    assert b"Traceback" not in result.stderr


def test_help_describes_replay() -> None:
    result = subprocess.run([FAPAI, "replay", "--help"], capture_output=True, timeout=30)
    assert result.returncode == 0
    assert b"FILE|-" in result.stdout


def test_unknown_bidder_and_chinese_ids_are_echoed_in_utf8() -> None:
    doc = _set(VALID, ("events", 0, "bidder"), "竞买人甲")
    bid = json.loads(replay_doc(doc).stdout.decode("utf-8"))["bids"][0]
    assert (bid["bidder"], bid["reason"]) == ("竞买人甲", "unknown_bidder")


def test_lone_surrogates_are_escaped_not_a_crash() -> None:
    """JSON can carry a lone surrogate (\\ud800) that UTF-8 cannot: escape it, never crash."""
    text = json.dumps(VALID).replace('"bidder": "A"', '"bidder": "\\ud800"')
    result = run(text)
    assert result.returncode == 0, result.stderr
    bid = json.loads(result.stdout)["bids"][0]
    assert (bid["bidder"], bid["reason"]) == ("\ud800", "unknown_bidder")
