"""Inspections: start from a checklist, record answers, finalize with the official result.

A draft changes freely; a finalized inspection never changes (SQL triggers
enforce it), and a correction is a new inspection that amends it. Every
inspection records the exact checklist id and version it used.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import date, datetime

from sqlmodel import select

from . import audit, catalog, establishments, orders, rules
from .errors import NotFound, StateError, ValidationError
from .ids import as_uuid
from .models import (
    ANSWERS,
    Answer,
    Establishment,
    Evidence,
    Inspection,
    InspectionInspector,
    SignatureRefusal,
    User,
    utcnow,
)
from .reads import inspection as reads_inspection

MIN_INSPECTORS = 2


def start(session, *, establishment_id, checklist_id: str, inspector_ids, version: int | None = None,
          hazard: bool = False, amends_id=None, started_at: datetime | None = None,
          notes: str | None = None, actor_id=None) -> Inspection:
    """Open a draft inspection by two or more distinct, active inspectors."""
    establishment = establishments.get(session, establishment_id)
    checklist = catalog.get(session, checklist_id, version)
    if establishment.category not in checklist.categories:
        raise ValidationError(f"checklist {checklist.id} is for {', '.join(checklist.categories)}, "
                              f"not for a {establishment.category}; pick a checklist for this category",
                              field="form")
    inspectors = _inspectors(session, inspector_ids)
    if amends_id is not None:
        _check_amendable(session, as_uuid(amends_id, "amends"), establishment.id)
    inspection = Inspection(establishment_id=establishment.id, checklist_id=checklist.id,
                            checklist_version=checklist.version, hazard=bool(hazard),
                            amends_id=as_uuid(amends_id, "amends") if amends_id else None,
                            started_at=started_at or utcnow(), notes=notes)
    session.add(inspection)
    session.flush()
    for position, user in enumerate(inspectors, start=1):
        session.add(InspectionInspector(inspection_id=inspection.id, user_id=user.id, position=position))
    session.flush()
    audit.record(session, action="inspection.start", entity="inspection", entity_id=inspection.id,
                 actor_id=actor_id, detail={"checklist": checklist.id, "version": checklist.version})
    return inspection


def _inspectors(session, inspector_ids) -> list[User]:
    ids = [as_uuid(value, "inspector") for value in inspector_ids or ()]
    if len(set(ids)) != len(ids):
        raise ValidationError("the same inspector is named twice; name two different inspectors",
                              field="inspector")
    if len(ids) < MIN_INSPECTORS:
        raise ValidationError(f"an inspection needs at least {MIN_INSPECTORS} inspectors (Order 49 Art. 23); "
                              f"{len(ids)} given", field="inspector")
    users = []
    for user_id in ids:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound(f"no user with id {user_id}", field="inspector")
        if not user.active or user.role not in ("inspector", "admin"):
            raise ValidationError(f"{user.name} is not an active inspector", field="inspector")
        users.append(user)
    return users


def _check_amendable(session, amends_id, establishment_id) -> None:
    original = session.get(Inspection, amends_id)
    if original is None:
        raise NotFound(f"no inspection {amends_id} to amend", field="amends")
    if original.status != "finalized":
        raise StateError("only a finalized inspection can be amended; edit the draft instead", field="amends")
    if original.establishment_id != establishment_id:
        raise ValidationError("an amendment must be for the same establishment", field="amends")
    newer = session.exec(select(Inspection).where(Inspection.amends_id == amends_id)).first()
    if newer is not None:
        raise StateError(f"inspection {amends_id} was amended already by {newer.id}; amend that one",
                         field="amends")


def get(session, inspection_id) -> Inspection:
    inspection = session.get(Inspection, as_uuid(inspection_id, "inspection"))
    if inspection is None:
        raise NotFound(f"no inspection with id {inspection_id}", field="inspection")
    return inspection


def checklist_of(session, inspection: Inspection):
    return catalog.get(session, inspection.checklist_id, inspection.checklist_version)


def record_answer(session, inspection_id, *, item_id: str, answer: str | None = None, value=None,
                  note: str | None = None) -> Answer:
    """Set (or replace) the answer to one item of a draft."""
    inspection = get(session, inspection_id)
    if inspection.status != "draft":
        raise StateError("this inspection is finalized and cannot change; start an amendment instead")
    item = checklist_of(session, inspection).items.get(item_id)
    if item is None:
        raise ValidationError(f"item '{item_id}' is not in checklist {inspection.checklist_id} "
                              f"v{inspection.checklist_version}", field=f"items.{item_id}")
    value = _validate_answer(item, answer, value)
    row = session.exec(select(Answer).where(Answer.inspection_id == inspection.id,
                                            Answer.item_id == item_id)).first()
    if row is None:
        row = Answer(inspection_id=inspection.id, item_id=item_id)
        session.add(row)
    row.answer, row.value, row.note = answer, value, (note or None)
    session.flush()
    return row


def set_hazard(session, inspection_id, *, hazard: bool, actor_id=None) -> Inspection:
    """Mark (or unmark) a latent incident risk on a draft: a non-compliant result then means 立即停止."""
    inspection = get(session, inspection_id)
    if inspection.status != "draft":
        raise StateError("this inspection is finalized and cannot change; start an amendment instead",
                         field="hazard")
    hazard = bool(hazard)
    if inspection.hazard != hazard:
        inspection.hazard = hazard
        session.flush()
        audit.record(session, action="inspection.hazard", entity="inspection", entity_id=inspection.id,
                     actor_id=actor_id, detail={"hazard": hazard})
    return inspection


def _validate_answer(item, answer, value):
    field = f"items.{item.id}"
    if answer is not None and answer not in ANSWERS:
        raise ValidationError(f"item {item.id}: answer must be pass, fail or na, not {answer!r}", field=field)
    if answer == "na":
        return value
    if item.kind == "check":
        if answer is None:
            raise ValidationError(f"item {item.id}: answer pass, fail or na", field=field)
        return value
    if value is None:
        if answer is None:
            raise ValidationError(f"item {item.id}: give a value (or answer na)", field=field)
        return None
    if item.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValidationError(f"item {item.id}: the value must be a number in {item.unit}", field=field)
    elif item.kind == "choice":
        allowed = [c.value for c in item.choices]
        if value not in allowed:
            raise ValidationError(f"item {item.id}: choose one of {', '.join(allowed)}", field=field)
    elif item.kind == "date":
        try:
            date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(f"item {item.id}: the value must be a date like 2026-11-28",
                                  field=field) from None
    elif not isinstance(value, str):
        raise ValidationError(f"item {item.id}: the value must be text", field=field)
    return value


def answers_of(session, inspection: Inspection) -> dict[str, dict]:
    rows = session.exec(select(Answer).where(Answer.inspection_id == inspection.id))
    return {row.item_id: {"answer": row.answer, "value": row.value, "note": row.note} for row in rows}


def local_date(moment: datetime) -> date:
    """The calendar date on the laptop where the inspection happened."""
    return reads_inspection.local_date(moment)


def outcome(session, inspection: Inspection, *, on: date | None = None) -> rules.Outcome:
    """The result the rules give for the answers so far (live for drafts)."""
    establishment = establishments.get(session, inspection.establishment_id)
    when = on or local_date(inspection.ended_at or utcnow())
    return rules.evaluate(checklist_of(session, inspection), answers_of(session, inspection),
                          category=establishment.category, hazard=inspection.hazard, on=when)


def missing(session, inspection: Inspection) -> list[str]:
    """Relevant items that must still be answered before finalizing."""
    category = establishments.get(session, inspection.establishment_id).category
    return reads_inspection.missing_items(checklist_of(session, inspection), answers_of(session, inspection),
                                          category)


def missing_evidence(session, inspection: Inspection, failed: list[str]) -> list[str]:
    checklist = checklist_of(session, inspection)
    with_photos = set(session.exec(select(Evidence.item_id).where(Evidence.inspection_id == inspection.id,
                                                                  Evidence.role == "photo")))
    return reads_inspection.missing_photos(checklist, failed, with_photos)


def finalize(session, inspection_id, *, ended_at: datetime | None = None, actor_id=None) -> Inspection:
    """Fix the result, handling and deadline; issue the rectification order if one is due."""
    inspection = get(session, inspection_id)
    if inspection.status != "draft":
        raise StateError("this inspection is finalized already")
    gaps = missing(session, inspection)
    if gaps:
        shown = ", ".join(gaps[:12]) + (" …" if len(gaps) > 12 else "")
        raise ValidationError(f"{len(gaps)} item(s) still need an answer before finalizing: {shown}",
                              field="items")
    inspection.ended_at = ended_at or utcnow()
    result = outcome(session, inspection, on=local_date(inspection.ended_at))
    if result.result is None:
        raise ValidationError("nothing was checked; answer the checklist before finalizing", field="items")
    inspection.result, inspection.handling = result.result, result.handling
    inspection.case_filing = result.case_filing
    inspection.general_pass_rate = result.tally.general_pass_rate
    inspection.rectification_deadline = result.rectification_deadline
    inspection.finalized_at = utcnow()
    inspection.content_sha256 = content_hash(session, inspection)
    inspection.status = "finalized"
    session.flush()
    if result.tally.failed and result.handling != rules.PASS:
        orders.issue(session, inspection=inspection, failed_items=result.tally.failed,
                     deadline=result.rectification_deadline)
    audit.record(session, action="inspection.finalize", entity="inspection", entity_id=inspection.id,
                 actor_id=actor_id, detail={"result": result.result, "handling": result.handling})
    return inspection


def content_hash(session, inspection: Inspection) -> str:
    """SHA-256 of the canonical record: what the inspectors sign (sync-design.md §2.7)."""
    inspectors = session.exec(select(InspectionInspector).where(
        InspectionInspector.inspection_id == inspection.id).order_by(InspectionInspector.position))
    evidence = session.exec(select(Evidence).where(Evidence.inspection_id == inspection.id))
    record = {
        "id": str(inspection.id), "establishment_id": str(inspection.establishment_id),
        "checklist": [inspection.checklist_id, inspection.checklist_version],
        "started_at": inspection.started_at.isoformat(), "ended_at": inspection.ended_at.isoformat(),
        "hazard": inspection.hazard, "result": inspection.result, "handling": inspection.handling,
        "amends_id": str(inspection.amends_id) if inspection.amends_id else None,
        "inspectors": [str(row.user_id) for row in inspectors],
        "answers": answers_of(session, inspection),
        "evidence": sorted([row.item_id or "", row.role, row.sha256] for row in evidence),
    }
    canonical = json.dumps(_whole_numbers_as_ints(record), ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _whole_numbers_as_ints(value):
    """SQLite's JSON affinity stores -20.0 as -20; hash the form that survives a reload."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole_numbers_as_ints(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers_as_ints(v) for v in value]
    return value


