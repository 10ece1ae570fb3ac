"""Open a store: one SQLite file, migrated to the newest schema before use.

Pragmas: WAL, synchronous=FULL (legal records), foreign keys, a busy timeout.
Transactions are real: the pysqlite driver's own BEGIN handling is switched
off and SQLAlchemy emits BEGIN (or BEGIN IMMEDIATE for writers) itself.

A full disk is one StoreError, `store.disk_full`, wherever the store is used
(core/disk.py): opening, migrating, reading, a write's statements or its
commit. The transaction rolls back, so the store stays as it was; only a file
that is not a database, or a damaged one, is called unusable.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError

from . import disk, outbox
from .errors import StoreError
from .migrate import upgrade

logger = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 10_000


def make_engine(path: Path | str) -> Engine:
    url = "sqlite://" if str(path) == ":memory:" else f"sqlite:///{path}"
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def report_full_disk(engine: Engine, folder: Path) -> None:
    """Make every SQLite error of `engine` that means a full disk a StoreError("store.disk_full")."""

    @event.listens_for(engine, "handle_error")
    def _full(context):
        if disk.is_disk_full(context.original_exception, folder):
            raise disk.disk_full(folder)


def prewarm() -> None:
    """Import the query layer the first screens use, ahead of need (the desktop calls this on its
    store worker while the user types the password, so the status bar's first count is quick)."""
    from .sync import pending  # noqa: F401 - SQLAlchemy's query builder and the outbox model


@dataclass
class Store:
    """The open store: an engine plus session factories. Pass it down; never a global."""

    path: Path
    engine: Engine

    @property
    def folder(self) -> Path:
        """The data folder (the database's, the blobs' and the keys' disk)."""
        return self.path.parent

    def session(self) -> outbox.DeviceSession:
        """A session for reading (and light writing); BEGIN is deferred."""
        return outbox.DeviceSession(self.engine, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[outbox.DeviceSession]:
        """One write transaction (BEGIN IMMEDIATE): commits on success, rolls back on error."""
        session = outbox.DeviceSession(self.engine.execution_options(sqlite_begin="IMMEDIATE"),
                                        expire_on_commit=False)
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            if isinstance(exc, OSError) and disk.is_disk_full(exc):  # a file written with the rows
                raise disk.disk_full(self.folder) from exc
            raise
        finally:
            session.close()

    def checkpoint(self) -> bool:
        """Fold the WAL back into the database file (after a big write); False when the disk is too full
        to grow the file: the WAL keeps every committed change and SQLite checkpoints again later."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except StoreError as exc:
            if exc.code != "store.disk_full":
                raise
            return False
        return True

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path | str) -> Store:
    """Open (creating if needed) and migrate the store at `path`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError("store.cannot_create_folder", path=str(path), detail=str(exc)) from None
    engine = make_engine(path)
    report_full_disk(engine, path.parent)
    try:
        upgrade(engine)
    except StoreError:
        engine.dispose()
        raise
    except (sqlite3.DatabaseError, DatabaseError) as exc:
        engine.dispose()
        detail = str(getattr(exc, "orig", exc))
        if disk.is_io_error(exc):  # the drive's trouble: nothing to restore
            raise StoreError("store.io_error", path=str(path), detail=detail) from None
        raise StoreError("store.unusable", path=str(path), detail=detail) from None
    return Store(path=path, engine=engine)
