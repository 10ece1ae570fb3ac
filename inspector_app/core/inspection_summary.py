"""One inspection as plain data: what `inspector show inspection` and scripts read."""

from __future__ import annotations

from sqlmodel import col, select

from . import inspections
from .ids import as_uuid
from .models import InspectionInspector, User
from .reads.inspection import summary
from .reads.store import dbapi


def summarize(session, inspection, *, with_answers: bool = False) -> dict:
    """The stored result for a finalized inspection, the live one for a draft (reads/inspection.py,
    on this session's connection, with the checklist model it has parsed already)."""
    session.flush()  # the summary reads the rows through the session's own connection
    data = summary(dbapi(session), inspection.id, with_answers=with_answers,
                   checklist=inspections.checklist_of(session, inspection))
    assert data is not None  # the inspection was read through this very session
    return data


def inspectors(session, inspection_id) -> list[dict]:
    """The inspection's inspectors in the order they were named: id, name and credential number."""
    rows = session.exec(select(User.id, User.name, User.credential_no)
                        .join(InspectionInspector, col(InspectionInspector.user_id) == User.id)
                        .where(InspectionInspector.inspection_id == as_uuid(inspection_id, "inspection"))
                        .order_by(col(InspectionInspector.position))).all()
    return [{"id": str(i), "name": n, "credential_no": c} for i, n, c in rows]
