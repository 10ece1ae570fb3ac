"""Duplicate establishments (docs/sync-protocol.md §8.5): found by central, merged by a person.

Two inspectors who meet the same unregistered stall on different days each
register it offline. Central cannot know they are one place until a person
says so, so `find` only flags likely pairs (same licence number, same credit
code, or the same name in the same township) as hard conflicts, and `merge`
is an administrator's act: the duplicate becomes status 'merged' with
`merged_into`, the kept record takes the identifiers and any facts it lacked,
and both flow down so every laptop shows one establishment with the history of
both. Inspections are signed and never rewritten; they keep their establishment
id and laptops follow `merged_into` when they list an establishment's history.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import insert, select, update

from ..core.errors import NotFound, StateError, ValidationError
from . import models as m
from .admin import edit_record_in
from .conflicts import clear_flag_if_settled
from .merge_rules import worse
from .store import Central, now

WHY = "possible duplicate"
MERGED = "merged"
IDENTIFIERS = ("licence_no", "licence_type", "credit_code")
FILLABLE = ("legal_rep", "contact_person", "phone", "address", "village_id")
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def name_key(name: str | None) -> str:
    """Names as people type them differ in width, spaces and punctuation: 李记 面馆（东） = 李记面馆(东)."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name or "")).lower()


def _match_keys(data: dict) -> list[tuple[str, str]]:
    keys = [(field, str(data[field]).upper()) for field in ("licence_no", "credit_code") if data.get(field)]
    if name_key(data.get("name")) and data.get("township_id"):
        keys.append(("name", f"{data['township_id']}|{name_key(data.get('name'))}"))
    return keys


def _flagged_pairs(c) -> set[frozenset]:
    """Pairs already flagged, open or dismissed: a person's 'not the same place' stays decided."""
    rows = c.execute(select(m.conflict.c.entity_id, m.conflict.c.detail).where(
        m.conflict.c.entity == "establishment", m.conflict.c.kind == "hard"))
    return {frozenset((entity_id, detail.get("duplicate_of"))) for entity_id, detail in rows
            if isinstance(detail, dict) and detail.get("why") == WHY}


def find(central: Central) -> list[dict]:
    """Flag every new likely-duplicate pair as a hard conflict on the newer record; returns the new flags."""
    with central.tx() as c:
        rows = c.execute(select(m.record.c.id, m.record.c.data, m.record.c.usn, m.record.c.conflict).where(
            m.record.c.entity == "establishment", m.record.c.deleted.is_(False))).all()
        live = [r for r in rows if r.data.get("status") != MERGED]
        # the record to keep: registered before provisional, then the one central had first
        live.sort(key=lambda r: (bool(r.data.get("provisional")), r.usn))
        seen: dict[tuple[str, str], str] = {}
        done, flags = _flagged_pairs(c), []
        by_id = {r.id: r for r in live}
        for row in live:
            for key in _match_keys(row.data):
                first = seen.setdefault(key, row.id)
                pair = frozenset((row.id, first))
                if first == row.id or pair in done:
                    continue
                done.add(pair)
                detail = {"why": WHY, "duplicate_of": first, "match": key[0],
                          "names": [by_id[first].data.get("name"), row.data.get("name")]}
                c.execute(insert(m.conflict).values(entity="establishment", entity_id=row.id, kind="hard",
                                                    fields=[key[0]], detail=detail, device_id=None, seq=None,
                                                    change_id=None, created_at=now()))
                c.execute(update(m.record).where(m.record.c.entity == "establishment", m.record.c.id == row.id)
                          .values(conflict=worse(row.conflict, "hard")))
                flags.append({"id": row.id, **detail})
    return flags


def merge(central: Central, keep_id: str, duplicate_id: str, *, by: str, note: str | None = None) -> dict:
    """Merge `duplicate_id` into `keep_id` (one transaction); both flow down with new usns."""
    if not (by or "").strip():
        raise ValidationError("duplicates.merger_required", field="by")
    if keep_id == duplicate_id:
        raise ValidationError("duplicates.same_record", field="duplicate")
    with central.tx() as c:
        records = {}
        for rid in (keep_id, duplicate_id):
            row = c.execute(select(m.record).where(m.record.c.entity == "establishment",
                                                   m.record.c.id == rid)).mappings().first()
            if row is None or row["deleted"]:
                raise NotFound("duplicates.no_establishment", field="establishment", id=rid)
            if row["data"].get("status") == MERGED:
                raise StateError("duplicates.already_merged", id=rid, merged_into=row["data"].get("merged_into"))
            records[rid] = dict(row["data"])
        keep, dup = records[keep_id], records[duplicate_id]
        taken = {f: dup[f] for f in IDENTIFIERS if dup.get(f) and not keep.get(f)}
        filled = {f: dup[f] for f in FILLABLE if dup.get(f) and not keep.get(f)}
        # identifiers leave the duplicate: laptops keep licence numbers unique
        edit_record_in(c, "establishment", duplicate_id, {
            "status": MERGED, "merged_into": keep_id, **{f: None for f in IDENTIFIERS if dup.get(f)}}, by=by)
        kept = edit_record_in(c, "establishment", keep_id, {**taken, **filled}, by=by)
        earlier = c.execute(select(m.record.c.id).where(
            m.record.c.entity == "establishment", m.record.c.data["merged_into"].as_string() == duplicate_id)).scalars()
        for rid in list(earlier):  # records merged into the duplicate before now follow it to the kept one
            edit_record_in(c, "establishment", rid, {"merged_into": keep_id}, by=by)
        resolution = f"merged {duplicate_id} into {keep_id}" + (f": {note}" if note else "")
        open_flags = c.execute(select(m.conflict.c.id, m.conflict.c.detail, m.conflict.c.entity_id).where(
            m.conflict.c.entity == "establishment", m.conflict.c.entity_id.in_([keep_id, duplicate_id]),
            m.conflict.c.resolved_at.is_(None))).all()
        resolved = [r.id for r in open_flags
                    if isinstance(r.detail, dict) and r.detail.get("why") == WHY
                    and {r.entity_id, r.detail.get("duplicate_of")} == {keep_id, duplicate_id}]
        if resolved:
            c.execute(update(m.conflict).where(m.conflict.c.id.in_(resolved)).values(
                resolved_by=by.strip(), resolved_at=now(), resolution=resolution))
        for rid in (keep_id, duplicate_id):
            clear_flag_if_settled(c, "establishment", rid)
    return {"kept": keep_id, "merged": duplicate_id, "moved": sorted(taken), "filled": sorted(filled),
            "resolved_conflicts": resolved, "by": by.strip(), "server_version": kept["server_version"]}
