"""Today (今日): inspections due and overdue, rectification deadlines, drafts to resume.

An open order's button starts its re-inspection (复查, core/rechecks.py); an order a re-inspection found
not yet rectified, or one the bureau escalated to a case, says so in its status."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from . import establishment_ops as ops
from .assignments_view import AssignmentsList
from .labels import OVERDUE, category_label, order_status_label, section_title
from .row_actions import RowActionDelegate
from .table_model import Column, ListTableModel

translate = QCoreApplication.translate



class ActionList(QWidget):
    """A titled list whose rows each carry the primary button for that row (painted, see row_actions)."""

    def __init__(self, title: str, columns: list[Column], action_text: str, on_action, name: str, parent=None):
        super().__init__(parent)
        self._action_text, self._on_action = action_text, on_action
        self.title = section_title(f"{name}Title")
        self._title_text = title
        self.model = ListTableModel([*columns, Column("", lambda r: "")], self)
        self.view = QTableView(objectName=f"{name}List")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(40)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setMouseTracking(True)  # the painted buttons show hover
        self.buttons = RowActionDelegate(action_text, self.view)
        self.buttons.clicked.connect(self._act)
        self.view.setItemDelegateForColumn(self.model.columnCount() - 1, self.buttons)
        self.view.activated.connect(lambda index: self._act(index.row()))  # Enter or a double-click
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)

    def hide_actions(self) -> None:
        """For users who may not act on these rows (clerks do not inspect)."""
        self._actions = False
        self.view.setColumnHidden(self.model.columnCount() - 1, True)

    def _act(self, row: int) -> None:
        data = self.model.row_data(row)
        if getattr(self, "_actions", True) and data is not None:
            self._on_action(data)

    def set_rows(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.title.setText(f"{self._title_text} ({len(rows)})")
        if getattr(self, "_actions", True):
            self.view.resizeColumnToContents(self.model.columnCount() - 1)


class TodayPage(QWidget):
    start_inspection = Signal(object)  # establishment id
    open_inspection = Signal(object)  # inspection id
    recheck_order = Signal(object, object)  # establishment id, order id: 复查

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self._today = None
        overdue_colour = lambda r: OVERDUE if self._today and r.due < self._today else None  # noqa: E731
        self.due = ActionList(self.tr("Inspections due"), [
            Column(translate("TodayPage", "Establishment"), lambda r: r.name),
            Column(translate("TodayPage", "Category"), lambda r: category_label(r.category)),
            Column(translate("TodayPage", "Township"), lambda r: r.township),
            Column(translate("TodayPage", "Risk"), lambda r: r.risk_grade, align=Qt.AlignmentFlag.AlignCenter),
            Column(translate("TodayPage", "Last inspected"),
                   lambda r: r.last_inspected or translate("TodayPage", "never")),
            Column(translate("TodayPage", "Due"), lambda r: r.due.isoformat(), foreground=overdue_colour),
        ], self.tr("Start"), lambda r: self.start_inspection.emit(r.establishment_id), "due")
        self.orders = ActionList(self.tr("Rectification deadlines"), [
            Column(translate("TodayPage", "Establishment"), lambda r: r.establishment),
            Column(translate("TodayPage", "Items to fix"), lambda r: ", ".join(r.failed_items)),
            Column(translate("TodayPage", "Deadline"), lambda r: r.deadline.isoformat(),
                   foreground=lambda r: OVERDUE if self._today and r.deadline < self._today else None),
            Column(translate("TodayPage", "Status"), self._order_status,
                   foreground=lambda r: OVERDUE if r.recheck_failed or r.status == "escalated" else None),
        ], self.tr("Re-inspect"), lambda r: self.recheck_order.emit(r.establishment_id, r.order_id), "orders")
        self.drafts = ActionList(self.tr("Drafts"), [
            Column(translate("TodayPage", "Establishment"), lambda r: r.establishment),
            Column(translate("TodayPage", "Checklist"), lambda r: r.checklist),
            Column(translate("TodayPage", "Started"), lambda r: r.started_at.replace("T", " ")),
            Column(translate("TodayPage", "Answered"), lambda r: r.answered, align=Qt.AlignmentFlag.AlignCenter),
        ], self.tr("Resume"), lambda r: self.open_inspection.emit(r.inspection_id), "drafts")
        self.assigned = AssignmentsList(context)
        self.assigned.start_inspection.connect(self.start_inspection)
        self.refresh_button = QPushButton(self.tr("Refresh"), objectName="todayRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        for section in (self.assigned, self.due, self.orders, self.drafts):
            layout.addWidget(section, 1)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignRight)
        context.runner.changed.connect(lambda kinds: kinds & {"inspections", "orders", "establishments", "sync",
                                                              "assignments"} and self.refresh())
        self.refresh()

    def _order_status(self, row) -> str:
        late = self._today is not None and row.deadline < self._today and row.status == "issued"
        text = order_status_label("overdue" if late else row.status)
        if row.recheck_failed:
            text += " · " + translate("TodayPage", "re-inspection found it not rectified")
        return text

    def refresh(self) -> None:
        township = getattr(self.context.user, "township_id", None)
        self.context.runner.op(lambda task: ops.today_lists(task, township), self).success(self._show).run()
        self.assigned.refresh()

    def _show(self, lists: dict) -> None:
        self._today = lists["today"]
        self.due.set_rows(lists["due"])
        self.orders.set_rows(lists["orders"])
        self.drafts.set_rows(lists["drafts"])
