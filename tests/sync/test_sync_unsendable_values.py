"""A laptop whose store already holds NaN upgrades (migration 0007), exports, and central imports it.

Before 0007 an answers file could give an answer the value NaN or Infinity
(Python's json reads them); core stored it, and from then on every export
stopped at "Out of range float values are not JSON compliant": nothing left
the laptop. The store here is built as that code left it: the rows it wrote,
written with plain sqlite3 into a store made by today's code, the version
label set back to 0006. Finalizing goes through core, which hashed the
record with the NaN in it, as the inspectors signed it.

After the upgrade: a draft's bad values are cleared, one audit row each; a
finalized record is not rewritten (SQL triggers forbid it, and it is what
was signed) but goes out with the value as its stored text under
`value_as_text` (docs/sync-protocol.md §7.3); a register change queued with
NaN goes out with null, as SQLite stored it. Central applies the bundle.
"""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
from factories import answer_all, finalize_signed, fingerprint
from sqlalchemy import select

from inspector_app.central import models as m
from inspector_app.core import catalog, inspections, migrate, rules
from inspector_app.core.db import open_store
from inspector_app.core.sync import export


def hexid(value) -> str:
    return uuid.UUID(str(value)).hex


def sql(laptop, statement: str, *params) -> list:
    connection = sqlite3.connect(laptop.paths.database)
    try:
        with connection:
            return connection.execute(statement, params).fetchall()
    finally:
        connection.close()


def store_as_before_0007(laptop, inspection_id, values: dict[str, tuple[str, str]]) -> None:
    """What the old code wrote for an answers file giving these items {item: (answer, value text)}: the answer
    row's JSON column holds the text Python's json wrote (NaN), and so does the outbox row of the change."""
    for item, (answer, text) in values.items():
        sql(laptop, "UPDATE answer SET answer = ?, value = ? WHERE inspection_id = ? AND item_id = ?",
            answer, text, hexid(inspection_id), item)
        (answer_id,) = sql(laptop, "SELECT id FROM answer WHERE inspection_id = ? AND item_id = ?",
                           hexid(inspection_id), item)[0]
        sql(laptop, "UPDATE outbox SET payload = replace(replace(payload, '\"value\": null', ?), "
                    "'\"answer\": \"pass\"', ?) WHERE entity = 'answer' AND entity_id = ?",
            f'"value": {text}', f'"answer": "{answer}"', str(uuid.UUID(answer_id)))


def draft(laptop, eid) -> str:
    with laptop.store.write() as s:
        inspection = inspections.start(s, establishment_id=eid, checklist_id="catering",
                                       inspector_ids=laptop.inspectors)
        answer_all(s, inspection.id, catalog.get(s, "catering"))
        return str(inspection.id)


# What the migrations after 0006 added (0007 is the migration under test and leaves no column): dropped by hand,
# with the guards first (SQLite checks triggers when it changes a table); the upgrade puts all of it back.
LATER_TABLES = ("sealing_list", "holiday_schedule", "number_block")
LATER_COLUMNS = {"sync_enrolment": ("district",), "establishment": ("responsible_id_no",),
                 "inspection": ("deadline_estimated", "rules_edition", "purpose", "recheck_of"),
                 "answer": ("fixed_on_spot", "fix_note", "affects_safety"),
                 "rectification_order": ("item_deadlines", "last_recheck_id", "escalated_at", "escalated_by",
                                         "escalation_note")}


@pytest.fixture(autouse=True)
def rules_of_0006(monkeypatch):
    """The records these stores hold were made as a laptop at 0006 made them: rules edition 1, no purpose."""
    monkeypatch.setattr(rules, "EDITION", 1)
    monkeypatch.setattr(inspections, "_purpose", lambda purpose, recheck_of: None)


