"""Central administration: init, enrolment files, registry edits, checklists, revocation."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert, select, update

from ..core.checklists import load_directory
from ..core.district import DISTRICT_CODE, DISTRICT_NAME, DISTRICT_POPULATION, TOWNSHIPS, villages_of
from ..core.errors import NotFound, ValidationError
from ..core.paths import forms_dir
from ..core.sync import enrolment, number_blocks
from ..core.sync.crypto import key_id, unb64
from . import district_settings, numbering
from . import keys as central_keys
from . import models as m
from .merge_rules import fold_order, worse
from .store import Central, ensure_meta, get_meta, next_hlc, next_usn, now, open_central, put_record


def init_central(data_dir: Path, url: str | None = None, *, name: str = "district") -> dict:
    """Create (or upgrade) the central store and its keys; safe to repeat."""
    keys, created = central_keys.init_keys(Path(data_dir) / "central-keys", name)
    central = open_central(data_dir, url)
    try:
        with central.tx() as c:
            ensure_meta(c)
            areas = sum(put_record(c, "area", row["code"], row, usn=next_usn(c)) for row in shipped_areas())
            forms = sum(publish_checklist(c, checklist) for checklist in load_directory(forms_dir()))
        keyset = keys.trust().keyset
        assert keyset is not None  # trust() adopts central's own signed key set
        return {"central": keys.name, "keys_created": created, "areas_added": areas, "checklists_added": forms,
                "root_key_id": keyset["root"], "url": str(central.engine.url.render_as_string())}
    finally:
        central.close()


def shipped_areas() -> list[dict]:
    rows = [{"code": DISTRICT_CODE, "name": DISTRICT_NAME, "level": "district", "parent_code": None,
             "population": DISTRICT_POPULATION}]
    for name, suffix, population, terrain in TOWNSHIPS:
        code = DISTRICT_CODE + suffix
        rows.append({"code": code, "name": name, "level": "township", "parent_code": DISTRICT_CODE,
                     "population": population})
        rows += [{"code": vcode, "name": vname, "level": "village", "parent_code": code, "population": people}
                 for vname, vcode, people in villages_of(name, code, population, terrain)]
    return rows


def publish_checklist(c, checklist) -> bool:
    """Add a checklist version to the downward stream (immutable per id and version)."""
    rid = f"{checklist.id}@{checklist.version}"
    data = {"id": checklist.id, "version": checklist.version, "title": checklist.title.zh,
            "categories": list(checklist.categories), "content_hash": checklist.content_hash,
            "definition": checklist.model_dump(mode="json", by_alias=True)}
    existing = c.execute(select(m.record.c.data).where(m.record.c.entity == "checklist",
                                                       m.record.c.id == rid)).scalar()
    if existing is not None:
        if existing.get("content_hash") != checklist.content_hash:
            raise ValidationError("central.checklist_changed", id=rid)
        return False
    return put_record(c, "checklist", rid, data, usn=next_usn(c))


def find_township(c, name_or_code: str) -> dict:
    rows = c.execute(select(m.record.c.data).where(m.record.c.entity == "area")).scalars().all()
    text = (name_or_code or "").strip()
    for test in (lambda d: d["code"] == text, lambda d: d["name"] == text, lambda d: d["name"].startswith(text)):
        hits = [d for d in rows if d["level"] == "township" and test(d)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise ValidationError("central.several_townships", field="township", name=text)
    raise NotFound("central.no_township", field="township", name=text)


def issue_enrolment(central: Central, *, device_name: str, township: str, request: dict | None = None) -> dict:
    """Record a grant and return the enrolment file's content."""
    if not (device_name or "").strip():
        raise ValidationError("central.device_name_required", field="device_name")
    with central.tx() as c:
        town = find_township(c, township)
        doc = enrolment.issue(central.keys, device_name=device_name.strip(), township_code=town["code"],
                              township_name=town["name"], epoch=get_meta(c, "epoch"), request=request,
                              district=district_settings.carried(c), hlc=next_hlc(c))
        grant = doc["grant"]["body"]
        c.execute(insert(m.grant).values(serial=grant["serial"], device_name=grant["device_name"],
                                         township_code=town["code"], issued_at=now(),
                                         device_id=grant.get("device_id"), sign_pub=grant.get("sign_pub"),
                                         enc_pub=grant.get("enc_pub")))
        blocks = numbering.top_up(c, grant["serial"])  # its first document numbers (docs/sync-protocol.md §6)
        if blocks:
            doc["numbers"] = number_blocks.signed_doc(central.keys, grant["serial"],
                                                      [numbering.wire_row(b) for b in blocks])
    return doc


