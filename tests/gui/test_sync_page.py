"""The Sync page, driven as a person would: enrol, export to a "drive" folder, import what came back.

The central side is played by the core (as the district's machine would), with the
world builders of tests/sync_world.py (imported, not copied). File dialogs are
the only thing replaced: they return the tmp "drive" folder or files.
"""

import errno
import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
import shiboken6
import sync_world
from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton

from inspector_app.central import admin as central_admin
from inspector_app.central import exporter as central_export
from inspector_app.central import importer as central_import
from inspector_app.core import establishments, users
from inspector_app.core.errors import StateError
from inspector_app.core.messages import render
from inspector_app.core.sync import bundle, canonical, enrolment
from inspector_app.gui import establishment_ops, translations
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.sync_page import SyncPage
from inspector_app.gui.sync_texts import export_error_text, not_enrolled_text

SHOTS = Path(__file__).resolve().parent.parent / "screenshots"


class District:
    """Central (a copy of the session's template) plus this GUI context's store as an enrolled laptop."""

    def __init__(self, root: Path, context, *, enrol: bool = True):
        self.world = sync_world.World(root)
        self.central = self.world.central
        self.laptop = sync_world.Laptop("李明", context.paths, context.store)
        if enrol:
            self.world.enrol(self.laptop)

    @property
    def device_id(self) -> str:
        return self.laptop.device_id

    def enrolment_file(self, path: Path) -> Path:
        doc = central_admin.issue_enrolment(self.central, device_name="李明", township="渔阳镇")
        path.write_bytes(canonical.dumps(doc))
        return path

    def move_central_to(self, data_dir: Path) -> None:
        self.central.close()
        shutil.copy(self.world.root / "central" / "central.sqlite3", data_dir / "central.sqlite3")
        shutil.copytree(self.world.root / "central" / "central-keys", data_dir / "central-keys")
        self.central = self.world.central = sync_world.open_central(data_dir)

    def receive(self, drive: Path) -> list[dict]:
        """The district imports what the stick carries up, and writes the reply into FSI/inbox/<device>/."""
        results = [central_import.import_bundle(self.central, p) for p in bundles(drive / "FSI" / "outbox")]
        central_export.export_for_device(self.central, self.device_id, drive / "FSI" / "inbox" / self.device_id)
        return results


@pytest.fixture
def district(tmp_path, context):
    d = District(tmp_path / "world", context)
    yield d
    d.central.close()


@pytest.fixture
def drive(tmp_path):
    path = tmp_path / "drive"
    path.mkdir()
    return path


def choose_folder(monkeypatch, folder: Path):
    calls = []

    def fake(parent, caption="", directory="", *args, **kwargs):
        calls.append(caption)
        return str(folder)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(fake))
    return calls


def choose_files(monkeypatch, files: list[Path]):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(f) for f in files], "")))


@pytest.fixture
def show(qtbot, context):
    """Show a top-level widget; delete it on the GUI thread after the test.

    A worker may drop the last reference to an op's parent widget after the
    test returns; for a parentless widget that would destroy it on the worker
    thread. Holding the widgets here and deleting them first avoids that."""
    widgets = []

    def show(widget, size=(1366, 768)):
        widgets.append(widget)
        widget.resize(*size)
        widget.show()
        wait_idle(qtbot, context)
        return widget
    yield show
    wait_idle(qtbot, context)
    for widget in widgets:
        if shiboken6.isValid(widget):
            widget.close()
            shiboken6.delete(widget)


def make_page(show, context) -> SyncPage:
    return show(SyncPage(context), (1216, 700))


def make_window(show, context) -> MainWindow:
    window = show(MainWindow(context))
    window.show_page("sync")
    return window


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def bundles(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.fsib")) if folder.exists() else []


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def local_state(context) -> tuple:
    with sqlite3.connect(context.store.path) as conn:
        return (conn.execute("SELECT seq, state, reason FROM outbox ORDER BY seq").fetchall(),
                conn.execute("SELECT * FROM sync_state").fetchall(),
                conn.execute("SELECT * FROM sync_inbox").fetchall(),
                conn.execute("SELECT count(*) FROM establishment").fetchall())


def pending(context) -> int:
    with sqlite3.connect(context.store.path) as conn:
        return conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]


