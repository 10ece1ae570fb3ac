"""The district's store (区局): what laptops send up is applied here, and bundles go back down.

It reuses core (the bundle format, checklists, rules) and never the desktop.
See docs/architecture.md for what may import what, docs/sync-protocol.md for the bundles.

- models, store, migrations/: the central store (SQLite or PostgreSQL) and its Alembic scripts
- keys, admin: central's keys; init, enrolment files, revocation, key rotation, township lookup
- importer, opcheck, apply, merge_rules, inspections, record_check, reprocess: applying upward bundles
  (ordering, gaps, idempotency, per-field merge, finalized records recomputed, held ops)
- exporter: downward bundles and snapshots for one laptop
- conflicts, duplicates, assignments: what waits for a person, merging duplicates, assignments
"""
