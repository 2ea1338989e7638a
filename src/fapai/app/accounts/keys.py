"""Key rotation (issue 14 item 17): move every ciphertext and blind index to the current
key in short batches, so the service keeps serving while it runs; an old key can be
retired (dropped from FAPAI_OLD_SECRET_KEYS) once ``status`` counts nothing under it.

Blind indexes are recomputed from the account's own decrypted data; the parties' lists
that hold only an index (preemptive holders, applicants, barred buyers, the courts' OJA
Art 34 lists, proxies' principals) follow their account. A party who never opened an
account keeps the old index, and ``status`` says so: its key stays in the ring until
that auction's record is no longer needed. Rotate right after adding a key: until then
a person listed under the new key is not matched with an account under the old one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from fapai.app.services import Services
from fapai.domain.identity import normalize_name


@dataclass(frozen=True, slots=True)
class Rotated:
    accounts: int
    cases: int


def status(services: Services) -> dict[str, Any]:
    """How many ciphertexts and blind indexes stand under each key id (erased accounts,
    which hold neither, are not counted)."""
    cipher = services.cipher
    ciphertexts: Counter[str] = Counter()
    indexes: Counter[str] = Counter()
    with services.db.read() as tx:
        for source in (tx.account_ciphertexts, tx.case_ciphertexts):
            after = 0
            while batch := source(after, 500):
                for _, blobs in batch:
                    ciphertexts.update(cipher.ciphertext_key_id(b) for b in blobs)
                after = batch[-1][0]
        stored = [i for pair in tx.account_indexes() for i in pair] + tx.party_indexes()
    indexes.update(cipher.index_key_id(i) for i in stored if not i.startswith("erased"))
    return {
        "current": cipher.current_key_id,
        "ciphertexts": dict(ciphertexts),
        "blind_indexes": dict(indexes),
    }


def rotate(services: Services, batch: int = 100) -> Rotated:
    """Re-encrypt and re-index every row not yet under the current key, ``batch`` rows
    per transaction. Safe to stop and run again: done rows are skipped."""
    cipher = services.cipher
    current = cipher.current_key_id
    counts = {"accounts": 0, "cases": 0}
    after = 0
    while True:
        with services.db.write() as tx:
            rows = tx.account_ciphertexts(after, batch)
            for account_id, blobs in rows:
                account = tx.account(account_id)
                assert account is not None
                if all(cipher.ciphertext_key_id(b) == current for b in blobs) and all(
                    cipher.index_key_id(i) == current
                    for i in (account.name_index, account.id_number_index)
                ):
                    continue
                name, number, phone = (cipher.decrypt(b) for b in blobs)
                tx.rewrite_account(
                    account_id, [cipher.encrypt(t) for t in (name, number, phone)],
                    cipher.blind_index("name", normalize_name(name)),
                    cipher.blind_index("id_number", number),
                )  # fmt: skip
                counts["accounts"] += 1
        if not rows:
            break
        after = rows[-1][0]
    after = 0
    while True:
        with services.db.write() as tx:
            rows = tx.case_ciphertexts(after, batch)
            for case_id, blobs in rows:
                if all(cipher.ciphertext_key_id(b) == current for b in blobs):
                    continue
                tx.rewrite_case(case_id, [cipher.encrypt(cipher.decrypt(b)) for b in blobs])
                counts["cases"] += 1
        if not rows:
            break
        after = rows[-1][0]
    return Rotated(**counts)
