"""Inspections: start from a checklist, record answers, finalize with the official result, amend.

A draft changes freely; a finalized inspection never changes (SQL triggers
enforce it), and a correction is a new inspection that amends it, starting
from its answers and photos. Finalizing is refused, whoever asks, while an
item is unanswered, a failed item the checklist wants photographed
(evidence_on_fail) has no photo, or someone has not signed (signatures.py,
Order 49 Art. 34). Every inspection records the exact checklist id and
version it used.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import UTC, date, datetime

from sqlmodel import col, select

from . import (
    audit,
    catalog,
    codes,
    establishments,
    evidence,
    failure_marks,
    holiday_schedules,
    limits,
    orders,
    recheck_scope,
    rules,
    signatures,
)
from .errors import NotFound, StateError, ValidationError
from .ids import as_uuid
from .models import (
    ANSWERS,
    Answer,
    Establishment,
    Evidence,
    Inspection,
    InspectionInspector,
    RectificationOrder,
    User,
    utcnow,
)
from .reads import inspection as reads_inspection

MIN_INSPECTORS = 2


def start(session, *, establishment_id, checklist_id: str, inspector_ids, version: int | None = None,
          hazard: bool = False, amends_id=None, started_at: datetime | None = None,
          notes: str | None = None, purpose: str | None = None, recheck_of=None, actor_id=None) -> Inspection:
    """Open a draft inspection by two or more distinct, active inspectors.

    `purpose` (codes.PURPOSES, routine when not given) is why it is made; `recheck_of` names the open
    rectification order a re-inspection follows up (its purpose is then recheck; core/recheck_scope.py)."""
    limits.text("inspection.notes", notes, field="notes")
    purpose = _purpose(purpose, recheck_of)
    if recheck_of is not None:
        recheck_of = orders.check_recheckable(session, recheck_of, establishment_id=establishment_id).id
    establishment = establishments.get(session, establishment_id)
    checklist = catalog.get(session, checklist_id, version)
    if establishment.category not in checklist.categories:
        raise ValidationError("inspection.checklist_category", field="form", checklist=checklist.id,
                              categories=", ".join(checklist.categories), category=establishment.category)
    inspectors = _inspectors(session, inspector_ids)
    if amends_id is not None:
        _check_amendable(session, as_uuid(amends_id, "amends"), establishment.id)
    inspection = Inspection(establishment_id=establishment.id, checklist_id=checklist.id,
                            checklist_version=checklist.version, hazard=bool(hazard),
                            amends_id=as_uuid(amends_id, "amends") if amends_id else None,
                            started_at=started_at or utcnow(), notes=notes, purpose=purpose,
                            recheck_of=recheck_of)
    session.add(inspection)
    session.flush()
    for position, user in enumerate(inspectors, start=1):
        session.add(InspectionInspector(inspection_id=inspection.id, user_id=user.id, position=position))
    session.flush()
    audit.record(session, action="inspection.start", entity="inspection", entity_id=inspection.id,
                 actor_id=actor_id, detail={"checklist": checklist.id, "version": checklist.version,
                                            "purpose": purpose, "recheck_of": str(recheck_of) if recheck_of else None})
    return inspection


def _purpose(purpose: str | None, recheck_of) -> str:
    chosen = purpose or ("recheck" if recheck_of is not None else "routine")
    if chosen not in codes.PURPOSES:
        raise ValidationError("inspection.bad_purpose", field="purpose", allowed=", ".join(codes.PURPOSE_CODES))
    if recheck_of is not None and chosen != "recheck":
        raise ValidationError("inspection.recheck_purpose", field="purpose")
    return chosen


def _inspectors(session, inspector_ids) -> list[User]:
    ids = [as_uuid(value, "inspector") for value in inspector_ids or ()]
    if len(set(ids)) != len(ids):
        raise ValidationError("inspection.inspector_twice", field="inspector")
    if len(ids) < MIN_INSPECTORS:
        raise ValidationError("inspection.too_few_inspectors", field="inspector", need=MIN_INSPECTORS, given=len(ids))
    users = []
    for user_id in ids:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound("inspection.no_such_user", field="inspector", id=str(user_id))
        if not user.active or user.role not in ("inspector", "admin"):
            raise ValidationError("inspection.not_an_inspector", field="inspector", name=user.name)
        users.append(user)
    return users


def _check_amendable(session, amends_id, establishment_id) -> None:
    original = session.get(Inspection, amends_id)
    if original is None:
        raise NotFound("inspection.nothing_to_amend", field="amends", id=str(amends_id))
    if original.status != "finalized":
        raise StateError("inspection.amend_a_draft", field="amends")
    if original.establishment_id != establishment_id:
        raise ValidationError("inspection.amend_other_establishment", field="amends")
    newer = amended_by(session, amends_id)
    if newer is not None:
        raise StateError("inspection.amended_already", field="amends", id=str(amends_id), by=newer)


def amended_by(session, inspection_id) -> str | None:
    """The id of the inspection that amends this one, if any (an inspection is amended at most once)."""
    newer = session.exec(select(Inspection.id).where(
        Inspection.amends_id == as_uuid(inspection_id, "inspection"))).first()
    return None if newer is None else str(newer)


def get(session, inspection_id) -> Inspection:
    inspection = session.get(Inspection, as_uuid(inspection_id, "inspection"))
    if inspection is None:
        raise NotFound("inspection.not_found", field="inspection", id=str(inspection_id))
    return inspection


def checklist_of(session, inspection: Inspection):
    """The checklist version the inspection uses; for a re-inspection, narrowed to its order's items."""
    checklist = catalog.get(session, inspection.checklist_id, inspection.checklist_version)
    if inspection.recheck_of is None:
        return checklist
    order = session.get(RectificationOrder, inspection.recheck_of)
    return recheck_scope.narrowed(checklist, None if order is None else order.failed_items)


