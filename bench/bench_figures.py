"""The district desk's three tables over a year of a district: writes bench/results/figures.json.

Builds (once, cached under bench/results/cache/) a central store holding N finalized inspections
(default 100k) as the importer stores them: `record` documents for establishments (one per 5
inspections), users, inspections with two inspectors each, their answers (--answers per
inspection, ~6% failed), rectification orders for the failing ones; 1% of inspections are amended,
0.5% of establishments merged into another, some orders closed. Dates spread over the 365 days up to
today (China time). Then times, median of --repeat runs each, in the same process:

- figures.progress (month/year × township/inspector), figures.results (this year), figures.orders
  (open, overdue only), each a whole call: SQL, rows to Python, the Table, counted afresh (the cache of
  figures.py cleared) — and, beside it, the same call again on an unchanged store (served from the cache);
- the baseline: a bare `SELECT COUNT(*) FROM record WHERE entity = 'inspection'` on the same table,
  and the same count filtered on a JSON field (the cheapest query that reads every document).

Usage: python bench/bench_figures.py [--inspections 100000] [--answers 10] [--repeat 5] [--db URL]
(--db: a PostgreSQL URL of an empty database; the store is built there, not cached).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from common import CACHE, RESULTS, log, machine  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from inspector_app.central import admin as central_admin  # noqa: E402
from inspector_app.central import figures  # noqa: E402
from inspector_app.central import models as m  # noqa: E402
from inspector_app.central.store import bulk_insert, open_central  # noqa: E402
from inspector_app.core import district  # noqa: E402
from inspector_app.core.errors import StoreError  # noqa: E402

LOADER_VERSION = 1
BATCH = 5_000
RESULT_MIX = (("compliant", 0.62), ("basically_compliant", 0.30), ("non_compliant", 0.08))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


class Loader:
    """Writes record rows in batches with the store's own bulk writer (as an import does)."""

    def __init__(self, connection):
        self.c, self.rows, self.usn = connection, [], 0
        self.now = datetime.now(UTC)

    def add(self, entity: str, rid: str, data: dict, *, ref: str | None = None) -> None:
        self.usn += 1
        self.rows.append({"entity": entity, "id": rid, "data": data, "server_version": 1, "usn": self.usn,
                          "deleted": False, "origin": "bench", "ref": ref, "field_hlc": {}, "conflict": None,
                          "incomplete": False, "updated_at": self.now})
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        bulk_insert(self.c, m.record, self.rows)
        self.rows = []


