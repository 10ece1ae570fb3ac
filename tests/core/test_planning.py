"""The risk-based schedule: when each establishment falls due."""

import sqlite3
from datetime import date, timedelta

from factories import make_establishment, make_inspection

from inspector_app.core import planning


def set_last_inspection(store, days_ago: int) -> None:
    conn = sqlite3.connect(store.path)
    with conn:
        # The finalized row is immutable by design; tests rewrite history by dropping the guard.
        conn.execute("DROP TRIGGER inspection_frozen_update")
        conn.execute(f"UPDATE inspection SET ended_at = datetime('now', '-{days_ago} days')")


def test_never_inspected_establishments_are_due_now(seeded):
    store, _ = seeded
    with store.session() as session:
        due = planning.due_inspections(session, today=date.today(), horizon_days=0)
    assert [d.name for d in due] == ["张三餐馆"] and due[0].due <= date.today()


def test_interval_follows_the_risk_grade(seeded):
    store, basics = seeded
    with store.write() as session:
        make_inspection(session, basics, finalize=True)
    set_last_inspection(store, 100)
    with store.session() as session:
        (due,) = planning.due_inspections(session, today=date.today(), horizon_days=365)
    # grade B: twice a year, so due 182 days after the last visit
    assert due.due == date.today() - timedelta(days=100) + timedelta(days=planning.INTERVAL_DAYS["B"])
    with store.session() as session:
        assert planning.due_inspections(session, today=date.today(), horizon_days=14) == []


def test_drafts_and_orders_are_listed(seeded):
    store, basics = seeded
    with store.write() as session:
        make_inspection(session, basics, fail=["5.2"], finalize=True)  # a general item: the written order
        make_inspection(session, basics)
        make_establishment(session, name="另一家")
    with store.session() as session:
        assert len(planning.drafts(session)) == 1
        orders = planning.due_orders(session, today=date.today(), horizon_days=60)
    assert len(orders) == 1 and orders[0].failed_items == ["5.2"]