def record_answer(session, inspection_id, *, item_id: str, answer: str | None = None, value=None,
                  note: str | None = None, fixed_on_spot: bool = False, fix_note: str | None = None,
                  affects_safety: bool = False) -> Answer:
    """Set (or replace) the answer to one item of a draft, with its marks (core/failure_marks.py).

    The note and a text value meet core/limits.py; the value is one number,
    text or date that a bundle carries exactly (no NaN, no Infinity)."""
    inspection = get(session, inspection_id)
    if inspection.status != "draft":
        raise StateError("inspection.finalized")
    checklist = checklist_of(session, inspection)
    item = checklist.items.get(item_id)
    if item is None:
        shown = limits.shown(item_id)
        raise ValidationError("inspection.item_not_in_checklist", field=f"items.{shown}", item=shown,
                              checklist=inspection.checklist_id, version=inspection.checklist_version)
    if isinstance(checklist, recheck_scope.RecheckChecklist) and not checklist.on_order(item_id):
        raise ValidationError("inspection.recheck_item_not_on_order", field=f"items.{item_id}", item=item_id,
                              items=", ".join(checklist.order_items))
    limits.text("answer.note", note, field=f"items.{item_id}", item=item_id)
    return _store_answer(session, inspection, item, answer, _single_value(item, value), note,
                         {"fixed_on_spot": fixed_on_spot, "fix_note": fix_note, "affects_safety": affects_safety})


def _store_answer(session, inspection: Inspection, item, answer, value, note, marks: dict) -> Answer:
    value = _validate_answer(item, answer, value)
    fixed, fix_note, affects_safety = failure_marks.checked(
        item, rules.item_outcome(item, {"answer": answer, "value": value}), **marks)
    row = session.exec(select(Answer).where(Answer.inspection_id == inspection.id,
                                            Answer.item_id == item.id)).first()
    if row is None:
        row = Answer(inspection_id=inspection.id, item_id=item.id)
        session.add(row)
    row.answer, row.value, row.note = answer, value, (note or None)
    row.fixed_on_spot, row.fix_note, row.affects_safety = fixed, fix_note, affects_safety
    session.flush()
    return row


def set_hazard(session, inspection_id, *, hazard: bool, actor_id=None) -> Inspection:
    """Mark (or unmark) a latent incident risk on a draft: operations then stop (立即停止, Order 49 Art. 31 ¶2)."""
    inspection = get(session, inspection_id)
    if inspection.status != "draft":
        raise StateError("inspection.finalized", field="hazard")
    hazard = bool(hazard)
    if inspection.hazard != hazard:
        inspection.hazard = hazard
        session.flush()
        audit.record(session, action="inspection.hazard", entity="inspection", entity_id=inspection.id,
                     actor_id=actor_id, detail={"hazard": hazard})
    return inspection


