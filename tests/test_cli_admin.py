"""``fapai admin`` sets up courts, staff and tokens; a refusal is one line on standard
error with exit status 2, and nothing refused breaks the trail (issue 14 item 11)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from support import FAPAI


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(FAPAI), "admin", *args], env=env, capture_output=True, text=True)


def test_admin_commands_set_up_a_court_and_refuse_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "FAPAI_DATA_DIR": str(tmp_path)}
    env.pop("FAPAI_DATABASE_URL", None)  # SQLite in the data directory
    assert (
        run(env, "court", "add", "gz-mid", "广州市中级人民法院", "--region", "广东").returncode == 0
    )
    refusals = [
        (("court", "add", "gz-mid", "又一个", "--region", "广东"), "court_exists"),
        (("court", "add", "hz", "海珠", "--region", "广东", "--parent", "nope"), "not_found"),
        (("staff", "add", "nope", "wang", "--name", "王", "--role", "admin"), "not_found"),
        (("staff", "add", "gz-mid", "wang", "--name", "王", "--role", "judge"), "invalid_role"),
        (("staff", "add", "gz-mid", "wang", "--name", "王", "--role", "enforcement",
          "--role", "auction_office"), "one_business_role"),
        (("staff", "grant", "nobody", "admin"), "not_found"),
        (("token", "create", "nobody", "--scope", "admin"), "not_found"),
    ]  # fmt: skip
    for args, code in refusals:
        done = run(env, *args)
        assert done.returncode == 2, args
        assert done.stderr.count("\n") == 1, done.stderr
        assert f"error: {code}:" in done.stderr, done.stderr
    made = run(
        env, "staff", "add", "gz-mid", "wang", "--name", "王拍辅", "--role", "auction_office"
    )
    assert "one-time password: " in made.stdout
    token = run(env, "token", "create", "wang", "--scope", "auction_office", "--days", "7")
    assert token.stdout.startswith("token 1: ")
    listed = [json.loads(line) for line in run(env, "staff", "list", "gz-mid").stdout.splitlines()]
    assert [(p["login"], p["roles"], len(p["tokens"])) for p in listed] == [
        ("wang", ["auction_office"], 1)
    ]
    verified = subprocess.run(
        [str(FAPAI), "audit", "verify"], env=env, capture_output=True, text=True
    )
    assert verified.returncode == 0, verified.stderr
