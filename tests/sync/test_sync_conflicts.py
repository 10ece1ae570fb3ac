"""docs/sync-protocol.md §15 #16 conflicts: signed records, amendments, registry merges, orders, write checkpoint."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sync_world import clone_laptop

from inspector_app.central import admin as central_admin
from inspector_app.central import conflicts
from inspector_app.central import models as m
from inspector_app.core.models import Establishment, RectificationOrder


def record(world, entity, rid):
    with world.central.engine.connect() as c:
        return c.execute(select(m.record).where(m.record.c.entity == entity, m.record.c.id == rid)).mappings().one()


def local_establishment(laptop, eid):
    import uuid
    with laptop.store.session() as s:
        return s.get(Establishment, uuid.UUID(eid))


def test_update_of_a_signed_inspection_aborts_on_the_laptop_and_is_refused_at_central(world):
    a = world.laptop("a")
    iid = a.inspect(a.add_establishment())
    assert world.up(a)["status"] == "applied"
    world.down(a)  # acked: the next export starts after it
    with a.store.engine.connect() as c, pytest.raises(IntegrityError, match="finalized"), c.begin():
        c.exec_driver_sql("UPDATE inspection SET notes = 'x' WHERE id = ?", (iid.replace("-", ""),))
    # a laptop that forges a second, different record under the same id (triggers dropped by hand)
    with a.store.engine.connect() as c, c.begin():
        c.exec_driver_sql("DROP TRIGGER inspection_frozen_update")
        c.exec_driver_sql("UPDATE inspection SET content_sha256 = ? WHERE id = ?", ("f" * 64, iid.replace("-", "")))
        c.exec_driver_sql("INSERT INTO outbox (change_id, entity, entity_id, op, payload, changed, hlc, created_at,"
                          " state) VALUES (?, 'inspection', ?, 'update', ?, '[]', 1, '2026-01-01', 'pending')",
                          ("0" * 32, iid, '{"status": "finalized"}'))
    result = world.up(a)
    assert result["ops"]["rejected"] == 1
    assert record(world, "inspection", iid)["data"]["content_sha256"] != "f" * 64
    assert world.down(a)["rejected"] == 1
    rejected = a.outbox("rejected")
    assert len(rejected) == 1 and rejected[0][1] == "inspection"


def test_two_amendments_of_one_head_are_kept_and_flagged_hard(world):
    a = world.laptop("a")
    eid = a.add_establishment()
    head = a.inspect(eid)
    world.up(a)
    b = clone_laptop(world, a, "b")
    first = a.inspect(eid, amends_id=head)
    second = b.inspect(eid, amends_id=head)
    assert world.up(a)["status"] == "applied"
    assert world.up(b)["status"] == "applied"
    assert record(world, "inspection", first)["conflict"] == "hard"
    assert record(world, "inspection", second)["conflict"] == "hard"
    hard = [c for c in conflicts.list_conflicts(world.central, kind="hard") if c["entity"] == "inspection"]
    assert {c["entity_id"] for c in hard} == {first, second}


def synced_establishment(world, laptop, **fields):
    eid = laptop.add_establishment(**fields)
    world.up(laptop)
    world.down(laptop)
    assert local_establishment(laptop, eid).server_version == 1
    return eid


def test_disjoint_registry_edits_merge_as_soft(world):
    a = world.laptop("a")
    eid = synced_establishment(world, a, name="张三餐馆")
    central_admin.edit_record(world.central, "establishment", eid, {"legal_rep": "张三"}, by="admin")
    a.update_establishment(eid, phone="13800001111")
    world.up(a)
    rec = record(world, "establishment", eid)
    assert rec["data"]["legal_rep"] == "张三" and rec["data"]["phone"] == "13800001111"
    assert rec["conflict"] == "soft"
    world.down(a)
    mine = local_establishment(a, eid)
    assert (mine.legal_rep, mine.phone) == ("张三", "13800001111")


def test_a_stalls_paper_and_keepers_id_are_registration_data(world):
    """docs/registration-papers.md: the 备案证明 number and the keeper's ID travel up and down and, like
    the licence, are authoritative (docs/sync-protocol.md §8.2): central keeps its value, flagged hard."""
    a = world.laptop("a")
    eid = synced_establishment(world, a, name="李记烧饼摊", category="stall", licence_no="津蓟摊备〔2023〕0012号",
                               responsible_id_no="120101199003071235")
    rec = record(world, "establishment", eid)
    assert (rec["data"]["licence_no"], rec["data"]["licence_type"], rec["data"]["responsible_id_no"]) == \
        ("津蓟摊备〔2023〕0012号", "备案", "120101199003071235")
    central_admin.edit_record(world.central, "establishment", eid, {"responsible_id_no": "11010519491231002X"},
                              by="admin")
    a.update_establishment(eid, responsible_id_no="110105200001010016")
    world.up(a)
    rec = record(world, "establishment", eid)
    assert rec["data"]["responsible_id_no"] == "11010519491231002X" and rec["conflict"] == "hard"
    world.down(a)
    assert local_establishment(a, eid).responsible_id_no == "11010519491231002X"


def test_same_authoritative_field_keeps_central_and_is_hard(world):
    a = world.laptop("a")
    eid = synced_establishment(world, a, name="张三餐馆")
    central_admin.edit_record(world.central, "establishment", eid, {"name": "张三饭店"}, by="admin")
    a.update_establishment(eid, name="张三酒家")
    world.up(a)
    rec = record(world, "establishment", eid)
    assert rec["data"]["name"] == "张三饭店" and rec["conflict"] == "hard"
    hard = conflicts.list_conflicts(world.central, kind="hard")
    assert hard[0]["fields"] == ["name"] and hard[0]["detail"]["device"] == "张三酒家"
    world.down(a)
    assert local_establishment(a, eid).name == "张三饭店"
    # a person resolves it; only then does the flag clear
    for item in conflicts.list_conflicts(world.central, entity="establishment"):
        conflicts.resolve(world.central, item["id"], by="区局 王", note="营业执照为准")
    assert record(world, "establishment", eid)["conflict"] is None


def test_observational_field_last_observation_wins_and_the_loser_is_logged(world):
    a = world.laptop("a")
    eid = synced_establishment(world, a)
    a.update_establishment(eid, phone="13800000001")  # observed first on the laptop
    central_admin.edit_record(world.central, "establishment", eid, {"phone": "13800000002"}, by="clerk")
    world.up(a)
    rec = record(world, "establishment", eid)
    assert rec["data"]["phone"] == "13800000002" and rec["conflict"] == "soft"
    soft = conflicts.list_conflicts(world.central, kind="soft")
    assert soft[0]["detail"]["lost"]["phone"]["device"] == "13800000001"


def test_cancelled_at_central_beats_verified_on_the_laptop(world):
    import uuid
    a = world.laptop("a")
    eid = a.add_establishment()
    iid = a.inspect(eid, fail=["1.1", "2.1", "3.1", "4.1"])
    with a.store.session() as s:
        order = s.execute(select(RectificationOrder)).scalar_one()
        oid = str(order.id)
    world.up(a)
    central_admin.edit_record(world.central, "rectification_order", oid, {"status": "cancelled"}, by="admin")
    reinspection = a.inspect(eid)
    with a.store.write() as s:
        row = s.get(RectificationOrder, uuid.UUID(oid))
        row.status, row.reinspection_id = "verified", uuid.UUID(reinspection)
    world.up(a)
    rec = record(world, "rectification_order", oid)
    assert rec["data"]["status"] == "cancelled" and rec["conflict"] == "hard"
    assert iid


def test_downward_row_over_a_pending_local_edit_does_not_revert_it(world):
    a = world.laptop("a")
    eid = synced_establishment(world, a)
    central_admin.edit_record(world.central, "establishment", eid, {"legal_rep": "李四"}, by="admin")
    a.update_establishment(eid, phone="13811112222")  # pending, not yet sent
    result = world.down(a)
    assert result["rows"]["stashed"] == 1
    mine = local_establishment(a, eid)
    assert mine.phone == "13811112222" and mine.legal_rep is None  # nothing visible reverted
    world.up(a)
    world.down(a)
    mine = local_establishment(a, eid)
    assert (mine.phone, mine.legal_rep) == ("13811112222", "李四")
