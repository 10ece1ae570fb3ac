"""Central and the limits of core/limits.py: a register row beyond them is refused, that op alone.

A laptop with an older program (no limits yet) may still send a 300-character
name or one that clears a terminal. Central passes register rows down to
every laptop, so it refuses such an op, and only that op: the bundle is
applied, the rest of it too, and the ack tells the laptop why (refusing the
bundle would refuse it again with every cumulative export: a laptop blocked
for good). A finalized inspection is a signed record: central keeps it as
signed whatever its notes' length (it never flows down to other laptops).
The old program's rows are written with plain sqlite3, as it queued them.
"""

from __future__ import annotations

import json
import sqlite3

from factories import finalize_signed
from sqlalchemy import select

from inspector_app.central import models as m
from inspector_app.core import catalog, inspections


def sql(laptop, statement: str, *params) -> list:
    connection = sqlite3.connect(laptop.paths.database)
    try:
        with connection:
            return connection.execute(statement, params).fetchall()
    finally:
        connection.close()


def as_the_old_program_queued(laptop, eid: str, **fields) -> None:
    """The establishment's row and its queued insert as a program without limits wrote them."""
    for name, value in fields.items():
        sql(laptop, f"UPDATE establishment SET {name} = ?", value)
        (seq, payload), = sql(laptop, "SELECT seq, payload FROM outbox WHERE entity = 'establishment' "
                                      "AND entity_id = ? AND op = 'insert'", eid)
        sql(laptop, "UPDATE outbox SET payload = ? WHERE seq = ?", json.dumps({**json.loads(payload), name: value}),
            seq)


def central_rows(world, entity: str) -> dict:
    with world.central.engine.connect() as c:
        return {r.id: r.data for r in c.execute(select(m.record).where(m.record.c.entity == entity))}


CASES = {
    "a 300-character name": {"name": "饭" * 300},
    "a name that clears the terminal": {"name": "张三\x1b[2J餐馆"},
    "an address with a NUL": {"address": "渔阳镇\x00"},
}


def test_a_register_row_beyond_the_limits_is_refused_alone_and_the_laptop_is_told_why(world):
    a = world.laptop("a")
    bad = {case: a.add_establishment(name=f"店{n}") for n, case in enumerate(CASES)}
    for case, eid in bad.items():
        as_the_old_program_queued(a, eid, **CASES[case])
    good = a.add_establishment(name="李记面馆")
    receipt = world.up(a)
    assert receipt["status"] == "applied" and receipt["ops"]["rejected"] == len(CASES), receipt
    rows = central_rows(world, "establishment")
    assert good in rows and not set(bad.values()) & rows.keys()
    assert world.down(a)["status"] == "applied"
    reasons = dict(sql(a, "SELECT entity_id, reason FROM outbox WHERE state = 'rejected'"))
    assert set(reasons) == set(bad.values())
    assert "at most 100" in reasons[bad["a 300-character name"]]
    assert "U+001B" in reasons[bad["a name that clears the terminal"]]
    assert "U+0000" in reasons[bad["an address with a NUL"]]
    b = world.laptop("b")
    world.up(b)
    assert world.down(b)["status"] == "applied"
    names = [name for (name,) in sql(b, "SELECT name FROM establishment")]
    assert "李记面馆" in names and not any("\x1b" in name or len(name) > 100 for name in names)


def test_an_edit_of_another_field_of_an_old_row_beyond_the_limits_still_applies(world):
    a = world.laptop("a")
    eid = a.add_establishment(name="李记面馆")
    assert world.up(a)["status"] == "applied"
    sql(a, "UPDATE establishment SET address = ?", "路" * 300)  # stored before the limits, already at central
    a.update_establishment(eid, phone="13800000000")
    receipt = world.up(a)
    assert receipt["status"] == "applied" and receipt["ops"]["rejected"] == 0, receipt
    assert central_rows(world, "establishment")[eid]["phone"] == "13800000000"


def test_a_signed_record_with_a_note_beyond_the_limits_is_kept_as_signed(world):
    a = world.laptop("a")
    eid = a.add_establishment(name="李记面馆")
    with a.store.write() as s:
        inspection = inspections.start(s, establishment_id=eid, checklist_id="catering", inspector_ids=a.inspectors)
        for item in catalog.get(s, "catering").items.values():
            if item.kind == "check":
                inspections.record_answer(s, inspection.id, item_id=item.id, answer="pass")
        iid = str(inspection.id)
    sql(a, "UPDATE answer SET note = ? WHERE item_id = '1.1'", "脏" * 3000)  # the old program took any length
    with a.store.write() as s:
        finalize_signed(s, iid, blobs=a.paths.blobs)
    receipt = world.up(a)
    assert receipt["status"] == "applied" and receipt["ops"]["rejected"] == 0, receipt
    notes = [row["note"] for row in central_rows(world, "answer").values() if row["item_id"] == "1.1"]
    assert notes == ["脏" * 3000]
