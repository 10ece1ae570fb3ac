"""The district publishes a year's holiday schedule; laptops get it with downward bundles and count with it
(docs/sync-protocol.md §9.2; core/workdays.py). Central checks a laptop's working-day deadline against the
official calendar, or, when the record says it was estimated, the estimate (central/record_check.py).

The 2027 schedule here is made up for the test (no State Council notice for 2027 is in the package):
国庆 2027-10-01 (Fri) … 10-07 off, Sunday 09-26 and Saturday 10-09 worked.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from factories import answer_all, finalize_signed
from sqlalchemy import select

from inspector_app.central import holidays, record_check
from inspector_app.central import models as m
from inspector_app.central.store import get_meta
from inspector_app.cli import main
from inspector_app.core import catalog, holiday_schedules, inspections
from inspector_app.core.sync.export import inspection_record
from inspector_app.core.workdays import Deadline, WorkCalendar

D = date.fromisoformat
SCHEDULE_2027 = {"year": 2027, "source": "国办发明电〔2026〕99号", "published_at": "2026-11-20",
                 "holidays": ["2027-01-01", "2027-05-01..2027-05-05", "2027-10-01..2027-10-07"],
                 "workdays": ["2027-09-26", "2027-10-09"]}
LAST_DAY_OF_SEPTEMBER_2027 = datetime(2027, 9, 30, 4, 0, tzinfo=UTC)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip().startswith(("{", "[")) else out), err


def schedule_file(tmp_path, doc, name="2027.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def central_args(world):
    return ("--data-dir", world.root / "central", "central", "holidays")


def test_published_schedule_reaches_the_laptop_and_its_deadlines(world, tmp_path, capsys, monkeypatch):
    laptop = world.laptop("a")
    eid = laptop.add_establishment()
    with laptop.store.session() as session:
        before = holiday_schedules.calendar_of(session)
    assert before.add_working_days(D("2027-09-30"), 1) == Deadline(D("2027-10-04"), True)  # an estimate

    code, published, _ = run(capsys, *central_args(world), "--year", 2027, "--file",
                             schedule_file(tmp_path, SCHEDULE_2027), "--json")
    assert code == 0 and published["year"] == 2027 and len(published["holidays"]) == 13
    code, listed, _ = run(capsys, *central_args(world), "--list", "--json")
    assert [row["year"] for row in listed] == [2027] and listed[0]["workday_count"] == 2

    up, down = world.sync(laptop)
    assert up["status"] == down["status"] == "applied"
    code, known, _ = run(capsys, "--data-dir", laptop.paths.data_dir, "holidays", "--year", 2027, "--json")
    assert code == 0 and known[0]["origin"] == "district" and known[0]["official"] is True
    assert known[0]["source"] == "国办发明电〔2026〕99号"
    with laptop.store.session() as session:
        after = holiday_schedules.calendar_of(session)
    assert after.add_working_days(D("2027-09-30"), 1) == Deadline(D("2027-10-08"), False)  # official, different

    monkeypatch.setattr(inspections, "rules_edition", lambda inspection: 2)  # new records count working days
    with laptop.store.write() as session:
        insp = inspections.start(session, establishment_id=eid, checklist_id="catering",
                                 inspector_ids=laptop.inspectors)
        answer_all(session, insp.id, catalog.get(session, "catering"), fail=("2.1",))  # three days
        finalize_signed(session, insp.id, blobs=laptop.paths.blobs, ended_at=LAST_DAY_OF_SEPTEMBER_2027)
        done = inspections.get(session, insp.id)
        assert (done.rectification_deadline, done.deadline_estimated) == (D("2027-10-11"), False)


def test_a_year_published_again_replaces_the_laptops_copy(world, tmp_path, capsys):
    laptop = world.laptop("a")
    assert run(capsys, *central_args(world), "--year", 2027, "--file", schedule_file(tmp_path, SCHEDULE_2027))[0] == 0
    world.sync(laptop)
    corrected = {**SCHEDULE_2027, "source": "国办发明电〔2026〕100号", "workdays": ["2027-09-26"]}
    code, again, _ = run(capsys, *central_args(world), "--year", 2027, "--file",
                         schedule_file(tmp_path, corrected, "2027b.json"), "--json")
    assert code == 0 and again["replaced"] is True and again["server_version"] == 2
    world.down(laptop)
    with laptop.store.session() as session:
        (stored,) = holiday_schedules.stored(session)
    assert stored.source == "国办发明电〔2026〕100号" and stored.workdays == {D("2027-09-26")}


BAD_FILES = [
    ({**SCHEDULE_2027, "workdays": ["2027-10-08"]}, "workdays.makeup_not_weekend"),
    ({**SCHEDULE_2027, "holidays": ["2027-10-01..2027-10-07"]}, "workdays.statutory_day_missing"),
    ({**SCHEDULE_2027, "holidays": [*SCHEDULE_2027["holidays"], "2028-01-01"]}, "workdays.date_outside_year"),
    ({**SCHEDULE_2027, "holidays": [*SCHEDULE_2027["holidays"], "2027-10-09"]}, "workdays.holiday_and_workday"),
    ({**SCHEDULE_2027, "year": 2028}, "workdays.year_mismatch"),
]


@pytest.mark.parametrize(("doc", "code"), BAD_FILES, ids=[c[1] for c in BAD_FILES])
def test_an_invalid_schedule_file_is_refused_and_central_unchanged(world, tmp_path, capsys, doc, code):
    with world.central.engine.connect() as c:
        usn = get_meta(c, "usn")
    exit_code, _, err = run(capsys, *central_args(world), "--year", 2027, "--file", schedule_file(tmp_path, doc),
                            "--json")
    assert exit_code != 0 and json.loads(err)["code"] == code
    with world.central.engine.connect() as c:
        assert get_meta(c, "usn") == usn and c.execute(select(m.holiday_schedule)).all() == []


@pytest.fixture
def working_day_record(world, monkeypatch):
    """A laptop's edition-2 finalize record (its deadline in working days) and central's calendar, no 2027
    schedule published yet."""
    monkeypatch.setattr(inspections, "rules_edition", lambda inspection: 2)
    laptop = world.laptop("a")
    eid = laptop.add_establishment()
    with laptop.store.write() as session:
        insp = inspections.start(session, establishment_id=eid, checklist_id="catering",
                                 inspector_ids=laptop.inspectors)
        checklist = catalog.get(session, "catering")
        answer_all(session, insp.id, checklist, fail=("2.1",))
        finalize_signed(session, insp.id, blobs=laptop.paths.blobs, ended_at=LAST_DAY_OF_SEPTEMBER_2027)
        record, _ = inspection_record(session.connection(), str(insp.id))
    record["inspection"]["rules_edition"] = 2  # what the record carries once the edition is a column
    return world, record, checklist


def changed(record, **fields) -> dict:
    """The record with `fields` changed and its hash recomputed (as a laptop's owner could re-sign it)."""
    inspection = {**record["inspection"], **fields}
    inspection["content_sha256"] = inspections.record_hash(inspection, record["parts"])
    return {**record, "inspection": inspection}


def check(world, record, checklist):
    with world.central.engine.connect() as c:
        official = holidays.calendars(c)
    return record_check.problems(record["inspection"], record["parts"], checklist, "catering", official)


def test_central_accepts_an_estimated_deadline_the_record_declares(working_day_record, tmp_path):
    world, record, checklist = working_day_record
    assert record["inspection"]["rectification_deadline"] == "2027-10-06"
    assert record["inspection"]["deadline_estimated"] is True
    assert check(world, record, checklist) == []  # nothing published: the estimate is all there is
    holidays.publish(world.central, holiday_schedules.read_file(schedule_file(tmp_path, SCHEDULE_2027)))
    assert check(world, record, checklist) == []  # the district's schedule came later; the record said so


def test_central_refuses_a_deadline_neither_calendar_gives(working_day_record, tmp_path):
    world, record, checklist = working_day_record
    holidays.publish(world.central, holiday_schedules.read_file(schedule_file(tmp_path, SCHEDULE_2027)))
    undeclared = changed(record, deadline_estimated=False)
    assert any("rectification_deadline" in p for p in check(world, undeclared, checklist))  # an estimate unsaid
    official = changed(record, deadline_estimated=False, rectification_deadline="2027-10-11")
    assert check(world, official, checklist) == []  # what the official calendar gives
    tampered = changed(record, rectification_deadline="2027-12-31")
    assert any("rectification_deadline" in p for p in check(world, tampered, checklist))
    edition_1 = changed(record, rules_edition=None)
    assert any("rectification_deadline" in p for p in check(world, edition_1, checklist))  # calendar days: 10-03


def test_each_items_deadline_travels_up_with_the_order(world):
    laptop = world.laptop("a")
    eid = laptop.add_establishment()
    world.sync(laptop)
    iid = laptop.inspect(eid, fail=("2.1", "1.1"))  # three days and the default fifteen
    assert world.up(laptop)["status"] == "applied"
    with world.central.engine.connect() as c:
        (order,) = [row.data for row in c.execute(select(m.record.c.data).where(
            m.record.c.entity == "rectification_order")) if row.data["inspection_id"] == iid]
    assert set(order["item_deadlines"]) == {"2.1", "1.1"}
    assert order["deadline"] == min(order["item_deadlines"].values())


STATUTORY_2027 = ["2027-01-01", "2027-05-01", "2027-05-02", "2027-10-01", "2027-10-02", "2027-10-03"]
BAD_ROWS = [
    ({"year": 2027, "holidays": ["2027-10-01"], "workdays": [], "source": "x"}, "statutory"),
    ({"year": 2027, "holidays": STATUTORY_2027, "workdays": ["2027-10-08"], "source": "x"}, "Saturday or Sunday"),
    ({"year": 2027, "holidays": "2027-10-01", "workdays": [], "source": "x"}, "not a date"),
]


@pytest.mark.parametrize(("data", "why"), BAD_ROWS, ids=[c[1] for c in BAD_ROWS])
def test_a_schedule_row_the_laptop_would_refuse_from_central_is_an_invalid_op(world, data, why):
    from inspector_app.core.sync.device_apply import DeviceApplier
    from inspector_app.core.sync.errors import SyncRejected
    laptop = world.laptop("a")
    with laptop.store.write() as session, pytest.raises(SyncRejected) as caught:
        DeviceApplier(session).rows({"holiday_schedule": [{"id": "2027", "usn": 5, "server_version": 1,
                                                           "deleted": False, "data": data}]})
    assert caught.value.reason == "invalid_op" and why in caught.value.detail
    with laptop.store.session() as session:
        assert holiday_schedules.stored(session) == []


def test_an_older_row_never_replaces_a_newer_schedule(world):
    laptop = world.laptop("a")
    row = {"id": "2027", "server_version": 2, "deleted": False, "data": holiday_schedules.to_data(
        holiday_schedules.from_data({**SCHEDULE_2027, "holidays": [
            "2027-01-01", "2027-05-01", "2027-05-02", *(f"2027-10-0{d}" for d in range(1, 8))]}))}
    with laptop.store.write() as session:
        assert holiday_schedules.apply_row(session, {**row, "usn": 9}) is True
        older = {**row, "usn": 4, "data": {**row["data"], "source": "older"}}
        assert holiday_schedules.apply_row(session, older) is False
    with laptop.store.session() as session:
        (kept,) = holiday_schedules.stored(session)
    assert kept.source == "国办发明电〔2026〕99号"


def test_a_deadline_counted_with_an_earlier_publication_is_still_accepted(working_day_record, tmp_path):
    """The district corrects a schedule it published: laptops that counted with the first one did so lawfully.
    The record ended 2027-09-30 04:00 UTC, which is 09-29 on a laptop at UTC−5 or beyond: from 09-29, the first
    publication (Saturday 10-09 worked) gives 09-30, 10-08, 10-09; the corrected one (10-09 rests) 10-11."""
    world, record, checklist = working_day_record
    holidays.publish(world.central, holiday_schedules.read_file(schedule_file(tmp_path, SCHEDULE_2027)))
    corrected = {**SCHEDULE_2027, "workdays": ["2027-09-26"], "source": "国办发明电〔2026〕100号"}
    holidays.publish(world.central, holiday_schedules.read_file(schedule_file(tmp_path, corrected, "b.json")))
    first_only = changed(record, deadline_estimated=False, rectification_deadline="2027-10-09")
    assert check(world, first_only, checklist) == []
    only_corrected = [WorkCalendar([holiday_schedules.read_file(schedule_file(tmp_path, corrected, "c.json"))])]
    assert record_check.problems(first_only["inspection"], first_only["parts"], checklist, "catering",
                                 only_corrected) != []  # without the earlier publication it would be refused
    assert check(world, changed(record, deadline_estimated=False, rectification_deadline="2027-10-12"),
                 checklist) == []  # from 09-30 with the corrected schedule
    assert check(world, changed(record, deadline_estimated=False, rectification_deadline="2027-10-13"),
                 checklist) != []
