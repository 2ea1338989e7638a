"""The designation lottery (OJA Art 5; Shanghai detailed rules item 12, 统一随机指定).

A draw is only trustworthy if anyone can redo it: the same inputs must give the
same result, the documented algorithm must be the one the code runs (checked
against an independent re-implementation written from the module docstring), the
odds must follow the weights exactly, and a record that was tampered with must
be refused. Seeds here are hashes of counters, so the statistical checks are
fixed computations that cannot flake.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from fapai.app.assignment.lottery_file import LotteryFileError, recheck, record
from fapai.cli.lottery import lottery_verify_command
from fapai.domain.assignment.lottery import (
    Candidate,
    Draw,
    commitment,
    draw,
    hmac_message,
    weights,
)

PURPOSE = "（2024）沪0101执123号 拍卖平台指定"
PLATFORMS = [Candidate("taobao", 40), Candidate("jd", 12), Candidate("gpai", 3)]


def seed(n: int) -> bytes:
    return hashlib.sha256(f"fapai lottery test seed {n}".encode()).digest()


def reference_draw(seed: bytes, purpose: str, loads: dict[str, int]) -> tuple[str, int, int]:
    """fapai-lottery/1 as the module docstring states it, without the module's code."""
    keys = sorted(loads)
    top = max(loads.values())
    tickets = [top - loads[k] + 1 for k in keys]
    total = sum(tickets)
    k = (total - 1).bit_length()
    counter = 0
    while True:
        listed = ",".join(
            '{"key":' + json.dumps(key, ensure_ascii=False) + ',"load":' + str(loads[key]) + "}"
            for key in keys
        )
        text = (
            '{"candidates":[' + listed + '],"counter":' + str(counter)
            + ',"purpose":' + json.dumps(purpose, ensure_ascii=False) + "}"
        )  # fmt: skip
        block = hmac.new(seed, text.encode("utf-8"), hashlib.sha256).digest()
        counter += 1
        x = int.from_bytes(block, "big") >> (256 - k)
        if x < total:
            break
    running = 0
    for key, weight in zip(keys, tickets, strict=True):
        running += weight
        if x < running:
            return key, x, counter
    raise AssertionError("unreachable")


# --- weights -------------------------------------------------------------------------------


def test_weights_favour_the_platform_with_fewer_auctions_and_keep_the_busiest_in() -> None:
    table = dict(weights([Candidate("a", 0), Candidate("b", 3), Candidate("c", 7)]))
    assert table["a"] > table["b"] > table["c"]
    assert table["c"] == 1  # the busiest platform can still be designated
    assert table["a"] == 8  # one ticket plus one for each auction it trails the busiest


def test_equal_loads_give_equal_weights() -> None:
    assert {w for _, w in weights([Candidate(k, 5) for k in ("x", "y", "z")])} == {1}


def test_only_the_gaps_between_loads_count() -> None:
    base = [Candidate("a", 0), Candidate("b", 4), Candidate("c", 9)]
    shifted = [Candidate(c.key, c.load + 100) for c in base]
    assert weights(base) == weights(shifted)


def test_weights_are_listed_by_key_whatever_the_input_order() -> None:
    assert [k for k, _ in weights(PLATFORMS)] == ["gpai", "jd", "taobao"]


# --- determinism and the algorithm as documented ------------------------------------------


def test_the_same_inputs_give_the_same_draw_in_any_candidate_order() -> None:
    first = draw(seed(1), PURPOSE, PLATFORMS)
    assert draw(seed(1), PURPOSE, PLATFORMS) == first
    assert draw(seed(1), PURPOSE, list(reversed(PLATFORMS))) == first


@pytest.mark.parametrize(
    "loads",
    [
        {"taobao": 40, "jd": 12, "gpai": 3},
        {"only": 7},  # total 1: no bits needed, always ticket 0
        {"a": 1, "b": 1, "c": 1, "d": 1},  # total a power of two
        {"a": 0, "b": 0, "c": 1},  # total 5
        {"阿里拍卖": 9, "京东拍卖": 2, 'odd"key\\': 0},  # non-ASCII and JSON-escaped keys
    ],
)
def test_the_code_runs_the_documented_algorithm(loads: dict[str, int]) -> None:
    candidates = [Candidate(k, v) for k, v in loads.items()]
    for n in range(200):
        got = draw(seed(n), PURPOSE, candidates)
        assert (got.chosen, got.ticket, got.rounds) == reference_draw(seed(n), PURPOSE, loads)


