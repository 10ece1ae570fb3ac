"""The store's tables. Rows made on the laptop get UUIDv7 keys and UTC timestamps.

Tables marked SYNCABLE write an outbox row for every change (see outbox.py);
the schema itself is created and upgraded only by Alembic migrations.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

import uuid6
from sqlalchemy import JSON, Column, DateTime, ForeignKeyConstraint, Index, MetaData, TypeDecorator, text
from sqlmodel import Field, SQLModel

from .naming import NAMING_CONVENTION

SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)

ROLES = ("inspector", "clerk", "admin")
RISK_GRADES = ("A", "B", "C", "D")
ESTABLISHMENT_STATUSES = ("open", "suspended", "closed")
ANSWERS = ("pass", "fail", "na")
ORDER_STATUSES = ("issued", "verified", "overdue", "escalated", "closed", "cancelled")


def new_id() -> uuid.UUID:
    return uuid6.uuid7()


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC, returns aware UTC: SQLite has no time zones."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class Syncable(SQLModel):
    """Fields every synced row carries (docs/sync-protocol.md §7.1)."""

    SYNCABLE: ClassVar[bool] = True
    SYNC_EXCLUDE: ClassVar[frozenset[str]] = frozenset()

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    version: int = Field(default=1)
    server_version: int | None = None
    server_usn: int | None = None


class Area(SQLModel, table=True):
    """Administrative areas: the district, its townships (镇乡街) and villages (村居)."""

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    code: str = Field(unique=True, max_length=12)
    name: str = Field(index=True)
    level: str  # district | township | village
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="area.id", index=True)
    population: int | None = None


class User(Syncable, table=True):
    SYNC_EXCLUDE: ClassVar[frozenset[str]] = frozenset({"password_hash"})

    name: str
    role: str  # inspector | clerk | admin
    credential_no: str = Field(unique=True)
    password_hash: str | None = None
    township_id: uuid.UUID | None = Field(default=None, foreign_key="area.id")
    active: bool = True


class Establishment(Syncable, table=True):
    __table_args__ = (
        Index("uq_establishment_licence_no", "licence_no", unique=True,
              sqlite_where=text("licence_no IS NOT NULL"), postgresql_where=text("licence_no IS NOT NULL")),
        Index("ix_establishment_township_category", "township_id", "category"),
    )

    name: str
    category: str = Field(index=True)
    licence_type: str | None = None  # JY | SC | 登记证 | 备案
    licence_no: str | None = None
    credit_code: str | None = Field(default=None, index=True)
    legal_rep: str | None = None
    responsible_id_no: str | None = None  # resident ID of a stall's or workshop's keeper; printed masked
    contact_person: str | None = None
    phone: str | None = None
    address: str | None = None
    township_id: uuid.UUID = Field(foreign_key="area.id")
    village_id: uuid.UUID | None = Field(default=None, foreign_key="area.id")
    risk_grade: str = "B"
    status: str = "open"  # or "merged" (set by central only; see merged_into)
    provisional: bool = False
    merged_into: uuid.UUID | None = Field(default=None, index=True)  # the establishment this duplicate joined


class EstablishmentSearch(SQLModel, table=True):
    """What search matches on; an integer rowid keeps the FTS5 indexes stable."""

    __tablename__ = "establishment_search"

    id: int | None = Field(default=None, primary_key=True)
    establishment_id: uuid.UUID = Field(foreign_key="establishment.id", unique=True, ondelete="CASCADE")
    haystack: str
    grams: str


class ChecklistRecord(SQLModel, table=True):
    """Every checklist version ever used here, kept so old inspections stay readable."""

    __tablename__ = "checklist"

    id: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    title: str
    categories: list[str] = Field(sa_column=Column(JSON, nullable=False))
    content_hash: str
    definition: dict = Field(sa_column=Column(JSON, nullable=False))
    installed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Inspection(Syncable, table=True):
    __table_args__ = (
        ForeignKeyConstraint(["checklist_id", "checklist_version"], ["checklist.id", "checklist.version"],
                             name="fk_inspection_checklist"),
    )

    establishment_id: uuid.UUID = Field(foreign_key="establishment.id", index=True)
    checklist_id: str
    checklist_version: int
    status: str = "draft"  # draft | finalized
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finalized_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    hazard: bool = False
    result: str | None = None
    handling: str | None = None
    case_filing: bool = False
    general_pass_rate: float | None = None
    rectification_deadline: date | None = None
    deadline_estimated: bool = False  # counted through a year with no official holiday schedule (core/workdays.py)
    amends_id: uuid.UUID | None = Field(default=None, foreign_key="inspection.id")
    content_sha256: str | None = None
    notes: str | None = None
    # Which rules gave the result (core/rules.EDITIONS): 1 before Order 49 Arts. 31–33 were applied item by item.
    rules_edition: int = 1
    purpose: str | None = None  # codes.PURPOSES; None on records made before it was asked (migration 0012)
    recheck_of: uuid.UUID | None = None  # the rectification order a re-inspection (复查) follows up


class InspectionInspector(Syncable, table=True):
    """The two or more inspectors of an inspection (Order 49 Art. 23)."""

    __tablename__ = "inspection_inspector"
    __table_args__ = (Index("uq_inspection_inspector_pair", "inspection_id", "user_id", unique=True),)

    inspection_id: uuid.UUID = Field(foreign_key="inspection.id", index=True)
    user_id: uuid.UUID = Field(foreign_key="user.id")
    position: int


class Answer(Syncable, table=True):
    __table_args__ = (Index("uq_answer_item", "inspection_id", "item_id", unique=True),)

    inspection_id: uuid.UUID = Field(foreign_key="inspection.id")
    item_id: str
    answer: str | None = None  # pass | fail | na, or None for value-only items
    value: Any | None = Field(default=None, sa_column=Column(JSON))
    note: str | None = None
    # Order 49 Art. 33 ¶2 and ¶3, on a failed item only (core/failure_marks.py).
    fixed_on_spot: bool = False
    fix_note: str | None = None
    affects_safety: bool = False


class Evidence(Syncable, table=True):
    """A photo or signature image; the bytes live in blobs/ under their SHA-256."""

    inspection_id: uuid.UUID = Field(foreign_key="inspection.id", index=True)
    item_id: str | None = None
    role: str  # photo | fix (the on-the-spot fix) | signature_inspector | signature_operator
    sha256: str = Field(index=True)
    mime: str
    size: int
    original_name: str | None = None


class SignatureRefusal(Syncable, table=True):
    """The operator refused to sign: the reason and a witness, as Order 49 Art. 34 allows."""

    __tablename__ = "signature_refusal"

    inspection_id: uuid.UUID = Field(foreign_key="inspection.id", unique=True)
    reason: str
    witness_name: str
    witness_id_no: str | None = None


class RectificationOrder(Syncable, table=True):
    __tablename__ = "rectification_order"

    inspection_id: uuid.UUID = Field(foreign_key="inspection.id", index=True)
    establishment_id: uuid.UUID = Field(foreign_key="establishment.id", index=True)
    number: str | None = None
    failed_items: list[str] = Field(sa_column=Column(JSON, nullable=False))
    deadline: date = Field(index=True)  # the earliest of item_deadlines: lists and triggers read it
    # {item id: ISO date} when the items' deadlines differ (core/rules.deadline_for); None: `deadline` for all
    item_deadlines: dict | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))
    status: str = "issued"
    reinspection_id: uuid.UUID | None = Field(default=None, foreign_key="inspection.id")
    last_recheck_id: uuid.UUID | None = None  # the latest re-inspection; open with it set = the recheck failed
    escalated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # 整改未完成，依法立案调查
    escalated_by: uuid.UUID | None = None
    escalation_note: str | None = None


class Assignment(Syncable, table=True):
    """The district asks this laptop (or its township's laptops) to inspect an establishment by a date.

    Written by central only and applied from downward bundles; the laptop answers
    with an AssignmentResponse. No foreign key: the establishment may arrive in
    a later bundle than the assignment.
    """

    establishment_id: uuid.UUID = Field(index=True)
    device_id: str | None = None  # None: every laptop of township_code
    township_code: str | None = None
    due_date: date
    purpose: str = "routine"
    note: str | None = None
    status: str = "assigned"  # assigned | accepted | declined | done | cancelled (central's fold)
    created_by: str | None = None


class AssignmentResponse(Syncable, table=True):
    """This laptop's answer to an assignment; only ever added, it travels up like any change."""

    __tablename__ = "assignment_response"

    assignment_id: uuid.UUID = Field(foreign_key="assignment.id", index=True)
    response: str  # accepted | declined
    reason: str | None = None
    user_id: uuid.UUID | None = None


class AuditLog(SQLModel, table=True):
    """Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"

    seq: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_id: uuid.UUID | None = None
    action: str
    entity: str
    entity_id: str | None = None
    detail: dict | None = Field(default=None, sa_column=Column(JSON))


class Outbox(SQLModel, table=True):
    """The transactional outbox: one row per change, seq gap-free per device."""

    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: int | None = Field(default=None, primary_key=True)
    change_id: uuid.UUID = Field(default_factory=new_id, unique=True)
    entity: str
    entity_id: str
    op: str  # insert | update | delete
    payload: dict = Field(sa_column=Column(JSON, nullable=False))
    changed: list[str] = Field(sa_column=Column(JSON, nullable=False))
    base_server_version: int | None = None
    hlc: int
    author_id: uuid.UUID | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    state: str = Field(default="pending", index=True)  # pending | acked | rejected
    reason: str | None = None


class SyncState(SQLModel, table=True):
    """One row: this device's identity and its place in the sync streams."""

    __tablename__ = "sync_state"

    id: int = Field(default=1, primary_key=True)
    device_id: uuid.UUID = Field(default_factory=new_id)
    hlc: int = 0
    acked_through_seq: int = 0
    central_usn_applied: int = 0
    central_epoch: int = 0


class KnownKey(SQLModel, table=True):
    """A public key this store trusts: its own, other devices', central's."""

    __tablename__ = "known_key"

    key_id: str = Field(primary_key=True)
    kind: str  # sign | enc
    owner: str  # device | central | root
    device_id: str | None = Field(default=None, index=True)
    public_key: str  # raw bytes, base64url
    label: str | None = None
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Notice(SQLModel, table=True):
    """A printed notice (core/notices): made at the first print, reused by reprints (副本).

    Local to this laptop; the QR token it carries is self-contained.
    """

    __table_args__ = (Index("uq_notice_inspection_kind", "inspection_id", "kind", unique=True),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    inspection_id: uuid.UUID = Field(foreign_key="inspection.id")
    kind: str  # result | record | order
    paper: str  # paper of the original print: a4 | 80mm
    number: str | None = None  # order number, for kind == "order"
    token: str
    key_id: str
    device_id: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: uuid.UUID | None = None


class SealingList(SQLModel, table=True):
    """What the bureau sealed or seized when an inspection stopped operations (行政强制法 Art. 24: the
    场所/设施/财物清单 of the 实施行政强制措施决定书, core/notices/sealing.py). Local, like the notice it
    prints on; recorded once, before that notice is issued."""

    __tablename__ = "sealing_list"

    inspection_id: uuid.UUID = Field(foreign_key="inspection.id", primary_key=True)
    days: int  # the period of the measure (行政强制法 Art. 25: at most 30 days)
    things: list[dict] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: uuid.UUID | None = None


class NoticeSequence(SQLModel, table=True):
    """Gap-free per-device counters for document numbers (e.g. order numbers per year)."""

    __tablename__ = "notice_sequence"

    series: str = Field(primary_key=True)
    year: int = Field(primary_key=True)
    device_id: str = Field(primary_key=True)
    last: int = 0


class NumberBlock(SQLModel, table=True):
    """A range of document numbers the district granted this laptop (core/notices/numbering.py).

    Comes down with the enrolment file and downward bundles (docs/sync-protocol.md §9.2), never goes up;
    `prefix` is the bureau's 机关代字 for the kind as last sent, `usn` the district's version of the row.
    """

    __tablename__ = "number_block"

    id: str = Field(primary_key=True)
    kind: str
    year: int
    first: int
    last: int
    prefix: str
    usn: int = 0



class HolidaySchedule(SQLModel, table=True):
    """A year's official holiday schedule as the district published it (core/workdays.py); it arrives with
    downward bundles (docs/sync-protocol.md §9.2) and wins over the packaged schedule for its year."""

    __tablename__ = "holiday_schedule"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    holidays: list[str] = Field(sa_column=Column(JSON, nullable=False))
    workdays: list[str] = Field(sa_column=Column(JSON, nullable=False))
    source: str
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    server_usn: int = 0


# Sync bookkeeping (core/sync; docs/sync-protocol.md §6–9): local to this laptop, never synced.

class SyncEnrolment(SQLModel, table=True):
    """This laptop's enrolment: its certificate and central's pinned root key and key set."""

    __tablename__ = "sync_enrolment"

    id: int = Field(default=1, primary_key=True)
    central: str
    device_name: str
    township_code: str | None = None
    grant_serial: str
    cert: dict = Field(sa_column=Column(JSON, nullable=False))
    root_pub: str
    keyset: dict = Field(sa_column=Column(JSON, nullable=False))
    enrolled_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # the district's settings as last received, signed (core/sync/district.py): {"verify_url", "hlc"}
    district: dict | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))


