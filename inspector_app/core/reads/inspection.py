"""One inspection as plain data: what `inspector show inspection`, `inspect` and the desktop show.

The one implementation of the summary, in SQL over a DB-API connection:
inspection_summary.summarize runs it on the ORM session's connection with the
parsed checklist model, the read-only command line on its own connection
with the stored checklist (reads/checklist.py). The result for a finalized
inspection is the stored one; a draft's is computed live by the rules.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime

from .. import codes, failure_marks, recheck_scope, rules
from ..ids import as_uuid
from . import checklist as stored
from .store import dashed, json_value, utc


def local_date(moment: datetime) -> date:
    """The calendar date on the laptop where the inspection happened."""
    return moment.astimezone().date()


def missing_items(checklist, answers: dict[str, dict], category: str | None) -> list[str]:
    """Relevant scored items still unanswered, when the checklist's coverage needs them before finalizing."""
    relevant = [item for item in checklist.relevant_items(answers, category) if item.scored]
    unanswered = [item.id for item in relevant if rules.item_outcome(item, answers.get(item.id)) is None]
    if checklist.coverage.mode == "all":
        return unanswered
    counted = rules.tally(checklist, answers, category)
    key_checked = len(counted.key_passed) + len(counted.key_failed) + len(counted.key_na)
    general_checked = len(counted.general_passed) + len(counted.general_failed) + len(counted.general_na)
    if key_checked < checklist.coverage.min_key or general_checked < checklist.coverage.min_general:
        return unanswered
    return []


def missing_photos(checklist, failed: list[str], with_photos: set) -> list[str]:
    """Failed items whose checklist asks for a photo on failure and that have none."""
    return [i for i in failed if checklist.items[i].evidence_on_fail and i not in with_photos]


def answers(connection: sqlite3.Connection, inspection_key: str) -> dict[str, dict]:
    rows = connection.execute("""SELECT item_id, answer, value, note, fixed_on_spot, fix_note, affects_safety
                                 FROM answer WHERE inspection_id = ?""", (inspection_key,))
    return {item_id: {"answer": answer, "value": json_value(value), "note": note,
                      **failure_marks.state(fixed, fix_note, affects_safety)}
            for item_id, answer, value, note, fixed, fix_note, affects_safety in rows}


def work_calendar(connection: sqlite3.Connection):
    """The laptop's calendar (core/holiday_schedules.calendar_of: the district's schedules, then the package,
    then an estimate), read without SQLAlchemy, so a draft previews the deadline its finalize will give."""
    from ..workdays import DISTRICT, Schedule, WorkCalendar, check_schedule
    schedules = []
    for year, holidays, workdays, source in connection.execute(
            "SELECT year, holidays, workdays, source FROM holiday_schedule ORDER BY year"):
        checked = check_schedule(year, [date.fromisoformat(d) for d in json.loads(holidays)],
                                 [date.fromisoformat(d) for d in json.loads(workdays)], source)
        schedules.append(Schedule(checked.year, checked.holidays, checked.workdays, checked.source, None, DISTRICT))
    return WorkCalendar(schedules)


