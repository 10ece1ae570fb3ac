"""The central store's tables (plain SQLAlchemy Core, own MetaData; SQLite or PostgreSQL).

Records are kept as documents: `record(entity, id)` holds the row as JSON with
its server_version, usn and conflict flag, so the store does not break when a
laptop runs an older or newer app version (payloads are upcast on import).
"""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Boolean, Column, DateTime, Index, Integer, MetaData, String, Table, Text

from ..core.naming import NAMING_CONVENTION

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# Counters and settings: 'usn' (the downward update sequence), 'epoch', 'hlc'.
meta = Table("central_meta", metadata,
             Column("name", String(32), primary_key=True),
             Column("value", BigInteger, nullable=False))

grant = Table("enrolment_grant", metadata,
              Column("serial", String(32), primary_key=True),
              Column("device_name", String, nullable=False),
              Column("township_code", String, nullable=True),
              Column("issued_at", DateTime(timezone=True), nullable=False),
              Column("device_id", String(32), nullable=True),  # pinned at issue (--request) or bound by use
              Column("bound_at", DateTime(timezone=True), nullable=True),
              Column("sign_pub", String, nullable=True),  # a pinned laptop's keys (--request)
              Column("enc_pub", String, nullable=True),
              Column("revoked_at", DateTime(timezone=True), nullable=True))  # its laptop may never sync

device = Table("device", metadata,
               Column("device_id", String(32), primary_key=True),
               Column("grant_serial", String(32), nullable=False, unique=True),
               Column("name", String, nullable=True),
               Column("township_code", String, nullable=True),
               Column("sign_key_id", String(16), nullable=False),
               Column("enc_pub", String, nullable=False),
               Column("enc_key_id", String(16), nullable=False),
               Column("cert", JSON, nullable=False),
               # [{key_id, pub, through_seq}] oldest first; through_seq None = in use (docs/sync-protocol.md §5.4)
               Column("key_history", JSON, nullable=True),
               Column("registered_at", DateTime(timezone=True), nullable=False),
               Column("applied_through_seq", BigInteger, nullable=False, default=0),
               Column("acked_reported", BigInteger, nullable=False, default=0),
               Column("usn_reported", BigInteger, nullable=False, default=0),
               Column("epoch_reported", Integer, nullable=False, default=0),
               Column("last_hlc", BigInteger, nullable=False, default=0),
               Column("max_reader_format", String, nullable=True),
               Column("app_version", String, nullable=True),
               Column("revoked_after_seq", BigInteger, nullable=True),
               Column("revoked_at", DateTime(timezone=True), nullable=True),
               Column("last_seen_at", DateTime(timezone=True), nullable=True))

bundle = Table("imported_bundle", metadata,
               Column("bundle_id", String(32), primary_key=True),
               Column("device_id", String(32), nullable=False, index=True),
               Column("kind", String(16), nullable=False),
               Column("seq_from", BigInteger, nullable=False),
               Column("seq_to", BigInteger, nullable=False),
               Column("sha256", String(64), nullable=False),
               Column("status", String(16), nullable=False),  # applied | duplicate | held
               Column("reason", Text, nullable=True),
               Column("file", Text, nullable=True),
               Column("received_at", DateTime(timezone=True), nullable=False),
               Column("decided_at", DateTime(timezone=True), nullable=True),
               Column("receipt", JSON, nullable=True))

rejected_file = Table("rejected_file", metadata,
                      Column("id", Integer, primary_key=True, autoincrement=True),
                      Column("received_at", DateTime(timezone=True), nullable=False),
                      Column("sha256", String(64), nullable=False),
                      Column("bundle_id", String(64), nullable=True),
                      Column("device_id", String(64), nullable=True),
                      Column("reason", String(32), nullable=False),
                      Column("message", Text, nullable=False),
                      Column("file", Text, nullable=True))

