"""Central recomputes what a finalized record's answers give (docs/sync-protocol.md §8.3).

A laptop is trusted to say who it is (its signature), not what the rules
decide: its owner holds the key and can re-sign a bundle whose result was
changed. So central recomputes the content hash from the record's own data and
the result, handling, case filing, general pass rate and rectification deadline
from the answers with the checklist version named, by the edition of the rules
the record names (`rules_edition`; a record from before editions is edition 1),
using core's functions (core/inspections.record_hash, core/rules.evaluate). From
rules edition 2 a deadline counts working days: it must be what the official
calendar gives, or, for a record that says it was estimated, what a laptop
without the district's schedule for that year gave (core/workdays.py). A record that disagrees is
not applied: the op is refused with `record_mismatch` and an alarm is raised for
a person, and the laptop's later ops go on applying.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from ..core import checklists, rules, workdays
from ..core.errors import FormError
from ..core.inspections import record_hash, signed_answers

# The inspection's date is the laptop's calendar date (core/reads/inspection.local_date); central does not
# know the laptop's time zone, so a deadline counted from any date the end time falls on in UTC−12…UTC+14
# is what the rules give.
OFFSETS_H = range(-12, 15)
_PARSED: dict[tuple[str, str], checklists.Checklist] = {}  # a published id@version never changes (admin.py)


def checklist_of(record: dict | None) -> checklists.Checklist | None:
    """The Checklist of a published checklist record, or None when central has no such version."""
    if record is None:
        return None
    key = (record["id"], str(record["data"].get("content_hash")))
    if key not in _PARSED:
        try:
            _PARSED[key] = checklists.parse(record["data"].get("definition"), source=f"central checklist {key[0]}")
        except FormError:
            return None
    return _PARSED[key]


def _dates(ended_at) -> set[date]:
    try:
        moment = datetime.fromisoformat(str(ended_at))
    except ValueError:
        return set()
    if moment.tzinfo is None:
        return set()
    return {(moment + timedelta(hours=h)).date() for h in OFFSETS_H}


def problems(inspection: dict, parts: dict[str, list[dict]], checklist, category: str | None,
             official: Sequence[workdays.WorkCalendar] = ()) -> list[str]:
    """What in a finalize op's record is not what its own data and the rules give; [] when all agree.
    `official`: central's calendars (central/holidays.calendars), for records counting working days."""
    if checklist is None:
        return [f"unknown checklist version {inspection.get('checklist_id')}@{inspection.get('checklist_version')}"]
    try:
        return _problems(inspection, parts, checklist, category, official)
    except (TypeError, ValueError, AttributeError) as exc:  # a forged record may hold any JSON anywhere
        return [f"the record cannot be checked: {type(exc).__name__}: {exc}"]


def _problems(inspection: dict, parts: dict[str, list[dict]], checklist, category: str | None,
              official: Sequence[workdays.WorkCalendar]) -> list[str]:
    found = []
    answers = parts.get("answer") or []
    items = [row.get("item_id") for row in answers]
    if len(set(items)) != len(items):
        found.append("an item is answered twice")
    unknown = sorted({str(i) for i in items} - set(checklist.items))
    if unknown:
        found.append(f"answers to items not in the checklist: {', '.join(unknown[:5])}")
    if record_hash(inspection, parts) != inspection.get("content_sha256"):
        found.append("content_sha256 is not the hash of the record")
    dates = _dates(inspection.get("ended_at"))
    if not dates:
        return [*found, "ended_at is not a time with a zone"]
    some_day = min(dates)
    edition = 1 if inspection.get("rules_edition") is None else inspection.get("rules_edition")
    if isinstance(edition, bool) or edition not in rules.EDITIONS:
        return [*found, f"rules_edition {edition!r} is not an edition of the rules central knows"]
    outcome = rules.evaluate(checklist, signed_answers(answers), category=category,
                             hazard=bool(inspection.get("hazard")), on=some_day, edition=edition)
    if outcome.result is None:
        found.append("nothing was checked")
    for name, expected in (("result", outcome.result), ("handling", outcome.handling),
                           ("case_filing", outcome.case_filing)):
        if inspection.get(name) != expected:
            found.append(f"{name} {inspection.get(name)!r}, the answers give {expected!r}")
    rate, claimed = outcome.tally.general_pass_rate, inspection.get("general_pass_rate")
    if (rate is None) != (claimed is None) or (
            rate is not None and (isinstance(claimed, bool) or not isinstance(claimed, (int, float))
                                  or not math.isclose(claimed, rate, abs_tol=1e-9))):
        found.append(f"general_pass_rate {claimed!r}, the answers give {rate!r}")
    deadline = inspection.get("rectification_deadline")
    if _edition(inspection) >= 2:
        estimated = inspection.get("deadline_estimated") is True
        given = (deadline, estimated)
        if given not in _working_day_deadlines(checklist, outcome.order_items, dates, official, estimated):
            found.append(f"rectification_deadline {deadline!r} (estimated: {estimated}) is not what the rules give "
                         "for the answers with the official holiday schedules")
        return found
    if inspection.get("deadline_estimated"):
        found.append("deadline_estimated is set on a deadline counted in calendar days")
    if outcome.rectification_deadline is None:
        allowed: set[str | None] = {None}
    else:
        days = outcome.rectification_deadline - some_day
        allowed = {(day + days).isoformat() for day in dates}
    if deadline not in allowed:
        found.append(f"rectification_deadline {deadline!r} is not what the rules give for the answers")
    return found


def counts_working_days(inspection: dict) -> bool:
    """Whether the record's deadline counts working days (rules edition 2 on)."""
    return _edition(inspection) >= 2


def _edition(inspection: dict) -> int:
    """The rules edition a record follows (core/inspections.rules_edition): none or not a number → 1."""
    edition = inspection.get("rules_edition")
    return edition if isinstance(edition, int) and not isinstance(edition, bool) else 1


def _working_day_deadlines(checklist, failed: list[str], dates: set[date],
                           official: Sequence[workdays.WorkCalendar], estimated: bool) -> set[tuple[str | None, bool]]:
    """(deadline, estimated) pairs a laptop may have counted in working days from any of `dates`: with the
    official calendars (the district's schedules as they stand or as published before, then the package),
    and, for a record that says its deadline was estimated, with what a laptop without the district's
    schedule had (the package, then the estimate)."""
    if not failed:
        return {(None, False)}
    calendars = list(official) or [workdays.WorkCalendar()]
    if estimated:
        calendars.append(workdays.WorkCalendar())
    allowed: set[tuple[str | None, bool]] = set()
    for calendar in calendars:
        for day in dates:
            deadline, was_estimated, _each = rules.deadline_for(checklist, failed, day, calendar)
            allowed.add((deadline.isoformat() if deadline else None, was_estimated))
    return allowed
