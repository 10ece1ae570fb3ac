"""Applying downward registry rows on the laptop, without writing the outbox.

Write-checkpoint rule (PowerSync's; docs/sync-protocol.md §9.2): a row for a record with
a pending local edit that the bundle's acknowledgement does not cover is stashed,
so the inspector never sees their edit revert; it is applied once a later ack
covers the edit.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Uuid, insert, select, update
from sqlalchemy.exc import IntegrityError

from .. import audit, catalog, checklists, establishments, holiday_schedules
from ..errors import FormError, ValidationError
from ..models import Area, Assignment, Establishment, KnownKey, Outbox, SyncStash, User, UTCDateTime, new_id, utcnow
from ..tables import table_of
from . import number_blocks
from .errors import SyncRejected

MODELS: dict[str, type[User | Establishment | Assignment]] = {
    "user": User, "establishment": Establishment, "assignment": Assignment}
AREA_FIELDS = {"establishment": ("township_id", "village_id"), "user": ("township_id",)}
ORDER = ("area", "checklist", "user", "establishment", "assignment", "revoked_device", "holiday_schedule",
         "number_block")


def _convert(column, value):
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, Uuid):
        return uuid.UUID(str(value))
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat(value)
    return value


def pending_records(session) -> set[tuple[str, str]]:
    table = table_of(Outbox)
    return {(r.entity, r.entity_id) for r in session.execute(
        select(table.c.entity, table.c.entity_id).where(table.c.state == "pending"))}


class DeviceApplier:
    def __init__(self, session):
        self.session = session
        self.codes = {row.code: row.id for row in session.execute(select(table_of(Area).c.code,
                                                                         table_of(Area).c.id))}
        self.pending = pending_records(session)
        self.counts: dict[str, Any] = {"applied": 0, "stashed": 0}  # and ignored_tables, duplicates

    def rows(self, registry: dict[str, list]) -> None:
        unknown = set(registry) - set(ORDER)
        for name in ORDER:
            for row in registry.get(name, ()):
                self.row(name, row)
        if unknown:
            self.counts["ignored_tables"] = sorted(unknown)  # a newer central; kept in the archived bundle

    def row(self, entity: str, row: dict) -> None:
        if not isinstance(row, dict) or not isinstance(row.get("data"), dict) or not isinstance(row.get("id"), str):
            raise SyncRejected("invalid_op", f"a {entity} row is malformed")
        if entity == "area":
            return self.area(row["data"])
        if entity == "checklist":
            return self.checklist(row["data"])
        if entity == "revoked_device":
            return self.revoked(row["data"])
        if entity == "holiday_schedule":
            return self.holidays(row)
        if entity == "number_block":  # this laptop's own, never edited here: no stash (sync-protocol.md §9.2)
            self.counts["applied"] += number_blocks.apply_row(self.session, row)
            return None
        if (entity, row["id"]) in self.pending:
            self.stash(entity, row)
            return
        self.upsert(entity, row)

    def area(self, data: dict) -> None:
        if data.get("code") in self.codes:
            return
        parent = self.codes.get(data.get("parent_code"))
        area_id = new_id()
        self.session.execute(insert(table_of(Area)).values(id=area_id, code=data["code"], name=data["name"],
                                                           level=data["level"], parent_id=parent,
                                                           population=data.get("population")))
        self.codes[data["code"]] = area_id

    def checklist(self, data: dict) -> None:
        try:
            checklist = checklists.parse(data["definition"], source=f"central checklist {data.get('id')}")
            catalog.install(self.session, checklist)
        except (FormError, KeyError) as exc:
            raise SyncRejected("invalid_op", f"checklist {data.get('id')} v{data.get('version')}: {exc}") from None
        self.counts["applied"] += 1

    def holidays(self, row: dict) -> None:
        """Keep the district's schedule for its year (core/holiday_schedules.py), checked as central checked it."""
        try:
            if holiday_schedules.apply_row(self.session, row):
                self.counts["applied"] += 1
        except (ValidationError, KeyError, TypeError) as exc:
            detail = exc.message_in("en") if isinstance(exc, ValidationError) else repr(exc)
            raise SyncRejected("invalid_op", f"holiday schedule {row.get('id')}: {detail}") from None

    def revoked(self, data: dict) -> None:
        """Remember a revoked laptop's signing key as revoked (notice verification checks it)."""
        signing = [(data.get("sign_key_id"), data.get("sign_pub"))]
        signing += [(k.get("key_id"), k.get("pub")) for k in data.get("retired_sign_keys") or () if isinstance(k, dict)]
        for kid, pub in signing:
            if kid and pub and self.session.get(KnownKey, kid) is None:
                self.session.add(KnownKey(key_id=kid, kind="sign", owner="device", device_id=data.get("device_id"),
                                          public_key=pub, label=f"revoked: {data.get('name')}", added_at=utcnow()))
                self.session.flush()
        for key in (*(kid for kid, _ in signing), data.get("enc_key_id")):
            record = self.session.get(KnownKey, key) if key else None
            if record is not None and record.revoked_at is None:
                record.revoked_at = utcnow()
        self.session.flush()

    def stash(self, entity: str, row: dict) -> None:
        existing = self.session.get(SyncStash, (entity, row["id"]))
        if existing is None:
            self.session.add(SyncStash(entity=entity, entity_id=row["id"], usn=row["usn"], row=row))
        elif row["usn"] >= existing.usn:
            existing.usn, existing.row = row["usn"], row
        self.session.flush()
        self.counts["stashed"] += 1

    def upsert(self, entity: str, row: dict) -> None:
        model = MODELS.get(entity)
        if model is None:
            return
        table = table_of(model)
        data = dict(row["data"])
        for name in AREA_FIELDS.get(entity, ()):
            if data.get(name) is not None:
                if data[name] not in self.codes:
                    raise SyncRejected("invalid_op", f"{entity} {row['id']}: unknown area code {data[name]}")
                data[name] = self.codes[data[name]]
        values = {c.name: _convert(c, data[c.name]) for c in table.columns
                  if c.name in data and c.name not in model.SYNC_EXCLUDE
                  and c.name not in ("id", "version", "server_version", "server_usn")}
        values.update(server_version=row["server_version"], server_usn=row["usn"])
        key = uuid.UUID(row["id"])
        current = self.session.execute(select(table.c.server_usn).where(table.c.id == key)).first()
        if current is not None and current.server_usn is not None and current.server_usn > row["usn"]:
            return
        if current is None and row.get("deleted"):
            return
        try:
            with self.session.begin_nested():
                if current is None:
                    self.session.execute(insert(table).values(id=key, version=1, **values))
                else:
                    self.session.execute(update(table).where(table.c.id == key).values(**values))
        except IntegrityError as exc:  # e.g. the same licence number under another local record
            self.counts.setdefault("duplicates", []).append({"entity": entity, "id": row["id"],
                                                             "why": str(exc.orig)[:200]})
            audit.record(self.session, action="sync.duplicate", entity=entity, entity_id=row["id"],
                         detail={"why": str(exc.orig)[:200]})
            return
        if entity == "establishment":
            obj = self.session.get(Establishment, key, populate_existing=True)
            establishments.write_search_row(self.session, obj)
        self.counts["applied"] += 1

    def release_stash(self) -> int:
        """Apply stashed rows whose record has no pending edit any more."""
        self.pending = pending_records(self.session)
        released = 0
        for item in list(self.session.execute(select(SyncStash)).scalars()):
            if (item.entity, item.entity_id) not in self.pending:
                self.upsert(item.entity, item.row)
                self.session.delete(item)
                released += 1
        self.session.flush()
        return released