def test_a_published_record_of_fapai_lottery_1_still_checks() -> None:
    """A fixed record (docs/lottery.md): fapai-lottery/1 must never silently change meaning."""
    result = draw(bytes(range(32)), PURPOSE, PLATFORMS)
    assert (result.chosen, result.ticket, result.total, result.rounds) == ("jd", 66, 68, 3)


def test_seed_purpose_and_loads_all_reach_the_hmac() -> None:
    message = hmac_message(PURPOSE, PLATFORMS, 0)
    assert hmac_message(PURPOSE + "（重新指定）", PLATFORMS, 0) != message
    heavier = [Candidate(c.key, c.load + (c.key == "jd")) for c in PLATFORMS]
    assert hmac_message(PURPOSE, heavier, 0) != message
    # adding one auction to everyone keeps the weights but is still a different draw
    everyone = [Candidate(c.key, c.load + 1) for c in PLATFORMS]
    assert weights(everyone) == weights(PLATFORMS)
    assert hmac_message(PURPOSE, everyone, 0) != message
    assert hmac_message(PURPOSE, PLATFORMS, 1) != message
    # the seed is the HMAC key, never part of the message
    assert seed(1) not in message
    assert seed(1).hex().encode() not in message
    blocks = {hmac.new(seed(n), message, hashlib.sha256).digest() for n in range(3)}
    assert len(blocks) == 3


# --- fairness ---------------------------------------------------------------------------------


def test_each_candidate_is_chosen_in_proportion_to_its_weight() -> None:
    candidates = [Candidate("a", 0), Candidate("b", 2), Candidate("c", 5)]  # weights 6, 4, 1
    table = dict(weights(candidates))
    total = sum(table.values())
    n = 6000
    chosen = Counter(draw(seed(i), PURPOSE, candidates).chosen for i in range(n))
    for key, weight in table.items():
        assert abs(chosen[key] / n - weight / total) < 0.025, (key, chosen)


