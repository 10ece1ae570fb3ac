"""The Inspection screen, driven like an inspector would: clicks, keys, drops and signatures."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from factories import answer_all, finalize_signed, make_establishment
from gui_helpers import wait_idle
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from sqlmodel import select

from inspector_app.core import catalog, codes, inspections, orders
from inspector_app.core.models import Evidence, SignatureRefusal
from inspector_app.gui import app as gui_app
from inspector_app.gui.errors import show_error
from inspector_app.gui.inspection_page import InspectionPage
from inspector_app.gui.photo_strip import PhotoViewer
from inspector_app.gui.runner import Runner

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


# Helpers

def start_draft(context, *, form="catering", establishment_id=None):
    with context.store.write() as session:
        inspection = inspections.start(session, establishment_id=establishment_id or context.basics.restaurant_id,
                                       checklist_id=form, inspector_ids=context.basics.inspector_ids)
        return inspection.id


def add_school(context):
    with context.store.write() as session:
        return make_establishment(session, name="渔阳镇中心小学食堂", category="school_canteen").id


def show_page(qtbot, context, inspection_id, language="zh_CN"):
    context.settings["language"] = language
    page = InspectionPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.open(inspection_id)
    wait_idle(qtbot, context)
    return page


def focused_card(page):
    focus = QApplication.focusWidget()
    return next((card for card in page.item_widgets.values() if card.has_focus_within()), None), focus


def press(qtbot, key):
    """A key as the inspector types it: to whatever has the keyboard focus."""
    focus = QApplication.focusWidget()
    assert focus is not None, "nothing has the keyboard focus"
    qtbot.keyClick(focus, key)


def type_text(widget, text):
    """Typing as an inspector does: ASCII key by key, Chinese committed by the input method."""
    if text.isascii():
        QTest.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def make_png(path: Path, colour="#3a7bd5", size=(64, 48)) -> Path:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path


def drop_files(widget, paths):
    """A real drop: QDropEvent with file URLs delivered to the widget."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPoint(widget.width() // 2, widget.height() // 2)
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False  # the drag is refused: the drop never happens
    drop = QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def sign(qtbot, pad, wiggle=0):
    """Draw a signature-like scribble with mouse drags."""
    qtbot.waitUntil(pad.isVisible)
    w, h = pad.width(), pad.height()
    points = [QPoint(int(w * (0.15 + 0.07 * i)), int(h * (0.4 + 0.25 * ((i + wiggle) % 2)))) for i in range(10)]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])
    assert not pad.is_empty()


