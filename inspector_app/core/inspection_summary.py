"""One inspection as plain data: what `inspector show inspection` and scripts read."""

from __future__ import annotations

from . import inspections
from .reads.inspection import summary
from .reads.store import dbapi


def summarize(session, inspection, *, with_answers: bool = False) -> dict:
    """The stored result for a finalized inspection, the live one for a draft (reads/inspection.py,
    on this session's connection, with the checklist model it has parsed already)."""
    session.flush()  # the summary reads the rows through the session's own connection
    return summary(dbapi(session), inspection.id, with_answers=with_answers,
                   checklist=inspections.checklist_of(session, inspection))
