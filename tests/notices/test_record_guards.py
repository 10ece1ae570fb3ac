"""Issued notices and rectification orders refuse plain SQL that would rewrite them.

A notice is what was handed to the operator: its number, token, kind,
inspection and issue data never change and it is never deleted; its number
sequence only counts up. A rectification order keeps its number, inspection,
establishment, deadline and failed items once issued, is never deleted, and
its status only moves forward (core/orders.py TRANSITIONS; Order 49 Art. 33
¶2). Each attack below, run with sqlite3 on the store file as anyone with the
data folder could, is refused and leaves every row as it was; the lawful
moves still work, and a store made by the previous version gets the guards
when it is opened.
"""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from factories import fingerprint, make_establishment
from old_stores import unpack

from inspector_app.core import orders
from inspector_app.core.db import open_store
from inspector_app.core.paths import AppPaths


@pytest.fixture
def issued(env):
    """A finalized inspection with an order, its order notice printed (so numbered); a second inspection and
    another establishment to point them at."""
    inspection_id = env.finalized(fail=["2.1", "4.2"])
    env.issue(inspection_id, "order")
    env.issue(inspection_id, "result")
    other = env.finalized()
    with env.store.write() as session:
        shop = make_establishment(session, name="李记面馆").id
    return env, inspection_id, other, shop


def connect(env) -> sqlite3.Connection:
    connection = sqlite3.connect(env.store.path, isolation_level=None)  # autocommit: each statement alone
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