def reopen_at_0006(laptop) -> None:
    """The store as 0006 left it; the laptop's number blocks (0014) are put back after the upgrade."""
    blocks = sql(laptop, "SELECT * FROM number_block")
    laptop.store.close()
    for (name,) in sql(laptop, "SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        sql(laptop, f'DROP TRIGGER "{name}"')
    for table in LATER_TABLES:
        sql(laptop, f"DROP TABLE {table}")
    for table, columns in LATER_COLUMNS.items():
        for column in columns:
            sql(laptop, f"ALTER TABLE {table} DROP COLUMN {column}")
    sql(laptop, "UPDATE alembic_version SET version_num = '0006'")
    laptop.store = open_store(laptop.paths.database)
    for row in blocks:
        sql(laptop, f"INSERT INTO number_block VALUES ({', '.join('?' * len(row))})", *row)


def test_a_store_holding_nan_upgrades_exports_and_central_imports_it(world):
    a = world.laptop("a")
    eid = a.add_establishment(name="张三餐馆")
    sql(a, "UPDATE outbox SET payload = replace(payload, '\"legal_rep\": null', '\"legal_rep\": NaN') "
           "WHERE entity = 'establishment'")  # establishments.add(legal_rep=float('nan')) from a script
    signed = draft(a, eid)
    deep = "[" * 30 + "]" * 30  # central's reader stops past 32 levels: this op never went in
    store_as_before_0007(a, signed, {"1.1": ("pass", "NaN"), "2.1": ("na", "Infinity"), "3.1": ("pass", deep)})
    with a.store.write() as s:
        finalize_signed(s, signed, blobs=a.paths.blobs)
    open_draft = draft(a, eid)
    store_as_before_0007(a, open_draft, {"1.1": ("pass", "NaN"), "2.2": ("na", "-Infinity"),
                                         "3.2": ("pass", '"a\\udc00"')})
    before = fingerprint(a.paths.database)
    (sha,) = sql(a, "SELECT content_sha256 FROM inspection WHERE id = ?", hexid(signed))[0]

    reopen_at_0006(a)

    assert migrate.current(a.store.engine) == migrate.HEAD
    after = fingerprint(a.paths.database)
    assert {t for t in before if before[t] != after[t]} == {"answer", "audit_log", "outbox"}
    kept = sql(a, "SELECT item_id, answer, value FROM answer WHERE inspection_id = ? AND value != 'null' "
                  "ORDER BY item_id", hexid(signed))
    assert kept == [("1.1", "pass", "NaN"), ("2.1", "na", "Infinity"), ("3.1", "pass", deep)], "as signed"
    assert sql(a, "SELECT count(*) FROM answer WHERE inspection_id = ? AND value != 'null'", hexid(open_draft)) \
        == [(0,)]
    audit = {(action, entity_id): json.loads(detail) for action, entity_id, detail in sql(
        a, "SELECT action, entity_id, detail FROM audit_log WHERE actor_id IS NULL AND action IN "
           "('answer.value_cleared', 'inspection.value_as_text', 'sync.outbox_value_cleared')")}
    cleared = sorted((d["item"], d["was"]) for (action, _), d in audit.items() if action == "answer.value_cleared")
    assert cleared == [("1.1", "NaN"), ("2.2", "-Infinity"), ("3.2", '"a\\udc00"')]
    assert all(d["inspection"] == open_draft for (action, _), d in audit.items() if action == "answer.value_cleared")
    assert audit[("inspection.value_as_text", signed)]["items"] == {"1.1": "NaN", "2.1": "Infinity", "3.1": deep}
    assert audit[("sync.outbox_value_cleared", eid)]["fields"] == ["legal_rep"]
    with a.store.session() as s:
        record = inspections.get(s, signed)
        assert record.content_sha256 == sha == inspections.content_hash(s, record), "still what was signed"

    receipt = world.up(a)
    assert receipt["status"] == "applied", receipt
    with world.central.engine.connect() as c:
        rows = {r.data["item_id"]: r.data for r in c.execute(select(m.record).where(
            m.record.c.entity == "answer", m.record.c.ref == signed))}
        inspection = c.execute(select(m.record).where(m.record.c.entity == "inspection",
                                                      m.record.c.id == signed)).one()
        shop = c.execute(select(m.record).where(m.record.c.entity == "establishment", m.record.c.id == eid)).one()
    assert (rows["1.1"]["value"], rows["1.1"]["value_as_text"]) == ("NaN", True)
    assert (rows["2.1"]["value"], rows["2.1"]["value_as_text"]) == ("Infinity", True)
    assert (rows["3.1"]["value"], rows["3.1"]["value_as_text"]) == (deep, True)
    assert rows["4.1"]["value"] is None and "value_as_text" not in rows["4.1"]
    assert inspection.data["content_sha256"] == sha
    assert shop.data["legal_rep"] is None and shop.data["name"] == "张三餐馆"
    assert world.down(a)["status"] == "applied"


def test_an_op_that_always_went_out_is_sent_byte_for_byte_as_before(world):
    """Only an op that could not be written changes: a re-sent op must be byte-identical (§7.3). A whole
    number beyond 2^53 and a value nested as deep as central's reader takes always went out as they are."""
    a = world.laptop("a")
    eid = a.add_establishment(name="张三餐馆")
    signed = draft(a, eid)
    deepest = "[" * 27 + "]" * 27  # with the 5 levels of its op: 32, what central's reader takes
    store_as_before_0007(a, signed, {"1.1": ("pass", str(2**60)), "2.1": ("pass", deepest)})
    with a.store.write() as s:
        finalize_signed(s, signed, blobs=a.paths.blobs)
    with a.store.session() as s:
        ops, _ = export.wire_ops(s.connection(), a.device_id, 0, 1000)
    answers = {row["item_id"]: row for op in ops if op["op"] == "finalize" for row in op["payload"]["parts"]["answer"]}
    assert answers["1.1"]["value"] == 2**60 and json.dumps(answers["2.1"]["value"]).replace(" ", "") == deepest
    assert not any("value_as_text" in row for row in answers.values())
    assert world.up(a)["status"] == "applied"


def test_the_upgrade_of_a_store_without_such_values_changes_nothing_but_its_version(world):
    a = world.laptop("a")
    eid = a.add_establishment(name="张三餐馆")
    a.inspect(eid)
    draft(a, eid)
    before = fingerprint(a.paths.database)
    reopen_at_0006(a)
    after = fingerprint(a.paths.database)
    assert before == after
