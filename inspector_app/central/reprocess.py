"""Re-apply ops central held because it did not understand them (docs/sync-protocol.md §8.1).

A laptop with a newer app may send an op type or payload_v this central does
not know yet. Those ops are held in op_log (payload and the rest kept), never
dropped. After central is upgraded, an administrator runs `inspector central
held --reprocess`: each held op goes through the same Applier as an import, in
seq order per laptop, in one transaction per laptop. What this program still
does not understand stays held; nothing else changes.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from . import models as m
from .apply import LOG_REASON, LOG_SEQ, LOG_STATUS, Applier
from .store import Central


def held_ops(central: Central) -> list[dict]:
    """Every held op, for review: which laptop, which seq, what and why."""
    with central.engine.connect() as c:
        return [dict(r) for r in c.execute(
            select(m.op.c.device_id, m.op.c.seq, m.op.c.entity, m.op.c.entity_id, m.op.c.op, m.op.c.reason,
                   m.op.c.bundle_id, m.op.c.applied_at).where(m.op.c.status == "held")
            .order_by(m.op.c.device_id, m.op.c.seq)).mappings()]


def _rebuild(row) -> dict:
    op = {**(row["op_meta"] or {}), "seq": row["seq"], "change_id": row["change_id"], "entity": row["entity"],
          "entity_id": row["entity_id"], "op": row["op"], "hlc": row["hlc"], "payload": row["payload"]}
    op["_sha"], op["_bundle_id"] = row["op_sha256"], row["bundle_id"]
    return op


def reprocess(central: Central, *, by: str) -> dict:
    """Apply every held op this program now understands; returns counts per outcome and per laptop."""
    with central.engine.connect() as c:
        devices = list(c.execute(select(m.op.c.device_id).where(m.op.c.status == "held").distinct()).scalars())
    totals = {"applied": 0, "noop": 0, "rejected": 0, "quarantined": 0, "held": 0}
    per_device = {}
    for device_id in devices:
        with central.tx(lock=device_id) as c:
            rows = c.execute(select(m.op).where(m.op.c.device_id == device_id, m.op.c.status == "held")
                             .order_by(m.op.c.seq)).mappings().all()
            if not rows:
                continue
            cutoff = c.execute(select(m.device.c.revoked_after_seq).where(m.device.c.device_id == device_id)).scalar()
            def have_blob(sha, c=c) -> bool:
                return c.execute(select(m.blob.c.sha256).where(m.blob.c.sha256 == sha)).first() is not None

            applier = Applier(c, device_id=device_id, bundle_id=rows[0]["bundle_id"], have_blob=have_blob)
            ops = [_rebuild(row) for row in rows]
            applier.prefetch(ops)
            for op in ops:
                applier.apply(op, quarantine=cutoff is not None and op["seq"] > cutoff)
            # ops still not understood keep their row as it was; the others are logged anew
            applier.op_rows = [(*row[:LOG_REASON], f"{row[LOG_REASON] or 'applied'} (re-processed by {by})",
                                *row[LOG_REASON + 1:]) for row in applier.op_rows if row[LOG_STATUS] != "held"]
            c.execute(delete(m.op).where(m.op.c.device_id == device_id,
                                         m.op.c.seq.in_([row[LOG_SEQ] for row in applier.op_rows])))
            applier.flush()
        per_device[device_id] = dict(applier.counts)
        for key, value in applier.counts.items():
            totals[key] += value
    return {**totals, "devices": per_device, "by": by}
