"""The desk's figures hold exactly what laptops finalized and synced: month and year boundaries in China time,
two inspectors, an amendment, a merged establishment, deleted records, orders overdue by a day or due today.
The same world runs on SQLite and on the machine's PostgreSQL (skipped, saying so, when that is absent)."""

import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ for the shared world and factories

from factories import answer_all, finalize_signed  # noqa: E402
from sync_world import Laptop, World  # noqa: E402

from inspector_app.central import admin as central_admin  # noqa: E402
from inspector_app.central import duplicates, figures  # noqa: E402
from inspector_app.central import models as m  # noqa: E402
from inspector_app.central.store import next_usn, open_central, put_record  # noqa: E402
from inspector_app.central.tables import Table, to_csv, to_xlsx  # noqa: E402
from inspector_app.core import areas, catalog, codes, inspections, orders, users  # noqa: E402
from inspector_app.core.errors import ValidationError  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
TODAY = date(2026, 3, 14)  # China date the desk asks on; the month is March 2026


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass
class Scenario:
    world: World
    names: dict = field(default_factory=dict)  # user id → name
    deadlines: dict = field(default_factory=dict)  # which order → its deadline (from the laptop)
    failed: dict = field(default_factory=dict)  # which inspection → its failed items


def _checklist_items(laptop: Laptop) -> tuple[list[str], list[str]]:
    with laptop.store.session() as s:
        checklist = catalog.get(s, "catering")
        scored = [item for item in checklist.relevant_items({}, "catering") if item.scored]
    return [i.id for i in scored if i.key], [i.id for i in scored if not i.key]


def _inspect(laptop: Laptop, eid: str, ended: str, *, fail=(), inspectors=None, expect: str) -> str:
    """Finalize an inspection that ended at `ended` (UTC) and check the laptop's own result is `expect`."""
    when = utc(ended)
    with laptop.store.write() as s:
        insp = inspections.start(s, establishment_id=eid, checklist_id="catering",
                                 inspector_ids=inspectors or laptop.inspectors[:2], started_at=when)
        answer_all(s, insp.id, catalog.get(s, "catering"), fail=fail)
        done = finalize_signed(s, insp.id, blobs=laptop.paths.blobs, ended_at=when)
        assert done.result == expect
        return str(insp.id)


def _amend(laptop: Laptop, original: str, ended: str, *, expect: str) -> str:
    """Correct a finalized inspection: every item passes in the amendment."""
    when = utc(ended)
    with laptop.store.write() as s:
        draft = inspections.start_amendment(s, original)
        answer_all(s, draft.id, catalog.get(s, "catering"))
        done = finalize_signed(s, draft.id, blobs=laptop.paths.blobs, ended_at=when)
        assert done.result == expect and str(done.amends_id) == original
        return str(draft.id)


def _deadline(laptop: Laptop, inspection_id: str) -> date:
    with laptop.store.session() as s:
        (order,) = orders.for_inspection(s, uuid.UUID(inspection_id))
        return order.deadline


def _order_id(laptop: Laptop, inspection_id: str) -> str:
    with laptop.store.session() as s:
        (order,) = orders.for_inspection(s, uuid.UUID(inspection_id))
        return str(order.id)


