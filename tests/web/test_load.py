"""A bounded load test on loopback: the fleet's laptops (tests/fleet.py) upload all their bundles at once to
a real `inspector central serve` with two workers, at most 50 requests in flight; some responses are lost
and the bundle sent again. Afterwards every op is in central exactly once, every receipt says applied or
duplicate, and no answer was a 5xx.

INSPECTOR_LOAD_LAPTOPS / INSPECTOR_LOAD_BUNDLES set the size (200 × 3 by default, 200 × 20 the full
fleet); the first run builds the fleet (minutes) and caches it. The PostgreSQL variant needs the server
of the machine (127.0.0.1:5432, trust auth) and skips, saying so, only when it is not there.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from fleet import Fleet, fleet
from fleet_client import Run, upload_fleet
from postgres import fresh_database
from sqlalchemy import func, select
from web_server import running_server

from inspector_app.central import models as m
from inspector_app.central.store import open_central

pytestmark = pytest.mark.slow
CONCURRENCY = 50


@pytest.fixture(scope="module")
def the_fleet() -> Fleet:
    # 200 laptops × 3 bundles (every laptop at once) keeps the suite within its budget on 2 cores (the fleet is
    # built on a fresh machine first, ~40 s); INSPECTOR_LOAD_BUNDLES=20 is the
    # full fleet (about 130 s here, see bench/README.md "Bundles over HTTP"). Its first bundles come
    # from the same cached 200 × 20 fleet when the benchmark has built it.
    laptops = int(os.environ.get("INSPECTOR_LOAD_LAPTOPS", 200))
    return fleet(laptops, int(os.environ.get("INSPECTOR_LOAD_BUNDLES", 3)))


def lost_responses(the_fleet: Fleet) -> tuple[set[str], set[str]]:
    """Bundles whose receipt is lost (sent again) and whose connection is cut (sent again): one laptop in
    seven has one of each, its first, a middle and its last bundle among them."""
    resend, drop = set(), set()
    for n, bundles in enumerate(the_fleet.laptops):
        if n % 7 == 0:
            resend.add(bundles[(n // 7) % len(bundles)].bundle_id)
            resend.add(bundles[-1].bundle_id)
        elif n % 7 == 3:
            drop.add(bundles[(n // 7) % len(bundles)].bundle_id)
    return resend, drop


def check_answers(run: Run, the_fleet: Fleet, resend: set[str], drop: set[str]) -> None:
    codes = Counter(a.status_code for a in run.answers)
    assert set(codes) == {200}, (codes, [a.receipt for a in run.answers if a.status_code != 200][:3])
    first = [a for a in run.answers if a.attempt == "first"]
    assert len(first) == len(the_fleet.bundles) - len(drop)
    assert all(a.receipt["status"] == "applied" for a in first), \
        Counter(a.receipt["status"] for a in first)
    again = run.receipts("resend")
    assert len(again) == len(resend) and all(a.receipt["status"] == "duplicate" for a in again)
    after_drop = run.receipts("after_drop")
    assert len(after_drop) == len(drop) == run.dropped
    # the cut-off request may have been imported before the retry came, or not yet: either is right
    assert {a.receipt["status"] for a in after_drop} <= {"applied", "duplicate"}
    for a in run.answers:
        assert (a.receipt["bundle_id"], a.receipt["device_id"]) == (a.bundle.bundle_id, a.bundle.device_id)


def check_central(data_dir: Path, the_fleet: Fleet, url: str | None = None) -> None:
    central = open_central(data_dir, url)
    try:
        with central.engine.connect() as c:
            change_ids = list(c.execute(select(m.op.c.change_id)).scalars())
            assert len(change_ids) == the_fleet.ops, "every op once: none lost, none doubled"
            assert set(change_ids) == the_fleet.change_ids()
            assert set(c.execute(select(m.op.c.status)).scalars()) <= {"applied", "noop"}
            bundles = dict(c.execute(select(m.bundle.c.status, func.count()).group_by(m.bundle.c.status)).all())
            assert bundles == {"applied": len(the_fleet.bundles)}
            assert c.execute(select(func.count()).select_from(m.rejected_file)).scalar() == 0
            through = dict(c.execute(select(m.device.c.device_id, m.device.c.applied_through_seq)).all())
            assert through == {laptop[-1].device_id: laptop[-1].seq_to for laptop in the_fleet.laptops}
            records = dict(c.execute(select(m.record.c.entity, func.count()).where(
                m.record.c.entity.in_(("establishment", "inspection"))).group_by(m.record.c.entity)).all())
            # each bundle brought one new establishment and one finalized inspection of it
            assert records == {"establishment": len(the_fleet.bundles), "inspection": len(the_fleet.bundles)}
    finally:
        central.close()


def report(run: Run, the_fleet: Fleet, label: str) -> None:
    print(f"\n{label}: {len(the_fleet.laptops)} laptops × {len(the_fleet.laptops[0])} bundles, "
          f"{the_fleet.ops:,} ops in {run.seconds:.1f} s: {len(the_fleet.bundles) / run.seconds:.1f} bundles/s, "
          f"{the_fleet.ops / run.seconds:,.0f} ops/s; {len(run.answers)} answers, {run.dropped} cut off, "
          f"{run.busy} busy (503) retried")


def test_fleet_uploads_at_once_on_sqlite(tmp_path, the_fleet):
    data_dir = the_fleet.fresh_central(tmp_path / "district")
    resend, drop = lost_responses(the_fleet)
    with running_server(data_dir, workers=2) as base:
        run = upload_fleet(base, the_fleet, concurrency=CONCURRENCY, resend=resend, drop=drop)
    report(run, the_fleet, "SQLite, 2 workers")
    check_answers(run, the_fleet, resend, drop)
    check_central(data_dir, the_fleet)
    # SQLite takes one writer at a time: an upload that waited longer than the store's busy timeout is
    # answered 503 with Retry-After (central/web/api.py), and the laptop sends it again, as its client does.
    # Never a 500, never a 503 that does not say when to come back.
    assert set(run.busy_codes) <= {"central.busy"}, run.busy_codes



@pytest.fixture
def pg_url():
    with fresh_database("fsi_load") as url:
        yield url


def test_fleet_uploads_at_once_on_postgres(tmp_path, the_fleet, pg_url):
    from inspector_app.central import admin as central_admin

    data_dir = the_fleet.fresh_central(tmp_path / "district")  # the fleet's keys and grants …
    central_admin.init_central(data_dir, pg_url)  # … over a fresh PostgreSQL store
    resend, drop = lost_responses(the_fleet)
    with running_server(data_dir, db=pg_url, workers=2) as base:
        run = upload_fleet(base, the_fleet, concurrency=CONCURRENCY, resend=resend, drop=drop)
    report(run, the_fleet, "PostgreSQL, 2 workers")
    check_answers(run, the_fleet, resend, drop)
    check_central(data_dir, the_fleet, pg_url)
    assert run.busy == 0, "PostgreSQL has no store-wide write lock to be busy on"
