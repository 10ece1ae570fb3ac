"""The whole window: navigation, starting an inspection from the register, screenshots of every screen."""

from datetime import UTC
from pathlib import Path

import pytest
from factories import make_inspection
from gui_helpers import wait_idle
from PySide6.QtCore import Qt

from inspector_app.gui import translations
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.register_dialog import RegisterDialog
from inspector_app.gui.settings_dialog import SettingsDialog
from inspector_app.gui.start_dialog import StartInspectionDialog

SHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture
def window(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    wait_idle(qtbot, context)
    yield window
    window.close()


def test_starting_an_inspection_from_the_register_opens_the_checklist(qtbot, context, window):
    window.show_page("establishments")
    page = window.establishments
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.table.selectRow(0)
    wait_idle(qtbot, context)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(StartInspectionDialog)
    wait_idle(qtbot, context)
    assert dialog.form.currentData() == "catering" and len(dialog.inspector_ids()) == 2
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.inspection, timeout=5000)
    wait_idle(qtbot, context)
    assert window.inspection.inspection_id is not None
    assert "1" in window.unsent.text() or "待同步" in window.unsent.text() or "not yet" in window.unsent.text()


def test_the_idle_lock_hides_the_window_until_the_password_is_given(qtbot, context, window):
    settings = SettingsDialog(context, window)
    settings.show()
    window.lock()
    page = window.signin
    assert window.locked and window.root.currentWidget() is page
    assert not window.workspace.isVisible() and not settings.isVisible()  # open dialogs hide too
    assert page.user_box.count() == 1 and not page.user_box.isEnabled()
    assert page.user_box.currentData() == context.user.id
    assert not window.settings_action.isEnabled()
    page.password.setText("wrong-1")
    page.sign_in.click()
    wait_idle(qtbot, context)
    assert window.locked and "Wrong password" in page.message.text()
    page.password.setText("secret-1")
    with qtbot.waitSignal(window.signed_in, timeout=5000):
        page.sign_in.click()
    assert not window.locked and window.workspace.isVisible() and settings.isVisible()
    assert window.settings_action.isEnabled()
    settings.close()


def test_signing_in_turns_the_first_page_into_the_work_pages(qtbot, context):
    user, context.user = context.user, None
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert window.workspace is None and window.root.currentWidget() is window.signin
    assert window.focusWidget() is window.signin.password  # typing goes to the password at once
    with qtbot.waitSignal(window.signin.users_loaded):
        window.signin.load_users()
    page = window.signin
    page.user_box.setCurrentIndex([page.user_box.itemData(i) for i in range(page.user_box.count())].index(user.id))
    qtbot.keyClicks(page.password, "secret-1")
    with qtbot.waitSignal(window.signed_in, timeout=5000):
        qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert context.user.id == user.id and window.stack.currentWidget() is window.today
    assert window.user_label.text().startswith(user.name)
    assert "inspection" not in window._built and "sync" not in window._built  # built when first needed
    window.show_page("sync")
    assert window.stack.currentWidget() is window.sync and window._built["sync"] is window.sync
    wait_idle(qtbot, context)
    window.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_screenshots_of_every_screen(qtbot, qapp, context, language):
    keep: list = []
    translations.install(qapp, language, keep)
    try:
        with context.store.write() as session:
            make_inspection(session, context.basics, fail=["3.2"], finalize=True)
            make_inspection(session, context.basics)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        wait_idle(qtbot, context)
        SHOTS.mkdir(exist_ok=True)
        for key in ("today", "establishments"):
            window.show_page(key)
            if key == "establishments":
                window.establishments.table.selectRow(0)
            wait_idle(qtbot, context)
            qapp.processEvents()
            window.grab().save(str(SHOTS / f"{language}-{key}.png"))
        if language == "zh_CN":
            assert window.nav.item(0).text() == "今日"
        dialogs = {"register": RegisterDialog(context, window.establishments._areas, window),
                   "start": StartInspectionDialog(context, context.basics.restaurant_id, window),
                   "settings": SettingsDialog(context, window)}
        for name, dialog in dialogs.items():
            qtbot.addWidget(dialog)
            dialog.show()
            wait_idle(qtbot, context)
            qapp.processEvents()
            dialog.grab().save(str(SHOTS / f"{language}-dialog-{name}.png"))
            dialog.close()
        window.close()
        user, context.user = context.user, None
        first = MainWindow(context)  # the first window: the sign-in page
        context.user = user
        qtbot.addWidget(first)
        first.resize(1366, 768)
        first.show()
        first.signin.load_users()
        wait_idle(qtbot, context)
        qapp.processEvents()
        first.grab().save(str(SHOTS / f"{language}-signin.png"))
        if language == "zh_CN":
            assert first.signin.sign_in.text() == "登录"
        first.close()
    finally:
        translations.install(qapp, "en", keep)


def test_a_clerk_sees_the_register_but_does_not_start_inspections(qtbot, context):
    from inspector_app.core import users
    with context.store.session() as session:
        context.user = users.get(session, context.basics.clerk_id)
        session.expunge(context.user)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, context)
    assert window.nav.item(window.pages["inspection"]).isHidden()
    assert not window.establishments.start_button.isVisible()
    assert window.today.due.view.isColumnHidden(window.today.due.model.columnCount() - 1)
    window.close()


def test_drafts_show_the_local_start_time():
    from datetime import datetime

    from inspector_app.core.planning import _local_minutes
    expected = datetime(2026, 11, 28, 4, 25, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert _local_minutes("2026-11-28 04:25:00.000000") == expected