def build(world: World) -> Scenario:
    sc = Scenario(world)
    a, b = world.laptop("a"), world.laptop("b")
    with a.store.write() as s:
        town = areas.find(s, "渔阳镇", level="township")
        a.inspectors.append(str(users.add(s, name="a-2", role="inspector", credential_no="a00099").id))
        s.flush()
        first = users.get(s, a.inspectors[0])
        first.township_id = town.id
        s.add(first)
    key, general = _checklist_items(a)
    sc.names = {uid: name for uid, name in zip(a.inspectors, ["a-0", "a-1", "a-2"], strict=True)}
    sc.names.update(zip(b.inspectors, ["b-0", "b-1"], strict=True))
    e1 = a.add_establishment(name="一号餐馆", township="渔阳镇")
    e2 = a.add_establishment(name="二号餐馆", township="洇溜镇")
    e3 = b.add_establishment(name="三号餐馆", township="渔阳镇")
    e4 = b.add_establishment(name="三号餐馆<分店>&\"", township="官庄镇")  # the duplicate, merged into e3
    pair = [a.inspectors[0], a.inspectors[2]]
    # CST = UTC+8: 2026-02-28T16:30Z is 1 March 00:30 in the district
    _inspect(a, e1, "2026-02-28T16:30:00", expect="compliant")
    feb = _inspect(a, e1, "2026-02-28T15:30:00", fail=general[:1], expect="basically_compliant")
    _inspect(a, e2, "2025-12-31T15:59:59", inspectors=pair, expect="compliant")  # 2025 in China
    jan = _inspect(a, e2, "2025-12-31T16:00:00", fail=general[:1], inspectors=pair, expect="basically_compliant")
    # key items go to a case (Order 49 Art. 32): the general one is what the order lists
    nc = _inspect(a, e1, "2026-03-05T02:00:00", fail=key + general[1:2], expect="non_compliant")
    gone = _inspect(a, e2, "2026-03-06T02:00:00", expect="compliant")  # deleted at central below
    original = _inspect(b, e3, "2026-03-09T02:00:00", fail=general[:2], expect="basically_compliant")
    dup = _inspect(b, e4, "2026-03-10T02:00:00", fail=general[:2], expect="basically_compliant")
    _amend(b, original, "2026-04-02T02:00:00", expect="compliant")  # corrected next month: counts in March
    for laptop in (a, b):
        assert world.up(laptop)["status"] == "applied"
    central = world.central
    duplicates.merge(central, e3, e4, by="区管理员")
    with central.tx() as c:  # as any write at central: a new usn, so the record flows down
        c.execute(update(m.record).where(m.record.c.entity == "inspection", m.record.c.id == gone)
                  .values(deleted=True, usn=next_usn(c)))
    central_admin.edit_record(central, "rectification_order", _order_id(a, feb), {"status": "cancelled"}, by="区")
    central_admin.edit_record(central, "rectification_order", _order_id(a, jan), {"status": "closed"}, by="区")
    sc.deadlines = {"nc": _deadline(a, nc), "original": _deadline(b, original), "dup": _deadline(b, dup)}
    sc.failed = {"nc": 1, "dup": 2}  # items on the orders: nc's key items went to a case
    return sc


def _pg_url():
    try:
        import psycopg
        with psycopg.connect(ADMIN, autocommit=True, connect_timeout=3) as conn:
            name = f"fsi_fig_{uuid.uuid4().hex[:10]}"
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # noqa: BLE001  # any failure to reach the server means: no PostgreSQL here
        pytest.skip(f"PostgreSQL is not available at {ADMIN} ({type(exc).__name__}: {exc}); "
                    "the figures were checked on SQLite only")
    return name, f"postgresql://postgres@127.0.0.1:5432/{name}"


def _drop(name: str) -> None:
    import psycopg
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def scenario(request, tmp_path_factory):
    world = World(tmp_path_factory.mktemp(f"figures-{request.param}"))
    dropped = None
    if request.param == "postgresql":
        try:
            dropped, url = _pg_url()
        except BaseException:
            world.close()
            raise
        central_admin.init_central(world.root / "central", url)
        world.central.close()
        world.central = open_central(world.root / "central", url)
    try:
        yield build(world)
    finally:
        world.close()
        if dropped:
            _drop(dropped)


def _row(table: Table, label: str) -> list:
    (row,) = [r for r in table.rows if r[0] == label]
    return row


def test_progress_this_month_per_township(scenario):
    table = figures.progress(scenario.world.central, period="month", by="township", today=TODAY)
    assert table.columns == ["乡镇", "检查次数", "检查主体数", "发现不符合项", "下达责令改正通知书"]
    from inspector_app.core.district import TOWNSHIPS
    assert [r[0] for r in table.rows] == [name for name, *_ in TOWNSHIPS] + ["合计"]  # all, in the district's order
    failed = scenario.failed["nc"] + scenario.failed["dup"]
    # 1 March 00:30 CST, the non-compliant one, the amended record (once), the merged duplicate's (kept: 渔阳镇)
    assert _row(table, "渔阳镇")[1:] == [4, 2, failed, 3]
    assert _row(table, "洇溜镇")[1:] == [0, 0, 0, 0]  # the deleted inspection does not count
    assert _row(table, "官庄镇")[1:] == [0, 0, 0, 0]  # the duplicate's own township: merged away
    assert _row(table, "合计")[1:] == [4, 2, failed, 3]
    assert sum(r[1] for r in table.rows[:-1]) == 4


