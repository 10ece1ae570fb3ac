"""Assignments (docs/sync-protocol.md §8.4): the district asks a laptop, or a township's laptops, to inspect.

Central writes them; they flow down with the registry. A laptop only appends
responses (accepted / declined, with a reason), which come up as ops of their
own. The status is a fold over events by (hlc, id): the latest response counts,
central's `cancelled` and `done` (a finalized inspection of that establishment
arrived) win over any response. The record's `ref` holds the establishment id,
so finding an establishment's open assignments is one indexed lookup.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from ..core.errors import NotFound, StateError, ValidationError
from . import models as m
from .admin import find_township
from .store import Central, next_hlc, next_usn, now

RESPONSES = ("accepted", "declined")
FINAL = ("done", "cancelled")
OPEN = ("assigned", "accepted")


def fold(events: list[dict]) -> str:
    """The status after these events: central's final word, else the latest response, else assigned."""
    ordered = sorted(events, key=lambda e: (e["hlc"], e["id"]))
    final = [e for e in ordered if e["status"] in FINAL and e["source"] == "central"]
    if final:
        return final[0]["status"]  # the first final event: done before cancelled stays done
    responses = [e for e in ordered if e["status"] in RESPONSES]
    return responses[-1]["status"] if responses else "assigned"


def assign(central: Central, *, establishment_id: str, due: date | str, by: str, device_id: str | None = None,
           township: str | None = None, purpose: str = "routine", note: str | None = None) -> dict:
    """Create an assignment for one laptop (device_id) or every laptop of a township; it flows down."""
    if not (by or "").strip():
        raise ValidationError("assignments.assigner_required", field="by")
    try:
        due_date = due if isinstance(due, date) else date.fromisoformat(str(due))
    except ValueError:
        raise ValidationError("assignments.bad_due", field="due", due=due) from None
    with central.tx() as c:
        est = c.execute(select(m.record.c.data).where(m.record.c.entity == "establishment",
                                                      m.record.c.id == establishment_id)).scalar()
        if est is None:
            raise NotFound("assignments.no_establishment", field="establishment", id=establishment_id)
        if est.get("status") == "merged":
            raise StateError("assignments.establishment_merged", id=establishment_id,
                             merged_into=est.get("merged_into"))
        township_code = None
        if device_id:
            dev = c.execute(select(m.device.c.device_id, m.device.c.township_code, m.device.c.revoked_at).where(
                m.device.c.device_id.like(f"{device_id}%"))).all()
            if len(dev) > 1:
                raise ValidationError("assignments.ambiguous_device", field="device", device=device_id)
            if not dev:
                raise NotFound("central.no_device", field="device", device=device_id)
            if dev[0].revoked_at is not None:
                raise StateError("assignments.device_revoked", device=device_id)
            device_id, township_code = dev[0].device_id, dev[0].township_code
        elif township:
            township_code = find_township(c, township)["code"]
        else:
            raise ValidationError("assignments.no_target", field="device")
        rid = uuid.uuid4().hex
        data = {"id": rid, "establishment_id": establishment_id, "establishment_name": est.get("name"),
                "device_id": device_id, "township_code": township_code, "due_date": due_date.isoformat(),
                "purpose": purpose, "note": note, "status": "assigned", "events": [],
                "created_by": by.strip(), "created_at": now().isoformat()}
        hlc = next_hlc(c)
        c.execute(m.record.insert().values(entity="assignment", id=rid, data=data, server_version=1,
                                           usn=next_usn(c), deleted=False, origin="central", ref=establishment_id,
                                           field_hlc={"*": hlc}, conflict=None, incomplete=False,
                                           updated_at=now()))
    return data


def cancel(central: Central, assignment_id: str, *, by: str) -> dict:
    if not (by or "").strip():
        raise ValidationError("assignments.canceller_required", field="by")
    with central.tx() as c:
        row = c.execute(select(m.record).where(m.record.c.entity == "assignment",
                                               m.record.c.id == assignment_id)).mappings().first()
        if row is None:
            raise NotFound("assignments.no_assignment", field="assignment", id=assignment_id)
        data = dict(row["data"])
        hlc = next_hlc(c)
        data["events"] = [*data.get("events", []), {"status": "cancelled", "hlc": hlc, "id": f"central-{hlc}",
                                                    "source": "central", "by": by.strip()}]
        data["status"] = fold(data["events"])
        c.execute(m.record.update().where(m.record.c.entity == "assignment", m.record.c.id == assignment_id)
                  .values(data=data, server_version=row["server_version"] + 1, usn=next_usn(c), updated_at=now()))
    return data


def list_assignments(central: Central, *, status: str | None = None) -> list[dict]:
    with central.engine.connect() as c:
        rows = [r for r in c.execute(select(m.record.c.data).where(m.record.c.entity == "assignment")
                                     .order_by(m.record.c.usn)).scalars()]
    return [r for r in rows if status is None or r.get("status") == status]


def _record_event(applier, assignment_id: str, event: dict, op: dict) -> bool:
    rec = applier.get("assignment", assignment_id)
    if rec is None:
        return False
    rec = applier.touch("assignment", assignment_id)
    rec["data"]["events"] = [*rec["data"].get("events", []), event]
    status = fold(rec["data"]["events"])
    changed = ["events"] + (["status"] if status != rec["data"].get("status") else [])
    rec["data"]["status"] = status
    rec["server_version"] += 1
    applier.version("assignment", assignment_id, rec["server_version"], changed, op)
    return True


def apply_response(applier, op: dict) -> str:
    """A laptop's accept/decline: kept as its own record and folded into the assignment's status."""
    payload = op.get("payload") or {}
    if op["op"] != "insert":
        return applier.log(op, "rejected", "responses to assignments are only ever added")
    if payload.get("response") not in RESPONSES or not isinstance(payload.get("assignment_id"), str):
        return applier.log(op, "rejected", "a response must accept or decline a named assignment")
    if applier.get("assignment_response", op["entity_id"]) is not None:
        return applier.log(op, "noop", "this response was received before")
    assignment_id = uuid.UUID(payload["assignment_id"]).hex
    event = {"status": payload["response"], "hlc": op["hlc_eff"], "id": op["change_id"],
             "source": applier.device_id, "user_id": payload.get("user_id"), "reason": payload.get("reason")}
    if not _record_event(applier, assignment_id, event, op):
        return applier.log(op, "rejected", f"unknown assignment {payload['assignment_id']}")
    applier.create("assignment_response", op["entity_id"], payload, op, ref=assignment_id)
    return applier.log(op, "applied")


def mark_done(applier, establishment_id: str, inspection_id: str, op: dict) -> None:
    """A finalized inspection of an assigned establishment completes its open assignments."""
    ids = applier.c.execute(select(m.record.c.id).where(m.record.c.ref == establishment_id,
                                                        m.record.c.entity == "assignment")).scalars().all()
    applier.load(("assignment", rid) for rid in ids)
    for rid in ids:
        rec = applier.get("assignment", rid)
        if rec is not None and rec["data"].get("status") in OPEN:
            _record_event(applier, rid, {"status": "done", "hlc": op["hlc_eff"], "id": op["change_id"],
                                         "source": "central", "inspection_id": inspection_id}, op)
