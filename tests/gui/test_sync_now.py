"""立即同步 on the Sync page, against a real `inspector central serve` on loopback.

The district is tests/sync_world.py's central store, served by tests/web_server.py;
this GUI context's store is an enrolled laptop, and a second laptop of the same
township has registered a shop the district will send down. Only the wait for
the cancel click is arranged (the progress report blocks until 取消 is pressed).
"""

import socket
import sqlite3
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
import sync_world
from gui_helpers import wait_idle
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from web_server import free_port, running_server

from inspector_app.gui import sync_ops, translations
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings_dialog import SettingsDialog
from inspector_app.gui.sync_now import contact_text

SHOTS = Path(__file__).resolve().parent.parent / "screenshots"
SHOP = "赵家包子铺"


class District:
    """Central plus this context's store as laptop 李明; laptop 王芳 has registered SHOP up there."""

    def __init__(self, root: Path, context):
        self.world = sync_world.World(root)
        self.central = self.world.central
        self.laptop = sync_world.Laptop("李明", context.paths, context.store)
        self.world.enrol(self.laptop)
        other = self.world.laptop("王芳")
        other.add_establishment(name=SHOP)
        assert self.world.up(other)["status"] == "applied"

    @property
    def data_dir(self) -> Path:
        return self.world.root / "central"

    def received_from(self, device_id: str) -> int:
        """How many bundles of this laptop the district has applied."""
        with self.central.engine.connect() as c:
            return c.exec_driver_sql("SELECT count(*) FROM imported_bundle WHERE device_id = ? AND status = 'applied'",
                                   (device_id,)).scalar()


@pytest.fixture
def district(tmp_path, context):
    d = District(tmp_path / "world", context)
    yield d
    d.world.close()


@pytest.fixture
def server(district):
    with running_server(district.data_dir) as url:
        yield url


@pytest.fixture
def window(qtbot, context):
    """The main window at the small screen size (1024×600), on the Sync page; deleted on the GUI thread."""
    holder = []

    def make(url: str | None) -> MainWindow:
        if url is not None:
            context.save_settings({"sync_url": url})
        win = MainWindow(context)
        holder.append(win)
        win.resize(1024, 600)
        win.show()
        win.show_page("sync")
        wait_idle(qtbot, context)
        qtbot.waitUntil(lambda: win.sync.status is not None, timeout=5000)
        return win
    yield make
    wait_idle(qtbot, context)
    for win in holder:
        if shiboken6.isValid(win):
            win.close()
            shiboken6.delete(win)


def click(qtbot, button):
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def shops(context) -> list[str]:
    with sqlite3.connect(context.store.path) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM establishment ORDER BY name")]


def local_state(context) -> tuple:
    with sqlite3.connect(context.store.path) as conn:
        return (conn.execute("SELECT seq, state, reason FROM outbox ORDER BY seq").fetchall(),
                conn.execute("SELECT * FROM sync_state").fetchall(),
                conn.execute("SELECT * FROM sync_inbox").fetchall(),
                conn.execute("SELECT id, name FROM establishment ORDER BY id").fetchall())


def pending(context) -> int:
    with sqlite3.connect(context.store.path) as conn:
        return conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]


def inside(win, widget) -> bool:
    """The widget is shown and wholly within the window, which still fits a 1024×600 screen."""
    assert (win.width(), win.height()) == (1024, 600), [(type(page).__name__, page.minimumSizeHint())
                                                       for page in win.findChildren(QWidget)
                                                       if page.minimumSizeHint().width() > 500]
    top_left = widget.mapTo(win, QPoint(0, 0))
    return widget.isVisible() and win.rect().contains(QRect(top_left, widget.size()))


def hold_progress(monkeypatch, at: str = "download") -> tuple[threading.Event, list]:
    """The report of step `at` waits until the user cancels (or 10 s): the click lands mid-sync,
    for "download" after the upload was received by the district and before its reply is fetched."""
    reached, seen = threading.Event(), []
    real = sync_ops.NetProgress.__call__

    def held(self, done, total, step):
        seen.append(step)
        real(self, done, total, step)  # the bar shows this step
        if step == at and not reached.is_set():
            reached.set()
            assert self.task._cancel.wait(10), "the test did not cancel"
    monkeypatch.setattr(sync_ops.NetProgress, "__call__", held)
    return reached, seen


