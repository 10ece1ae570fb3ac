"""The laptop's side of sync: `enrol`, `export`, `import`, `sync status`, `sync rotate-keys`."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.errors import ValidationError
from .common import EXIT_OK, data_paths, emit, exit_for, open_store, quick_read, receipt_text


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
        emit(args, {"request": args.request, **data}, f"wrote {args.request}; give it to the district")
        return EXIT_OK
    if not args.file:
        raise ValidationError("give the enrolment file: inspector enrol FILE", field="file")
    data = enrolment.read_file(Path(args.file))
    with store.write() as session:
        result = enrolment.enrol(session, data_paths(args).keys, data)
    emit(args, result, f"enrolled as {result['device_name']} with {result['central']} (device {result['device_id']})")
    return EXIT_OK


def cmd_export(args) -> int:
    from ..core.sync import export
    result = export.export_bundle(open_store(args), data_paths(args), Path(args.out), after_seq=args.after_seq,
                                  max_ops=args.max_ops)
    emit(args, result, f"{result['bundle']}\n{result['ops']} change(s), seq {result['seq_from']}–"
                       f"{result['seq_to']}, {result['blobs']} photo(s); read back OK: safe to remove the stick"
         + ("\nmore changes wait: export again after central's acknowledgement" if result["more"] else ""))
    return EXIT_OK


def cmd_import(args) -> int:
    from ..core.sync import device_import
    result = device_import.import_bundle(open_store(args), data_paths(args), Path(args.file))
    emit(args, result, receipt_text(result))
    return exit_for(result)


def cmd_status(args) -> int:
    from ..core.sync.status import read_status, sync_status
    data = quick_read(args, read_status, lambda: sync_status(open_store(args)))
    text = (f"device {data['device_id']}" + (f" ({data['device_name']}, {data['central']})" if data["enrolled"]
                                             else " (not enrolled: inspector enrol FILE)") +
            f"\npending {data['pending']}, acked through seq {data['acked_through_seq']} of {data['max_seq']}, "
            f"rejected {data['rejected']}\ncentral usn applied {data['central_usn_applied']}, "
            f"epoch {data['central_epoch']}, held {data['held_bundles']}, alarms {data['alarms']}")
    emit(args, data, text)
    return EXIT_OK


def cmd_rotate_keys(args) -> int:
    from ..core.sync import rotation
    result = rotation.rotate(open_store(args), data_paths(args))
    emit(args, result, f"new signing key {result['sign_key_id']} (was {result['old_sign_key_id']}); the old key "
                       f"stays valid for changes up to seq {result['rotation_seq']}. Export as usual: the "
                       "next bundle tells central")
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
