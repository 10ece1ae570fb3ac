"""Notices from the desktop: preview inside the app, save as PDF, a second save is a copy (副本)."""

import sqlite3

import pypdfium2
from factories import make_inspection
from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.notice_dialog import NoticeDialog


def pdf_text(path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    return "".join(page.get_textpage().get_text_range() for page in document)


def test_preview_then_save_issues_the_notice_and_a_second_save_is_a_copy(qtbot, context, tmp_path):
    with context.store.write() as session:
        inspection = make_inspection(session, context.basics, fail=["3.2", "5.2"], finalize=True)
    dialog = NoticeDialog(context, inspection.id)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, context)
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert kinds == ["result", "record", "order"]
    qtbot.waitUntil(lambda: len(dialog.pages) >= 1, timeout=10_000)
    dialog.resize(1000, 740)
    qtbot.wait(100)
    dialog.grab().save(str(__import__("pathlib").Path(__file__).parent.parent / "screenshots" / "notice_dialog.png"))
    audit = lambda: sqlite3.connect(context.store.path).execute(  # noqa: E731
        "SELECT count(*) FROM audit_log WHERE action LIKE 'notice%'").fetchone()[0]
    before = audit()
    first = tmp_path / "result.pdf"
    dialog.save_notice(str(first))
    qtbot.waitUntil(lambda: first.exists() and "Saved" in dialog.status.text(), timeout=10_000)
    assert "张三餐馆" in pdf_text(first) and "副本" not in pdf_text(first)
    second = tmp_path / "again.pdf"
    dialog.save_notice(str(second))
    qtbot.waitUntil(lambda: second.exists() and "Saved" in dialog.status.text(), timeout=10_000)
    assert "副本" in pdf_text(second)
    assert audit() == before + 2  # every print is logged


def test_the_80mm_paper_previews_a_narrow_page(qtbot, context):
    with context.store.write() as session:
        inspection = make_inspection(session, context.basics, finalize=True)
    dialog = NoticeDialog(context, inspection.id)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, context)
    dialog.paper.setCurrentIndex(dialog.paper.findData("80mm"))
    qtbot.waitUntil(lambda: dialog.pages and abs(dialog.pages[0].width_pt - 80 / 25.4 * 72) < 2, timeout=10_000)


def test_a_finalized_inspection_offers_its_notices_in_the_window(qtbot, context):
    with context.store.write() as session:
        inspection = make_inspection(session, context.basics, finalize=True)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.open_inspection(inspection.id)
    wait_idle(qtbot, context)
    button = window.inspection.findChild(QPushButton, "printNoticesButton")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(NoticeDialog, "noticeDialog") is not None, timeout=5000)
    window.close()


def test_a_stop_with_a_sealing_list_offers_the_coercive_decision(qtbot, context):
    """行政强制法 Arts. 24–25: the decision and its 清单 print only where the bureau sealed or seized on a stop,
    for at most 30 days; places are sealed, never seized (core refuses, the dialog shows why)."""
    from PySide6.QtWidgets import QMessageBox

    from inspector_app.gui.sealing_dialog import SealingDialog
    with context.store.write() as session:
        inspection = make_inspection(session, context.basics, fail=["3.1", "4.2"], hazard=True, finalize=True)
        assert inspection.handling == "stop"
    dialog = NoticeDialog(context, inspection.id)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, context)
    assert "coercive" not in [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert dialog.seal_button.isVisible()
    qtbot.mouseClick(dialog.seal_button, Qt.MouseButton.LeftButton)
    sealing = dialog.findChild(SealingDialog, "sealingDialog")
    assert sealing is not None and sealing.days.maximum() == 30
    sealing.table.item(0, 1).setText("后厨操作间")
    sealing.table.cellWidget(0, 2).setCurrentIndex(1)  # seize a place: refused by core
    sealing.save()
    wait_idle(qtbot, context)
    box = sealing.findChild(QMessageBox, "errorBox")
    assert box is not None and ("扣押" in box.text() or "seized" in box.text())
    box.close()
    assert sealing.isVisible() and "coercive" not in [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    sealing.table.cellWidget(0, 2).setCurrentIndex(0)
    sealing.add_line({"kind": "goods", "name": "散装熟肉制品", "measure": "seize", "quantity": "12.5千克"})
    sealing.save()
    wait_idle(qtbot, context)
    qtbot.waitUntil(lambda: dialog.kind.currentData() == "coercive", timeout=10_000)
    qtbot.waitUntil(lambda: len(dialog.pages) == 2, timeout=20_000)  # the decision and its list
