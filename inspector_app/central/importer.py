"""Central import of upward bundles (docs/sync-protocol.md §8).

verify (outer, header, certificate, signatures, payload hash) → dedupe on
bundle_id → decrypt with a cap (in an owner-only scratch folder, removed by any
path) and verify the bag → write blobs → ONE transaction
(register the device, hold on a gap, skip ops already applied after checking
their hash, apply the rest in seq order, advance applied_through_seq, receipt)
→ archive. A crash anywhere reruns to the same result. Refused files are kept in
central/rejected/ with a reason; held ones in central/held/.
"""

from __future__ import annotations

import gc
import threading
from contextlib import closing, contextmanager
from datetime import timedelta
from operator import itemgetter
from pathlib import Path

from sqlalchemy import insert, select, update

from ..core.sync import bundle, filing, number_blocks, scratch
from ..core.sync.crypto import b64, key_id
from ..core.sync.errors import SyncRejected, check_cancel, report
from . import models as m
from . import numbering
from .apply import Applier
from .inspections import complete_attachments
from .opcheck import check_ops
from .store import Central, first_clash, now, observe_hlc

GAP_DAYS = 5
IMPORT_CACHE_MIB = 128  # SQLite page cache of an import's transaction: a 20,000-op bundle writes ~20 MiB of pages

_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = False


@contextmanager
def _gc_paused():
    """No cyclic garbage collection while a bundle is checked and applied: the import builds tens of
    thousands of small dicts and tuples, and each automatic collection would walk all of them again.
    Reference counting still frees everything; the collector is switched back on afterwards."""
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


def _noop(_step: str) -> None:
    pass


def receipt(status: str, header: dict | None = None, **extra) -> dict:
    out = {"status": status, "reason": extra.pop("reason", None), "message": extra.pop("message", None)}
    if header:
        out.update(bundle_id=header.get("bundle_id"), device_id=header.get("sender", {}).get("device_id"),
                   seq_from=header.get("seq_from"), seq_to=header.get("seq_to"))
    out.update(extra)
    return out


def _reject(central: Central, path: Path, exc: SyncRejected, header: dict | None) -> dict:
    kept = filing.keep_copy(path, central.folder("rejected"), reason={"reason": exc.reason, "message": exc.message})
    header = header if isinstance(header, dict) else {}
    sender = header.get("sender")
    sender = sender if isinstance(sender, dict) else {}
    with central.tx() as c:
        c.execute(insert(m.rejected_file).values(
            received_at=now(), sha256=bundle.file_sha256(kept), bundle_id=str(header.get("bundle_id"))[:64],
            device_id=str(sender.get("device_id"))[:64], reason=exc.reason, message=exc.message, file=str(kept)))
        if exc.reason in ("op_mismatch", "device_mismatch", "key_mismatch", "key_retired", "grant_used", "revoked"):
            c.execute(insert(m.alert).values(kind="alarm", device_id=str(sender.get("device_id"))[:32],
                                             bundle_id=str(header.get("bundle_id"))[:64], created_at=now(),
                                             detail={"reason": exc.reason, "message": exc.message}))
    return receipt("rejected", header, reason=exc.reason, message=exc.message, file=str(kept))


def import_bundle(central: Central, path, *, progress=None, cancel=None, hook=None, force: bool = False) -> dict:
    """Import one upward bundle; returns the receipt ({"status": applied|duplicate|held|rejected, ...})."""
    hook, path = hook or _noop, Path(path)
    report(progress, 0, 4, "verify")
    header = None
    try:
        inspected = bundle.inspect(path, central.keys.trust(), cancel=cancel)
    except SyncRejected as exc:
        if exc.reason == "format_newer":
            kept = filing.keep_copy(path, central.folder("held"), reason={"reason": exc.reason, "message": exc.message})
            return receipt("held", None, reason=exc.reason, message=exc.message, file=str(kept))
        return _reject(central, path, exc, None)
    with closing(inspected):
        header = inspected.header
        try:
            with _gc_paused():
                result = _import_verified(central, path, inspected, progress, cancel, hook, force)
        except SyncRejected as exc:
            return _reject(central, path, exc, header)
    if result["status"] == "applied":
        result["released"] = drain_held(central, result["device_id"], hook=hook)
    report(progress, 4, 4, "done")
    return result


