"""Background functions behind the Establishments and Today pages: fn(task, …) → plain data.

They run on the store worker; they return dataclasses and dicts, never ORM
objects bound to a session, so the GUI thread never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core import areas, catalog, establishments, identifiers, inspections, orders, planning
from ..core.errors import ValidationError


@dataclass(frozen=True)
class Filters:
    query: str = ""
    township_id: object = None
    village_id: object = None
    category: str | None = None
    risk_grade: str | None = None
    overdue: bool = False


def find(task, filters: Filters):
    """The matching ids in register order, packed (a UuidList: 1.6 MB for 100,000 rows, no UUID objects)."""
    from ..core import register_ids
    with task.store.session() as session:
        return register_ids.find(
            session, query=filters.query or None, township_id=filters.township_id,
            village_id=filters.village_id, category=filters.category, risk_grade=filters.risk_grade,
            overdue_on=date.today() if filters.overdue else None)


def fetch_rows(task, ids) -> dict:
    with task.store.session() as session:
        return establishments.hits(session, ids)


def area_choices(task) -> list[tuple[object, str, list[tuple[object, str]]]]:
    """[(township id, name, [(village id, name), …]), …] for the filter and register forms."""
    with task.store.session() as session:
        return [(t.id, t.name, [(v.id, v.name) for v in areas.villages(session, t.id)])
                for t in areas.townships(session)]


def detail(task, establishment_id) -> dict:
    with task.store.session() as session:
        row = establishments.get(session, establishment_id)
        names = areas.names(session)
        titles = {record.id: record.title for record in catalog.latest(session)}
        history = [{"id": i.id, "status": i.status, "result": i.result,
                    "checklist": titles.get(i.checklist_id, i.checklist_id),
                    "date": (i.ended_at or i.started_at).astimezone().date().isoformat()}
                   for i in inspections.history(session, row.id, limit=30)]
        open_orders = [{"id": o.id, "deadline": o.deadline, "items": o.failed_items, "number": o.number,
                        "inspection_id": o.inspection_id, "status": o.status,
                        "recheck_failed": o.last_recheck_id is not None}
                       for o in orders.open_orders(session, establishment_id=row.id)]
        facts = {key: getattr(row, key) for key in (
            "id", "name", "category", "licence_type", "licence_no", "credit_code", "legal_rep",
            "contact_person", "phone", "address", "risk_grade", "status", "provisional")}
        masked = _masked(row.responsible_id_no)
        facts.update(township=names.get(row.township_id), village=names.get(row.village_id), responsible_id=masked)
        return {"facts": facts, "history": history, "orders": open_orders}


def _masked(number: str | None) -> str | None:
    """The keeper's ID as documents print it (docs/registration-papers.md); a value the district sent
    that is no resident ID is hidden whole."""
    if not number:
        return None
    try:
        return identifiers.mask_id_number(number)
    except ValidationError:
        return "****"


def register(task, fields: dict) -> object:
    with task.store.write() as session:
        session.info["author_id"] = task.context.user.id if task.context.user else None
        row = establishments.add(session, actor_id=session.info["author_id"], **fields)
        return row.id


def today_lists(task, township_id=None) -> dict:
    today = date.today()
    with task.store.session() as session:
        return {"due": planning.due_inspections(session, today=today, township_id=township_id),
                "orders": planning.due_orders(session, today=today, township_id=township_id),
                "drafts": planning.drafts(session), "today": today}


def checklists_for(task, establishment_id) -> dict:
    """What the start-inspection dialog offers: checklists for the category, other inspectors."""
    from ..core import users
    with task.store.session() as session:
        row = establishments.get(session, establishment_id)
        forms = [(r.id, r.version, r.title) for r in catalog.for_category(session, row.category)]
        inspectors = [(u.id, u.name, u.credential_no) for u in users.list_users(session)
                      if u.active and u.role in ("inspector", "admin")]
        return {"name": row.name, "category": row.category, "forms": forms, "inspectors": inspectors}


def start_inspection(task, establishment_id, checklist_id: str, inspector_ids: list, hazard: bool = False,
                     purpose: str = "routine"):
    with task.store.write() as session:
        author = task.context.user.id if task.context.user else None
        session.info["author_id"] = author
        inspection = inspections.start(session, establishment_id=establishment_id, checklist_id=checklist_id,
                                       inspector_ids=inspector_ids, hazard=hazard, purpose=purpose, actor_id=author)
        return inspection.id


def start_recheck(task, order_id, inspector_ids: list, hazard: bool = False):
    """复查: a re-inspection of an open order's items (core/rechecks.py)."""
    from ..core import rechecks
    with task.store.write() as session:
        author = task.context.user.id if task.context.user else None
        session.info["author_id"] = author
        return rechecks.start(session, order_id=order_id, inspector_ids=inspector_ids, hazard=hazard,
                              actor_id=author).id
