"""Conflicts and alerts for people (docs/sync-protocol.md §8.5): listed, never silently dropped, cleared by hand.

A record's conflict flag (soft | gap | hard) only ever goes up on import; it
goes back to none when a clerk or district administrator has resolved every
open conflict of that record.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from ..core.errors import NotFound, ValidationError
from . import models as m
from .importer import check_gaps
from .store import Central, now


def list_conflicts(central: Central, *, include_resolved: bool = False, kind: str | None = None,
                   entity: str | None = None, limit: int = 500) -> list[dict]:
    query = select(m.conflict, m.record.c.data, m.record.c.conflict.label("record_flag")).join(
        m.record, (m.record.c.entity == m.conflict.c.entity) & (m.record.c.id == m.conflict.c.entity_id),
        isouter=True)
    if not include_resolved:
        query = query.where(m.conflict.c.resolved_at.is_(None))
    if kind:
        query = query.where(m.conflict.c.kind == kind)
    if entity:
        query = query.where(m.conflict.c.entity == entity)
    with central.engine.connect() as c:
        rows = c.execute(query.order_by(m.conflict.c.id).limit(limit)).mappings().all()
    out = []
    for r in rows:
        data = r["data"] or {}
        out.append({"id": r["id"], "kind": r["kind"], "entity": r["entity"], "entity_id": r["entity_id"],
                    "label": data.get("name") or data.get("number") or r["entity_id"][:8],
                    "fields": r["fields"], "detail": r["detail"], "device_id": r["device_id"], "seq": r["seq"],
                    "created_at": r["created_at"].isoformat() if r["created_at"] else None,
                    "record_flag": r["record_flag"], "resolved_by": r["resolved_by"],
                    "resolved_at": r["resolved_at"].isoformat() if r["resolved_at"] else None,
                    "resolution": r["resolution"]})
    return out


def list_alerts(central: Central, *, include_cleared: bool = False) -> list[dict]:
    check_gaps(central)
    query = select(m.alert)
    if not include_cleared:
        query = query.where(m.alert.c.cleared_at.is_(None))
    with central.engine.connect() as c:
        return [{**dict(r), "created_at": r["created_at"].isoformat(),
                 "cleared_at": r["cleared_at"].isoformat() if r["cleared_at"] else None}
                for r in c.execute(query.order_by(m.alert.c.id)).mappings()]


def resolve(central: Central, conflict_id: int, *, by: str, note: str | None = None) -> dict:
    """Mark one conflict resolved; the record's flag clears when none is left open."""
    if not (by or "").strip():
        raise ValidationError("central.resolver_required", field="by")
    with central.tx() as c:
        row = c.execute(select(m.conflict).where(m.conflict.c.id == int(conflict_id))).mappings().first()
        if row is None:
            raise NotFound("central.no_conflict", field="conflict", id=conflict_id)
        c.execute(update(m.conflict).where(m.conflict.c.id == row["id"]).values(
            resolved_by=by.strip(), resolved_at=now(), resolution=note))
        cleared = clear_flag_if_settled(c, row["entity"], row["entity_id"])
    return {"id": row["id"], "entity": row["entity"], "entity_id": row["entity_id"], "resolved_by": by.strip(),
            "record_cleared": cleared}


def clear_flag_if_settled(c, entity: str, entity_id: str) -> bool:
    """Clear a record's conflict flag once none of its conflicts is open (inside the caller's transaction)."""
    left = c.execute(select(func.count()).select_from(m.conflict).where(
        m.conflict.c.entity == entity, m.conflict.c.entity_id == entity_id,
        m.conflict.c.resolved_at.is_(None))).scalar()
    if left == 0:
        c.execute(update(m.record).where(m.record.c.entity == entity, m.record.c.id == entity_id)
                  .values(conflict=None))
    return left == 0


def clear_alert(central: Central, alert_id: int) -> None:
    with central.tx() as c:
        if not c.execute(update(m.alert).where(m.alert.c.id == int(alert_id)).values(cleared_at=now())).rowcount:
            raise NotFound("central.no_alert", field="alert", id=alert_id)
