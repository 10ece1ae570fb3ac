"""Today's "Assigned by the district" list: shown only when there is something, accept, decline, start."""

from datetime import date, timedelta

from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from sqlalchemy import insert, select, text

from inspector_app.core.models import Assignment, AssignmentResponse, SyncState, new_id, utcnow
from inspector_app.gui.today_page import TodayPage


def assign(context, establishment_id, *, days: int, note: str) -> str:
    """What a downward bundle would bring: an assignment addressed to this laptop."""
    with context.store.write() as session:
        device_id = session.execute(select(SyncState.__table__.c.device_id)).scalar()
        rid = new_id()
        session.execute(insert(Assignment.__table__).values(
            id=rid, created_at=utcnow(), updated_at=utcnow(), version=1, server_version=1,
            establishment_id=establishment_id, device_id=device_id.hex, due_date=date.today() + timedelta(days=days),
            purpose="complaint", note=note, status="assigned", created_by="区局"))
    return str(rid)


def click(qtbot, button):
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_accept_decline_and_start_from_today(qtbot, context, monkeypatch):
    page = TodayPage(context)
    qtbot.addWidget(page)
    page.show()
    wait_idle(qtbot, context)
    assert not page.assigned.isVisible()  # nothing assigned: the section takes no room
    first = assign(context, context.basics.restaurant_id, days=-1, note="群众投诉")
    second = assign(context, context.basics.restaurant_id, days=3, note="复查")
    page.refresh()
    wait_idle(qtbot, context)
    view = page.assigned
    assert view.isVisible() and view.model.rowCount() == 2
    assert view.model.row_data(0).id == first and view.model.row_data(0).overdue
    assert "2" in view.title.text()
    view.view.selectRow(0)
    click(qtbot, view.accept_button)
    wait_idle(qtbot, context)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and view.model.row_data(0).status == "accepted")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("本周在外培训", True)))
    view.view.selectRow(1)
    click(qtbot, view.decline_button)
    wait_idle(qtbot, context)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)  # a declined one leaves the list
    with context.store.session() as session:
        rows = session.execute(select(AssignmentResponse)).scalars()
        answers = {(str(r.assignment_id), r.response, r.reason) for r in rows}
        pending = session.execute(text("SELECT count(*) FROM outbox WHERE entity = 'assignment_response' "
                                       "AND state = 'pending'")).scalar()
    assert answers == {(first, "accepted", None), (second, "declined", "本周在外培训")}
    assert pending == 2  # they travel up with the next export
    view.view.selectRow(0)
    with qtbot.waitSignal(page.start_inspection) as started:
        click(qtbot, view.start_button)
    assert str(started.args[0]) == str(context.basics.restaurant_id)


def test_decline_needs_a_reason(qtbot, context, monkeypatch):
    assign(context, context.basics.restaurant_id, days=2, note="x")
    page = TodayPage(context)
    qtbot.addWidget(page)
    page.show()
    wait_idle(qtbot, context)
    page.assigned.view.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("   ", True)))
    click(qtbot, page.assigned.decline_button)
    wait_idle(qtbot, context)
    with context.store.session() as session:
        assert session.execute(select(AssignmentResponse)).first() is None
    assert page.assigned.model.row_data(0).status == "assigned"