def summary(connection: sqlite3.Connection, inspection_id, *, with_answers: bool = False,
            checklist=None) -> dict | None:
    """The stored result for a finalized inspection, the live one for a draft; None when there is
    no such inspection (or its checklist is not installed). `checklist`: the parsed one, if at hand."""
    key = as_uuid(inspection_id, "inspection").hex
    row = connection.execute(
        """SELECT i.status, i.result, i.handling, i.case_filing, i.rectification_deadline, i.deadline_estimated,
                  i.hazard, i.checklist_id, i.checklist_version, i.started_at, i.ended_at, i.finalized_at, i.amends_id,
                  i.content_sha256, i.rules_edition, e.id, e.name, e.category, e.licence_no, i.purpose, i.recheck_of
           FROM inspection i JOIN establishment e ON e.id = i.establishment_id WHERE i.id = ?""", (key,)).fetchone()
    if row is None:
        return None
    (status, result, handling, case_filing, deadline, estimated, hazard, checklist_id, checklist_version, started_at,
     ended_at, finalized_at, amends_id, content_sha256, edition, shop_id, shop_name, category, licence_no, purpose,
     recheck_of) = row
    checklist = checklist or stored.load(connection, checklist_id, checklist_version)
    if checklist is None:
        return None
    if recheck_of is not None:  # a re-inspection checks its order's items only (recheck_scope.py)
        listed = connection.execute("SELECT failed_items FROM rectification_order WHERE id = ?",
                                    (recheck_of,)).fetchone()
        checklist = recheck_scope.narrowed(checklist, None if listed is None else json_value(listed[0]))
    given = answers(connection, key)
    started_at, ended_at, finalized_at = utc(started_at), utc(ended_at), utc(finalized_at)
    hazard = bool(hazard)
    edition = edition if status == "finalized" else rules.EDITION  # a draft follows today's rules
    calendar = work_calendar(connection) if edition >= 2 else None  # edition 2 counts working days
    outcome = rules.evaluate(checklist, given, category=category, hazard=hazard, edition=edition, calendar=calendar,
                             on=local_date(ended_at or datetime.now(UTC)))  # a finalized one has ended
    if status == "finalized":
        data = {"result": result, "handling": handling, "case_filing": bool(case_filing)}
    else:
        deadline = outcome.rectification_deadline.isoformat() if outcome.rectification_deadline else None
        estimated = outcome.deadline_estimated
        data = {"result": outcome.result, "handling": outcome.handling, "case_filing": outcome.case_filing}
    rate = outcome.tally.general_pass_rate
    inspectors = connection.execute(
        """SELECT u.id, u.name, u.credential_no FROM "user" u JOIN inspection_inspector ii ON ii.user_id = u.id
           WHERE ii.inspection_id = ? ORDER BY ii.position""", (key,))
    evidence = connection.execute("SELECT item_id, role, sha256 FROM evidence WHERE inspection_id = ?",
                                  (key,)).fetchall()
    orders = connection.execute("""SELECT id, number, deadline, status, failed_items, item_deadlines
                                   FROM rectification_order WHERE inspection_id = ?""", (key,))
    photos = {item_id for item_id, role, _ in evidence if role == "photo"}
    summary = {
        "id": dashed(key),
        "status": status,
        **data,
        "result_label": codes.label("result", data["result"], "zh") or None,
        "handling_label": codes.label("handling", data["handling"], "zh") or None,
        "failed_key_items": outcome.tally.key_failed,
        "failed_general_items": outcome.tally.general_failed,
        "not_applicable_items": outcome.tally.key_na + outcome.tally.general_na,
        "general_pass_rate": None if rate is None else round(rate, 4),
        "treatments": {i: outcome.treatments[i] for i in outcome.tally.failed if i in outcome.treatments},
        "rules_edition": edition,
        "rectification_deadline": deadline,
        "deadline_estimated": bool(estimated),  # counted through a year with no official holiday schedule
        "hazard": hazard,
        "establishment": {"id": dashed(shop_id), "name": shop_name, "category": category, "licence_no": licence_no},
        "checklist": {"id": checklist_id, "version": checklist_version},
        "inspectors": [{"id": dashed(i), "name": n, "credential_no": c} for i, n, c in inspectors],
        "started_at": started_at.isoformat(),
        "ended_at": ended_at.isoformat() if ended_at else None,
        "finalized_at": finalized_at.isoformat() if finalized_at else None,
        "amends_id": dashed(amends_id),
        "purpose": purpose,
        "purpose_label": codes.label("purpose", purpose, "zh") or None,
        "recheck_of": dashed(recheck_of),
        "content_sha256": content_sha256,
        "missing_items": missing_items(checklist, given, category) if status == "draft" else [],
        "missing_evidence": missing_photos(checklist, outcome.tally.failed, photos),
        "evidence": [{"item_id": item_id, "role": role, "sha256": sha256} for item_id, role, sha256 in evidence],
        "orders": [{"id": dashed(o), "number": number, "deadline": due, "status": order_status,
                    "failed_items": json_value(failed), "item_deadlines": json_value(each)}
                   for o, number, due, order_status, failed, each in orders],
    }
    if with_answers:
        summary["answers"] = given
    return summary
