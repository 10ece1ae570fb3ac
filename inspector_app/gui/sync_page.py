"""Sync (同步): what has not left the laptop, export to a USB drive, import what came back.

The summary says whether this laptop is enrolled, how many changes central has
not acknowledged yet, since when, and when it last acknowledged. The outbox
list groups the waiting changes and shows any change the district refused,
with its reason. Export writes one bundle to <drive>/FSI/outbox/ and says
"safe to remove" only after the core has read it back; import takes the
bundles in <drive>/FSI/inbox/<device id>/ (or chosen files) one by one and
shows what became of each. Clerks and administrators also get the relay
(carry bundles between sticks without reading them) and, on the machine that
holds the central store, the conflicts to review.

All store and file work runs through the runner (see runner.py); this module
only builds widgets and turns plain results into sentences.
"""

from __future__ import annotations

import errno
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import BundleError, InspectorError, StateError
from . import sync_ops
from .errors import message_for
from .table_model import Column, ListTableModel
from .theme import AMBER, BLUE, GREEN, GREY, RED

translate = QCoreApplication.translate

ADMIN_ROLES = ("clerk", "admin")
CHANGE_KINDS = {"sync", "establishments", "inspections", "orders"}
BANNER_LOOK = {"ok": ("✓", GREEN, "#e8f5e9"), "error": ("⚠", RED, "#ffebee"), "warn": ("ⓘ", AMBER, "#fff8e1"),
               "info": ("…", BLUE, "#e3f2fd")}


# --- words for codes ------------------------------------------------------------------------------

def day_text(iso: str | None) -> str:
    """A date as people read it (ISO in English; the Chinese catalogue gives 2026年11月28日)."""
    if not iso:
        return "—"
    day = QDate.fromString(iso[:10], Qt.DateFormat.ISODate)
    return day.toString(translate("SyncPage", "yyyy-MM-dd", "date format for QDate::toString")) if day.isValid() \
        else iso


def group_label(group: str) -> str:
    labels = {"establishment": translate("SyncPage", "Establishments"),
              "inspection": translate("SyncPage", "Inspections (answers, photos, signatures)"),
              "rectification_order": translate("SyncPage", "Rectification orders"),
              "user": translate("SyncPage", "Inspector accounts")}
    return labels.get(group, group)


def reason_text(reason: str | None, message: str | None = None) -> str:
    """Why a bundle was refused or held, in words (the core's reason codes, sync/errors.py)."""
    labels = {
        "empty": translate("SyncPage", "The file is empty."),
        "too_large": translate("SyncPage", "The file is larger than a bundle may be."),
        "malformed": translate("SyncPage", "The file is not a sync bundle, or it is damaged."),
        "truncated": translate("SyncPage", "The file is cut short: the drive was pulled out or the copy failed. "
                                           "Ask for the bundle to be copied again."),
        "unsafe_zip": translate("SyncPage", "The file contains an unsafe entry and was refused."),
        "zip_bomb": translate("SyncPage", "The file would expand beyond the limits and was refused."),
        "format_newer": translate("SyncPage", "The bundle was made by a newer version of this program: update "
                                              "the app. The file is kept and will be read after the update."),
        "signature": translate("SyncPage", "A signature does not verify: the file was changed or damaged on the "
                                           "way. Ask the district to send it again."),
        "payload_hash": translate("SyncPage", "The contents do not match their signature: the file was changed "
                                              "or damaged. Ask the district to send it again."),
        "manifest": translate("SyncPage", "A file inside the bundle does not match its signed list."),
        "decrypt": translate("SyncPage", "The bundle cannot be opened with this laptop's keys."),
        "untrusted_sender": translate("SyncPage", "The sender is not enrolled with this district."),
        "unknown_device": translate("SyncPage", "The laptop is not known to the district."),
        "revoked": translate("SyncPage", "The laptop was revoked by the district."),
        "wrong_recipient": translate("SyncPage", "The bundle is for another laptop: give it to the right one."),
        "wrong_kind": translate("SyncPage", "This is not a bundle from the district for a laptop (it may be an "
                                            "export from a laptop)."),
        "device_mismatch": translate("SyncPage", "A change names another laptop than the one that signed it."),
        "op_mismatch": translate("SyncPage", "A change differs from the one already received under the same "
                                             "number."),
        "replay": translate("SyncPage", "The bundle is older than what this laptop already has."),
        "epoch": translate("SyncPage", "The bundle belongs to an older state of the district's data."),
        "ack_forgery": translate("SyncPage", "The acknowledgement in the bundle is impossible for this laptop."),
        "key_mismatch": translate("SyncPage", "The laptop signed with a key other than its registered one."),
        "key_retired": translate("SyncPage", "The laptop signed with a key it had replaced: a copy of its old "
                                             "keys may be in use elsewhere."),
        "grant_used": translate("SyncPage", "The enrolment file was already used by another laptop."),
        "invalid_op": translate("SyncPage", "A change in the bundle is malformed."),
        "gap": translate("SyncPage", "An earlier bundle from the district is missing; this one is kept and applied "
                                     "once the missing one arrives."),
    }
    return labels.get(reason or "", message or reason or "")


