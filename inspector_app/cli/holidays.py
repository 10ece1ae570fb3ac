"""Holiday schedules: `inspector holidays` (what this laptop counts working days with) and
`inspector central holidays` (the district publishes a year's schedule; core/workdays.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .common import EXIT_OK, central_store, emit, open_store, say


def _origin(origin: str) -> str:
    if origin == "district":
        return say("cli.holidays_district")
    return say("cli.holidays_package") if origin == "package" else say("cli.holidays_estimate")


def _line(schedule: dict) -> str:
    kind = _origin(schedule["origin"])
    return (f"{schedule['year']}  {kind}  {schedule.get('source') or ''}  "
            f"{say('cli.holidays_counts', holidays=len(schedule['holidays']), workdays=len(schedule['workdays']))}")


def cmd_holidays(args) -> int:
    """What this laptop knows of each year (this year and the next, those the district sent, or --year)."""
    from ..core import holiday_schedules
    store = open_store(args)
    with store.session() as session:
        years = [args.year] if args.year else sorted(
            {date.today().year, date.today().year + 1} | {s.year for s in holiday_schedules.stored(session)})
        shown = holiday_schedules.known(session, years)
    emit(args, shown, "\n".join(_line(schedule) for schedule in shown))
    return EXIT_OK


def cmd_central_holidays(args) -> int:
    """Publish a year's schedule from a file (checked; laptops get it with their next bundle), or list them."""
    from ..central import holidays
    from ..core import holiday_schedules
    with central_store(args) as central:
        if args.file:
            schedule = holiday_schedules.read_file(Path(args.file), args.year)
            result = holidays.publish(central, schedule, by=args.by)
            emit(args, result, say("cli.holidays_published", year=result["year"], source=result["source"],
                                   holidays=len(result["holidays"]), workdays=len(result["workdays"])))
            return EXIT_OK
        rows = holidays.listing(central)
    rows = [row for row in rows if not args.year or row["year"] == args.year]
    emit(args, rows, "\n".join(f"{row['year']}  {row['source']}  " + say(
        "cli.holidays_counts", holidays=row["holiday_count"], workdays=row["workday_count"]) for row in rows)
        or say("cli.holidays_none"))
    return EXIT_OK


def register(sub, command) -> None:
    p = command("holidays", cmd_holidays, help="the holiday schedules this laptop counts working-day deadlines "
                                                "with, and whether each year's is official")
    p.add_argument("--year", type=int, help="only this year")


def register_central(central) -> None:
    """Called by the central group with its command maker (which adds --db)."""
    p = central("holidays", cmd_central_holidays, help="publish a year's holiday schedule (the State Council "
                                                        "notice) for every laptop, or list the published ones")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--file", metavar="FILE", help="the schedule (JSON; README \"Holiday schedules\")")
    which.add_argument("--list", action="store_true", help="the published schedules")
    p.add_argument("--year", type=int, help="the year the file is for (it must say the same; with --list: "
                                            "only that year)")
    p.add_argument("--by", metavar="NAME", help="who publishes it")
