"""Working days: which days are rest days in China, and a deadline counted in working days.

A rectification period of N days counts working days (行政处罚法 第八十五条), never
ends on a weekend or a public holiday, and counts a 调休 makeup workday (a
Saturday or Sunday the State Council declares a workday) as a workday. The first
day is not counted (民法典 第二百零一条). Which days those are is set each year by
the State Council's notice, so a calendar has three sources, best first:

1. the schedule the district published for that year (docs/sync-protocol.md §9.2),
2. the packaged official schedules (`chinesecalendar`, 2004–2026 in 1.11),
3. an estimate: weekends, and the fixed-date holidays of 《全国年节及纪念日放假办法》.

A deadline that counted a day of an estimated year says so (`Deadline.estimated`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from .errors import ValidationError

DISTRICT, PACKAGE, ESTIMATE = "district", "package", "estimate"
FIRST_YEAR, LAST_YEAR = 2004, 2100  # the package's first year; a schedule beyond LAST_YEAR is a typing error
MAX_DAYS = 365  # a checklist's rectify_days is at most this (core/checklists.py)
SATURDAY = 5
# 《全国年节及纪念日放假办法》(2024-11-10) Art. 2: 元旦 1月1日, 劳动节 5月1日、2日, 国庆节 10月1日至3日.
# Before the 2024 revision 劳动节 was 5月1日 only (5月2日 was a 调休 day in some years, not in others).
FIXED_HOLIDAYS = ((1, 1), (5, 1), (10, 1), (10, 2), (10, 3))
FIXED_FROM_2025 = ((5, 2),)


def fixed_holidays(year: int) -> list[date]:
    """The statutory holidays with a fixed solar date in `year` (lunar ones — 春节, 端午, 中秋 — and 清明 move)."""
    days = FIXED_HOLIDAYS + (FIXED_FROM_2025 if year >= 2025 else ())
    return sorted(date(year, month, day) for month, day in days)


@dataclass(frozen=True)
class Schedule:
    """One year's official schedule: its rest days beyond weekends, and its makeup workdays (调休)."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date] = frozenset()
    source: str = ""
    published_at: datetime | None = None
    origin: str = DISTRICT

    def to_dict(self) -> dict:
        return {"year": self.year, "origin": self.origin, "official": self.origin != ESTIMATE,
                "source": self.source,
                "published_at": self.published_at.isoformat() if self.published_at else None,
                "holidays": [d.isoformat() for d in sorted(self.holidays)],
                "workdays": [d.isoformat() for d in sorted(self.workdays)]}


@dataclass(frozen=True)
class Deadline:
    date: date
    estimated: bool


def check_schedule(year, holidays: Iterable[date], workdays: Iterable[date], source: str) -> Schedule:
    """A schedule a district may publish, or a coded error: every date inside the year, no date both a
    holiday and a workday, makeup workdays only on a Saturday or Sunday (a weekday is a workday already),
    the fixed-date statutory holidays of 《全国年节及纪念日放假办法》 among the holidays, a source named."""
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError("workdays.bad_year", field="year", year=str(year)[:20], first=FIRST_YEAR,
                              last=LAST_YEAR)
    holidays, workdays = frozenset(holidays), frozenset(workdays)
    for day in sorted(holidays | workdays):
        if day.year != year:
            raise ValidationError("workdays.date_outside_year", field="dates", date=day.isoformat(), year=year)
    both = sorted(holidays & workdays)
    if both:
        raise ValidationError("workdays.holiday_and_workday", field="dates", date=both[0].isoformat())
    for day in sorted(workdays):
        if day.weekday() < SATURDAY:
            raise ValidationError("workdays.makeup_not_weekend", field="workdays", date=day.isoformat())
    for day in fixed_holidays(year):
        if day not in holidays:
            raise ValidationError("workdays.statutory_day_missing", field="holidays", date=day.isoformat())
    source = (source or "").strip()
    if not source:
        raise ValidationError("workdays.source_required", field="source")
    return Schedule(year, holidays, workdays, source)


@cache  # the installed package's data does not change while the program runs
def _packaged(year: int) -> Schedule | None:
    """The year's official schedule as the installed `chinesecalendar` holds it, or None beyond its data."""
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:  # the package raises for a year it has no notice for
        return None
    holidays = frozenset(d for d in chinese_calendar.holidays if d.year == year)
    workdays = frozenset(d for d in chinese_calendar.workdays if d.year == year)
    version = getattr(chinese_calendar, "__version__", "")
    return Schedule(year, holidays, workdays, source=f"chinesecalendar {version}".strip(), origin=PACKAGE)


def estimate(year: int) -> Schedule:
    """A year no notice covers: weekends and the fixed-date statutory holidays, no makeup workdays."""
    return Schedule(year, frozenset(fixed_holidays(year)), source="估算 estimate", origin=ESTIMATE)


@dataclass
class WorkCalendar:
    """Rest days and workdays from the district's schedules, then the package, then an estimate.

    `published` are the district's schedules (one per year; the district's wins over the package for its
    year). Without them: what a laptop the district's schedule has not reached yet counts with."""

    published: Iterable[Schedule] = ()
    _years: dict[int, Schedule] = field(default_factory=dict, init=False, repr=False)
    _district: dict[int, Schedule] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._district = {schedule.year: schedule for schedule in self.published}

    def schedule(self, year: int) -> Schedule:
        """The schedule this calendar uses for `year` (its origin says whether it is official)."""
        if year not in self._years:
            found = self._district.get(year) or _packaged(year)
            self._years[year] = found or estimate(year)
        return self._years[year]

    def is_official(self, year: int) -> bool:
        return self.schedule(year).origin != ESTIMATE

    def is_workday(self, day: date) -> bool:
        schedule = self.schedule(day.year)
        if day in schedule.workdays:
            return True
        return day not in schedule.holidays and day.weekday() < SATURDAY

    def add_working_days(self, start: date, n: int) -> Deadline:
        """The day `n` working days after `start`, the first day not counted (民法典 第二百零一条); the last
        counted day is a workday, so the period never ends on a rest day (民法典 第二百零三条). n = 0 is
        `start` itself (correct at once). Estimated when any year it counted through has no official schedule."""
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_DAYS:
            raise ValidationError("workdays.bad_count", field="days", days=str(n)[:20], most=MAX_DAYS)
        day, left, one = start, n, timedelta(days=1)
        while left:
            day += one
            if self.is_workday(day):
                left -= 1
        years = range((start + timedelta(days=1 if n else 0)).year, day.year + 1)
        return Deadline(day, not all(self.is_official(year) for year in years))
