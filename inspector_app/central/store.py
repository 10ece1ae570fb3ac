"""The central store: open by URL (SQLite file by default, PostgreSQL in production), migrate, counters.

Folders beside it in the data folder: central-keys/ (private keys, owner-only),
central/blobs/ (photos by SHA-256), central/held/, central/rejected/ and
central/archive/ (every imported bundle is kept as evidence).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import repeat
from operator import is_, itemgetter
from pathlib import Path

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, create_engine, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from ..core import migrate
from ..core.db import make_engine as make_sqlite_engine
from ..core.errors import StoreError
from ..core.sync import scratch
from . import keys as central_keys
from . import models as m

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "central_alembic_version"


def now() -> datetime:
    return datetime.now(UTC)


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{Path(data_dir) / 'central.sqlite3'}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if path not in ("", ":memory:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        return make_sqlite_engine(path or ":memory:")
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return create_engine(url, pool_pre_ping=True)


def alembic_config(connection=None):
    return migrate.alembic_config(connection, MIGRATIONS)


def head() -> str:
    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert found is not None  # the package ships its migrations; none at all is a broken install
    return found


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    if revision == "head" and current(engine) == head():
        return
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        raw = connection.connection.driver_connection
        assert raw is not None  # None only once a connection is invalidated; this one was just opened
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            command.upgrade(alembic_config(connection), revision)
        if sqlite:
            raw.execute("PRAGMA foreign_keys=ON")


@dataclass
class Central:
    """An open central store. Pass it down; methods are safe to call from worker threads."""

    engine: Engine
    data_dir: Path
    _keys: central_keys.CentralKeys | None = field(default=None, repr=False)

    @property
    def postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "central-keys"

    @property
    def keys(self) -> central_keys.CentralKeys:
        if self._keys is None:
            self._keys = central_keys.load_keys(self.keys_dir)
        return self._keys

    def reload_keys(self) -> None:
        self._keys = None

    def folder(self, name: str) -> Path:
        path = self.data_dir / "central" / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    @contextmanager
    def tx(self, lock: str | None = None, *, cache_mib: int | None = None):
        """One write transaction: BEGIN IMMEDIATE on SQLite; an advisory lock per `lock` on PostgreSQL.
        `cache_mib`: SQLite's page cache may grow to this size for the transaction (a bundle's import: its
        pages are then written once, at the commit, not spilled and rewritten), and is set back after it."""
        engine = self.engine if self.postgres else self.engine.execution_options(sqlite_begin="IMMEDIATE")
        try:
            with engine.connect() as connection, _page_cache(connection, None if self.postgres else cache_mib), \
                    connection.begin():
                if lock and self.postgres:
                    key = int.from_bytes(hashlib.sha256(lock.encode()).digest()[:8], "big", signed=True)
                    connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
                yield connection
        except DBAPIError as exc:
            if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
                from ..core.errors import SyncUnavailable
                raise SyncUnavailable("central.busy") from None
            raise

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def _page_cache(connection, mib: int | None):
    """SQLite's cache_size raised to `mib` MiB on this pooled connection while inside, then set back."""
    if not mib:
        yield
        return
    raw = connection.connection.driver_connection  # outside SQLAlchemy's transaction: a pragma, not a statement
    before = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size={-int(mib) * 1024}")
    try:
        yield
    finally:
        with suppress(sqlite3.Error):  # a connection broken by the error at hand is discarded by the pool anyway
            raw.execute(f"PRAGMA cache_size={int(before)}")


def open_central(data_dir: Path, url: str | None = None, *, migrate: bool = True) -> Central:
    data_dir = Path(data_dir)
    url = url or default_url(data_dir)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists() and not migrate:
        raise StoreError("central.no_store", url=url)
    try:
        engine = make_engine(url)
        if not migrate and current(engine) is None:
            raise StoreError("central.no_store", url=url)
        upgrade(engine)  # an existing store is brought to this program's schema
    except DBAPIError as exc:
        raise StoreError("central.cannot_open", url=url, detail=str(exc.orig)) from None
    for leftovers in ("tmp", "outgoing"):  # decrypted or unencrypted data of an import or export killed mid-way
        scratch.sweep(data_dir / "central" / leftovers)
    return Central(engine=engine, data_dir=data_dir)


# Counters

def next_usn(connection, count: int = 1) -> int:
    """Reserve `count` update sequence numbers from the single counter row; returns the last one."""
    return connection.execute(text("UPDATE central_meta SET value = value + :n WHERE name = 'usn' "
                                   "RETURNING value"), {"n": count}).scalar_one()


