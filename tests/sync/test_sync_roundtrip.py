"""Export → central import → downward export → laptop import: the happy path end to end."""

from sqlalchemy import select

from inspector_app.central import models as m
from inspector_app.core.sync.status import sync_status


def test_round_trip_acks_and_registry(world):
    a = world.laptop("a")
    eid = a.add_establishment(name="张三餐馆", licence_no="JY21201190012345")
    iid = a.inspect(eid)
    before = sync_status(a.store)
    assert before["pending"] > 0 and before["acked_through_seq"] == 0
    receipt = world.up(a)
    assert receipt["status"] == "applied", receipt
    with world.central.engine.connect() as c:
        query = select(m.record).where(m.record.c.entity == "inspection", m.record.c.id == iid)
        rec = c.execute(query).mappings().one()
        assert rec["data"]["status"] == "finalized"
        est = c.execute(select(m.record).where(m.record.c.entity == "establishment")).mappings().all()
        assert [r["data"]["name"] for r in est] == ["张三餐馆"]
        assert est[0]["data"]["township_id"] == "120119100"
    result = world.down(a)
    assert result["status"] == "applied", result
    after = sync_status(a.store)
    assert after["pending"] == 0
    assert after["acked_through_seq"] == before["max_seq"]
    assert after["central_usn_applied"] > 0
    # a second laptop gets the establishment in its snapshot
    b = world.laptop("b")
    world.up(b)
    assert world.down(b)["status"] == "applied"
    with b.store.session() as s:
        names = [r[0] for r in s.connection().exec_driver_sql("SELECT name FROM establishment").fetchall()]
    assert "张三餐馆" in names


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NAMES = st.text(alphabet="张王李赵刘陈杨黄吴周餐馆面店小吃超市ABC123 ", min_size=1, max_size=12).map(str.strip) \
    .filter(bool)
PHONES = st.one_of(st.none(), st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(rows=st.lists(st.tuples(NAMES, PHONES, st.sampled_from(["A", "B", "C", "D"])), min_size=1, max_size=4))
def test_export_import_compare_round_trip(tmp_path_factory, rows):
    """What a laptop registers arrives unchanged at central and, from there, on another laptop."""
    from sync_world import World
    world = World(tmp_path_factory.mktemp("rt"))
    try:
        a, b = world.laptop("a"), world.laptop("b")
        ids = [a.add_establishment(name=name, phone=phone, risk_grade=grade) for name, phone, grade in rows]
        assert world.up(a)["status"] == "applied"
        world.up(b)
        assert world.down(b)["status"] == "applied"
        with world.central.engine.connect() as c:
            central = {r.id: r.data for r in c.execute(select(m.record.c.id, m.record.c.data).where(
                m.record.c.entity == "establishment"))}
        sql = "SELECT id, name, phone, risk_grade, category, provisional FROM establishment WHERE id = ?"
        for eid, (name, phone, grade) in zip(ids, rows, strict=True):
            assert (central[eid]["name"], central[eid]["phone"], central[eid]["risk_grade"]) == (name, phone, grade)
            for laptop in (a, b):
                with laptop.store.session() as s:
                    got = s.connection().exec_driver_sql(sql, (eid.replace("-", ""),)).fetchone()
                assert got[1:] == (name, phone, grade, "catering", 1), laptop.name
    finally:
        world.close()
