"""`inspector central …`: the district's store, driven from the command line."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import ValidationError
from . import assignments, central_numbers, central_staff, holidays
from .common import EXIT_ERROR, EXIT_OK, central_store, data_paths, emit, exit_for, receipt_text, say


def cmd_central_init(args) -> int:
    from ..central import admin
    data_paths(args).ensure()
    result = admin.init_central(data_paths(args).data_dir, args.db, name=args.name)
    emit(args, result, say("cli.district_ready", central=result["central"], key=result["root_key_id"]))
    return EXIT_OK


def _enrolment_request(path: str | None) -> dict | None:
    if not path:
        return None
    from ..core import jsonfiles
    try:
        jsonfiles.check_size(path)
        request = jsonfiles.loads(Path(path).read_text(encoding="utf-8"), path=path)
        return {k: str(request[k]) for k in ("device_id", "sign_pub", "enc_pub")}
    except ValidationError as exc:  # strictly read (core/jsonfiles.py): no key twice, no NaN, no deep nesting
        raise ValidationError("enrolment.bad_request", field="request", path=path, detail=exc.message) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError("enrolment.bad_request", field="request", path=path, detail=str(exc)) from None


def cmd_central_enrol(args) -> int:
    from ..central import admin
    from ..core.sync import canonical, enrolment
    request = _enrolment_request(args.request)
    with central_store(args) as central:
        doc = admin.issue_enrolment(central, device_name=args.device_name, township=args.township, request=request)
    Path(args.out).write_bytes(canonical.dumps(doc, floats=False))
    data = {"file": args.out, "grant_serial": doc["grant"]["body"]["serial"],
            "device_name": args.device_name, "township": doc["grant"]["body"]["township"]}
    if args.qr:
        import qrcode
        qrcode.make(enrolment.qr_text(doc), error_correction=qrcode.constants.ERROR_CORRECT_L).save(args.qr)
        data["qr"] = args.qr
    emit(args, data, say("cli.enrolment_written", file=args.out, name=args.device_name))
    return EXIT_OK


def cmd_central_import(args) -> int:
    from ..central import importer
    with central_store(args) as central:
        target = Path(args.file)
        if target.is_dir():
            results = [importer.import_bundle(central, p) for p in sorted(target.rglob("*.fsib"))]
            emit(args, {"results": results}, "\n".join(f"{Path(r.get('file') or '').name or r.get('bundle_id')}:"
                                                       f" {receipt_text(r)}" for r in results) or say("cli.no_bundles"))
            return EXIT_ERROR if any(r["status"] == "rejected" for r in results) else EXIT_OK
        result = importer.import_bundle(central, target)
    emit(args, result, receipt_text(result))
    return exit_for(result)


def cmd_central_export(args) -> int:
    from ..central import exporter
    with central_store(args) as central:
        result = exporter.export_for_device(central, args.device, Path(args.out), snapshot=args.snapshot)
    emit(args, result, f"{result['bundle']} ({result['kind']}, usn {result['usn_from']}–{result['usn_to']}, "
                       f"acks through seq {result['acked_through_seq']})")
    return EXIT_OK


def cmd_central_revoke(args) -> int:
    from ..central import admin
    with central_store(args) as central:
        result = admin.revoke(central, args.device, grant=args.grant, after_seq=args.after_seq)
    emit(args, result, say("cli.revoked", device=result["device_id"], seq=result["revoked_after_seq"])
         if result["registered"] else say("central.grant_revoked", grant=result["grant_serial"], name=result["name"]))
    return EXIT_OK


def cmd_central_conflicts(args) -> int:
    from ..central import conflicts
    with central_store(args) as central:
        if args.resolve is not None:
            result = conflicts.resolve(central, args.resolve, by=args.by or "", note=args.note)
            emit(args, result, say("cli.conflict_resolved", id=result["id"], by=result["resolved_by"]))
            return EXIT_OK
        rows = conflicts.list_conflicts(central, include_resolved=args.all, kind=args.kind)
        alerts = conflicts.list_alerts(central)
    text = "\n".join(f"#{r['id']:<5} {r['kind']:<5} {r['entity']:<14} {r['label']:<20} {','.join(r['fields'])}"
                     for r in rows) or say("cli.no_conflicts")
    if alerts:
        text += "\n" + "\n".join(f"alert {a['id']}: {a['kind']} device {str(a['device_id'])[:8]} {a['detail']}"
                                 for a in alerts)
    emit(args, {"conflicts": rows, "alerts": alerts}, text)
    return EXIT_OK


def cmd_central_held(args) -> int:
    from ..central import importer
    with central_store(args) as central:
        if args.reprocess or args.ops:
            return _held_ops(args, central)
        if args.force:
            if not args.by:
                raise ValidationError("central.force_needs_by", field="by")
            result = importer.force_held(central, args.force, by=args.by)
            emit(args, result, receipt_text(result))
            return exit_for(result)
        rows = importer.held_bundles(central)
    emit(args, rows, "\n".join(f"{r['bundle_id']} device {r['device_id'][:8]} seq {r['seq_from']}–"
                               f"{r['seq_to']} ({r['reason']})" for r in rows) or say("cli.nothing_held"))
    return EXIT_OK


def _held_ops(args, central) -> int:
    from ..central import reprocess
    if args.reprocess:
        if not args.by:
            raise ValidationError("central.reprocess_needs_by", field="by")
        result = reprocess.reprocess(central, by=args.by)
        emit(args, result, say("cli.reprocessed", applied=result["applied"], rejected=result["rejected"],
                               quarantined=result["quarantined"], held=result["held"]))
        return EXIT_OK
    rows = reprocess.held_ops(central)
    emit(args, rows, "\n".join(f"device {r['device_id'][:8]} seq {r['seq']} {r['op']} {r['entity']} "
                               f"{r['entity_id'][:8]}: {r['reason']}" for r in rows) or say("cli.no_held_changes"))
    return EXIT_OK


def cmd_central_duplicates(args) -> int:
    from ..central import duplicates
    with central_store(args) as central:
        flags = duplicates.find(central)
    emit(args, flags, "\n".join(f"{f['id']} may be {f['duplicate_of']} (same {f['match']}: "
                                f"{' / '.join(str(n) for n in f['names'])})" for f in flags)
         or say("cli.no_duplicates"))
    return EXIT_OK


def cmd_central_merge(args) -> int:
    from ..central import duplicates
    with central_store(args) as central:
        result = duplicates.merge(central, args.keep, args.duplicate, by=args.by or "", note=args.note)
    emit(args, result, say("cli.merged_moved", merged=result["merged"], kept=result["kept"],
                           moved=", ".join(result["moved"])) if result["moved"]
         else say("cli.merged", merged=result["merged"], kept=result["kept"]))
    return EXIT_OK


def cmd_central_devices(args) -> int:
    """Registered laptops, then enrolments whose laptop has not synced yet (status pending or revoked)."""
    from ..central import admin
    with central_store(args) as central:
        rows = [{**r, "status": "active" if r["revoked_after_seq"] is None else "revoked"}
                for r in admin.devices(central)]
        grants = [{"device_id": g["device_id"], "name": g["device_name"], "township_code": g["township_code"],
                   "grant_serial": g["grant_serial"], "issued_at": g["issued_at"],
                   "status": "pending" if g["revoked_at"] is None else "revoked"}
                  for g in admin.pending_grants(central)]
    text = "\n".join(f"{r['device_id']}  {r['name']}  applied through {r['applied_through_seq']}"
                     + ("  REVOKED" if r["status"] == "revoked" else "") for r in rows)
    if grants:
        text += ("\n" if text else "") + say("central.pending_grants") + "\n" + "\n".join(
            f"{g['grant_serial']}  {g['name']}  {g['issued_at']:%Y-%m-%d}"
            + (f"  device {g['device_id']}" if g["device_id"] else "")
            + ("  REVOKED" if g["status"] == "revoked" else "") for g in grants)
    emit(args, rows + grants, text or say("cli.no_laptops"))
    return EXIT_OK


def cmd_central_rotate(args) -> int:
    from ..central import keys
    ring = keys.rotate(data_paths(args).data_dir / "central-keys", args.role).ring
    data = [{"role": e["role"], "key_id": e["key_id"], "status": e["status"]} for e in ring["keys"]]
    emit(args, {"serial": ring["serial"], "keys": data},
         "\n".join(f"{d['role']:<9} {d['key_id']} {d['status']}" for d in data))
    return EXIT_OK


def cmd_central_settings(args) -> int:
    """Show the district's settings, or change them (laptops get the address with their next bundle)."""
    from ..central import district_settings
    given = (("verify_url", args.verify_url), ("bureau_name", args.bureau_name),
             ("review_body", args.review_body), ("court", args.court))
    changes = {name: value for name, value in given if value is not None}
    with central_store(args) as central:
        values = district_settings.change(central, **changes) if changes else district_settings.load(central)
        with central.engine.connect() as connection:
            chosen = sorted(district_settings.stored(connection))
    emit(args, {**values, "set": chosen}, "\n".join(
        f"{name}: {value}" + ("" if name in chosen else f"  ({say('central.setting_default')})")
        for name, value in values.items()))
    return EXIT_OK


