"""The bureau seals or seizes on a stop: the inspector lists the places, facilities and goods and the period.

A thin form over core.notices.sealing.record (which checks everything: the
stop, at most 30 days, goods only are seized, lengths); once saved, the
notice dialog offers the 实施行政强制措施决定书 with its 清单.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

COLUMNS = ("kind", "name", "measure", "spec", "quantity")


def record_sealing(task, inspection_id, data: dict) -> None:
    """Store worker: keep the list (core refuses what the law does not allow)."""
    from ..core.notices import sealing
    actor = getattr(task.context.user, "id", None)
    with task.store.write() as session:
        sealing.record(session, inspection_id=inspection_id, data=data, actor_id=actor)


class SealingDialog(QDialog):
    saved = Signal()

    def __init__(self, context, inspection_id, parent=None):
        super().__init__(parent)
        self.context, self.inspection_id = context, inspection_id
        self.setObjectName("sealingDialog")
        self.setWindowTitle(self.tr("Seal or seize (查封、扣押)"))
        self.resize(760, 420)
        self.days = QSpinBox(objectName="sealingDays")
        self.days.setRange(1, 30)  # 行政强制法 Art. 25: at most 30 days
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.table = QTableWidget(0, len(COLUMNS), objectName="sealingTable")
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Name"), self.tr("Measure"),
                                              self.tr("Specification or place"), self.tr("Quantity")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 220)
        add = QPushButton(self.tr("Add a line"), objectName="sealingAdd")
        remove = QPushButton(self.tr("Remove the line"), objectName="sealingRemove")
        add.clicked.connect(self.add_line)
        remove.clicked.connect(lambda: self.table.removeRow(max(0, self.table.currentRow())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Period"), self.days)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What the bureau seals or seizes; the decision and its list print from "
                                        "this. Places and facilities are sealed; goods may be seized."),
                                wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.add_line()

    def add_line(self, values: dict | None = None) -> None:
        values = values or {}
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        for code, label in (("place", self.tr("Place (场所)")), ("facility", self.tr("Facility (设施)")),
                            ("goods", self.tr("Goods (财物)"))):
            kind.addItem(label, code)
        kind.setCurrentIndex(max(0, kind.findData(values.get("kind", "place"))))
        measure = QComboBox()
        for code, label in (("seal", self.tr("Seal (查封)")), ("seize", self.tr("Seize (扣押)"))):
            measure.addItem(label, code)
        measure.setCurrentIndex(max(0, measure.findData(values.get("measure", "seal"))))
        self.table.setCellWidget(row, 0, kind)
        self.table.setCellWidget(row, 2, measure)
        for column in (1, 3, 4):
            self.table.setItem(row, column, QTableWidgetItem(str(values.get(COLUMNS[column], ""))))

    def data(self) -> dict:
        """The list as core takes it; empty optional cells are left out."""
        things = []
        for row in range(self.table.rowCount()):
            thing = {"kind": self.table.cellWidget(row, 0).currentData(),
                     "measure": self.table.cellWidget(row, 2).currentData()}
            for column in (1, 3, 4):
                item = self.table.item(row, column)
                text = item.text().strip() if item is not None else ""
                if text or column == 1:
                    thing[COLUMNS[column]] = text
            things.append(thing)
        return {"days": self.days.value(), "things": things}

    def save(self) -> None:
        from .errors import show_error
        data = self.data()
        self.context.runner.op(lambda task: record_sealing(task, self.inspection_id, data), self) \
            .changes("notices").success(lambda _r: self._saved()).failure(lambda error: show_error(self, error)).run()

    def _saved(self) -> None:
        self.saved.emit()
        self.accept()
