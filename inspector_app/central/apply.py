"""Applying one device's ops to the central records, inside the import transaction.

Records touched by a bundle are loaded in bulk, changed in memory, and written
back with executemany at the end; every changed record gets a fresh usn from the
single counter row so it flows down to the laptops.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from operator import itemgetter

from sqlalchemy import insert, select

from ..core import limits
from ..core.sync import canonical
from ..core.workdays import WorkCalendar
from . import holidays
from . import models as m
from .merge_rules import BOOKKEEPING, LOCAL_ONLY, POLICIES, Policy, fold_order, worse
from .store import bind_value, bulk_insert, bulk_update, existing_ids, insert_tuples, next_usn, now

DAY_MS = 86_400_000
SKEW_FUTURE_MS, SKEW_PAST_MS = DAY_MS, 180 * DAY_MS
UPCASTERS: dict[int, Callable[[dict], dict]] = {}  # payload_v → function(op) -> op of the next version
PAYLOAD_V = 1
OP_COLUMNS = ("seq", "change_id", "entity", "entity_id", "op", "hlc", "payload")  # op_log columns of an op
# an op_log row as Applier.log builds it: a tuple in this order, already in parameter form
OP_LOG = ("device_id", "seq", "change_id", "entity", "entity_id", "op", "op_sha256", "hlc", "status", "reason",
          "bundle_id", "applied_at", "payload", "op_meta")
LOG_SEQ, LOG_STATUS, LOG_REASON = OP_LOG.index("seq"), OP_LOG.index("status"), OP_LOG.index("reason")
# register entities whose insert of an unseen record apply_all takes inline (an order also starts its events)
_PLAIN_INSERT = frozenset(POLICIES) - {"rectification_order"}
_UNLOADED = object()


def upcast(op: dict) -> dict | None:
    """Bring an op to the current payload_v; None when it is newer than this program (held)."""
    version = op.get("payload_v", PAYLOAD_V)
    while version < PAYLOAD_V:
        if version not in UPCASTERS:
            return None
        op = UPCASTERS[version](op)
        version = op["payload_v"]
    return op if version == PAYLOAD_V else None


class Applier:
    def __init__(self, connection, *, device_id: str, bundle_id: str, have_blob, force_gap: bool = False):
        self.c, self.device_id, self.bundle_id = connection, device_id, bundle_id
        self.have_blob, self.force_gap = have_blob, force_gap
        self.records: dict[tuple[str, str], dict | None] = {}
        self.touched: list[tuple[str, str]] = []
        self.versions: list[dict] = []
        self.conflicts: list[dict] = []
        self.op_rows: list[tuple] = []  # OP_LOG order
        self.alerts: list[dict] = []
        self.counts = {"applied": 0, "noop": 0, "rejected": 0, "quarantined": 0, "held": 0}
        self.missing_blobs: set[str] = set()
        self.now = now()
        self._now_bound = bind_value(connection, m.op.c.applied_at, self.now)
        self.now_hlc = int(time.time() * 1000) << 16
        self._hlc_plain = ((self.now_hlc >> 16) - SKEW_PAST_MS) << 16  # from here to now_hlc: no skew, no change
        self.skewed = False
        self.gap_flagged: set[tuple[str, str]] = set()
        self._work_calendars: list[WorkCalendar] | None = None

    def work_calendars(self) -> list[WorkCalendar]:
        """Central's official working-day calendars (central/holidays.py), read once per bundle."""
        if self._work_calendars is None:
            self._work_calendars = holidays.calendars(self.c)
        return self._work_calendars

    # Records

    def prefetch(self, ops: list[dict]) -> None:
        keys = set(map(itemgetter("entity", "entity_id"), ops))  # (entity, id) pairs, in one pass in C
        for op in [op for op in ops if op["op"] == "finalize"]:
            if isinstance(op.get("payload"), dict):
                for table, rows in (op["payload"].get("parts") or {}).items():
                    keys.update((table, str(r.get("id"))) for r in rows if isinstance(r, dict))
                insp = op["payload"].get("inspection") or {}
                keys.add(("checklist", f"{insp.get('checklist_id')}@{insp.get('checklist_version')}"))
                keys.add(("establishment", str(insp.get("establishment_id"))))  # its category, for the rules
        self.load(keys)

    def load(self, keys) -> None:
        records = self.records
        keys = [k for k in keys if k not in records]
        records.update(dict.fromkeys(keys))
        entities = set(map(itemgetter(0), keys))
        by_entity: dict[str, list[str]] = {}
        if len(entities) == 1:  # a bundle of register rows: its ids in one pass in C
            by_entity[entities.pop()] = list(map(itemgetter(1), keys))
        else:
            for entity, rid in keys:
                by_entity.setdefault(entity, []).append(rid)
        for entity, ids in by_entity.items():
            if len(ids) > 50:  # many keys (a bundle's prefetch), mostly new records: find the existing ones first
                ids = existing_ids(self.c, m.record, "entity", entity, "id", ids)
            for start in range(0, len(ids), 500):
                rows = self.c.execute(select(m.record).where(m.record.c.entity == entity,
                                                             m.record.c.id.in_(ids[start:start + 500])))
                for row in rows.mappings():
                    self.records[(entity, row["id"])] = {**row, "data": dict(row["data"]),
                                                         "field_hlc": dict(row["field_hlc"] or {}), "new": False}

    def get(self, entity: str, rid: str) -> dict | None:
        if (entity, rid) not in self.records:
            self.load([(entity, rid)])
        return self.records[(entity, rid)]

    def touch(self, entity: str, rid: str) -> dict:
        rec = self.records[(entity, rid)]
        assert rec is not None  # callers touch only a record they found or created
        if not rec.get("dirty"):
            rec["dirty"] = True
            self.touched.append((entity, rid))
        if self.force_gap and (entity, rid) not in self.gap_flagged:
            self.gap_flagged.add((entity, rid))
            rec["conflict"] = worse(rec["conflict"], "gap")
            self.conflicts.append({"entity": entity, "entity_id": rid, "kind": "gap", "fields": [],
                                   "detail": {"why": "changed by ops applied past a gap an administrator forced"},
                                   "device_id": self.device_id, "seq": None, "change_id": None,
                                   "created_at": self.now})
        return rec

    def create(self, entity: str, rid: str, data: dict, op: dict, *, ref: str | None = None) -> dict:
        data = dict(data)
        if not LOCAL_ONLY.isdisjoint(data):
            for key in data.keys() & LOCAL_ONLY:
                del data[key]
        key = (entity, rid)
        self.records[key] = rec = {"entity": entity, "id": rid, "data": data, "server_version": 1, "usn": 0,
                                   "deleted": False, "origin": self.device_id, "ref": ref,
                                   "field_hlc": {"*": op["hlc_eff"]}, "conflict": None,
                                   "incomplete": False, "new": True}
        if self.force_gap:
            return self.touch(entity, rid)  # server_version 1 is the creation; no record_version row
        rec["dirty"] = True  # what touch() does to a record not yet touched
        self.touched.append(key)
        return rec

    def version(self, entity, rid, server_version, changed, op) -> None:
        self.versions.append({"entity": entity, "id": rid, "server_version": server_version, "changed": changed,
                              "source": self.device_id, "change_id": op["change_id"], "at": self.now})

    def flag(self, entity: str, rid: str, kind: str, fields, detail: dict, op: dict | None) -> None:
        rec = self.records.get((entity, rid))
        if rec is not None:
            self.touch(entity, rid)["conflict"] = worse(rec["conflict"], kind)
        self.conflicts.append({"entity": entity, "entity_id": rid, "kind": kind, "fields": sorted(fields),
                               "detail": detail, "device_id": self.device_id, "seq": op and op["seq"],
                               "change_id": op and op["change_id"], "created_at": self.now})

    # Ops
    def log(self, op: dict, status: str, reason: str | None = None) -> str:
        keep = status not in ("applied", "noop")
        meta = None
        if status == "held":  # all of it, so central_reprocess can apply it once this program understands it
            meta = {k: v for k, v in op.items() if k not in OP_COLUMNS and not k.startswith("_") and k != "hlc_eff"}
        payload = op.get("payload") if keep else None
        self.op_rows.append((self.device_id, op["seq"], op["change_id"], op["entity"], op["entity_id"], op["op"],
                             op["_sha"], op["hlc"], status, reason, op.get("_bundle_id", self.bundle_id),
                             self._now_bound, None if payload is None else bind_value(self.c, m.op.c.payload, payload),
                             None if meta is None else bind_value(self.c, m.op.c.op_meta, meta)))
        self.counts[status if status in self.counts else "applied"] += 1
        return status

    def effective_hlc(self, hlc: int) -> int:
        wall = hlc >> 16
        now_ms = self.now_hlc >> 16
        if wall > now_ms + SKEW_FUTURE_MS or wall < now_ms - SKEW_PAST_MS:
            if not self.skewed:
                self.alerts.append({"kind": "skew", "device_id": self.device_id, "bundle_id": self.bundle_id,
                                    "detail": {"op_wall_ms": wall, "central_wall_ms": now_ms},
                                    "created_at": self.now})
            self.skewed = True
        return min(hlc, self.now_hlc)

    def apply(self, op: dict, *, quarantine: bool = False) -> str:
        if quarantine:
            return self.log(op, "quarantined", "after the device's revocation cut-off")
        current = op if op.get("payload_v", PAYLOAD_V) == PAYLOAD_V else upcast(op)
        if current is None:
            return self.log(op, "held", f"payload_v {op.get('payload_v')} is newer than this program")
        if current is not op:
            current.update({k: v for k, v in op.items() if k.startswith("_")})
            op = current
        kind, entity = op["op"], op["entity"]
        hlc = op["hlc"]
        op["hlc_eff"] = hlc if self._hlc_plain <= hlc <= self.now_hlc else self.effective_hlc(hlc)
        if kind == "withheld":
            return self.log(op, "noop")
        if kind == "finalize" and entity == "inspection":
            from .inspections import apply_finalize
            return apply_finalize(self, op)
        if entity == "assignment_response":
            from .assignments import apply_response
            return apply_response(self, op)
        policy = POLICIES.get(entity)
        if policy is None or kind not in ("insert", "update", "delete"):
            return self.log(op, "held", f"unknown operation {kind} on {entity}")
        if kind == "delete" and not policy.deletable:
            return self.log(op, "rejected", f"a laptop cannot delete a {entity}; propose a change instead")
        payload = op["payload"] or {}
        problem = limits.registry_problem(entity, payload, None if kind == "insert" else op.get("changed") or ())
        if problem:  # this op only, never the bundle: the laptop shows why and goes on (sync-protocol §8)
            return self.log(op, "rejected", problem)
        rec = self.get(entity, op["entity_id"])
        if rec is None:
            rec = self.create(entity, op["entity_id"], payload, op)
            if entity == "rectification_order":
                rec["data"]["events"] = [self.event(op, payload.get("status", "issued"))]
            if kind == "update":
                self.flag(entity, op["entity_id"], "gap", [], {"why": "update of a record central never saw"}, op)
            return self.log(op, "applied")
        changed = set(payload) - BOOKKEEPING if kind == "insert" else set(op.get("changed") or ()) - BOOKKEEPING
        self.merge(rec, op, policy, changed)
        return self.log(op, "applied")

    def apply_all(self, ops: list[dict], cutoff: int | None) -> None:
        """apply() of each op in order, quarantined past `cutoff`. The common op of a big bundle, a register
        row central has not seen inserted, is applied here inline (docs/sync-protocol.md §8): the same
        checks, record and log row as apply() gives it, without its dispatch; any other op goes to apply()."""
        records, touched, rows, problem_of = self.records, self.touched, self.op_rows, limits.registry_problem
        device, bundle, at, low, high = self.device_id, self.bundle_id, self._now_bound, self._hlc_plain, self.now_hlc
        applied = 0
        for op in ops:
            entity = op["entity"]
            if self.force_gap or op["op"] != "insert" or entity not in _PLAIN_INSERT \
                    or op.get("payload_v", PAYLOAD_V) != PAYLOAD_V or (cutoff is not None and op["seq"] > cutoff):
                self.apply(op, quarantine=cutoff is not None and op["seq"] > cutoff)
                continue
            rid = op["entity_id"]
            key = (entity, rid)
            if records.get(key, _UNLOADED) is not None:  # central has it (a merge), or it is not loaded yet
                self.apply(op)
                continue
            hlc = op["hlc"]
            op["hlc_eff"] = hlc_eff = hlc if low <= hlc <= high else self.effective_hlc(hlc)
            payload = op["payload"] or {}
            problem = problem_of(entity, payload, None)
            if problem:  # this op only, as in apply()
                self.log(op, "rejected", problem)
                continue
            data = dict(payload)
            for name in LOCAL_ONLY:
                data.pop(name, None)
            records[key] = {"entity": entity, "id": rid, "data": data, "server_version": 1, "usn": 0,
                            "deleted": False, "origin": device, "ref": None, "field_hlc": {"*": hlc_eff},
                            "conflict": None, "incomplete": False, "new": True, "dirty": True}
            touched.append(key)
            rows.append((device, op["seq"], op["change_id"], entity, rid, "insert", op["_sha"], hlc, "applied", None,
                         op.get("_bundle_id", bundle), at, None, None))
            applied += 1
        self.counts["applied"] += applied

    def event(self, op: dict, status: str) -> dict:
        ref = (op.get("payload") or {}).get("reinspection_id")
        found = {"status": status, "hlc": op["hlc_eff"], "id": op["change_id"], "source": self.device_id, "ref": ref}
        if status == "closed" and ref:  # a laptop closes an order only by a passing re-inspection (§8.2)
            from .rechecks import closes
            found["recheck"] = closes(self, op["entity_id"], ref)
        return found

    def central_changes(self, rec: dict, base: int | None) -> set[str]:
        if base is None:
            base = 1 if rec["origin"] == self.device_id else 0
        if base >= rec["server_version"]:
            return set()
        rows = self.c.execute(select(m.record_version.c.changed, m.record_version.c.source).where(
            m.record_version.c.entity == rec["entity"], m.record_version.c.id == rec["id"],
            m.record_version.c.server_version > base))
        pending = [v for v in self.versions if v["entity"] == rec["entity"] and v["id"] == rec["id"]
                   and v["server_version"] > base]
        out = set()
        for changed, source in [*rows, *((v["changed"], v["source"]) for v in pending)]:
            if source != self.device_id:
                out.update(changed)
        return out

    def merge(self, rec: dict, op: dict, policy: Policy, fields: set[str]) -> None:
        entity, rid, payload = rec["entity"], rec["id"], op["payload"]
        theirs = self.central_changes(rec, op.get("base_server_version"))
        applied, lost = [], {}
        for name in sorted(fields):
            value = payload.get(name)
            if name in policy.central_only:
                if value != rec["data"].get(name):
                    lost[name] = {"device": value, "kept": rec["data"].get(name), "why": "central decides"}
                continue
            if entity == "rectification_order" and name == "status":
                continue
            if name not in theirs or value == rec["data"].get(name):
                applied.append(name)
            elif name in policy.observational:
                if op["hlc_eff"] > rec["field_hlc"].get(name, rec["field_hlc"].get("*", 0)):
                    lost[name] = {"central": rec["data"].get(name), "kept": value, "why": "later observation"}
                    applied.append(name)
                else:
                    lost[name] = {"device": value, "kept": rec["data"].get(name), "why": "earlier observation"}
            else:
                self.flag(entity, rid, "hard", [name], {"device": value, "central": rec["data"].get(name),
                                                        "why": "both changed an authoritative field; central kept"}, op)
        rec = self.touch(entity, rid)
        for name in applied:
            rec["data"][name] = payload.get(name)
            rec["field_hlc"][name] = op["hlc_eff"]
        if entity == "rectification_order" and "status" in fields:
            events = rec["data"].setdefault("events", [])
            events.append(self.event(op, payload.get("status")))
            status, invalid = fold_order(events)
            if status != rec["data"].get("status"):
                applied.append("status")
            rec["data"]["status"] = status
            if invalid:
                self.flag(entity, rid, "hard", ["status"], {"invalid_events": invalid, "status": status}, op)
        if lost:
            self.flag(entity, rid, "soft", list(lost), {"lost": lost}, op)
        elif theirs and applied:
            self.flag(entity, rid, "soft", applied, {"why": "versions diverged; the changes were disjoint"}, op)
        if applied:
            rec["server_version"] += 1
            self.version(entity, rid, rec["server_version"], sorted(applied), op)

    # Write back
    def flush(self) -> None:
        c = self.c
        if self.touched:
            last = next_usn(c, len(self.touched))
            first = last - len(self.touched) + 1
            new_rows: list[dict] = []
            old_rows: list[dict] = []
            records, at = self.records, self.now
            for usn, key in enumerate(self.touched, first):
                rec = records[key]
                assert rec is not None  # touch() saw it; a loaded record is never unset
                rec["usn"], rec["updated_at"] = usn, at  # the record is its own row: the writers take
                (new_rows if rec["new"] else old_rows).append(rec)  # the table's columns from it
            bulk_insert(c, m.record, new_rows)
            bulk_update(c, m.record, ("entity", "id"), old_rows)
        insert_tuples(c, m.op, OP_LOG, self.op_rows)
        for table, rows in ((m.record_version, self.versions), (m.conflict, self.conflicts), (m.alert, self.alerts)):
            if rows:
                c.execute(insert(table), rows)


def op_digest(op: dict) -> str:
    return canonical.digest(op)


