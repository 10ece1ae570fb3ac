"""Downward bundles for one laptop (docs/sync-protocol.md §9): registry rows by usn, signed acks, snapshots.

A delta carries rows with usn in (usn_from, usn_to], where usn_from is what the
laptop last reported applying; a snapshot (new laptop, epoch change, or asked
for) carries every registry row. Both carry the acknowledgement of the laptop's
ops, and are signed by central and encrypted to that laptop's key only.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from .. import __version__
from ..core.errors import NotFound, StateError
from ..core.models import new_id
from ..core.sync import bundle, canonical, scratch
from ..core.sync.crypto import unb64
from ..core.sync.errors import check_cancel, report
from . import district_settings, holidays, numbering
from . import models as m
from .inspections import missing_for
from .merge_rules import REGISTRY
from .store import Central, get_meta, next_hlc


def _device(c, device_id: str) -> dict:
    row = c.execute(select(m.device).where(m.device.c.device_id == device_id)).mappings().first()
    if row is None:
        rows = c.execute(select(m.device).where(m.device.c.device_id.like(f"{device_id}%"))).mappings().all()
        if len(rows) != 1:
            raise NotFound("central.device_never_sent", field="device", device=device_id)
        row = rows[0]
    return dict(row)


def acks_for(c, dev: dict) -> dict:
    device_id, since = dev["device_id"], dev["acked_reported"]
    rejected = [{"seq": r.seq, "change_id": r.change_id, "reason": r.reason} for r in c.execute(
        select(m.op.c.seq, m.op.c.change_id, m.op.c.reason).where(
            m.op.c.device_id == device_id, m.op.c.status == "rejected", m.op.c.seq > since).order_by(m.op.c.seq))]
    conflicts = [{"seq": r.seq, "entity": r.entity, "entity_id": r.entity_id, "kind": r.kind, "fields": r.fields}
                 for r in c.execute(select(m.conflict).where(m.conflict.c.device_id == device_id,
                                                             m.conflict.c.seq > since,
                                                             m.conflict.c.resolved_at.is_(None)))]
    return {"device_id": device_id, "acked_through_seq": dev["applied_through_seq"], "rejected": rejected,
            "conflicts": conflicts, "missing_blobs": missing_for(c, device_id)}


def export_for_device(central: Central, device_id: str, out_dir: Path, *, snapshot: bool = False,
                      after_usn: int | None = None, laptop_epoch: int | None = None,
                      progress=None, cancel=None) -> dict:
    """Write one downward bundle for a laptop; returns {"bundle", "kind", "usn_from", "usn_to", "rows", ...}.

    `after_usn` and `laptop_epoch` are what the laptop says it applied (a request over HTTP); without them, what
    its last upward bundle reported."""
    report(progress, 0, 3, "collect")
    with central.tx() as c:
        dev = _device(c, device_id)
        if dev["revoked_at"] is not None:
            raise StateError("central.device_revoked", device=dev["device_id"][:8])
        epoch, usn_to = get_meta(c, "epoch"), get_meta(c, "usn")
        has, has_epoch = ((dev["usn_reported"], dev["epoch_reported"]) if after_usn is None
                          else (after_usn, laptop_epoch))
        kind = "snapshot" if snapshot or has == 0 or has > usn_to or has_epoch != epoch else "down"
        usn_from = 0 if kind == "snapshot" else has
        rows = c.execute(select(m.record.c.entity, m.record.c.id, m.record.c.data, m.record.c.server_version,
                                m.record.c.usn, m.record.c.deleted).where(
            m.record.c.entity.in_(REGISTRY), m.record.c.usn > usn_from, m.record.c.usn <= usn_to)
            .order_by(m.record.c.usn)).all()
        schedules = holidays.registry_rows(c, usn_from, usn_to)  # its own table (central/holidays.py)
        blocks = numbering.rows_for(c, dev["grant_serial"], usn_from, usn_to)  # this laptop's only (§9.2)
        acks = acks_for(c, dev)
        created_hlc = next_hlc(c)
        district = district_settings.carried(c)
    check_cancel(cancel)
    keys = central.keys
    signing = keys.current("signing")
    tables: dict[str, list[bytes]] = {}
    for r in rows:
        tables.setdefault(r.entity, []).append(canonical.dumps(
            {"id": r.id, "usn": r.usn, "server_version": r.server_version, "deleted": bool(r.deleted),
             "data": r.data}))
    for row in schedules:
        tables.setdefault(holidays.TABLE, []).append(canonical.dumps(row))
    if blocks:
        tables["number_block"] = [canonical.dumps(row) for row in blocks]
    ack = acks["acked_through_seq"]
    header = {"format": bundle.FORMAT, "kind": kind, "bundle_id": new_id().hex, "prev_bundle_id": None,
              "sender": {"device_id": "central", "key_id": keys.entries("signing", ("current",))[0]["key_id"],
                         "keyset": keys.keyset_doc()},
              "recipient": {"key_ids": [dev["enc_key_id"]], "device_id": dev["device_id"]},
              "seq_from": ack, "seq_to": ack, "usn_from": usn_from, "usn_to": usn_to, "central_usn_applied": usn_to,
              "central_epoch": epoch, "app_version": __version__, "schema_rev": None,
              "max_reader_format": bundle.FORMAT, "created_hlc": created_hlc,
              "counts": {name: len(lines) for name, lines in sorted(tables.items())}}
    if district:  # the district's settings, signed with the header (docs/sync-protocol.md §3, §9.5)
        header["district"] = district

    def fill(writer):
        writer.add_bytes("data/acks.json", canonical.dumps(acks))
        for name, lines in sorted(tables.items()):
            writer.add_lines(f"data/registry/{name}.jsonl", iter(lines))
        return {}

    report(progress, 1, 3, "encrypt")
    with scratch.private_dir(central.data_dir / "central" / "outgoing") as work:  # the bag is plaintext
        local = bundle.seal(work, header=header, sign_key=signing, recipients=[unb64(dev["enc_pub"])], fill=fill)
        report(progress, 2, 3, "write")
        final = bundle.deliver(local, Path(out_dir), keys.trust(), cancel=cancel)
    report(progress, 3, 3, "done")
    return {"bundle": str(final), "kind": kind, "device_id": dev["device_id"], "usn_from": usn_from,
            "usn_to": usn_to, "rows": len(rows) + len(schedules) + len(blocks), "acked_through_seq": ack,
            "bundle_id": header["bundle_id"]}
