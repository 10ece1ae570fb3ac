"""One inspection as plain data: what `inspector show inspection` and scripts read."""

from __future__ import annotations

from sqlmodel import col, select

from . import establishments, inspections, orders, rules
from .ids import as_uuid
from .models import Evidence, InspectionInspector, User


def summarize(session, inspection, *, with_answers: bool = False) -> dict:
    """The stored result for a finalized inspection, the live one for a draft."""
    establishment = establishments.get(session, inspection.establishment_id)
    if inspection.status == "finalized":
        outcome = inspections.outcome(session, inspection, on=inspections.local_date(inspection.ended_at))
        deadline = inspection.rectification_deadline
        data = {"result": inspection.result, "handling": inspection.handling,
                "case_filing": inspection.case_filing}
    else:
        outcome = inspections.outcome(session, inspection)
        deadline = outcome.rectification_deadline
        data = {"result": outcome.result, "handling": outcome.handling, "case_filing": outcome.case_filing}
    rate = outcome.tally.general_pass_rate
    summary = {
        "id": str(inspection.id),
        "status": inspection.status,
        **data,
        "result_label": rules.RESULT_LABELS.get(data["result"], ("", ""))[0] or None,
        "handling_label": rules.HANDLING_LABELS.get(data["handling"], ("", ""))[0] or None,
        "failed_key_items": outcome.tally.key_failed,
        "failed_general_items": outcome.tally.general_failed,
        "not_applicable_items": outcome.tally.key_na + outcome.tally.general_na,
        "general_pass_rate": None if rate is None else round(rate, 4),
        "rectification_deadline": deadline.isoformat() if deadline else None,
        "hazard": inspection.hazard,
        "establishment": {"id": str(establishment.id), "name": establishment.name,
                          "category": establishment.category, "licence_no": establishment.licence_no},
        "checklist": {"id": inspection.checklist_id, "version": inspection.checklist_version},
        "inspectors": inspectors(session, inspection.id),
        "started_at": inspection.started_at.isoformat(),
        "ended_at": inspection.ended_at.isoformat() if inspection.ended_at else None,
        "finalized_at": inspection.finalized_at.isoformat() if inspection.finalized_at else None,
        "amends_id": str(inspection.amends_id) if inspection.amends_id else None,
        "content_sha256": inspection.content_sha256,
        "missing_items": inspections.missing(session, inspection) if inspection.status == "draft" else [],
        "missing_evidence": inspections.missing_evidence(session, inspection, outcome.tally.failed),
        "evidence": [{"item_id": e.item_id, "role": e.role, "sha256": e.sha256} for e in
                     session.exec(select(Evidence).where(Evidence.inspection_id == inspection.id))],
        "orders": [{"id": str(o.id), "number": o.number, "deadline": o.deadline.isoformat(),
                    "status": o.status, "failed_items": o.failed_items}
                   for o in orders.for_inspection(session, inspection.id)],
    }
    if with_answers:
        summary["answers"] = inspections.answers_of(session, inspection)
    return summary


def inspectors(session, inspection_id) -> list[dict]:
    """The inspection's inspectors in the order they were named: id, name and credential number."""
    rows = session.exec(select(User.id, User.name, User.credential_no)
                        .join(InspectionInspector, col(InspectionInspector.user_id) == User.id)
                        .where(InspectionInspector.inspection_id == as_uuid(inspection_id, "inspection"))
                        .order_by(col(InspectionInspector.position))).all()
    return [{"id": str(i), "name": n, "credential_no": c} for i, n, c in rows]

