"""Finalized inspections at central: append-only, idempotent by id and content hash (docs/sync-protocol.md §8.3).

A `finalize` op carries the whole signed record (the inspection and its parts).
Same id + same content_sha256 → no-op; a different hash under a known id is
refused (like ODK's xmlConflict). An inspection that amends a record another
amendment already amends is kept, and the chain is flagged `hard` for the
supervisor. Evidence whose bytes have not arrived leaves the inspection
`incomplete` until a later bundle brings them.
"""

from __future__ import annotations

from sqlalchemy import select

from . import models as m
from . import rechecks, record_check
from .assignments import mark_done

PARTS = ("answer", "inspection_inspector", "evidence", "signature_refusal")


def _valid(payload) -> str | None:
    if not isinstance(payload, dict) or not isinstance(payload.get("inspection"), dict):
        return "a finalize op must carry the inspection"
    parts = payload.get("parts")
    if not isinstance(parts, dict) or not all(isinstance(v, list) for v in parts.values()):
        return "a finalize op must carry the inspection's parts"
    for table, rows in parts.items():
        for row in rows:
            if not isinstance(row, dict) or not isinstance(row.get("id"), str):
                return f"a {table} row has no id"
            if row.get("inspection_id") != payload["inspection"].get("id"):
                return f"a {table} row belongs to another inspection"
    return None


def apply_finalize(applier, op: dict) -> str:
    problem = _valid(op.get("payload"))
    if problem:
        return applier.log(op, "rejected", problem)
    insp, parts = op["payload"]["inspection"], op["payload"]["parts"]
    rid = op["entity_id"]
    if insp.get("id") != rid or insp.get("status") != "finalized" or not insp.get("content_sha256"):
        return applier.log(op, "rejected", "the record is not a finalized inspection with a content hash")
    establishment = applier.get("establishment", str(insp.get("establishment_id")))
    category = establishment["data"].get("category") if establishment else None
    checklist = record_check.checklist_of(
        applier.get("checklist", f"{insp.get('checklist_id')}@{insp.get('checklist_version')}"))
    checklist, unheld = rechecks.narrowed(applier, insp, checklist)  # a 复查 counts its order's items only
    official = applier.work_calendars() if record_check.counts_working_days(insp) else []
    mismatch = record_check.problems(insp, parts, checklist, category, official)
    if checklist is not None:
        off = rechecks.off_order(parts.get("answer") or [], checklist)
        mismatch += [unheld] if unheld else []
        mismatch += [f"answers to items not on the order: {', '.join(off[:5])}"] if off else []
    if mismatch:
        return refuse_mismatch(applier, op, mismatch)
    existing = applier.get("inspection", rid)
    if existing is not None:
        if existing["data"].get("content_sha256") == insp["content_sha256"]:
            return applier.log(op, "noop", "the same signed record was received before")
        return applier.log(op, "rejected", "a different record exists under the same inspection id")
    for table, rows in parts.items():
        for row in rows:
            if applier.get(table, row["id"]) is not None:
                return applier.log(op, "rejected", f"{table} {row['id']} exists already under another record")
    amends = insp.get("amends_id")
    rec = applier.create("inspection", rid, insp, op, ref=amends)
    if isinstance(insp.get("establishment_id"), str):
        mark_done(applier, insp["establishment_id"], rid, op)
    for table, rows in parts.items():
        for row in rows:
            applier.create(table, row["id"], row, op, ref=rid)
    missing = sorted({row.get("sha256") for row in parts.get("evidence", [])
                      if not applier.have_blob(row.get("sha256"))})
    if missing:
        rec["incomplete"] = True
        applier.missing_blobs.update(missing)
    if amends:
        siblings = applier.c.execute(select(m.record.c.id).where(m.record.c.entity == "inspection",
                                                                 m.record.c.ref == amends,
                                                                 m.record.c.id != rid)).scalars().all()
        siblings += [k[1] for k in applier.touched if k[0] == "inspection" and k[1] != rid
                     and applier.records[k]["ref"] == amends and k[1] not in siblings]
        if siblings:
            applier.load(("inspection", s) for s in siblings)
            for other in [rid, *siblings]:
                applier.flag("inspection", other, "hard", ["amends_id"],
                             {"why": "two amendments of the same record", "amends": amends,
                              "amendments": sorted([rid, *siblings])}, op)
        elif applier.get("inspection", amends) is None:
            applier.flag("inspection", rid, "soft", ["amends_id"],
                         {"why": "amends a record central has not received yet", "amends": amends}, op)
    return applier.log(op, "applied")


def refuse_mismatch(applier, op: dict, problems: list[str]) -> str:
    """Refuse a record that is not what its answers and the rules give, with an alarm for a person; the op's
    seq is still used up, so the laptop's later ops apply (docs/sync-protocol.md §8.3)."""
    applier.alerts.append({"kind": "alarm", "device_id": applier.device_id, "bundle_id": applier.bundle_id,
                           "created_at": applier.now, "detail": {
                               "reason": "record_mismatch", "seq": op["seq"], "inspection_id": op["entity_id"],
                               "problems": problems, "message": "a finalized record is not what its own answers "
                                                                "and the rules give; it was not applied"}})
    return applier.log(op, "rejected", "record_mismatch: " + "; ".join(problems))


def complete_attachments(connection) -> int:
    """Clear `incomplete` on inspections whose evidence bytes have all arrived; returns how many."""
    waiting = connection.execute(select(m.record.c.id).where(m.record.c.entity == "inspection",
                                                             m.record.c.incomplete.is_(True))).scalars().all()
    done = 0
    for inspection_id in waiting:
        rows = connection.execute(select(m.record.c.data).where(m.record.c.ref == inspection_id,
                                                                m.record.c.entity == "evidence")).scalars()
        needed = {data.get("sha256") for data in rows}
        have = set(connection.execute(select(m.blob.c.sha256).where(m.blob.c.sha256.in_(needed))).scalars())
        if needed <= have:
            done += connection.execute(m.record.update().where(
                m.record.c.entity == "inspection", m.record.c.id == inspection_id).values(incomplete=False)).rowcount
    return done


def missing_for(connection, device_id: str) -> list[str]:
    """Evidence hashes of this device's incomplete inspections that central still lacks."""
    waiting = connection.execute(select(m.record.c.id).where(m.record.c.entity == "inspection",
                                                             m.record.c.incomplete.is_(True),
                                                             m.record.c.origin == device_id)).scalars().all()
    needed: set[str] = set()
    for inspection_id in waiting:
        needed.update(data.get("sha256") for data in connection.execute(select(m.record.c.data).where(
            m.record.c.ref == inspection_id, m.record.c.entity == "evidence")).scalars())
    have = set(connection.execute(select(m.blob.c.sha256).where(m.blob.c.sha256.in_(needed))).scalars()) \
        if needed else set()
    return sorted(needed - have)