def _single_value(item, value):
    """One number, text, true/false or date a bundle carries exactly; errors name the item."""
    field = f"items.{item.id}"
    problem = limits.value_problem(value, field)
    if problem is not None:
        problem.field = field
        raise problem
    if isinstance(value, (list, dict)):
        raise ValidationError("limits.value_not_single", field=field, where=field)
    if isinstance(value, str):
        limits.text("answer.text", value, field=field, item=item.id)
    return value


def _validate_answer(item, answer, value):
    field = f"items.{item.id}"
    if answer is not None and answer not in ANSWERS:
        raise ValidationError("inspection.answer_invalid", field=field, item=item.id, answer=repr(answer))
    if answer == "na":
        return value
    if item.kind == "check":
        if answer is None:
            raise ValidationError("inspection.answer_needed", field=field, item=item.id)
        return value
    if value is None:
        if answer is None:
            raise ValidationError("inspection.value_needed", field=field, item=item.id)
        return None
    if item.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValidationError("inspection.value_not_a_number", field=field, item=item.id, unit=item.unit)
    elif item.kind == "choice":
        allowed = [c.value for c in item.choices]
        if value not in allowed:
            raise ValidationError("inspection.value_not_a_choice", field=field, item=item.id,
                                  choices=", ".join(allowed))
    elif item.kind == "date":
        try:
            date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError("inspection.value_not_a_date", field=field, item=item.id) from None
    elif not isinstance(value, str):
        raise ValidationError("inspection.value_not_text", field=field, item=item.id)
    return value


def answers_of(session, inspection: Inspection) -> dict[str, dict]:
    rows = session.exec(select(Answer).where(Answer.inspection_id == inspection.id))
    return {row.item_id: {"answer": row.answer, "value": row.value, "note": row.note,
                          **failure_marks.state(row.fixed_on_spot, row.fix_note, row.affects_safety)}
            for row in rows}


def local_date(moment: datetime) -> date:
    """The calendar date on the laptop where the inspection happened."""
    return reads_inspection.local_date(moment)


def rules_edition(inspection) -> int:
    """The edition of the rules a record follows: 1 counts deadlines in calendar days (records signed so);
    from 2 they count working days through the laptop's calendar (core/workdays.py). No edition: 1."""
    return inspection.rules_edition or 1


def outcome(session, inspection: Inspection, *, on: date | None = None) -> rules.Outcome:
    """The result the rules give for the answers so far (live for drafts, by today's edition of the rules;
    a finalized record by the edition it was finalized under)."""
    establishment = establishments.get(session, inspection.establishment_id)
    when = on or local_date(inspection.ended_at or utcnow())
    edition = rules_edition(inspection) if inspection.status == "finalized" else rules.EDITION
    calendar = holiday_schedules.calendar_of(session) if edition >= 2 else None
    return rules.evaluate(checklist_of(session, inspection), answers_of(session, inspection),
                          category=establishment.category, hazard=inspection.hazard, on=when, edition=edition,
                          calendar=calendar)


def missing(session, inspection: Inspection) -> list[str]:
    """Relevant items that must still be answered before finalizing."""
    category = establishments.get(session, inspection.establishment_id).category
    return reads_inspection.missing_items(checklist_of(session, inspection), answers_of(session, inspection),
                                          category)


def missing_evidence(session, inspection: Inspection, failed: list[str]) -> list[str]:
    """Failed items the checklist wants photographed (evidence_on_fail) that have no photo yet."""
    checklist = checklist_of(session, inspection)
    with_photos = {row.item_id for row in evidence.photos(session, inspection.id) if row.role == "photo"}
    return reads_inspection.missing_photos(checklist, failed, with_photos)


def readiness(session, inspection: Inspection) -> dict[str, list[str]]:
    """What still blocks finalizing, signatures aside: unanswered items, photos missing for failed items."""
    failed = outcome(session, inspection).tally.failed
    return {"missing": missing(session, inspection), "missing_evidence": missing_evidence(session, inspection, failed)}