def not_enrolled_text() -> str:
    return translate("SyncPage", "This laptop is not enrolled with the district yet, so it cannot export or "
                                 "import. Ask the district for an enrolment file, then click “Enrol this "
                                 "laptop…”.")


def export_error_text(error: BaseException) -> str:
    """A sentence that says what happened and what to do; always that the laptop's data is unchanged."""
    unchanged = translate("SyncPage", "The data on this laptop is unchanged: every change stays until the "
                                      "district acknowledges it.")
    cause = error if isinstance(error, OSError) else error.__context__
    if isinstance(error, StateError) and "enrol" in error.message:
        return not_enrolled_text()
    if isinstance(cause, OSError):
        code = cause.errno
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            text = translate("SyncPage", "The USB drive is full: delete old files from it (or use another "
                                         "drive) and export again.")
        elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
            text = translate("SyncPage", "The USB drive is read-only or write-protected: check its lock switch "
                                         "or use another drive, then export again.")
        elif code in (errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO):
            text = translate("SyncPage", "The USB drive was removed or cannot be written: plug it in again and "
                                         "export again.")
        else:
            text = translate("SyncPage", "Writing to the USB drive failed ({0}): check the drive and export "
                                         "again.").format(cause.strerror or cause)
        return f"{text} {unchanged}"
    if isinstance(error, BundleError) and "read back" in error.message:
        return translate("SyncPage", "The copy on the USB drive did not read back intact: use another drive and "
                                     "export again.") + " " + unchanged
    if isinstance(error, InspectorError):
        return f"{error.message} {unchanged}"
    return message_for(error)


def import_result_text(result: dict) -> str:
    status = result.get("status")
    if status == "applied":
        rows = result.get("rows") if isinstance(result.get("rows"), dict) else {}
        rows = rows.get("applied", 0) if isinstance(rows.get("applied", 0), int) else 0
        text = translate("SyncPage", "The district acknowledged changes up to no. {0}; {1} register row(s) "
                                     "updated.").format(result.get("acked_through_seq", 0), rows)
        if result.get("rejected"):
            text += " " + translate("SyncPage", "%n change(s) refused: see the outbox.", "", result["rejected"])
        if result.get("conflicts"):
            text += " " + translate("SyncPage", "%n change(s) need review at the district.", "",
                                    result["conflicts"])
        return text
    if status == "duplicate":
        return translate("SyncPage", "Imported before; nothing changed.")
    if status == "held":
        return reason_text(result.get("reason"), result.get("message"))
    if status == "cancelled":
        return translate("SyncPage", "Cancelled before this file; nothing changed.")
    text = reason_text(result.get("reason"), result.get("message"))
    if status == "rejected":
        text += " " + translate("SyncPage", "Nothing was changed on this laptop; the file is kept in sync/rejected.")
    return text


def status_label(status: str | None) -> str:
    labels = {"applied": translate("SyncPage", "✓ Applied"), "duplicate": translate("SyncPage", "= Already imported"),
              "held": translate("SyncPage", "⏸ Held"), "rejected": translate("SyncPage", "✗ Refused"),
              "error": translate("SyncPage", "✗ Not imported"), "cancelled": translate("SyncPage", "– Cancelled"),
              "intact": translate("SyncPage", "✓ Intact"), "damaged": translate("SyncPage", "✗ Damaged"),
              "delivered": translate("SyncPage", "→ Put on the drive")}
    return labels.get(status or "", status or "")


