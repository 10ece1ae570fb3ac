"""Re-inspections (复查) at central: a recheck is checked on its order's items, and closes the order.

Order 49 Art. 33 ¶2: the bureau follows up the rectification and records its
result. A laptop's re-inspection (`recheck_of` = the order) is recomputed on the
order's items only (core/recheck_scope.py), as the laptop computed it; a
laptop may move its order to `closed` only with that re-inspection
(`reinspection_id`), finalized here, every listed item passing
(docs/sync-protocol.md §8.2). A laptop cannot close an order by saying so.
"""

from __future__ import annotations

from sqlalchemy import select

from ..core import recheck_scope, rules
from ..core.inspections import signed_answers
from . import models as m
from . import record_check


def narrowed(applier, inspection: dict, checklist):
    """(the checklist a finalize op is checked with, a problem or None): a re-inspection's is narrowed
    to the items of the order it follows up, which central must hold."""
    order_id = inspection.get("recheck_of")
    if order_id is None or checklist is None:
        return checklist, None
    order = applier.get("rectification_order", str(order_id))
    if order is None:
        return checklist, f"re-inspects order {order_id}, which central does not hold"
    if order["data"].get("establishment_id") != inspection.get("establishment_id"):
        return checklist, f"re-inspects order {order_id} of another establishment"
    return recheck_scope.narrowed(checklist, order["data"].get("failed_items") or []), None


def off_order(answers: list[dict], checklist) -> list[str]:
    """Answers a re-inspection gives to items its order does not list (it checks those items only)."""
    if not isinstance(checklist, recheck_scope.RecheckChecklist):
        return []
    return sorted({str(row.get("item_id")) for row in answers} - set(checklist.order_items))


def closes(applier, order_id: str, recheck_id) -> bool:
    """Whether the re-inspection `recheck_id` (finalized, held here) closes order `order_id`."""
    if not isinstance(recheck_id, str):
        return False
    recheck, order = applier.get("inspection", recheck_id), applier.get("rectification_order", order_id)
    if recheck is None or order is None or recheck["data"].get("recheck_of") != order_id:
        return False
    data = recheck["data"]
    whole = record_check.checklist_of(
        applier.get("checklist", f"{data.get('checklist_id')}@{data.get('checklist_version')}"))
    if whole is None:
        return False
    items = order["data"].get("failed_items") or []
    checklist = recheck_scope.narrowed(whole, items)
    given = signed_answers(_answer_rows(applier, recheck_id))
    outcomes = {i: rules.item_outcome(checklist.items[i], given.get(i)) for i in given if i in checklist.items}
    return recheck_scope.order_closes(items, outcomes)


def _answer_rows(applier, inspection_id: str) -> list[dict]:
    pending = [rec["data"] for (entity, _), rec in applier.records.items()
               if entity == "answer" and rec is not None and rec.get("ref") == inspection_id]
    if pending:
        return pending
    return [dict(row) for row in applier.c.execute(select(m.record.c.data).where(
        m.record.c.entity == "answer", m.record.c.ref == inspection_id)).scalars()]