op = Table("op_log", metadata,
           Column("device_id", String(32), primary_key=True),
           Column("seq", BigInteger, primary_key=True),
           Column("change_id", String(36), nullable=False, unique=True),
           Column("entity", String(40), nullable=False),
           Column("entity_id", String(64), nullable=False),
           Column("op", String(16), nullable=False),
           Column("op_sha256", String(64), nullable=False),
           Column("hlc", BigInteger, nullable=False),
           Column("status", String(16), nullable=False),  # applied | noop | rejected | quarantined | held | gap
           Column("reason", Text, nullable=True),
           Column("bundle_id", String(32), nullable=False),
           Column("applied_at", DateTime(timezone=True), nullable=False),
           Column("payload", JSON, nullable=True),  # kept for ops not applied (review, re-processing)
           Column("op_meta", JSON, nullable=True))  # a held op's other fields, to re-apply it after an upgrade

record = Table("record", metadata,
               Column("entity", String(40), primary_key=True),
               Column("id", String(64), primary_key=True),
               Column("data", JSON, nullable=False),
               Column("server_version", Integer, nullable=False),
               Column("usn", BigInteger, nullable=False),
               Column("deleted", Boolean, nullable=False, default=False),
               Column("origin", String(32), nullable=True),
               Column("ref", String(64), nullable=True),  # inspection: the id it amends
               Column("field_hlc", JSON, nullable=True),
               Column("conflict", String(8), nullable=True),  # NULL | soft | gap | hard; never auto-downgraded
               Column("incomplete", Boolean, nullable=False, default=False),
               Column("updated_at", DateTime(timezone=True), nullable=False),
               Index("ix_record_usn", "usn"),
               Index("ix_record_ref", "ref"))

record_version = Table("record_version", metadata,
                       Column("entity", String(40), primary_key=True),
                       Column("id", String(64), primary_key=True),
                       Column("server_version", Integer, primary_key=True),
                       Column("changed", JSON, nullable=False),
                       Column("source", String(32), nullable=False),  # device id | "central"
                       Column("change_id", String(36), nullable=True),
                       Column("at", DateTime(timezone=True), nullable=False))

conflict = Table("conflict", metadata,
                 Column("id", Integer, primary_key=True, autoincrement=True),
                 Column("entity", String(40), nullable=False),
                 Column("entity_id", String(64), nullable=False),
                 Column("kind", String(8), nullable=False),  # soft | hard | gap
                 Column("fields", JSON, nullable=False),
                 Column("detail", JSON, nullable=False),
                 Column("device_id", String(32), nullable=True),
                 Column("seq", BigInteger, nullable=True),
                 Column("change_id", String(36), nullable=True),
                 Column("created_at", DateTime(timezone=True), nullable=False),
                 Column("resolved_by", String, nullable=True),
                 Column("resolved_at", DateTime(timezone=True), nullable=True),
                 Column("resolution", Text, nullable=True),
                 Index("ix_conflict_entity", "entity", "entity_id"))

alert = Table("alert", metadata,
              Column("id", Integer, primary_key=True, autoincrement=True),
              Column("kind", String(16), nullable=False),  # gap | skew | alarm | quarantine
              Column("device_id", String(32), nullable=True),
              Column("bundle_id", String(64), nullable=True),
              Column("detail", JSON, nullable=False),
              Column("created_at", DateTime(timezone=True), nullable=False),
              Column("cleared_at", DateTime(timezone=True), nullable=True))

blob = Table("blob", metadata,
             Column("sha256", String(64), primary_key=True),
             Column("size", BigInteger, nullable=False),
             Column("received_at", DateTime(timezone=True), nullable=False),
             Column("bundle_id", String(32), nullable=True))

# The district's own settings (central/district_settings.py): name → text, e.g. the verification address.
district_setting = Table("district_setting", metadata,
                         Column("name", String(64), primary_key=True),
                         Column("value", Text, nullable=False),
                         Column("updated_at", DateTime(timezone=True), nullable=False))

# The district desk (central/staff.py): staff accounts, server-side sessions, every sign-in attempt.
staff = Table("staff", metadata,
              Column("username", String(64), primary_key=True),
              Column("display_name", String, nullable=False),
              Column("role", String(16), nullable=False),  # district_admin | district_clerk
              Column("password_hash", String, nullable=False),  # argon2id
              Column("created_at", DateTime(timezone=True), nullable=False),
              Column("password_changed_at", DateTime(timezone=True), nullable=False),
              Column("disabled_at", DateTime(timezone=True), nullable=True),
              Column("locked_until", DateTime(timezone=True), nullable=True))

