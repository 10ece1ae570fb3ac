"""Queued export/import bundles between laptops, clerks and central (docs/sync-protocol.md).

Modules, one concept each:

- canonical, errors, crypto, trust: strict JSON, reason codes, Ed25519/age, certificates and key sets
- zipcheck, outer, bag, bundle, filing: the .fsib file (signed clear header + age-encrypted BagIt
  payload), every archive check, atomic delivery with read-back, and where refused/held files go
- scratch: owner-only folders for decrypted payloads, removed by any path, swept after a crash
- enrolment: enrolment files and QR text, `inspector enrol`
- export, device_import, device_apply, status: the laptop's side
- relay: the clerk's tool (checks and moves files, never decrypts)
- rotation: a laptop's key rotation

The district's side lives in inspector_app.central.

API for the desktop app (all safe on a worker thread; long ones take `progress(done, total, stage)`
and `cancel`, an object with is_set() such as threading.Event, or a callable returning True):

- export.export_bundle(store, paths, out_dir, progress=, cancel=) -> {"bundle", "ops", ...}
- device_import.import_bundle(store, paths, file, progress=, cancel=) -> {"status", "reason", ...}
- status.sync_status(store) -> {"device_id", "pending", "acked_through_seq", ...}
- enrolment.enrol(session, keys_dir, data) / enrolment.parse(data) (file bytes or scanned QR text)
- relay.collect(dir, relay_dir, trust) / relay.deliver(dir, relay_dir, trust)
"""
