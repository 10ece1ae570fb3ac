"""The desktop shows core's refusal of what breaks core/limits.py, and stores nothing of it.

The register dialog puts the message next to the field; the inspection page
shows why the note was not saved and then what the store holds; a damaged last-user file on the
sign-in page preselects nobody instead of failing.
"""

import sqlite3

from factories import fingerprint
from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from inspector_app.core import inspections
from inspector_app.gui.establishments_page import EstablishmentsPage
from inspector_app.gui.register_dialog import RegisterDialog
from inspector_app.gui.signin import LAST_USER_FILE, SignInPage


def test_a_name_over_the_limit_is_refused_next_to_the_name_field(qtbot, context):
    page = EstablishmentsPage(context)
    qtbot.addWidget(page)
    wait_idle(qtbot, context)
    dialog = RegisterDialog(context, page._areas, page)
    qtbot.addWidget(dialog)
    before = fingerprint(context.store.path)
    dialog.fields["name"].setText("王二麻子面馆" * 17)  # 102 characters
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    assert dialog.errors["name"].isVisibleTo(dialog)
    assert "102 characters long; at most 100" in dialog.errors["name"].text()
    assert fingerprint(context.store.path) == before
    dialog.fields["name"].setText("王二麻子面馆")
    with qtbot.waitSignal(dialog.registered):
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    assert sqlite3.connect(context.store.path).execute(
        "SELECT count(*) FROM establishment WHERE name = '王二麻子面馆'").fetchone()[0] == 1


def test_a_note_over_the_limit_is_not_saved_and_the_page_says_why(qtbot, context):
    from test_inspection_page import press, show_page, start_draft, type_text, wait_saved
    page = show_page(qtbot, context, start_draft(context), language="en")
    page.jump_to("4.2")
    press(qtbot, Qt.Key.Key_2)
    wait_saved(qtbot, context, page)
    before = fingerprint(context.store.path)
    type_text(QApplication.focusWidget(), "脏" * 2001)
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
    wait_idle(qtbot, context)
    box = page.findChild(QMessageBox, "errorBox")
    assert "the note of item 4.2 is 2001 characters long; at most 2000" in box.text()
    assert fingerprint(context.store.path) == before
    qtbot.waitUntil(lambda: page.item_widgets["4.2"].note.text() == "", timeout=10_000)  # reopened: what is kept
    with context.store.session() as session:
        assert inspections.answers_of(session, inspections.get(session, page.inspection_id))["4.2"]["note"] is None


def test_a_damaged_last_user_file_preselects_nobody(qtbot, context):
    (context.paths.data_dir / LAST_USER_FILE).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    context.user = None
    page = SignInPage(context)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.users_loaded):
        page.load_users()
    assert page.user_box.count() == 3 and page.sign_in.isEnabled()
