"""The district publishes each year's holiday schedule; laptops count working-day deadlines with it.

The State Council's notice each autumn sets the next year's holidays and 调休
makeup workdays; the packaged data (core/workdays.py) lags behind it. The
district types the notice into a file (README "Holiday schedules"), `inspector
central holidays --year Y --file F` checks it with core's rule and stores it here,
and every downward bundle carries the rows a laptop has not applied
(docs/sync-protocol.md §9.2). Central's record check counts deadlines with the
same calendar (central/record_check.py).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import insert, select, update

from ..core import holiday_schedules
from ..core.workdays import Schedule, WorkCalendar, check_schedule
from . import models as m
from .store import Central, next_usn, now

TABLE = "holiday_schedule"  # the registry table's name in bundles


def publish(central: Central, schedule: Schedule, *, by: str | None = None) -> dict:
    """Store a checked schedule for its year (replacing an earlier one); laptops get it with their next
    downward bundle. Returns what was stored, with its usn."""
    checked = check_schedule(schedule.year, schedule.holidays, schedule.workdays, schedule.source)  # whoever calls
    data = holiday_schedules.to_data(replace(checked, published_at=schedule.published_at))
    table = m.holiday_schedule
    with central.tx(lock="holiday_schedule") as c:
        usn = next_usn(c)
        row = c.execute(select(table.c.server_version, table.c.data, table.c.superseded)
                        .where(table.c.year == schedule.year)).first()
        if row is None:
            c.execute(insert(table).values(year=schedule.year, data=data, server_version=1, usn=usn,
                                           published_by=by, updated_at=now()))
        else:  # the earlier publication is kept: a laptop may have counted deadlines with it
            c.execute(update(table).where(table.c.year == schedule.year).values(
                data=data, superseded=[*(row.superseded or []), row.data], server_version=row.server_version + 1,
                usn=usn, published_by=by, updated_at=now()))
    version = 1 if row is None else row.server_version + 1
    return {**data, "usn": usn, "server_version": version, "replaced": row is not None}


def listing(central: Central) -> list[dict]:
    """Every published schedule, by year, with how many rest and makeup days it names."""
    with central.engine.connect() as c:
        rows = c.execute(select(m.holiday_schedule).order_by(m.holiday_schedule.c.year)).mappings().all()
    return [{**row["data"], "usn": row["usn"], "server_version": row["server_version"],
             "published_by": row["published_by"], "holiday_count": len(row["data"]["holidays"]),
             "workday_count": len(row["data"]["workdays"])} for row in rows]


def published(connection) -> list[Schedule]:
    rows = connection.execute(select(m.holiday_schedule.c.data).order_by(m.holiday_schedule.c.year)).scalars()
    return [holiday_schedules.from_data(data) for data in rows]


def calendars(connection) -> list[WorkCalendar]:
    """The official calendars a laptop may have counted with: the district's schedules as they stand (then the
    package, then an estimate) first, then, for each year published again, one with an earlier publication."""
    rows = connection.execute(select(m.holiday_schedule.c.data, m.holiday_schedule.c.superseded)
                              .order_by(m.holiday_schedule.c.year)).all()
    current = {schedule.year: schedule for schedule in (holiday_schedules.from_data(row.data) for row in rows)}
    found = [WorkCalendar(current.values())]
    for row in rows:
        for earlier in row.superseded or ():
            schedule = holiday_schedules.from_data(earlier)
            found.append(WorkCalendar({**current, schedule.year: schedule}.values()))
    return found


def registry_rows(connection, usn_from: int, usn_to: int) -> list[dict]:
    """The downward registry rows {id, usn, server_version, deleted, data} with usn in (usn_from, usn_to]."""
    table = m.holiday_schedule
    rows = connection.execute(select(table).where(table.c.usn > usn_from, table.c.usn <= usn_to)
                              .order_by(table.c.usn)).mappings()
    return [{"id": str(row["year"]), "usn": row["usn"], "server_version": row["server_version"], "deleted": False,
             "data": row["data"]} for row in rows]
