"""Sync commands: enrol, export, import, sync status, relay (clerk) and central (district).

Every command takes --json; a refused bundle exits 1 with the reason, and a held
or duplicate one exits 0 (nothing is wrong: it is kept, or was imported before).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

from .core.errors import ValidationError

EXIT_OK, EXIT_ERROR = 0, 1


def _cli():
    from . import cli
    return cli


@contextmanager
def _central(args):
    """The central store named by --db (or the data folder's), closed when the command ends."""
    from .central.store import open_central
    central = open_central(_cli()._paths(args).data_dir, args.db, migrate=False)
    try:
        yield central
    finally:
        central.close()


def _exit_for(result: dict) -> int:
    return EXIT_ERROR if result.get("status") == "rejected" else EXIT_OK


def _receipt_text(result: dict) -> str:
    text = f"{result['status']}"
    if result.get("reason"):
        text += f" ({result['reason']})"
    if result.get("message"):
        text += f": {result['message']}"
    return text


# --- laptop ---------------------------------------------------------------------------------------

def cmd_enrol(args) -> int:
    from .core.sync import enrolment
    cli = _cli()
    store = cli._store(args)
    if args.request:
        from .core import keys
        from .core.sync import crypto
        with store.write() as session:
            device = keys.ensure_device_keys(session, cli._paths(args).keys)
        data = {"device_id": device.device_id, "sign_pub": crypto.pub_b64(device.sign),
                "enc_pub": crypto.pub_b64(device.enc)}
        Path(args.request).write_text(json.dumps(data, indent=1), encoding="utf-8")
        cli._emit(args, {"request": args.request, **data}, f"wrote {args.request}; give it to the district")
        return EXIT_OK
    if not args.file:
        raise ValidationError("give the enrolment file: inspector enrol FILE", field="file")
    data = enrolment.read_file(Path(args.file))
    with store.write() as session:
        result = enrolment.enrol(session, cli._paths(args).keys, data)
    cli._emit(args, result, f"enrolled as {result['device_name']} with {result['central']} "
                            f"(device {result['device_id']})")
    return EXIT_OK


def cmd_export(args) -> int:
    from .core.sync import export
    cli = _cli()
    result = export.export_bundle(cli._store(args), cli._paths(args), Path(args.out), after_seq=args.after_seq,
                                  max_ops=args.max_ops)
    cli._emit(args, result, f"{result['bundle']}\n{result['ops']} change(s), seq {result['seq_from']}–"
                            f"{result['seq_to']}, {result['blobs']} photo(s); read back OK: safe to remove the stick"
              + ("\nmore changes wait: export again after central's acknowledgement" if result["more"] else ""))
    return EXIT_OK


def cmd_import(args) -> int:
    from .core.sync import device_import
    cli = _cli()
    result = device_import.import_bundle(cli._store(args), cli._paths(args), Path(args.file))
    cli._emit(args, result, _receipt_text(result))
    return _exit_for(result)


def cmd_status(args) -> int:
    from .core.sync.status import sync_status
    cli = _cli()
    data = sync_status(cli._store(args))
    text = (f"device {data['device_id']}" + (f" ({data['device_name']}, {data['central']})" if data["enrolled"]
                                             else " (not enrolled: inspector enrol FILE)") +
            f"\npending {data['pending']}, acked through seq {data['acked_through_seq']} of {data['max_seq']}, "
            f"rejected {data['rejected']}\ncentral usn applied {data['central_usn_applied']}, "
            f"epoch {data['central_epoch']}, held {data['held_bundles']}, alarms {data['alarms']}")
    cli._emit(args, data, text)
    return EXIT_OK


def cmd_rotate_keys(args) -> int:
    from .core.sync import rotation
    cli = _cli()
    result = rotation.rotate(cli._store(args), cli._paths(args))
    cli._emit(args, result, f"new signing key {result['sign_key_id']} (was {result['old_sign_key_id']}); the old key "
                            f"stays valid for changes up to seq {result['rotation_seq']}. Export as usual: the "
                            "next bundle tells central")
    return EXIT_OK


# --- clerk ----------------------------------------------------------------------------------------

def _relay_trust(args):
    from .core.sync import enrolment
    cli = _cli()
    if not cli._paths(args).database.exists():
        return None
    with cli._store(args).session() as session:
        loaded = enrolment.load(session)
    return loaded[1] if loaded else None


def cmd_relay_collect(args) -> int:
    from .core.sync import relay
    cli = _cli()
    result = relay.collect(Path(args.dir), cli._paths(args).data_dir / "relay", _relay_trust(args))
    lines = [f"{r['status']:<9} {r.get('kind', '?'):<8} {str(r.get('device_name') or r.get('device_id') or '')[:20]:<20} "
             f"{r.get('range', '')} {Path(r['file']).name}" + (f"  ({r['message']})" if r.get("message") else "")
             for r in result["bundles"]]
    cli._emit(args, result, "\n".join(lines + [f"{result['intact']} intact, {result['duplicate']} duplicate, "
                                               f"{result['damaged']} damaged"]))
    return EXIT_ERROR if result["damaged"] and not result["intact"] and not result["duplicate"] else EXIT_OK


def cmd_relay_deliver(args) -> int:
    from .core.sync import relay
    cli = _cli()
    result = relay.deliver(Path(args.dir), cli._paths(args).data_dir / "relay", _relay_trust(args),
                           devices=args.device, upward=args.upward)
    cli._emit(args, result, "\n".join(d["file"] for d in result["delivered"]) or "nothing to deliver")
    return EXIT_OK


# --- central --------------------------------------------------------------------------------------

def cmd_central_init(args) -> int:
    from .central import admin as central_admin
    cli = _cli()
    cli._paths(args).ensure()
    result = central_admin.init_central(cli._paths(args).data_dir, args.db, name=args.name)
    cli._emit(args, result, f"central store ready ({result['central']}); root key {result['root_key_id']}")
    return EXIT_OK


def cmd_central_enrol(args) -> int:
    from .core.sync import canonical, enrolment
    from .central import admin as central_admin
    cli = _cli()
    request = None
    if args.request:
        try:
            request = json.loads(Path(args.request).read_text(encoding="utf-8"))
            request = {k: str(request[k]) for k in ("device_id", "sign_pub", "enc_pub")}
        except (OSError, ValueError, KeyError) as exc:
            raise ValidationError(f"{args.request} is not an enrolment request ({exc})", field="request") from None
    with _central(args) as central:
        doc = central_admin.issue_enrolment(central, device_name=args.device_name, township=args.township,
                                            request=request)
    Path(args.out).write_bytes(canonical.dumps(doc, floats=False))
    data = {"file": args.out, "grant_serial": doc["grant"]["body"]["serial"],
            "device_name": args.device_name, "township": doc["grant"]["body"]["township"]}
    if args.qr:
        import qrcode
        qrcode.make(enrolment.qr_text(doc), error_correction=qrcode.constants.ERROR_CORRECT_L).save(args.qr)
        data["qr"] = args.qr
    cli._emit(args, data, f"wrote {args.out}: give it to the laptop ({args.device_name}) → inspector enrol FILE")
    return EXIT_OK


def cmd_central_import(args) -> int:
    from .central import importer as central_import
    cli = _cli()
    with _central(args) as central:
        target = Path(args.file)
        if target.is_dir():
            results = [central_import.import_bundle(central, p) for p in sorted(target.rglob("*.fsib"))]
            cli._emit(args, {"results": results}, "\n".join(f"{Path(r.get('file') or '').name or r.get('bundle_id')}:"
                                                            f" {_receipt_text(r)}" for r in results) or "no bundles")
            return EXIT_ERROR if any(r["status"] == "rejected" for r in results) else EXIT_OK
        result = central_import.import_bundle(central, target)
    cli._emit(args, result, _receipt_text(result))
    return _exit_for(result)


def cmd_central_export(args) -> int:
    from .central import exporter as central_export
    cli = _cli()
    with _central(args) as central:
        result = central_export.export_for_device(central, args.device, Path(args.out), snapshot=args.snapshot)
    cli._emit(args, result, f"{result['bundle']} ({result['kind']}, usn {result['usn_from']}–{result['usn_to']}, "
                            f"acks through seq {result['acked_through_seq']})")
    return EXIT_OK


def cmd_central_revoke(args) -> int:
    from .central import admin as central_admin
    with _central(args) as central:
        result = central_admin.revoke(central, args.device, after_seq=args.after_seq)
    _cli()._emit(args, result, f"revoked {result['device_id']}: ops after seq {result['revoked_after_seq']} "
                               "will be quarantined for review")
    return EXIT_OK


def cmd_central_conflicts(args) -> int:
    from .central import conflicts
    with _central(args) as central:
        if args.resolve is not None:
            result = conflicts.resolve(central, args.resolve, by=args.by or "", note=args.note)
            _cli()._emit(args, result, f"conflict {result['id']} resolved by {result['resolved_by']}")
            return EXIT_OK
        rows = conflicts.list_conflicts(central, include_resolved=args.all, kind=args.kind)
        alerts = conflicts.list_alerts(central)
    text = "\n".join(f"#{r['id']:<5} {r['kind']:<5} {r['entity']:<14} {r['label']:<20} {','.join(r['fields'])}"
                     for r in rows) or "no open conflicts"
    if alerts:
        text += "\n" + "\n".join(f"alert {a['id']}: {a['kind']} device {str(a['device_id'])[:8]} {a['detail']}"
                                 for a in alerts)
    _cli()._emit(args, {"conflicts": rows, "alerts": alerts}, text)
    return EXIT_OK


def cmd_central_held(args) -> int:
    from sqlalchemy import select
    from .central import importer as central_import, models as m
    with _central(args) as central:
        if args.reprocess or args.ops:
            return _held_ops(args, central)
        if args.force:
            if not args.by:
                raise ValidationError("only a district administrator may force a held bundle: give --by NAME",
                                      field="by")
            result = central_import.force_held(central, args.force, by=args.by)
            _cli()._emit(args, result, _receipt_text(result))
            return _exit_for(result)
        with central.engine.connect() as c:
            rows = [dict(r) for r in c.execute(select(m.bundle.c.bundle_id, m.bundle.c.device_id, m.bundle.c.seq_from,
                                                      m.bundle.c.seq_to, m.bundle.c.reason, m.bundle.c.received_at)
                                               .where(m.bundle.c.status == "held")).mappings()]
    _cli()._emit(args, rows, "\n".join(f"{r['bundle_id']} device {r['device_id'][:8]} seq {r['seq_from']}–"
                                       f"{r['seq_to']} ({r['reason']})" for r in rows) or "nothing held")
    return EXIT_OK


def _held_ops(args, central) -> int:
    from .central import reprocess as central_reprocess
    if args.reprocess:
        if not args.by:
            raise ValidationError("say who re-processes the held changes: give --by NAME", field="by")
        result = central_reprocess.reprocess(central, by=args.by)
        _cli()._emit(args, result, f"{result['applied']} applied, {result['rejected']} refused, "
                                   f"{result['quarantined']} quarantined, {result['held']} still held "
                                   "(this program does not understand them yet)")
        return EXIT_OK
    rows = central_reprocess.held_ops(central)
    _cli()._emit(args, rows, "\n".join(f"device {r['device_id'][:8]} seq {r['seq']} {r['op']} {r['entity']} "
                                       f"{r['entity_id'][:8]}: {r['reason']}" for r in rows) or "no held changes")
    return EXIT_OK


def cmd_central_duplicates(args) -> int:
    from .central import duplicates as central_duplicates
    with _central(args) as central:
        flags = central_duplicates.find(central)
    _cli()._emit(args, flags, "\n".join(f"{f['id']} may be {f['duplicate_of']} (same {f['match']}: "
                                        f"{' / '.join(str(n) for n in f['names'])})" for f in flags)
                 or "no new likely duplicates")
    return EXIT_OK


def cmd_central_merge(args) -> int:
    from .central import duplicates as central_duplicates
    with _central(args) as central:
        result = central_duplicates.merge(central, args.keep, args.duplicate, by=args.by or "", note=args.note)
    _cli()._emit(args, result, f"{result['merged']} merged into {result['kept']}"
                               + (f"; moved {', '.join(result['moved'])}" if result["moved"] else "")
                               + ". Laptops follow with their next downward bundle")
    return EXIT_OK


def cmd_central_devices(args) -> int:
    from .central import admin as central_admin
    with _central(args) as central:
        rows = central_admin.devices(central)
    _cli()._emit(args, rows, "\n".join(f"{r['device_id']}  {r['name']}  applied through {r['applied_through_seq']}"
                                       + ("  REVOKED" if r["revoked_after_seq"] is not None else "")
                                       for r in rows) or "no laptops yet")
    return EXIT_OK


def cmd_central_rotate(args) -> int:
    from .central import keys as central_keys
    keys = central_keys.rotate(_cli()._paths(args).data_dir / "central-keys", args.role)
    data = [{"role": e["role"], "key_id": e["key_id"], "status": e["status"]} for e in keys.ring["keys"]]
    _cli()._emit(args, {"serial": keys.ring["serial"], "keys": data},
                 "\n".join(f"{d['role']:<9} {d['key_id']} {d['status']}" for d in data))
    return EXIT_OK


def register(sub, command) -> None:
    p = command("enrol", cmd_enrol, help="enrol this laptop with the district (inspector enrol FILE)")
    p.add_argument("file", nargs="?", help="the enrolment file from `inspector central enrol`, or a photo or "
                                           "scan of its QR code (PNG, JPEG, PDF)")
    p.add_argument("--request", metavar="OUT", help="instead, write this laptop's public keys for central")
    p = command("export", cmd_export, help="write every unacknowledged change to a bundle (e.g. on a USB stick)")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--after-seq", type=int, help="start after this seq (the next part of a large backlog)")
    p.add_argument("--max-ops", type=int, default=200_000)
    p = command("import", cmd_import, help="import a bundle that came back from central")
    p.add_argument("file")
    group = sub.add_parser("sync", help="sync state").add_subparsers(dest="action", required=True)
    command("status", cmd_status, group)
    command("rotate-keys", cmd_rotate_keys, group,
            help="replace this laptop's keys (e.g. after a repair); the old key is destroyed")

    group = sub.add_parser("relay", help="township clerk: carry bundles").add_subparsers(dest="action", required=True)
    p = command("collect", cmd_relay_collect, group, help="check and collect the bundles on a stick")
    p.add_argument("dir")
    p = command("deliver", cmd_relay_deliver, group, help="put the bundles for a stick's laptop on it")
    p.add_argument("dir")
    p.add_argument("--device", action="append", help="deliver for this device id (repeatable)")
    p.add_argument("--upward", action="store_true", help="also copy collected upward bundles for the district")

    group = sub.add_parser("central", help="district: the central store").add_subparsers(dest="action",
                                                                                        required=True)

    def central(name, func, **kw):
        p = command(name, func, group, **kw)
        p.add_argument("--db", metavar="URL", help="database URL (default: sqlite file central.sqlite3 in the "
                                                   "data folder; PostgreSQL: postgresql://user@host/db)")
        return p

    p = central("init", cmd_central_init, help="create the central store and its keys (safe to repeat)")
    p.add_argument("--name", default="district")
    p = central("enrol", cmd_central_enrol, help="issue an enrolment file for a laptop")
    p.add_argument("--device-name", required=True)
    p.add_argument("--township", required=True, metavar="NAME_OR_CODE")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--qr", metavar="PNG", help="also write a QR code for the desktop app")
    p.add_argument("--request", metavar="FILE", help="pin the laptop's keys from `inspector enrol --request`")
    p = central("import", cmd_central_import, help="import an upward bundle (or every bundle in a folder)")
    p.add_argument("file")
    p = central("export", cmd_central_export, help="write the downward bundle for a laptop")
    p.add_argument("--device", required=True)
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--snapshot", action="store_true", help="send the whole registry")
    p = central("revoke", cmd_central_revoke, help="revoke a lost laptop by sequence cut-off")
    p.add_argument("--device", required=True)
    p.add_argument("--after-seq", type=int, help="default: the last seq applied from it")
    p = central("conflicts", cmd_central_conflicts, help="list (or resolve) conflicts and alerts")
    p.add_argument("--all", action="store_true", help="include resolved conflicts")
    p.add_argument("--kind", choices=("soft", "hard", "gap"))
    p.add_argument("--resolve", type=int, metavar="ID")
    p.add_argument("--by", metavar="NAME")
    p.add_argument("--note")
    p = central("held", cmd_central_held, help="bundles held behind a gap (--force ID applies one); changes "
                                               "held because this program did not understand them (--ops, "
                                               "--reprocess after an upgrade)")
    p.add_argument("--force", metavar="BUNDLE_ID")
    p.add_argument("--ops", action="store_true", help="list the held changes instead of held bundles")
    p.add_argument("--reprocess", action="store_true", help="apply the held changes this program now understands")
    p.add_argument("--by", metavar="NAME")
    central("duplicates", cmd_central_duplicates, help="flag likely duplicate establishments as conflicts")
    p = central("merge", cmd_central_merge, help="merge a duplicate establishment into the one to keep")
    p.add_argument("--keep", required=True, metavar="ID")
    p.add_argument("--duplicate", required=True, metavar="ID")
    p.add_argument("--by", metavar="NAME")
    p.add_argument("--note")
    central("devices", cmd_central_devices, help="enrolled laptops and their progress")
    from .cli_assignments import register_central
    register_central(central)
    p = central("rotate-keys", cmd_central_rotate, help="rotate a central key (retired keys are kept)")
    p.add_argument("--role", default="enc", choices=("enc", "signing", "enrolment"))

