"""What this laptop still owes the district: the outbox as the status bar and the Sync page show it.

Changes are counted per outbox row and grouped the way an inspector thinks of
them (an inspection's answers, photos and signatures are "the inspection");
rejected changes are listed one by one with central's reason. Times are the
stored UTC datetimes; the screen turns them into local dates.
"""

from __future__ import annotations

from sqlalchemy import func, select

from ..models import Outbox, SyncInbox

GROUPS = {"establishment": "establishment", "inspection": "inspection", "answer": "inspection",
          "inspection_inspector": "inspection", "evidence": "inspection", "signature_refusal": "inspection",
          "rectification_order": "rectification_order", "user": "user"}


def unsent(session) -> dict:
    """Changes not yet acknowledged, and when the last acknowledgement (an applied import) arrived."""
    pending = session.execute(select(func.count()).select_from(Outbox).where(Outbox.state == "pending")).scalar()
    last = session.execute(select(func.max(SyncInbox.received_at)).where(SyncInbox.status == "applied")).scalar()
    return {"pending": pending or 0, "last_ack_at": last}


def groups(session) -> list[dict]:
    """Pending changes per group, oldest group first: {"group", "changes", "records", "oldest", "newest"}.

    "records" counts distinct rows of the group's own entity (inspections for
    the inspection group), not the answers and photos that came with them."""
    rows = session.execute(select(Outbox.entity, func.count(), func.count(func.distinct(Outbox.entity_id)),
                                  func.min(Outbox.created_at), func.max(Outbox.created_at))
                           .where(Outbox.state == "pending").group_by(Outbox.entity)).all()
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
    rows = session.execute(select(Outbox.seq, Outbox.entity, Outbox.entity_id, Outbox.reason, Outbox.created_at)
                           .where(Outbox.state == "rejected").order_by(Outbox.seq.desc()).limit(limit)).all()
    return [{"seq": r.seq, "entity": r.entity, "entity_id": r.entity_id, "reason": r.reason,
             "created_at": r.created_at} for r in rows]
