"""A PostgreSQL server for the tests: the machine's on 127.0.0.1:5432 when it answers,
otherwise a throwaway cluster made with ``initdb`` and run with ``pg_ctl``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"


def answers(dsn: str) -> bool:
    try:
        with psycopg.connect(dsn, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Throwaway:
    """A private cluster in a temporary directory, stopped and removed by ``stop``."""

    def __init__(self) -> None:
        initdb, self.pg_ctl = _binary("initdb"), _binary("pg_ctl")
        if initdb is None or self.pg_ctl is None:
            raise RuntimeError("initdb/pg_ctl not found")
        self.root = Path(tempfile.mkdtemp(prefix="fapai-pg-"))
        self.data = self.root / "data"
        user = ["-U", "postgres"]
        env = dict(os.environ)
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.root, "postgres")
            run_as = ["runuser", "-u", "postgres", "--"]
        else:
            run_as = []
        self.run_as = run_as
        subprocess.run(
            [*run_as, initdb, "-D", str(self.data), "-A", "trust", *user, "-E", "UTF8"],
            check=True, capture_output=True, env=env,
        )  # fmt: skip
        self.port = _free_port()
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [*run_as, self.pg_ctl, "-D", str(self.data), "-o", options, "-w", "-l",
             str(self.root / "log"), "start"],
            check=True, capture_output=True,
        )  # fmt: skip
        self.dsn = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        subprocess.run(
            [*self.run_as, self.pg_ctl or "pg_ctl", "-D", str(self.data), "-m", "fast", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)
