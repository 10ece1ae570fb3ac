"""central/verification.py: the district's verdict on a token, from what laptops synced (no browser here;
test_verify_page.py shows the page itself)."""

from __future__ import annotations

import pytest
from postgres import fresh_database
from sqlalchemy import event, select

from inspector_app.central import admin, verification
from inspector_app.central import importer as central_import
from inspector_app.central import models as m
from inspector_app.central.store import open_central
from inspector_app.core import notices, settings
from inspector_app.core.notices import token as token_module


def issue(laptop, inspection_id: str, kind: str = "result") -> str:
    with laptop.store.write() as session:
        return notices.issue(session, paths=laptop.paths, settings=settings.load(laptop.paths.data_dir),
                             inspection_id=inspection_id, kind=kind).token


def verdict(world, text: str) -> verification.Verdict:
    with world.central.engine.connect() as connection:
        return verification.verify(connection, text)


def test_an_amendment_supersedes_and_so_does_a_closed_order(world):
    laptop = world.laptop("a")
    eid = laptop.add_establishment()
    failed = laptop.inspect(eid, fail=("1.1",))
    result, order = issue(laptop, failed), issue(laptop, failed, "order")
    world.sync(laptop)
    assert verdict(world, result).current is True and verdict(world, order).current is True
    with world.central.engine.connect() as c:
        order_id = c.execute(select(m.record.c.id).where(m.record.c.entity == "rectification_order")).scalar_one()
    admin.edit_record(world.central, "rectification_order", order_id, {"status": "closed"}, by="district desk")
    closed = verdict(world, order)
    assert closed.genuine and closed.current is False and closed.superseded.why == "order_closed"

    amendment = laptop.inspect(eid, amends_id=failed)
    world.sync(laptop)
    amended = verdict(world, result)
    assert amended.superseded.why == "amended" and amended.current is False
    assert verdict(world, issue(laptop, amendment)).current is True


def test_not_yet_synced_is_genuine_but_unknown_and_a_revoked_laptops_later_notice_is_refused(world):
    laptop = world.laptop("a")
    eid = laptop.add_establishment(name="蓟州区渔阳镇府君山农家院饭庄有限公司")  # 17 characters: the token cuts it
    synced = issue(laptop, laptop.inspect(eid))
    world.sync(laptop)
    named = verdict(world, synced)
    assert named.facts.name_truncated and named.name == "蓟州区渔阳镇府君山农家院饭庄有限公司"
    later = issue(laptop, laptop.inspect(eid))
    waiting = verdict(world, later)
    assert waiting.genuine and not waiting.known and waiting.current is None and waiting.status == 200
    admin.revoke(world.central, laptop.device_id)
    assert verdict(world, synced).genuine  # it reached the district before the revocation
    refused = verdict(world, later)
    assert not refused.genuine and refused.code == "verify.revoked" and refused.status == 404


def test_strangers_and_garbage(world):
    laptop = world.laptop("a")
    stranger = world.laptop("b", enrol=False)  # a laptop the district never enrolled signs a notice
    token = issue(stranger, stranger.inspect(stranger.add_establishment()))
    assert verdict(world, token).code == "verify.unknown_signer" and verdict(world, token).status == 404
    cut = token_module.encode(token_module.decode(token)[:50])  # a genuine token's first 50 bytes
    for garbage, code in (("", "verify.empty_input"), ("hello", "verify.malformed"), (cut, "verify.truncated"),
                          (token + "A" * 400, "verify.malformed")):
        answer = verdict(world, garbage)
        assert not answer.genuine and answer.code == code and answer.status == 400
    assert laptop


def test_the_lookups_use_the_indexes_of_c0005(world):
    laptop = world.laptop("a")
    eid = laptop.add_establishment()
    token = issue(laptop, laptop.inspect(eid, fail=("1.1",)))
    world.sync(laptop)
    statements: list[tuple[str, tuple]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    with world.central.engine.connect() as connection:
        event.listen(connection, "before_cursor_execute", keep)
        assert verification.verify(connection, token).current is True
        event.remove(connection, "before_cursor_execute", keep)
        plans = {statement: " ".join(str(row[-1]) for row in connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {statement}", parameters)) for statement, parameters in statements
            if "json_extract" in statement}
    assert len(plans) == 2, plans
    assert all("ix_record_inspection_establishment" in plan or "ix_record_order_inspection" in plan
               for plan in plans.values()), plans


@pytest.fixture
def pg_url():
    with fresh_database("fsi_verify") as url:
        yield url


def test_the_same_verdicts_on_postgresql(world, pg_url):
    data_dir = world.root / "central"
    admin.init_central(data_dir, pg_url)
    pg = open_central(data_dir, pg_url)
    try:
        laptop = world.laptop("a")
        eid = laptop.add_establishment()
        first = issue(laptop, laptop.inspect(eid))
        assert central_import.import_bundle(pg, laptop.export(world.stick())["bundle"])["status"] == "applied"
        with pg.engine.connect() as c:
            assert verification.verify(c, first).current is True
        laptop.inspect(eid, fail=("1.1",))
        assert central_import.import_bundle(pg, laptop.export(world.stick())["bundle"])["status"] == "applied"
        with pg.engine.connect() as c:
            assert verification.verify(c, first).superseded.why == "later_inspection"
            c.exec_driver_sql("SET enable_seqscan = off")  # a table this small would be scanned anyway
            plan = " ".join(r[0] for r in c.exec_driver_sql(
                "EXPLAIN SELECT id FROM record WHERE entity = 'inspection' AND (data ->> 'establishment_id') = 'x'"))
        assert "ix_record_inspection_establishment" in plan, plan
    finally:
        pg.close()


def test_a_notice_signed_before_the_laptop_rotated_its_keys_is_still_genuine(world):
    from inspector_app.core.sync import rotation
    laptop = world.laptop("a")
    eid = laptop.add_establishment()
    before = issue(laptop, laptop.inspect(eid))
    world.sync(laptop)
    made = rotation.rotate(laptop.store, laptop.paths)
    after = issue(laptop, laptop.inspect(laptop.add_establishment(name="王记小吃")))
    world.sync(laptop)
    with world.central.engine.connect() as c:
        assert c.execute(select(m.device.c.sign_key_id)).scalar_one() == made["sign_key_id"]
    old, new = verdict(world, before), verdict(world, after)
    assert old.genuine and old.current is True and new.genuine and new.current is True


def test_rendered_pages_last_while_the_store_is_unchanged_and_never_keep_a_strangers_long_path(world):
    from inspector_app.central.web.verify_page import RenderedPages
    pages = RenderedPages()
    key, page = ("A" * 200, "zh"), (200, "<p>genuine</p>")
    with world.central.engine.connect() as connection:
        stamp = pages.stamp(connection)
    pages.put(key, page, stamp)
    pages.put(("B" * 5000, "zh"), (400, "<p>garbage</p>"), stamp)
    assert pages.get(key) == page and pages.get(("B" * 5000, "zh")) is None
    laptop = world.laptop("a")
    laptop.inspect(laptop.add_establishment(name="新来的面馆"))
    world.sync(laptop)  # the store changes: the next look at it drops every page
    with world.central.engine.connect() as connection:
        assert pages.stamp(connection) != stamp
    assert pages.get(key) is None
