"""How long `inspector demo --establishments N` takes, against a raw-SQLite floor.

    .venv/bin/python bench/bench_demo.py [--sizes 10000,100000] [--seed 2018] [--cli]

For each N, in the same run: `demo.build` in-process on a fresh store (what
`inspector demo` does after opening the store), then the floor — an
executemany of N establishment-shaped rows (same columns, similar strings)
into a bare table with the store's pragmas (WAL, synchronous=FULL), one
transaction — and the floor plus the two FTS5 search indexes fed the same
haystack/grams strings, which is the part of the demo no loader can skip.
`--cli` also times the real command in a subprocess (interpreter start and
imports included). Writes bench/results/demo.json.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

from inspector_app.core import search_keys
from inspector_app.core.db import open_store
from inspector_app.core.identifiers import make_licence, make_uscc

COLUMNS = ("id", "created_at", "updated_at", "version", "server_version", "name", "category", "licence_type",
           "licence_no", "credit_code", "legal_rep", "contact_person", "phone", "address", "township_id",
           "village_id", "risk_grade", "status", "provisional")


def time_demo(folder: Path, n: int, seed: int) -> dict:
    from inspector_app.core import demo

    started = time.perf_counter()
    store = open_store(folder / "inspector.sqlite3")
    opened = time.perf_counter()
    report = demo.build(store, establishments=n, seed=seed)
    store.close()
    return {"seconds": round(time.perf_counter() - started, 2), "open_seconds": round(opened - started, 2),
            "counts": report["counts"], "bytes": (folder / "inspector.sqlite3").stat().st_size}


def time_cli(folder: Path, n: int, seed: int) -> dict:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "inspector_app", "--data-dir", str(folder), "demo",
                    "--establishments", str(n), "--seed", str(seed), "--json"],
                   check=True, capture_output=True)
    return {"seconds": round(time.perf_counter() - started, 2)}


def establishment_rows(n: int, seed: int) -> list[tuple]:
    """N rows shaped like the demo's establishment rows (strings of similar length)."""
    rng = random.Random(f"floor:{seed}")
    town = {"short": "渔阳", "name": "渔阳镇"}
    rows = []
    for k in range(n):
        _, name = common._name(rng, town)
        rows.append((f"{k:032x}", "2024-05-01 08:30:00.000000", "2024-05-01 08:30:00.000000", 1, 1, name,
                     "catering", "JY", make_licence(rng, prefix="JY", sequence=k % 1_000_000),
                     make_uscc(rng), "张建国", "张建国", "13812345678", "渔阳镇人民西大街12号",
                     "0" * 32, "1" * 32, "B", "open", 0))
    return rows


def _bare(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(f"CREATE TABLE establishment ({', '.join(COLUMNS)})")
    return connection


def time_floor(folder: Path, rows: list[tuple]) -> float:
    connection = _bare(folder / "floor.sqlite3")
    started = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(f"INSERT INTO establishment VALUES ({', '.join('?' * len(COLUMNS))})", rows)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


def time_floor_with_fts(folder: Path, rows: list[tuple]) -> float:
    """The floor plus the search rows and both FTS5 indexes, keys computed inside the timing."""
    connection = _bare(folder / "floor_fts.sqlite3")
    connection.executescript("""
        CREATE TABLE establishment_search (id INTEGER PRIMARY KEY, establishment_id, haystack, grams);
        CREATE VIRTUAL TABLE establishment_fts USING fts5(haystack, content='establishment_search',
            content_rowid='id', tokenize='trigram');
        CREATE VIRTUAL TABLE establishment_grams USING fts5(grams, content='establishment_search',
            content_rowid='id', tokenize='unicode61', detail='none');
        CREATE TRIGGER fts_ai AFTER INSERT ON establishment_search BEGIN
            INSERT INTO establishment_fts(rowid, haystack) VALUES (NEW.id, NEW.haystack);
            INSERT INTO establishment_grams(rowid, grams) VALUES (NEW.id, NEW.grams); END;""")
    search_keys.keys.cache_clear()
    started = time.perf_counter()
    search = [(row[0], search_keys.haystack(name=row[5], licence=row[8], credit_code=row[9], extra=(row[13],)),
               search_keys.grams(name=row[5], licence=row[8], credit_code=row[9])) for row in rows]
    connection.execute("BEGIN")
    connection.executemany(f"INSERT INTO establishment VALUES ({', '.join('?' * len(COLUMNS))})", rows)
    connection.executemany("INSERT INTO establishment_search (establishment_id, haystack, grams) VALUES (?, ?, ?)",
                           search)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--cli", action="store_true", help="also time the real command in a subprocess")
    parser.add_argument("--out", type=Path, default=common.RESULTS / "demo.json")
    args = parser.parse_args(argv)
    results = {}
    print(f"{'N':>9} {'demo.build s':>13} {'floor s':>9} {'floor+FTS s':>12} {'demo/floor':>11} "
          f"{'demo/floor+FTS':>15} {'inspections':>12}" + (f" {'CLI s':>7}" if args.cli else ""))
    for n in [int(s.replace("_", "")) for s in args.sizes.split(",")]:
        common.log(f"size {n:,} …")
        with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
            tmp = Path(tmp)
            (tmp / "demo").mkdir()
            demo = time_demo(tmp / "demo", n, args.seed)
            rows = establishment_rows(n, args.seed)
            floor = time_floor(tmp, rows)
            floor_fts = time_floor_with_fts(tmp, rows)
            cli = None
            if args.cli:
                (tmp / "cli").mkdir()
                cli = time_cli(tmp / "cli", n, args.seed)
            shutil.rmtree(tmp / "demo", ignore_errors=True)
        results[n] = {"demo": demo, "floor_seconds": round(floor, 3), "floor_fts_seconds": round(floor_fts, 3),
                      "demo_over_floor": round(demo["seconds"] / floor, 1),
                      "demo_over_floor_fts": round(demo["seconds"] / floor_fts, 2), "cli": cli}
        r = results[n]
        print(f"{n:>9,} {demo['seconds']:>13.2f} {floor:>9.3f} {floor_fts:>12.2f} {r['demo_over_floor']:>10.1f}× "
              f"{r['demo_over_floor_fts']:>14.2f}× {demo['counts'].get('inspections', 0):>12,}" +
              (f" {cli['seconds']:>7.2f}" if cli else ""))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": common.machine(), "seed": args.seed,
                                    "sizes": {str(n): r for n, r in results.items()}}, ensure_ascii=False, indent=2))
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
