"""The machine's PostgreSQL for the tests that must run on it (127.0.0.1:5432, trust auth, user postgres):
a fresh database per use, dropped afterwards. Where no server answers, the test is skipped and says so;
that is the only reason to skip."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import pytest

ADMIN = "postgresql://postgres@127.0.0.1:5432/test"


@contextlib.contextmanager
def fresh_database(prefix: str = "fsi") -> Iterator[str]:
    """A new empty database's URL (skips the test when no PostgreSQL answers); dropped on the way out."""
    import psycopg
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(ADMIN, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at 127.0.0.1:5432 ({exc}); this test needs a real one")
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
