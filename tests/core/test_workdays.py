"""Deadlines in working days (core/workdays.py), each case from the law's text.

- 民法典 第二百零一条: 「按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。」
- 民法典 第二百零二条 counts periods of months and years (the corresponding day); rectification periods are
  days, so it does not apply here.
- 民法典 第二百零三条: 「期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。」
- 行政处罚法 第八十五条: 「……"五日""七日"的规定是指工作日，不含法定节假日。」
- 《全国年节及纪念日放假办法》(2024) 第二条: 元旦 1月1日, 劳动节 5月1日、2日, 国庆节 10月1日至3日; the
  State Council's notice each year sets the rest and the 调休 makeup workdays, which are workdays.

The 2025 and 2026 dates are the State Council's published schedules (2025: 国庆 and 中秋 10-01…08; 2026:
国庆 10-01…07, 中秋 09-25…27, 10-10 and 09-20 worked); 2027 has none in the package.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from inspector_app.core import holiday_schedules
from inspector_app.core.errors import ValidationError
from inspector_app.core.workdays import DISTRICT, ESTIMATE, PACKAGE, Deadline, Schedule, WorkCalendar, check_schedule

D = date.fromisoformat


def days(first: str, last: str) -> list[date]:
    start, end = D(first), D(last)
    return [date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]


# A schedule the district publishes for 2027 (made up for the test: the package has no 2027 notice).
# 国庆 2027-10-01 (Fri) … 10-07 off, Sunday 09-26 and Saturday 10-09 worked.
DISTRICT_2027 = Schedule(2027, frozenset([D("2027-01-01"), *days("2027-05-01", "2027-05-05"),
                                          *days("2027-10-01", "2027-10-07")]),
                         frozenset([D("2027-09-26"), D("2027-10-09")]), "国办发明电〔2026〕99号")

CASES = [
    # (start, n working days, deadline, why)
    ("2026-03-02", 5, "2026-03-09", "201: Monday not counted; Tue–Fri are 4, the weekend is rest (85), Monday 5th"),
    ("2026-03-06", 1, "2026-03-09", "203 / 85: a period from Friday never ends on Saturday or Sunday"),
    ("2026-03-06", 0, "2026-03-06", "0 days: correct at once, the same day"),
    ("2026-02-13", 1, "2026-02-14", "调休: Saturday 2026-02-14 is a makeup workday and counts"),
    ("2026-02-13", 2, "2026-02-24", "85: 春节 2026-02-15…23 are 法定节假日, not counted"),
    ("2026-02-24", 4, "2026-02-28", "调休: the 4th is Saturday 2026-02-28, a workday (Wed 25, Thu 26, Fri 27)"),
    ("2026-02-24", 5, "2026-03-02", "after Saturday 02-28 (4th) the Sunday rests; Monday is the 5th"),
    ("2026-09-30", 1, "2026-10-08", "203: 国庆 2026-10-01…07 is rest; the first workday after it"),
    ("2026-09-30", 3, "2026-10-10", "调休: Saturday 2026-10-10 is a workday (Thu 8, Fri 9, Sat 10)"),
    ("2025-09-30", 1, "2025-10-09", "2025: 国庆 and 中秋 2025-10-01…08 are rest"),
    ("2025-09-30", 3, "2025-10-11", "2025: Saturday 2025-10-11 is a makeup workday"),
    ("2025-01-24", 1, "2025-01-26", "2025: Sunday 2025-01-26 is a makeup workday"),
    ("2025-12-31", 1, "2026-01-04", "across the year: 元旦 2026-01-01…03 off, Sunday 01-04 worked"),
]


@pytest.mark.parametrize(("start", "n", "expected", "why"), CASES, ids=[c[3][:40] for c in CASES])
def test_working_days_follow_the_official_schedule(start, n, expected, why):
    assert WorkCalendar().add_working_days(D(start), n) == Deadline(D(expected), False), why


ESTIMATED = [
    # a year with no official schedule: weekends and the fixed-date statutory holidays, said to be estimated
    ("2027-03-01", 5, "2027-03-08", "weekends are rest days"),
    ("2027-09-30", 1, "2027-10-04", "放假办法 第二条: 10月1日至3日 rest (Fri 1, then the weekend)"),
    ("2027-04-30", 1, "2027-05-03", "放假办法 第二条: 5月1日、2日 (a weekend in 2027) rest"),
    ("2026-12-31", 1, "2027-01-04", "a 2026 start counting into 2027: 元旦 Fri 1 and the weekend, estimated"),
]


@pytest.mark.parametrize(("start", "n", "expected", "why"), ESTIMATED, ids=[c[3][:40] for c in ESTIMATED])
def test_a_year_without_an_official_schedule_is_estimated(start, n, expected, why):
    assert WorkCalendar().add_working_days(D(start), n) == Deadline(D(expected), True), why


def test_the_districts_schedule_makes_2027_official_and_different():
    estimate, official = WorkCalendar(), WorkCalendar([DISTRICT_2027])
    assert estimate.schedule(2027).origin == ESTIMATE and official.schedule(2027).origin == DISTRICT
    assert estimate.add_working_days(D("2027-09-30"), 1) == Deadline(D("2027-10-04"), True)
    assert official.add_working_days(D("2027-09-30"), 1) == Deadline(D("2027-10-08"), False)  # 10-01…07 off
    assert official.add_working_days(D("2027-09-30"), 2) == Deadline(D("2027-10-09"), False)  # Saturday worked
    assert official.add_working_days(D("2027-09-24"), 1) == Deadline(D("2027-09-26"), False)  # Sunday worked


def test_the_districts_schedule_wins_over_the_package_for_its_year():
    packaged = WorkCalendar()
    assert packaged.schedule(2026).origin == PACKAGE
    # say the district's notice gave Monday 2026-03-09 off as well: its word counts, not the package's
    corrected = WorkCalendar([Schedule(2026, packaged.schedule(2026).holidays | {D("2026-03-09")},
                                       packaged.schedule(2026).workdays, "区局更正")])
    assert corrected.add_working_days(D("2026-03-06"), 1) == Deadline(D("2026-03-10"), False)
    assert packaged.add_working_days(D("2026-03-06"), 1) == Deadline(D("2026-03-09"), False)


@pytest.mark.parametrize("n", [-1, 366, 1.5, True, "5"])
def test_a_period_that_is_not_a_number_of_days_is_refused(n):
    with pytest.raises(ValidationError) as caught:
        WorkCalendar().add_working_days(D("2026-03-02"), n)
    assert caught.value.code == "workdays.bad_count"


STATUTORY_2027 = [D("2027-01-01"), D("2027-05-01"), D("2027-05-02"), *days("2027-10-01", "2027-10-03")]
SCHEDULE_ERRORS = [
    # (year, holidays, workdays, source, code, why)
    (2027, [*STATUTORY_2027, D("2028-01-01")], [], "n", "workdays.date_outside_year", "dates inside the year"),
    (2027, STATUTORY_2027, [D("2026-12-26")], "n", "workdays.date_outside_year", "makeup days inside the year too"),
    (2027, [*STATUTORY_2027, D("2027-10-09")], [D("2027-10-09")], "n", "workdays.holiday_and_workday",
     "a day is a holiday or a workday, not both"),
    (2027, STATUTORY_2027, [D("2027-10-08")], "n", "workdays.makeup_not_weekend",
     "调休 makes a Saturday or Sunday a workday; Friday 10-08 is one already"),
    (2027, STATUTORY_2027[:-1], [], "n", "workdays.statutory_day_missing", "放假办法 第二条: 10月3日 is a holiday"),
    (2027, STATUTORY_2027[:1] + STATUTORY_2027[2:], [], "n", "workdays.statutory_day_missing",
     "放假办法 (2024) 第二条: 劳动节 5月1日"),
    (2027, STATUTORY_2027, [], " ", "workdays.source_required", "the notice it comes from is named"),
    (1999, [], [], "n", "workdays.bad_year", "no schedule before the package's first year"),
    ("2027", STATUTORY_2027, [], "n", "workdays.bad_year", "a year is a number"),
]


@pytest.mark.parametrize(("year", "holidays", "workdays", "source", "code", "why"), SCHEDULE_ERRORS,
                         ids=[c[5][:40] for c in SCHEDULE_ERRORS])
def test_a_schedule_that_cannot_be_right_is_refused(year, holidays, workdays, source, code, why):
    with pytest.raises(ValidationError) as caught:
        check_schedule(year, holidays, workdays, source)
    assert caught.value.code == code, why


def test_every_packaged_schedule_passes_the_districts_check():
    """The checks accept what the State Council actually published (2025 on: 5月2日 is statutory)."""
    for year in range(2025, 2027):
        packaged = WorkCalendar().schedule(year)
        assert check_schedule(year, packaged.holidays, packaged.workdays, "x").holidays == packaged.holidays


def write(tmp_path, doc, name="2027.json") -> str:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


GOOD_FILE = {"year": 2027, "source": "国办发明电〔2026〕99号", "published_at": "2026-11-20",
             "holidays": ["2027-01-01", "2027-05-01..2027-05-05", "2027-10-01..2027-10-07"],
             "workdays": ["2027-09-26", "2027-10-09"]}


def test_the_file_format_reads_dates_and_ranges(tmp_path):
    schedule = holiday_schedules.read_file(write(tmp_path, GOOD_FILE), 2027)
    assert schedule.holidays == DISTRICT_2027.holidays and schedule.workdays == DISTRICT_2027.workdays
    assert schedule.source == "国办发明电〔2026〕99号" and schedule.published_at.isoformat().startswith("2026-11-20")
    assert holiday_schedules.from_data(holiday_schedules.to_data(schedule)).holidays == schedule.holidays


FILE_ERRORS = [
    ({**GOOD_FILE, "year": 2028}, "workdays.year_mismatch"),
    ({**GOOD_FILE, "holidays": ["2027-13-01"]}, "workdays.bad_date"),
    ({**GOOD_FILE, "holidays": ["2027-10-07..2027-10-01"]}, "workdays.bad_date"),
    ({**GOOD_FILE, "holidays": "2027-10-01"}, "workdays.bad_file"),
    ({**GOOD_FILE, "extra": 1}, "workdays.bad_file"),
    ({**GOOD_FILE, "workdays": ["2027-10-08"]}, "workdays.makeup_not_weekend"),
    ('{"year": 2027, "year": 2027}', "limits.json_duplicate_key"),
    ("[1, 2", "limits.json_invalid"),
]


@pytest.mark.parametrize(("doc", "code"), FILE_ERRORS, ids=[c[1] + str(n) for n, c in enumerate(FILE_ERRORS)])
def test_a_bad_file_is_refused_with_a_code(tmp_path, doc, code):
    with pytest.raises(ValidationError) as caught:
        holiday_schedules.read_file(write(tmp_path, doc), 2027)
    assert caught.value.code == code
