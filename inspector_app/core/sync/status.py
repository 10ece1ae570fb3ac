"""What the laptop's sync looks like now (works without enrolment), and pruning acked rows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlmodel import col

from ..models import (
    AuditLog,
    Outbox,
    SyncEnrolment,
    SyncExport,
    SyncInbox,
    SyncStash,
    SyncState,
    SyncWantedBlob,
    utcnow,
)
from .device_import import max_local_seq

RETENTION_DAYS = 30


def sync_status(store, paths=None) -> dict:
    with store.session() as s:
        state = s.get(SyncState, 1)
        enrol = s.get(SyncEnrolment, 1)
        by_state = dict(s.execute(select(col(Outbox.state), func.count()).group_by(col(Outbox.state))).all())
        last_export = s.execute(select(SyncExport).order_by(col(SyncExport.created_at).desc()).limit(1)).scalar()
        last_import = s.execute(select(SyncInbox).where(col(SyncInbox.status) == "applied")
                                .order_by(col(SyncInbox.received_at).desc()).limit(1)).scalar()
        held = s.execute(select(func.count()).select_from(SyncInbox).where(col(SyncInbox.status) == "held")).scalar()
        stashed = s.execute(select(func.count()).select_from(SyncStash)).scalar()
        wanted = s.execute(select(func.count()).select_from(SyncWantedBlob)).scalar()
        alarms = s.execute(select(func.count()).select_from(AuditLog)
                           .where(col(AuditLog.action) == "sync.alarm")).scalar()
        rejected = [{"seq": r.seq, "entity": r.entity, "entity_id": r.entity_id, "reason": r.reason}
                    for r in s.execute(select(Outbox).where(col(Outbox.state) == "rejected")
                                       .order_by(col(Outbox.seq).desc()).limit(20)).scalars()]
        max_seq = max_local_seq(s)
    return {
        "device_id": state.device_id.hex, "enrolled": enrol is not None,
        "device_name": enrol.device_name if enrol else None, "central": enrol.central if enrol else None,
        "township_code": enrol.township_code if enrol else None,
        "pending": by_state.get("pending", 0), "acked": by_state.get("acked", 0),
        "rejected": by_state.get("rejected", 0), "acked_through_seq": state.acked_through_seq, "max_seq": max_seq,
        "central_usn_applied": state.central_usn_applied, "central_epoch": state.central_epoch,
        "last_export": None if last_export is None else {
            "bundle_id": last_export.bundle_id, "at": last_export.created_at.isoformat(), "path": last_export.path,
            "ops": last_export.ops, "seq_from": last_export.seq_from, "seq_to": last_export.seq_to},
        "last_import": None if last_import is None else {
            "bundle_id": last_import.bundle_id, "at": last_import.received_at.isoformat(), "kind": last_import.kind,
            "usn_to": last_import.usn_to},
        "held_bundles": held, "stashed_rows": stashed, "wanted_blobs": wanted, "alarms": alarms,
        "rejected_ops": rejected,
    }


def prune_acked(store, *, days: int = RETENTION_DAYS, now=None) -> int:
    """Delete outbox rows acknowledged more than `days` days ago; returns how many. Signed records stay."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    with store.write() as s:
        acks = s.execute(select(col(AuditLog.detail)).where(col(AuditLog.action) == "sync.import",
                                                            col(AuditLog.at) <= cutoff)).scalars().all()
        through = max((d.get("acked_through_seq", 0) for d in acks if d), default=0)
        if not through:
            return 0
        return s.execute(delete(Outbox).where(col(Outbox.seq) <= through, col(Outbox.state) == "acked")).rowcount
