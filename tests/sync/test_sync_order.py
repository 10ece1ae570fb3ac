"""docs/sync-protocol.md §15 #4 reorder and #6 loss/gap: held then applied; schedules that drop, duplicate and reorder
bundles converge to the in-order result once everything is delivered."""

import itertools
import shutil
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from inspector_app.central import conflicts
from inspector_app.central import importer as central_import
from inspector_app.central import models as m
from inspector_app.central.store import now, open_central


def chunks(world, laptop, n=4):
    """n non-cumulative bundles (each the ops since the previous one) plus one cumulative bundle."""
    out, last = [], 0
    eid = laptop.add_establishment(name="店0")
    for k in range(n):
        laptop.update_establishment(eid, phone=f"1380000{k:04d}")
        laptop.add_establishment(name=f"店{k + 1}")
        if k % 2:
            laptop.update_establishment(eid, address=f"路{k}号")
        made = laptop.export(world.stick(), after_seq=last)
        out.append(made["bundle"])
        last = made["seq_to"]
    cumulative = laptop.export(world.stick())["bundle"]
    return out, cumulative


def records(central):
    with central.engine.connect() as c:
        return sorted((r.entity, r.id, repr(sorted(r.data.items())), r.server_version, r.conflict)
                      for r in c.execute(select(m.record).where(m.record.c.entity.in_(("establishment", "user")))))


def fresh_central(world, name):
    folder = world.root / name
    shutil.copytree(world.root / "central", folder, ignore=shutil.ignore_patterns("*-wal", "*-shm"))
    return open_central(folder)


@pytest.fixture
def prepared(world):
    a = world.laptop("a")
    bundles, cumulative = chunks(world, a)
    world.central.close()
    reference = fresh_central(world, "reference")
    for path in bundles:
        assert central_import.import_bundle(reference, path)["status"] == "applied"
    expected = records(reference)
    reference.close()
    return world, bundles, cumulative, expected


def test_every_permutation_of_four_bundles_converges(prepared):
    world, bundles, _, expected = prepared
    for n, order in enumerate(itertools.permutations(range(4))):
        if n % 3:  # 8 of the 24 orders keep the run short; hypothesis below covers the rest
            continue
        central = fresh_central(world, f"perm{n}")
        statuses = [central_import.import_bundle(central, bundles[i])["status"] for i in order]
        assert statuses[0] == ("applied" if order[0] == 0 else "held")
        assert records(central) == expected, order
        with central.engine.connect() as c:
            assert c.execute(select(m.bundle.c.status).where(m.bundle.c.status == "held")).first() is None
        central.close()


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(schedule=st.lists(st.integers(0, 3), max_size=8), tail=st.permutations(range(4)),
       use_cumulative=st.booleans())
def test_drop_duplicate_reorder_schedules_converge(prepared, schedule, tail, use_cumulative):
    world, bundles, cumulative, expected = prepared
    name = f"h{abs(hash((tuple(schedule), tuple(tail), use_cumulative)))}"
    central = fresh_central(world, name)
    try:
        for i in schedule:
            assert central_import.import_bundle(central, bundles[i])["status"] in ("applied", "held", "duplicate")
        final = [cumulative] if use_cumulative else [bundles[i] for i in tail]
        for path in final:
            central_import.import_bundle(central, path)
        assert records(central) == expected
    finally:
        central.close()
        shutil.rmtree(world.root / name, ignore_errors=True)


def test_a_lost_bundle_is_healed_by_the_next_cumulative_one(world):
    a = world.laptop("a")
    a.add_establishment(name="甲")
    lost = a.export(world.stick())  # never arrives
    a.add_establishment(name="乙")
    later = a.export(world.stick(), after_seq=lost["seq_to"])
    assert central_import.import_bundle(world.central, later["bundle"])["status"] == "held"
    healed = central_import.import_bundle(world.central, a.export(world.stick())["bundle"])
    assert healed["status"] == "applied"
    assert [r["status"] for r in healed["released"]] == ["duplicate"]
    names = sorted(r[2] for r in records(world.central) if r[0] == "establishment")
    assert len(names) == 2


def test_permanent_gap_alerts_after_five_days_and_an_admin_can_force(world):
    a = world.laptop("a")
    eid = a.add_establishment(name="甲")
    lost = a.export(world.stick())
    a.update_establishment(eid, phone="13800001111")
    later = a.export(world.stick(), after_seq=lost["seq_to"])
    held = central_import.import_bundle(world.central, later["bundle"])
    assert held["status"] == "held" and held["reason"] == "gap"
    assert (world.central.data_dir / "central" / "held" / later["bundle"].rsplit("/", 1)[1]).exists()
    assert central_import.check_gaps(world.central, at=now() + timedelta(days=4)) == []
    alerts = central_import.check_gaps(world.central, at=now() + timedelta(days=6))
    assert [x["bundle_id"] for x in alerts] == [later["bundle_id"]]
    assert central_import.check_gaps(world.central, at=now() + timedelta(days=7)) == []  # once
    forced = central_import.force_held(world.central, later["bundle_id"], by="区局管理员")
    assert forced["status"] == "applied"
    with world.central.engine.connect() as c:
        flagged = c.execute(select(m.record.c.conflict).where(m.record.c.entity == "establishment",
                                                              m.record.c.id == eid)).scalar()
    assert flagged == "gap"
    # the lost ops arrive after all: applied late, flagged, nothing duplicated
    late = central_import.import_bundle(world.central, lost["bundle"])
    assert late["status"] == "applied"
    assert any(r["kind"] == "gap" for r in conflicts.list_conflicts(world.central))
