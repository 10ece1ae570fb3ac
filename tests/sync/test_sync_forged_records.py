"""docs/sync-protocol.md §15 #18: a laptop's owner re-signs a bundle whose finalized record was changed.

The laptop's key proves who sent a record, not what the rules decide: central recomputes the content hash
and the result, handling, case filing, pass rate and deadline from the answers with the checklist version
named. A record that disagrees is not applied (the op is refused with `record_mismatch` and an alarm for a
person); every other table is unchanged, the laptop learns of the refusal in its next ack and its later
ops apply. The genuine bundle applies.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from forge import db_fingerprint, resign_ops
from sqlalchemy import select
from test_sync_order import fresh_central

from inspector_app.central import apply as central_apply
from inspector_app.central import importer as central_import
from inspector_app.central import models as m
from inspector_app.central import store as central_store
from inspector_app.core import inspections
from inspector_app.core.keys import load_device_keys

RECEIPTS = ("op_log", "imported_bundle", "alert")  # what an import records about the bundle itself
MOMENT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def finalized(world):
    """Laptop a's establishment already at central; then one inspection with a failed general item (2.1)."""
    a = world.laptop("a")
    eid = a.add_establishment(name="张三餐馆")
    assert world.sync(a)[1]["status"] == "applied"
    iid = a.inspect(eid, fail=("2.1",))
    made = a.export(world.stick())
    return world, a, iid, Path(made["bundle"])


def sign_key(laptop):
    with laptop.store.session() as s:
        return load_device_keys(s, laptop.paths.keys).sign


def rehash(record: dict) -> None:
    record["inspection"]["content_sha256"] = inspections.record_hash(record["inspection"], record["parts"])


def result_changed(record):
    record["inspection"].update(result="compliant")
    rehash(record)


def result_changed_hash_kept(record):
    record["inspection"].update(result="compliant", handling="pass", rectification_deadline=None)


def handling_changed(record):
    record["inspection"].update(handling="pass")
    rehash(record)


def case_filing_changed(record):
    record["inspection"].update(case_filing=True)
    rehash(record)


def deadline_changed(record):
    record["inspection"]["rectification_deadline"] = "2099-01-01"


def hash_changed(record):
    record["inspection"]["content_sha256"] = "0" * 64


def answer_changed_under_the_original_hash(record):
    next(row for row in record["parts"]["answer"] if row["item_id"] == "2.1")["answer"] = "pass"


def answer_given_twice(record):
    twin = dict(next(row for row in record["parts"]["answer"] if row["item_id"] == "2.1"), answer="pass")
    record["parts"]["answer"].insert(0, {**twin, "id": "00000000-0000-7000-8000-000000000001"})
    rehash(record)


def fixed_on_the_spot_afterwards(record):
    """Order 49 Art. 33 ¶2 claimed after the fact: the answers then give no written order, hence no deadline."""
    next(row for row in record["parts"]["answer"] if row["item_id"] == "2.1").update(
        fixed_on_spot=True, fix_note="当场整改")
    rehash(record)


def affects_safety_added(record):
    """Art. 33 ¶3 marked, the case filing left out."""
    next(row for row in record["parts"]["answer"] if row["item_id"] == "2.1")["affects_safety"] = True
    rehash(record)


def unknown_rules_edition(record):
    record["inspection"]["rules_edition"] = 7
    rehash(record)


def malformed_parts(record):
    record["parts"]["evidence"][0]["role"] = None  # cannot be sorted with the others' roles
    record["parts"]["answer"][0]["item_id"] = ["2.1"]


def unknown_checklist_version(record):
    record["inspection"]["checklist_version"] = 99
    rehash(record)


FORGERIES = {
    "result changed": (result_changed, "result 'compliant', the answers give 'basically_compliant'"),
    "result changed, hash kept": (result_changed_hash_kept, "content_sha256 is not the hash of the record"),
    "handling changed": (handling_changed, "handling 'pass', the answers give 'rectify'"),
    "case filing changed": (case_filing_changed, "case_filing True, the answers give False"),
    "deadline changed": (deadline_changed, "rectification_deadline '2099-01-01'"),
    "content hash changed": (hash_changed, "content_sha256 is not the hash of the record"),
    "answer changed under the original hash": (answer_changed_under_the_original_hash,
                                               "content_sha256 is not the hash of the record"),
    "an item answered twice": (answer_given_twice, "an item is answered twice"),
    "unknown checklist version": (unknown_checklist_version, "unknown checklist version catering@99"),
    "malformed parts": (malformed_parts, "the record cannot be checked: TypeError"),
    "a fix on the spot added afterwards": (fixed_on_the_spot_afterwards, "rectification_deadline"),
    "affects safety added, no case": (affects_safety_added, "case_filing False, the answers give True"),
    "unknown rules edition": (unknown_rules_edition, "rules_edition 7 is not an edition"),
}


