"""Assignments on the laptop: what the district asked this laptop (or its township) to inspect.

Assignments arrive in downward bundles (see inspector_app/central/assignments.py). The
inspector accepts or declines one (a decline needs a reason); that response is
an ordinary synced row, so it waits in the outbox like any change. What the
inspector sees is central's status, unless this laptop knows better: its own
latest response not yet folded in, or a finalized inspection of the place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_
from sqlmodel import col, select

from .errors import NotFound, StateError, ValidationError
from .ids import as_uuid
from .inspections import of_establishment
from .models import Assignment, AssignmentResponse, Establishment, Inspection, SyncEnrolment, SyncState

RESPONSES = ("accepted", "declined")
FINAL = ("done", "cancelled")


@dataclass(frozen=True)
class AssignmentView:
    id: str
    establishment_id: str
    establishment_name: str | None
    due_date: date
    purpose: str
    note: str | None
    status: str  # what this laptop shows: assigned | accepted | declined | done | cancelled
    overdue: bool
    for_township: bool  # addressed to every laptop of the township, not to this one alone

    def to_dict(self) -> dict:
        return {**self.__dict__, "due_date": self.due_date.isoformat()}


def _addressed_here(session):
    device_id = session.exec(select(SyncState.device_id)).one().hex
    enrolment = session.get(SyncEnrolment, 1)
    township = enrolment.township_code if enrolment else None
    return or_(Assignment.device_id == device_id,
               (col(Assignment.device_id).is_(None)) & (Assignment.township_code == township))


def _finalized_since(session, establishment_id, since: datetime) -> bool:
    return session.exec(select(func.count()).select_from(Inspection).where(
        of_establishment(establishment_id), Inspection.status == "finalized",
        col(Inspection.finalized_at) >= since)).one() > 0


def effective_status(session, assignment: Assignment) -> str:
    if assignment.status in FINAL:
        return assignment.status
    if _finalized_since(session, assignment.establishment_id, assignment.created_at):
        return "done"
    latest = session.exec(select(AssignmentResponse.response).where(
        AssignmentResponse.assignment_id == assignment.id).order_by(col(AssignmentResponse.created_at).desc())).first()
    return latest or assignment.status


def mine(session, *, today: date | None = None, include_closed: bool = False) -> list[AssignmentView]:
    """Assignments for this laptop, soonest due first; closed ones (done, cancelled, declined) on request."""
    today = today or date.today()
    rows = session.exec(select(Assignment, Establishment.name)
                        .join(Establishment, col(Establishment.id) == Assignment.establishment_id, isouter=True)
                        .where(_addressed_here(session)).order_by(col(Assignment.due_date), col(Assignment.id))).all()
    out = []
    for assignment, name in rows:
        status = effective_status(session, assignment)
        if not include_closed and status in (*FINAL, "declined"):
            continue
        out.append(AssignmentView(str(assignment.id), str(assignment.establishment_id), name,
                                  assignment.due_date, assignment.purpose, assignment.note, status,
                                  status not in (*FINAL, "declined") and assignment.due_date < today,
                                  assignment.device_id is None))
    return out


def respond(session, assignment_id, response: str, *, reason: str | None = None,
            user_id=None) -> AssignmentResponse:
    """Accept or decline (with a reason); travels up with the next export."""
    if response not in RESPONSES:
        raise ValidationError("assignments.bad_response", field="response")
    reason = (reason or "").strip() or None
    if response == "declined" and not reason:
        raise ValidationError("assignments.reason_required", field="reason")
    assignment = session.get(Assignment, as_uuid(assignment_id, "assignment"))
    if assignment is None or not session.exec(select(Assignment.id).where(
            Assignment.id == assignment.id, _addressed_here(session))).first():
        raise NotFound("assignments.not_here", field="assignment", id=assignment_id)
    status = effective_status(session, assignment)
    if status in FINAL:
        raise StateError("assignments.already_done" if status == "done" else "assignments.already_cancelled")
    row = AssignmentResponse(assignment_id=assignment.id, response=response, reason=reason,
                             user_id=as_uuid(user_id, "user") if user_id else None)
    session.add(row)
    session.flush()
    return row