def click(qtbot, widget):
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot, view, row):
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def tick(qtbot, checkbox):
    qtbot.mouseClick(checkbox, Qt.MouseButton.LeftButton, pos=QPoint(8, checkbox.height() // 2))
    assert checkbox.isChecked()


def wait_saved(qtbot, context, page):
    qtbot.waitUntil(lambda: page.is_saved and context.runner.idle, timeout=10_000)
    assert page.saved_label.text().endswith(("Saved", "已保存"))


def open_finalize(qtbot, context, page):
    click(qtbot, page.finish_button)
    qtbot.waitUntil(lambda: page.finalize_dialog is not None and page.finalize_dialog.isVisible(), timeout=10_000)
    wait_idle(qtbot, context)
    return page.finalize_dialog


def sign_inspectors(qtbot, dialog):
    for index, signer in enumerate(dialog.signers[:-1]):
        click(qtbot, signer.button)
        sign(qtbot, signer.pad, wiggle=index)


def store_state(context, inspection_id):
    with context.store.session() as session:
        inspection = inspections.get(session, inspection_id)
        rows = session.exec(select(Evidence).where(Evidence.inspection_id == inspection.id)).all()
        refusal = session.exec(select(SignatureRefusal).where(
            SignatureRefusal.inspection_id == inspection.id)).first()
        return {"status": inspection.status, "result": inspection.result, "handling": inspection.handling,
                "answers": inspections.answers_of(session, inspection),
                "evidence": sorted((r.role, r.item_id or "") for r in rows),
                "orders": [(o.failed_items, o.deadline) for o in orders.for_inspection(session, inspection.id)],
                "refusal": None if refusal is None else (refusal.reason, refusal.witness_name,
                                                         refusal.witness_id_no)}


# A whole inspection

def test_a_whole_catering_inspection_with_clicks_keys_photos_and_signatures(qtbot, context, tmp_path):
    """Answer all 30 items (buttons and 1/2/3 keys), fail a key item with a note, attach photos by the
    picker path and by a real drop, sign three times with the mouse, finalize, and find it all in the store."""
    inspection_id = start_draft(context)
    page = show_page(qtbot, context, inspection_id)
    checklist = page.data.checklist
    fails, not_applicable = {"3.1": "没有食品安全自查制度", "5.2": "地面有积水"}, {"2.2"}
    order = page.visible_items()
    assert len(order) == 30 and order[0] == "1.1"
    for number, item_id in enumerate(order):
        card, _ = focused_card(page)
        assert card is page.item_widgets[item_id], f"focus should be on {item_id}"
        answer = "fail" if item_id in fails else "na" if item_id in not_applicable else "pass"
        if number % 2:
            press(qtbot, {"pass": Qt.Key.Key_1, "fail": Qt.Key.Key_2, "na": Qt.Key.Key_3}[answer])
        else:
            click(qtbot, card.buttons[answer])
        if answer == "fail":
            assert card.note.isVisible() and card.note.hasFocus(), "a failed item opens its note"
            type_text(card.note, fails[item_id])
        if number < len(order) - 1:
            press(qtbot, Qt.Key.Key_Return)  # Enter confirms and moves on
    assert page.item_widgets["3.1"].styleSheet().count("#c62828") >= 2, "a failed key item has a red edge"
    assert "基本符合" in page.result_badge.text()

    photo = make_png(tmp_path / "kitchen.png")
    page.attach_photos("3.1", [photo])  # what the file picker calls
    dropped = make_png(tmp_path / "floor.png", colour="#8a6d3b")
    assert drop_files(page.item_widgets["5.2"], [dropped])
    wait_saved(qtbot, context, page)
    qtbot.waitUntil(lambda: all(not t.pixmap().isNull() for card in ("3.1", "5.2")
                                for t in page.item_widgets[card].photos.thumbs), timeout=10_000)

    dialog = open_finalize(qtbot, context, page)
    assert "基本符合" in dialog.result_label.text()
    assert dialog.deadline_label.text().endswith("日")
    assert checklist.items["3.1"].text.zh in dialog.findChild(type(dialog.result_label), "failedItems").text()
    assert not dialog.finalize_button.isEnabled()
    sign_inspectors(qtbot, dialog)
    click(qtbot, dialog.signers[-1].button)
    sign(qtbot, dialog.signers[-1].pad)
    assert not dialog.finalize_button.isEnabled(), "the confirmation is still needed"
    tick(qtbot, dialog.confirm)
    with qtbot.waitSignal(page.finalized, timeout=10_000) as signal:
        click(qtbot, dialog.finalize_button)
    assert signal.args == [str(inspection_id)]
    qtbot.waitUntil(lambda: page.data.status == "finalized", timeout=10_000)
    wait_idle(qtbot, context)

    state = store_state(context, inspection_id)
    assert state["status"] == "finalized"
    assert (state["result"], state["handling"]) == ("basically_compliant", "rectify")
    assert len(state["answers"]) == 30
    assert state["answers"]["3.1"] == {"answer": "fail", "value": None, "note": fails["3.1"]}
    assert state["answers"]["5.2"]["note"] == fails["5.2"]
    assert state["answers"]["2.2"]["answer"] == "na"
    inspector_ids = sorted(str(i) for i in context.basics.inspector_ids)
    assert state["evidence"] == sorted([("photo", "3.1"), ("photo", "5.2"), ("signature_operator", ""),
                                        *[("signature_inspector", i) for i in inspector_ids]])
    assert [failed for failed, _ in state["orders"]] == [["5.2"]]  # 3.1 is a key item: a case (Order 49 Art. 32)
    assert page.banner.isVisible() and not page.item_widgets["1.1"].buttons["pass"].isEnabled()


def test_a_failure_fixed_on_the_spot_is_recorded_and_finalizing_issues_no_order(qtbot, context, tmp_path):
    """Order 49 Art. 33 ¶2: a failed general item ticked 当场整改, what was done typed, a photo of the fix on its
    strip; finalizing through the dialog keeps the fix, still counts the failure, and issues no written order."""
    inspection_id = start_draft(context)
    with context.store.write() as session:
        checklist = catalog.get(session, "catering")
        item_id = next(i.id for i in checklist.items.values()
                       if not i.key and i.kind == "check" and not i.evidence_on_fail)
        answer_all(session, inspection_id, checklist)
    page = show_page(qtbot, context, inspection_id)
    card = page.item_widgets[item_id]
    page.jump_to(item_id)
    assert card.isVisible() and (card._fix_row is None or not card.fix_row.isVisible()), "only a failure has it"
    click(qtbot, card.buttons["fail"])
    assert card.fix_row.isVisible() and card.safety_box is not None and not card.fix_note.isVisible()
    tick(qtbot, card.fixed_box)
    assert card.fix_note.isVisible() and card.fix_note.hasFocus()
    type_text(card.fix_note, "已当场清理并消毒")
    press(qtbot, Qt.Key.Key_Return)
    page.attach_photos(item_id, [make_png(tmp_path / "fixed.png")])
    wait_saved(qtbot, context, page)
    assert "基本符合" in page.result_badge.text()  # still counted (Art. 33 ¶2 records it; it was found)

    dialog = open_finalize(qtbot, context, page)
    assert "当场整改" in dialog.findChild(QLabel, "failedItems").text()
    sign_inspectors(qtbot, dialog)
    click(qtbot, dialog.signers[-1].button)
    sign(qtbot, dialog.signers[-1].pad)
    tick(qtbot, dialog.confirm)
    with qtbot.waitSignal(page.finalized, timeout=10_000):
        click(qtbot, dialog.finalize_button)
    qtbot.waitUntil(lambda: page.data.status == "finalized", timeout=10_000)
    wait_idle(qtbot, context)

    state = store_state(context, inspection_id)
    assert (state["status"], state["result"]) == ("finalized", "basically_compliant")
    assert state["answers"][item_id] == {"answer": "fail", "value": None, "note": None,
                                         "fixed_on_spot": True, "fix_note": "已当场清理并消毒"}
    assert ("photo", item_id) in state["evidence"]
    assert state["orders"] == [], "no written order when every failure was fixed on the spot"


def test_a_draft_resumes_after_a_crash_with_nothing_lost(qtbot, context, tmp_path):
    """Answers, values, notes and photos written through the page survive losing the page and the runner."""
    school = add_school(context)
    inspection_id = start_draft(context, form="school_canteen", establishment_id=school)
    page = show_page(qtbot, context, inspection_id)
    page.jump_to("1.1")
    press(qtbot, Qt.Key.Key_1)
    page.jump_to("3.1")
    press(qtbot, Qt.Key.Key_2)
    type_text(QApplication.focusWidget(), "制度未上墙")
    page.jump_to("10.1")
    click(qtbot, page.item_widgets["10.1"].buttons["contracted"])
    page.jump_to("10.8")
    type_text(QApplication.focusWidget(), "118")
    press(qtbot, Qt.Key.Key_Return)
    assert page.item_widgets["10.8"].outcome() == "fail"
    type_text(page.item_widgets["10.8"].note, "最少一份只有118克")
    page.attach_photos("3.1", [make_png(tmp_path / "wall.png")])
    wait_saved(qtbot, context, page)  # what the inspector sees: "Saved"

    # The crash: no flush, no close, no shutdown; the page is destroyed and the runner abandoned.
    shiboken6.delete(page)
    data_dir = context.paths.data_dir
    revived = gui_app.build_context(data_dir)
    gui_app.open_context_store(revived)
    revived.user, revived.basics = context.user, context.basics
    revived.runner = Runner(revived, show_error)
    try:
        again = show_page(qtbot, revived, inspection_id)
        cards = again.item_widgets
        assert cards["1.1"].state()["answer"] == "pass"
        assert cards["3.1"].state() == {"answer": "fail", "value": None, "note": "制度未上墙"}
        assert cards["3.1"].note.text() == "制度未上墙" and cards["3.1"].buttons["fail"].styleSheet().count("#c62828")
        assert cards["10.1"].state()["value"] == "contracted"
        assert cards["10.8"].editor.text() == "118" and cards["10.8"].note.text() == "最少一份只有118克"
        again.jump_to("10.2")
        assert cards["10.2"].isVisible(), "skip logic is restored with the answers"
        assert cards["3.1"].photo_count() == 1
        qtbot.waitUntil(lambda: not cards["3.1"].photos.thumbs[0].pixmap().isNull(), timeout=10_000)
    finally:
        revived.runner.shutdown()
        revived.store.close()


KILLED_APP = """
import os, signal, sys, time
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from inspector_app.core import users
from inspector_app.gui import app as gui_app
from inspector_app.gui.errors import show_error
from inspector_app.gui.inspection_page import InspectionPage
from inspector_app.gui.photo_strip import PhotoViewer
from inspector_app.gui.runner import Runner

data_dir, user_id, inspection_id, photo = sys.argv[1:5]
app = gui_app.create_application([])
context = gui_app.build_context(data_dir)
gui_app.open_context_store(context)
with context.store.session() as session:
    context.user = users.get(session, user_id)
    session.expunge(context.user)
context.runner = Runner(context, show_error)
page = InspectionPage(context)
page.resize(1366, 768)
page.show()
page.activateWindow()

def wait(condition, seconds=20):
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out"
        app.processEvents()
        time.sleep(0.005)

def typed(text):
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(QApplication.focusWidget(), event)

wait(lambda: QApplication.activeWindow() is page)
page.open(inspection_id)
wait(lambda: page.data is not None)
page.jump_to("1.1")
QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
page.jump_to("3.1")
QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
typed("制度未上墙")
page.jump_to("10.1")
QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
page.jump_to("10.8")
QTest.keyClicks(QApplication.focusWidget(), "118")
page.attach_photos("3.1", [photo])
wait(lambda: page.is_saved and context.runner.idle and page.saved_label.text().endswith("Saved"))
print("SAVED", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_the_app_mid_inspection_loses_nothing_that_was_shown_as_saved(qtbot, context, tmp_path):
    """A real kill -9 of a separate app process: typing without Enter, a note, a choice, a photo."""
    school = add_school(context)
    inspection_id = start_draft(context, form="school_canteen", establishment_id=school)
    script = tmp_path / "killed_app.py"
    script.write_text(KILLED_APP, encoding="utf-8")
    photo = make_png(tmp_path / "wall.png")
    run = subprocess.run([sys.executable, str(script), str(context.paths.data_dir), str(context.user.id),
                          str(inspection_id), str(photo)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                              "PYTHONPATH": str(Path(__file__).resolve().parents[2])})  # this checkout's code
    assert "SAVED" in run.stdout, run.stderr
    assert run.returncode == -signal.SIGKILL
    page = show_page(qtbot, context, inspection_id)
    cards = page.item_widgets
    assert cards["1.1"].state()["answer"] == "pass"
    assert cards["3.1"].state() == {"answer": "fail", "value": None, "note": "制度未上墙"}
    assert cards["10.1"].state()["value"] == "contracted"
    assert cards["10.8"].editor.text() == "118" and cards["10.8"].outcome() == "fail"
    assert cards["3.1"].photo_count() == 1


def test_checklist_logic_shows_the_items_that_follow_from_the_supply_mode(qtbot, context):
    school = add_school(context)
    page = show_page(qtbot, context, start_draft(context, form="school_canteen", establishment_id=school))
    section = page.section_list.section_model.row_of("10")
    click_row(qtbot, page.section_list, section)
    cards = page.item_widgets
    assert cards["10.1"].isVisible() and cards["10.1"].has_focus_within()
    assert not cards["10.2"].isVisible() and not cards["10.3"].isVisible()
    click(qtbot, cards["10.1"].buttons["contracted"])
    assert cards["10.2"].isVisible() and not cards["10.3"].isVisible()
    press(qtbot, Qt.Key.Key_3)  # the third choice: meals ordered from a supplier
    assert cards["10.3"].isVisible() and not cards["10.2"].isVisible()
    row = page.section_list.section_model.rows[section]
    assert row.total == len([i for i in page.visible_items() if i.startswith("10.")
                             and page.data.checklist.items[i].scored])
    wait_saved(qtbot, context, page)
    assert store_state(context, page.inspection_id)["answers"]["10.1"]["value"] == "ordered"


def test_missing_answers_and_photos_are_listed_and_each_entry_jumps_to_its_item(qtbot, context):
    page = show_page(qtbot, context, start_draft(context))
    page.jump_to("1.1")
    press(qtbot, Qt.Key.Key_1)
    page.jump_to("4.2")
    click(qtbot, page.item_widgets["4.2"].buttons["fail"])  # key item that needs a photo
    wait_saved(qtbot, context, page)
    click(qtbot, page.finish_button)
    qtbot.waitUntil(page.missing_panel.isVisible, timeout=10_000)
    rows = page.missing_model.rows
    assert ("4.2", "photo") in [(r.item_id, r.reason) for r in rows]
    assert len([r for r in rows if r.reason == "answer"]) == 28
    assert page.finalize_dialog is None
    target = next(i for i, r in enumerate(rows) if r.item_id == "7.3")
    click_row(qtbot, page.missing_list, target)
    card, _ = focused_card(page)
    assert card is page.item_widgets["7.3"] and card.isVisible() and page.current_section == "7"
    press(qtbot, Qt.Key.Key_1)
    assert "7.3" not in [r.item_id for r in page.missing_model.rows], "fixed entries leave the list"
    photo_row = next(i for i, r in enumerate(page.missing_model.rows) if r.reason == "photo")
    click_row(qtbot, page.missing_list, photo_row)
    assert focused_card(page)[0] is page.item_widgets["4.2"]


def test_a_finalized_inspection_is_read_only_and_an_amendment_copies_it(qtbot, context, tmp_path):
    inspection_id = start_draft(context)
    with context.store.write() as session:
        answer_all(session, inspection_id, catalog.get(session, "catering"), fail=["5.2"])
        inspections.record_answer(session, inspection_id, item_id="5.2", answer="fail", note="地面积水")
    page = show_page(qtbot, context, inspection_id)
    page.attach_photos("5.2", [make_png(tmp_path / "floor.png")])
    wait_saved(qtbot, context, page)
    with context.store.write() as session:
        finalize_signed(session, inspection_id)
    page.open(inspection_id)
    qtbot.waitUntil(lambda: page.data.read_only, timeout=10_000)
    assert page.banner.isVisible() and not page.finish_button.isVisible()
    card = page.item_widgets["1.1"]
    assert not card.buttons["fail"].isEnabled() and page.item_widgets["5.2"].note.isReadOnly()
    page.jump_to("1.1")
    press(qtbot, Qt.Key.Key_2)
    qtbot.mouseClick(card.buttons["fail"], Qt.MouseButton.LeftButton)
    assert not drop_files(page.item_widgets["1.1"], [make_png(tmp_path / "late.png")])
    wait_idle(qtbot, context)
    assert card.state()["answer"] == "pass"
    assert store_state(context, inspection_id)["answers"]["1.1"]["answer"] == "pass"
    page.jump_to("5.2")
    qtbot.wait(50)  # let the layout settle before grabbing
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(SCREENSHOTS / "inspection_read_only_zh_CN.png"))
    thumb = page.item_widgets["5.2"].photos.thumbs[0]
    qtbot.waitUntil(lambda: not thumb.pixmap().isNull(), timeout=10_000)
    click(qtbot, thumb)  # photos of a finalized record can still be looked at
    qtbot.waitUntil(lambda: any(v.isVisible() for v in page.findChildren(PhotoViewer)), timeout=10_000)
    for viewer in page.findChildren(PhotoViewer):
        viewer.close()

    with qtbot.waitSignal(page.loaded, timeout=10_000):
        click(qtbot, page.amend_button)
    wait_idle(qtbot, context)
    assert page.inspection_id != str(inspection_id) and not page.read_only
    assert page.data.amends_id == str(inspection_id)
    assert store_state(context, page.inspection_id)["answers"] == store_state(context, inspection_id)["answers"]
    assert page.item_widgets["5.2"].photo_count() == 1 and page.item_widgets["5.2"].note.text() == "地面积水"
    page.jump_to("5.2")
    click(qtbot, page.item_widgets["5.2"].buttons["pass"])
    wait_saved(qtbot, context, page)
    assert store_state(context, page.inspection_id)["answers"]["5.2"]["answer"] == "pass"


def test_the_operator_may_refuse_to_sign_with_a_reason_and_a_witness(qtbot, context):
    inspection_id = start_draft(context)
    with context.store.write() as session:
        answer_all(session, inspection_id, catalog.get(session, "catering"), fail=["2.1"])
    page = show_page(qtbot, context, inspection_id, language="en")
    dialog = open_finalize(qtbot, context, page)
    assert "Basically compliant" in dialog.result_label.text()
    sign_inspectors(qtbot, dialog)
    click(qtbot, dialog.signers[-1].button)
    click(qtbot, dialog.refuse_button)
    type_text(dialog.refusal_reason, "Does not agree with item 2.1")
    tick(qtbot, dialog.confirm)
    assert not dialog.finalize_button.isEnabled(), "a refusal needs a witness"
    type_text(dialog.witness_name, "Zhao Lei")
    type_text(dialog.witness_id, "120225199001011234")
    assert dialog.finalize_button.isEnabled()
    with qtbot.waitSignal(page.finalized, timeout=10_000):
        click(qtbot, dialog.finalize_button)
    wait_idle(qtbot, context)
    state = store_state(context, inspection_id)
    assert state["status"] == "finalized"
    assert state["refusal"] == ("Does not agree with item 2.1", "Zhao Lei", "120225199001011234")
    assert [role for role, _ in state["evidence"]] == ["signature_inspector", "signature_inspector"]


def test_notes_are_saved_after_a_pause_in_typing_without_leaving_the_field(qtbot, context):
    page = show_page(qtbot, context, start_draft(context))
    page.jump_to("4.2")
    press(qtbot, Qt.Key.Key_2)
    type_text(QApplication.focusWidget(), "两人无健康证")
    assert page.saved_label.text() == "Saving…"
    wait_saved(qtbot, context, page)
    assert page.item_widgets["4.2"].note.hasFocus()
    assert store_state(context, page.inspection_id)["answers"]["4.2"]["note"] == "两人无健康证"


def test_one_item_at_a_time_shows_only_the_current_item(qtbot, context):
    page = show_page(qtbot, context, start_draft(context))
    click(qtbot, page.one_item_button)
    page.jump_to("2.1")
    shown = [i for i, card in page.item_widgets.items() if card.isVisible()]
    assert shown == ["2.1"]
    press(qtbot, Qt.Key.Key_Down)
    assert [i for i, card in page.item_widgets.items() if card.isVisible()] == ["2.2"]


def open_viewer(qtbot, page, thumb):
    qtbot.waitUntil(lambda: not thumb.pixmap().isNull(), timeout=10_000)
    click(qtbot, thumb)
    qtbot.waitUntil(lambda: any(v.isVisible() for v in page.findChildren(PhotoViewer)), timeout=10_000)
    return next(v for v in page.findChildren(PhotoViewer) if v.isVisible())


def answer_removal(qtbot, viewer, button):
    click(qtbot, viewer.remove_button)
    qtbot.waitUntil(lambda: viewer.confirm_box is not None and viewer.confirm_box.isVisible(), timeout=10_000)
    click(qtbot, viewer.confirm_box.button(button))


def test_a_wrong_photo_is_removed_from_a_draft_after_a_confirmation(qtbot, context, tmp_path):
    inspection_id = start_draft(context)
    with context.store.write() as session:
        answer_all(session, inspection_id, catalog.get(session, "catering"), fail=["4.2"])
    page = show_page(qtbot, context, inspection_id)
    page.attach_photos("4.2", [make_png(tmp_path / "right.png"), make_png(tmp_path / "wrong.png", colour="#6b8e23")])
    wait_saved(qtbot, context, page)
    card = page.item_widgets["4.2"]
    assert card.photo_count() == 2 and not card.needs_photo()
    page.jump_to("4.2")
    right, wrong = card.photos.thumbs
    right_id, _wrong_id = right.evidence_id, wrong.evidence_id

    viewer = open_viewer(qtbot, page, wrong)
    answer_removal(qtbot, viewer, QMessageBox.StandardButton.No)  # changed their mind: nothing happens
    wait_idle(qtbot, context)
    assert viewer.isVisible() and card.photo_count() == 2
    assert store_state(context, inspection_id)["evidence"] == [("photo", "4.2"), ("photo", "4.2")]

    answer_removal(qtbot, viewer, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: not shiboken6.isValid(viewer) or not viewer.isVisible(), timeout=10_000)  # it closes
    wait_saved(qtbot, context, page)
    assert [t.evidence_id for t in card.photos.thumbs] == [right_id]
    with context.store.session() as session:
        ids = [str(r.id) for r in session.exec(select(Evidence).where(Evidence.inspection_id == inspection_id))]
    assert ids == [right_id]
    assert not card.needs_photo()

    viewer = open_viewer(qtbot, page, card.photos.thumbs[0])  # the last photo of a failed key item
    answer_removal(qtbot, viewer, QMessageBox.StandardButton.Yes)
    wait_saved(qtbot, context, page)
    assert card.photo_count() == 0 and card.needs_photo()
    assert card.photo_button.property("needed") is True  # the "photo needed" look is back
    assert store_state(context, inspection_id)["evidence"] == []
    click(qtbot, page.finish_button)  # the photo is missing again before finalizing
    qtbot.waitUntil(lambda: bool(page.missing_model.rows), timeout=10_000)
    assert ("4.2", "photo") in [(r.item_id, r.reason) for r in page.missing_model.rows]
    assert page.finalize_dialog is None


def test_a_finalized_records_photos_offer_no_removal(qtbot, context, tmp_path):
    inspection_id = start_draft(context)
    with context.store.write() as session:
        answer_all(session, inspection_id, catalog.get(session, "catering"), fail=["5.2"])
    page = show_page(qtbot, context, inspection_id)
    page.attach_photos("5.2", [make_png(tmp_path / "floor.png")])
    wait_saved(qtbot, context, page)
    with context.store.write() as session:
        finalize_signed(session, inspection_id)
    page.open(inspection_id)
    qtbot.waitUntil(lambda: page.data.read_only, timeout=10_000)
    page.jump_to("5.2")
    viewer = open_viewer(qtbot, page, page.item_widgets["5.2"].photos.thumbs[0])
    assert not viewer.remove_button.isVisible()
    evidence_id = page.item_widgets["5.2"].photos.thumbs[0].evidence_id
    page.remove_photo(evidence_id)  # even if asked, a read-only page does nothing
    wait_idle(qtbot, context)
    assert [e for e in store_state(context, inspection_id)["evidence"] if e[0] == "photo"] == [("photo", "5.2")]
    viewer.close()


GENERAL_FAILS = ["1.1", "2.1", "2.2", "2.3", "4.3", "4.4", "5.1", "5.2"]  # pass rate 15/23 < 70 %: 不符合


def test_a_latent_hazard_ticked_on_the_draft_means_stop_operations(qtbot, context):
    inspection_id = start_draft(context)
    with context.store.write() as session:
        answer_all(session, inspection_id, catalog.get(session, "catering"), fail=GENERAL_FAILS)
    page = show_page(qtbot, context, inspection_id)
    box = page.hazard_box
    assert box.isVisible() and box.isEnabled() and not box.isChecked()
    assert "不符合" in page.result_badge.text() and "立即停止" not in page.result_badge.text()
    tick(qtbot, box)
    assert "立即停止食品生产经营活动" in page.result_badge.text()  # at once, before the store answers
    wait_saved(qtbot, context, page)
    with context.store.session() as session:
        assert inspections.get(session, inspection_id).hazard is True

    dialog = open_finalize(qtbot, context, page)
    assert dialog.findChild(QLabel, "finalHandling").text() == "立即停止食品生产经营活动"
    dialog.reject()

    page.open(inspection_id)  # it is restored with the draft
    qtbot.waitUntil(lambda: page.data is not None and page.data.hazard, timeout=10_000)
    wait_idle(qtbot, context)
    assert page.hazard_box.isChecked()
    qtbot.mouseClick(page.hazard_box, Qt.MouseButton.LeftButton, pos=QPoint(8, page.hazard_box.height() // 2))
    assert not page.hazard_box.isChecked()
    wait_saved(qtbot, context, page)
    assert "立即停止" not in page.result_badge.text()
    with context.store.session() as session:
        assert inspections.get(session, inspection_id).hazard is False


def test_a_finalized_record_shows_its_hazard_but_cannot_change_it(qtbot, context):
    inspection_id = start_draft(context)
    with context.store.write() as session:
        answer_all(session, inspection_id, catalog.get(session, "catering"), fail=GENERAL_FAILS)
        inspections.set_hazard(session, inspection_id, hazard=True)
        finalize_signed(session, inspection_id)
    page = show_page(qtbot, context, inspection_id)
    assert page.read_only and page.hazard_box.isVisible() and page.hazard_box.isChecked()
    assert not page.hazard_box.isEnabled()
    assert store_state(context, inspection_id)["handling"] == "stop"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_result_and_its_handling_read_in_the_catalogues_words(qtbot, qapp, context, language):
    """The badge, the finalize dialog and the finalized banner say what core/codes.py says, in either language."""
    from inspector_app.gui import translations
    keep: list = []
    translations.install(qapp, language, keep)
    try:
        spoken = "en" if language == "en" else "zh"
        inspection_id = start_draft(context)
        with context.store.write() as session:
            answer_all(session, inspection_id, catalog.get(session, "catering"), fail=["2.1"])
        page = show_page(qtbot, context, inspection_id, language=language)
        result, handling = codes.RESULTS["basically_compliant"].get(spoken), codes.HANDLINGS["rectify"].get(spoken)
        assert page.result_badge.text().endswith(f"◐ {result}") and page.result_badge.toolTip() == handling
        dialog = open_finalize(qtbot, context, page)
        assert dialog.result_label.text() == f"◐ {result}"
        assert dialog.findChild(QLabel, "finalHandling").text() == handling
        assert result == ("基本符合" if spoken == "zh" else "Basically compliant")
        dialog.done(0)
    finally:
        translations.install(qapp, "en", keep)


# Screenshots

@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_screenshots_of_the_inspection_page_and_the_finalize_dialog(qtbot, qapp, context, tmp_path, language):
    from inspector_app.gui import translations
    keep: list = []
    translations.install(qapp, language, keep)
    try:
        take_screenshots(qtbot, context, tmp_path, language)
    finally:
        translations.install(qapp, "en", keep)


def take_screenshots(qtbot, context, tmp_path, language):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    inspection_id = start_draft(context)
    with context.store.write() as session:
        checklist = catalog.get(session, "catering")
        answer_all(session, inspection_id, checklist, fail=["4.2", "5.2"], na=["2.2"])
        inspections.record_answer(session, inspection_id, item_id="4.2", answer="fail", note="两名厨师无健康证明")
        inspections.record_answer(session, inspection_id, item_id="5.2", answer="fail", note="后厨地面有积水")
        inspections.record_answer(session, inspection_id, item_id="4.4", answer="pass")
    page = show_page(qtbot, context, inspection_id, language=language)
    page.attach_photos("4.2", [make_png(tmp_path / "a.png"), make_png(tmp_path / "b.png", colour="#6b8e23")])
    wait_saved(qtbot, context, page)
    page.jump_to("4.2")
    page.item_widgets["4.3"].info_button.click()
    qtbot.waitUntil(lambda: all(not t.pixmap().isNull() for t in page.item_widgets["4.2"].photos.thumbs))
    qtbot.wait(50)
    assert page.grab().save(str(SCREENSHOTS / f"inspection_{language}.png"))
    page.resize(1216, 718)  # inside the main window: navigation on the left, menu and status bars
    qtbot.wait(50)
    assert page.grab().save(str(SCREENSHOTS / f"inspection_in_window_{language}.png"))

    school = add_school(context)
    school_page = show_page(qtbot, context, start_draft(context, form="school_canteen", establishment_id=school),
                            language=language)
    school_page.jump_to("10.1")
    click(qtbot, school_page.item_widgets["10.1"].buttons["contracted"])
    school_page.jump_to("10.8")
    type_text(QApplication.focusWidget(), "110")
    press(qtbot, Qt.Key.Key_Return)
    click(qtbot, school_page.finish_button)
    qtbot.waitUntil(school_page.missing_panel.isVisible, timeout=10_000)
    school_page.jump_to("10.7")
    qtbot.wait(50)
    assert school_page.grab().save(str(SCREENSHOTS / f"inspection_school_missing_{language}.png"))
    school_page.close()

    dialog = open_finalize(qtbot, context, page)
    sign_inspectors(qtbot, dialog)
    click(qtbot, dialog.signers[-1].button)
    sign(qtbot, dialog.signers[-1].pad, wiggle=1)
    tick(qtbot, dialog.confirm)
    qtbot.wait(50)
    assert dialog.grab().save(str(SCREENSHOTS / f"finalize_{language}.png"))
    click(qtbot, dialog.refuse_button)
    qtbot.wait(50)
    assert dialog.grab().save(str(SCREENSHOTS / f"finalize_refusal_{language}.png"))
    dialog.done(0)


# Every item kind

def kind_items():
    from inspector_app.core.checklists import Item
    text = {"zh": "测试项", "en": "Test item"}
    return {
        "number": Item(id="n", text=text, kind="number", unit="℃", range={"max": 8}),
        "choice": Item(id="c", text=text, kind="choice", fail_choices=["none"],
                       choices=[{"value": "cabinet", "label": {"zh": "专用柜", "en": "Cabinet"}},
                                {"value": "none", "label": {"zh": "无", "en": "None"}}]),
        "date": Item(id="d", text=text, kind="date"),
        "text": Item(id="t", text=text, kind="text"),
    }


@pytest.fixture
def host(qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget
    widget = QWidget()
    QVBoxLayout(widget)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def add_card(qtbot, host, kind):
    from inspector_app.gui.item_kinds import WIDGETS, widget_for
    card = widget_for(kind_items()[kind], "en")
    assert type(card) is WIDGETS[kind]
    changes, moves = [], []
    card.changed.connect(lambda item_id, state, now: changes.append((state, now)))
    card.move.connect(lambda item_id, step: moves.append(step))
    host.layout().addWidget(card)
    qtbot.waitUntil(card.isVisible)
    card.setFocus()
    return card, changes, moves


def test_a_number_item_fails_outside_its_range_and_is_kept_while_typing(qtbot, host):
    card, changes, moves = add_card(qtbot, host, "number")
    assert card.editor.hasFocus()
    QTest.keyClicks(card.editor, "12")
    assert changes[-1] == ({"answer": None, "value": 12, "note": None}, False), "typing is kept (saved after a pause)"
    QTest.keyClick(card.editor, Qt.Key.Key_Return)
    assert changes[-1][1] is True and moves == [1]
    assert card.outcome() == "fail" and card.note.isVisible() and "Non-compliant" in card.chip.text()
    card.editor.setFocus()
    card.editor.selectAll()
    QTest.keyClicks(card.editor, "abc")
    QTest.keyClick(card.editor, Qt.Key.Key_Return)
    assert card.problem.isVisible() and card.state()["value"] == 12
    QTest.keyClick(card.editor, Qt.Key.Key_Up)
    assert moves == [1, 1, -1]
    click(None, card.na_button)
    assert card.state()["answer"] == "na" and card.outcome() == "na"


def test_a_choice_item_answers_with_number_keys_and_colours_failing_choices(qtbot, host):
    card, changes, _ = add_card(qtbot, host, "choice")
    QTest.keyClick(card, Qt.Key.Key_2)
    assert card.state()["value"] == "none" and card.outcome() == "fail"
    assert "#c62828" in card.buttons["none"].styleSheet()
    click(None, card.buttons["cabinet"])
    assert card.outcome() == "pass" and "#2e7d32" in card.buttons["cabinet"].styleSheet()


def test_date_and_text_items_record_values_for_the_record(qtbot, host):
    from datetime import date
    card, changes, _ = add_card(qtbot, host, "date")
    click(None, card.today)
    assert card.state()["value"] == date.today().isoformat() and card.outcome() is None
    text_card, text_changes, moves = add_card(qtbot, host, "text")
    QTest.keyClicks(text_card.editor, "LOT-2026-11")
    QTest.keyClick(text_card.editor, Qt.Key.Key_Return)
    assert text_card.state()["value"] == "LOT-2026-11" and text_changes[-1][1] is True and moves == [1]


def test_read_only_items_ignore_clicks_keys_and_typing(qtbot, host):
    card, changes, _ = add_card(qtbot, host, "choice")
    card.set_state({"value": "cabinet"})
    card.set_read_only(True)
    QTest.keyClick(card, Qt.Key.Key_2)
    assert not card.buttons["none"].isEnabled() and card.state()["value"] == "cabinet" and changes == []
