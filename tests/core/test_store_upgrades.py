"""Real laptop stores made by earlier versions open, migrate to head and keep every record.

test_migrations.py builds schemas from scratch; an inspector's laptop holds
a store written by whatever version was installed when the data was made.
Each file in tests/data/stores/laptop-*.sqlite3 was made by the old program
itself (make_stores.py runs that commit's own commands; the README says
which commit and what it holds). One case per file: copy it, fingerprint
every row with plain sqlite3, open it with today's open_store, and check
that nothing was lost or altered and that today's code can use what it
finds: search, history, summaries, content hashes, passwords, notices,
new writes, and an export for a laptop that was enrolled.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from factories import answer_all, finalize_signed
from old_stores import lost_or_altered, names, snapshot, unpack, values
from sqlmodel import select

from inspector_app.core import (
    assignments,
    catalog,
    establishments,
    inspections,
    migrate,
    planning,
    settings,
    users,
)
from inspector_app.core.db import open_store
from inspector_app.core.inspection_summary import summarize
from inspector_app.core.models import Inspection
from inspector_app.core.paths import AppPaths

PASSWORD = "jizhou-2026"  # what make_stores.py gave the inspectors


@pytest.fixture(params=names("laptop"))
def old_laptop(request, tmp_path):
    """(name, the rows before, the data folder's paths) for one old store copied to tmp_path."""
    paths = AppPaths.at(tmp_path / "data")
    database = unpack(request.param, paths.data_dir, paths.database.name)
    return request.param, snapshot(database), paths


def test_the_store_files_cover_every_schema_version():
    """Every revision but the newest has a file made by the version whose head it was (the README says how).

    The head's own file may come later: it is made from a commit of the
    released version, at the latest when the next migration is added."""
    from alembic.script import ScriptDirectory
    revisions = {r.revision for r in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()}
    made = {name.split("-", 1)[1] for name in names("laptop")}
    assert revisions - {migrate.HEAD} <= made <= revisions


def test_an_old_store_upgrades_and_keeps_every_record(old_laptop, tmp_path):
    _name, before, paths = old_laptop
    assert before["establishment"].count >= 4 and before["inspection"].count >= 4
    store = open_store(paths.database)
    try:
        assert migrate.current(store.engine) == migrate.HEAD
        problems = lost_or_altered(before, paths.database)
        assert not problems, "\n".join(problems)
        _reads(store, before)
        _writes(store, paths, before)
        if before.get("sync_enrolment") and before["sync_enrolment"].count:
            _exports(store, paths, before, tmp_path)
    finally:
        store.close()


def _reads(store, before) -> None:
    """Today's code reads the old records: register, history, summaries, hashes, sign-in, notices."""
    with store.session() as s:
        # every establishment is still found by name and by licence (a merged duplicate is hidden)
        for eid, name, licence, status in values(before, "establishment", "id", "name", "licence_no", "status"):
            if status == "merged":
                continue  # central merged it: laptops hide it from the register (its history stays)
            assert uuid.UUID(eid) in {hit.id for hit in establishments.search(s, name)}, name
            if licence:
                assert [hit.id for hit in establishments.search(s, licence)] == [uuid.UUID(eid)], licence
        for iid, eid, status, stored in values(before, "inspection", "id", "establishment_id", "status",
                                                "content_sha256"):
            inspection = inspections.get(s, iid)
            assert inspection.id in {i.id for i in inspections.history(s, eid)}
            summary = summarize(s, inspection, with_answers=True)
            assert summary["status"] == status and summary["answers"]
            if status == "finalized":
                assert inspections.content_hash(s, inspection) == stored, f"inspection {iid}: hash differs"
        # a merged duplicate's inspections show in the history of the establishment it was merged into
        merged = "merged_into" in before["establishment"].columns
        for eid, kept in values(before, "establishment", "id", "merged_into") if merged else ():
            if kept:
                theirs = {uuid.UUID(i) for i, e in values(before, "inspection", "id", "establishment_id") if e == eid}
                assert theirs and theirs <= {i.id for i in inspections.history(s, kept)}
        # Today: due inspections, drafts, the district's assignments
        today = date.today()
        assert planning.due_inspections(s, today=today, horizon_days=3650)
        old_drafts = {uuid.UUID(i) for i, status in values(before, "inspection", "id", "status") if status == "draft"}
        assert old_drafts and old_drafts <= {d.inspection_id for d in planning.drafts(s)}
        old_assignments = {uuid.UUID(i).hex for (i,) in values(before, "assignment", "id")}
        assert {uuid.UUID(a.id).hex for a in assignments.mine(s, include_closed=True)} == old_assignments
        # the old password hashes still sign in (one check: argon2 is slow on purpose)
        with_password = [uid for uid, hashed in values(before, "user", "id", "password_hash") if hashed]
        assert len(with_password) == 2 and users.authenticate(s, with_password[0], PASSWORD)
        if "notice" in before:  # printed by the old program, signed by its key (rotated since, on 0005+)
            from inspector_app.core.notices import verify
            for kind, token in values(before, "notice", "kind", "token"):
                verdict = verify.verify_token(s, token)
                assert verdict.valid, (kind, verdict.reason)


def _numbers_come_with_the_next_sync(store, paths, inspection_id) -> None:
    """An enrolled laptop from before number blocks holds none: it prints once the district's first block has
    come down (core/notices/numbering.py), refused with a coded error, store unchanged, until then."""
    from inspector_app.core import notices
    from inspector_app.core.errors import StateError
    from inspector_app.core.sync import number_blocks
    with pytest.raises(StateError) as refused, store.write() as s:
        notices.issue(s, paths=paths, settings=settings.load(paths.data_dir), inspection_id=inspection_id,
                      kind="record", paper="a4", purpose="pdf")
    assert refused.value.code == "numbering.exhausted"
    with store.write() as s:  # as a downward bundle's number_block rows would (docs/sync-protocol.md §9.2)
        for year in (date.today().year - 1, date.today().year):
            number_blocks.apply_row(s, {"id": uuid.uuid4().hex, "usn": 1, "data": {
                "kind": "record", "year": year, "first": 51, "last": 100, "prefix": "津市监蓟检录"}})


def _writes(store, paths, before) -> None:
    """The upgraded store takes new records: an establishment, a finalized inspection, a notice."""
    inspectors = [uid for uid, role in values(before, "user", "id", "role") if role == "inspector"]
    if paths.keys.exists():  # 0001 made no device keys; the others print a notice of an old inspection
        from inspector_app.core import notices
        from inspector_app.core.notices import verify
        old = next(i for i, status, result in values(before, "inspection", "id", "status", "result")
                   if status == "finalized" and result != "compliant")
        if "sync_enrolment" in before and before["sync_enrolment"].count:
            _numbers_come_with_the_next_sync(store, paths, old)
        with store.write() as s:
            content = notices.issue(s, paths=paths, settings=settings.load(paths.data_dir), inspection_id=old,
                                    kind="record", paper="a4", purpose="pdf")
        with store.session() as s:
            token = s.connection().exec_driver_sql("SELECT token FROM notice WHERE id = ?",
                                                   (uuid.UUID(str(content.notice_id)).hex,)).scalar()
            assert verify.verify_token(s, token).valid
    with store.write() as s:
        row = establishments.add(s, name="升级后新增餐馆", category="catering", township="渔阳镇",
                                 licence_no="JY21201190099991")
        inspection = inspections.start(s, establishment_id=row.id, checklist_id="catering",
                                       inspector_ids=inspectors)
        answer_all(s, inspection.id, catalog.get(s, "catering"), fail=["2.1"])
        finalize_signed(s, inspection.id, blobs=paths.blobs)
    with store.session() as s:
        assert [hit.id for hit in establishments.search(s, "升级后新增")] == [row.id]
        done = s.exec(select(Inspection).where(Inspection.establishment_id == row.id)).one()
        assert done.status == "finalized" and inspections.content_hash(s, done) == done.content_sha256


def _exports(store, paths, before, tmp_path) -> None:
    """An enrolled laptop still exports: the change left pending by the old program and today's ones."""
    from inspector_app.core.sync import export
    from inspector_app.core.sync.status import sync_status
    pending = sum(1 for (state,) in values(before, "outbox", "state") if state == "pending")
    assert pending, "the old store should hold a change it never exported"
    status = sync_status(store)
    assert status["enrolled"] and status["pending"] > pending
    made = export.export_bundle(store, paths, tmp_path / "stick")
    assert made["ops"] == status["pending"] and made["missing_blobs"] == []
    acked = max(seq for (seq, state) in values(before, "outbox", "seq", "state") if state == "acked")
    assert made["seq_from"] == acked + 1


def test_opening_an_upgraded_store_again_changes_nothing(old_laptop):
    """The second open takes the fast path (already at head): no migration reruns, no row moves."""
    _name, _before, paths = old_laptop
    open_store(paths.database).close()
    upgraded = snapshot(paths.database)
    open_store(paths.database).close()
    problems = lost_or_altered(upgraded, paths.database)
    assert not problems, "\n".join(problems)
