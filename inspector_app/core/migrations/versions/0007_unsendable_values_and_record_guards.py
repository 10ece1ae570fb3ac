"""values no bundle carries: cleared from drafts, kept as signed in finalized records; issued notices,
their number sequences and rectification orders guarded by triggers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Before 0007 an answers file could give an answer NaN or Infinity (Python's
json reads them, core stored them as the JSON column's text), and a script
could queue a register change holding NaN. From then on every export
stopped ("Out of range float values are not JSON compliant") and nothing
left the laptop. Core now refuses such values (core/limits.py); this
upgrade deals with those already stored, each step in the audit log with
no actor (the upgrade did it):

- An answer holding a value canonical JSON cannot write or readers refuse
  (NaN, Infinity, broken UTF-16, nesting beyond §12: limits.sendable).
  In a draft, the value is cleared, one `answer.value_cleared` row each
  with the text it held. A draft is the inspectors' working copy: nothing
  was signed, and the value never counted (only check items and 合理缺项
  answers could hold one, and both ignore their value).
  A finalized record is immutable (core/triggers.py) and signed as it is
  (Order 49 Art. 34): it is not rewritten. Export carries the value as the
  text it is stored as, flagged `value_as_text` (docs/sync-protocol.md
  §7.3), so the record reaches central exactly as signed, its content hash
  unchanged. Its result stands, since the value never counted; nothing
  needs amending (an amendment starts without the value). One
  `inspection.value_as_text` row names the record's items and their texts.
- An outbox row not yet acknowledged whose payload export could not write:
  the value becomes null, which is what the row itself holds (SQLite stores
  NULL for a NaN bound to a column), one `sync.outbox_value_cleared` row
  each. The outbox is the laptop's queue, not a record.

Last, the guards of core/triggers.py are installed: an issued notice never
changes or goes away, a number sequence only counts up, and a rectification
order keeps its number, inspection, deadline and items while its status only
moves forward (core/orders.py TRANSITIONS), like a finalized inspection.

Nothing else changes; a store without such values only gets its version and the guards.
"""

import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from inspector_app.core import limits, triggers

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

AUDIT = sa.table("audit_log", sa.column("at", sa.DateTime()), sa.column("actor_id", sa.Uuid()),
                 sa.column("action", sa.String()), sa.column("entity", sa.String()),
                 sa.column("entity_id", sa.String()), sa.column("detail", sa.JSON()))


# Python's json writes NaN, Infinity and \udXXX escapes where canonical JSON has nothing; only rows
# holding one (LIKE ignores ASCII case), or nesting in an answer, are read. limits.sendable decides.
_ODD = "({column} LIKE '%NaN%' OR {column} LIKE '%Infinity%' OR {column} LIKE '%\\ud%')"
_NESTED = "({column} LIKE '%[%' OR {column} LIKE '%{{%')"


def _value(stored):
    """The value a JSON column holds: its text read as JSON (SQLite keeps a number as a number, the
    column having numeric affinity); text that cannot even be read back counts as NaN (not sendable)."""
    if stored is None or isinstance(stored, (int, float)):
        return stored
    try:
        return json.loads(stored)
    except (ValueError, RecursionError):
        return float("nan")


def upgrade() -> None:
    bind = op.get_bind()
    now = datetime.now(UTC).replace(tzinfo=None)
    audit: list[dict] = []
    kept: dict[str, dict[str, str]] = {}
    answers = bind.exec_driver_sql(
        "SELECT a.id, a.inspection_id, a.item_id, a.value, i.status FROM answer a "
        f"JOIN inspection i ON i.id = a.inspection_id WHERE {_ODD.format(column='a.value')} "
        f"OR {_NESTED.format(column='a.value')} "
        "ORDER BY a.id").fetchall()
    for answer_id, inspection_id, item_id, text, status in answers:
        value = _value(text)
        inspection = str(uuid.UUID(inspection_id))
        if limits.sendable(value):
            continue
        if status == "finalized":
            kept.setdefault(inspection, {})[item_id] = text
            continue
        bind.exec_driver_sql("UPDATE answer SET value = 'null' WHERE id = ?", (answer_id,))  # the ORM's None
        audit.append({"action": "answer.value_cleared", "entity": "answer", "entity_id": str(uuid.UUID(answer_id)),
                      "detail": {"inspection": inspection, "item": item_id, "was": text}})
    for inspection, items in kept.items():
        audit.append({"action": "inspection.value_as_text", "entity": "inspection", "entity_id": inspection,
                      "detail": {"items": items}})
    acked = bind.exec_driver_sql("SELECT acked_through_seq FROM sync_state WHERE id = 1").scalar() or 0
    queued = bind.exec_driver_sql("SELECT seq, entity, entity_id, payload FROM outbox WHERE seq > ? AND "
                                  f"{_ODD.format(column='payload')} ORDER BY seq", (acked,)).fetchall()
    for seq, entity, entity_id, text in queued:
        payload = _value(text)
        if not isinstance(payload, dict) or limits.sendable(payload):
            continue
        fields = sorted(key for key, value in payload.items() if not limits.sendable(value))
        was = {key: json.dumps(payload[key]) for key in fields}
        payload.update(dict.fromkeys(fields))
        bind.exec_driver_sql("UPDATE outbox SET payload = ? WHERE seq = ?", (json.dumps(payload), seq))
        audit.append({"action": "sync.outbox_value_cleared", "entity": entity, "entity_id": entity_id,
                      "detail": {"seq": seq, "fields": fields, "was": was}})
    if audit:
        bind.execute(sa.insert(AUDIT), [{"at": now, "actor_id": None, **row} for row in audit])
    triggers.install(bind)


GUARDED = ("notice_", "rectification_order_")  # notice_sequence_* included


def downgrade() -> None:
    """A cleared value stays cleared (it is in the audit log; a finalized record was never touched);
    the guards go."""
    for name in triggers.statements():
        if name.startswith(GUARDED):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
