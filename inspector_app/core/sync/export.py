"""Upward export (device → bundle): every unacknowledged change, in sequence order.

Exporting never changes the outbox: only an acknowledgement from central retires
rows, so a pulled stick, a full disk or a lost bundle loses nothing; the next
export simply carries the same ops again (cumulative; docs/sync-protocol.md §7.4).
A full stick is deliver()'s BundleError; a full data folder (where the bundle
is built, and the export recorded) is StoreError "store.disk_full".

Drafts never leave the laptop. An outbox row made while its inspection was a
draft (the inspection row itself, its answers, inspectors, evidence and refusal
record) goes out as a content-free `withheld` marker in its own seq slot, and
the inspection's finalize row goes out as one `finalize` op carrying the whole
signed record (inspection + all its parts, read from the now-immutable rows).
So the content leaves only once finalized, in seq order, and the per-device
sequence stays gap-free: an inspection left open for a week never holds back
the rest, and a real loss is still seen by central as a gap.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

from sqlalchemy import select, text

from ... import __version__
from .. import disk, limits, migrate, triggers
from ..errors import StoreError
from ..evidence import blob_path
from ..models import SYNCABLE_MODELS, Area, Outbox, SyncExport, SyncState, SyncWantedBlob, new_id
from ..notices import numbering
from ..outbox import to_json
from ..tables import table_of
from . import bundle, canonical, enrolment, scratch
from .errors import check_cancel, report

PAYLOAD_V = 1
MAX_OPS = 200_000
MAX_BLOB_BYTES = 1 << 30
INSPECTION_PARTS = tuple(triggers._CHILD_TABLES)  # frozen with their inspection by SQL triggers
AREA_FIELDS = {"establishment": ("township_id", "village_id"), "user": ("township_id",)}
MODELS = {model.__tablename__: model for model in SYNCABLE_MODELS}


def area_codes(connection) -> dict[str, str]:
    table = table_of(Area)
    return {str(row.id): row.code for row in connection.execute(select(table.c.id, table.c.code))}


def to_wire(entity: str, row: dict, codes: dict[str, str]) -> dict:
    """Area ids are per-store; on the wire an area is its division code."""
    fields = AREA_FIELDS.get(entity)
    if not fields:
        return row
    row = dict(row)
    for name in fields:
        if row.get(name) is not None:
            row[name] = codes.get(row[name], row[name])
    return row


def row_json(model, values) -> dict:
    excluded = model.SYNC_EXCLUDE
    return {key: to_json(value) for key, value in values._mapping.items() if key not in excluded}


def inspection_record(connection, inspection_id: str) -> tuple[dict, list[str]]:
    """The finalized inspection and all its parts, as on the wire; plus its evidence hashes."""
    table = table_of(MODELS["inspection"])
    key = uuid.UUID(inspection_id)
    row = connection.execute(select(table).where(table.c.id == key)).one()
    parts, blobs = {}, []
    for name in INSPECTION_PARTS:
        part = table_of(MODELS[name])
        rows = connection.execute(select(part).where(part.c.inspection_id == key).order_by(part.c.id)).all()
        parts[name] = [row_json(MODELS[name], r) for r in rows]
        if name == "answer":
            parts[name] = [_value_as_text(row) for row in parts[name]]
        if name == "evidence":
            blobs += [r.sha256 for r in rows]
    return {"inspection": row_json(MODELS["inspection"], row), "parts": parts}, blobs


def _value_as_text(row: dict) -> dict:
    """An answer value canonical JSON cannot write (NaN, stored before core refused it) goes out as the
    text the laptop stored, flagged: the record leaves as signed (docs/sync-protocol.md §7.3). Every
    other value goes out as it always did, so a re-sent op stays byte-identical."""
    if limits.sendable(row.get("value")):
        return row
    return {**row, "value": json.dumps(row["value"]), "value_as_text": True}


def wire_ops(connection, device_id: str, after: int, limit: int):
    """(ops, blob hashes) for outbox rows with seq > after, in seq order."""
    table = table_of(Outbox)
    rows = connection.execute(select(table).where(table.c.seq > after).order_by(table.c.seq).limit(limit)).all()
    codes = area_codes(connection) if any(r.entity in AREA_FIELDS for r in rows) else {}
    ops, blobs = [], []
    for r in rows:
        op = {"seq": r.seq, "change_id": str(r.change_id), "device_id": device_id, "entity": r.entity,
              "entity_id": r.entity_id, "op": r.op, "base_server_version": r.base_server_version,
              "payload_v": PAYLOAD_V, "payload": to_wire(r.entity, r.payload, codes),
              "changed": r.changed if r.op == "update" else [],
              "hlc": r.hlc, "author": str(r.author_id) if r.author_id else None}
        if r.entity in INSPECTION_PARTS or (r.entity == "inspection" and r.payload.get("status") != "finalized"):
            op.update(op="withheld", payload=None, changed=[], base_server_version=None)
        elif r.entity == "inspection" and r.op != "delete":
            op["op"] = "finalize"
            op["payload"], hashes = inspection_record(connection, r.entity_id)
            op["changed"] = []
            blobs += hashes
        ops.append(op)
    return ops, blobs


def export_bundle(store, paths, out_dir: Path, *, after_seq: int | None = None, max_ops: int = MAX_OPS,
                  max_blob_bytes: int = MAX_BLOB_BYTES, progress=None, cancel=None) -> dict:
    """Write one upward bundle to `out_dir`, read it back, and say what it holds.

    Returns {"bundle", "ops", "seq_from", "seq_to", "blobs", "bytes", "more", "missing_blobs"}.
    Safe to call from a worker thread; `cancel` stops it with nothing written.
    """
    report(progress, 0, 5, "collect")
    with store.session() as session:
        enrol, trust, keys = enrolment.require(session, paths.keys)
        state = session.get(SyncState, 1)
        start = state.acked_through_seq if after_seq is None else max(int(after_seq), 0)
        connection = session.connection()
        ops, wanted = wire_ops(connection, keys.device_id, start, max_ops)
        more = connection.execute(text("SELECT EXISTS(SELECT 1 FROM outbox WHERE seq > :s)"),
                                  {"s": ops[-1]["seq"] if ops else start}).scalar()
        wanted += [row[0] for row in connection.execute(select(table_of(SyncWantedBlob).c.sha256))]
        last = connection.execute(select(table_of(SyncExport).c.bundle_id)
                                  .order_by(table_of(SyncExport).c.created_at.desc()).limit(1)).scalar()
        header_state = (state.central_usn_applied, state.central_epoch, state.hlc)
        numbers_used = numbering.used_counts(session)
    check_cancel(cancel)
    report(progress, 1, 5, "blobs")
    blobs, missing, budget = [], [], max_blob_bytes
    for sha in dict.fromkeys(wanted):
        path = blob_path(paths.blobs, sha)
        size = path.stat().st_size if path.exists() else None
        if size is None or size > budget:
            missing.append(sha)
            continue
        budget -= size
        blobs.append((sha, path))
    key_ids, recipients = trust.enc_recipients()
    seq_from = ops[0]["seq"] if ops else start + 1
    seq_to = ops[-1]["seq"] if ops else start
    header = {"format": bundle.FORMAT, "kind": "up", "bundle_id": new_id().hex, "prev_bundle_id": last,
              "sender": {"device_id": keys.device_id, "key_id": keys.sign_key_id, "cert": enrol.cert},
              "recipient": {"key_ids": key_ids, "central": enrol.central},
              "seq_from": seq_from, "seq_to": seq_to, "usn_from": 0, "usn_to": 0,
              "central_usn_applied": header_state[0], "central_epoch": header_state[1],
              "app_version": __version__, "schema_rev": migrate.head(), "max_reader_format": bundle.FORMAT,
              "created_hlc": max(header_state[2], int(time.time() * 1000) << 16),
              "numbers_used": numbers_used}  # what the district tops number blocks up from (§3)

    def fill(writer):
        writer.add_lines("data/ops.jsonl", (_line(op) for op in ops))
        for n, (sha, path) in enumerate(blobs):
            check_cancel(cancel)
            writer.add_file(f"data/blobs/{sha}", path)
            report(progress, n + 1, len(blobs), "blobs")
        return {}

    report(progress, 2, 5, "encrypt")
    # The bag is plaintext: an owner-only folder, removed however the export ends, and swept by the next
    # export when a killed one left it (docs/sync-protocol.md §13).
    with scratch.private_dir(paths.data_dir / "sync" / "outgoing") as workdir:
        try:
            local = bundle.seal(workdir, header=header, sign_key=keys.sign, recipients=recipients, fill=fill)
        except OSError as exc:  # the data folder's disk, where the bundle is built (the stick's is deliver's)
            if disk.is_disk_full(exc):
                raise disk.disk_full(paths.data_dir) from exc
            raise
        check_cancel(cancel)
        report(progress, 3, 5, "write")
        final = bundle.deliver(local, Path(out_dir), trust, cancel=cancel, progress=progress)
        size = final.stat().st_size
    report(progress, 4, 5, "record")
    try:
        with store.write() as session:
            session.add(SyncExport(bundle_id=header["bundle_id"], seq_from=seq_from, seq_to=seq_to, ops=len(ops),
                                   blobs=len(blobs), bytes=size, path=str(final)))
    except BaseException:
        final.unlink(missing_ok=True)  # not recorded (a full disk): a failed export leaves nothing on the stick
        raise
    report(progress, 5, 5, "done")
    return {"bundle": str(final), "ops": len(ops), "seq_from": seq_from, "seq_to": seq_to, "blobs": len(blobs),
            "bytes": size, "more": bool(more), "missing_blobs": missing, "bundle_id": header["bundle_id"]}


def _line(op: dict) -> bytes:
    """The op's canonical line; an op it cannot be written for is named instead of ending in a traceback."""
    try:
        return canonical.dumps(op)
    except (ValueError, TypeError, UnicodeEncodeError):
        raise StoreError("limits.op_not_carried", seq=op["seq"], entity=op["entity"], id=op["entity_id"]) from None