def test_sync_now_sends_and_fetches_and_shows_the_last_contact(qtbot, context, district, server, window):
    win = window(server)
    bar = win.sync.sync_now
    waiting = pending(context)
    assert waiting > 0 and SHOP not in shops(context)
    assert bar.contact_value.text() == "never" and bar.button.isEnabled() and not bar.progress.isVisible()
    assert inside(win, bar.button)

    click(qtbot, bar.button)
    assert not win.sync.export_button.isEnabled()  # one sync job at a time
    wait_idle(qtbot, context, timeout=30_000)
    assert win.sync.message.property("kind") == "ok", win.sync.message_text
    assert SHOP in shops(context)  # the other laptop's shop came down from the district
    assert pending(context) == 0 and district.received_from(district.laptop.device_id) >= 1
    assert "Sent 1 bundle(s), received" in win.sync.message_text
    assert "acknowledged every change" in win.sync.message_text
    qtbot.waitUntil(lambda: win.unsent.text().startswith("Everything synced"), timeout=5000)  # the status bar
    qtbot.waitUntil(lambda: bar.contact_value.text() != "never", timeout=5000)
    assert bar.contact_value.text() == contact_text(win.sync.status["last_contact"])
    shown = datetime.strptime(bar.contact_value.text(), "%Y-%m-%d %H:%M")  # this computer's clock, to the minute
    assert abs(datetime.now() - shown) < timedelta(minutes=2)
    assert win.sync.status["pending"] == 0 and "0 change(s)" in win.sync.summary.pending_value.text()
    assert bar.button.isEnabled() and win.sync.export_button.isEnabled() and not bar.progress.isVisible()

    click(qtbot, bar.button)  # nothing new on either side: nothing is sent again
    wait_idle(qtbot, context, timeout=30_000)
    assert "Sent 0 bundle(s), received 0." in win.sync.message_text
    assert district.received_from(district.laptop.device_id) == 1


def test_cancelling_loses_nothing_and_the_next_sync_completes(qtbot, context, district, server, window,
                                                              monkeypatch):
    win = window(server)
    bar = win.sync.sync_now
    before = local_state(context)
    reached, _seen = hold_progress(monkeypatch)
    click(qtbot, bar.button)
    qtbot.waitUntil(reached.is_set, timeout=20_000)
    assert inside(win, bar.progress) and inside(win, bar.cancel_button) and not bar.button.isEnabled()
    click(qtbot, bar.cancel_button)
    wait_idle(qtbot, context, timeout=30_000)
    assert "Sync cancelled" in win.sync.message_text and win.sync.message.property("kind") == "warn"
    assert bar.button.isEnabled() and not bar.progress.isVisible() and not bar.cancel_button.isVisible()
    assert win.sync.export_button.isEnabled()
    after = local_state(context)
    # nothing half-done: the laptop is as it was, or the district's reply is wholly applied
    assert after == before or SHOP in shops(context)
    assert {seq for seq, *_ in after[0]} == {seq for seq, *_ in before[0]}  # no change dropped
    assert district.received_from(district.laptop.device_id) == 1  # the upload had arrived before the cancel

    monkeypatch.undo()
    click(qtbot, bar.button)
    wait_idle(qtbot, context, timeout=30_000)
    assert win.sync.message.property("kind") == "ok", win.sync.message_text
    assert SHOP in shops(context) and pending(context) == 0
    assert shops(context).count(SHOP) == 1
    assert district.received_from(district.laptop.device_id) == 1  # acknowledged, not sent again
    assert "Sent 0 bundle(s), received 1." in win.sync.message_text


def test_server_down_says_so_by_its_code_and_changes_nothing(qtbot, context, district, window):
    win = window(f"http://127.0.0.1:{free_port()}")  # nothing listens there
    bar = win.sync.sync_now
    before = local_state(context)
    click(qtbot, bar.button)
    wait_idle(qtbot, context, timeout=60_000)
    assert win.sync.message.property("kind") == "error"
    said = win.sync.message_text  # http.unreachable's own words (core/messages/http.py), then the page's advice
    assert "cannot reach the district's server http://127.0.0.1:" in said
    assert "Nothing was lost. Check the network and the district's sync address in Settings" in said
    assert "Traceback" not in win.sync.message_text
    assert local_state(context) == before
    assert bar.contact_value.text() == "never" and bar.button.isEnabled()


