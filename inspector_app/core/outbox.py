"""The transactional outbox: every change to a syncable row, in the same transaction.

DeviceSession hooks the flush: dirty syncable rows get a new version and
updated_at, and each insert, update or delete adds an outbox row whose
AUTOINCREMENT seq is gap-free (a rolled-back transaction rolls back its seq
too). Export reads the outbox; only a central acknowledgement retires rows.
Bulk loads that bypass the ORM (the demo district, registry snapshots) are
deliberately not captured: that data did not originate on this laptop.
"""

from __future__ import annotations

import time
import uuid
from datetime import date, datetime

from sqlalchemy import event, insert, inspect, text
from sqlmodel import Session

from .models import Outbox, Syncable, new_id, utcnow
from .tables import table_of


class DeviceSession(Session):
    """A session whose flushes write the outbox (see module docstring).

    `session.info["author_id"]` names the signed-in user for the ops;
    `session.info["capture"] = False` turns capture off for applying
    downward data from central.
    """


def _syncable(objects):
    return [obj for obj in objects if isinstance(obj, Syncable)]


@event.listens_for(DeviceSession, "before_flush")
def _stamp(session, _context, _instances):
    now = utcnow()
    for obj in _syncable(session.dirty):
        if session.is_modified(obj, include_collections=False):
            obj.version = (obj.version or 0) + 1
            obj.updated_at = now


@event.listens_for(DeviceSession, "after_flush")
def _capture(session, _context):
    if not session.info.get("capture", True):
        return
    found = [_op(obj, "insert") for obj in _syncable(session.new)]
    found += [_op(obj, "update") for obj in _syncable(session.dirty)
              if session.is_modified(obj, include_collections=False)]
    found += [_op(obj, "delete") for obj in _syncable(session.deleted)]
    ops = [op for op in found if op is not None]
    if not ops:
        return
    connection = session.connection()
    last = next_hlc(connection, len(ops))
    author = session.info.get("author_id")
    for offset, op in enumerate(ops):
        op.update(hlc=last - len(ops) + 1 + offset, author_id=author, change_id=new_id(),
                  created_at=utcnow(), state="pending")
    connection.execute(insert(table_of(Outbox)), ops)


def _op(obj, kind: str) -> dict | None:
    state = inspect(obj)
    columns = [attr.key for attr in state.mapper.column_attrs if attr.key not in obj.SYNC_EXCLUDE]
    if kind == "update":
        changed = [key for key in columns if state.attrs[key].history.has_changes()]
        changed = [key for key in changed if key not in ("version", "updated_at")]
        if not changed:
            return None
        base = state.attrs["server_version"].history
        base_version = (base.deleted or base.unchanged or [None])[0]
    else:
        changed = [] if kind == "delete" else columns
        base_version = obj.server_version
    payload = {key: to_json(getattr(obj, key)) for key in (columns if kind != "delete" else ["id"])}
    return {"entity": obj.__tablename__, "entity_id": str(obj.id), "op": kind,
            "payload": payload, "changed": changed, "base_server_version": base_version}


def to_json(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def next_hlc(connection, count: int = 1) -> int:
    """Advance the hybrid logical clock by `count` events; returns the last value.

    The value is wall-clock milliseconds << 16 plus a counter, and never goes
    backwards even when the laptop's clock does.
    """
    now = int(time.time() * 1000) << 16
    row = connection.execute(
        text("UPDATE sync_state SET hlc = max(hlc + :n, :now + :n - 1) WHERE id = 1 RETURNING hlc"),
        {"n": count, "now": now}).first()
    if row is None:
        raise RuntimeError("the store has no sync_state row; open it with open_store()")
    return row[0]