class SyncInbox(SQLModel, table=True):
    """Every verified downward bundle this laptop saw, and what became of it."""

    __tablename__ = "sync_inbox"

    bundle_id: str = Field(primary_key=True)
    kind: str  # down | snapshot
    usn_from: int
    usn_to: int
    epoch: int
    status: str  # applied | held | rejected
    reason: str | None = None
    file: str | None = None
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SyncStash(SQLModel, table=True):
    """A downward row kept back until central acknowledges the pending local edit of that record."""

    __tablename__ = "sync_stash"

    entity: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    usn: int
    row: dict = Field(sa_column=Column(JSON, nullable=False))
    stashed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SyncWantedBlob(SQLModel, table=True):
    """A photo or signature image central asked for again (it has the record but not the bytes)."""

    __tablename__ = "sync_wanted_blob"

    sha256: str = Field(primary_key=True)
    since: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SyncExport(SQLModel, table=True):
    """A bundle this laptop wrote (for status and prev_bundle_id); exporting never changes the outbox."""

    __tablename__ = "sync_export"

    bundle_id: str = Field(primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    seq_from: int
    seq_to: int
    ops: int
    blobs: int
    bytes: int
    path: str

SYNCABLE_MODELS = (User, Establishment, Inspection, InspectionInspector, Answer, Evidence, SignatureRefusal,
                   RectificationOrder)