def build(central, n: int, answers: int, seed: int = 2026) -> None:
    rng = random.Random(f"figures:{seed}")
    today = figures.china_today()
    townships = [f"{district.DISTRICT_CODE}{suffix}" for _, suffix, *_ in district.TOWNSHIPS]
    started = time.perf_counter()
    with central.tx() as c:
        load = Loader(c)
        users = []
        for k in range(max(20, n // 1500)):
            uid = str(uuid.uuid4())
            users.append(uid)
            load.add("user", uid, {"id": uid, "name": f"检查员{k:03d}", "role": "inspector", "active": True,
                                   "credential_no": f"B{k:06d}", "township_id": rng.choice(townships)})
        establishments = []
        for k in range(max(10, n // 5)):
            eid = str(uuid.uuid4())
            establishments.append(eid)
            load.add("establishment", eid, {
                "id": eid, "name": f"第{k}号餐馆", "category": rng.choice(["catering", "food_sales", "unit_canteen",
                                                                         "stall", "school_canteen"]),
                "township_id": rng.choice(townships), "status": "open", "merged_into": None, "risk_grade": "B"})
        for eid in rng.sample(establishments, len(establishments) // 200):  # merged duplicates
            c.execute(m.record.update().where(m.record.c.entity == "establishment", m.record.c.id == eid)
                      .values(data={"id": eid, "name": "重复", "category": "catering", "status": "merged",
                                    "township_id": townships[0], "merged_into": establishments[0]}))
        load.flush()
        previous = None
        kinds = [r for r, _ in RESULT_MIX]
        weights = [w for _, w in RESULT_MIX]
        for k in range(n):
            iid = str(uuid.uuid4())
            ended = datetime.combine(today - timedelta(days=rng.randint(0, 364)), datetime.min.time(),
                                     figures.CHINA) + timedelta(minutes=rng.randint(480, 1080))
            result = rng.choices(kinds, weights)[0]
            eid = rng.choice(establishments)
            amends = None
            if previous and rng.random() < 0.01:  # an amendment of an earlier inspection (that one stays stored)
                amends = previous
            load.add("inspection", iid, {
                "id": iid, "status": "finalized", "establishment_id": eid, "checklist_id": "catering",
                "checklist_version": 1, "ended_at": _iso(ended), "finalized_at": _iso(ended), "result": result,
                "handling": "pass" if result == "compliant" else "rectify", "amends_id": amends,
                "content_sha256": f"{k:064x}"}, ref=amends)
            for position, uid in enumerate(rng.sample(users, 2), start=1):
                lid = str(uuid.uuid4())
                load.add("inspection_inspector", lid, {"id": lid, "inspection_id": iid, "user_id": uid,
                                                       "position": position}, ref=iid)
            failed = []
            for item in range(answers):
                aid = str(uuid.uuid4())
                verdict = "fail" if result != "compliant" and (item < 2 or rng.random() < 0.05) else "pass"
                if verdict == "fail":
                    failed.append(f"{item + 1}.1")
                load.add("answer", aid, {"id": aid, "inspection_id": iid, "item_id": f"{item + 1}.1",
                                         "answer": verdict, "value": None, "note": None}, ref=iid)
            if failed:
                oid = str(uuid.uuid4())
                deadline = ended.astimezone(figures.CHINA).date() + timedelta(days=rng.choice((3, 7, 15)))
                status = rng.choices(["issued", "verified", "closed", "overdue"], [0.3, 0.3, 0.3, 0.1])[0]
                load.add("rectification_order", oid, {
                    "id": oid, "inspection_id": iid, "establishment_id": eid, "failed_items": failed,
                    "deadline": deadline.isoformat(), "status": status, "number": None,
                    "created_at": _iso(ended), "events": []})
            previous = iid
            if k % 20_000 == 19_999:
                log(f"  {k + 1:,} / {n:,} inspections, {time.perf_counter() - started:.0f} s")
        load.flush()
    if central.postgres:
        with central.engine.begin() as c:
            c.execute(text("ANALYZE record"))
    else:
        with central.engine.begin() as c:
            c.exec_driver_sql("ANALYZE")


def timed(call, repeat: int) -> dict:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return {"median_ms": round(1000 * statistics.median(seconds), 1), "min_ms": round(1000 * min(seconds), 1)}


def open_store(args):
    if args.db:
        folder = Path(args.db_folder or (CACHE / "figures-pg"))
        try:
            central = open_central(folder, args.db, migrate=False)
        except StoreError:
            central_admin.init_central(folder, args.db)
            central = open_central(folder, args.db)
        with central.engine.connect() as c:
            have = c.execute(select(func.count()).select_from(m.record)
                             .where(m.record.c.entity == "inspection")).scalar()
        if not have:
            build(central, args.inspections, args.answers)
        return central
    folder = CACHE / f"figures-{args.inspections}-a{args.answers}-v{LOADER_VERSION}"
    if not (folder / "central.sqlite3").exists() or args.rebuild:
        import shutil
        shutil.rmtree(folder, ignore_errors=True)
        log(f"building a central store of {args.inspections:,} inspections in {folder} …")
        started = time.perf_counter()
        central_admin.init_central(folder, name="蓟州区")
        central = open_central(folder)
        build(central, args.inspections, args.answers)
        log(f"  built in {time.perf_counter() - started:.0f} s")
        return central
    return open_central(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inspections", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=10, help="answer rows per inspection")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", help="a PostgreSQL URL (an empty database) instead of the cached SQLite store")
    parser.add_argument("--db-folder", help="the data folder (keys) for --db")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    central = open_store(args)
    today = figures.china_today()
    R = m.record
    bare = select(func.count()).select_from(R).where(R.c.entity == "inspection")
    scan = select(func.count()).select_from(R).where(R.c.entity == "inspection",
                                                     R.c.data["status"].as_string() == "finalized")

    def count(query):
        with central.engine.connect() as c:
            return c.execute(query).scalar()

    calls = {
        "progress month/township": lambda: figures.progress(central, period="month", by="township", today=today),
        "progress year/township": lambda: figures.progress(central, period="year", by="township", today=today),
        "progress month/inspector": lambda: figures.progress(central, period="month", by="inspector", today=today),
        "progress year/inspector": lambda: figures.progress(central, period="year", by="inspector", today=today),
        "results this year": lambda: figures.results(central, today=today),
        "orders open": lambda: figures.orders(central, today=today),
        "orders overdue": lambda: figures.orders(central, overdue_only=True, today=today),
    }
    out = {"machine": machine(), "backend": central.engine.dialect.name, "inspections": count(bare),
           "records": count(select(func.count()).select_from(R)), "answers_per_inspection": args.answers,
           "repeat": args.repeat, "timings": {}}
    for call in calls.values():  # warm the database's pages once, as a page served twice would
        figures.clear_cache()
        call()
    out["baseline"] = {"bare count": timed(lambda: count(bare), args.repeat),
                       "count reading every document": timed(lambda: count(scan), args.repeat)}
    rows = {}
    for name, call in calls.items():
        out["timings"][name] = timed(lambda call=call: (figures.clear_cache(), call()), args.repeat)
        out["timings"][name]["unchanged_store_ms"] = timed(call, args.repeat)["median_ms"]
        rows[name] = len(call().rows)
    out["baseline_again"] = {"bare count": timed(lambda: count(bare), args.repeat)}  # the load drifts
    base = statistics.mean([out["baseline"]["bare count"]["median_ms"],
                            out["baseline_again"]["bare count"]["median_ms"]])
    docs = out["baseline"]["count reading every document"]["median_ms"]
    print(f"{out['backend']}: {out['inspections']:,} inspections, {out['records']:,} records; "
          f"bare count {base:.1f} ms, count reading every document {docs:.1f} ms")
    print(f"{'table':28} {'rows':>6} {'median ms':>10} {'÷ bare count':>13} {'÷ document count':>17} "
          f"{'unchanged store ms':>19}")
    for name, timing in out["timings"].items():
        timing["ratio_to_bare_count"] = round(timing["median_ms"] / base, 1) if base else None
        timing["ratio_to_document_count"] = round(timing["median_ms"] / docs, 2) if docs else None
        timing["rows"] = rows[name]
        print(f"{name:28} {rows[name]:>6} {timing['median_ms']:>10.1f} {timing['ratio_to_bare_count']:>12}× "
              f"{timing['ratio_to_document_count']:>16}× {timing['unchanged_store_ms']:>19.1f}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"figures-{out['backend']}.json"
    target.write_text(json.dumps(out, indent=2, ensure_ascii=False))
    log(f"written to {target}")
    central.close()


if __name__ == "__main__":
    main()
