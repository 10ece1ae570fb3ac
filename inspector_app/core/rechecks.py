"""Re-inspection (复查) of a rectification order: what the desktop's 复查 button and `inspector recheck` call.

Order 49 Art. 33 ¶2: the bureau follows up the rectification and records its
result. A re-inspection is an inspection with purpose `recheck` linked to the
order (`recheck_of`), on the checklist version the order was found with, that
checks the order's items only (core/recheck_scope.py). Finalizing it closes the
order when every listed item passes; otherwise the order stays open, flagged
(core/inspections.finalize → core/orders.settle_recheck).
"""

from __future__ import annotations

from datetime import datetime

from . import inspections, orders
from .models import Inspection


def start(session, *, order_id, inspector_ids, started_at: datetime | None = None, hazard: bool = False,
          notes: str | None = None, actor_id=None) -> Inspection:
    """A draft re-inspection of an open order; refused (coded) for a closed or cancelled order."""
    order = orders.check_recheckable(session, order_id)
    found = inspections.get(session, order.inspection_id)
    return inspections.start(session, establishment_id=order.establishment_id, checklist_id=found.checklist_id,
                             version=found.checklist_version, inspector_ids=inspector_ids, hazard=hazard,
                             started_at=started_at, notes=notes, purpose="recheck", recheck_of=order.id,
                             actor_id=actor_id)
