"""The top of the Sync page: what has not left this laptop, since when, and whether it is enrolled.

The summary shows the device, its enrolment, how many changes the district
has not acknowledged yet and since when, the last acknowledgement and export,
held bundles and alarms. The outbox table groups the waiting changes and shows
any change the district refused, with its reason. The summary's texts are in
its own translation context (self.tr: lupdate finds plurals only there); the
outbox's keep SyncPage's.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
)

from .sync_texts import day_text, group_label
from .table_model import Column, ListTableModel
from .theme import AMBER, GREEN, GREY, RED

translate = QCoreApplication.translate


def sync_table(name: str, model) -> QTableView:
    """A read-only list of rows (outbox, imports, relay) that fits its columns."""
    view = QTableView(objectName=name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(30)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def outbox_model(parent) -> ListTableModel:
    """The waiting changes by group; refused ones in red with the district's reason."""
    pending = lambda r: r["state"] == "pending"  # noqa: E731
    return ListTableModel([
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
    ], parent)


class SyncSummary(QGroupBox):
    """"This laptop": the figures of sync_ops.status, and the enrol button while it is not enrolled."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="syncSummary")
        self.setTitle(self.tr("This laptop"))
        grid = QGridLayout(self)
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
        rows = [(self.tr("Not yet acknowledged"), self.pending_value,
                 self.tr("Device"), self.device_value),
                (self.tr("Oldest unacknowledged change"), self.oldest_value,
                 self.tr("Enrolment"), self.enrolled_value),
                (self.tr("Last acknowledgement"), self.last_ack_value,
                 self.tr("Last export"), self.last_export_value),
                (self.tr("Held bundles"), self.held_value,
                 self.tr("Alarms"), self.alarms_value)]
        for row, (left, left_value, right, right_value) in enumerate(rows):
            for column, (title, value) in enumerate(((left, left_value), (right, right_value))):
                label = QLabel(title)
                label.setStyleSheet(f"color: {GREY};")
                grid.addWidget(label, row, column * 2)
                grid.addWidget(value, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        self.enrol_note = QLabel(self.tr("Export and import are impossible until this laptop is "
                                         "enrolled with the district. Your work is saved on this "
                                         "laptop in the meantime."),
                                 objectName="enrolNote", wordWrap=True)
        self.enrol_note.setStyleSheet(f"color: {AMBER}; font-weight: bold;")
        self.enrol_note.hide()
        self.enrol_button = QPushButton(self.tr("Enrol this laptop…"), objectName="enrolButton")
        self.enrol_button.setMinimumHeight(36)
        self.enrol_button.hide()
        note_row = QHBoxLayout()
        note_row.addWidget(self.enrol_note, 1)
        note_row.addWidget(self.enrol_button, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(note_row, len(rows), 0, 1, 4)

    def show_status(self, data: dict) -> None:
        enrolled = data["enrolled"]
        self.device_value.setText(data["device_id"][:8])
        self.device_value.setToolTip(data["device_id"])
        self.enrolled_value.setText(
            self.tr("Enrolled with {0} as {1}").format(data["central"], data["device_name"])
            if enrolled else self.tr("Not enrolled"))
        self.enrolled_value.setStyleSheet("" if enrolled else f"color: {AMBER}; font-weight: bold;")
        self.enrol_note.setVisible(not enrolled)
        self.enrol_button.setVisible(not enrolled)
        pending = data["pending"]
        self.pending_value.setText(self.tr("%n change(s)", "", pending))
        self.pending_value.setStyleSheet(f"color: {AMBER if pending else GREEN};")
        self.oldest_value.setText(day_text(data.get("oldest_pending")))
        never = self.tr("never")
        self.last_ack_value.setText(day_text(data["last_ack"]) if data.get("last_ack") else never)
        last_export = data.get("last_export")
        self.last_export_value.setText(
            self.tr("{0} · %n change(s)", "", last_export["ops"]).format(day_text(last_export["at"]))
            if last_export else never)
        self.held_value.setText(str(data["held_bundles"]))
        self.alarms_value.setText(str(data["alarms"]))
        self.alarms_value.setStyleSheet(f"color: {RED}; font-weight: bold;" if data["alarms"] else "")
        self.alarms_value.setToolTip(self.tr("Bundles with a forged or misaddressed part were "
                                             "refused and recorded; tell the district.")
                                     if data["alarms"] else "")
