"""Real central stores made by earlier versions open, migrate to head and keep every record.

The district's store lives for years and is upgraded in place by whichever
version opens it. Each tests/data/stores/central-*.sqlite3 was made by the
old program's own commands (make_stores.py; the README says which commit):
central init, an enrolled laptop's bundles imported, downward bundles
exported, and, where the version had them, a key rotation, a merge of
duplicates and assignments. One case per file: fingerprint every row with
plain sqlite3, open with today's open_central (SQLite, as a district
without PostgreSQL runs it), check that nothing was lost or altered and that
today's code can read and write it. Where one old build also kept its
laptop, both are upgraded and must still sync with each other.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from old_stores import MADE, lost_or_altered, names, snapshot, unpack, values

from inspector_app.central import admin, assignments, conflicts, exporter, importer
from inspector_app.central import store as central_store
from inspector_app.central.store import open_central
from inspector_app.core.db import open_store
from inspector_app.core.paths import AppPaths
from inspector_app.core.sync import device_import, export


@pytest.fixture(params=names("central"))
def old_central(request, tmp_path):
    """(name, the rows before, the district's data folder) for one old central store copied to tmp_path."""
    folder = tmp_path / "district"
    database = unpack(request.param, folder, "central.sqlite3")
    return request.param, snapshot(database), folder


def test_the_store_files_cover_every_central_schema_version():
    """Every central revision but the newest has a file made by the version whose head it was (README)."""
    from alembic.script import ScriptDirectory
    revisions = {r.revision for r in ScriptDirectory.from_config(central_store.alembic_config()).walk_revisions()}
    made = {name.split("-", 1)[1] for name in names("central")}
    assert revisions - {central_store.head()} <= made <= revisions


def test_an_old_central_store_upgrades_and_keeps_every_record(old_central, tmp_path):
    _name, before, folder = old_central
    assert before["record"].count > 400 and before["op_log"].count and before["device"].count == 1
    central = open_central(folder, None)
    try:
        assert central_store.current(central.engine) == central_store.head()
        problems = lost_or_altered(before, folder / "central.sqlite3")
        assert not problems, "\n".join(problems)
        _reads(central, before)
        _writes(central, before, tmp_path)
    finally:
        central.close()


def _reads(central, before) -> None:
    """Today's code reads the old district: laptops, conflicts, assignments, the counters."""
    (device_id, applied), = values(before, "device", "device_id", "applied_through_seq")
    assert [(d["device_id"], d["applied_through_seq"]) for d in admin.devices(central)] == [(device_id, applied)]
    assert len(conflicts.list_conflicts(central, include_resolved=True)) == before["conflict"].count
    old_assignments = [rid for entity, rid in values(before, "record", "entity", "id") if entity == "assignment"]
    assert sorted(a["id"] for a in assignments.list_assignments(central)) == old_assignments
    with central.engine.connect() as c:
        meta = {name: central_store.get_meta(c, name) for name in ("usn", "epoch", "hlc")}
    assert meta == dict(values(before, "central_meta", "name", "value"))


def _writes(central, before, tmp_path) -> None:
    """The upgraded store takes new work: an enrolment, an assignment, a downward bundle for the old laptop."""
    (device_id,), = values(before, "device", "device_id")
    doc = admin.issue_enrolment(central, device_name="升级后新电脑", township="渔阳镇")
    assert doc["grant"]["body"]["township"]
    live = [rid for entity, rid in values(before, "record", "entity", "id") if entity == "establishment"]
    made = assignments.assign(central, establishment_id=live[0], due="2027-06-01", by="升级测试",
                              township="渔阳镇")
    assert made["id"] in {a["id"] for a in assignments.list_assignments(central)}
    down = exporter.export_for_device(central, device_id, tmp_path / "down")
    assert Path(down["bundle"]).is_file() and down["usn_to"] > dict(values(before, "central_meta", "name",
                                                                             "value"))["usn"]


def test_opening_an_upgraded_central_store_again_changes_nothing(old_central):
    """The second open finds the store at head and leaves every row as it was."""
    _name, _before, folder = old_central
    open_central(folder, None).close()
    upgraded = snapshot(folder / "central.sqlite3")
    open_central(folder, None).close()
    problems = lost_or_altered(upgraded, folder / "central.sqlite3")
    assert not problems, "\n".join(problems)


PAIRS = [name for name in names("central") if MADE[name]["laptop"]]


@pytest.mark.parametrize("name", PAIRS)
def test_a_laptop_and_its_central_both_upgraded_still_sync(name, tmp_path):
    """The laptop kept by the same old build exports what it had pending; central applies it and answers."""
    laptop = AppPaths.at(tmp_path / "laptop")
    unpack(MADE[name]["laptop"], laptop.data_dir, laptop.database.name)
    unpack(name, tmp_path / "district", "central.sqlite3")
    store, central = open_store(laptop.database), open_central(tmp_path / "district", None)
    try:
        up = export.export_bundle(store, laptop, tmp_path / "stick")
        assert up["ops"] >= 1
        receipt = importer.import_bundle(central, up["bundle"])
        assert receipt["status"] == "applied", receipt
        assert receipt["ops"]["rejected"] == receipt["ops"]["quarantined"] == receipt["ops"]["held"] == 0, receipt
        down = exporter.export_for_device(central, MADE[name]["device_id"], tmp_path / "back")
        back = device_import.import_bundle(store, laptop, down["bundle"])
        assert back["status"] == "applied", back
        with store.session() as s:
            pending = s.connection().exec_driver_sql("SELECT count(*) FROM outbox WHERE state != 'acked'").scalar()
        assert pending == 0
    finally:
        store.close()
        central.close()
