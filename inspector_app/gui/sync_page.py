"""Sync (同步): what has not left the laptop, export to a USB drive, import what came back.

The summary says whether this laptop is enrolled, how many changes central has
not acknowledged yet, since when, and when it last acknowledged. The outbox
list groups the waiting changes and shows any change the district refused,
with its reason. Export writes one bundle to <drive>/FSI/outbox/ and says
"safe to remove" only after the core has read it back; import takes the
bundles in <drive>/FSI/inbox/<device id>/ (or chosen files) one by one and
shows what became of each. 立即同步 does both over the network with the
district's service (sync_now.py). Clerks and administrators also get the relay
(carry bundles between sticks without reading them) and, on the machine that
holds the central store, the conflicts to review.

All store and file work runs through the runner (see runner.py). The
summary and outbox are sync_status.py, the sentences sync_texts.py, the
relay relay_panel.py; this module puts them together and runs export,
import and enrolment.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from . import sync_ops
from .errors import message_for
from .relay_panel import RelayPanel
from .sync_now import SyncNowBar
from .sync_status import SyncSummary, outbox_model, sync_table
from .sync_texts import export_error_text, import_result_text, not_enrolled_text, status_colour, status_label
from .table_model import Column, ListTableModel
from .theme import AMBER, BLUE, GREEN, PRIMARY_BUTTON, RED

translate = QCoreApplication.translate

ADMIN_ROLES = ("clerk", "admin")
CHANGE_KINDS = {"sync", "establishments", "inspections", "orders", "settings"}
BANNER_LOOK = {"ok": ("✓", GREEN, "#e8f5e9"), "error": ("⚠", RED, "#ffebee"), "warn": ("ⓘ", AMBER, "#fff8e1"),
               "info": ("…", BLUE, "#e3f2fd")}


class SyncPage(QWidget):
    """The Sync screen; refreshes itself when the runner reports a change that sync cares about."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.status: dict | None = None
        self.message_text = ""  # the banner's words, as plain text
        self.drives: list[str] = []
        self._last_folder: str | None = None
        self._dirty = False
        self._build()
        context.runner.changed.connect(self._on_changed)
        self.refresh()
        context.runner.op(sync_ops.removable_drives, self).on_pool().success(self._set_drives).run()

    @property
    def staff(self) -> bool:
        return getattr(self.context.user, "role", None) in ADMIN_ROLES

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.summary = SyncSummary()
        self.enrol_button = self.summary.enrol_button
        self.enrol_button.clicked.connect(self.enrol)
        layout.addWidget(self.summary)
        self.sync_now = SyncNowBar(self.context, self)
        self.sync_now.running.connect(self._hold_buttons)
        self.sync_now.finished.connect(self._synced)
        layout.addWidget(self.sync_now)
        self.message = QLabel(objectName="syncMessage", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)
        self.tabs = QTabWidget(objectName="syncTabs")
        self.outbox_model = outbox_model(self)
        self.outbox_view = sync_table("outboxTable", self.outbox_model)
        self.tabs.addTab(self.outbox_view, self.tr("Outbox"))
        self.tabs.addTab(self._build_imports(), self.tr("Imported"))
        self.relay_tab = self.conflicts_tab = None
        if self.staff:
            self.relay_tab = RelayPanel(self)
            self.tabs.addTab(self.relay_tab, self.tr("Relay (clerk)"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._build_actions())

    def _build_imports(self) -> QWidget:
        self.import_model = ListTableModel([
            Column(translate("SyncPage", "File"), lambda r: r.get("name") or Path(r.get("file") or "").name),
            Column(translate("SyncPage", "Result"), lambda r: status_label(r.get("status")),
                   foreground=lambda r: status_colour(r.get("status"))),
            Column(translate("SyncPage", "What happened"), import_result_text, tooltip=import_result_text),
        ], self)
        self.import_view = sync_table("importTable", self.import_model)
        return self.import_view

    def _build_actions(self) -> QHBoxLayout:
        self.import_file_button = QPushButton(self.tr("Import a file…"), objectName="importFileButton")
        self.import_button = QPushButton(self.tr("Import from USB drive…"), objectName="importButton")
        self.export_button = QPushButton(self.tr("Export to USB drive…"), objectName="exportButton")
        for button in (self.import_file_button, self.import_button, self.export_button):
            button.setMinimumHeight(44)
        self.export_button.setMinimumWidth(200)
        self.export_button.setStyleSheet(PRIMARY_BUTTON)
        self.import_file_button.clicked.connect(self.import_file)
        self.import_button.clicked.connect(self.import_from_drive)
        self.export_button.clicked.connect(self.export)
        row = QHBoxLayout()
        row.addWidget(self.import_file_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        self.action_buttons = (self.import_file_button, self.import_button, self.export_button, self.enrol_button)
        return row

    def refresh(self) -> None:
        self._dirty = False
        self.context.runner.op(sync_ops.status, self).success(self._show_status).run()

    def _on_changed(self, kinds) -> None:
        if not kinds & CHANGE_KINDS:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _show_status(self, data: dict) -> None:
        self.status = data
        self.summary.show_status(data)
        self.sync_now.show_status(data)
        pending = data["pending"]
        self.outbox_model.set_rows(data["outbox"])
        refused = data.get("rejected", 0)
        self.tabs.setTabText(0, self.tr("Outbox ({0})").format(pending) if not refused
                             else self.tr("Outbox ({0}, {1} refused)").format(pending, refused))
        self._ensure_conflicts_tab(data.get("central_here", False))

    def _ensure_conflicts_tab(self, central_here: bool) -> None:
        if not (self.staff and central_here) or self.conflicts_tab is not None:
            return
        from .conflicts_view import ConflictsView
        self.conflicts_tab = ConflictsView(self.context, self)
        self.conflicts_tab.setObjectName("conflictsView")
        index = self.tabs.addTab(self.conflicts_tab, self.tr("Conflicts to review"))
        self.conflicts_tab.count_changed.connect(
            lambda n: self.tabs.setTabText(index, self.tr("Conflicts to review ({0})").format(n)))
        self.conflicts_tab.refresh()

    def _tab_changed(self, index: int) -> None:
        if self.conflicts_tab is not None and self.tabs.widget(index) is self.conflicts_tab:
            self.conflicts_tab.refresh()

    def _set_drives(self, drives: list[str]) -> None:
        self.drives = drives

    def _start_dir(self) -> str:
        if self._last_folder:
            return self._last_folder
        return self.drives[0] if self.drives else str(Path.home())

    def choose_folder(self, title: str) -> str | None:
        """Ask for a drive, starting at the last one used (remembered for the next question)."""
        folder = QFileDialog.getExistingDirectory(self, title, self._start_dir())
        if folder:
            self._last_folder = folder
        return folder or None

    def show_message(self, kind: str, text: str, headline: str | None = None) -> None:
        """The banner under the summary: icon + colour + words (never colour alone)."""
        icon, colour, background = BANNER_LOOK[kind]
        self.message.setProperty("kind", kind)
        self.message_text = " ".join(filter(None, [icon, headline, text]))
        self.message.setStyleSheet(f"QLabel#syncMessage {{ background: {background}; color: {colour};"
                                   f" border-left: 4px solid {colour}; padding: 8px 12px; }}")
        if headline:
            self.message.setText(f"<div style='font-size: large; font-weight: bold;'>{icon} "
                                 f"{escape(headline, quote=False)}</div><div>{escape(text, quote=False)}</div>")
        else:
            self.message.setText(f"<b>{icon} {escape(text, quote=False)}</b>")
        self.message.show()

    def _synced(self, kind: str, text: str) -> None:
        self.show_message(kind, text)
        if kind != "ok":  # a sync stopped part-way may have sent bundles (the last export); success refreshes anyway
            self.refresh()

    def _busy(self, busy: bool) -> None:
        self._hold_buttons(busy)
        self.sync_now.set_blocked(busy)

    def _hold_buttons(self, busy: bool) -> None:
        for button in self.action_buttons:
            button.setEnabled(not busy)

    def enrol(self) -> None:
        file, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the enrolment file from the district, or a "
                                                            "photo of its QR code"),
                                              self._start_dir(),
                                              self.tr("Enrolment files and QR photos (*.json *.txt *.png *.jpg "
                                                      "*.jpeg *.pdf);;All files (*)"))
        if not file:
            return
        self._busy(True)
        self.context.runner.op(lambda task: sync_ops.enrol(task, file), self).changes("sync") \
            .success(self._enrolled).failure(self._enrol_failed).run()

    def _enrolled(self, result: dict) -> None:
        self._busy(False)
        self.show_message("ok", self.tr("This laptop is now enrolled with {0} as {1}. You can export to a USB "
                                        "drive.").format(result["central"], result["device_name"]))

    def _enrol_failed(self, error: BaseException) -> None:
        self._busy(False)
        self.show_message("error", message_for(error))

    def export_labels(self) -> dict:
        return {"collect": self.tr("Collecting the changes not yet acknowledged…"),
                "blobs": self.tr("Adding photos…"), "encrypt": self.tr("Signing and encrypting…"),
                "write": self.tr("Writing to the USB drive…"),
                "copy": self.tr("Writing to the USB drive and reading it back…"),
                "record": self.tr("Checking the copy on the drive…"), "done": self.tr("Done")}

    def export(self) -> None:
        if self.status is not None and not self.status["enrolled"]:
            self.show_message("warn", not_enrolled_text())
            return
        folder = self.choose_folder(self.tr("Choose the USB drive to export to"))
        if not folder:
            return
        labels = self.export_labels()
        self._busy(True)
        self.show_message("info", self.tr("Exporting… Do not remove the drive."))
        self.context.runner.op(lambda task: sync_ops.export_to(task, folder, labels), self) \
            .with_progress(self.tr("Exporting to the USB drive…"), cancellable=True).changes("sync") \
            .success(self._exported).failure(self._export_failed).run()

    def _exported(self, result: dict) -> None:
        self._busy(False)
        if result.get("cancelled"):
            self.show_message("warn", self.tr("Export cancelled. Nothing was written to the drive; the changes stay "
                                              "on this laptop."))
            return
        text = self.tr("Wrote %n change(s) to {0} in {1}.", "", result["ops"]).format(result["name"], result["folder"])
        if result.get("more"):
            text += " " + self.tr("More changes are waiting: export again after the district's acknowledgement.")
        if result.get("missing_blobs"):
            text += " " + self.tr("%n photo(s) did not fit or are missing and will go with a later export.", "",
                                  len(result["missing_blobs"]))
        text += " " + self.tr("The changes stay on this laptop until the district acknowledges them.")
        self.show_message("ok", text, headline=self.tr("Safe to remove the drive."))

    def _export_failed(self, error: BaseException) -> None:
        self._busy(False)
        self.show_message("error", export_error_text(error))

    def import_labels(self) -> dict:
        return {"verify": self.tr("Checking signatures…"), "decrypt": self.tr("Decrypting…"),
                "apply": self.tr("Applying…"), "done": self.tr("Done"), "file": self.tr("{0} (file {1} of {2})")}

    def import_from_drive(self) -> None:
        if self.status is not None and not self.status["enrolled"]:
            self.show_message("warn", not_enrolled_text())
            return
        folder = self.choose_folder(self.tr("Choose the USB drive to import from"))
        if not folder:
            return
        self._busy(True)
        self.context.runner.op(lambda task: sync_ops.inbox_files(task, folder), self) \
            .success(self._found_inbox).failure(self.show_failure).run()

    def _found_inbox(self, found: dict) -> None:
        if not found["files"]:
            self._busy(False)
            self.show_message("warn", self.tr("No bundles for this laptop on the drive (looked in {0}). Ask the "
                                              "market supervision office (市场监管所) whether the district "
                                              "bureau's reply has arrived.")
                              .format(found["folder"]))
            return
        self.import_files(found["files"])

    def import_file(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose bundles from the district"), self._start_dir(),
                                                self.tr("Sync bundles (*.fsib)"))
        if files:
            self._last_folder = str(Path(files[0]).parent)
            self.import_files(files)

    def import_files(self, files: list[str]) -> None:
        labels = self.import_labels()
        files = list(files)
        self._busy(True)
        self.context.runner.op(lambda task: sync_ops.import_files(task, files, labels), self) \
            .with_progress(self.tr("Importing…"), cancellable=True) \
            .changes("sync", "establishments", "inspections", "orders") \
            .success(self._imported).failure(self.show_failure).run()

    def _imported(self, results: list[dict]) -> None:
        self._busy(False)
        self.import_model.set_rows(results)
        self.tabs.setCurrentIndex(self.tabs.indexOf(self.import_view))
        bad = [r for r in results if r["status"] in ("rejected", "error")]
        held = [r for r in results if r["status"] == "held"]
        applied = sum(r["status"] == "applied" for r in results)
        if bad:
            first = bad[0]
            text = self.tr("%n file(s) could not be imported.", "", len(bad)) + " " + \
                "{0}: {1}".format(first.get("name"), import_result_text(first))
            self.show_message("error", text)
        elif held:
            self.show_message("warn", self.tr("%n bundle(s) kept to apply later.", "", len(held)) + " " +
                              import_result_text(held[0]))
        elif applied:
            self.show_message("ok", self.tr("Imported %n bundle(s) from the district.", "", applied))
        else:
            self.show_message("ok", self.tr("Nothing new: these bundles were imported before."))

    def show_failure(self, error: BaseException) -> None:
        """A store or file operation failed: the buttons come back and the banner says why."""
        self._busy(False)
        self.show_message("error", message_for(error))
