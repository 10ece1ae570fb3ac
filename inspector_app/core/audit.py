"""The append-only audit log: who did what, when. Triggers forbid rewriting it."""

from __future__ import annotations

import uuid

from .models import AuditLog


def record(session, *, action: str, entity: str, entity_id=None,
           actor_id: uuid.UUID | None = None, detail: dict | None = None) -> None:
    session.add(AuditLog(action=action, entity=entity,
                         entity_id=None if entity_id is None else str(entity_id),
                         actor_id=actor_id, detail=detail))
