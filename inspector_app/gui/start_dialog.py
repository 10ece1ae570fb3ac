"""Start an inspection: pick the checklist for the category, the purpose (检查类型) and the second inspector.

Given an open rectification order, it starts that order's re-inspection (复查) instead: the checklist is
the one the order was found with and the purpose is recheck (core/rechecks.py decides both)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ..core.codes import PURPOSE_CODES
from . import establishment_ops as ops
from .labels import purpose_label


class StartInspectionDialog(QDialog):
    started = Signal(object)  # the new draft's id

    def __init__(self, context, establishment_id, parent=None, *, order_id=None):
        super().__init__(parent)
        self.context, self.establishment_id, self.order_id = context, establishment_id, order_id
        self.setWindowTitle(self.tr("Re-inspect the order's items") if order_id else self.tr("Start an inspection"))
        self.setMinimumWidth(480)
        self.heading = QLabel(objectName="startHeading", wordWrap=True)
        self.form = QComboBox(objectName="checklistChoice")
        self.purpose = QComboBox(objectName="purposeChoice")
        for code in PURPOSE_CODES:
            self.purpose.addItem(purpose_label(code), code)
        self.others = QListWidget(objectName="coInspectors")
        self.others.setMinimumHeight(140)
        self.hazard = QCheckBox(self.tr("A latent incident risk is already evident (stop operations at once)"),
                                objectName="hazardBox")
        self.message = QLabel(objectName="startMessage", wordWrap=True)
        self.message.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start = buttons.addButton(self.tr("Start inspection"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("startButton")
        self.start.setEnabled(False)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Checklist"), self.form)
        form.addRow(self.tr("Purpose"), self.purpose)
        if order_id is not None:  # the order decides the checklist and the purpose
            self.purpose.setCurrentIndex(PURPOSE_CODES.index("recheck"))
            for widget in (self.form, self.purpose):
                widget.setEnabled(False)
        form.addRow(self.tr("With (two inspectors at least)"), self.others)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.hazard)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        context.runner.op(lambda task: ops.checklists_for(task, establishment_id), self).success(self._fill).run()

    def _fill(self, data: dict) -> None:
        self.heading.setText(f"<b>{data['name']}</b>")
        for checklist_id, version, title in data["forms"]:
            self.form.addItem(f"{title} (v{version})", checklist_id)
        me = getattr(self.context.user, "id", None)
        for user_id, name, credential in data["inspectors"]:
            if user_id == me:
                continue
            item = QListWidgetItem(f"{name} · {credential}", self.others)
            item.setData(Qt.ItemDataRole.UserRole, user_id)
            item.setCheckState(Qt.CheckState.Unchecked)
        if self.others.count():
            self.others.item(0).setCheckState(Qt.CheckState.Checked)
        self.start.setEnabled(self.form.count() > 0)
        if not self.form.count():
            self.message.setText(self.tr("No checklist is installed for this kind of establishment."))

    def inspector_ids(self) -> list:
        chosen = [self.others.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.others.count())
                  if self.others.item(i).checkState() == Qt.CheckState.Checked]
        me = getattr(self.context.user, "id", None)
        return ([me] if me else []) + chosen

    def _submit(self) -> None:
        ids, checklist, hazard = self.inspector_ids(), self.form.currentData(), self.hazard.isChecked()
        purpose, order_id = self.purpose.currentData(), self.order_id
        if len(ids) < 2:
            self.message.setText(self.tr("Choose the second inspector: an inspection needs two."))
            return
        self.start.setEnabled(False)
        if order_id is not None:
            work = lambda task: ops.start_recheck(task, order_id, ids, hazard)  # noqa: E731
        else:
            work = lambda task: ops.start_inspection(task, self.establishment_id, checklist,  # noqa: E731
                                                     ids, hazard, purpose)
        self.context.runner.op(work, self).success(self._done).failure(self._failed) \
            .changes("inspections", "orders").run()

    def _done(self, inspection_id) -> None:
        self.started.emit(inspection_id)
        self.accept()

    def _failed(self, error) -> None:
        self.start.setEnabled(True)
        from .errors import message_for
        self.message.setText(message_for(error))
