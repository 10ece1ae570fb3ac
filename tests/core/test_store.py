"""The store: migrations, pragmas, SQL-level immutability and the transactional outbox."""

import sqlite3

import pytest
from factories import make_establishment, make_inspection
from sqlalchemy import text

from inspector_app.core import establishments, inspections, migrate, triggers
from inspector_app.core.db import open_store
from inspector_app.core.errors import StoreError


def raw(store):
    return sqlite3.connect(store.path)


def test_migrations_build_an_empty_file_to_head(tmp_path):
    store = open_store(tmp_path / "new.sqlite3")
    assert migrate.current(store.engine) == migrate.head()
    names = {row[0] for row in raw(store).execute("SELECT name FROM sqlite_master")}
    assert {"establishment", "inspection", "answer", "outbox", "audit_log", "establishment_fts"} <= names
    assert set(triggers.statements()) <= names


def test_reopening_a_store_keeps_its_device_id(tmp_path):
    first = open_store(tmp_path / "s.sqlite3")
    device = raw(first).execute("SELECT device_id FROM sync_state").fetchone()
    first.close()
    again = open_store(tmp_path / "s.sqlite3")
    assert raw(again).execute("SELECT device_id FROM sync_state").fetchone() == device


def test_pragmas_are_set_on_every_connection(store):
    with store.session() as session:
        conn = session.connection()
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable inspector database"):
        open_store(bad)


@pytest.mark.parametrize("sql", [
    "UPDATE inspection SET result = 'compliant'",
    "UPDATE inspection SET status = 'draft'",
    "DELETE FROM inspection",
    "UPDATE answer SET answer = 'pass'",
    "DELETE FROM answer",
    "DELETE FROM inspection_inspector",
    "INSERT INTO answer (id, created_at, updated_at, version, inspection_id, item_id, answer) "
    "SELECT 'x' || id, created_at, updated_at, 1, inspection_id, 'extra', 'pass' FROM answer LIMIT 1",
])
def test_a_finalized_inspection_refuses_changes_at_the_sql_level(seeded, sql):
    store, basics = seeded
    with store.write() as session:
        make_inspection(session, basics, fail=["3.2"], finalize=True)
    conn = raw(store)
    before = conn.execute("SELECT count(*), group_concat(answer) FROM answer").fetchone()
    with pytest.raises(sqlite3.IntegrityError, match="finalized"):
        conn.execute(sql)
    assert conn.execute("SELECT count(*), group_concat(answer) FROM answer").fetchone() == before


def test_the_audit_log_is_append_only(seeded):
    store, _ = seeded
    conn = raw(store)
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
    for sql in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(sql)


def test_drafts_stay_editable(seeded):
    store, basics = seeded
    with store.write() as session:
        inspection = make_inspection(session, basics)
        inspections.record_answer(session, inspection.id, item_id="1.1", answer="fail")
    assert raw(store).execute("SELECT answer FROM answer WHERE item_id = '1.1'").fetchone() == ("fail",)


class TestOutbox:
    def rows(self, store):
        return raw(store).execute("SELECT seq, entity, op, changed, base_server_version FROM outbox "
                                  "ORDER BY seq").fetchall()

    def test_every_change_writes_an_outbox_row_in_sequence(self, seeded):
        store, basics = seeded
        before = len(self.rows(store))
        with store.write() as session:
            establishments.update(session, basics.restaurant_id, phone="13812345678")
        rows = self.rows(store)
        assert len(rows) == before + 1
        seq, entity, op, changed, _ = rows[-1]
        assert (entity, op) == ("establishment", "update") and '"phone"' in changed
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))

    def test_a_rolled_back_change_leaves_no_outbox_row_and_no_gap(self, seeded):
        store, basics = seeded
        before = self.rows(store)
        with pytest.raises(RuntimeError), store.write() as session:
            make_establishment(session, name="回滚饭店")
            raise RuntimeError("power cut")
        assert self.rows(store) == before
        with store.write() as session:
            make_establishment(session, name="下一家饭店")
        seqs = [r[0] for r in self.rows(store)]
        assert seqs == list(range(1, len(seqs) + 1))

    def test_passwords_never_enter_the_outbox(self, store):
        from inspector_app.core import users
        with store.write() as session:
            users.add(session, name="甲", role="inspector", credential_no="9", password="secret-pw")
        payloads = raw(store).execute("SELECT payload FROM outbox").fetchall()
        assert payloads and all("password" not in p[0] and "argon2" not in p[0] for p in payloads)

    def test_hlc_never_goes_backwards(self, seeded):
        store, basics = seeded
        with store.write() as session:
            establishments.update(session, basics.restaurant_id, phone="13812345678")
        hlcs = [r[0] for r in raw(store).execute("SELECT hlc FROM outbox ORDER BY seq")]
        assert hlcs == sorted(hlcs) and len(set(hlcs)) == len(hlcs)


def test_areas_have_the_same_id_on_every_laptop(tmp_path):
    from inspector_app.core import district
    ids = []
    for name in ("a", "b"):
        store = open_store(tmp_path / f"{name}.sqlite3")
        with store.write() as session:
            district.ensure_areas(session)
        ids.append(raw(store).execute("SELECT code, id FROM area ORDER BY code").fetchall())
    assert ids[0] == ids[1] and len(ids[0]) > 300
