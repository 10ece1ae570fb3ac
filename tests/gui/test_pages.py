"""The shell's pages, driven as a person would: typing, clicking, keys."""

import sqlite3

import pytest
from factories import make_establishment, make_inspection
from gui_helpers import PASSWORD, wait_idle
from PySide6.QtCore import Qt

from inspector_app.core import codes
from inspector_app.gui import translations
from inspector_app.gui.establishments_page import EstablishmentsPage
from inspector_app.gui.register_dialog import RegisterDialog
from inspector_app.gui.signin import SignInPage
from inspector_app.gui.table_model import PLACEHOLDER
from inspector_app.gui.today_page import TodayPage


def test_search_as_you_type_narrows_the_list_and_shows_details(qtbot, context):
    with context.store.write() as session:
        make_establishment(session, name="李记烧饼铺", category="stall", licence_no=None)
    page = EstablishmentsPage(context)
    qtbot.addWidget(page)
    wait_idle(qtbot, context)
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "ljsb")  # pinyin initials of 李记烧饼铺
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.table.selectRow(0)
    wait_idle(qtbot, context)
    assert "李记烧饼铺" in page.detail.toPlainText()
    assert page.start_button.isEnabled()
    with qtbot.waitSignal(page.start_inspection) as signal:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == page.selected_id()


def test_filters_combine_with_the_search(qtbot, context):
    with context.store.write() as session:
        make_establishment(session, name="渔阳超市", category="food_sales")
    page = EstablishmentsPage(context)
    qtbot.addWidget(page)
    wait_idle(qtbot, context)
    page.category.setCurrentIndex(page.category.findData("food_sales"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 0)) == "渔阳超市", timeout=5000)


def test_registering_shows_validation_next_to_the_field_then_saves(qtbot, context):
    page = EstablishmentsPage(context)
    qtbot.addWidget(page)
    wait_idle(qtbot, context)
    dialog = RegisterDialog(context, page._areas, page)
    qtbot.addWidget(dialog)
    dialog.fields["name"].setText("王二麻子面馆")
    dialog.fields["credit_code"].setText("92140702MA0K2AX62N")  # wrong check character
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    assert dialog.errors["credit_code"].isVisibleTo(dialog)
    assert "check character" in dialog.errors["credit_code"].text()
    before = sqlite3.connect(context.store.path).execute("SELECT count(*) FROM establishment").fetchone()[0]
    assert before == 1
    dialog.fields["credit_code"].setText("92140702MA0K2AX62M")
    with qtbot.waitSignal(dialog.registered):
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    assert sqlite3.connect(context.store.path).execute("SELECT count(*) FROM establishment").fetchone()[0] == 2


@pytest.mark.parametrize("category, paper, malformed, number, kind", [
    ("stall", "食品摊贩备案证明编号", "摊备12", "津蓟摊备〔2023〕0012号", "备案"),
    ("workshop", "食品小作坊登记证（许可）编号", "津#2024001", "津蓟小作坊20240031", "登记证"),
])
def test_a_stall_or_workshop_registers_with_its_paper(qtbot, qapp, context, category, paper, malformed, number,
                                                      kind):
    """Issue 12: the licence field takes a stall's 备案证明 and a workshop's 登记证 (docs/registration-papers.md)."""
    keep: list = []
    translations.install(qapp, "zh_CN", keep)
    try:
        page = EstablishmentsPage(context)
        qtbot.addWidget(page)
        wait_idle(qtbot, context)
        dialog = RegisterDialog(context, page._areas, page)
        qtbot.addWidget(dialog)
        assert dialog.licence_label.text() == "许可证号（JY/SC…）"
        box = dialog.fields["category"]
        box.setCurrentIndex(box.findData(category))
        assert dialog.licence_label.text() == paper
        dialog.fields["name"].setText("李记小吃")
        dialog.fields["licence_no"].setText(malformed)
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, context)
        assert dialog.errors["licence"].isVisibleTo(dialog)
        hint, sentence = dialog.errors["licence"].text().split("\n")
        assert hint == "请核对许可证、登记证或备案证明上印的编号。" and sentence.startswith(paper + " " + malformed)
        count = "SELECT count(*) FROM establishment"
        assert sqlite3.connect(context.store.path).execute(count).fetchone()[0] == 1
        dialog.fields["licence_no"].setText(number)
        dialog.fields["responsible_id_no"].setText("120101199003071234")  # check character 5 mistyped
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, context)
        assert dialog.errors["id_number"].isVisibleTo(dialog) and "校验码" in dialog.errors["id_number"].text()
        assert sqlite3.connect(context.store.path).execute(count).fetchone()[0] == 1
        dialog.fields["responsible_id_no"].setText("120101199003071235")
        with qtbot.waitSignal(dialog.registered):
            qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, context)
        row = sqlite3.connect(context.store.path).execute(
            "SELECT category, licence_no, licence_type, responsible_id_no FROM establishment WHERE name = '李记小吃'"
        ).fetchone()
        assert row == (category, number, kind, "120101199003071235")
    finally:
        translations.install(qapp, "en", keep)


