"""Conflicts to review (clerk / district admin, on the machine that holds the central store).

Lists the open soft / hard / gap conflicts with the record, the fields and
both values; a person resolves one with a note. The central store is opened
per call on the work pool (never on the UI thread, never on the laptop's
store worker).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from . import sync_ops
from .errors import message_for
from .table_model import Column, ListTableModel
from .theme import AMBER, GREY, RED

translate = QCoreApplication.translate


def kind_label(kind: str) -> str:
    labels = {"soft": translate("ConflictsView", "Soft: merged, a value was replaced"),
              "hard": translate("ConflictsView", "Hard: the district kept its value"),
              "gap": translate("ConflictsView", "Gap: applied past missing changes")}
    return labels.get(kind, kind)


def entity_label(entity: str) -> str:
    labels = {"establishment": translate("ConflictsView", "Establishment"),
              "inspection": translate("ConflictsView", "Inspection"),
              "rectification_order": translate("ConflictsView", "Rectification order"),
              "user": translate("ConflictsView", "Inspector account")}
    return labels.get(entity, entity)


def field_label(name: str) -> str:
    labels = {
        "name": translate("ConflictsView", "Name"),
        "legal_rep": translate("ConflictsView", "Legal representative"),
        "responsible_id_no": translate("ConflictsView", "Responsible person's ID no."),
        "licence_no": translate("ConflictsView", "Licence no."),
        "licence_type": translate("ConflictsView", "Licence type"),
        "credit_code": translate("ConflictsView", "Credit code"),
        "category": translate("ConflictsView", "Category"),
        "township_id": translate("ConflictsView", "Township"),
        "village_id": translate("ConflictsView", "Village"),
        "phone": translate("ConflictsView", "Phone"),
        "contact_person": translate("ConflictsView", "Contact"),
        "address": translate("ConflictsView", "Address"),
        "status": translate("ConflictsView", "Status"),
        "risk_grade": translate("ConflictsView", "Risk grade"),
        "amends_id": translate("ConflictsView", "Amended record"),
    }
    return labels.get(name, name)


def _value(value) -> str:
    if value is None or value == "":
        return translate("ConflictsView", "(empty)")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:120]
    return str(value)


def values_text(detail: dict | None) -> str:
    """Both sides of a conflict in one line, whatever shape the core recorded it in."""
    detail = detail or {}
    if detail.get("why") == "possible duplicate":
        names = [n for n in detail.get("names") or [] if n]
        return translate("ConflictsView", "possibly the same place as {0} (same {1})").format(
            names[0] if names else str(detail.get("duplicate_of"))[:8], field_label(detail.get("match") or ""))
    if "device" in detail and "central" in detail:
        return translate("ConflictsView", "laptop: {0} · district kept: {1}").format(
            _value(detail["device"]), _value(detail["central"]))
    if isinstance(detail.get("lost"), dict):
        parts = []
        for name, item in detail["lost"].items():
            other = item.get("device", item.get("central"))
            parts.append(translate("ConflictsView", "{0}: kept {1}, replaced {2}").format(
                field_label(name), _value(item.get("kept")), _value(other)))
        return "; ".join(parts)
    return str(detail.get("why") or "")


KIND_COLOURS = {"hard": RED, "gap": AMBER, "soft": GREY}


class ConflictsView(QWidget):
    """The list plus a note and a Resolve button; emits `count_changed(open conflicts)`."""

    count_changed = Signal(int)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = ListTableModel([
            Column("#", lambda r: r["id"], align=Qt.AlignmentFlag.AlignCenter),
            Column(translate("ConflictsView", "Kind"), lambda r: kind_label(r["kind"]),
                   foreground=lambda r: QColor(KIND_COLOURS.get(r["kind"], GREY))),
            Column(translate("ConflictsView", "Record"),
                   lambda r: f"{entity_label(r['entity'])} · {r['label']}", tooltip=lambda r: r["entity_id"]),
            Column(translate("ConflictsView", "Fields"),
                   lambda r: ", ".join(field_label(f) for f in r["fields"] or [])),
            Column(translate("ConflictsView", "Both values"), lambda r: values_text(r["detail"]),
                   tooltip=lambda r: values_text(r["detail"])),
            Column(translate("ConflictsView", "Laptop"), lambda r: (r["device_id"] or "")[:8]),
            Column(translate("ConflictsView", "Since"), lambda r: (r["created_at"] or "")[:10]),
        ], self)
        self.table = QTableView(objectName="conflictsTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.alerts = QLabel(objectName="conflictAlerts", wordWrap=True)
        self.alerts.setStyleSheet(f"color: {AMBER};")
        self.note = QLineEdit(objectName="resolveNote")
        self.note.setPlaceholderText(self.tr("Note: what was decided (e.g. phoned the operator, licence checked)"))
        self.resolve_button = QPushButton(self.tr("Resolve"), objectName="resolveButton")
        self.resolve_button.setMinimumHeight(36)
        self.resolve_button.clicked.connect(self.resolve)
        self.merge_button = QPushButton(self.tr("Merge the duplicate"), objectName="mergeButton")
        self.merge_button.setToolTip(self.tr("Keep the first-registered establishment; the duplicate's inspections "
                                             "and missing facts join it on every laptop"))
        self.merge_button.setMinimumHeight(36)
        self.merge_button.clicked.connect(self.merge)
        self.find_button = QPushButton(self.tr("Find duplicates"), objectName="findDuplicatesButton")
        self.find_button.clicked.connect(self.find_duplicates)
        self.refresh_button = QPushButton(self.tr("Refresh"), objectName="conflictsRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.message = QLabel(objectName="conflictsMessage", wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.resolve_button)
        row.addWidget(self.merge_button)
        row.addWidget(self.find_button)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.alerts)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self._update_buttons()

    def refresh(self) -> None:
        self.context.runner.op(sync_ops.conflicts, self).on_pool().success(self._show) \
            .failure(self._failed).run()

    def _show(self, data: dict) -> None:
        self.model.set_rows(data["conflicts"])
        self.table.resizeColumnsToContents()
        alerts = data["alerts"]
        self.alerts.setVisible(bool(alerts))
        self.alerts.setText("\n".join(
            translate("ConflictsView", "Alert: {0}, laptop {1}: {2}").format(
                a.get("kind"), str(a.get("device_id") or "")[:8], a.get("detail") or "") for a in alerts))
        self.count_changed.emit(len(data["conflicts"]))
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.find_button.setEnabled(True)
        self.merge_button.setEnabled(True)
        self.message.setText(message_for(error))

    def selected(self) -> dict | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_data(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.resolve_button.setEnabled(row is not None)
        self.merge_button.setVisible(row is not None and (row["detail"] or {}).get("why") == "possible duplicate")

    def find_duplicates(self) -> None:
        self.find_button.setEnabled(False)
        self.context.runner.op(sync_ops.find_duplicates, self).on_pool().success(self._found) \
            .failure(self._failed).run()

    def _found(self, flags: list) -> None:
        self.find_button.setEnabled(True)
        self.message.setText(self.tr("%n new likely duplicate(s) flagged.", "", len(flags)))
        self.refresh()

    def merge(self) -> None:
        row = self.selected()
        if row is None or (row["detail"] or {}).get("why") != "possible duplicate":
            return
        by = getattr(self.context.user, "name", "") or ""
        note, keep, duplicate = self.note.text().strip(), row["detail"]["duplicate_of"], row["entity_id"]
        self.merge_button.setEnabled(False)
        self.context.runner.op(lambda task: sync_ops.merge(task, keep, duplicate, by, note), self).on_pool() \
            .success(self._merged).failure(self._failed).run()

    def _merged(self, result: dict) -> None:
        self.merge_button.setEnabled(True)
        self.note.clear()
        self.message.setText(self.tr("Merged. Laptops show one establishment after their next import."))
        self.refresh()

    def resolve(self) -> None:
        row = self.selected()
        if row is None:
            return
        by = getattr(self.context.user, "name", "") or ""
        note = self.note.text().strip()
        conflict_id = row["id"]
        self.resolve_button.setEnabled(False)
        self.context.runner.op(lambda task: sync_ops.resolve(task, conflict_id, by, note), self).on_pool() \
            .success(self._resolved).failure(self._failed).run()

    def _resolved(self, result: dict) -> None:
        self.note.clear()
        self.message.setText(self.tr("Conflict #{0} resolved by {1}.").format(result["id"], result["resolved_by"]))
        self.refresh()
