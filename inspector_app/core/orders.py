"""Rectification orders (责令改正): issued when a finalized inspection has failures to fix.

Once issued, an order's number (given at its first print), inspection,
establishment, deadline and failed items never change, it is never deleted,
and its status only moves forward through TRANSITIONS (SQL triggers enforce
all of it, core/triggers.py).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from . import audit, limits
from .errors import NotFound, StateError
from .ids import as_uuid
from .models import Inspection, RectificationOrder, utcnow

# Where an order's status may go next: only forward, and a closed or cancelled order is final.
# Order 49 Art. 33 ¶2: the bureau tracks the rectification and records its result. SQL triggers
# (core/triggers.py) hold every writer to this table; central folds its own richer event log
# (docs/sync-protocol.md §8.2).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "issued": ("verified", "overdue", "closed", "cancelled"),
    "overdue": ("verified", "escalated", "closed", "cancelled"),
    "escalated": ("verified", "closed", "cancelled"),  # 整改未完成，依法立案调查: the bureau files a case
    "verified": ("closed",),
    "closed": (),
    "cancelled": (),
}

OPEN = ("issued", "overdue", "escalated")  # not yet rectified: a re-inspection may close them


def issue(session, *, inspection: Inspection, failed_items: list[str], deadline: date | None,
          item_deadlines: dict[str, date] | None = None, actor_id=None) -> RectificationOrder:
    """Issue the order for the failed items. `item_deadlines` gives each item its own date; kept only
    when they differ (the order then carries them all, `deadline` the earliest, for lists and triggers)."""
    each = {item: day for item, day in (item_deadlines or {}).items() if item in failed_items}
    differ = len(set(each.values())) > 1
    order = RectificationOrder(inspection_id=inspection.id, establishment_id=inspection.establishment_id,
                               failed_items=list(failed_items),
                               deadline=min(each.values()) if each else deadline or date.today(),
                               item_deadlines={item: each[item].isoformat() for item in failed_items
                                               if item in each} if differ else None)
    session.add(order)
    session.flush()
    audit.record(session, action="order.issue", entity="rectification_order", entity_id=order.id,
                 actor_id=actor_id, detail={"inspection": str(inspection.id), "deadline": order.deadline.isoformat()})
    return order


def for_inspection(session, inspection_id) -> list[RectificationOrder]:
    return list(session.exec(select(RectificationOrder)
                             .where(RectificationOrder.inspection_id == inspection_id)))


def open_orders(session, *, due_before: date | None = None, establishment_id=None) -> list[RectificationOrder]:
    query = select(RectificationOrder).where(col(RectificationOrder.status).in_(OPEN))
    if establishment_id is not None:
        query = query.where(RectificationOrder.establishment_id == establishment_id)
    if due_before is not None:
        query = query.where(RectificationOrder.deadline <= due_before)
    return list(session.exec(query.order_by(col(RectificationOrder.deadline))))


def get(session, order_id) -> RectificationOrder:
    order = session.get(RectificationOrder, as_uuid(order_id, "order"))
    if order is None:
        raise NotFound("orders.not_found", field="order", id=str(order_id))
    return order


def shown_status(order: RectificationOrder, today: date) -> str:
    """What a person is told: an issued order past its deadline is overdue before anyone marks it so."""
    if order.status == "issued":
        return "overdue" if order.deadline < today else "open"
    return order.status


def listing(session, *, today: date, overdue_only: bool = False, establishment_id=None) -> list[dict]:
    """Orders as `inspector orders` gives them, by deadline; `overdue_only`: open ones past their deadline."""
    query = select(RectificationOrder).order_by(col(RectificationOrder.deadline), col(RectificationOrder.id))
    if establishment_id is not None:
        query = query.where(RectificationOrder.establishment_id == as_uuid(establishment_id, "establishment"))
    if overdue_only:
        query = query.where(col(RectificationOrder.status).in_(OPEN), RectificationOrder.deadline < today)
    return [as_dict(order, today) for order in session.exec(query)]


def as_dict(order: RectificationOrder, today: date) -> dict:
    return {"id": str(order.id), "inspection_id": str(order.inspection_id),
            "establishment_id": str(order.establishment_id), "status": shown_status(order, today),
            "stored_status": order.status, "items": list(order.failed_items), "deadline": order.deadline.isoformat(),
            "number": order.number, "days_overdue": max((today - order.deadline).days, 0)
            if order.status in OPEN else 0,
            "recheck_failed": order.status in OPEN and order.last_recheck_id is not None,
            "last_recheck_id": None if order.last_recheck_id is None else str(order.last_recheck_id),
            "reinspection_id": None if order.reinspection_id is None else str(order.reinspection_id),
            "escalated_at": None if order.escalated_at is None else order.escalated_at.isoformat(),
            "escalated_by": None if order.escalated_by is None else str(order.escalated_by),
            "escalation_note": order.escalation_note}


def check_recheckable(session, order_id, *, establishment_id=None) -> RectificationOrder:
    """The open order a re-inspection follows up; refused for a closed, cancelled or other place's order,
    or while another re-inspection of it is still a draft."""
    order = get(session, order_id)
    if order.status not in OPEN:
        raise StateError("orders.recheck_not_open", field="order", id=str(order.id), status=order.status)
    if establishment_id is not None and order.establishment_id != as_uuid(establishment_id, "establishment"):
        raise StateError("orders.recheck_other_establishment", field="order", id=str(order.id))
    draft = session.exec(select(Inspection.id).where(Inspection.recheck_of == order.id,
                                                     Inspection.status == "draft")).first()
    if draft is not None:
        raise StateError("orders.recheck_in_progress", field="order", id=str(order.id), draft=str(draft))
    return order


def settle_recheck(session, recheck: Inspection, *, closes: bool, actor_id=None) -> RectificationOrder:
    """After a finalized re-inspection: the order closes when every item it lists passed
    (Order 49 Art. 33 ¶2), else it stays open with the failed re-inspection noted (shown as flagged)."""
    order = get(session, recheck.recheck_of)
    order.last_recheck_id = recheck.id
    if closes:
        order.reinspection_id = recheck.id
        order.status = "closed"
    session.flush()
    audit.record(session, action="order.recheck", entity="rectification_order", entity_id=order.id,
                 actor_id=actor_id, detail={"recheck": str(recheck.id), "closed": closes})
    return order


def escalate(session, order_id, *, today: date, note: str | None = None, actor_id=None) -> RectificationOrder:
    """The second overdue step: the bureau decides to file a case (整改未完成，依法立案调查).

    Only an open order past its deadline, once. An order still marked issued is
    first marked overdue, so central's event log sees both steps
    (docs/sync-protocol.md §8.2)."""
    limits.text("order.escalation_note", note, field="note")
    order = get(session, order_id)
    if order.status == "escalated":
        raise StateError("orders.escalated_already", field="order", id=str(order.id))
    if order.status not in OPEN:
        raise StateError("orders.escalate_not_open", field="order", id=str(order.id), status=order.status)
    if order.deadline >= today:
        raise StateError("orders.not_overdue", field="order", id=str(order.id), deadline=order.deadline.isoformat())
    if order.status == "issued":
        order.status = "overdue"
        session.flush()
    order.status = "escalated"
    order.escalated_at, order.escalation_note = utcnow(), note or None
    order.escalated_by = None if actor_id is None else as_uuid(actor_id, "actor")
    session.flush()
    audit.record(session, action="order.escalate", entity="rectification_order", entity_id=order.id,
                 actor_id=actor_id, detail={"note": note or None})
    return order