def edit_record(central: Central, entity: str, rid: str, fields: dict, *, by: str) -> dict:
    """A district administrator changes a record; it flows down with a new usn."""
    with central.tx() as c:
        return edit_record_in(c, entity, rid, fields, by=by)


def edit_record_in(c, entity: str, rid: str, fields: dict, *, by: str) -> dict:
    """edit_record inside the caller's transaction."""
    row = c.execute(select(m.record).where(m.record.c.entity == entity, m.record.c.id == rid)).mappings().first()
    if row is None:
        raise NotFound("central.no_record", entity=entity, id=rid)
    data, field_hlc = dict(row["data"]), dict(row["field_hlc"] or {})
    hlc = next_hlc(c)
    changed = sorted(k for k, v in fields.items() if data.get(k) != v)
    conflict = row["conflict"]
    for key in changed:
        field_hlc[key] = hlc
        if entity == "rectification_order" and key == "status":
            events = data.setdefault("events", [])
            events.append({"status": fields[key], "hlc": hlc, "id": f"central-{hlc}", "source": "central",
                           "ref": None})
            data["status"], invalid = fold_order(events)
            if invalid:
                conflict = worse(conflict, "hard")
        else:
            data[key] = fields[key]
    version = row["server_version"] + (1 if changed else 0)
    c.execute(update(m.record).where(m.record.c.entity == entity, m.record.c.id == rid).values(
        data=data, field_hlc=field_hlc, server_version=version, usn=next_usn(c), updated_at=now(),
        conflict=conflict))
    if changed:
        c.execute(insert(m.record_version).values(entity=entity, id=rid, server_version=version,
                                                  changed=changed, source="central", change_id=None, at=now()))
    return {"entity": entity, "id": rid, "server_version": version, "changed": changed, "by": by}


def revoke(central: Central, device_id: str | None = None, *, grant: str | None = None,
           after_seq: int | None = None) -> dict:
    """Revoke a laptop, from its enrolment on (docs/sync-protocol.md §5.5): a registered one by device id
    (its ops up to the cut-off apply, later ones are quarantined); one that has not synced yet by the
    device id its enrolment pinned or by its grant serial (its bundles are refused, the grant is dead)."""
    if not (device_id or grant):
        raise NotFound("central.no_device", field="device", device="")
    with central.tx(lock=device_id or grant) as c:
        dev = _find_device(c, device_id) if device_id else None
        if dev is None:
            row = _find_grant(c, device_id, grant)
            # bound_at IS NULL: a first bundle committing meanwhile registers the laptop, revoked below instead
            if c.execute(update(m.grant).where(m.grant.c.serial == row["serial"], m.grant.c.bound_at.is_(None))
                         .values(revoked_at=row["revoked_at"] or now())).rowcount:
                return _publish_pinned(c, row)
            dev = c.execute(select(m.device).where(m.device.c.grant_serial == row["serial"])).mappings().first()
            if dev is None:
                raise NotFound("central.no_grant", field="grant", grant=row["serial"])
        cutoff = dev["applied_through_seq"] if after_seq is None else int(after_seq)
        c.execute(update(m.device).where(m.device.c.device_id == dev["device_id"]).values(
            revoked_after_seq=cutoff, revoked_at=now()))
        c.execute(update(m.grant).where(m.grant.c.serial == dev["grant_serial"], m.grant.c.revoked_at.is_(None))
                  .values(revoked_at=now()))
        history = dev["key_history"] or [{"key_id": dev["sign_key_id"],
                                           "pub": dev["cert"]["binding"]["body"]["sign_pub"]}]
        current = next(h for h in history if h["key_id"] == dev["sign_key_id"])
        put_record(c, "revoked_device", dev["device_id"], {
            "device_id": dev["device_id"], "sign_key_id": dev["sign_key_id"], "enc_key_id": dev["enc_key_id"],
            "sign_pub": current["pub"], "retired_sign_keys": [{"key_id": h["key_id"], "pub": h["pub"]}
                                                             for h in history if h is not current],
            "revoked_after_seq": cutoff, "name": dev["name"]}, usn=next_usn(c))
    return {"device_id": dev["device_id"], "revoked_after_seq": cutoff, "name": dev["name"],
            "grant_serial": dev["grant_serial"], "registered": True}


