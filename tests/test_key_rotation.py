"""Key rotation (issue 14 item 17): every ciphertext and blind index names its key; a
new key reads the old data through the ring, ``keys rotate`` moves it in batches, and
afterwards the old key can be retired. Bank notices have their own key and a window."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

import support
from fapai import bootstrap
from fapai.adapters.cipher import AesCipher
from fapai.app.accounts import bidders, keys
from fapai.app.auctions import admission, registration
from fapai.app.cases import holders
from fapai.app.errors import AppError
from fapai.app.services import Services
from fapai.config import Settings
from fapai.domain.money import parse_yuan
from fapai.storage.database import SqlDatabase

OLD, NEW = secrets.token_bytes(32), secrets.token_bytes(32)


@pytest.fixture
def built(database_url: str, tmp_path: Path) -> Iterator[list[tuple[Services, SqlDatabase]]]:
    made: list[tuple[Services, SqlDatabase]] = []
    yield made
    for _, database in made:
        database.dispose()


def ring(
    made: list[tuple[Services, SqlDatabase]], url: str, tmp: Path, clock: support.Clock,
    key: bytes, *old: bytes, bank: bytes | None = None,
) -> Services:  # fmt: skip
    settings = Settings(
        url, key, tmp, old_secret_keys=old, bank_key=bank, sms="simulated", bank="simulated"
    )
    services, database = bootstrap.build(settings, clock=clock)
    made.append((services, database))
    return services


def test_a_new_key_reads_old_data_and_rotation_moves_it(built, database_url, tmp_path) -> None:
    clock = support.Clock(support.T0 - timedelta(days=1))
    before = ring(built, database_url, tmp_path, clock, OLD)
    office = support.office(before)
    auction_id = support.auction(before, office)
    _, bureau_token = support.court_user(before, office.court_id, "enforcement")
    someone = support.bidder(before, "钱七")
    holder_id = "310101198102111010"
    bureau = bidders_principal(before, bureau_token)
    holders.confirm_preemptive_holder(
        before, bureau, auction_id, holder_id, 1, support.HOLDER_EVIDENCE, support.HOLDER_PANEL
    )

    after = ring(built, database_url, tmp_path, clock, NEW, OLD)
    old_id, new_id = before.cipher.current_key_id, after.cipher.current_key_id
    assert keys.status(after)["ciphertexts"] == {old_id: 3}
    # the ring reads the old key's data and finds its indexes
    assert bidders.my_identity(after, someone.account_id)["real_name"] == "钱*"
    code = support.phone_code(after, "13700000001")
    made = refused_code(
        lambda: bidders.create_account(after, "钱七", someone.id_number, "13700000001", code)
    )
    assert made == "account_exists"

    done = keys.rotate(after, batch=1)
    assert done.accounts == 1
    status = keys.status(after)
    assert status["ciphertexts"] == {new_id: 3}
    assert set(status["blind_indexes"]) == {new_id, old_id}  # the holder without an account
    assert keys.rotate(after).accounts == 0  # nothing left: safe to repeat

    # the old key retired: everything the accounts hold still reads and compares
    retired = ring(built, database_url, tmp_path, clock, NEW)
    assert bidders.my_identity(retired, someone.account_id)["real_name"] == "钱*"
    support.pay_deposit(retired, someone, auction_id)  # payer's name matches by blind index
    # a holder recorded under the old key is recognised while that key is in the ring
    holder = support.Bidder("孙八", holder_id, "13700000002", "", 0)
    code = support.phone_code(after, holder.phone)
    _, session = bidders.create_account(after, holder.name, holder_id, holder.phone, code)
    token = session.token
    account = support.principals.authenticate(after, token)
    assert registration.register(after, account.account_id, auction_id, True).preemptive_rank == 1


def bidders_principal(services: Services, token: str):  # type: ignore[no-untyped-def]
    return support.principals.authenticate(services, token)


def test_ciphertexts_and_indexes_carry_the_key_id() -> None:
    cipher = AesCipher(NEW, [OLD])
    blob = cipher.encrypt("张三")
    assert blob[1:5].hex() == cipher.current_key_id
    assert cipher.ciphertext_key_id(blob) == cipher.current_key_id
    index = cipher.blind_index("name", "张三")
    assert index.startswith(cipher.current_key_id + ".")
    assert len(index) == 64
    assert cipher.index_key_id(index) == cipher.current_key_id
    old = AesCipher(OLD)
    assert cipher.decrypt(old.encrypt("李四")) == "李四"
    assert old.blind_index("name", "李四") in cipher.blind_indexes("name", "李四")
    with pytest.raises(ValueError, match="no key in the ring"):
        AesCipher(secrets.token_bytes(32)).decrypt(blob)


def test_bank_notices_have_their_own_key(built, database_url, tmp_path) -> None:
    clock = support.Clock(support.T0 - timedelta(days=1))
    bank_key = secrets.token_bytes(32)
    services = ring(built, database_url, tmp_path, clock, NEW, bank=bank_key)
    body = b'{"x": 1}'
    assert services.cipher.sign(body) != AesCipher(NEW).sign(body)
    assert services.cipher.sign(body) == AesCipher(OLD, bank_key=bank_key).sign(body)


def test_a_stale_or_replayed_notice_is_refused(services, clock) -> None:
    office = support.office(services)
    auction_id = support.auction(services, office)
    someone = support.bidder(services)
    registration.register(services, someone.account_id, auction_id, True)
    order = registration.request_deposit(services, someone.account_id, auction_id)
    bank = bootstrap.simulated_bank(services)
    assert bank is not None
    amount = parse_yuan(order.amount)
    body, signature = bank.notice(order.order_ref, amount, someone.name, "T-1")
    clock.advance(minutes=6)
    stale = refused_code(lambda: registration.accept_bank_notice(services, body, signature))
    assert stale == "bad_signature"
    clock.advance(minutes=-6)
    # the same nonce on another (re-signed) notice: a replay, refused
    data = json.loads(body)
    forged = json.dumps({**data, "bank_ref": "T-2"}, ensure_ascii=False, sort_keys=True).encode()
    assert registration.accept_bank_notice(services, body, signature).status == "confirmed"
    replayed = refused_code(
        lambda: registration.accept_bank_notice(services, forged, services.cipher.sign(forged))
    )
    assert replayed == "bad_signature"
    # the bank retrying the very same notice gets the same answer
    assert registration.accept_bank_notice(services, body, signature).status == "confirmed"


def refused_code(call: Callable[[], object]) -> str:
    with pytest.raises(AppError) as caught:
        call()
    return caught.value.code


def test_settings_read_old_keys_and_the_bank_key(monkeypatch, tmp_path) -> None:
    import base64

    from fapai import config

    monkeypatch.setenv("FAPAI_SECRET_KEY", base64.b64encode(NEW).decode())
    monkeypatch.setenv("FAPAI_OLD_SECRET_KEYS", base64.b64encode(OLD).decode() + " , ")
    monkeypatch.setenv("FAPAI_BANK_KEY", base64.b64encode(OLD).decode())
    settings = config.load(tmp_path, "sqlite:///x")
    assert settings.old_secret_keys == (OLD,)
    assert settings.bank_key == OLD
    assert bootstrap.bank_key_warning(settings) is None
    assert bootstrap.bank_key_warning(replace(settings, bank_key=None))
    monkeypatch.setenv("FAPAI_OLD_SECRET_KEYS", "short")
    with pytest.raises(config.ConfigError, match="FAPAI_OLD_SECRET_KEYS"):
        config.load(tmp_path, "sqlite:///x")


def test_the_keys_and_retention_commands(built, database_url, tmp_path) -> None:
    import base64

    from typer.testing import CliRunner

    from fapai.cli.main import app

    clock = support.Clock(support.T0 - timedelta(days=1))
    before = ring(built, database_url, tmp_path, clock, OLD)
    support.bidder(before)
    env = {
        "FAPAI_DATABASE_URL": database_url,
        "FAPAI_DATA_DIR": str(tmp_path),
        "FAPAI_SECRET_KEY": base64.b64encode(NEW).decode(),
        "FAPAI_OLD_SECRET_KEYS": base64.b64encode(OLD).decode(),
    }
    old_id, new_id = AesCipher(OLD).current_key_id, AesCipher(NEW).current_key_id
    shown = CliRunner().invoke(app, ["keys", "status"], env=env)
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["ciphertexts"] == {old_id: 3}
    rotated = CliRunner().invoke(app, ["keys", "rotate", "--batch", "1"], env=env)
    assert rotated.output == "re-encrypted 1 accounts, 0 cases\n"
    shown = CliRunner().invoke(app, ["keys", "status"], env=env)
    assert json.loads(shown.output)["ciphertexts"] == {new_id: 3}
    assert json.loads(shown.output)["blind_indexes"] == {new_id: 2}
    kept = CliRunner().invoke(app, ["retention", "run"], env=env)
    assert kept.output == "erased 0 accounts, 0 read-log rows\n"
    bad = CliRunner().invoke(app, ["keys", "rotate"], env={**env, "FAPAI_BANK_KEY": "short"})
    assert bad.exit_code == 2


def test_the_courts_art_34_list_follows_its_people_through_a_rotation(
    built, database_url, tmp_path
) -> None:
    """OJA Art 34: the list keeps only a blind index; after ``keys rotate`` a listed
    person's account moves to the new key, and the list moves with it, so the person
    is still refused (the attack: rotation switched the list off)."""
    clock = support.Clock(support.T0 - timedelta(days=1))
    before = ring(built, database_url, tmp_path, clock, OLD)
    office = support.office(before)
    auction_id = support.auction(before, office)
    insider = support.bidder(before, "钱法官")
    admission.add_person(before, office, insider.id_number, "court_staff")
    after = ring(built, database_url, tmp_path, clock, NEW, OLD)
    keys.rotate(after)
    with pytest.raises(AppError) as refused:
        registration.register(after, insider.account_id, auction_id, True)
    assert refused.value.code == "excluded_person"