def _refuse_unready(session, inspection: Inspection, on: date):
    """Every check finalizing makes, before anything changes; returns the outcome it will fix."""
    if inspection.status != "draft":
        raise StateError("inspection.finalized_already")
    gaps = missing(session, inspection)
    if gaps:
        raise ValidationError("inspection.unanswered", field="items", count=len(gaps),
                              items=", ".join(gaps[:12]) + (" …" if len(gaps) > 12 else ""))
    result = outcome(session, inspection, on=on)
    if result.result is None:
        raise ValidationError("inspection.nothing_checked", field="items")
    no_photo = missing_evidence(session, inspection, result.tally.failed)
    if no_photo:
        raise ValidationError("inspection.photos_missing", field="evidence", items=", ".join(no_photo))
    return result


def finalize(session, inspection_id, *, ended_at: datetime | None = None, actor_id=None) -> Inspection:
    """Fix the result, handling and deadline; issue the rectification order for the items that need a
    written one (Order 49 Art. 33 ¶2: none when every failure was fixed on the spot or goes to a case).

    Refused, with nothing changed, while an item is unanswered, a failed item
    the checklist wants photographed (evidence_on_fail) has no photo, or
    someone has not signed (Order 49 Art. 34): whoever calls it.
    """
    inspection = get(session, inspection_id)
    ended_at = ended_at or utcnow()
    result = _refuse_unready(session, inspection, local_date(ended_at))
    signatures.refuse_gaps(session, signatures.gaps(session, inspection))
    inspection.ended_at = ended_at
    inspection.result, inspection.handling = result.result, result.handling
    inspection.case_filing = result.case_filing
    inspection.general_pass_rate = result.tally.general_pass_rate
    inspection.rectification_deadline = result.rectification_deadline
    inspection.deadline_estimated = result.deadline_estimated
    inspection.rules_edition = result.edition
    inspection.finalized_at = utcnow()
    inspection.content_sha256 = content_hash(session, inspection)
    inspection.status = "finalized"
    session.flush()
    if inspection.recheck_of is not None:  # the order it follows up closes or stays open (Art. 33 ¶2)
        checklist = checklist_of(session, inspection)
        given = answers_of(session, inspection)
        closes = recheck_scope.order_closes(
            getattr(checklist, "order_items", ()),
            {i: rules.item_outcome(checklist.items[i], given.get(i)) for i in checklist.items if i in given})
        orders.settle_recheck(session, inspection, closes=closes, actor_id=actor_id)
    elif result.order_items:
        orders.issue(session, inspection=inspection, failed_items=result.order_items,
                     deadline=result.rectification_deadline, item_deadlines=result.item_deadlines, actor_id=actor_id)
    audit.record(session, action="inspection.finalize", entity="inspection", entity_id=inspection.id,
                 actor_id=actor_id, detail={"result": result.result, "handling": result.handling})
    return inspection


def sign_and_finalize(session, blobs_dir, inspection_id, *, inspectors=None, operator=None, refusal=None,
                      ended_at: datetime | None = None, actor_id=None) -> Inspection:
    """Store the signatures (or the operator's refusal) and finalize, in the caller's one transaction.

    What the desktop's finalize screen and `inspector inspect --finalize` call.
    Arguments as signatures.sign. Every check runs before a signature image is
    written, so a refused call leaves no trace on disk either.
    """
    inspection = get(session, inspection_id)
    _refuse_unready(session, inspection, local_date(ended_at or utcnow()))
    signatures.sign(session, blobs_dir, inspection.id, inspectors=inspectors, operator=operator, refusal=refusal,
                    complete=True, actor_id=actor_id)
    return finalize(session, inspection.id, ended_at=ended_at, actor_id=actor_id)


def start_amendment(session, inspection_id, *, actor_id=None) -> Inspection:
    """A new draft correcting a finalized inspection: same establishment, checklist version, inspectors
    and hazard mark, with the answers and photos copied in. It is signed afresh."""
    original = get(session, inspection_id)
    draft = start(session, establishment_id=original.establishment_id, checklist_id=original.checklist_id,
                  version=original.checklist_version, inspector_ids=signatures.inspector_ids(session, original.id),
                  hazard=original.hazard, amends_id=original.id, purpose=original.purpose, actor_id=actor_id)
    items = checklist_of(session, draft).items
    for item_id, state in answers_of(session, original).items():
        # The original's texts were signed as they are and are copied whole, even beyond today's limits;
        # a value no bundle carries (sync-protocol §7.3) is left out for the inspectors to give again.
        value = state["value"] if limits.carried(state["value"]) else None
        marks = {"fixed_on_spot": bool(state.get("fixed_on_spot")), "fix_note": state.get("fix_note"),
                 "affects_safety": bool(state.get("affects_safety"))}
        _store_answer(session, draft, items[item_id], state["answer"], value, state["note"], marks)
    evidence.copy_photos(session, from_id=original.id, to_id=draft.id, actor_id=actor_id)
    return draft


