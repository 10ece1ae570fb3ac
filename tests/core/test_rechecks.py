"""Re-inspection (复查) closes a rectification order, and the overdue escalation.

Order 49 Art. 33 ¶2: the bureau follows up the rectification (跟踪整改情况) and records its result
(记录整改结果). So a re-inspection checks the items the order lists, and only those; the order closes
only when every listed item passes; a partial pass leaves it open, flagged; a closed order is not
re-inspected again. An order left unrectified past its deadline may go to a case (整改未完成，依法立案调查).
"""

import sqlite3
from datetime import date, timedelta

import pytest
from factories import finalize_signed, make_inspection

from inspector_app.core import inspections, orders, rechecks
from inspector_app.core.errors import StateError, ValidationError
from inspector_app.core.models import RectificationOrder

ORDER_ITEMS = ["2.1", "4.3"]  # two general items of the catering table: 基本符合, an order to rectify


def issued_order(session, basics) -> RectificationOrder:
    found = make_inspection(session, basics, fail=ORDER_ITEMS, finalize=True)
    (order,) = orders.for_inspection(session, found.id)
    assert order.failed_items == ORDER_ITEMS
    return order


def recheck(session, basics, order, answers: dict):
    draft = rechecks.start(session, order_id=order.id, inspector_ids=basics.inspector_ids)
    for item_id, answer in answers.items():
        inspections.record_answer(session, draft.id, item_id=item_id, answer=answer)
    return finalize_signed(session, draft.id)


# Art. 33 ¶2: the order closes only when every item it lists passes the re-inspection.
CLOSING = [
    ({"2.1": "pass", "4.3": "pass"}, "closed", False),  # every listed item rectified → 记录整改结果, closed
    ({"2.1": "pass", "4.3": "fail"}, "issued", True),   # partial pass → still open, flagged
    ({"2.1": "fail", "4.3": "fail"}, "issued", True),   # nothing rectified → still open, flagged
    ({"2.1": "pass", "4.3": "na"}, "issued", True),     # not applicable is not shown rectified
]


@pytest.mark.parametrize("answers, status, flagged", CLOSING)
def test_an_order_closes_only_when_every_listed_item_passes(seeded, answers, status, flagged):
    store, basics = seeded
    with store.write() as session:
        order = issued_order(session, basics)
        done = recheck(session, basics, order, answers)
        session.refresh(order)
        assert (done.purpose, done.recheck_of) == ("recheck", order.id)
        assert order.status == status
        assert order.last_recheck_id == done.id
        assert orders.as_dict(order, date.today())["recheck_failed"] is flagged
        assert (order.reinspection_id == done.id) is (status == "closed")
        assert orders.for_inspection(session, done.id) == []  # the order it follows up is the one to rectify


def test_a_recheck_checks_only_the_listed_items_and_all_of_them(seeded):
    store, basics = seeded
    with store.write() as session:
        order = issued_order(session, basics)
        draft = rechecks.start(session, order_id=order.id, inspector_ids=basics.inspector_ids)
        with pytest.raises(ValidationError) as refused:
            inspections.record_answer(session, draft.id, item_id="3.1", answer="pass")
        assert refused.value.code == "inspection.recheck_item_not_on_order"
        assert inspections.missing(session, draft) == ORDER_ITEMS
        inspections.record_answer(session, draft.id, item_id="2.1", answer="pass")
        assert inspections.missing(session, draft) == ["4.3"]
        with pytest.raises(ValidationError) as unanswered:
            finalize_signed(session, draft.id)
        assert unanswered.value.code == "inspection.unanswered"


@pytest.mark.parametrize("answers", [{"2.1": "pass", "4.3": "pass"}])
def test_a_closed_order_is_not_rechecked(seeded, answers):
    store, basics = seeded
    with store.write() as session:
        order = issued_order(session, basics)
        recheck(session, basics, order, answers)
        with pytest.raises(StateError) as refused:
            rechecks.start(session, order_id=order.id, inspector_ids=basics.inspector_ids)
        assert refused.value.code == "orders.recheck_not_open"


