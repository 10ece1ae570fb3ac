"""The district's holiday schedules: the file a district publishes from, and the laptop's stored copies.

The State Council announces each year's holidays and 调休 makeup workdays every
autumn; the district types them into a small JSON file (README "Holiday
schedules"), `inspector central holidays` checks and publishes it, and it reaches
every laptop with downward bundles (docs/sync-protocol.md §9.2). Both sides build
their WorkCalendar (core/workdays.py) from what they hold here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from . import jsonfiles, limits
from .errors import ValidationError
from .models import HolidaySchedule
from .tables import table_of
from .workdays import DISTRICT, Schedule, WorkCalendar, check_schedule

FILE_KEYS = {"year", "source", "holidays", "workdays", "published_at"}
BEIJING = timezone(timedelta(hours=8))  # the State Council's notices are dated in China's time
RANGE = ".."


def _day(value) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError("workdays.bad_date", field="dates", value=limits.shown(value, 40)) from None


def _days(values, path: str, key: str) -> list[date]:
    """Dates from a list of "YYYY-MM-DD" and "YYYY-MM-DD..YYYY-MM-DD" (both ends included)."""
    if not isinstance(values, list):
        raise ValidationError("workdays.bad_file", field=key, path=path, detail=f"“{key}” must be a list of dates")
    found: list[date] = []
    for value in values:
        if isinstance(value, str) and RANGE in value:
            first, _, last = value.partition(RANGE)
            start, end = _day(first.strip()), _day(last.strip())
            if end < start or (end - start).days > 366:
                raise ValidationError("workdays.bad_date", field=key, value=limits.shown(value, 40))
            found += [start + timedelta(days=i) for i in range((end - start).days + 1)]
        else:
            found.append(_day(value))
    return found


def read_file(path: Path | str, year: int | None = None) -> Schedule:
    """The schedule in a district's file, checked (core/workdays.check_schedule); `year` must agree with the
    file's own "year" when both are given."""
    shown = str(path)
    jsonfiles.check_size(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("workdays.bad_file", field="file", path=shown, detail=limits.shown(exc, 120)) from None
    doc = jsonfiles.loads(text, path=shown)
    if not isinstance(doc, dict):
        raise ValidationError("workdays.bad_file", field="file", path=shown, detail="not a JSON object")
    unknown = sorted(set(doc) - FILE_KEYS)
    if unknown:
        raise ValidationError("workdays.bad_file", field="file", path=shown,
                              detail=f"unknown keys: {', '.join(limits.shown(k, 30) for k in unknown)}")
    file_year = doc.get("year", year)
    if year is not None and file_year != year:
        raise ValidationError("workdays.year_mismatch", field="year", file_year=limits.shown(file_year, 20),
                              year=year)
    source = doc.get("source")
    if source is not None and not isinstance(source, str):
        raise ValidationError("workdays.bad_file", field="source", path=shown, detail="“source” must be text")
    schedule = check_schedule(file_year, _days(doc.get("holidays"), shown, "holidays"),
                              _days(doc.get("workdays", []), shown, "workdays"), source or "")
    return Schedule(schedule.year, schedule.holidays, schedule.workdays, schedule.source,
                    _published_at(doc.get("published_at"), shown))


def _published_at(value, path: str) -> datetime | None:
    """When the notice was published: a date or a time (ISO 8601); without a zone, Beijing time."""
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=BEIJING)
    try:
        moment = datetime.fromisoformat(value if "T" in str(value) else f"{value}T00:00")
    except (TypeError, ValueError):
        raise ValidationError("workdays.bad_file", field="published_at", path=path,
                              detail="“published_at” must be a date or a time (ISO 8601)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=BEIJING)


def to_data(schedule: Schedule) -> dict:
    """The plain form central stores and bundles carry (docs/sync-protocol.md §9.2)."""
    return {"year": schedule.year, "source": schedule.source,
            "published_at": schedule.published_at.isoformat() if schedule.published_at else None,
            "holidays": [d.isoformat() for d in sorted(schedule.holidays)],
            "workdays": [d.isoformat() for d in sorted(schedule.workdays)]}


def from_data(data: dict) -> Schedule:
    """A stored or received schedule, checked again (a bundle is not taken on trust)."""
    schedule = check_schedule(data.get("year"), [_day(d) for d in data.get("holidays") or ()],
                              [_day(d) for d in data.get("workdays") or ()], data.get("source") or "")
    when = _published_at(data.get("published_at"), "bundle")
    return Schedule(schedule.year, schedule.holidays, schedule.workdays, schedule.source, when, DISTRICT)


# The laptop's copies

def stored(session) -> list[Schedule]:
    table = table_of(HolidaySchedule)
    rows = session.execute(select(table).order_by(table.c.year)).mappings()
    return [from_data(dict(row)) for row in rows]


def calendar_of(session) -> WorkCalendar:
    """The laptop's calendar: the schedules the district sent, then the package, then an estimate."""
    return WorkCalendar(stored(session))


def apply_row(session, row: dict) -> bool:
    """Store a schedule from a downward bundle unless a newer one (by usn) is held; True if stored."""
    schedule = from_data(row["data"])
    current = session.get(HolidaySchedule, schedule.year)
    if current is not None and current.server_usn > row["usn"]:
        return False
    data = to_data(schedule)
    values = {"holidays": data["holidays"], "workdays": data["workdays"], "source": schedule.source,
              "published_at": schedule.published_at, "server_usn": row["usn"]}
    if current is None:
        session.add(HolidaySchedule(year=schedule.year, **values))
    else:
        for name, value in values.items():
            setattr(current, name, value)
    session.flush()
    return True


def known(session, years: list[int]) -> list[dict]:
    """What the laptop knows of each year: its schedule and whether it is official (`inspector holidays`)."""
    calendar = calendar_of(session)
    return [calendar.schedule(year).to_dict() for year in years]