def forge(world, a, path: Path, edit, tmp_path) -> Path:
    def edit_ops(ops):
        record = next(op for op in ops if op["op"] == "finalize")["payload"]
        edit(record)
    return resign_ops(path, tmp_path / path.name, world.central, sign_key(a), edit_ops)


def rows(central, table):
    with central.engine.connect() as c:
        return [dict(r) for r in c.execute(select(table)).mappings()]


def withheld(ops):
    """The control: the same bundle with the finalize op replaced by a content-free marker."""
    op = next(op for op in ops if op["op"] == "finalize")
    op.update(op="withheld", payload=None, changed=[], base_server_version=None)


@pytest.mark.parametrize("case", list(FORGERIES))
def test_a_forged_record_is_refused_with_an_alarm(finalized, tmp_path, monkeypatch, case):
    """Against a control central that got the same bundle without the record: every table but the
    import's receipts is byte-identical (the rectification order the laptop issued is its own op)."""
    world, a, iid, path = finalized
    edit, why = FORGERIES[case]
    forged = forge(world, a, path, edit, tmp_path)
    control = resign_ops(path, tmp_path / "control.fsib", world.central, sign_key(a), withheld)
    world.central.close()  # checkpointed, so the copies hold everything
    centrals = {"forged": fresh_central(world, "forged"), "control": fresh_central(world, "control")}
    for module in (central_import, central_apply, central_store):
        monkeypatch.setattr(module, "now", lambda: MOMENT)
    op_rows_before = len(rows(centrals["forged"], m.op))

    result = central_import.import_bundle(centrals["forged"], forged)
    checked = central_import.import_bundle(centrals["control"], control)
    assert checked["status"] == "applied" and checked["ops"]["rejected"] == 0, checked

    assert result["status"] == "applied" and result["ops"]["rejected"] == 1, result
    assert db_fingerprint(centrals["forged"].engine, skip=RECEIPTS) == \
        db_fingerprint(centrals["control"].engine, skip=RECEIPTS)
    assert not any(r["entity"] in ("inspection", "answer", "evidence", "inspection_inspector")
                   for r in rows(centrals["forged"], m.record))
    refused = [r for r in rows(centrals["forged"], m.op)[op_rows_before:] if r["status"] == "rejected"]
    assert [r["entity_id"] for r in refused] == [iid] and refused[0]["reason"].startswith("record_mismatch: ")
    assert why in refused[0]["reason"] and refused[0]["payload"]  # kept for the person who reviews it
    alarms = [al for al in rows(centrals["forged"], m.alert) if al["kind"] == "alarm"]
    assert [al["detail"]["reason"] for al in alarms] == ["record_mismatch"]
    assert alarms[0]["detail"]["inspection_id"] == iid and any(why in p for p in alarms[0]["detail"]["problems"])
    for central in centrals.values():
        central.close()


def test_the_genuine_record_applies(finalized):
    world, a, iid, path = finalized
    result = central_import.import_bundle(world.central, path)
    assert result["status"] == "applied" and result["ops"]["rejected"] == 0, result
    record = next(r for r in rows(world.central, m.record) if r["entity"] == "inspection")
    assert record["id"] == iid and record["data"]["result"] == "basically_compliant"
    assert record["data"]["rectification_deadline"] is not None
    assert not [al for al in rows(world.central, m.alert) if al["kind"] == "alarm"]


