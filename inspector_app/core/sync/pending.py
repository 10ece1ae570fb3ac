"""What this laptop still owes the district: the outbox as the status bar and the Sync page show it.

Changes are counted per outbox row and grouped the way an inspector thinks of
them (an inspection's answers, photos and signatures are "the inspection");
rejected changes are listed one by one with central's reason. Times are the
stored UTC datetimes; the screen turns them into local dates.
"""

from __future__ import annotations

from sqlalchemy import func, select

from ..models import Outbox, SyncInbox
from ..tables import table_of

GROUPS = {"establishment": "establishment", "inspection": "inspection", "answer": "inspection",
          "inspection_inspector": "inspection", "evidence": "inspection", "signature_refusal": "inspection",
          "rectification_order": "rectification_order", "user": "user"}


def unsent(session) -> dict:
    """Changes not yet acknowledged, and when the last acknowledgement (an applied import) arrived."""
    outbox, inbox = table_of(Outbox).c, table_of(SyncInbox).c
    pending = session.execute(select(func.count()).where(outbox.state == "pending")).scalar()
    last = session.execute(select(func.max(inbox.received_at)).where(inbox.status == "applied")).scalar()
    return {"pending": pending or 0, "last_ack_at": last}


def groups(session) -> list[dict]:
    """Pending changes per group, oldest group first: {"group", "changes", "records", "oldest", "newest"}.

    "records" counts distinct rows of the group's own entity (inspections for
    the inspection group), not the answers and photos that came with them."""
    o = table_of(Outbox).c
    rows = session.execute(select(o.entity, func.count(), func.count(func.distinct(o.entity_id)),
                                  func.min(o.created_at), func.max(o.created_at))
                           .where(o.state == "pending").group_by(o.entity)).all()
    grouped: dict[str, dict] = {}
    for entity, count, records, oldest, newest in rows:
        key = GROUPS.get(entity, entity)
        group = grouped.setdefault(key, {"group": key, "changes": 0, "records": 0, "oldest": None, "newest": None})
        group["changes"] += count
        if key == entity:
            group["records"] = records
        group["oldest"] = min(filter(None, [group["oldest"], oldest]), default=None)
        group["newest"] = max(filter(None, [group["newest"], newest]), default=None)
    return sorted(grouped.values(), key=lambda g: (g["oldest"] is None, g["oldest"]))


def rejected(session, *, limit: int = 50) -> list[dict]:
    """Changes central refused, newest first, with its reason."""
    o = table_of(Outbox).c
    rows = session.execute(select(o.seq, o.entity, o.entity_id, o.reason, o.created_at)
                           .where(o.state == "rejected").order_by(o.seq.desc()).limit(limit)).all()
    return [{"seq": r.seq, "entity": r.entity, "entity_id": r.entity_id, "reason": r.reason,
             "created_at": r.created_at} for r in rows]
