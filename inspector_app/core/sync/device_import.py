"""The laptop imports what came back (docs/sync-protocol.md §9.4): acks, registry rows, checklists, revocations.

Checks before one transaction: signed by central's key under the pinned root,
addressed to this laptop, not an older epoch, not a replay, an ack that is
possible (not above our own last seq, for us). The payload is decrypted into an
owner-only scratch folder that goes when the import ends, whichever way. Held bundles (a delta whose start
is ahead of us) wait in sync/held/; refused ones are kept in sync/rejected/.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from sqlalchemy import delete, insert, select, text, update
from sqlmodel import col

from .. import audit
from ..errors import StateError
from ..keys import load_device_keys, retired_enc_keys
from ..models import Outbox, SyncEnrolment, SyncInbox, SyncState, SyncWantedBlob, utcnow
from ..tables import table_of
from . import bundle, crypto, district_settings, enrolment, filing, scratch
from .device_apply import DeviceApplier
from .errors import SyncRejected, check_cancel, report

ALARMS = ("ack_forgery", "wrong_recipient", "untrusted_sender", "signature")


def _folder(paths, name: str) -> Path:
    path = paths.data_dir / "sync" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def _alarm(store, reason: str, message: str, header: dict | None) -> None:
    with store.write() as session:
        audit.record(session, action="sync.alarm", entity="bundle",
                     entity_id=(header or {}).get("bundle_id"), detail={"reason": reason, "message": message})


def _reject(store, paths, path: Path, exc: SyncRejected, header: dict | None) -> dict:
    kept = filing.keep_copy(path, _folder(paths, "rejected"), reason={"reason": exc.reason, "message": exc.message})
    if exc.reason in ALARMS:
        _alarm(store, exc.reason, exc.message, header)
    return {"status": "rejected", "reason": exc.reason, "message": exc.message, "file": str(kept),
            "bundle_id": (header or {}).get("bundle_id")}


def max_local_seq(session) -> int:
    row = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")).first()
    return row[0] if row else 0


def import_bundle(store, paths, file, *, progress=None, cancel=None, hook=None) -> dict:
    """Import one downward bundle on this laptop; returns {"status", "reason", "message", ...}."""
    path = Path(file)
    hook = hook or (lambda step: None)
    report(progress, 0, 3, "verify")
    with store.session() as session:
        loaded = enrolment.load(session)
        if loaded is None:
            raise StateError("sync.not_enrolled")
        enrol, trust = loaded
        keys = load_device_keys(session, paths.keys)
        state = session.get(SyncState, 1)
        local = (state.central_usn_applied, state.central_epoch, state.acked_through_seq, max_local_seq(session))
    header = None
    try:
        inspected = bundle.inspect(path, trust, cancel=cancel)
    except SyncRejected as exc:
        if exc.reason == "format_newer":
            kept = filing.keep_copy(path, _folder(paths, "held"), reason={"reason": exc.reason, "message": exc.message})
            return {"status": "held", "reason": exc.reason, "message": exc.message, "file": str(kept)}
        return _reject(store, paths, path, exc, None)
    with closing(inspected):
        header = inspected.header
        try:
            result = _verified(store, paths, path, inspected, keys, local, trust, progress, cancel, hook)
        except SyncRejected as exc:
            return _reject(store, paths, path, exc, header)
    if result["status"] == "applied":
        result["released"] = _drain_held(store, paths, hook)
    return result


def _verified(store, paths, path, inspected, keys, local, trust, progress, cancel, hook) -> dict:
    header = inspected.header
    usn_applied, epoch, acked, max_seq = local
    if header["kind"] not in ("down", "snapshot") or inspected.sender.device_id != "central":
        raise SyncRejected("wrong_kind", f"a laptop imports downward bundles from central, not {header['kind']}")
    if header["recipient"].get("device_id") != keys.device_id:
        raise SyncRejected("wrong_recipient", f"addressed to laptop {str(header['recipient'].get('device_id'))[:8]}")
    with store.session() as session:
        seen = session.get(SyncInbox, header["bundle_id"])
    if seen is not None and seen.status == "applied":
        return {"status": "duplicate", "reason": "already imported", "message": "imported before; nothing changed",
                "bundle_id": header["bundle_id"]}
    if header["central_epoch"] < epoch:
        raise SyncRejected("epoch", f"epoch {header['central_epoch']} < {epoch}")
    newer_epoch = header["central_epoch"] > epoch
    if header["kind"] == "down" and header["usn_from"] > usn_applied and not newer_epoch:
        kept = filing.keep_copy(path, _folder(paths, "held"), reason={"reason": "gap", "message": "waiting"})
        with store.write() as session:
            if session.get(SyncInbox, header["bundle_id"]) is None:
                session.add(SyncInbox(bundle_id=header["bundle_id"], kind=header["kind"], usn_from=header["usn_from"],
                                      usn_to=header["usn_to"], epoch=header["central_epoch"], status="held",
                                      reason="gap", file=str(kept)))
        return {"status": "held", "reason": "gap", "bundle_id": header["bundle_id"], "file": str(kept),
                "message": f"this bundle starts at usn {header['usn_from']}; this laptop has {usn_applied}. "
                           "It is kept until the missing bundle (or a snapshot) arrives"}
    hook("verified")
    report(progress, 1, 3, "decrypt")
    identities = [crypto.age_identity(k) for k in (keys.enc, *retired_enc_keys(paths.keys))]
    with scratch.private_dir(paths.data_dir / "sync" / "tmp") as work, \
            bundle.open_payload(inspected, identities, work, cancel=cancel) as bag:
        acks = bag.acks or {}
        ack = acks.get("acked_through_seq", 0)
        if not isinstance(acks, dict) or acks.get("device_id") != keys.device_id:
            raise SyncRejected("ack_forgery", "the acknowledgement is for another laptop")
        if not isinstance(ack, int) or ack > max_seq or ack != header["seq_to"]:
            raise SyncRejected("ack_forgery", f"acknowledges seq {ack}, but this laptop's last change is {max_seq}")
        fresh_rows = header["usn_to"] > usn_applied or newer_epoch
        if not fresh_rows and ack <= acked:
            raise SyncRejected("replay", f"usn {header['usn_to']} ≤ {usn_applied} and ack {ack} ≤ {acked}")
        counts = header.get("counts") or {}
        for name, rows in bag.registry.items():
            if name in counts and counts[name] != len(rows):
                raise SyncRejected("manifest", f"{name}: {len(rows)} rows, the header says {counts[name]}")
        check_cancel(cancel)
        report(progress, 2, 3, "apply")
        with store.write() as session:
            session.info["capture"] = False
            applier = DeviceApplier(session)
            _apply_acks(session, acks, acked)
            if fresh_rows:
                applier.rows(bag.registry)
            applier.release_stash()
            _keyset(session, inspected.header, trust)
            district_settings.remember(session.get(SyncEnrolment, 1), district_settings.check(header.get("district")),
                                       header["created_hlc"])
            state = session.get(SyncState, 1)
            if fresh_rows:
                state.central_usn_applied = header["usn_to"] if header["kind"] == "snapshot" or newer_epoch \
                    else max(state.central_usn_applied, header["usn_to"])
                state.central_epoch = header["central_epoch"]
            state.acked_through_seq = max(state.acked_through_seq, ack)
            session.execute(text("UPDATE sync_state SET hlc = max(hlc, :h) WHERE id = 1"), {"h": header["created_hlc"]})
            inbox = session.get(SyncInbox, header["bundle_id"])
            if inbox is None:
                inbox = SyncInbox(bundle_id=header["bundle_id"], kind=header["kind"], usn_from=header["usn_from"],
                                  usn_to=header["usn_to"], epoch=header["central_epoch"], status="applied")
                session.add(inbox)
            inbox.status, inbox.reason, inbox.received_at = "applied", None, utcnow()
            inbox.file = str(_folder(paths, "archive") / path.name)
            audit.record(session, action="sync.import", entity="bundle", entity_id=header["bundle_id"],
                         detail={"acked_through_seq": ack, "rows": applier.counts,
                                 "conflicts": acks.get("conflicts", [])[:50]})
            hook("transaction")
    filing.keep_copy(path, _folder(paths, "archive"))
    held = _folder(paths, "held") / path.name
    if held.exists():  # archived above
        held.unlink()
        Path(str(held) + ".reason.json").unlink(missing_ok=True)
    return {"status": "applied", "reason": None, "message": None, "bundle_id": header["bundle_id"],
            "kind": header["kind"], "acked_through_seq": ack, "rejected": len(acks.get("rejected", [])),
            "conflicts": len(acks.get("conflicts", [])), "rows": applier.counts,
            "usn_to": header["usn_to"]}


def _apply_acks(session, acks: dict, acked: int) -> None:
    ack = acks["acked_through_seq"]
    table = table_of(Outbox)
    rejected = {r["seq"]: r for r in acks.get("rejected", []) if isinstance(r, dict) and isinstance(r.get("seq"), int)}
    for seq, item in rejected.items():
        if seq <= ack:
            session.execute(update(table).where(table.c.seq == seq, table.c.state == "pending").values(
                state="rejected", reason=str(item.get("reason"))[:500]))
    session.execute(update(table).where(table.c.seq <= ack, table.c.state == "pending").values(state="acked"))
    wanted = [s for s in acks.get("missing_blobs", []) if isinstance(s, str) and len(s) == 64]
    session.execute(delete(table_of(SyncWantedBlob)))
    if wanted:
        session.execute(insert(table_of(SyncWantedBlob)), [{"sha256": s, "since": utcnow()} for s in set(wanted)])


def _keyset(session, header: dict, trust) -> None:
    doc = header["sender"].get("keyset")
    row = session.get(SyncEnrolment, 1)
    body = trust.adopt(doc)
    if body.get("serial", 0) > row.keyset.get("body", {}).get("serial", 0):
        row.keyset = doc
        enrolment.remember_keyset(session, body, trust.root_pub)


def _drain_held(store, paths, hook) -> list[dict]:
    results: list[dict] = []
    for _ in range(100):
        with store.session() as session:
            state = session.get(SyncState, 1)
            row = session.execute(select(SyncInbox).where(col(SyncInbox.status) == "held",
                                                          col(SyncInbox.usn_from) <= state.central_usn_applied)
                                  .order_by(col(SyncInbox.usn_from)).limit(1)).scalar()
        if row is None or not row.file or not Path(row.file).exists():
            return results
        result = import_bundle(store, paths, row.file, hook=hook)
        results.append({"bundle_id": row.bundle_id, "status": result["status"]})
        if result["status"] != "applied":
            with store.write() as session:
                item = session.get(SyncInbox, row.bundle_id)
                item.status, item.reason = "rejected", result.get("reason")
            return results
    return results
