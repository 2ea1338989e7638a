"""Engines, transactions and locks for SQLite (embedded) and PostgreSQL (production).

SQLite allows one writer: a write transaction starts with ``BEGIN IMMEDIATE``
behind one in-process lock, so threads queue in Python instead of spinning in
SQLite's busy handler; WAL lets readers go on meanwhile. PostgreSQL locks the
auction row (``SELECT … FOR UPDATE``); threads of this process first queue on
a striped lock per auction, so only one of them at a time waits in the database.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from fapai.app.audit.trail import SYSTEM
from fapai.storage.notifications import Deliver, Listener
from fapai.storage.store import SqlTx

_STRIPES = 256


class SqlDatabase:
    def __init__(self, url: str, pool_size: int = 20) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine: Engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": 30},
                pool_size=pool_size,
                max_overflow=pool_size,
            )
            event.listen(self.engine, "connect", _sqlite_on_connect)
        else:
            self.engine = create_engine(
                url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=False
            )
        self._listener: Listener | None = None
        self._sqlite_writer = threading.Lock()
        self._stripes = [threading.Lock() for _ in range(_STRIPES)]
        self._system = threading.Lock()

    @contextmanager
    def write(self, auction_id: int | None = None) -> Iterator[SqlTx]:
        if self.is_sqlite:
            lock = self._sqlite_writer
        elif auction_id is None:
            lock = self._system
        else:
            lock = self._stripes[auction_id % _STRIPES]
        with lock, self.engine.connect() as connection:
            if self.is_sqlite:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                home = SYSTEM if auction_id is None else f"auction:{auction_id}"
                tx = SqlTx(connection, lock_rows=not self.is_sqlite, home=home)
                yield tx
                tx.finish_facts()
            except BaseException:
                connection.rollback()
                raise
            connection.commit()

    @contextmanager
    def read(self) -> Iterator[SqlTx]:
        with self.engine.connect() as connection:
            if self.is_sqlite:
                connection.exec_driver_sql("BEGIN")
            try:
                yield SqlTx(connection, lock_rows=False)
            finally:
                connection.rollback()

    def deliver_events(self, deliver: Deliver) -> bool:
        """On PostgreSQL, hand every committed live event of every process to ``deliver``.

        Returns False on SQLite, where the app must publish in-process instead.
        """
        if self.is_sqlite:
            return False
        dsn = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._listener = Listener(dsn, deliver)
        return True

    def dispose(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        self.engine.dispose()


def _sqlite_on_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    # Transactions are begun by hand (BEGIN IMMEDIATE for writers), not by the driver.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives a killed process; only a power cut may lose
    # the last transactions (docs/architecture.md).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