@pytest.fixture
def silent_server():
    """A district that accepts the connection and never answers (a hung proxy, a half-dead link)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])  # read nothing, answer nothing
            except OSError:
                continue
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(5)
    for conn in held:
        conn.close()
    listener.close()


def test_cancel_answers_at_once_while_the_district_does_not(qtbot, context, district, silent_server, window):
    win = window(silent_server)
    bar = win.sync.sync_now
    before = local_state(context)
    click(qtbot, bar.button)
    qtbot.wait(1500)  # the first request is waiting for an answer that does not come (read timeout: minutes)
    assert bar.busy and bar.cancel_button.isVisible()
    started = time.monotonic()
    click(qtbot, bar.cancel_button)
    wait_idle(qtbot, context, timeout=10_000)
    took = time.monotonic() - started
    assert took < 3, took
    assert "Sync cancelled" in win.sync.message_text and bar.button.isEnabled()
    assert local_state(context) == before
    with context.store.session() as session:  # the store worker is free again for every other page
        assert session.connection().exec_driver_sql("SELECT count(*) FROM establishment").scalar() >= 1


def test_the_button_says_why_it_cannot_be_used_until_settings_give_the_address(qtbot, context, tmp_path, window):
    win = window(None)  # not enrolled, no address
    bar = win.sync.sync_now
    assert not bar.button.isEnabled() and "enrolled" in bar.note.text() and inside(win, bar.note)
    district = District(tmp_path / "world", context)  # now enrolled, still no address
    try:
        win.sync.refresh()
        wait_idle(qtbot, context)
        assert not bar.button.isEnabled() and "sync address in Settings" in bar.note.text()
        assert bar.button.toolTip() == bar.note.text()

        win.open_settings()  # 文件 → 设置
        dialog = win.findChild(SettingsDialog)
        field = dialog.findChild(QLineEdit, "setting_sync_url")
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.keyClicks(field, "10.1.2.3:8080")  # no scheme: refused with the rule, nothing saved
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, context)
        assert "must be an address starting with http:// or https://" in dialog.message.text()
        assert dialog.isVisible() and context.settings["sync_url"] == "" and not bar.button.isEnabled()
        field.setText("http://10.1.2.3:8080/")
        with qtbot.waitSignal(dialog.saved, timeout=5000):
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert context.settings["sync_url"] == "http://10.1.2.3:8080"
        qtbot.waitUntil(bar.button.isEnabled, timeout=5000)  # the page heard the settings change
        assert not bar.note.isVisible() and "http://10.1.2.3:8080" in bar.button.toolTip()
    finally:
        district.world.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_at_1024_by_600_the_button_and_progress_fit_in_both_languages(qtbot, qapp, context, district, server,
                                                                      window, monkeypatch, language):
    keep: list = []
    translations.install(qapp, language, keep)
    try:
        win = window(server)
        bar = win.sync.sync_now
        assert bar.button.text() == ("立即同步" if language == "zh_CN" else "Sync now")
        assert inside(win, bar.button) and inside(win, bar.contact_value)
        if language == "zh_CN":
            assert bar.contact_value.text() == "从未"
        reached, _seen = hold_progress(monkeypatch)
        click(qtbot, bar.button)
        qtbot.waitUntil(reached.is_set, timeout=20_000)
        fetching = "正在取回并应用区局的回复…" if language == "zh_CN" else "Fetching and applying the district's reply…"
        qtbot.waitUntil(lambda: bar.step.text() == fetching, timeout=5000)
        assert bar.progress.maximum() == sync_ops.SCALE and bar.progress.value() == sync_ops.SCALE * 2 // 3
        assert inside(win, bar.progress) and inside(win, bar.cancel_button) and inside(win, bar.step)
        assert bar.cancel_button.text() == ("取消" if language == "zh_CN" else "Cancel")
        SHOTS.mkdir(exist_ok=True)
        assert win.grab().save(str(SHOTS / f"sync_now_running_{language}.png"))
        click(qtbot, bar.cancel_button)
        wait_idle(qtbot, context, timeout=30_000)
        monkeypatch.undo()
        click(qtbot, bar.button)
        wait_idle(qtbot, context, timeout=30_000)
        qtbot.waitUntil(lambda: bar.contact_value.text() not in ("never", "从未"), timeout=5000)
        if language == "zh_CN":
            assert "年" in bar.contact_value.text()
            assert "已发送 0 个同步包，收到 1 个。区局已确认全部变更。" in win.sync.message_text  # sent before 取消
        assert inside(win, win.sync.message)
        qapp.processEvents()
        assert win.grab().save(str(SHOTS / f"sync_now_done_{language}.png"))
    finally:
        translations.install(qapp, "en", keep)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_errors_are_told_by_code_in_the_interface_language(qapp, language):
    from inspector_app.core.errors import InspectorError, SyncUnavailable
    from inspector_app.core.messages import render
    from inspector_app.gui.sync_now import sync_error_text
    from inspector_app.gui.sync_texts import not_enrolled_text
    keep: list = []
    translations.install(qapp, language, keep)
    try:
        lang = "zh" if language == "zh_CN" else "en"
        params = {"url": "http://10.1.2.3:8080", "detail": "Connection refused"}
        down = sync_error_text(SyncUnavailable("http.unreachable", **params))
        refused = sync_error_text(InspectorError("http.refused", status=403, server_code="http.device_revoked",
                                                 message="revoked"))
        assert down.startswith(render("http.unreachable", lang, params))
        assert refused.startswith(render("http.refused", lang, {"status": 403, "message": "revoked"}))
        assert sync_error_text(InspectorError("sync.not_enrolled")) == not_enrolled_text()
        if lang == "zh":
            assert down.endswith("没有丢失任何数据。请检查网络和“设置”中的区局同步服务网址，然后再同步。")
            assert refused.endswith("revoked。本机没有丢失任何数据：区局确认之前，本机会保留每一条变更。")
        else:
            assert down.endswith("Nothing was lost. Check the network and the district's sync address in Settings, "
                                 "then sync again.")
            assert "Settings" not in refused and refused.endswith("until the district acknowledges it.")
    finally:
        translations.install(qapp, "en", keep)