def _import_verified(central, path, inspected, progress, cancel, hook, force) -> dict:
    header, sender = inspected.header, inspected.sender
    if header["kind"] != "up":
        raise SyncRejected("wrong_kind", f"central imports upward bundles, this one is {header['kind']}")
    ours = {e["key_id"] for e in central.keys.entries("enc")}
    if not ours & set(header["recipient"]["key_ids"]):
        raise SyncRejected("wrong_recipient", "not encrypted to any of this central's keys")
    with central.engine.connect() as c:
        known = c.execute(select(m.bundle).where(m.bundle.c.bundle_id == header["bundle_id"])).mappings().first()
    if known and known["status"] in ("applied", "duplicate"):
        _archive(central, path)
        return {**(known["receipt"] or {}), "status": "duplicate", "reason": "already imported",
                "message": "this bundle was imported before; nothing changed"}
    hook("verified")
    report(progress, 1, 4, "decrypt")
    with scratch.private_dir(central.data_dir / "central" / "tmp") as work, \
            bundle.open_payload(inspected, central.keys.identities(), work, cancel=cancel) as bag:
        ops = check_ops(bag.ops, header, sender.device_id, bag.op_hashes)
        hook("decrypted")
        report(progress, 2, 4, "blobs")
        blobs = {}
        for sha in bag.blobs:
            check_cancel(cancel)
            blobs[sha] = filing.store_stream(central.folder("blobs"), sha, bag.blob_chunks(sha))
        hook("blobs")
    check_cancel(cancel)
    report(progress, 3, 4, "apply")
    result = _apply(central, path, header, sender, ops, blobs, hook, force)
    hook("committed")
    if result["status"] in ("applied", "duplicate"):
        _archive(central, path)
        hook("archived")
    return result


def _archive(central: Central, path: Path) -> None:
    """Keep the imported file as evidence (once), and drop our held copy of it."""
    target = central.folder("archive") / now().strftime("%Y-%m")
    if not any(central.folder("archive").glob(f"*/{path.name}")):
        filing.keep_copy(path, target)
    held = central.data_dir / "central" / "held" / path.name
    if held.exists():  # archived above, so the held copy (perhaps the file just imported) can go
        held.unlink()
        Path(str(held) + ".reason.json").unlink(missing_ok=True)


def _check_key(c, dev, sender, header) -> dict:
    """The signing key must be the laptop's current key, a retired one within its rotation_seq, or a
    rotation that continues the registered chain (which then becomes the registered key)."""
    kid = key_id(sender.sign_pub)
    history = dev["key_history"] or [{"key_id": dev["sign_key_id"], "pub": None, "through_seq": None}]
    known = {h["key_id"]: h for h in history}.get(kid)
    if known is not None:
        if known["through_seq"] is not None and header["seq_to"] > known["through_seq"]:
            raise SyncRejected("key_retired", f"signed with a key laptop {sender.device_id[:8]} retired at seq "
                                              f"{known['through_seq']}; this bundle goes to seq {header['seq_to']}")
        return dict(dev)
    chain = sender.key_history()
    ids = [h["key_id"] for h in chain]
    if dev["sign_key_id"] not in ids:
        raise SyncRejected("key_mismatch", f"device {sender.device_id[:8]} is registered with another key")
    rotated_at = chain[ids.index(dev["sign_key_id"])]
    history = [h for h in history if h["through_seq"] is not None] + chain[ids.index(dev["sign_key_id"]):]
    if dev["applied_through_seq"] > rotated_at["through_seq"]:
        c.execute(insert(m.alert).values(kind="alarm", device_id=sender.device_id, bundle_id=header["bundle_id"],
                                         created_at=now(), detail={
                                             "reason": "key_rotated_late", "rotation_seq": rotated_at["through_seq"],
                                             "applied_through_seq": dev["applied_through_seq"],
                                             "message": "ops above the rotation were accepted under the old key "
                                                        "before the rotation arrived; review them"}))
    values = {"sign_key_id": kid, "enc_pub": b64(sender.enc_pub), "enc_key_id": key_id(sender.enc_pub),
              "cert": sender.cert, "key_history": history}
    c.execute(update(m.device).where(m.device.c.device_id == sender.device_id).values(**values))
    return {**dev, **values}


def _register(c, sender, header) -> dict:
    dev = c.execute(select(m.device).where(m.device.c.device_id == sender.device_id)).mappings().first()
    if dev is not None:
        return _check_key(c, dev, sender, header)
    grant = c.execute(select(m.grant).where(m.grant.c.serial == sender.serial)).mappings().first()
    revoked = SyncRejected("revoked", f"laptop {sender.name or sender.device_id[:8]} was revoked before it "
                                      f"first synced (enrolment {sender.serial[:8]})")
    if grant is not None and grant["revoked_at"] is not None:
        raise revoked
    other = c.execute(select(m.device.c.device_id).where(m.device.c.grant_serial == sender.serial)).scalar()
    if (grant and grant["device_id"] not in (None, sender.device_id)) or other:
        raise SyncRejected("grant_used", f"grant {sender.serial[:8]} belongs to another laptop")
    if grant is None:
        c.execute(insert(m.grant).values(serial=sender.serial, device_name=sender.name or "?",
                                         township_code=sender.township, issued_at=now()))
    if not c.execute(update(m.grant).where(m.grant.c.serial == sender.serial, m.grant.c.revoked_at.is_(None))
                     .values(device_id=sender.device_id, bound_at=now())).rowcount:
        raise revoked  # revoked while this import waited for the row (docs/sync-protocol.md §5.5)
    row = {"device_id": sender.device_id, "grant_serial": sender.serial, "name": sender.name,
           "township_code": sender.township, "sign_key_id": key_id(sender.sign_pub),
           "enc_pub": b64(sender.enc_pub),
           "enc_key_id": key_id(sender.enc_pub), "cert": sender.cert, "key_history": sender.key_history(),
           "registered_at": now(),
           "applied_through_seq": 0, "acked_reported": 0, "usn_reported": 0, "epoch_reported": 0, "last_hlc": 0}
    c.execute(insert(m.device).values(**row))
    return row