def content_hash(session, inspection: Inspection) -> str:
    """SHA-256 of the canonical record: what the inspectors sign (docs/sync-protocol.md §7.3, §8.3)."""
    assert inspection.ended_at is not None  # finalize() sets ended_at before it hashes
    inspectors = session.exec(select(InspectionInspector).where(InspectionInspector.inspection_id == inspection.id))
    answers = session.exec(select(Answer).where(Answer.inspection_id == inspection.id))
    rows = session.exec(select(Evidence).where(Evidence.inspection_id == inspection.id))
    return record_hash(inspection.model_dump(), {
        "inspection_inspector": [row.model_dump() for row in inspectors],
        "answer": [row.model_dump() for row in answers],
        "evidence": [row.model_dump() for row in rows]})


def record_hash(inspection: dict, parts: dict[str, list[dict]]) -> str:
    """content_hash from plain values: the inspection's fields and its parts' rows, as the laptop's models
    or a finalize op's payload hold them (docs/sync-protocol.md §7.3), so central recomputes the very hash
    the laptop signed (§8.3). Ids may be UUIDs or strings, times datetimes or ISO strings (UTC)."""
    def plain(value):
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat()
        return None if value is None else str(value)

    inspectors = sorted(parts.get("inspection_inspector") or (), key=lambda row: row.get("position") or 0)
    record = {
        "id": plain(inspection.get("id")), "establishment_id": plain(inspection.get("establishment_id")),
        "checklist": [inspection.get("checklist_id"), inspection.get("checklist_version")],
        "started_at": plain(inspection.get("started_at")), "ended_at": plain(inspection.get("ended_at")),
        "hazard": inspection.get("hazard"), "result": inspection.get("result"),
        "handling": inspection.get("handling"), "amends_id": plain(inspection.get("amends_id")),
        "inspectors": [plain(row.get("user_id")) for row in inspectors],
        "answers": signed_answers(parts.get("answer") or ()),
        "evidence": sorted([row.get("item_id") or "", row.get("role"), row.get("sha256")]
                           for row in parts.get("evidence") or ()),
    }
    if inspection.get("deadline_estimated"):  # only when set: every hash signed before it stays the same
        record["deadline_estimated"] = True
    if inspection.get("rules_edition") not in (None, 1):  # edition 1 records hash exactly as they were signed
        record["rules_edition"] = inspection.get("rules_edition")
    for name in ("purpose", "recheck_of"):  # signed only when set: older records keep their hash byte for byte
        if inspection.get(name) is not None:
            record[name] = plain(inspection.get(name))
    canonical = json.dumps(_whole_numbers_as_ints(record), ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def signed_answers(rows) -> dict[str, dict]:
    """{item_id: {answer, value, note, marks set}} from answer rows (plain dicts): what the rules and the
    hash read. A mark enters only when set (core/failure_marks.state), so an unmarked answer hashes as before.

    A row that travelled with `value_as_text` (a value no bundle carries, signed before migration 0007;
    docs/sync-protocol.md §7.3) holds the stored JSON text: read it back to the value that was hashed."""
    return {row.get("item_id"): {"answer": row.get("answer"), "value": _signed_value(row), "note": row.get("note"),
                                 **failure_marks.state(row.get("fixed_on_spot"), row.get("fix_note"),
                                                       row.get("affects_safety"))}
            for row in rows}


def _signed_value(row: dict):
    if row.get("value_as_text") and isinstance(row.get("value"), str):
        try:
            return json.loads(row["value"])  # Python's reader takes NaN and Infinity, as the laptop's did
        except (ValueError, RecursionError):
            return row["value"]  # not what was hashed: the record check refuses the record
    return row.get("value")


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
                             .order_by(col(Inspection.started_at).desc()).limit(limit)))


def of_establishment(establishment_id):
    """Inspections of this establishment or of any duplicate central merged into it (a WHERE clause)."""
    key = as_uuid(establishment_id, "establishment")
    merged = select(Establishment.id).where(Establishment.merged_into == key)
    return (col(Inspection.establishment_id) == key) | col(Inspection.establishment_id).in_(merged)