def test_the_page_shows_what_has_not_been_sent_and_updates_after_a_change(qtbot, show, context):
    page = make_page(show, context)
    before = page.status["pending"]
    assert before == pending(context) > 0  # the seeded users and restaurant
    assert str(before) in page.summary.pending_value.text()
    assert page.summary.oldest_value.text() != "—"
    assert page.summary.last_ack_value.text() == "never"
    fields = {"name": "王记早点", "category": "stall", "township": "渔阳镇"}
    context.runner.op(lambda task: establishment_ops.register(task, fields), page).changes("establishments").run()
    wait_idle(qtbot, context)
    qtbot.waitUntil(lambda: page.status["pending"] == before + 1, timeout=5000)
    assert str(before + 1) in page.summary.pending_value.text()
    groups = {page.outbox_model.row_data(i)["group"]: page.outbox_model.row_data(i)
              for i in range(page.outbox_model.rowCount())}
    assert groups["establishment"]["records"] == 2 and groups["establishment"]["state"] == "pending"
    assert page.outbox_model.data(page.outbox_model.index(0, 0)) in ("Establishments", "Inspector accounts")


def test_not_enrolled_export_explains_enrolment_then_the_enrol_button_enrols(qtbot, show, context, tmp_path,
                                                                              monkeypatch):
    district = District(tmp_path / "world", context, enrol=False)
    try:
        page = make_page(show, context)
        assert not page.status["enrolled"]
        assert page.summary.enrol_note.isVisible() and page.enrol_button.isVisible()
        asked = choose_folder(monkeypatch, tmp_path / "drive")
        click(qtbot, page.export_button)
        assert asked == []  # no drive is asked for: export is impossible until enrolled
        assert page.message.isVisible() and "not enrolled" in page.message_text
        assert "Enrol this laptop" in page.message_text
        file = district.enrolment_file(tmp_path / "enrol.json")
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(file), "")))
        click(qtbot, page.enrol_button)
        wait_idle(qtbot, context)
        qtbot.waitUntil(lambda: page.status["enrolled"], timeout=5000)
        assert "now enrolled" in page.message_text
        assert not page.enrol_button.isVisible() and not page.summary.enrol_note.isVisible()
        assert "李明" in page.summary.enrolled_value.text()
    finally:
        district.central.close()


def test_export_to_a_drive_then_import_the_reply_acknowledges_everything(qtbot, show, context, district, drive,
                                                                         monkeypatch):
    window = make_window(show, context)
    wait_idle(qtbot, context)
    page = window.sync
    waiting = pending(context)
    assert page.status["enrolled"] and page.status["pending"] == waiting
    assert window.unsent.text() == f"{waiting} record(s) not yet sent"

    choose_folder(monkeypatch, drive)
    click(qtbot, page.export_button)
    wait_idle(qtbot, context)
    written = bundles(drive / "FSI" / "outbox")
    assert len(written) == 1 and leftovers(drive) == written
    assert "Safe to remove the drive" in page.message_text and written[0].name in page.message_text
    assert f"Wrote {waiting} change(s)" in page.message_text
    assert pending(context) == waiting and page.status["pending"] == waiting  # export never changes the outbox
    assert page.export_button.isEnabled()

    receipts = district.receive(drive)
    assert [r["status"] for r in receipts] == ["applied"]
    assert len(bundles(drive / "FSI" / "inbox" / district.device_id)) == 1

    click(qtbot, page.import_button)  # the same drive: it looks in FSI/inbox/<this device>/
    wait_idle(qtbot, context)
    assert page.import_model.rowCount() == 1
    assert page.import_model.row_data(0)["status"] == "applied"
    assert "Applied" in page.import_model.data(page.import_model.index(0, 1))
    assert page.tabs.currentWidget() is page.import_view
    qtbot.waitUntil(lambda: page.status["pending"] == 0, timeout=5000)
    assert pending(context) == 0
    assert "0 change(s)" in page.summary.pending_value.text()
    today = page.status["last_ack"]
    assert today and page.summary.last_ack_value.text() == today
    assert "Imported 1 bundle(s)" in page.message_text
    qtbot.waitUntil(lambda: "last acknowledged" in window.unsent.text(), timeout=5000)
    assert window.unsent.text() == f"Everything synced · last acknowledged {today[5:]}"

    click(qtbot, page.import_button)  # the stick still holds the reply: importing again changes nothing
    wait_idle(qtbot, context)
    assert page.import_model.row_data(0)["status"] == "duplicate"
    assert "nothing changed" in page.import_model.data(page.import_model.index(0, 2))


