"""docs/sync-protocol.md §15 #2 replay: same bundle twice, old ops re-wrapped, old downward bundles, another laptop."""

from pathlib import Path

from forge import db_fingerprint

from inspector_app.central import exporter as central_export
from inspector_app.central import importer as central_import
from inspector_app.central.store import bump_epoch

DOMAIN = ("record", "op_log", "record_version", "conflict")


def domain(engine):
    return {k: v for k, v in db_fingerprint(engine).items() if k in DOMAIN}


def laptop_state(laptop):
    return db_fingerprint(laptop.store.engine, skip=("audit_log", "alembic_version"))


def test_same_bundle_twice_is_a_no_op_with_the_same_receipt(world):
    a = world.laptop("a")
    a.add_establishment()
    made = a.export(world.stick())
    first = central_import.import_bundle(world.central, made["bundle"])
    before = db_fingerprint(world.central.engine)
    second = central_import.import_bundle(world.central, made["bundle"])
    assert second["status"] == "duplicate"
    assert {k: second[k] for k in ("bundle_id", "applied_through_seq", "ops")} == \
           {k: first[k] for k in ("bundle_id", "applied_through_seq", "ops")}
    assert db_fingerprint(world.central.engine) == before


def test_old_ops_rewrapped_under_a_new_bundle_id(world):
    a = world.laptop("a")
    a.add_establishment()
    one, two = a.export(world.stick()), a.export(world.stick())  # same ops, two bundle ids
    assert one["bundle_id"] != two["bundle_id"]
    assert central_import.import_bundle(world.central, one["bundle"])["status"] == "applied"
    before = domain(world.central.engine)
    result = central_import.import_bundle(world.central, two["bundle"])
    assert result["status"] == "duplicate" and result["skipped"] == two["ops"]
    assert domain(world.central.engine) == before


def test_old_downward_bundle_replayed_to_the_laptop(world):
    a = world.laptop("a")
    a.add_establishment()
    world.up(a)
    old = central_export.export_for_device(world.central, a.device_id, world.stick())
    a.add_establishment(name="王五小吃")
    world.up(a)
    assert world.down(a)["status"] == "applied"
    before = laptop_state(a)
    result = a.import_(old["bundle"])
    assert result["status"] == "rejected" and result["reason"] == "replay", result
    assert laptop_state(a) == before
    assert Path(result["file"]).parent.name == "rejected"


def test_identical_reimport_on_the_laptop_is_a_no_op(world):
    a = world.laptop("a")
    world.up(a)
    made = central_export.export_for_device(world.central, a.device_id, world.stick())
    assert a.import_(made["bundle"])["status"] == "applied"
    before = laptop_state(a)
    assert a.import_(made["bundle"])["status"] == "duplicate"
    assert laptop_state(a) == before


def test_snapshot_of_an_older_epoch_is_refused(world):
    a = world.laptop("a")
    world.up(a)
    old = central_export.export_for_device(world.central, a.device_id, world.stick(), snapshot=True)
    bump_epoch(world.central)
    assert world.down(a)["status"] == "applied"  # the new epoch's snapshot
    before = laptop_state(a)
    result = a.import_(old["bundle"])
    assert (result["status"], result["reason"]) == ("rejected", "epoch")
    assert laptop_state(a) == before


def test_bundle_for_laptop_x_on_laptop_y(world):
    x, y = world.laptop("x"), world.laptop("y")
    world.up(x)
    world.up(y)
    made = central_export.export_for_device(world.central, x.device_id, world.stick())
    before = laptop_state(y)
    result = y.import_(made["bundle"])
    assert (result["status"], result["reason"]) == ("rejected", "wrong_recipient")
    assert laptop_state(y) == before


def test_upward_bundle_is_not_imported_by_a_laptop_and_vice_versa(world):
    a = world.laptop("a")
    made = a.export(world.stick())
    assert a.import_(made["bundle"])["reason"] == "wrong_kind"
    world.up(a)
    down = central_export.export_for_device(world.central, a.device_id, world.stick())
    assert central_import.import_bundle(world.central, down["bundle"])["reason"] in ("wrong_kind", "untrusted_sender")


def test_downward_bundle_ahead_of_the_laptop_is_held_then_applied(world):
    from sqlalchemy import update

    from inspector_app.central import admin as central_admin
    from inspector_app.central import models as m
    a = world.laptop("a")
    eid = a.add_establishment()
    world.up(a)
    assert world.down(a)["status"] == "applied"  # snapshot
    world.up(a)  # reports its usn
    central_admin.edit_record(world.central, "establishment", eid, {"legal_rep": "甲"}, by="admin")
    d1 = central_export.export_for_device(world.central, a.device_id, world.stick())
    central_admin.edit_record(world.central, "establishment", eid, {"legal_rep": "乙"}, by="admin")
    with world.central.tx() as c:  # as if the laptop had reported applying d1
        c.execute(update(m.device).values(usn_reported=d1["usn_to"]))
    d2 = central_export.export_for_device(world.central, a.device_id, world.stick())
    held = a.import_(d2["bundle"])
    assert (held["status"], held["reason"]) == ("held", "gap")
    assert Path(held["file"]).parent.name == "held"
    done = a.import_(d1["bundle"])
    assert done["status"] == "applied" and done["released"] == [{"bundle_id": d2["bundle_id"], "status": "applied"}]
    with a.store.session() as s:
        rep = s.connection().exec_driver_sql("SELECT legal_rep FROM establishment WHERE id = ?",
                                             (eid.replace("-", ""),)).scalar()
    assert rep == "乙"
    assert not list((a.paths.data_dir / "sync" / "held").glob("*.fsib"))


def test_acked_rows_are_pruned_after_thirty_days(world):
    from datetime import timedelta

    from inspector_app.core.models import utcnow
    from inspector_app.core.sync.status import prune_acked, sync_status
    a = world.laptop("a")
    a.add_establishment()
    world.sync(a)
    acked = sync_status(a.store)["acked"]
    assert acked > 0
    assert prune_acked(a.store, now=utcnow() + timedelta(days=29)) == 0
    assert prune_acked(a.store, now=utcnow() + timedelta(days=31)) == acked
    a.add_establishment(name="新")
    assert a.export(world.stick())["seq_from"] == acked + 1  # seqs continue after pruning