def cmd_central_serve(args) -> int:
    from ..central.web.server import serve
    data_paths(args).ensure()
    serve(data_paths(args).data_dir, args.db, host=args.host, port=args.port, workers=args.workers)
    return EXIT_OK


def register(sub, command) -> None:
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
    p = central("revoke", cmd_central_revoke, help="revoke a lost laptop by sequence cut-off, or before it "
                                                   "ever synced by its enrolment")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--device", metavar="ID", help="the laptop's device id (or its start); a laptop that has "
                                                      "not synced yet: the id its enrolment was pinned to")
    which.add_argument("--grant", metavar="SERIAL", help="the enrolment's grant serial (or its start), as "
                                                         "`central enrol` and `central devices` show it")
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
    assignments.register_central(central)
    holidays.register_central(central)
    central_numbers.register_central(central)
    central_staff.register_central(group, command)
    p = central("serve", cmd_central_serve, help="run the district's service: bundles over HTTP, the "
                                                  "verification page, the district desk")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--workers", type=int, default=1, help="worker processes")
    p = central("settings", cmd_central_settings, help="show or change the district's settings: the "
                                                        "verification address in notices' QR codes, the bureau")
    p.add_argument("--verify-url", metavar="URL", help="the address QR codes carry (<URL>/v/<token>); laptops "
                                                       "take it with their next downward bundle or enrolment")
    p.add_argument("--bureau-name", metavar="NAME", help="the issuing bureau the verification page names")
    p.add_argument("--review-body", metavar="NAME", help="the 复议机关 orders name (e.g. 天津市蓟州区人民政府); "
                                                         "laptops take it with their next bundle or enrolment")
    p.add_argument("--court", metavar="NAME", help="the court orders name for 行政诉讼 (e.g. 天津市蓟州区人民法院)")
    p = central("rotate-keys", cmd_central_rotate, help="rotate a central key (retired keys are kept)")
    p.add_argument("--role", default="enc", choices=("enc", "signing", "enrolment"))