def test_a_tampered_bundle_is_refused_with_a_reason_and_nothing_changes(qtbot, show, context, district, drive,
                                                                        tmp_path, monkeypatch):
    from sync.forge import members, rewrap  # tests/sync/forge.py: how an attacker or a bad stick damages bundles
    district.laptop.export(drive / "FSI" / "outbox")
    district.receive(drive)
    reply = bundles(drive / "FSI" / "inbox")[0]
    raw = members(reply)["header.json"]
    at = raw.index(b'"usn_to"') + 9
    tampered = rewrap(reply, tmp_path / reply.name, raw_header=raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1:])
    page = make_page(show, context)
    before = local_state(context)
    choose_files(monkeypatch, [tampered])
    click(qtbot, page.import_file_button)
    wait_idle(qtbot, context)
    result = page.import_model.row_data(0)
    assert result["status"] == "rejected" and result["reason"] == "signature"
    assert "Refused" in page.import_model.data(page.import_model.index(0, 1))
    detail = page.import_model.data(page.import_model.index(0, 2))
    assert "signature does not verify" in detail and "Nothing was changed" in detail
    assert page.message.property("kind") == "error" and "could not be imported" in page.message_text
    assert local_state(context) == before
    assert (context.paths.data_dir / "sync" / "rejected" / tampered.name).exists()
    assert page.status["pending"] == pending(context) > 0


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_refusal_reads_in_the_catalogues_words_of_the_interface_language(qtbot, show, qapp, context, district,
                                                                           drive, tmp_path, monkeypatch, language):
    from sync.forge import members, rewrap
    keep: list = []
    translations.install(qapp, language, keep)
    try:
        district.laptop.export(drive / "FSI" / "outbox")
        district.receive(drive)
        reply = bundles(drive / "FSI" / "inbox")[0]
        raw = members(reply)["header.json"]
        at = raw.index(b'"usn_to"') + 9
        tampered = rewrap(reply, tmp_path / reply.name, raw_header=raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1:])
        page = make_page(show, context)
        choose_files(monkeypatch, [tampered])
        click(qtbot, page.import_file_button)
        wait_idle(qtbot, context)
        detail = page.import_model.data(page.import_model.index(0, 2))
        reason = render("bundle.signature", "en" if language == "en" else "zh", {})
        assert detail.startswith(reason) and reason in page.message_text
        assert ("签名验证失败" in reason) == (language == "zh_CN")
    finally:
        translations.install(qapp, "en", keep)


def test_with_the_chinese_interface_a_core_error_reads_in_chinese(qtbot, show, qapp, context, tmp_path,
                                                                  monkeypatch):
    """Not enrolled: core's own message on import, the page's enrolment advice on export; both in Chinese."""
    keep: list = []
    translations.install(qapp, "zh_CN", keep)
    try:
        page = make_page(show, context)
        assert not page.status["enrolled"]
        bundle_file = tmp_path / "reply.fsib"
        bundle_file.write_bytes(b"not read: the laptop is not enrolled")
        choose_files(monkeypatch, [bundle_file])
        click(qtbot, page.import_file_button)
        wait_idle(qtbot, context)
        assert page.import_model.row_data(0)["reason"] == "sync.not_enrolled"
        said = render("sync.not_enrolled", "zh", {})
        assert said.startswith("本机尚未在区局注册")
        assert page.import_model.data(page.import_model.index(0, 2)) == said and said in page.message_text
        with context.store.session() as session, pytest.raises(StateError) as raised:
            enrolment.require(session, context.paths.keys)
        advice = export_error_text(raised.value)
        assert advice == not_enrolled_text() and advice.startswith("本机尚未在区局注册，无法导出或导入")
    finally:
        translations.install(qapp, "en", keep)
    assert export_error_text(raised.value).startswith("This laptop is not enrolled with the district yet")


def test_cancelling_an_export_leaves_no_file_on_the_drive(qtbot, show, context, district, drive, monkeypatch):
    real_deliver = bundle.deliver
    started = threading.Event()

    def slow_deliver(local, out_dir, trust, *, cancel=None, progress=None):
        started.set()
        assert cancel.wait(10), "the test did not cancel"
        return real_deliver(local, out_dir, trust, cancel=cancel, progress=progress)
    monkeypatch.setattr(bundle, "deliver", slow_deliver)
    page = make_page(show, context)
    before = local_state(context)
    choose_folder(monkeypatch, drive)
    click(qtbot, page.export_button)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    assert not page.export_button.isEnabled()  # no second export while one runs
    dialog = page.findChild(QProgressDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)  # appears after ~0.6 s
    click(qtbot, dialog.findChild(QPushButton))
    wait_idle(qtbot, context)
    assert leftovers(drive) == []
    assert "Export cancelled" in page.message_text and "Nothing was written" in page.message_text
    assert local_state(context)[:2] == before[:2]
    assert page.export_button.isEnabled()