STATUS_COLOURS = {"applied": GREEN, "intact": GREEN, "delivered": GREEN, "duplicate": GREY, "held": AMBER,
                  "rejected": RED, "error": RED, "damaged": RED, "cancelled": GREY}


def _colour(status):
    return QColor(STATUS_COLOURS.get(status, GREY))


def _table(name: str, model) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(30)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class SyncPage(QWidget):
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

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_summary())
        self.message = QLabel(objectName="syncMessage", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)
        self.tabs = QTabWidget(objectName="syncTabs")
        self.tabs.addTab(self._build_outbox(), self.tr("Outbox"))
        self.tabs.addTab(self._build_imports(), self.tr("Imported"))
        self.relay_tab = self.conflicts_tab = None
        if self.staff:
            self.relay_tab = self._build_relay()
            self.tabs.addTab(self.relay_tab, self.tr("Relay (clerk)"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._build_actions())

    def _build_summary(self) -> QGroupBox:
        box = QGroupBox(self.tr("This laptop"), objectName="syncSummary")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(16)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.device_value = QLabel(objectName="deviceValue")
        self.device_value.setFont(mono)
        self.device_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enrolled_value = QLabel(objectName="enrolledValue", wordWrap=True)
        self.pending_value = QLabel(objectName="pendingValue")
        big = self.pending_value.font()
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.pending_value.setFont(big)
        self.oldest_value = QLabel(objectName="oldestValue")
        self.last_ack_value = QLabel(objectName="lastAckValue")
        self.held_value = QLabel(objectName="heldValue")
        self.alarms_value = QLabel(objectName="alarmsValue")
        self.last_export_value = QLabel(objectName="lastExportValue")
        rows = [(self.tr("Not yet acknowledged"), self.pending_value, self.tr("Device"), self.device_value),
                (self.tr("Oldest unacknowledged change"), self.oldest_value, self.tr("Enrolment"),
                 self.enrolled_value),
                (self.tr("Last acknowledgement"), self.last_ack_value, self.tr("Last export"),
                 self.last_export_value),
                (self.tr("Held bundles"), self.held_value, self.tr("Alarms"), self.alarms_value)]
        for row, (left, left_value, right, right_value) in enumerate(rows):
            for column, (title, value) in enumerate(((left, left_value), (right, right_value))):
                label = QLabel(title)
                label.setStyleSheet(f"color: {GREY};")
                grid.addWidget(label, row, column * 2)
                grid.addWidget(value, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        self.enrol_note = QLabel(self.tr("Export and import are impossible until this laptop is enrolled with the "
                                         "district. Your work is saved on this laptop in the meantime."),
                                 objectName="enrolNote", wordWrap=True)
        self.enrol_note.setStyleSheet(f"color: {AMBER}; font-weight: bold;")
        self.enrol_note.hide()
        self.enrol_button = QPushButton(self.tr("Enrol this laptop…"), objectName="enrolButton")
        self.enrol_button.setMinimumHeight(36)
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_button.hide()
        note_row = QHBoxLayout()
        note_row.addWidget(self.enrol_note, 1)
        note_row.addWidget(self.enrol_button, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(note_row, len(rows), 0, 1, 4)
        return box

    def _build_outbox(self) -> QWidget:
        pending = lambda r: r["state"] == "pending"  # noqa: E731
        self.outbox_model = ListTableModel([
            Column(translate("SyncPage", "What"), lambda r: group_label(r["group"]),
                   tooltip=lambda r: translate("SyncPage", "Drafts stay on this laptop until they are finalized; "
                                                           "then the whole signed record goes out.")
                   if r["group"] == "inspection" else ""),
            Column(translate("SyncPage", "State"),
                   lambda r: translate("SyncPage", "Waiting for acknowledgement") if pending(r)
                   else translate("SyncPage", "✗ Refused by the district"),
                   foreground=lambda r: None if pending(r) else QColor(RED)),
            Column(translate("SyncPage", "Changes"), lambda r: r["changes"], align=Qt.AlignmentFlag.AlignCenter),
            Column(translate("SyncPage", "Records"), lambda r: r["records"], align=Qt.AlignmentFlag.AlignCenter),
            Column(translate("SyncPage", "Oldest"), lambda r: day_text(r["oldest"])),
            Column(translate("SyncPage", "Reason"), lambda r: r.get("reason") or "",
                   foreground=lambda r: QColor(RED), tooltip=lambda r: r.get("reason") or ""),
        ], self)
        self.outbox_view = _table("outboxTable", self.outbox_model)
        return self.outbox_view

    def _build_imports(self) -> QWidget:
        self.import_model = ListTableModel([
            Column(translate("SyncPage", "File"), lambda r: r.get("name") or Path(r.get("file") or "").name),
            Column(translate("SyncPage", "Result"), lambda r: status_label(r.get("status")),
                   foreground=lambda r: _colour(r.get("status"))),
            Column(translate("SyncPage", "What happened"), import_result_text, tooltip=import_result_text),
        ], self)
        self.import_view = _table("importTable", self.import_model)
        return self.import_view

    def _build_relay(self) -> QWidget:
        widget = QWidget(objectName="relayBox")
        self.relay_model = ListTableModel([
            Column(translate("SyncPage", "Result"), lambda r: status_label(r.get("status")),
                   foreground=lambda r: _colour(r.get("status"))),
            Column(translate("SyncPage", "Direction"), lambda r: self._direction(r)),
            Column(translate("SyncPage", "Laptop"),
                   lambda r: r.get("device_name") or str(r.get("device_id") or "")[:8] or "—"),
            Column(translate("SyncPage", "Range"),
                   lambda r: "{0}–{1}".format(*r["range"]) if r.get("range") else "",
                   tooltip=lambda r: translate("SyncPage", "Change numbers from the laptop, or the district's "
                                                           "update numbers")),
            Column(translate("SyncPage", "File"), lambda r: Path(r.get("file") or "").name,
                   tooltip=lambda r: r.get("file") or ""),
            Column(translate("SyncPage", "Note"), lambda r: reason_text(r.get("reason"), r.get("message"))
                   if r.get("status") == "damaged" else ""),
        ], self)
        self.relay_view = _table("relayTable", self.relay_model)
        hint = QLabel(self.tr("Carry bundles between laptops and the district. The relay checks that each bundle is "
                              "intact and who sent it; it cannot read what is inside."), wordWrap=True)
        hint.setStyleSheet(f"color: {GREY};")
        self.collect_button = QPushButton(self.tr("Collect from a drive…"), objectName="collectButton")
        self.deliver_button = QPushButton(self.tr("Deliver to a drive…"), objectName="deliverButton")
        self.upward_box = QCheckBox(self.tr("Also copy collected bundles for the district"), objectName="upwardBox")
        self.collect_button.clicked.connect(self.relay_collect)
        self.deliver_button.clicked.connect(self.relay_deliver)
        row = QHBoxLayout()
        row.addWidget(self.collect_button)
        row.addWidget(self.deliver_button)
        row.addWidget(self.upward_box)
        row.addStretch(1)
        layout = QVBoxLayout(widget)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.relay_view, 1)
        return widget

    def _build_actions(self) -> QHBoxLayout:
        self.import_file_button = QPushButton(self.tr("Import a file…"), objectName="importFileButton")
        self.import_button = QPushButton(self.tr("Import from USB drive…"), objectName="importButton")
        self.export_button = QPushButton(self.tr("Export to USB drive…"), objectName="exportButton")
        for button in (self.import_file_button, self.import_button, self.export_button):
            button.setMinimumHeight(44)
        self.export_button.setMinimumWidth(200)
        self.export_button.setStyleSheet(
            f"QPushButton {{ background: {BLUE}; color: white; font-weight: bold; border-radius: 6px;"
            " padding: 6px 18px; } QPushButton:disabled { background: #b8c7da; }")
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

    # --- state ------------------------------------------------------------------------------------
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
        enrolled = data["enrolled"]
        self.device_value.setText(data["device_id"][:8])
        self.device_value.setToolTip(data["device_id"])
        self.enrolled_value.setText(
            self.tr("Enrolled with {0} as {1}").format(data["central"], data["device_name"]) if enrolled
            else self.tr("Not enrolled"))
        self.enrolled_value.setStyleSheet("" if enrolled else f"color: {AMBER}; font-weight: bold;")
        self.enrol_note.setVisible(not enrolled)
        self.enrol_button.setVisible(not enrolled)
        pending = data["pending"]
        self.pending_value.setText(self.tr("%n change(s)", "", pending))
        self.pending_value.setStyleSheet(f"color: {AMBER if pending else GREEN};")
        self.oldest_value.setText(day_text(data.get("oldest_pending")))
        self.last_ack_value.setText(day_text(data["last_ack"]) if data.get("last_ack") else self.tr("never"))
        last_export = data.get("last_export")
        self.last_export_value.setText(
            self.tr("{0} · %n change(s)", "", last_export["ops"]).format(day_text(last_export["at"]))
            if last_export else self.tr("never"))
        self.held_value.setText(str(data["held_bundles"]))
        self.alarms_value.setText(str(data["alarms"]))
        self.alarms_value.setStyleSheet(f"color: {RED}; font-weight: bold;" if data["alarms"] else "")
        self.alarms_value.setToolTip(self.tr("Bundles with a forged or misaddressed part were refused and "
                                             "recorded; tell the district.") if data["alarms"] else "")
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

    def _busy(self, busy: bool) -> None:
        for button in self.action_buttons:
            button.setEnabled(not busy)

    # --- enrolment --------------------------------------------------------------------------------
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

    # --- export -----------------------------------------------------------------------------------
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
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB drive to export to"),
                                                  self._start_dir())
        if not folder:
            return
        self._last_folder = folder
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

    # --- import -----------------------------------------------------------------------------------
    def import_labels(self) -> dict:
        return {"verify": self.tr("Checking signatures…"), "decrypt": self.tr("Decrypting…"),
                "apply": self.tr("Applying…"), "done": self.tr("Done"), "file": self.tr("{0} (file {1} of {2})")}

    def import_from_drive(self) -> None:
        if self.status is not None and not self.status["enrolled"]:
            self.show_message("warn", not_enrolled_text())
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB drive to import from"),
                                                  self._start_dir())
        if not folder:
            return
        self._last_folder = folder
        self._busy(True)
        self.context.runner.op(lambda task: sync_ops.inbox_files(task, folder), self) \
            .success(self._found_inbox).failure(self._import_failed).run()

    def _found_inbox(self, found: dict) -> None:
        if not found["files"]:
            self._busy(False)
            self.show_message("warn", self.tr("No bundles for this laptop on the drive (looked in {0}). Ask the "
                                              "township clerk whether the district's reply has arrived.")
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
            .success(self._imported).failure(self._import_failed).run()

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

    def _import_failed(self, error: BaseException) -> None:
        self._busy(False)
        self.show_message("error", message_for(error))

    # --- relay (clerk) ----------------------------------------------------------------------------
    @staticmethod
    def _direction(row: dict) -> str:
        if row.get("status") == "delivered":
            return translate("SyncPage", "For the district") if row.get("device_id") is None \
                else translate("SyncPage", "For a laptop")
        kind = row.get("kind")
        if kind == "up":
            return translate("SyncPage", "From a laptop")
        if kind in ("down", "snapshot"):
            return translate("SyncPage", "From the district")
        return "—"

    def relay_collect(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the drive to collect bundles from"),
                                                  self._start_dir())
        if not folder:
            return
        self._last_folder = folder
        self.context.runner.op(lambda task: sync_ops.relay_collect(task, folder), self) \
            .success(self._collected).failure(self._import_failed).run()

    def _collected(self, result: dict) -> None:
        self.relay_model.set_rows(result["bundles"])
        text = self.tr("Collected: {0} intact, {1} already collected, {2} damaged.").format(
            result["intact"], result["duplicate"], result["damaged"])
        self.show_message("error" if result["damaged"] else "ok", text)

    def relay_deliver(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the drive to deliver bundles to"),
                                                  self._start_dir())
        if not folder:
            return
        self._last_folder = folder
        upward = self.upward_box.isChecked()
        self.context.runner.op(lambda task: sync_ops.relay_deliver(task, folder, upward), self) \
            .success(self._delivered).failure(self._import_failed).run()

    def _delivered(self, result: dict) -> None:
        rows = [{"status": "delivered", **d} for d in result["delivered"]]
        self.relay_model.set_rows(rows)
        if rows:
            self.show_message("ok", self.tr("Put %n bundle(s) on the drive.", "", len(rows)))
        else:
            self.show_message("warn", self.tr("Nothing to deliver to this drive."))