def _apply(central, path, header, sender, ops, blobs, hook, force) -> dict:
    with central.tx(lock=sender.device_id, cache_mib=IMPORT_CACHE_MIB) as c:
        dev = _register(c, sender, header)
        known = c.execute(select(m.bundle).where(m.bundle.c.bundle_id == header["bundle_id"])).mappings().first()
        if known and known["status"] in ("applied", "duplicate"):
            return {**(known["receipt"] or {}), "status": "duplicate", "reason": "already imported"}
        applied_through = dev["applied_through_seq"]
        base = {"received_at": now(), "device_id": sender.device_id, "kind": "up", "seq_from": header["seq_from"],
                "seq_to": header["seq_to"], "sha256": header["payload_sha256"]}
        if header["seq_from"] > applied_through + 1 and not force:
            held = filing.keep_copy(path, central.folder("held"),
                                    reason={"reason": "gap", "message": f"waiting for ops {applied_through + 1}"
                                            f"–{header['seq_from'] - 1}"})
            out = receipt("held", header, reason="gap", applied_through_seq=applied_through,
                          message=f"ops {applied_through + 1}–{header['seq_from'] - 1} have not arrived yet; "
                                  "the bundle is kept and applied when they do")
            if known is None:
                c.execute(insert(m.bundle).values(bundle_id=header["bundle_id"], status="held", file=str(held),
                                                  reason="gap", receipt=out, **base))
            return out
        have = set(blobs) | set(c.execute(select(m.blob.c.sha256).where(
            m.blob.c.sha256.in_([e.get("sha256") for op in ops if op["op"] == "finalize"
                                 for e in (op.get("payload") or {}).get("parts", {}).get("evidence", [])]))).scalars())
        applier = Applier(c, device_id=sender.device_id, bundle_id=header["bundle_id"],
                          have_blob=have.__contains__)
        # ops are consecutive from seq_from (check_ops): those at or below applied_through come first
        cut = min(len(ops), max(0, applied_through - header["seq_from"] + 1))
        old, new = ops[:cut], ops[cut:]
        seen = {}
        if old:
            seen = {row.seq: row for row in c.execute(select(m.op.c.seq, m.op.c.change_id, m.op.c.op_sha256).where(
                m.op.c.device_id == sender.device_id, m.op.c.seq >= old[0]["seq"], m.op.c.seq <= old[-1]["seq"]))}
        late = []
        for op in old:
            row = seen.get(op["seq"])
            if row is None:
                late.append(op)  # inside a gap an administrator forced past: apply now, flagged
            elif row.change_id != op["change_id"] or row.op_sha256 != op["_sha"]:
                raise SyncRejected("op_mismatch", f"op {op['seq']} differs from the one received before")
        _check_change_ids(c, sender.device_id, late + new)
        applier.prefetch(late + new)
        cutoff = dev.get("revoked_after_seq")
        for op in late:
            applier.force_gap = True
            applier.apply(op, quarantine=cutoff is not None and op["seq"] > cutoff)
        applier.force_gap = force
        applier.apply_all(new, cutoff)
        applier.flush()
        hook("transaction")
        for sha, size in blobs.items():
            if not c.execute(select(m.blob.c.sha256).where(m.blob.c.sha256 == sha)).first():
                c.execute(insert(m.blob).values(sha256=sha, size=size, received_at=now(),
                                                bundle_id=header["bundle_id"]))
        completed = complete_attachments(c) if blobs else 0
        if ops:
            observe_hlc(c, min(max(map(itemgetter("hlc"), ops)), applier.now_hlc))
        progress = {"applied_through_seq": max(applied_through, header["seq_to"]), "last_seen_at": now(),
                    "acked_reported": max(dev["acked_reported"], header["seq_from"] - 1)}
        if header["created_hlc"] >= dev["last_hlc"]:
            progress.update(usn_reported=header["central_usn_applied"], epoch_reported=header["central_epoch"],
                            last_hlc=header["created_hlc"], app_version=str(header.get("app_version"))[:40],
                            max_reader_format=str(header.get("max_reader_format"))[:20])
        c.execute(update(m.device).where(m.device.c.device_id == sender.device_id).values(**progress))
        numbering.top_up(c, dev["grant_serial"], number_blocks.read_report(header))  # docs/sync-protocol.md §3
        nothing_new = bool(ops) and not new and not late and not completed
        status = "duplicate" if nothing_new else "applied"
        if force:
            c.execute(insert(m.alert).values(kind="gap", device_id=sender.device_id, bundle_id=header["bundle_id"],
                                             created_at=now(), cleared_at=now(),
                                             detail={"forced": True, "missing": [applied_through + 1,
                                                                                 header["seq_from"] - 1]}))
        out = receipt(status, header, reason="old ops only" if nothing_new else None,
                      applied_through_seq=progress["applied_through_seq"], ops=applier.counts,
                      skipped=len(old) - len(late), conflicts=len(applier.conflicts),
                      missing_blobs=sorted(applier.missing_blobs))
        values = dict(status=status, reason=out["reason"], decided_at=now(), receipt=out,
                      file=str(central.folder("archive") / now().strftime("%Y-%m") / path.name))
        if known is None:
            c.execute(insert(m.bundle).values(bundle_id=header["bundle_id"], **base, **values))
        else:
            c.execute(update(m.bundle).where(m.bundle.c.bundle_id == header["bundle_id"]).values(**values))
        return out


