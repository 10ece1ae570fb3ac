"""Settings: the data folder can be changed; the choice applies at the next start."""

import json

from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit

from inspector_app.core import paths
from inspector_app.gui import app as gui_app
from inspector_app.gui.settings_dialog import SettingsDialog


def test_a_chosen_data_folder_is_remembered_and_used_at_the_next_start(qtbot, context, tmp_path, monkeypatch,
                                                                       private_config):
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    target = tmp_path / "usb" / "inspector"
    target.mkdir(parents=True)
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kw: asked.append(args) or str(target)))
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.folder.text() == str(context.paths.data_dir)
    qtbot.mouseClick(dialog.choose_folder, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, context)
    assert asked and dialog.folder.text() == str(target)
    note = dialog.folder_note.text()
    assert dialog.folder_note.isVisible() and "next start" in note and "no data yet" in note
    assert "--data-dir" in note  # this test's context was given its folder explicitly
    assert not (private_config / paths.POINTER_FILE).exists()  # nothing is written before Save
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    pointer = json.loads((private_config / paths.POINTER_FILE).read_text(encoding="utf-8"))
    assert pointer == {"data_dir": str(target.resolve())}
    assert context.paths.data_dir != target.resolve()  # this start keeps its folder
    restarted = gui_app.build_context(None)  # the next start, without --data-dir or INSPECTOR_HOME
    assert restarted.paths.data_dir == target.resolve()
    assert (target / "logs").is_dir()


def test_a_folder_that_cannot_be_used_leaves_the_sign_in_page_with_a_way_out(qtbot, qapp, tmp_path, monkeypatch,
                                                                             private_config):
    from inspector_app.gui.errors import show_error
    from inspector_app.gui.main_window import MainWindow
    from inspector_app.gui.runner import Runner
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    context = gui_app.build_context(blocker / "inspector")  # no exception: the window still shows
    context.runner = Runner(context, show_error)
    try:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        failed = []
        context.runner.op(lambda task: gui_app.open_context_store(context), window) \
            .failure(lambda error: failed.append(error) or window.signin.store_failed(str(error))).run()
        window.signin.load_users()
        wait_idle(qtbot, context)
        page = window.signin
        assert failed and not page.sign_in.isEnabled() and page.folder_button.isVisible()
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(elsewhere)))
        qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, context)
        assert str(elsewhere) in page.message.text()
        assert json.loads((private_config / paths.POINTER_FILE).read_text(encoding="utf-8"))["data_dir"] == \
            str(elsewhere.resolve())
        window.close()
    finally:
        context.runner.shutdown()


def test_the_verification_address_is_the_districts_and_read_only(qtbot, context, tmp_path):
    from inspector_app.central import admin, district_settings
    from inspector_app.central.store import open_central
    from inspector_app.core.sync import canonical, enrolment
    from inspector_app.gui.settings_dialog import DISTRICT_OWNED

    context.save_settings({"verify_base_url": "https://old.example.gov.cn"})
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, context)
    field = dialog.findChild(QLineEdit, "setting_verify_base_url")
    assert field.isReadOnly() and field.text() == "https://old.example.gov.cn"
    assert "还没有收到" in dialog.district_note.text() or "has not received" in dialog.district_note.text()
    qtbot.keyClicks(field, "https://evil.example.com")
    assert field.text() == "https://old.example.gov.cn"  # typing changes nothing
    assert set(DISTRICT_OWNED).isdisjoint(dialog.values())  # Save never writes it

    admin.init_central(tmp_path / "district", name="蓟州区")
    central = open_central(tmp_path / "district")
    try:
        district_settings.change(central, verify_url="https://v.jizhou.gov.cn", court="天津市第一中级人民法院")
        doc = admin.issue_enrolment(central, device_name="gui", township="渔阳镇")
    finally:
        central.close()
    with context.store.write() as session:
        enrolment.enrol(session, context.paths.keys, canonical.dumps(doc))
    told = SettingsDialog(context)
    qtbot.addWidget(told)
    told.show()
    wait_idle(qtbot, context)
    field = told.findChild(QLineEdit, "setting_verify_base_url")
    assert field.isReadOnly() and field.text() == "https://v.jizhou.gov.cn"
    assert "区局设定" in told.district_note.text() or "district sets" in told.district_note.text()
    court = told.findChild(QLineEdit, "setting_court")  # the order's 复议/诉讼 notice names it: the district's too
    assert court.isReadOnly() and court.text() == "天津市第一中级人民法院"
    assert told.findChild(QLineEdit, "setting_review_body").isReadOnly()
    assert "还没有收到" not in told.district_note.text() and "has not received" not in told.district_note.text()