def test_genuine_records_of_every_kind_apply(world):
    """A hazard with two key failures (立即停止, case filing), a weighed number and a choice, an amendment:
    central's recomputation agrees with the laptop's for each (no false alarm)."""
    from factories import answer_all, finalize_signed

    from inspector_app.core import catalog
    a = world.laptop("a")
    eid = a.add_establishment(name="实验小学食堂", category="school_canteen")
    with a.store.write() as s:
        form = catalog.get(s, "school_canteen")
        keys = [i.id for i in form.items.values() if i.key and i.kind == "check"][:2]
        insp = inspections.start(s, establishment_id=eid, checklist_id="school_canteen", inspector_ids=a.inspectors)
        answer_all(s, insp.id, form, fail=keys, values={"10.1": "contracted", "10.8": 97.5})
        inspections.set_hazard(s, insp.id, hazard=True)
        finalize_signed(s, insp.id, blobs=a.paths.blobs)
        first = (str(insp.id), insp.result, insp.handling, insp.case_filing)
    assert first[1:] == ("non_compliant", "stop", True)
    amended = a.inspect(a.add_establishment(name="王五饭店"), fail=("2.1", "2.2", "4.3"))
    with a.store.write() as s:
        draft = inspections.start_amendment(s, amended)
        inspections.record_answer(s, draft.id, item_id="2.1", answer="pass")
        finalize_signed(s, draft.id, blobs=a.paths.blobs)
    result = world.up(a)
    assert result["status"] == "applied" and result["ops"]["rejected"] == 0, result
    ids = {r["id"] for r in rows(world.central, m.record) if r["entity"] == "inspection"}
    assert ids == {first[0], amended, str(draft.id)}
    assert not [al for al in rows(world.central, m.alert) if al["kind"] == "alarm"]


def test_a_refused_record_does_not_block_the_laptop(finalized, tmp_path):
    """The refusal comes back in the ack (the inspector sees it); the laptop's next changes apply."""
    world, a, iid, path = finalized
    world.central.close()  # checkpointed, so the copy holds everything
    pristine = fresh_central(world, "pristine")
    forged = forge(world, a, path, result_changed, tmp_path)
    assert central_import.import_bundle(world.central, forged)["ops"]["rejected"] == 1
    assert world.down(a)["status"] == "applied"
    with a.store.session() as s:
        state, reason = s.connection().exec_driver_sql(
            "SELECT state, reason FROM outbox WHERE entity = 'inspection' AND op = 'update' "
            "ORDER BY seq DESC LIMIT 1").one()
    assert state == "rejected" and reason.startswith("record_mismatch")
    assert a.outbox("pending") == []
    a.add_establishment(name="李四小吃")
    later = world.up(a)
    assert later["status"] == "applied" and later["ops"]["applied"] == 1, later
    # the bundle as the laptop made it was never at fault
    assert central_import.import_bundle(pristine, path)["ops"]["applied"] >= 1
    assert json.dumps(rows(pristine, m.record), default=str).count(iid) >= 1
    pristine.close()


def test_a_record_with_a_fix_on_the_spot_a_case_and_a_hazard_applies_with_its_marks(world):
    """Order 49 Arts. 31–33 on one record: central recomputes the laptop's edition-2 outcome and keeps the
    marks, the fix's photo and the edition as sent."""
    from factories import answer_all, finalize_signed, photo_png

    from inspector_app.core import catalog, evidence
    a = world.laptop("a")
    eid = a.add_establishment(name="李四饭店")
    with a.store.write() as s:
        insp = inspections.start(s, establishment_id=eid, checklist_id="catering", inspector_ids=a.inspectors)
        answer_all(s, insp.id, catalog.get(s, "catering"), fail=("2.1", "5.2", "5.4"))
        inspections.record_answer(s, insp.id, item_id="5.2", answer="fail", fixed_on_spot=True, fix_note="当场清理")
        inspections.record_answer(s, insp.id, item_id="5.4", answer="fail", affects_safety=True)
        evidence.attach(s, a.paths.blobs, inspection_id=insp.id, source=photo_png(), item_id="5.2", role="fix")
        inspections.set_hazard(s, insp.id, hazard=True)
        finalize_signed(s, insp.id, blobs=a.paths.blobs)
        assert (insp.handling, insp.case_filing, insp.rules_edition) == ("stop", True, 2)
    result = world.up(a)
    assert result["status"] == "applied" and result["ops"]["rejected"] == 0, result
    kept = {(r["entity"], r["data"].get("item_id")): r["data"] for r in rows(world.central, m.record)
            if r["ref"] == str(insp.id) or r["id"] == str(insp.id)}
    assert kept[("inspection", None)]["rules_edition"] == 2 and kept[("inspection", None)]["handling"] == "stop"
    assert (kept[("answer", "5.2")]["fixed_on_spot"], kept[("answer", "5.2")]["fix_note"]) == (True, "当场清理")
    assert kept[("answer", "5.4")]["affects_safety"] is True
    assert kept[("evidence", "5.2")]["role"] == "fix"
    assert not [al for al in rows(world.central, m.alert) if al["kind"] == "alarm"]
