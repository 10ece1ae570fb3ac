"""Assigned by the district (派单): on Today, with Accept, Decline (with a reason) and Start."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .labels import OVERDUE, section_title
from .table_model import Column, ListTableModel

translate = QCoreApplication.translate


def load(task) -> list:
    from ..core import assignments
    with task.store.session() as session:
        return assignments.mine(session)


def respond(task, assignment_id: str, response: str, reason: str | None, user_id):
    from ..core import assignments
    with task.store.write() as session:
        assignments.respond(session, assignment_id, response, reason=reason, user_id=user_id)
    return response


def purpose_label(code: str) -> str:
    labels = {"routine": translate("Assignments", "Routine"),
              "complaint": translate("Assignments", "Complaint"),
              "special": translate("Assignments", "Special campaign"),
              "reinspection": translate("Assignments", "Re-inspection")}
    return labels.get(code, code)


def status_text(code: str) -> str:
    labels = {"assigned": translate("Assignments", "New"),
              "accepted": translate("Assignments", "Accepted"),
              "declined": translate("Assignments", "Declined"),
              "done": translate("Assignments", "Done"),
              "cancelled": translate("Assignments", "Cancelled")}
    return labels.get(code, code)


class AssignmentsList(QWidget):
    """The district's assignments for this laptop; hidden when there are none."""

    start_inspection = Signal(object)  # establishment id

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.title = section_title("assignedTitle")
        self.model = ListTableModel([
            Column(self.tr("Establishment"), lambda r: r.establishment_name or r.establishment_id[:8]),
            Column(self.tr("Purpose"), lambda r: purpose_label(r.purpose)),
            Column(self.tr("Note"), lambda r: r.note or "", tooltip=lambda r: r.note or ""),
            Column(self.tr("Due"), lambda r: r.due_date.isoformat(),
                   foreground=lambda r: OVERDUE if r.overdue else None),
            Column(self.tr("Status"), lambda r: status_text(r.status), align=Qt.AlignmentFlag.AlignCenter),
        ], self)
        self.view = QTableView(objectName="assignedList")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(40)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self._start())
        self.accept_button = QPushButton(self.tr("Accept"), objectName="assignmentAccept")
        self.decline_button = QPushButton(self.tr("Decline…"), objectName="assignmentDecline")
        self.start_button = QPushButton(self.tr("Start inspection"), objectName="assignmentStart")
        self.accept_button.clicked.connect(lambda: self._respond("accepted"))
        self.decline_button.clicked.connect(lambda: self._respond("declined"))
        self.start_button.clicked.connect(self._start)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.accept_button, self.decline_button, self.start_button):
            button.setMinimumHeight(36)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self._can_inspect = True
        self._update_buttons()
        self.setVisible(False)

    def hide_actions(self) -> None:
        """Clerks see what was assigned but do not answer or inspect."""
        self._can_inspect = False
        for button in (self.accept_button, self.decline_button, self.start_button):
            button.hide()

    def refresh(self) -> None:
        self.context.runner.op(load, self).success(self.set_rows).run()

    def set_rows(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.title.setText(self.tr("Assigned by the district (%n)", "", len(rows)))
        self.setVisible(bool(rows))
        self._update_buttons()

    def selected(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_data(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        self.accept_button.setEnabled(row is not None and row.status == "assigned")
        self.decline_button.setEnabled(row is not None and row.status in ("assigned", "accepted"))
        self.start_button.setEnabled(row is not None)

    def _respond(self, response: str) -> None:
        row = self.selected()
        if row is None or not self._can_inspect:
            return
        reason = None
        if response == "declined":
            reason, ok = QInputDialog.getText(self, self.tr("Decline the assignment"),
                                              self.tr("Why can you not take it? The district reads this."))
            if not ok or not reason.strip():
                return
        user_id = getattr(self.context.user, "id", None)
        self.context.runner.op(lambda task: respond(task, row.id, response, reason, user_id), self) \
            .success(lambda _r: self.refresh()).changes("assignments").run()

    def _start(self) -> None:
        row = self.selected()
        if row is not None and self._can_inspect:
            self.start_inspection.emit(row.establishment_id)