def test_a_failed_recheck_can_be_followed_by_another(seeded):
    store, basics = seeded
    with store.write() as session:
        order = issued_order(session, basics)
        recheck(session, basics, order, {"2.1": "pass", "4.3": "fail"})
        second = recheck(session, basics, order, {"2.1": "pass", "4.3": "pass"})
        session.refresh(order)
        assert (order.status, order.reinspection_id) == ("closed", second.id)


def test_one_draft_recheck_at_a_time_and_refusals_change_nothing(seeded):
    store, basics = seeded
    with store.write() as session:
        order = issued_order(session, basics)
        rechecks.start(session, order_id=order.id, inspector_ids=basics.inspector_ids)
        order_id = order.id
    before = sqlite3.connect(store.path).execute("SELECT count(*) FROM inspection").fetchone()
    with pytest.raises(StateError) as refused, store.write() as session:
        rechecks.start(session, order_id=order_id, inspector_ids=basics.inspector_ids)
    assert refused.value.code == "orders.recheck_in_progress"
    assert sqlite3.connect(store.path).execute("SELECT count(*) FROM inspection").fetchone() == before


@pytest.mark.parametrize("purpose, recheck_of, code", [
    ("weekly", False, "inspection.bad_purpose"),
    ("routine", True, "inspection.recheck_purpose"),  # a follow-up of an order is a 复查
])
def test_purpose_is_checked(seeded, purpose, recheck_of, code):
    store, basics = seeded
    with store.write() as session:
        order = issued_order(session, basics)
        with pytest.raises(ValidationError) as refused:
            inspections.start(session, establishment_id=basics.restaurant_id, checklist_id="catering",
                              inspector_ids=basics.inspector_ids, purpose=purpose,
                              recheck_of=order.id if recheck_of else None)
        assert refused.value.code == code


# The second overdue step: only an open order past its deadline, once; who and when are kept.
ESCALATION = [
    (-1, "issued", None),                        # a day past the deadline: the bureau may file a case
    (0, "issued", "orders.not_overdue"),         # on the deadline day the operator still has time
    (5, "issued", "orders.not_overdue"),
    (-1, "closed", "orders.escalate_not_open"),  # rectified: nothing to escalate
    (-1, "escalated", "orders.escalated_already"),
]


@pytest.mark.parametrize("days_left, status, code", ESCALATION)
def test_escalation(seeded, days_left, status, code):
    store, basics = seeded
    with store.write() as session:
        order = issued_order(session, basics)
        today = order.deadline - timedelta(days=days_left)
        if status == "closed":
            recheck(session, basics, order, {"2.1": "pass", "4.3": "pass"})
        elif status == "escalated":
            orders.escalate(session, order.id, today=today, actor_id=basics.inspector_ids[0])
        if code is None:
            orders.escalate(session, order.id, today=today, note="逾期未整改", actor_id=basics.inspector_ids[0])
            session.refresh(order)
            assert (order.status, order.escalated_by, order.escalation_note) == \
                ("escalated", basics.inspector_ids[0], "逾期未整改")
            assert orders.as_dict(order, today)["status"] == "escalated"
        else:
            with pytest.raises(StateError) as refused:
                orders.escalate(session, order.id, today=today, actor_id=basics.inspector_ids[0])
            assert refused.value.code == code


def test_listing_shows_overdue_orders(seeded):
    store, basics = seeded
    with store.write() as session:
        order = issued_order(session, basics)
        late = order.deadline + timedelta(days=3)
        (row,) = orders.listing(session, today=late, overdue_only=True)
        assert (row["status"], row["days_overdue"], row["items"]) == ("overdue", 3, ORDER_ITEMS)
        assert orders.listing(session, today=order.deadline, overdue_only=True) == []
        assert orders.listing(session, today=order.deadline)[0]["status"] == "open"
