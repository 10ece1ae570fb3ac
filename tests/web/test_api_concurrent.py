"""Bundles arriving at once: over HTTP and by USB together (two workers), and two servers on one PostgreSQL
database taking uploads from several laptops concurrently. Nothing is lost, nothing is applied twice.

The PostgreSQL tests need the server of the machine (127.0.0.1:5432, trust auth) and make a fresh database
of their own; they skip, saying so, only when it is not there."""

import threading
from pathlib import Path

import httpx
import pytest
from postgres import fresh_database
from sqlalchemy import func, select
from web_server import running_server

from inspector_app.central import admin as central_admin
from inspector_app.central import importer as central_import
from inspector_app.central import models as m
from inspector_app.central.store import open_central
from inspector_app.core.sync import http_sync


@pytest.fixture
def pg_url():
    with fresh_database("fsi_api") as url:
        yield url


def together(*calls):
    """Run the calls at the same moment (a barrier), each in its own thread; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(n, call):
        barrier.wait()
        try:
            results[n] = call()
        except Exception as exc:  # a failure is a result the test reports
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    return results


def put(base: str, made: dict) -> dict:
    response = httpx.put(f"{base}/api/v1/bundles/{made['bundle_id']}", content=Path(made["bundle"]).read_bytes(),
                         timeout=120)
    assert response.status_code in (200, 202), response.text
    return response.json()


def applied_once(central, laptops) -> None:
    """Every op of every laptop is in central once, in a gap-free sequence, and the device rows agree."""
    with central.engine.connect() as c:
        for laptop in laptops:
            device = laptop.device_id
            ops = c.execute(select(func.count()).select_from(m.op).where(m.op.c.device_id == device)).scalar()
            seqs = c.execute(select(func.count(func.distinct(m.op.c.seq))).where(m.op.c.device_id == device)).scalar()
            through = c.execute(select(m.device.c.applied_through_seq).where(m.device.c.device_id == device)).scalar()
            highest = laptop.outbox()[-1][0]
            assert ops == seqs == through == highest, (laptop.name, ops, seqs, through, highest)


def test_usb_and_http_at_once_with_two_workers_apply_once(world):
    a = world.laptop("a")
    eid = a.add_establishment(name="同时到达")
    a.inspect(eid)
    made = a.export(world.stick())
    world.central.close()  # the server's workers and this test's import each open the store
    with running_server(world.root / "central", workers=2) as base:
        usb = open_central(world.root / "central", migrate=False)
        try:
            results = together(lambda: central_import.import_bundle(usb, made["bundle"]),
                               lambda: put(base, made), lambda: put(base, made))
            assert sorted(r["status"] for r in results) == ["applied", "duplicate", "duplicate"], results
            applied_once(usb, [a])
            with usb.engine.connect() as c:
                rows = c.execute(select(func.count()).select_from(m.bundle)).scalar()
            assert rows == 1
        finally:
            usb.close()
    world.central = open_central(world.root / "central", migrate=False)


def test_two_servers_on_one_postgres_database_lose_and_double_nothing(world, pg_url):
    data_dir = world.root / "central"
    central_admin.init_central(data_dir, pg_url)  # the world's keys, a PostgreSQL store
    laptops = [world.laptop(f"p{n}") for n in range(4)]
    parts = {}
    for laptop in laptops:  # three bundles each, disjoint seq ranges, sent in order
        after, parts[laptop.name] = 0, []
        for k in range(3):
            for j in range(2):
                laptop.add_establishment(name=f"{laptop.name}-餐馆-{k}-{j}")
            made = laptop.export(world.stick(), after_seq=after)
            parts[laptop.name].append(made)
            after = made["seq_to"]
    with running_server(data_dir, db=pg_url, workers=2) as one, running_server(data_dir, db=pg_url) as two:

        def upload(laptop):
            statuses = []
            for made in parts[laptop.name]:  # each bundle to both servers at the same moment
                results = together(lambda made=made: put(one, made), lambda made=made: put(two, made))
                statuses.append(sorted(r["status"] for r in results))
            return statuses

        everyone = together(*[lambda laptop=laptop: upload(laptop) for laptop in laptops])
        for statuses in everyone:
            assert statuses == [["applied", "duplicate"]] * 3, everyone
        pg = open_central(data_dir, pg_url, migrate=False)
        try:
            applied_once(pg, laptops)
            with pg.engine.connect() as c:
                names = c.execute(select(m.record.c.data["name"].as_string()).where(
                    m.record.c.entity == "establishment")).scalars().all()
            assert sorted(names) == sorted(f"{lp.name}-餐馆-{k}-{j}" for lp in laptops for k in range(3)
                                           for j in range(2))
            # and the laptops get their acks back through either server
            for n, laptop in enumerate(laptops):
                result = http_sync.sync_over_http(laptop.store, laptop.paths, (one, two)[n % 2])
                assert result["downloaded"] == 1 and result["pending"] == 0, result  # first contact: it registers
                again = http_sync.sync_over_http(laptop.store, laptop.paths, (two, one)[n % 2])
                assert again == {"uploaded": 0, "downloaded": 0, "pending": 0, "changes_sent": 0}, again
            applied_once(pg, laptops)
            with laptops[3].store.session() as s:  # what one laptop registered reached another through either server
                seen = {r[0] for r in s.connection().exec_driver_sql("SELECT name FROM establishment")}
            assert {f"p0-餐馆-{k}-{j}" for k in range(3) for j in range(2)} <= seen
        finally:
            pg.close()