def test_progress_this_year_per_township_and_year_boundary(scenario):
    table = figures.progress(scenario.world.central, period="year", by="township", today=TODAY)
    failed = scenario.failed["nc"] + scenario.failed["dup"] + 1  # + the February one's
    # February's order was cancelled by the district: not counted as issued; January's was closed: counted
    assert _row(table, "渔阳镇")[1:] == [5, 2, failed, 3]
    assert _row(table, "洇溜镇")[1:] == [1, 1, 1, 1]  # 1 Jan 00:00 CST counts, 31 Dec 23:59:59 does not
    assert _row(table, "合计")[1:] == [6, 3, failed + 1, 4]
    last_year = figures.progress(scenario.world.central, period="year", by="township", today=date(2025, 12, 31))
    assert _row(last_year, "洇溜镇")[1:] == [1, 1, 0, 0] and _row(last_year, "合计")[1] == 1


def test_progress_per_inspector_counts_both_inspectors(scenario):
    month = figures.progress(scenario.world.central, period="month", by="inspector", today=TODAY)
    assert month.columns[:3] == ["检查人员", "所属乡镇", "检查次数"]
    counts = {r[0]: r[2] for r in month.rows}
    assert counts == {"a-0": 2, "a-1": 2, "a-2": 0, "b-0": 2, "b-1": 2, "合计": 4}
    assert _row(month, "a-0")[1] == "渔阳镇"
    year = figures.progress(scenario.world.central, period="year", by="inspector", today=TODAY)
    counts = {r[0]: r[2] for r in year.rows}
    assert counts == {"a-0": 4, "a-1": 3, "a-2": 1, "b-0": 2, "b-1": 2, "合计": 6}
    assert _row(year, "a-2")[2:] == [1, 1, 1, 1]


def test_results_distribution_by_category_and_township(scenario):
    table = figures.results(scenario.world.central, year=2026)
    labels = [codes.RESULTS[c].zh for c in ("compliant", "basically_compliant", "non_compliant")]
    assert table.columns[2:5] == labels
    by = {(r[0], r[1]): r[2:] for r in table.rows}
    # the amendment's result (符合) stands for the record it corrects; the merged duplicate counts as 餐饮服务
    assert by[("类别", codes.CATEGORIES["catering"].zh)] == [2, 3, 1, 6, 33.3, 50.0, 16.7]
    assert by[("类别", codes.CATEGORIES["food_sales"].zh)] == [0, 0, 0, 0, 0.0, 0.0, 0.0]
    assert by[("乡镇", "渔阳镇")] == [2, 2, 1, 5, 40.0, 40.0, 20.0]
    assert by[("乡镇", "洇溜镇")] == [0, 1, 0, 1, 0.0, 100.0, 0.0]
    assert by[("合计", "全区")] == [2, 3, 1, 6, 33.3, 50.0, 16.7]
    earlier = {(r[0], r[1]): r[2:] for r in figures.results(scenario.world.central, year=2025).rows}
    assert earlier[("乡镇", "洇溜镇")][:4] == [1, 0, 0, 1]


def test_open_and_overdue_orders(scenario):
    deadlines = scenario.deadlines
    today = deadlines["dup"]
    assert deadlines["original"] == date.fromordinal(today.toordinal() - 1)  # the case needs them one day apart
    table = figures.orders(scenario.world.central, today=today)
    assert table.columns == ["检查主体", "乡镇", "文书编号", "状态", "下达日期", "整改期限", "逾期天数", "整改项数",
                             "整改项目"]
    got = [(r[0], r[1], r[5], r[6], r[7]) for r in table.rows]
    assert got == [  # cancelled and closed orders are not open; the merged duplicate's shows the kept record
        ("一号餐馆", "渔阳镇", deadlines["nc"], (today - deadlines["nc"]).days, scenario.failed["nc"]),
        ("三号餐馆", "渔阳镇", deadlines["original"], 1, 2),
        ("三号餐馆", "渔阳镇", deadlines["dup"], 0, 2),
    ]
    assert all(r[3] == codes.ORDER_STATUSES["issued"].zh for r in table.rows)
    overdue = figures.orders(scenario.world.central, overdue_only=True, today=today)
    assert [r[5] for r in overdue.rows] == [deadlines["nc"], deadlines["original"]]
    assert (overdue.name, overdue.title, table.name, table.title) == \
        ("orders-overdue", "逾期未整改的责令改正通知书", "orders-open", "整改未完成的责令改正通知书")


def test_tables_download(scenario):
    table = figures.progress(scenario.world.central, period="month", by="township", today=TODAY)
    assert "渔阳镇,4,2," in to_csv(table).decode("utf-8-sig")
    from io import BytesIO

    from openpyxl import load_workbook
    sheet = load_workbook(BytesIO(to_xlsx(table))).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert values[-1][:3] == ["合计", 4, 2]


