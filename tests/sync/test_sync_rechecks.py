"""A re-inspection's closing of an order reaches central (docs/sync-protocol.md §8.2).

Order 49 Art. 33 ¶2: the order closes only when every item it lists passes the re-inspection. Central
recomputes the re-inspection on the order's items and accepts the laptop's `closed` only with that
re-inspection; a laptop that just says `closed` is refused (the event is invalid, flagged hard). The
bureau's escalation of an overdue order (整改未完成，依法立案调查) travels up too.
"""

import uuid
from datetime import timedelta

import pytest
from factories import finalize_signed
from sqlalchemy import select

from inspector_app.central import figures
from inspector_app.central import models as m
from inspector_app.core import codes, inspections, orders, rechecks
from inspector_app.core.models import RectificationOrder

ORDER_ITEMS = ["2.1", "4.3"]


def record(world, entity, rid):
    with world.central.engine.connect() as c:
        return c.execute(select(m.record).where(m.record.c.entity == entity, m.record.c.id == rid)).mappings().one()


def op_statuses(world, entity_id):
    with world.central.engine.connect() as c:
        return [tuple(r) for r in c.execute(select(m.op.c.entity, m.op.c.status, m.op.c.reason)
                                            .where(m.op.c.entity_id == entity_id))]


def found_with_order(world):
    laptop = world.laptop("a")
    eid = laptop.add_establishment()
    laptop.inspect(eid, fail=ORDER_ITEMS)
    with laptop.store.session() as s:
        oid = str(s.execute(select(RectificationOrder)).scalar_one().id)
    world.up(laptop)
    return laptop, oid


def recheck(laptop, oid, answers) -> str:
    with laptop.store.write() as s:
        draft = rechecks.start(s, order_id=oid, inspector_ids=laptop.inspectors)
        for item_id, answer in answers.items():
            inspections.record_answer(s, draft.id, item_id=item_id, answer=answer)
        finalize_signed(s, draft.id, blobs=laptop.paths.blobs)
        return str(draft.id)


@pytest.mark.parametrize("answers, status", [
    ({"2.1": "pass", "4.3": "pass"}, "closed"),   # every listed item passes: 记录整改结果, closed at central
    ({"2.1": "pass", "4.3": "fail"}, "issued"),   # partial: open at central too, the failed recheck noted
])
def test_the_recheck_bundle_closes_the_order_at_central(world, answers, status):
    laptop, oid = found_with_order(world)
    rid = recheck(laptop, oid, answers)
    result = world.up(laptop)
    assert result["status"] == "applied", result
    held = record(world, "inspection", rid)
    assert (held["data"]["purpose"], held["data"]["recheck_of"]) == ("recheck", oid)
    order = record(world, "rectification_order", oid)
    assert order["data"]["status"] == status and order["conflict"] is None
    assert order["data"]["last_recheck_id"] == rid


def test_a_laptop_cannot_close_an_order_by_saying_so(world):
    laptop, oid = found_with_order(world)
    with laptop.store.write() as s:
        s.get(RectificationOrder, uuid.UUID(oid)).status = "closed"
    world.up(laptop)
    order = record(world, "rectification_order", oid)
    assert order["data"]["status"] == "issued" and order["conflict"] == "hard"


def test_a_recheck_answering_items_off_the_order_is_refused_at_central(world):
    laptop, oid = found_with_order(world)
    rid = recheck(laptop, oid, {"2.1": "pass", "4.3": "pass"})
    # forge the record on the wire: central must not take a 复查 of items the order does not list
    with world.central.engine.begin() as c:
        c.execute(m.record.update().where(m.record.c.entity == "rectification_order", m.record.c.id == oid)
                  .values(data={**record(world, "rectification_order", oid)["data"], "failed_items": ["2.1"]}))
    world.up(laptop)
    ((entity, reason),) = [(e, r) for e, status, r in op_statuses(world, rid) if status == "rejected"]
    assert entity == "inspection" and "not on the order: 4.3" in reason
    assert record(world, "rectification_order", oid)["data"]["status"] == "issued"


def test_escalation_reaches_central(world):
    laptop, oid = found_with_order(world)
    with laptop.store.write() as s:
        order = s.get(RectificationOrder, uuid.UUID(oid))
        orders.escalate(s, oid, today=order.deadline + timedelta(days=1), note="逾期未整改",
                        actor_id=laptop.inspectors[0])
    world.up(laptop)
    order = record(world, "rectification_order", oid)
    assert (order["data"]["status"], order["data"]["escalation_note"]) == ("escalated", "逾期未整改")
    assert order["conflict"] is None
    (row,) = figures.orders(world.central).rows  # the desk's list of open orders says so
    assert row[3] == codes.ORDER_STATUSES["escalated"].zh == "整改未完成，依法立案调查"