def _find_device(c, device_id: str):
    dev = c.execute(select(m.device).where(m.device.c.device_id == device_id)).mappings().first()
    if dev is None:
        matches = c.execute(select(m.device).where(m.device.c.device_id.like(f"{device_id}%"))).mappings().all()
        dev = matches[0] if len(matches) == 1 else None
    return dev


def _find_grant(c, device_id: str | None, serial: str | None):
    """The grant a revocation names: by serial (or its start), or pinned to the device id (or its start)."""
    column, text = (m.grant.c.serial, serial) if serial else (m.grant.c.device_id, device_id)
    rows = c.execute(select(m.grant).where(column == text)).mappings().all() or \
        c.execute(select(m.grant).where(column.like(f"{text}%"))).mappings().all()
    if len(rows) != 1:
        if serial:
            raise NotFound("central.no_grant", field="grant", grant=serial)
        raise NotFound("central.no_device", field="device", device=device_id)
    return rows[0]


def _publish_pinned(c, row) -> dict:
    """After revoking a grant whose laptop never synced: a pinned laptop's keys go to every laptop as
    revoked, so notices it signed fail verification (a plain grant names no key until its first bundle)."""
    if row["device_id"] and row["sign_pub"]:
        put_record(c, "revoked_device", row["device_id"], {
            "device_id": row["device_id"], "sign_key_id": key_id(unb64(row["sign_pub"])),
            "enc_key_id": key_id(unb64(row["enc_pub"])) if row["enc_pub"] else None, "sign_pub": row["sign_pub"],
            "retired_sign_keys": [], "revoked_after_seq": 0, "name": row["device_name"]}, usn=next_usn(c))
    return {"device_id": row["device_id"], "revoked_after_seq": 0, "name": row["device_name"],
            "grant_serial": row["serial"], "registered": False}


def devices(central: Central) -> list[dict]:
    with central.engine.connect() as c:
        return [dict(r) for r in c.execute(select(m.device.c.device_id, m.device.c.name, m.device.c.township_code,
                                                  m.device.c.applied_through_seq, m.device.c.usn_reported,
                                                  m.device.c.revoked_after_seq, m.device.c.last_seen_at,
                                                  m.device.c.grant_serial)).mappings()]


def pending_grants(central: Central) -> list[dict]:
    """Enrolments issued whose laptop has not sent a bundle yet (revocable by serial), oldest first."""
    g = m.grant.c
    with central.engine.connect() as c:
        registered = select(m.device.c.grant_serial)
        return [dict(r) for r in c.execute(select(g.serial.label("grant_serial"), g.device_name, g.township_code,
                                                  g.issued_at, g.device_id, g.revoked_at)
                                           .where(g.serial.not_in(registered)).order_by(g.issued_at)).mappings()]


def gc_orphan_blobs(central: Central, *, older_than_s: float = 86_400) -> list[str]:
    """Delete blob files no row refers to (left by an import that crashed before its commit)."""
    import time
    folder = central.folder("blobs")
    cutoff = time.time() - older_than_s
    removed = []
    with central.engine.connect() as c:
        for path in folder.glob("*/*"):
            if path.name.startswith(".tmp-"):
                if path.stat().st_mtime < cutoff:
                    path.unlink(missing_ok=True)
                continue
            if path.stat().st_mtime < cutoff and c.execute(
                    select(m.blob.c.sha256).where(m.blob.c.sha256 == path.name)).first() is None:
                path.unlink(missing_ok=True)
                removed.append(path.name)
    return removed
