"""复查 from Today: the order's button opens the start dialog in re-inspection mode, which starts a draft
that checks the order's items only (Order 49 Art. 33 ¶2); the start dialog records the purpose (检查类型)."""

from factories import make_inspection
from gui_helpers import wait_idle
from PySide6.QtCore import Qt

from inspector_app.core import inspections, orders
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.start_dialog import StartInspectionDialog


def test_clicking_recheck_on_today_starts_a_recheck_of_the_order(qtbot, context):
    with context.store.write() as session:
        found = make_inspection(session, context.basics, fail=["2.1"], finalize=True)
        order_id = orders.for_inspection(session, found.id)[0].id
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    wait_idle(qtbot, context)
    today = window.today
    assert today.orders.model.rowCount() == 1
    view = today.orders.view
    button = view.visualRect(today.orders.model.index(0, today.orders.model.columnCount() - 1)).center()
    with qtbot.waitSignal(today.recheck_order) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=button)
    assert clicked.args == [context.basics.restaurant_id, order_id]
    dialog = window.findChild(StartInspectionDialog)
    wait_idle(qtbot, context)
    assert dialog.order_id == order_id and dialog.purpose.currentData() == "recheck"
    assert not dialog.purpose.isEnabled()
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.inspection, timeout=5000)
    wait_idle(qtbot, context)
    with context.store.session() as session:
        draft = inspections.get(session, window.inspection.inspection_id)
        assert (draft.purpose, draft.recheck_of) == ("recheck", order_id)
        assert inspections.missing(session, draft) == ["2.1"]
    window.close()


def test_the_start_dialog_records_the_purpose(qtbot, context):
    dialog = StartInspectionDialog(context, context.basics.restaurant_id)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, context)
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("complaint"))
    with qtbot.waitSignal(dialog.started) as started:
        qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    with context.store.session() as session:
        assert inspections.get(session, started.args[0]).purpose == "complaint"


def test_the_establishment_page_offers_recheck_on_each_open_order():
    from inspector_app.gui.establishments_page import detail_html
    from inspector_app.gui.labels import order_status_label
    facts = {key: None for key in ("category", "township", "village", "address", "licence_no", "credit_code",
                                   "legal_rep", "contact_person", "phone", "risk_grade", "status", "provisional")}
    order = {"id": "0190a1b2-0000-7000-8000-000000000009", "deadline": "2026-12-05", "items": ["2.1"],
             "number": None, "inspection_id": None, "status": "escalated", "recheck_failed": True}
    html = detail_html({"facts": {**facts, "name": "张三餐馆"}, "history": [], "orders": [order]})
    assert f"href='recheck:{order['id']}'" in html
    assert order_status_label("escalated") in html
