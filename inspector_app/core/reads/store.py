"""Open the store read-only for one command, and read its column types without SQLAlchemy.

Only a store at schema HEAD is read here; an older one (or a file that is not
a store) goes to core.db.open_store, which migrates it or explains. The
connection is read-only (`mode=ro`, `query_only`) and reads one snapshot
(one transaction), so a desktop writing at the same time is never blocked and
never half-seen: WAL lets readers and one writer work side by side.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import overload

from ..migrate import HEAD

BUSY_TIMEOUT_MS = 10_000  # as core.db: wait out a checkpoint rather than fail


def open_readonly(path: Path | str) -> sqlite3.Connection | None:
    """The store at `path`, read-only, or None when it is not at schema HEAD (or not a store)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA query_only=ON")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:  # not a database, or no version table yet
        row = None
    if row is None or row[0] != HEAD:
        connection.close()
        return None
    return connection


@contextmanager
def reading(path: Path | str) -> Iterator[sqlite3.Connection | None]:
    """One read transaction on the store at `path`; None when open_readonly() declines."""
    connection = open_readonly(path)
    if connection is None:
        yield None
        return
    try:
        connection.execute("BEGIN")
        yield connection
    finally:
        connection.close()  # ends the read transaction; nothing was written


def dbapi(source) -> sqlite3.Connection:
    """The sqlite3 connection under an ORM session (in its transaction), or `source` when it is one."""
    if isinstance(source, sqlite3.Connection):
        return source
    return source.connection().connection.driver_connection


@overload
def utc(text: str) -> datetime: ...


@overload
def utc(text: None) -> None: ...


def utc(text: str | None) -> datetime | None:
    """A stored timestamp (naive UTC text, as models.UTCDateTime writes it) as an aware datetime."""
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def dashed(hex_id: str | None) -> str | None:
    """A stored id (32 hex digits) as people and the JSON output write it: with dashes."""
    return None if hex_id is None else str(uuid.UUID(hex_id))


def json_value(stored):
    """A JSON column's value; SQL NULL and JSON null both read as None. The column's numeric
    affinity keeps a JSON number as an SQLite number, which reads as itself (as SQLAlchemy's)."""
    if stored is None or isinstance(stored, (int, float)):
        return stored
    return json.loads(stored)