def test_rejection_sampling_is_unbiased_when_the_total_is_not_a_power_of_two() -> None:
    # Three equal weights: two bits are drawn and the value 3 is thrown away. Taking
    # the two bits modulo 3 instead would choose ticket 0 half the time.
    candidates = [Candidate(k, 0) for k in ("a", "b", "c")]
    n = 6000
    draws = [draw(seed(i), PURPOSE, candidates) for i in range(n)]
    tickets = Counter(d.ticket for d in draws)
    assert set(tickets) == {0, 1, 2}
    for count in tickets.values():
        assert abs(count / n - 1 / 3) < 0.025, tickets
    retried = sum(d.rounds > 1 for d in draws)
    assert abs(retried / n - 1 / 4) < 0.025  # a round is thrown away with chance 1/4
    assert all(d.chosen == "abc"[d.ticket] for d in draws)


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("candidates", "message"),
    [
        ([], "at least one candidate"),
        ([Candidate("jd", 1), Candidate("jd", 2)], "more than once"),
        ([Candidate("jd", -1)], ">= 0"),
        ([Candidate("", 1)], "non-empty"),
        ([Candidate("j\nd", 1)], "control character"),
    ],
)
def test_bad_candidates_are_refused(candidates: list[Candidate], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        draw(seed(0), PURPOSE, candidates)


def test_a_seed_shorter_than_16_bytes_is_refused() -> None:
    draw(bytes(16), PURPOSE, PLATFORMS)
    with pytest.raises(ValueError, match="at least 16 bytes"):
        draw(bytes(15), PURPOSE, PLATFORMS)
    with pytest.raises(ValueError, match="at least 16 bytes"):
        commitment(bytes(15))


def test_an_empty_purpose_is_refused() -> None:
    with pytest.raises(ValueError, match="purpose"):
        draw(seed(0), "", PLATFORMS)


# --- the public record --------------------------------------------------------------------


def published(n: int = 7) -> dict[str, Any]:
    """A record as it would be published: through JSON text and back."""
    result = draw(seed(n), PURPOSE, PLATFORMS)
    doc = json.loads(json.dumps(record(seed(n), PURPOSE, PLATFORMS, result), ensure_ascii=False))
    assert isinstance(doc, dict)
    return doc


def test_a_genuine_record_rechecks() -> None:
    doc = published()
    assert doc["algorithm"] == "fapai-lottery/1"
    assert doc["commitment"] == hashlib.sha256(bytes.fromhex(doc["seed"])).hexdigest()
    assert recheck(doc) == draw(seed(7), PURPOSE, PLATFORMS)


def test_record_refuses_a_result_that_is_not_the_draw() -> None:
    real = draw(seed(7), PURPOSE, PLATFORMS)
    other = next(k for k, _ in real.weights if k != real.chosen)
    forged = Draw(other, real.weights, real.total, real.ticket, real.rounds)
    with pytest.raises(ValueError, match="not the draw"):
        record(seed(7), PURPOSE, PLATFORMS, forged)


def tampered(change: str) -> dict[str, Any]:
    doc = published()
    if change == "chosen":
        doc["chosen"] = next(c["key"] for c in doc["candidates"] if c["key"] != doc["chosen"])
    elif change == "ticket":
        doc["ticket"] = (doc["ticket"] + 1) % doc["total"]
    elif change == "load":
        doc["candidates"][0]["load"] += 1
    elif change == "seed":
        doc["seed"] = seed(8).hex()
    elif change == "seed and commitment":
        doc["seed"] = seed(8).hex()
        doc["commitment"] = hashlib.sha256(seed(8)).hexdigest()
    return doc


@pytest.mark.parametrize(
    ("change", "paths"),
    [
        ("chosen", {"$.chosen"}),
        ("ticket", {"$.ticket"}),
        ("load", {"$.ticket", "$.chosen", "$.total", "$.rounds", "$.weights"}),
        ("seed", {"$.commitment"}),
        ("seed and commitment", {"$.ticket", "$.chosen", "$.rounds"}),
    ],
)
def test_a_tampered_record_is_refused(change: str, paths: set[str]) -> None:
    with pytest.raises(LotteryFileError) as caught:
        recheck(tampered(change))
    assert caught.value.path in paths


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda d: d.pop("ticket"), "$.ticket"),
        (lambda d: d.update(extra=1), "$.extra"),
        (lambda d: d.update(algorithm="fapai-lottery/2"), "$.algorithm"),
        (lambda d: d.update(seed="XYZ"), "$.seed"),
        (lambda d: d.update(seed="00" * 15, commitment="0" * 64), "$.seed"),
        (lambda d: d.update(purpose=None), "$.purpose"),
        (lambda d: d.update(candidates=[]), "$.candidates"),
        (lambda d: d["candidates"][1].update(load="12"), "$.candidates[1].load"),
        (lambda d: d["candidates"][1].update(load=True), "$.candidates[1].load"),
        (lambda d: d["candidates"][2].update(key=d["candidates"][0]["key"]), "$.candidates[2].key"),
        (lambda d: d["candidates"][0].pop("load"), "$.candidates[0]"),
        (lambda d: d.update(total=float(d["total"])), "$.total"),
    ],
)
def test_a_malformed_record_names_the_field(edit: Any, path: str) -> None:
    doc = published()
    edit(doc)
    with pytest.raises(LotteryFileError) as caught:
        recheck(doc)
    assert caught.value.path == path


def test_a_record_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(LotteryFileError, match=r"^\$: must be a JSON object"):
        recheck([published()])


# --- fapai lottery verify ---------------------------------------------------------------------


def verify(*args: str, stdin: str | None = None) -> Any:
    app = typer.Typer()
    app.command()(lottery_verify_command)
    return CliRunner().invoke(app, list(args), input=stdin)


def test_verify_accepts_a_genuine_record(tmp_path: Path) -> None:
    doc = published()
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = verify(str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"ok: chosen={doc['chosen']} ticket={doc['ticket']}/{doc['total']}\n"
    from_stdin = verify("-", stdin=json.dumps(doc))
    assert (from_stdin.exit_code, from_stdin.stdout) == (0, result.stdout)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (json.dumps(tampered("chosen")), "$.chosen: "),
        (json.dumps(tampered("seed")), "$.commitment: "),
        ('{"algorithm": "fapai-lottery/1",', "$: not valid JSON"),
    ],
)
def test_verify_refuses_a_bad_record_in_one_line(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "draw.json"
    path.write_text(text, encoding="utf-8")
    result = verify(str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"fapai lottery verify: error: {reason}")
    assert result.stderr.count("\n") == 1


def test_verify_reports_a_missing_file(tmp_path: Path) -> None:
    result = verify(str(tmp_path / "absent.json"))
    assert result.exit_code == 2
    assert result.stderr.startswith("fapai lottery verify: error: cannot read ")