ATTACKS = {
    # rectification orders: what it was issued with
    "order-number": "UPDATE rectification_order SET number = '蓟市监责改〔2026〕XXXX-0001号'",
    "order-number-cleared": "UPDATE rectification_order SET number = NULL",
    "order-deadline": "UPDATE rectification_order SET deadline = date(deadline, '+300 days')",
    "order-failed-items": "UPDATE rectification_order SET failed_items = '[]'",
    "order-item-deadlines": "UPDATE rectification_order SET item_deadlines = '{\"2.1\": \"2099-01-01\"}'",
    "order-inspection": "UPDATE rectification_order SET inspection_id = :other",
    "order-establishment": "UPDATE rectification_order SET establishment_id = :shop",
    "order-delete": "DELETE FROM rectification_order",
    # rectification orders: status, backwards or unknown
    "order-status-unknown": "UPDATE rectification_order SET status = 'withdrawn'",
    "order-insert-unknown-status": "INSERT INTO rectification_order (id, created_at, updated_at, version, "
                                   "inspection_id, establishment_id, failed_items, deadline, status) "
                                   "SELECT lower(hex(randomblob(16))), created_at, updated_at, 1, inspection_id, "
                                   "establishment_id, failed_items, deadline, 'done' FROM rectification_order",
    # notices
    "notice-number": "UPDATE notice SET number = '蓟市监责改〔2026〕XXXX-0001号' WHERE kind = 'order'",
    "notice-token": "UPDATE notice SET token = substr(token, 2) || 'A'",
    "notice-kind": "UPDATE notice SET kind = 'record' WHERE kind = 'result'",
    "notice-inspection": "UPDATE notice SET inspection_id = :other",
    "notice-issue-data": "UPDATE notice SET paper = '80mm', created_by = NULL, device_id = 'elsewhere'",
    "notice-delete": "DELETE FROM notice",
    "sequence-back": "UPDATE notice_sequence SET last = last - 1",
    "sequence-reset": "UPDATE notice_sequence SET last = 0",
    "sequence-delete": "DELETE FROM notice_sequence",
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_plain_sql_cannot_rewrite_an_issued_order_or_notice(issued, attack):
    env, _inspection_id, other, shop = issued
    connection = connect(env)
    before = fingerprint(env.store.path)
    with pytest.raises(sqlite3.IntegrityError, match="never|only"):
        connection.execute(ATTACKS[attack], {"other": uuid.UUID(str(other)).hex, "shop": shop.hex})
    assert fingerprint(env.store.path) == before


BACKWARDS = [  # (lawful path to a state, then the move that must be refused)
    (["overdue"], "issued"),
    (["verified"], "issued"),
    (["verified"], "overdue"),
    (["overdue", "verified"], "overdue"),
    (["closed"], "issued"),
    (["closed"], "cancelled"),
    (["verified", "closed"], "verified"),
    (["cancelled"], "issued"),
    (["cancelled"], "closed"),
]


@pytest.mark.parametrize("path, back", BACKWARDS, ids=[f"{'-'.join(p)}-to-{b}" for p, b in BACKWARDS])
def test_an_order_status_never_moves_back_and_a_final_one_stays(issued, path, back):
    env, *_ = issued
    connection = connect(env)
    for status in path:
        connection.execute("UPDATE rectification_order SET status = ?", (status,))
    before = fingerprint(env.store.path)
    with pytest.raises(sqlite3.IntegrityError, match="only moves forward"):
        connection.execute("UPDATE rectification_order SET status = ?", (back,))
    assert fingerprint(env.store.path) == before


LAWFUL = [["verified"], ["overdue"], ["closed"], ["cancelled"], ["overdue", "verified", "closed"],
          ["overdue", "cancelled"], ["overdue", "closed"], ["verified", "closed"]]


@pytest.mark.parametrize("path", LAWFUL, ids=["-".join(p) for p in LAWFUL])
def test_the_lawful_moves_are_allowed(issued, path):
    env, _inspection_id, other, _shop = issued
    connection = connect(env)
    for status in path:
        if status == "verified":  # the re-inspection is set with it, once
            connection.execute("UPDATE rectification_order SET status = 'verified', reinspection_id = ?",
                               (uuid.UUID(str(other)).hex,))
        else:
            connection.execute("UPDATE rectification_order SET status = ?", (status,))
    assert connection.execute("SELECT status FROM rectification_order").fetchone() == (path[-1],)
    assert all(path[k + 1] in orders.TRANSITIONS[path[k]] for k in range(len(path) - 1))


def test_bookkeeping_and_the_first_number_still_change(env):
    """What sync and printing write: version and server fields, and the number given at the first print."""
    inspection_id = env.finalized(fail=["2.1"])
    connection = connect(env)
    connection.execute("UPDATE rectification_order SET version = version + 1, server_version = 3, server_usn = 9, "
                       "updated_at = updated_at")
    assert connection.execute("SELECT number FROM rectification_order").fetchone() == (None,)
    env.issue(inspection_id, "order")  # core/notices/issuing.py sets the number, once
    number = connection.execute("SELECT number FROM rectification_order").fetchone()[0]
    assert number and connection.execute("SELECT number FROM notice").fetchone() == (number,)
    env.issue(inspection_id, "order")  # a copy changes nothing
    env.issue(inspection_id, "result")  # the next sequence counts up
    assert connection.execute("SELECT count(*) FROM notice").fetchone() == (2,)


def test_a_store_of_the_previous_version_gets_the_guards_when_opened(tmp_path):
    paths = AppPaths.at(tmp_path / "data")
    database = unpack("laptop-0006", paths.data_dir, paths.database.name)
    connection = sqlite3.connect(database)
    assert connection.execute("SELECT count(*) FROM rectification_order").fetchone()[0] > 0
    assert connection.execute("SELECT count(*) FROM notice").fetchone()[0] > 0
    connection.close()
    open_store(database).close()
    connection = sqlite3.connect(database)
    for attack in ("UPDATE rectification_order SET number = 'X'", "UPDATE rectification_order SET status = 'withdrawn'",
                   "DELETE FROM rectification_order", "DELETE FROM notice", "UPDATE notice SET number = 'X'",
                   "UPDATE notice_sequence SET last = 0"):
        before = fingerprint(database)
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(attack)
        connection.rollback()
        assert fingerprint(database) == before
    connection.close()