def test_a_full_drive_says_what_to_do_and_that_the_laptop_is_unchanged(qtbot, show, context, district, drive,
                                                                       monkeypatch):
    class FullDrive:
        """bundle.py's view of `os`: the rename onto the stick fails as on a full FAT stick."""

        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def replace(src, dst):
            raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(bundle, "os", FullDrive())
    page = make_page(show, context)
    before = local_state(context)
    choose_folder(monkeypatch, drive)
    click(qtbot, page.export_button)
    wait_idle(qtbot, context)
    text = page.message_text
    assert page.message.property("kind") == "error"
    assert "The USB drive is full" in text and "delete old files" in text and "unchanged" in text
    assert leftovers(drive) == []  # the .partial is removed
    assert local_state(context)[:2] == before[:2]


def test_clerk_relays_bundles_and_resolves_a_conflict(qtbot, show, context, district, tmp_path, monkeypatch):
    district.move_central_to(context.paths.data_dir)  # the district's machine: its data folder holds central
    # a laptop's changes and the district's reply are on a clerk's stick
    stick, back = tmp_path / "stick", tmp_path / "back"
    eid = str(context.basics.restaurant_id)
    district.laptop.export(stick / "FSI" / "outbox")
    district.receive(stick)
    district.laptop.import_(bundles(stick / "FSI" / "inbox")[0])
    # both sides change the legal representative (authoritative): a hard conflict
    with context.store.write() as session:
        establishments.update(session, eid, legal_rep="李四")
    record_id = _central_record_id(district.central, "establishment")
    central_admin.edit_record(district.central, "establishment", record_id, {"legal_rep": "张三"}, by="admin")
    made = district.laptop.export(back / "FSI" / "outbox")
    assert central_import.import_bundle(district.central, made["bundle"])["status"] == "applied"

    with context.store.session() as session:
        context.user = users.get(session, context.basics.clerk_id)
        session.expunge(context.user)
    page = make_page(show, context)
    relay = page.relay_tab
    assert relay is not None
    # relay: collect the stick (one bundle up, one down), then deliver the reply to another stick
    choose_folder(monkeypatch, stick)
    click(qtbot, relay.collect_button)
    wait_idle(qtbot, context)
    rows = [relay.relay_model.row_data(i) for i in range(relay.relay_model.rowCount())]
    assert sorted((r["status"], r["kind"]) for r in rows) == [("intact", "snapshot"), ("intact", "up")]
    assert "2 intact" in page.message_text
    assert any(relay.relay_model.data(relay.relay_model.index(i, 2)) == "李明" for i in range(len(rows)))
    choose_folder(monkeypatch, back)
    click(qtbot, relay.deliver_button)
    wait_idle(qtbot, context)
    assert len(bundles(back / "FSI" / "inbox" / district.device_id)) == 1
    assert "Put 1 bundle(s) on the drive" in page.message_text
    # conflicts to review
    view = page.conflicts_tab
    assert view is not None
    page.tabs.setCurrentWidget(view)
    wait_idle(qtbot, context)
    hard = [i for i in range(view.model.rowCount()) if view.model.row_data(i)["kind"] == "hard"]
    assert hard, [view.model.row_data(i) for i in range(view.model.rowCount())]
    row = view.model.row_data(hard[0])
    assert row["fields"] == ["legal_rep"]
    values = view.model.data(view.model.index(hard[0], 4))
    assert "李四" in values and "张三" in values
    open_before = view.model.rowCount()
    view.table.selectRow(hard[0])
    qtbot.keyClicks(view.note, "phoned the operator")
    click(qtbot, view.resolve_button)
    wait_idle(qtbot, context)
    qtbot.waitUntil(lambda: view.model.rowCount() == open_before - 1, timeout=5000)
    assert "resolved by 赵静" in view.message.text()


def _central_record_id(central, entity: str) -> str:
    from sqlalchemy import select

    from inspector_app.central import models as m
    with central.engine.connect() as c:
        ids = c.execute(select(m.record.c.id).where(m.record.c.entity == entity)).scalars().all()
    assert len(ids) == 1, ids
    return ids[0]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_screenshots_of_the_sync_page(qtbot, show, qapp, context, district, drive, language, monkeypatch):
    keep: list = []
    translations.install(qapp, language, keep)
    try:
        district.laptop.export(drive / "FSI" / "outbox")
        district.receive(drive)
        district.laptop.import_(bundles(drive / "FSI" / "inbox")[0])
        with context.store.write() as session:  # new work since the last acknowledgement
            establishments.add(session, name="王记早点", category="stall", township="渔阳镇")
        window = make_window(show, context)
        wait_idle(qtbot, context)
        choose_folder(monkeypatch, drive)
        click(qtbot, window.sync.export_button)
        wait_idle(qtbot, context)
        qapp.processEvents()
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / f"sync_{language}.png"))
        assert window.sync.message.property("kind") == "ok"
    finally:
        translations.install(qapp, "en", keep)
