"""docs/sync-protocol.md §15 #5 on PostgreSQL: the same bundle through two workers at once applies exactly once, and the
same ops in two bundles apply once. Runs against the PostgreSQL server of the machine (127.0.0.1:5432,
trust auth) in a fresh database made for the test."""

import threading

import pytest
from postgres import fresh_database
from sqlalchemy import func, select

from inspector_app.central import admin as central_admin
from inspector_app.central import importer as central_import
from inspector_app.central import models as m
from inspector_app.central.store import open_central


@pytest.fixture
def pg_url():
    with fresh_database("fsi_sync") as url:
        yield url


def run_together(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(n, call):
        barrier.wait()
        results[n] = call()

    threads = [threading.Thread(target=worker, args=(n, c)) for n, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def test_two_workers_same_bundle_and_same_ops_on_postgres(world, pg_url):
    # a central on PostgreSQL, using the same keys as the world's SQLite central
    data_dir = world.root / "central"
    central_admin.init_central(data_dir, pg_url)
    pg = open_central(data_dir, pg_url)
    pg2 = open_central(data_dir, pg_url)
    try:
        a = world.laptop("a")
        eid = a.add_establishment(name="并发餐馆")
        a.inspect(eid)
        first = a.export(world.stick())["bundle"]
        results = run_together(lambda: central_import.import_bundle(pg, first),
                               lambda: central_import.import_bundle(pg2, first))
        assert sorted(r["status"] for r in results) == ["applied", "duplicate"], results
        a.update_establishment(eid, phone="13800001234")
        one, two = a.export(world.stick())["bundle"], a.export(world.stick())["bundle"]  # same ops, two ids
        results = run_together(lambda: central_import.import_bundle(pg, one),
                               lambda: central_import.import_bundle(pg2, two))
        assert sorted(r["status"] for r in results) == ["applied", "duplicate"], results
        with pg.engine.connect() as c:
            ops = c.execute(select(func.count()).select_from(m.op)).scalar()
            seqs = c.execute(select(func.count(func.distinct(m.op.c.seq))).select_from(m.op)).scalar()
            applied = c.execute(select(m.device.c.applied_through_seq)).scalar()
            phone = c.execute(select(m.record.c.data).where(m.record.c.id == eid)).scalar()["phone"]
        assert ops == seqs == applied
        assert phone == "13800001234"
        # the same conflict rules and downward export work on PostgreSQL
        from inspector_app.central import exporter as central_export
        made = central_export.export_for_device(pg, a.device_id, world.stick())
        assert a.import_(made["bundle"])["status"] == "applied"
        assert a.outbox("pending") == []
    finally:
        pg.close()
        pg2.close()