def test_today_lists_due_inspections_orders_and_drafts(qtbot, context):
    with context.store.write() as session:  # 2.1 is rectified in 3 days: due within the week the page shows
        make_inspection(session, context.basics, fail=["2.1"], finalize=True)
        make_inspection(session, context.basics)  # a draft
        make_establishment(session, name="从未检查过的饭店")
    page = TodayPage(context)
    qtbot.addWidget(page)
    wait_idle(qtbot, context)
    assert page.drafts.model.rowCount() == 1
    assert page.orders.model.rowCount() == 1
    names = [page.due.model.row_data(i).name for i in range(page.due.model.rowCount())]
    assert "从未检查过的饭店" in names
    page.resize(1200, 800)
    page.show()
    view = page.drafts.view
    button = view.visualRect(page.drafts.model.index(0, page.drafts.model.columnCount() - 1)).center()
    with qtbot.waitSignal(page.open_inspection):  # the row's painted button
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=button)
    with qtbot.waitSignal(page.open_inspection):  # Enter on the row does the same
        view.setCurrentIndex(page.drafts.model.index(0, 0))
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Return)
    with qtbot.assertNotEmitted(page.open_inspection):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(
            page.drafts.model.index(0, 0)).center())  # a click elsewhere on the row only selects it


def test_sign_in_needs_the_right_password_and_remembers_who_signed_in(qtbot, context):
    context.user = None
    page = SignInPage(context)
    qtbot.addWidget(page)
    assert not page.sign_in.isEnabled()  # until the user list has arrived
    with qtbot.waitSignal(page.users_loaded):
        page.load_users()
    assert page.user_box.count() == 3 and page.sign_in.isEnabled()
    page.user_box.setCurrentIndex(2)
    chosen = page.user_box.currentData()
    page.password.setText("wrong")
    page.sign_in.click()
    wait_idle(qtbot, context)
    assert "Wrong password" in page.message.text() and context.user is None
    page.password.setText(PASSWORD)
    with qtbot.waitSignal(page.accepted):
        page.sign_in.click()
    assert context.user is not None and context.user.id == chosen
    again = SignInPage(context)  # the next start preselects the last user on this laptop
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.users_loaded):
        again.load_users()
    assert again.user_box.currentData() == chosen


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_establishments_list_says_categories_and_statuses_in_the_catalogues_words(qtbot, qapp, context, language):
    keep: list = []
    translations.install(qapp, language, keep)
    try:
        with context.store.write() as session:
            make_establishment(session, name="李记烧饼铺", category="stall", licence_no=None)
        page = EstablishmentsPage(context)
        qtbot.addWidget(page)
        wait_idle(qtbot, context)
        qtbot.waitUntil(lambda: page.model.rowCount() == 2 and all(
            page.model.data(page.model.index(row, 1)) != PLACEHOLDER for row in range(2)), timeout=5000)
        spoken = "en" if language == "en" else "zh"
        shown = {page.model.data(page.model.index(row, 0)): (page.model.data(page.model.index(row, 1)),
                                                             page.model.data(page.model.index(row, 6)))
                 for row in range(2)}
        open_status = codes.ESTABLISHMENT_STATUSES["open"].get(spoken)
        assert shown["李记烧饼铺"] == (codes.CATEGORIES["stall"].get(spoken), open_status)
        assert shown["张三餐馆"] == (codes.CATEGORIES["catering"].get(spoken), open_status)
        assert shown["李记烧饼铺"][0] == ("食品摊贩" if spoken == "zh" else "Food stall")
    finally:
        translations.install(qapp, "en", keep)
