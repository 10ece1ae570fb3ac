"""Store files made by earlier versions of the program (tests/data/stores), and a row-by-row fingerprint.

The upgrade tests copy a file, read every row of every table with plain
sqlite3 BEFORE the current code opens it, let open_store/open_central migrate
it, and compare: a migration may add tables, columns and rows, but every old
row must still be there, under the same primary key, with the same stored
values in every column that existed. Values are compared as SQLite stores
them (text, integer, real, blob), so a changed JSON text, a truncated string
or an integer turned into a real counts as altered.

FTS5 virtual tables and their shadow tables are derived data (a rebuild may
rewrite them): they are not compared row by row; the tests search instead.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

STORES = Path(__file__).resolve().parent / "data" / "stores"
MADE = json.loads((STORES / "made.json").read_text(encoding="utf-8"))
VERSION_TABLES = {"alembic_version", "central_alembic_version"}


def names(kind: str) -> list[str]:
    """The store files of one kind ("laptop" or "central"), oldest schema first."""
    return sorted(p.name.removesuffix(".sqlite3.gz") for p in STORES.glob(f"{kind}-*.sqlite3.gz"))


def unpack(name: str, data_dir: Path, database: str) -> Path:
    """A working copy of one old store: its file as `database` in data_dir, plus its keys and blobs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / database
    with gzip.open(STORES / f"{name}.sqlite3.gz", "rb") as packed, open(target, "wb") as out:
        shutil.copyfileobj(packed, out)
    if (STORES / f"{name}.zip").exists():
        with zipfile.ZipFile(STORES / f"{name}.zip") as zf:
            zf.extractall(data_dir)
    return target


@dataclass
class Table:
    columns: list[str]
    key: list[str]  # the primary key columns; empty: rows are compared as a multiset
    rows: dict  # key tuple -> row tuple (or row tuple -> count without a key)

    @property
    def count(self) -> int:
        return sum(self.rows.values()) if not self.key else len(self.rows)


def _read(connection, name: str, columns: list[str], key: list[str]) -> dict:
    quoted = ", ".join(f'"{c}"' for c in columns)
    rows = connection.execute(f'SELECT {quoted} FROM "{name}"').fetchall()
    if not key:
        counted: dict = {}
        for row in rows:
            counted[row] = counted.get(row, 0) + 1
        return counted
    at = [columns.index(c) for c in key]
    return {tuple(row[i] for i in at): row for row in rows}


def _tables(connection) -> dict[str, tuple[list[str], list[str]]]:
    master = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in master if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    found = {}
    for name, _sql in master:
        if name in VERSION_TABLES or name in virtual or any(name.startswith(f"{v}_") for v in virtual):
            continue
        info = connection.execute(f'PRAGMA table_info("{name}")').fetchall()
        columns = [row[1] for row in info]
        key = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        found[name] = (columns, key)
    return found


def snapshot(database: Path) -> dict[str, Table]:
    """Every row of every (non-virtual) table, read with plain sqlite3."""
    connection = sqlite3.connect(database)
    try:
        return {name: Table(columns, key, _read(connection, name, columns, key))
                for name, (columns, key) in _tables(connection).items()}
    finally:
        connection.close()


def lost_or_altered(before: dict[str, Table], database: Path, limit: int = 8) -> list[str]:
    """What the upgrade lost or changed, in words; empty when every old row is intact."""
    connection = sqlite3.connect(database)
    problems: list[str] = []
    try:
        now = _tables(connection)
        for name, old in before.items():
            if name not in now:
                problems.append(f"table {name} ({old.count} rows) is gone")
                continue
            gone = [c for c in old.columns if c not in now[name][0]]
            if gone:
                problems.append(f"{name}: columns {gone} are gone")
                continue
            rows = _read(connection, name, old.columns, old.key)
            if not old.key:
                short = {row: n - rows.get(row, 0) for row, n in old.rows.items() if rows.get(row, 0) < n}
                problems += [f"{name}: row {row} lost or altered" for row in list(short)[:limit]]
                continue
            for key, row in old.rows.items():
                new = rows.get(key)
                if new is None:
                    problems.append(f"{name} {dict(zip(old.key, key, strict=True))}: row lost")
                elif new != row:
                    diff = {c: (_short(a), _short(b)) for c, a, b in zip(old.columns, row, new, strict=True) if a != b}
                    problems.append(f"{name} {dict(zip(old.key, key, strict=True))}: altered {diff}")
                if len(problems) >= limit:
                    return problems
    finally:
        connection.close()
    return problems


def _short(value, width: int = 100) -> str:
    text = repr(value)
    return text if len(text) <= width else text[:width] + "…"


def values(before: dict[str, Table], table: str, *columns: str) -> list[tuple]:
    """Some columns of an old table's rows, as they were before the upgrade."""
    if table not in before:
        return []
    old = before[table]
    at = [old.columns.index(c) for c in columns]
    rows = old.rows.values() if old.key else old.rows.keys()
    return sorted(tuple(row[i] for i in at) for row in rows)
