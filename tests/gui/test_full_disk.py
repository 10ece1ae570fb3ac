"""The desktop on a full disk: the disk-full sentence (not "something unexpected"), and the answer shown as not saved.

The desktop runs in this process, so the full disk is simulated where it
happens: SQLite's own limit (PRAGMA max_page_count on every connection, the
file's last page filled with ballast) for an answer, and a photo's file
write failing with ENOSPC. tests/test_disk_full.py fills a real disk for
the command line.
"""

from __future__ import annotations

import errno
import os

import pytest
from factories import photo_png
from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import event

from inspector_app.core import evidence, inspections, language
from inspector_app.core.errors import BundleError, StoreError
from inspector_app.core.messages import render
from inspector_app.gui.errors import message_for
from inspector_app.gui.inspection_page import InspectionPage
from inspector_app.gui.sync_texts import export_error_text


def start_draft(context):
    with context.store.write() as session:
        return inspections.start(session, establishment_id=context.basics.restaurant_id, checklist_id="catering",
                                 inspector_ids=context.basics.inspector_ids).id


def show_page(qtbot, context, inspection_id):
    page = InspectionPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.open(inspection_id)
    wait_idle(qtbot, context)
    return page


def full_disk_sentence(context) -> str:
    return render("store.disk_full", language.current(), {"folder": str(context.paths.data_dir)})


def error_boxes() -> list[str]:
    return [w.text() for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible()]


def stored_answers(context, inspection_id) -> dict:
    with context.store.session() as session:
        return inspections.answers_of(session, inspections.get(session, inspection_id))


def fill_store(context):
    """The store may not grow by a page, and its last pages are full: the next page it needs fails
    with SQLITE_FULL. Returns a function that gives the room back."""
    engine = context.store.engine
    with context.store.write() as session:
        session.connection().exec_driver_sql("CREATE TABLE ballast (x BLOB)")
        limit = session.connection().exec_driver_sql("PRAGMA page_count").scalar() + 16

    def cap(connection, _record):
        connection.execute(f"PRAGMA max_page_count = {limit}")

    event.listen(engine, "connect", cap)
    engine.dispose()  # every connection from now on is capped
    while True:
        try:
            with context.store.write() as session:
                session.connection().exec_driver_sql("INSERT INTO ballast VALUES (zeroblob(1000))")
        except Exception:  # SQLITE_FULL, whichever way the code names it
            break

    def free():
        event.remove(engine, "connect", cap)
        engine.dispose()
        with context.store.write() as session:
            session.connection().exec_driver_sql("DROP TABLE ballast")
    return free


def label_texts(page) -> list[str]:
    """Every text the saved indicator shows from now on (a failed save shows "Not saved" until the page
    has reopened the inspection from the store)."""
    shown, set_text = [], page.saved_label.setText

    def record(text):
        shown.append(text)
        set_text(text)
    page.saved_label.setText = record
    return shown


def test_an_answer_on_a_full_disk_says_so_and_shows_not_saved(qtbot, context):
    inspection_id = start_draft(context)
    page = show_page(qtbot, context, inspection_id)
    shown = label_texts(page)
    free = fill_store(context)
    answered = []
    for item_id in page.visible_items():  # each answer takes room; within a few the next page is needed
        QTest.mouseClick(page.item_widgets[item_id].buttons["pass"], Qt.MouseButton.LeftButton)
        wait_idle(qtbot, context)
        if error_boxes():
            failed = item_id
            break
        answered.append(item_id)
    else:
        pytest.fail("every answer was saved on a full store")
    qtbot.waitUntil(lambda: context.runner.idle and page.data is not None and page._loading is None, timeout=10_000)
    [message] = error_boxes()
    assert full_disk_sentence(context) in message
    assert not any(word in message for word in ("unexpected", "意外", "backup", "备份"))
    assert any(text.endswith(("Not saved", "未保存")) for text in shown), shown
    assert set(stored_answers(context, inspection_id)) == set(answered), "the failed answer is not in the store"
    assert page.answers.get(failed, {}).get("answer") is None, "the page shows the answer as not given"

    free()  # space freed: the same click saves
    QTest.mouseClick(page.item_widgets[failed].buttons["pass"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.is_saved and context.runner.idle, timeout=10_000)
    assert stored_answers(context, inspection_id)[failed]["answer"] == "pass"


class FullDiskOS:
    """The os module as evidence.py sees it on a full disk: fsync reports ENOSPC (the blocks were never
    allocated), as ext4 does with delayed allocation."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def fsync(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_photo_on_a_full_disk_says_so_and_leaves_no_file(qtbot, context, tmp_path, monkeypatch):
    inspection_id = start_draft(context)
    page = show_page(qtbot, context, inspection_id)
    photo = tmp_path / "kitchen.png"
    photo.write_bytes(photo_png())
    shown = label_texts(page)
    monkeypatch.setattr(evidence, "os", FullDiskOS())
    page.attach_photos("4.2", [photo])
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=10_000)
    wait_idle(qtbot, context)
    [message] = error_boxes()
    assert full_disk_sentence(context) in message and "unexpected" not in message
    assert any(text.endswith(("Not saved", "未保存")) for text in shown), shown
    assert page.item_widgets["4.2"].photos.thumbs == [], "no photo shown"
    assert [p for p in context.paths.blobs.rglob("*")] == [], "no half-written photo, no empty folder"
    with context.store.session() as session:
        assert evidence.photos(session, inspection_id) == []


def test_messages_for_a_full_disk_from_anywhere(qapp, tmp_path):
    raw = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.pdf"))
    assert message_for(raw) == render("store.disk_full", language.current(), {"folder": str(tmp_path)})
    store_full = StoreError("store.disk_full", folder=str(tmp_path))
    assert message_for(store_full) == store_full.message, "no 'data folder cannot be used' headline over it"


def test_export_tells_a_full_laptop_disk_from_a_full_usb_drive(qapp, tmp_path):
    laptop = StoreError("store.disk_full", folder=str(tmp_path))
    assert export_error_text(laptop) == laptop.message
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError:
            raise BundleError("sync.write_failed", folder="/media/usb", detail="No space left on device") from None
    except BundleError as stick:
        assert "USB drive is full" in export_error_text(stick) or "U盘已满" in export_error_text(stick)
