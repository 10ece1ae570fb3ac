"""Rectification orders (责令改正): issued when a finalized inspection has failures to fix.

Once issued, an order's number (given at its first print), inspection,
establishment, deadline and failed items never change, it is never deleted,
and its status only moves forward through TRANSITIONS (SQL triggers enforce
all of it, core/triggers.py).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from . import audit
from .models import Inspection, RectificationOrder

# Where an order's status may go next: only forward, and a closed or cancelled order is final.
# Order 49 Art. 33 ¶2: the bureau tracks the rectification and records its result. SQL triggers
# (core/triggers.py) hold every writer to this table; central folds its own richer event log
# (docs/sync-protocol.md §8.2).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "issued": ("verified", "overdue", "closed", "cancelled"),
    "overdue": ("verified", "closed", "cancelled"),
    "verified": ("closed",),
    "closed": (),
    "cancelled": (),
}


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
    query = select(RectificationOrder).where(col(RectificationOrder.status).in_(("issued", "overdue")))
    if establishment_id is not None:
        query = query.where(RectificationOrder.establishment_id == establishment_id)
    if due_before is not None:
        query = query.where(RectificationOrder.deadline <= due_before)
    return list(session.exec(query.order_by(col(RectificationOrder.deadline))))
