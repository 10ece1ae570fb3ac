"""Register an establishment (workshops and stalls are often unregistered); errors show by the field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ..core.codes import CATEGORY_CODES
from ..core.errors import InspectorError
from ..core.registration_papers import paper_for
from . import establishment_ops as ops
from .errors import localized
from .labels import category_label, licence_type_label

ERROR_STYLE = "color: #c62828;"


class RegisterDialog(QDialog):
    registered = Signal(object)  # the new establishment's id

    def __init__(self, context, area_choices: list, parent=None):
        super().__init__(parent)
        self.context, self._areas = context, area_choices
        self.setWindowTitle(self.tr("Register an establishment"))
        self.setMinimumWidth(520)
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        self._add(form, "name", self.tr("Name"), QLineEdit())
        category = QComboBox()
        for code in CATEGORY_CODES:
            category.addItem(category_label(code), code)
        self._add(form, "category", self.tr("Category"), category)
        township, village = QComboBox(), QComboBox()
        for township_id, name, _villages in area_choices:
            township.addItem(name, township_id)
        township.currentIndexChanged.connect(self._fill_villages)
        self._add(form, "township", self.tr("Township"), township)
        self._add(form, "village", self.tr("Village"), village)
        self.licence_label = QLabel(objectName="licenceLabel")
        self._add(form, "licence_no", self.licence_label, QLineEdit(), error_key="licence")
        category.currentIndexChanged.connect(self._name_the_paper)
        self._name_the_paper()
        self._add(form, "credit_code", self.tr("Unified social credit code"), QLineEdit())
        self._add(form, "legal_rep", self.tr("Legal representative"), QLineEdit())
        self._add(form, "responsible_id_no", self.tr("Responsible person's ID no."), QLineEdit(), error_key="id_number")
        self._add(form, "contact_person", self.tr("Contact person"), QLineEdit())
        self._add(form, "phone", self.tr("Phone"), QLineEdit())
        self._add(form, "address", self.tr("Address"), QLineEdit())
        grade = QComboBox()
        for g in "ABCD":
            grade.addItem(g, g)
        grade.setCurrentIndex(1)
        self._add(form, "risk_grade", self.tr("Risk grade"), grade)
        self.message = QLabel(objectName="registerMessage", wordWrap=True)
        self.message.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(self.tr("Register"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("registerSave")
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._fill_villages()

    def _add(self, form: QFormLayout, key: str, label: str | QLabel, widget, error_key: str | None = None) -> None:
        widget.setObjectName(f"field_{key}")
        error = QLabel(objectName=f"error_{error_key or key}", wordWrap=True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(label, box)
        self.fields[key] = widget
        self.errors[error_key or key] = error

    def _name_the_paper(self) -> None:
        """Workshops and stalls hold a 登记证 or a 备案证明, not a JY/SC licence (docs/registration-papers.md)."""
        paper = paper_for(self.fields["category"].currentData())
        self.licence_label.setText(self.tr("{0} no.").format(licence_type_label(paper)) if paper
                                   else self.tr("Licence no. (JY/SC…)"))

    def _fill_villages(self) -> None:
        village = self.fields["village"]
        village.clear()
        village.addItem(self.tr("(none)"), None)
        current = self.fields["township"].currentData()
        for township_id, _name, villages in self._areas:
            if township_id == current:
                for village_id, name in villages:
                    village.addItem(name, village_id)

    def values(self) -> dict:
        values = {}
        for key, widget in self.fields.items():
            values[key] = widget.currentData() if isinstance(widget, QComboBox) else widget.text().strip()
        township = next((name for tid, name, _ in self._areas if tid == values["township"]), None)
        village_name = self.fields["village"].currentText() if values["village"] else None
        values.update(township=township or "", village=village_name)
        return {k: v for k, v in values.items() if v not in ("", None) or k in ("name", "township")}

    def _submit(self) -> None:
        for label in self.errors.values():
            label.hide()
        self.message.clear()
        self.save.setEnabled(False)
        fields = self.values()
        self.context.runner.op(lambda task: ops.register(task, fields), self) \
            .success(self._done).failure(self._failed).changes("establishments").run()

    def _done(self, establishment_id) -> None:
        self.registered.emit(establishment_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save.setEnabled(True)
        if not isinstance(error, InspectorError):
            from .errors import show_error
            show_error(self, error)
            return
        label = self.errors.get(error.field or "")
        if label is not None:
            label.setText(localized(error))
            label.show()
            self.fields.get(error.field, self.fields.get("licence_no")).setFocus()
        else:
            self.message.setText(localized(error))
