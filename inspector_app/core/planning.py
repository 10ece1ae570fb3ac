"""What is due: risk-based inspection schedule, rectification deadlines, drafts.

Minimum inspections per year by risk grade follow Tianjin's 2017 rule
(A 1, B 2, C 3, D 4; 《天津市餐饮服务食品安全风险分级管理办法（试行）》); the interval is a year divided by
that number, counted from the last finalized inspection. An establishment
never inspected is due from the day it was registered.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

VISITS_PER_YEAR = {"A": 1, "B": 2, "C": 3, "D": 4}
INTERVAL_DAYS = {grade: 365 // visits for grade, visits in VISITS_PER_YEAR.items()}

_DUE_SQL = """
    WITH last AS (
        SELECT establishment_id, max(ended_at) AS last_at, count(*) AS visits
        FROM inspection WHERE status = 'finalized' GROUP BY establishment_id
    )
    SELECT e.id, e.name, e.category, e.risk_grade, t.name AS township, last.last_at,
           CASE WHEN last.last_at IS NULL THEN date(e.created_at)
                ELSE date(last.last_at, '+' || (CASE e.risk_grade
                     WHEN 'A' THEN {A} WHEN 'B' THEN {B} WHEN 'C' THEN {C} ELSE {D} END) || ' days') END AS due
    FROM establishment e
    JOIN area t ON t.id = e.township_id
    LEFT JOIN last ON last.establishment_id = e.id
    WHERE e.status = 'open' {scope}
""".format(scope="{scope}", **INTERVAL_DAYS)


def due_sql(scope: str = "") -> str:
    """The schedule query; `scope` adds AND-conditions on `e`."""
    return _DUE_SQL.replace("{scope}", scope)


@dataclass(frozen=True)
class DueInspection:
    establishment_id: uuid.UUID
    name: str
    category: str
    risk_grade: str
    township: str
    last_inspected: str | None
    due: date

    def overdue(self, today: date) -> bool:
        return self.due < today


def due_inspections(session, *, today: date, horizon_days: int = 14, township_id=None,
                    limit: int = 200) -> list[DueInspection]:
    """Establishments due within `horizon_days` or overdue, most overdue and riskiest first."""
    scope, params = "", {"horizon": (today + timedelta(days=horizon_days)).isoformat(), "limit": limit}
    if township_id is not None:
        scope, params["township"] = "AND e.township_id = :township", uuid.UUID(str(township_id)).hex
    sql = f"SELECT * FROM ({due_sql(scope)}) WHERE due <= :horizon ORDER BY due, risk_grade DESC LIMIT :limit"
    return [DueInspection(uuid.UUID(r[0]), r[1], r[2], r[3], r[4], r[5] and r[5][:10], date.fromisoformat(r[6]))
            for r in session.connection().execute(text(sql), params)]


@dataclass(frozen=True)
class DueOrder:
    order_id: uuid.UUID
    establishment_id: uuid.UUID
    establishment: str
    deadline: date
    failed_items: list[str]
    inspection_id: uuid.UUID
    status: str = "issued"  # issued | overdue | escalated (整改未完成，依法立案调查)
    recheck_failed: bool = False  # a re-inspection found it not yet rectified (Order 49 Art. 33 ¶2)


def due_orders(session, *, today: date, horizon_days: int = 7, township_id=None,
               limit: int = 200) -> list[DueOrder]:
    """Open rectification orders due within `horizon_days` or past their deadline."""
    params = {"horizon": (today + timedelta(days=horizon_days)).isoformat(), "limit": limit}
    scope = ""
    if township_id is not None:
        scope, params["township"] = "AND e.township_id = :township", uuid.UUID(str(township_id)).hex
    rows = session.connection().execute(text(f"""
        SELECT o.id, e.id, e.name, o.deadline, o.failed_items, o.inspection_id, o.status, o.last_recheck_id
        FROM rectification_order o JOIN establishment e ON e.id = o.establishment_id
        WHERE o.status IN ('issued', 'overdue', 'escalated') AND o.deadline <= :horizon {scope}
        ORDER BY o.deadline LIMIT :limit"""), params)
    return [DueOrder(uuid.UUID(r[0]), uuid.UUID(r[1]), r[2], date.fromisoformat(r[3]), json.loads(r[4]),
                     uuid.UUID(r[5]), r[6], r[7] is not None) for r in rows]


@dataclass(frozen=True)
class Draft:
    inspection_id: uuid.UUID
    establishment_id: uuid.UUID
    establishment: str
    checklist: str  # the checklist's title
    started_at: str
    answered: int


def drafts(session, *, limit: int = 100) -> list[Draft]:
    rows = session.connection().execute(text("""
        SELECT i.id, e.id, e.name, c.title, i.started_at,
               (SELECT count(*) FROM answer a WHERE a.inspection_id = i.id)
        FROM inspection i JOIN establishment e ON e.id = i.establishment_id
        JOIN checklist c ON c.id = i.checklist_id AND c.version = i.checklist_version
        WHERE i.status = 'draft' ORDER BY i.updated_at DESC LIMIT :limit"""), {"limit": limit})
    return [Draft(uuid.UUID(r[0]), uuid.UUID(r[1]), r[2], r[3], _local_minutes(r[4]), r[5]) for r in rows]


def _local_minutes(stored_utc: str) -> str:
    """'2026-11-28 04:25' in the laptop's time zone (the store keeps naive UTC)."""
    moment = datetime.fromisoformat(stored_utc).replace(tzinfo=UTC).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")
