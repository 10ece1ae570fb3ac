"""The laptop's side of sync: `enrol`, `export`, `import`, `sync --url`, `sync status`, `sync rotate-keys`."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.errors import ValidationError
from .common import EXIT_OK, data_paths, emit, exit_for, open_store, quick_read, receipt_text, say


def cmd_enrol(args) -> int:
    from ..core.sync import enrolment
    store = open_store(args)
    if args.request:
        from ..core import keys
        from ..core.sync import crypto
        with store.write() as session:
            device = keys.ensure_device_keys(session, data_paths(args).keys)
        data = {"device_id": device.device_id, "sign_pub": crypto.pub_b64(device.sign),
                "enc_pub": crypto.pub_b64(device.enc)}
        Path(args.request).write_text(json.dumps(data, indent=1), encoding="utf-8")
        emit(args, {"request": args.request, **data}, say("cli.request_written", file=args.request))
        return EXIT_OK
    if not args.file:
        raise ValidationError("enrolment.file_required", field="file")
    data = enrolment.read_file(Path(args.file))
    with store.write() as session:
        result = enrolment.enrol(session, data_paths(args).keys, data)
    emit(args, result, say("cli.enrolled", name=result["device_name"], central=result["central"],
                           device=result["device_id"]))
    return EXIT_OK


def cmd_export(args) -> int:
    from ..core.sync import export
    result = export.export_bundle(open_store(args), data_paths(args), Path(args.out), after_seq=args.after_seq,
                                  max_ops=args.max_ops)
    emit(args, result, say("cli.exported", bundle=result["bundle"], ops=result["ops"], seq_from=result["seq_from"],
                           seq_to=result["seq_to"], blobs=result["blobs"])
         + ("\n" + say("cli.export_more") if result["more"] else ""))
    return EXIT_OK


def cmd_import(args) -> int:
    from ..core.sync import device_import
    result = device_import.import_bundle(open_store(args), data_paths(args), Path(args.file))
    emit(args, result, receipt_text(result))
    return exit_for(result)


def cmd_status(args) -> int:
    from ..core.sync.status import read_status, sync_status
    data = quick_read(args, read_status, lambda: sync_status(open_store(args)))
    text = (say("cli.status_enrolled", device=data["device_id"], name=data["device_name"], central=data["central"])
            if data["enrolled"] else say("cli.status_not_enrolled", device=data["device_id"])) + "\n" + say(
        "cli.status_counts", pending=data["pending"], acked=data["acked_through_seq"], max_seq=data["max_seq"],
        rejected=data["rejected"], usn=data["central_usn_applied"], epoch=data["central_epoch"],
        held=data["held_bundles"], alarms=data["alarms"])
    emit(args, data, text)
    return EXIT_OK


def cmd_sync(args) -> int:
    """`inspector sync --url URL`: one round trip with the district (core/sync/http_sync.py)."""
    if not args.url:
        from .common import CommandError
        raise CommandError("http.sync_needs_url")
    from ..core.sync import http_sync
    result = http_sync.sync_over_http(open_store(args), data_paths(args), args.url)
    emit(args, result, say("http.synced", uploaded=result["uploaded"], downloaded=result["downloaded"],
                           pending=result["pending"]))
    return EXIT_OK


def cmd_rotate_keys(args) -> int:
    from ..core.sync import rotation
    result = rotation.rotate(open_store(args), data_paths(args))
    emit(args, result, say("cli.keys_rotated", key=result["sign_key_id"], old_key=result["old_sign_key_id"],
                           seq=result["rotation_seq"]))
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
    parser = command("sync", cmd_sync, help="sync with the district over the network (--url), or see the sync state")
    parser.add_argument("--url", help="the district's service, e.g. https://jz.example.gov.cn/ : upload what is "
                                      "pending and fetch what came back")
    group = parser.add_subparsers(dest="action", metavar="ACTION")
    command("status", cmd_status, group)
    command("rotate-keys", cmd_rotate_keys, group,
            help="replace this laptop's keys (e.g. after a repair); the old key is destroyed")
