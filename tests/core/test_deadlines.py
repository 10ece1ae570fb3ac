"""The rectification deadline in working days, per item, on the record and the order (core/rules.deadline_for).

行政处罚法 第八十五条 (periods of days are working days, 法定节假日 not counted); 民法典 第二百零一条 (the
first day is not counted) and 第二百零三条 (a period never ends on a rest day). Rules edition 1 (records
signed before) keeps calendar days, so their hashes and central's check stay as they were.
The catering checklist gives item 2.1 three days and item 1.1 the default fifteen.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from factories import finalize_signed, make_inspection

from inspector_app.core import catalog, inspections, orders, rules
from inspector_app.core.inspections import record_hash
from inspector_app.core.models import HolidaySchedule
from inspector_app.core.workdays import WorkCalendar

D = date.fromisoformat
NATIONAL_DAY_EVE = datetime(2026, 9, 30, 4, 0, tzinfo=UTC)  # 2026-09-30 on any laptop clock from UTC−4 to UTC+14


def answers(checklist, fail):
    return {item.id: {"answer": "fail" if item.id in fail else "pass"} for item in checklist.items.values()
            if item.scored}


CASES = [
    # (start, failed items, calendar?, deadline, {item: deadline}, estimated, why)
    ("2026-09-30", ["2.1"], False, "2026-10-03", {"2.1": "2026-10-03"}, False,
     "edition 1: three calendar days, as records signed before were counted"),
    ("2026-09-30", ["2.1"], True, "2026-10-10", {"2.1": "2026-10-10"}, False,
     "85: 国庆 10-01…07 not counted; Thu 8, Fri 9, and Saturday 10-10 a 调休 workday"),
    ("2026-09-30", ["2.1", "1.1"], True, "2026-10-10", {"2.1": "2026-10-10", "1.1": "2026-10-27"}, False,
     "each item its own period: 1.1's fifteen working days end Tuesday 10-27"),
    ("2026-02-13", ["2.1"], True, "2026-02-25", {"2.1": "2026-02-25"}, False,
     "201: Friday not counted; Sat 02-14 worked (1), 春节 02-15…23 off, Tue 24 (2), Wed 25 (3)"),
    ("2027-03-05", ["2.1"], True, "2027-03-10", {"2.1": "2027-03-10"}, True,
     "2027 has no official schedule: weekends only, and the deadline says it is estimated"),
]


@pytest.mark.parametrize(("start", "failed", "working", "deadline", "each", "estimated", "why"), CASES,
                         ids=[c[6][:40] for c in CASES])
def test_the_outcome_gives_each_failed_item_its_deadline(seeded, start, failed, working, deadline, each, estimated,
                                                         why):
    store, _ = seeded
    with store.session() as session:
        checklist = catalog.get(session, "catering")
    outcome = rules.evaluate(checklist, answers(checklist, failed), category="catering", on=D(start),
                             calendar=WorkCalendar() if working else None)
    assert outcome.rectification_deadline == D(deadline), why
    assert outcome.item_deadlines == {item: D(day) for item, day in each.items()}, why
    assert outcome.deadline_estimated is estimated, why
    assert outcome.to_dict()["item_deadlines"] == each


def test_an_edition_1_record_finalizes_as_before(seeded, monkeypatch):
    monkeypatch.setattr(rules, "EDITION", 1)  # the rules as a laptop before edition 2 finalized
    store, basics = seeded
    with store.write() as session:
        inspection = make_inspection(session, basics, fail=("2.1", "1.1"))
        finalize_signed(session, inspection.id, ended_at=NATIONAL_DAY_EVE)
        done = inspections.get(session, inspection.id)
        (order,) = orders.for_inspection(session, inspection.id)
        assert done.rectification_deadline == D("2026-10-03") and done.deadline_estimated is False
        assert order.deadline == D("2026-10-03")
        assert order.item_deadlines == {"2.1": "2026-10-03", "1.1": "2026-10-15"}


@pytest.fixture
def edition_2(monkeypatch):
    """Records finalized under rules edition 2 (the edition column comes with the Order 49 outcome work)."""
    monkeypatch.setattr(inspections, "rules_edition", lambda inspection: 2)


def test_an_edition_2_record_counts_working_days_with_the_laptops_calendar(seeded, edition_2):
    store, basics = seeded
    with store.write() as session:
        inspection = make_inspection(session, basics, fail=("2.1", "1.1"))
        finalize_signed(session, inspection.id, ended_at=NATIONAL_DAY_EVE)
        done = inspections.get(session, inspection.id)
        (order,) = orders.for_inspection(session, inspection.id)
        assert (done.rectification_deadline, done.deadline_estimated) == (D("2026-10-10"), False)
        assert order.deadline == D("2026-10-10")
        assert order.item_deadlines == {"2.1": "2026-10-10", "1.1": "2026-10-27"}


def test_a_deadline_counted_on_an_estimate_says_so_and_the_districts_schedule_replaces_it(seeded, edition_2):
    store, basics = seeded
    end_of_2027_september = datetime(2027, 9, 30, 4, 0, tzinfo=UTC)
    with store.write() as session:
        first = make_inspection(session, basics, fail=("2.1",))
        finalize_signed(session, first.id, ended_at=end_of_2027_september)
        estimated = inspections.get(session, first.id)
        # estimate: 10-01…03 (Fri–Sun) off, then Mon 4, Tue 5, Wed 6
        assert (estimated.rectification_deadline, estimated.deadline_estimated) == (D("2027-10-06"), True)
        assert orders.for_inspection(session, first.id)[0].item_deadlines is None  # one item, one date
        session.add(HolidaySchedule(year=2027, holidays=["2027-01-01", "2027-05-01", "2027-05-02",
                                                         *(f"2027-10-0{d}" for d in range(1, 8))],
                                    workdays=["2027-09-26", "2027-10-09"], source="国办发明电〔2026〕99号"))
        session.flush()
        second = make_inspection(session, basics, fail=("2.1",))
        finalize_signed(session, second.id, ended_at=end_of_2027_september)
        official = inspections.get(session, second.id)
        # the district's schedule: 10-01…07 off, Fri 8 (1), Sat 9 worked (2), Mon 11 (3)
        assert (official.rectification_deadline, official.deadline_estimated) == (D("2027-10-11"), False)


def test_deadline_estimated_enters_the_hash_only_when_true():
    record = {"id": "i", "establishment_id": "e", "checklist_id": "catering", "checklist_version": 1,
              "started_at": "2026-09-30T01:00:00+00:00", "ended_at": "2026-09-30T02:00:00+00:00",
              "hazard": False, "result": "basically_compliant", "handling": "rectify"}
    before = record_hash(record, {})
    assert record_hash({**record, "deadline_estimated": False}, {}) == before  # every old hash stays
    assert record_hash({**record, "deadline_estimated": True}, {}) != before