def _check_change_ids(c, device_id: str, ops: list[dict]) -> None:
    """A change id is global: one already received from another laptop means copied data (or forgery)."""
    clash = first_clash(c, m.op, "change_id", [op["change_id"] for op in ops], "device_id", device_id)
    if clash:
        raise SyncRejected("op_mismatch", f"change {clash[0]} was already received from laptop "
                                          f"{clash[1][:8]} (a copied data folder?)")


def drain_held(central: Central, device_id: str, *, hook=None) -> list[dict]:
    """Apply held bundles of `device_id` whose gap has closed, oldest first."""
    results: list[dict] = []
    while True:
        with central.engine.connect() as c:
            applied = c.execute(select(m.device.c.applied_through_seq).where(
                m.device.c.device_id == device_id)).scalar() or 0
            row = c.execute(select(m.bundle.c.bundle_id, m.bundle.c.file).where(
                m.bundle.c.device_id == device_id, m.bundle.c.status == "held",
                m.bundle.c.seq_from <= applied + 1).order_by(m.bundle.c.seq_from).limit(1)).first()
        if row is None or not Path(row.file).exists():
            return results
        result = import_bundle(central, Path(row.file), hook=hook)
        results.append({"bundle_id": row.bundle_id, "status": result["status"]})
        if result["status"] not in ("applied", "duplicate"):
            return results


def held_bundles(central: Central) -> list[dict]:
    """Bundles waiting behind a gap, with who sent them and the sequence range they carry."""
    b = m.bundle.c
    with central.engine.connect() as c:
        rows = c.execute(select(b.bundle_id, b.device_id, b.seq_from, b.seq_to, b.reason, b.received_at)
                         .where(b.status == "held")).mappings()
        return [dict(row) for row in rows]


def force_held(central: Central, bundle_id: str, *, by: str) -> dict:
    """An administrator applies a bundle held behind a gap; touched records are flagged conflict='gap'."""
    with central.engine.connect() as c:
        row = c.execute(select(m.bundle).where(m.bundle.c.bundle_id == bundle_id)).mappings().first()
    if row is None or row["status"] != "held":
        from ..core.errors import NotFound
        raise NotFound("central.no_held_bundle", id=bundle_id)
    result = import_bundle(central, Path(row["file"]), force=True)
    result["forced_by"] = by
    return result


def check_gaps(central: Central, *, days: int = GAP_DAYS, at=None) -> list[dict]:
    """Raise an alert for every bundle held behind a gap for more than `days` days (once each)."""
    at = at or now()
    raised = []
    with central.tx() as c:
        held = c.execute(select(m.bundle).where(m.bundle.c.status == "held", m.bundle.c.reason == "gap")).mappings()
        alerted = set(c.execute(select(m.alert.c.bundle_id).where(m.alert.c.kind == "gap")).scalars())
        for row in list(held):
            received = row["received_at"]
            if received.tzinfo is None:
                received = received.replace(tzinfo=at.tzinfo)
            if row["bundle_id"] not in alerted and at - received > timedelta(days=days):
                detail = {"seq_from": row["seq_from"], "held_since": received.isoformat(), "days": days}
                c.execute(insert(m.alert).values(kind="gap", device_id=row["device_id"], bundle_id=row["bundle_id"],
                                                 detail=detail, created_at=at))
                raised.append({"bundle_id": row["bundle_id"], "device_id": row["device_id"], **detail})
    return raised
