"""Sync benchmarks (issue "Queued export/import bundles"): writes bench/results/sync.json.

1. Export: the same 100 new changes exported from a store that already holds ~1M rows
   (acknowledged outbox rows and establishments) and from an empty store.
   Goal: big / empty ≤ 1.2.
2. Central import throughput (whole import: verify, decrypt, check, apply, archive) in ops/s,
   against a raw SQLite executemany of the same rows into a table of the same shape, same pragmas,
   in the same run. Goal: import / raw ≥ 0.5 (issue 11; it was 0.3).

Usage: python bench/bench_sync.py [--rows 1000000] [--ops 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from inspector_app.central import admin as central_admin  # noqa: E402
from inspector_app.central import importer as central_import  # noqa: E402
from inspector_app.central.store import open_central  # noqa: E402
from inspector_app.core import catalog, district, establishments, keys  # noqa: E402
from inspector_app.core.db import open_store  # noqa: E402
from inspector_app.core.paths import AppPaths  # noqa: E402
from inspector_app.core.sync import canonical, enrolment, export  # noqa: E402


def make_laptop(root: Path, central, name: str):
    paths = AppPaths.at(root / name).ensure()
    store = open_store(paths.database)
    with store.write() as s:
        catalog.install_shipped(s)
        district.ensure_areas(s)
        keys.ensure_device_keys(s, paths.keys)
    doc = central_admin.issue_enrolment(central, device_name=name, township="渔阳镇")
    with store.write() as s:
        enrolment.enrol(s, paths.keys, canonical.dumps(doc))
    return paths, store


def fill_big(store, rows: int) -> None:
    """~rows rows: 1/5 establishments, 4/5 acknowledged outbox rows (what a year of work leaves)."""
    raw = sqlite3.connect(store.path)
    raw.execute("PRAGMA synchronous=OFF")
    township = raw.execute("SELECT id FROM area WHERE code = '120119100'").fetchone()[0]
    now = "2026-01-01 00:00:00"
    n_est = rows // 5
    raw.executemany(
        "INSERT INTO establishment (id, created_at, updated_at, version, name, category, township_id, risk_grade,"
        " status, provisional) VALUES (?, ?, ?, 1, ?, 'catering', ?, 'B', 'open', 0)",
        ((uuid.uuid4().hex, now, now, f"店{i}", township) for i in range(n_est)))
    payload = json.dumps({"id": "x", "name": "店", "category": "catering", "phone": "13800000000"})
    raw.executemany(
        "INSERT INTO outbox (change_id, entity, entity_id, op, payload, changed, hlc, created_at, state)"
        " VALUES (?, 'establishment', ?, 'update', ?, '[\"phone\"]', ?, ?, 'acked')",
        ((uuid.uuid4().hex, str(uuid.uuid4()), payload, i, now) for i in range(rows - n_est)))
    raw.execute("UPDATE sync_state SET acked_through_seq = (SELECT max(seq) FROM outbox)")
    raw.commit()
    raw.close()


def add_changes(store, n: int) -> None:
    with store.write() as s:
        for i in range(n):
            establishments.add(s, name=f"新店{i}", category="catering", township="渔阳镇", phone="13800001111")


def export_once(paths, store, out: Path) -> float:
    started = time.perf_counter()
    made = export.export_bundle(store, paths, out)
    elapsed = time.perf_counter() - started
    Path(made["bundle"]).unlink()
    assert made["ops"] == 100, made
    return elapsed


def bench_export(root: Path, central, rows: int, repeat: int) -> dict:
    empty_paths, empty = make_laptop(root, central, "empty")
    big_paths, big = make_laptop(root, central, "big")
    started = time.perf_counter()
    fill_big(big, rows)
    fill_s = time.perf_counter() - started
    for store in (empty, big):
        add_changes(store, 100)
    empties, bigs = [], []
    for _ in range(repeat):  # interleaved, so machine noise hits both alike
        empties.append(export_once(empty_paths, empty, root / "out-empty"))
        bigs.append(export_once(big_paths, big, root / "out-big"))
    t_empty, t_big = statistics.median(empties), statistics.median(bigs)
    with big.engine.connect() as c:
        total = sum(c.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in ("outbox", "establishment"))
    return {"rows_in_big_store": total, "fill_s": round(fill_s, 1), "export_empty_s": round(t_empty, 4),
            "export_big_s": round(t_big, 4), "ratio_big_over_empty": round(t_big / t_empty, 3), "goal": "<= 1.2"}


def written_rows(db: Path, since_usn: int) -> dict[str, list[tuple]]:
    """The rows an import wrote (its records and op log), exactly as stored."""
    conn = sqlite3.connect(db)
    rows = {"record": conn.execute("SELECT * FROM record WHERE usn > ?", (since_usn,)).fetchall(),
            "op_log": conn.execute("SELECT * FROM op_log").fetchall()}
    schema = [sql for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE tbl_name IN ('record', 'op_log')"
                                             " AND sql IS NOT NULL")]
    conn.close()
    return {"rows": rows, "schema": schema}


def raw_baseline(written: dict, path: Path) -> float:
    """Raw executemany of the same rows into tables of the same schema, same pragmas, one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    for sql in written["schema"]:
        conn.execute(sql)
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table, rows in written["rows"].items():
        if rows:
            conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def bench_import(root: Path, central_dir: Path, ops: int, repeat: int) -> dict:
    central = open_central(central_dir)
    paths, store = make_laptop(root, central, "importer")
    with central.engine.connect() as c:
        since = c.exec_driver_sql("SELECT value FROM central_meta WHERE name = 'usn'").scalar()
    central.close()
    add_changes(store, ops)
    made = export.export_bundle(store, paths, root / "up")
    imports, raws, written = [], [], None
    for n in range(repeat):
        folder = root / f"central-{n}"
        shutil.copytree(central_dir, folder)
        target = open_central(folder)
        started = time.perf_counter()
        result = central_import.import_bundle(target, made["bundle"])
        imports.append(time.perf_counter() - started)
        assert result["status"] == "applied", result
        target.close()
        written = written or written_rows(folder / "central.sqlite3", since)
        raws.append(raw_baseline(written, root / f"raw-{n}.sqlite3"))
    t_import, t_raw = statistics.median(imports), statistics.median(raws)
    n_rows = sum(len(r) for r in written["rows"].values())
    return {"ops": made["ops"], "bundle_bytes": made["bytes"], "import_s": round(t_import, 4),
            "import_ops_per_s": round(made["ops"] / t_import), "rows_written": n_rows,
            "raw_executemany_s": round(t_raw, 4), "raw_ops_per_s": round(made["ops"] / t_raw),
            "ratio_import_over_raw": round(t_raw / t_import, 3), "goal": ">= 0.5"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--ops", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        central_dir = root / "central"
        central_admin.init_central(central_dir, name="bench")
        central = open_central(central_dir)
        result = {"export": bench_export(root, central, args.rows, args.repeat)}
        central.close()
        result["import"] = bench_import(root, central_dir, args.ops, args.repeat)
        result["machine"] = {"python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version}
        out = ROOT / "bench" / "results" / "sync.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(json.dumps(result, indent=2, ensure_ascii=False))
        print(f"export ratio (1M rows / empty): {result['export']['ratio_big_over_empty']} (goal <= 1.2)")
        print(f"import ratio (import / raw executemany): {result['import']['ratio_import_over_raw']} (goal >= 0.5)")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
