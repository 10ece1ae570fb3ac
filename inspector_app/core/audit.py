"""The append-only audit log: who did what, when. Triggers forbid rewriting it."""

from __future__ import annotations

import uuid

from .ids import as_uuid
from .models import AuditLog


def record(session, *, action: str, entity: str, entity_id=None,
           actor_id: uuid.UUID | str | None = None, detail: dict | None = None) -> None:
    """Append one row. `actor_id` is the acting user's id, a UUID or its text (as the command line has it)."""
    session.add(AuditLog(action=action, entity=entity,
                         entity_id=None if entity_id is None else str(entity_id),
                         actor_id=None if actor_id is None else as_uuid(actor_id, "actor"),
                         detail=detail))