staff_session = Table("staff_session", metadata,
                      Column("token_sha256", String(64), primary_key=True),  # the cookie's token is never stored
                      Column("username", String(64), nullable=False, index=True),
                      Column("csrf", String(64), nullable=False),
                      Column("created_at", DateTime(timezone=True), nullable=False),
                      Column("expires_at", DateTime(timezone=True), nullable=False),
                      Column("ended_at", DateTime(timezone=True), nullable=True),
                      Column("remote", String(64), nullable=True))

sign_in_attempt = Table("sign_in_attempt", metadata,
                        Column("id", Integer, primary_key=True, autoincrement=True),
                        Column("username", String(64), nullable=False),
                        Column("at", DateTime(timezone=True), nullable=False),
                        Column("ok", Boolean, nullable=False),
                        Column("why", String(16), nullable=True),  # wrong | locked | disabled | unknown
                        Column("remote", String(64), nullable=True),
                        Index("ix_sign_in_attempt_username_at", "username", "at"))

desk_action = Table("desk_action", metadata,  # who did what on the desk: a button pressed, what it touched
                    Column("id", Integer, primary_key=True, autoincrement=True),
                    Column("at", DateTime(timezone=True), nullable=False),
                    Column("username", String(64), nullable=False),
                    Column("action", String(32), nullable=False),  # e.g. held/force, laptops/revoke
                    Column("target", String, nullable=True),  # the bundle, conflict, device … it was about
                    Column("detail", JSON, nullable=True))

# The holiday schedules the district published (central/holidays.py): one row a year, sent down to every
# laptop as registry rows (docs/sync-protocol.md §9.2); publishing a year again replaces it under a new usn.
holiday_schedule = Table("holiday_schedule", metadata,
                         Column("year", Integer, primary_key=True, autoincrement=False),
                         Column("data", JSON, nullable=False),  # core/holiday_schedules.to_data
                         # earlier publications of the year, oldest first: laptops may have counted with them
                         Column("superseded", JSON, nullable=True),
                         Column("server_version", Integer, nullable=False),
                         Column("usn", BigInteger, nullable=False, index=True),
                         Column("published_by", String(64), nullable=True),
                         Column("updated_at", DateTime(timezone=True), nullable=False))

# Document numbers (central/numbering.py; docs/sync-protocol.md §6, §9.2): the bureau's prefix per kind, the
# last number granted per kind and year, the blocks granted to each enrolment, and what each laptop reported used.
number_prefix = Table("number_prefix", metadata,
                      Column("kind", String(32), primary_key=True),
                      Column("prefix", String(64), nullable=False),
                      Column("updated_at", DateTime(timezone=True), nullable=False))

number_series = Table("number_series", metadata,
                      Column("kind", String(32), primary_key=True),
                      Column("year", Integer, primary_key=True),
                      Column("last_granted", BigInteger, nullable=False))

number_block = Table("number_block", metadata,
                     Column("id", String(32), primary_key=True),
                     Column("kind", String(32), nullable=False),
                     Column("year", Integer, nullable=False),
                     Column("grant_serial", String(32), nullable=False, index=True),  # the laptop's enrolment
                     Column("first", BigInteger, nullable=False),
                     Column("last", BigInteger, nullable=False),
                     Column("prefix", String(64), nullable=False),
                     Column("granted_at", DateTime(timezone=True), nullable=False),
                     Column("usn", BigInteger, nullable=False, index=True),
                     Index("uq_number_block_kind_year_first", "kind", "year", "first", unique=True))

number_used = Table("number_used", metadata,
                    Column("grant_serial", String(32), primary_key=True),
                    Column("kind", String(32), primary_key=True),
                    Column("year", Integer, primary_key=True),
                    Column("used", BigInteger, nullable=False),
                    Column("reported_at", DateTime(timezone=True), nullable=False))