def get_meta(connection, name: str) -> int:
    return connection.execute(select(m.meta.c.value).where(m.meta.c.name == name)).scalar_one()


def observe_hlc(connection, hlc: int) -> None:
    connection.execute(text("UPDATE central_meta SET value = CASE WHEN value < :h THEN :h ELSE value END "
                            "WHERE name = 'hlc'"), {"h": hlc})


def next_hlc(connection) -> int:
    wall = int(time.time() * 1000) << 16
    return connection.execute(text("UPDATE central_meta SET value = CASE WHEN value + 1 > :w THEN value + 1 "
                                   "ELSE :w END WHERE name = 'hlc' RETURNING value"), {"w": wall}).scalar_one()


def bump_epoch(central: Central) -> int:
    """Start a new epoch: every laptop gets a snapshot next time (after a restore, say)."""
    with central.tx() as connection:
        return connection.execute(text("UPDATE central_meta SET value = value + 1 WHERE name = 'epoch' "
                                       "RETURNING value")).scalar_one()


def ensure_meta(connection) -> None:
    have = set(connection.execute(select(m.meta.c.name)).scalars())
    for name, value in (("usn", 0), ("epoch", 1), ("hlc", 0)):
        if name not in have:
            connection.execute(insert(m.meta).values(name=name, value=value))


def put_record(connection, entity: str, rid: str, data: dict, *, usn: int, source: str = "central",
               change_id: str | None = None, ref: str | None = None) -> bool:
    """Create a record if missing (central-authored data such as areas and checklists); True if new."""
    exists = connection.execute(select(m.record.c.id).where(m.record.c.entity == entity,
                                                             m.record.c.id == rid)).first()
    if exists:
        return False
    connection.execute(insert(m.record).values(entity=entity, id=rid, data=data, server_version=1, usn=usn,
                                               deleted=False, origin=source, ref=ref, field_hlc={},
                                               conflict=None, incomplete=False, updated_at=now()))
    connection.execute(insert(m.record_version).values(entity=entity, id=rid, server_version=1,
                                                       changed=sorted(data), source=source, change_id=change_id,
                                                       at=now()))
    return True


def touch_device(connection, device_id: str, **values) -> None:
    connection.execute(update(m.device).where(m.device.c.device_id == device_id).values(**values))


try:  # optional accelerator for the bulk writers' JSON columns; falls back to json on anything unusual
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]  # mypy cannot type an optional import

if orjson is not None:
    _ORJSON_OPTS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS

    def _json(value) -> str:
        """Compact JSON text, as json.dumps(ensure_ascii=False, separators=(",", ":")) gives (key order kept;
        a float may be spelled differently, e.g. 1e-7, but reads back the same). Used only for the import's
        records and op log, whose JSON values come from the strict reader (no NaN/Infinity) or are ints and
        strings; subclasses, datetimes, dataclasses, non-str keys and huge ints are left to json as before."""
        try:
            return orjson.dumps(value, option=_ORJSON_OPTS).decode("utf-8")
        except (TypeError, orjson.JSONEncodeError):
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
else:  # pragma: no cover
    def _json(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_or_none(value):
    return None if value is None else _json(value)


def _json_column(values: list) -> list:
    """_json_or_none of each value, in one pass when no value needs json's fallback."""
    if orjson is not None:
        dumps, options = orjson.dumps, _ORJSON_OPTS
        try:
            return [None if v is None else dumps(v, option=options).decode("utf-8") for v in values]
        except (TypeError, orjson.JSONEncodeError):
            pass  # one value needs json: each value takes _json's own path
    return list(map(_json_or_none, values))


def _processors(dialect, columns):
    """Per column: a value → parameter function (compact JSON; datetimes as the column's own bind processor)."""
    out = []
    for column in columns:
        if isinstance(column.type, JSON):
            out.append(_json_or_none)
            continue
        out.append(column.type.bind_processor(dialect))
    return out


def _params(names, procs, rows: list[dict], sqlite: bool = False) -> list[tuple]:
    """Parameter tuples for executemany, built column by column."""
    cols = [list(map(itemgetter(name), rows)) for name in names]
    for i, proc in enumerate(procs):
        col = cols[i]
        first = col[0]
        if proc is None:
            # the sqlite3 module would adapt each datetime (say) itself; one shared object is adapted once,
            # by the very adapter sqlite3 would use
            adapter = sqlite and sqlite3.adapters.get((type(first), sqlite3.PrepareProtocol))
            if adapter and all(map(is_, col, repeat(first))):
                cols[i] = [adapter(first)] * len(col)
            continue
        if proc is _json_or_none:
            if first is None and col.count(None) == len(col):
                continue  # e.g. the payload of applied ops: kept only for ops not applied
            cols[i] = _json_column(col)
        elif all(map(is_, col, repeat(first))):
            # import rows share one timestamp object: process it once
            cols[i] = [proc(first)] * len(col)
        else:
            cols[i] = list(map(proc, col))
    return list(zip(*cols, strict=True))


def _mark(dialect) -> str:
    return "?" if dialect.paramstyle == "qmark" else "%s"


def bulk_insert(connection, table, rows: list[dict]) -> None:
    """executemany straight to the driver, with each column's own bind processing (JSON, datetimes)."""
    if not rows:
        return
    columns = [c for c in table.columns if c.name in rows[0]]
    names, procs = [c.name for c in columns], _processors(connection.dialect, columns)
    mark = _mark(connection.dialect)
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([mark] * len(columns))})"
    connection.exec_driver_sql(sql, _params(names, procs, rows, connection.dialect.name == "sqlite"))