def test_bad_period_or_grouping_is_a_clear_error(scenario):
    with pytest.raises(ValidationError) as caught:
        figures.progress(scenario.world.central, period="week", today=TODAY)
    assert caught.value.code == "figures.bad_period"
    with pytest.raises(ValidationError) as caught:
        figures.progress(scenario.world.central, by="village", today=TODAY)
    assert caught.value.code == "figures.bad_grouping"


def test_empty_store_lists_every_township_with_zero(tmp_path):
    central_admin.init_central(tmp_path, name="蓟州区")
    central = open_central(tmp_path)
    try:
        table = figures.progress(central, today=TODAY)
        assert len(table.rows) == 28 and all(r[1:] == [0, 0, 0, 0] for r in table.rows)
        assert figures.orders(central, today=TODAY).rows == []
        assert figures.results(central, year=2026).rows[-1] == ["合计", "全区", 0, 0, 0, 0, 0.0, 0.0, 0.0]
    finally:
        central.close()



def test_figures_follow_every_sync(tmp_path):
    """Counted tables are kept while the store is unchanged, and counted again after the next import."""
    world = World(tmp_path)
    try:
        a = world.laptop("a")
        eid = a.add_establishment(name="四号餐馆", township="渔阳镇")
        _inspect(a, eid, "2026-03-02T02:00:00", expect="compliant")
        world.up(a)
        first = figures.progress(world.central, today=TODAY)
        assert _row(first, "渔阳镇")[1] == 1
        first.rows[0][1] = 999  # a caller changing its copy changes nothing for the next one
        assert figures.progress(world.central, today=TODAY).rows[0][1] == 0
        assert figures.orders(world.central, today=TODAY).rows == []
        second = _inspect(a, eid, "2026-03-03T02:00:00", fail=_checklist_items(a)[1][:2],
                          expect="basically_compliant")
        world.up(a)
        again = figures.progress(world.central, today=TODAY)
        assert _row(again, "渔阳镇")[1:] == [2, 1, 2, 1]
        late = (TODAY - _deadline(a, second)).days
        assert [r[6] for r in figures.orders(world.central, today=TODAY).rows] == [late]
    finally:
        world.close()


def test_records_written_by_central_itself(tmp_path):
    """Cases no shipped checklist makes: 符合 with a general failure allowed (no order; counted from its answers),
    an amendment of a record central never received (counted once, on its own date), an unknown township."""
    central_admin.init_central(tmp_path, name="蓟州区")
    central = open_central(tmp_path)

    def put(c, entity, rid, data, ref=None):
        put_record(c, entity, rid, {"id": rid, **data}, usn=next_usn(c), ref=ref)

    try:
        with central.tx() as c:
            put(c, "establishment", "x", {"name": "五号餐馆", "category": "catering", "township_id": "120119100"})
            put(c, "establishment", "y", {"name": "六号超市", "category": "food_sales", "township_id": "999"})
            put(c, "inspection", "i1", {"establishment_id": "x", "status": "finalized", "result": "compliant",
                                        "general_pass_rate": 0.9, "ended_at": "2026-03-02T02:00:00+00:00"})
            put(c, "answer", "a1", {"inspection_id": "i1", "item_id": "1.1", "answer": "fail"}, ref="i1")
            put(c, "answer", "a2", {"inspection_id": "i1", "item_id": "1.2", "answer": "pass"}, ref="i1")
            put(c, "inspection", "i2", {"establishment_id": "x", "status": "finalized", "result": "compliant",
                                        "amends_id": "never-received", "ended_at": "2026-03-03T02:00:00+00:00"},
                ref="never-received")
            put(c, "inspection", "i3", {"establishment_id": "y", "status": "finalized", "result": "non_compliant",
                                        "ended_at": "2026-03-04T02:00:00+00:00"})
        table = figures.progress(central, today=TODAY)
        assert _row(table, "渔阳镇")[1:] == [2, 1, 1, 0]
        assert _row(table, "（未知乡镇 999）")[1:] == [1, 1, 0, 0]
        assert table.rows[-1] == ["合计", 3, 2, 1, 0]
        by = {(r[0], r[1]): r[2:6] for r in figures.results(central, year=2026).rows}
        assert by[("类别", codes.CATEGORIES["food_sales"].zh)] == [0, 0, 1, 1]
        assert by[("乡镇", "（未知乡镇 999）")] == [0, 0, 1, 1]
    finally:
        central.close()