def history(session, establishment_id, *, limit: int = 50) -> list[Inspection]:
    """An establishment's inspections, newest first, including those of duplicates merged into it."""
    return list(session.exec(select(Inspection).where(of_establishment(establishment_id))
                             .order_by(Inspection.started_at.desc()).limit(limit)))


def of_establishment(establishment_id):
    """Inspections of this establishment or of any duplicate central merged into it (a WHERE clause)."""
    key = as_uuid(establishment_id, "establishment")
    merged = select(Establishment.id).where(Establishment.merged_into == key)
    return (Inspection.establishment_id == key) | Inspection.establishment_id.in_(merged)


def record_refusal(session, inspection_id, *, reason: str, witness_name: str,
                   witness_id_no: str | None = None) -> SignatureRefusal:
    """The operator refuses to sign: keep the reason and the witness (Order 49 Art. 34)."""
    inspection = get(session, inspection_id)
    if inspection.status != "draft":
        raise StateError("this inspection is finalized and cannot change; start an amendment instead")
    reason, witness_name = (reason or "").strip(), (witness_name or "").strip()
    if not reason:
        raise ValidationError("write down why the operator refuses to sign", field="reason")
    if not witness_name:
        raise ValidationError("a refusal needs a witness's name", field="witness_name")
    row = session.exec(select(SignatureRefusal).where(SignatureRefusal.inspection_id == inspection.id)).first()
    if row is None:
        row = SignatureRefusal(inspection_id=inspection.id, reason=reason, witness_name=witness_name)
        session.add(row)
    row.reason, row.witness_name, row.witness_id_no = reason, witness_name, (witness_id_no or None)
    session.flush()
    return row


def signature_gaps(session, inspection: Inspection) -> list[str]:
    """Who still has to sign: 'inspector:<user id>' for each inspector, and 'operator'
    unless the operator signed or a refusal with a witness is recorded."""
    signed = {(row.role, row.item_id) for row in session.exec(
        select(Evidence).where(Evidence.inspection_id == inspection.id, Evidence.role.like("signature_%")))}
    inspectors = session.exec(select(InspectionInspector.user_id).where(
        InspectionInspector.inspection_id == inspection.id).order_by(InspectionInspector.position))
    gaps = [f"inspector:{uid}" for uid in inspectors if ("signature_inspector", str(uid)) not in signed]
    refused = session.exec(select(SignatureRefusal).where(SignatureRefusal.inspection_id == inspection.id)).first()
    if not any(role == "signature_operator" for role, _ in signed) and refused is None:
        gaps.append("operator")
    return gaps