def insert_tuples(connection, table, names: tuple[str, ...], rows: list[tuple]) -> None:
    """executemany of rows already in parameter form (JSON as text, datetimes bound), in `names` order:
    the import's op log is built this way in one pass, with no per-row dict or column pass."""
    if rows:
        mark = _mark(connection.dialect)
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))})"
        connection.exec_driver_sql(sql, rows)


def bind_value(connection, column, value):
    """`value` as the column's own bind processing makes it (JSON as compact text, a datetime as SQLite's)."""
    if isinstance(column.type, JSON):
        return _json_or_none(value)
    proc = column.type.bind_processor(connection.dialect)
    if proc is not None:
        return proc(value)
    # none: the driver adapts it per row; on SQLite done here once, by the very adapter sqlite3 would use
    adapter = connection.dialect.name == "sqlite" and sqlite3.adapters.get((type(value), sqlite3.PrepareProtocol))
    return adapter(value) if adapter else value


def bulk_update(connection, table, keys: tuple[str, ...], rows: list[dict]) -> None:
    """executemany UPDATE ... WHERE key columns match, bypassing per-row statement compilation."""
    if not rows:
        return
    columns = [c for c in table.columns if c.name in rows[0] and c.name not in keys]
    ordered = columns + [table.c[k] for k in keys]
    mark = _mark(connection.dialect)
    sql = (f"UPDATE {table.name} SET {', '.join(f'{c.name} = {mark}' for c in columns)} "
           f"WHERE {' AND '.join(f'{k} = {mark}' for k in keys)}")
    connection.exec_driver_sql(sql, _params([c.name for c in ordered], _processors(connection.dialect, ordered), rows,
                                             connection.dialect.name == "sqlite"))


def _id_lists(connection, ids: list):
    """(what goes inside `IN (...)`, its parameters) per query over `ids`. On SQLite one query takes the ids as
    one JSON array (json_each): one parameter bound instead of one per id, and no statement per 500; elsewhere
    500 at a time."""
    mark = _mark(connection.dialect)
    if connection.dialect.name == "sqlite":
        if ids:
            yield f"SELECT value FROM json_each({mark})", (_json(ids),)
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        yield ", ".join([mark] * len(chunk)), tuple(chunk)


def existing_ids(connection, table, scope_col: str, scope, id_col: str, ids: list) -> list:
    """Which of `ids` have a row with scope_col = scope."""
    mark = _mark(connection.dialect)
    found: list = []
    for inside, params in _id_lists(connection, ids):
        sql = f"SELECT {id_col} FROM {table.name} WHERE {scope_col} = {mark} AND {id_col} IN ({inside})"
        found.extend(row[0] for row in connection.exec_driver_sql(sql, (scope, *params)))
    return found


def first_clash(connection, table, id_col: str, ids: list, other_col: str, other):
    """(id, other_col value) of a row whose id_col is in `ids` and other_col differs from `other`, or None."""
    mark = _mark(connection.dialect)
    for inside, params in _id_lists(connection, ids):
        sql = (f"SELECT {id_col}, {other_col} FROM {table.name} WHERE {id_col} IN ({inside}) "
               f"AND {other_col} != {mark} LIMIT 1")
        row = connection.exec_driver_sql(sql, (*params, other)).first()
        if row is not None:
            return row
    return None
