"""What the laptop's sync looks like now (works without enrolment), and pruning acked rows.

The status is read in plain SQL over a DB-API connection: `inspector sync
status` reads it on a read-only connection without loading the ORM, the
desktop on its session's own (sync_status).
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta

from ..reads.store import dbapi, utc

RETENTION_DAYS = 30


def sync_status(store, paths=None) -> dict:
    with store.session() as session:
        return read_status(dbapi(session))


def _one(connection: sqlite3.Connection, sql: str, *params):
    return connection.execute(sql, params).fetchone()


def read_status(connection: sqlite3.Connection) -> dict:
    """The status; the sync_state row is made with the store (migration 0001)."""
    device_id, acked_through_seq, central_usn_applied, central_epoch = _one(
        connection, "SELECT device_id, acked_through_seq, central_usn_applied, central_epoch FROM sync_state "
                    "WHERE id = 1")
    enrol = _one(connection, "SELECT device_name, central, township_code FROM sync_enrolment WHERE id = 1")
    by_state = dict(connection.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    last_export = _one(connection, """SELECT bundle_id, created_at, path, ops, seq_from, seq_to FROM sync_export
                                      ORDER BY created_at DESC LIMIT 1""")
    last_import = _one(connection, """SELECT bundle_id, received_at, kind, usn_to FROM sync_inbox
                                      WHERE status = 'applied' ORDER BY received_at DESC LIMIT 1""")
    held = _one(connection, "SELECT count(*) FROM sync_inbox WHERE status = 'held'")[0]
    stashed = _one(connection, "SELECT count(*) FROM sync_stash")[0]
    wanted = _one(connection, "SELECT count(*) FROM sync_wanted_blob")[0]
    alarms = _one(connection, "SELECT count(*) FROM audit_log WHERE action = 'sync.alarm'")[0]
    contact = _one(connection, "SELECT at FROM audit_log WHERE action = 'sync.http' ORDER BY seq DESC LIMIT 1")
    rejected = [{"seq": seq, "entity": entity, "entity_id": entity_id, "reason": reason}
                for seq, entity, entity_id, reason in connection.execute(
                    "SELECT seq, entity, entity_id, reason FROM outbox WHERE state = 'rejected' "
                    "ORDER BY seq DESC LIMIT 20")]
    max_seq = _one(connection, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")  # as device_import
    return {
        "device_id": uuid.UUID(device_id).hex, "enrolled": enrol is not None,
        "device_name": enrol[0] if enrol else None, "central": enrol[1] if enrol else None,
        "township_code": enrol[2] if enrol else None,
        "pending": by_state.get("pending", 0), "acked": by_state.get("acked", 0),
        "rejected": by_state.get("rejected", 0), "acked_through_seq": acked_through_seq,
        "max_seq": max_seq[0] if max_seq else 0,
        "central_usn_applied": central_usn_applied, "central_epoch": central_epoch,
        "last_export": None if last_export is None else {
            "bundle_id": last_export[0], "at": utc(last_export[1]).isoformat(), "path": last_export[2],
            "ops": last_export[3], "seq_from": last_export[4], "seq_to": last_export[5]},
        "last_import": None if last_import is None else {
            "bundle_id": last_import[0], "at": utc(last_import[1]).isoformat(), "kind": last_import[2],
            "usn_to": last_import[3]},
        "held_bundles": held, "stashed_rows": stashed, "wanted_blobs": wanted, "alarms": alarms,
        "last_contact": None if contact is None else utc(contact[0]).isoformat(),  # over the network (http_sync)
        "rejected_ops": rejected,
    }


def prune_acked(store, *, days: int = RETENTION_DAYS, now=None) -> int:
    """Delete outbox rows acknowledged more than `days` days ago; returns how many. Signed records stay."""
    from sqlalchemy import delete, select
    from sqlmodel import col

    from ..models import AuditLog, Outbox, utcnow
    cutoff = (now or utcnow()) - timedelta(days=days)
    with store.write() as s:
        acks = s.execute(select(col(AuditLog.detail)).where(col(AuditLog.action) == "sync.import",
                                                            col(AuditLog.at) <= cutoff)).scalars().all()
        through = max((d.get("acked_through_seq", 0) for d in acks if d), default=0)
        if not through:
            return 0
        return s.execute(delete(Outbox).where(col(Outbox.seq) <= through, col(Outbox.state) == "acked")).rowcount
