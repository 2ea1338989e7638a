"""README's "Production" section works as written: from an empty PostgreSQL database and a
new secret key, its commands make a court whose administrator then signs in over HTTP
with the printed password and a TOTP code from the printed secret (issue 14 item 11).

Only what the README leaves to the reader is the test's own: the database URL and the
secret key (the two ``export`` lines) and the port (``PORT``)."""

from __future__ import annotations

import base64
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyotp
import pytest

from support import free_port

README = Path(__file__).resolve().parents[1] / "README.md"


def production_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_readme_production_commands_make_a_court_whose_staff_sign_in(
    database_url: str, tmp_path: Path
) -> None:
    lines = production_commands()
    settings = [line for line in lines if line.startswith("export ")]
    assert [line.split("=", 1)[0] for line in settings] == [
        "export FAPAI_DATABASE_URL", "export FAPAI_SECRET_KEY",
    ]  # fmt: skip
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "FAPAI_DATABASE_URL": database_url,
        "FAPAI_SECRET_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "FAPAI_DATA_DIR": str(tmp_path / "data"),
        "PORT": str(port),
    }
    *setup, serve = [line for line in lines if line not in settings]
    assert serve.startswith("fapai serve ")
    printed = ""
    for line in setup:
        done = subprocess.run(["bash", "-c", line], env=env, capture_output=True, text=True)
        assert done.returncode == 0, (line, done.stderr)
        printed = done.stdout if " staff add " in line else printed
    login = re.search(r"^login: (\S+)$", printed, re.M)
    password = re.search(r"^one-time password: (\S+)$", printed, re.M)
    secret = re.search(r"^TOTP secret: (\S+)$", printed, re.M)
    assert login, printed
    assert password, printed
    assert secret, printed

    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        ["bash", "-c", serve], env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/api/v1"
        wait_until_up(url, server)
        signed_in = httpx.post(f"{url}/court/session", json={
            "login": login.group(1), "password": password.group(1),
            "code": pyotp.TOTP(secret.group(1)).now(),
        })  # fmt: skip
        assert signed_in.status_code == 201, signed_in.text
        auth = {"Authorization": f"Bearer {signed_in.json()['token']}"}
        who = httpx.get(f"{url}/court/session", headers=auth).json()
        assert (who["name"], who["role"], who["admin"]) == ("李管理", "director", True)
        assert who["court"] == {"code": "gz-mid", "name": "广州市中级人民法院"}
        listed = httpx.get(f"{url}/court/admin/staff", headers=auth).json()["staff"]
        assert [person["login"] for person in listed] == [login.group(1)]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"{url}/auctions").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("fapai serve did not start")
