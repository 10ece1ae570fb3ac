"""Establishments (经营主体): search as you type over the whole register, filters, details."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.codes import CATEGORY_CODES
from . import establishment_ops as ops
from .labels import category_label, licence_type_label, order_status_label, result_label, status_label
from .table_model import Column, LazyTableModel

translate = QCoreApplication.translate

GRADE_COLOURS = {"A": "#2e7d32", "B": "#1565c0", "C": "#ef6c00", "D": "#c62828"}


def columns() -> list[Column]:
    mono = QFont("monospace")
    mono.setStyleHint(QFont.StyleHint.Monospace)
    return [
        Column(translate("EstablishmentsPage", "Name"), lambda r: r.name, tooltip=lambda r: r.address or ""),
        Column(translate("EstablishmentsPage", "Category"), lambda r: category_label(r.category)),
        Column(translate("EstablishmentsPage", "Township"), lambda r: r.township),
        Column(translate("EstablishmentsPage", "Village"), lambda r: r.village),
        Column(translate("EstablishmentsPage", "Licence no."), lambda r: r.licence_no),
        Column(translate("EstablishmentsPage", "Risk"), lambda r: r.risk_grade,
               foreground=lambda r: QColor(GRADE_COLOURS.get(r.risk_grade)),
               align=Qt.AlignmentFlag.AlignCenter),
        Column(translate("EstablishmentsPage", "Status"), lambda r: status_label(r.status)),
    ]


class EstablishmentsPage(QWidget):
    start_inspection = Signal(object)  # establishment id
    open_inspection = Signal(object)  # inspection id
    recheck_order = Signal(object, object)  # establishment id, order id: 复查

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self._search_generation = 0
        self._areas: list = []
        self._pending_select = None
        self.model = LazyTableModel(context.runner, columns(), ops.fetch_rows, parent=self)
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=180, timeout=self.refresh)
        context.runner.changed.connect(self._on_changed)
        context.runner.op(ops.area_choices, self).success(self._fill_areas).run()
        self.refresh()

    # Layout
    def _build(self) -> None:
        self.search = QLineEdit(objectName="search", clearButtonEnabled=True)
        self.search.setPlaceholderText(self.tr("Name / pinyin initials / licence no. / credit code"))
        self.search.textChanged.connect(lambda: self._debounce.start())
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        self.township = QComboBox(objectName="townshipFilter")
        self.village = QComboBox(objectName="villageFilter")
        self.category = QComboBox(objectName="categoryFilter")
        self.grade = QComboBox(objectName="gradeFilter")
        self.overdue = QCheckBox(self.tr("Overdue only"), objectName="overdueFilter")
        self.category.addItem(self.tr("All categories"), None)
        for code in CATEGORY_CODES:
            self.category.addItem(category_label(code), code)
        self.grade.addItem(self.tr("All risk grades"), None)
        for grade in "ABCD":
            self.grade.addItem(self.tr("Grade {0}").format(grade), grade)
        self.township.addItem(self.tr("All townships"), None)
        self.village.addItem(self.tr("All villages"), None)
        self.township.currentIndexChanged.connect(self._township_changed)
        for box in (self.village, self.category, self.grade):
            box.currentIndexChanged.connect(self.refresh)
        for box in (self.township, self.village, self.category, self.grade):
            # as wide as ~7 characters, not the longest name: the row fits a 1024-pixel screen in English too;
            # the open list still shows whole names
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(7)
        self.overdue.toggled.connect(self.refresh)
        self.register_button = QPushButton(self.tr("Register new…"), objectName="registerButton")
        self.register_button.clicked.connect(self._register)
        self.count = QLabel(objectName="resultCount")
        filters = QHBoxLayout()
        for widget in (self.township, self.village, self.category, self.grade, self.overdue):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        filters.addWidget(self.register_button)

        self.table = QTableView(objectName="establishmentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _index: self._start())

        self.detail = QTextBrowser(objectName="detailPane")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link)
        self.start_button = QPushButton(self.tr("Start inspection"), objectName="startInspectionButton")
        self.start_button.setMinimumHeight(44)
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self._start)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignRight)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

    # Data
    def filters(self) -> ops.Filters:
        return ops.Filters(query=self.search.text().strip(), township_id=self.township.currentData(),
                           village_id=self.village.currentData(), category=self.category.currentData(),
                           risk_grade=self.grade.currentData(), overdue=self.overdue.isChecked())

    def refresh(self) -> None:
        self._search_generation += 1
        generation, filters = self._search_generation, self.filters()
        self.context.runner.op(lambda task: ops.find(task, filters), self) \
            .success(lambda ids: self._show(generation, ids)).run()

    def _show(self, generation: int, ids: list) -> None:
        if generation != self._search_generation:
            return  # a newer search is on its way; typing fast must not show stale rows
        selected = self._pending_select or self.selected_id()
        self._pending_select = None
        self.model.set_ids(ids)
        self.count.setText(self.tr("%n establishment(s)", "", len(ids)))
        row = self.model.row_of(selected) if selected is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.detail.clear()
            self.start_button.setEnabled(False)

    def _fill_areas(self, choices) -> None:
        self._areas = choices
        self.township.blockSignals(True)
        for township_id, name, _villages in choices:
            self.township.addItem(name, township_id)
        self.township.blockSignals(False)

    def _township_changed(self) -> None:
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("All villages"), None)
        for township_id, _name, villages in self._areas:
            if township_id == self.township.currentData():
                for village_id, village in villages:
                    self.village.addItem(village, village_id)
        self.village.blockSignals(False)
        self.refresh()

    def selected_id(self):
        index = self.table.selectionModel().currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _row_changed(self, current, _previous) -> None:
        establishment_id = self.model.id_at(current.row())
        self.start_button.setEnabled(establishment_id is not None)
        if establishment_id is not None:
            self.context.runner.op(lambda task: ops.detail(task, establishment_id), self) \
                .success(self._show_detail).run()

    def _show_detail(self, data: dict) -> None:
        if data["facts"]["id"] != self.selected_id():
            return
        self.detail.setHtml(detail_html(data))

    def _link(self, url) -> None:
        import uuid
        key = url.path().strip("/") or url.host()
        if url.scheme() == "inspection":
            self.open_inspection.emit(uuid.UUID(key))
        elif url.scheme() == "recheck" and self.selected_id() is not None:  # 复查 of an open order
            self.recheck_order.emit(self.selected_id(), uuid.UUID(key))

    def _start(self) -> None:
        establishment_id = self.selected_id()
        if establishment_id is not None:
            self.start_inspection.emit(establishment_id)

    def _register(self) -> None:
        from .register_dialog import RegisterDialog
        dialog = RegisterDialog(self.context, self._areas, self)
        dialog.registered.connect(self._registered)
        dialog.open()

    def _registered(self, establishment_id) -> None:
        self.search.setText("")
        self._pending_select = establishment_id
        self.refresh()

    def _on_changed(self, kinds) -> None:
        if kinds & {"establishments", "inspections", "orders"}:
            self.model.invalidate()
            if self.selected_id() is not None:
                self._row_changed(self.table.selectionModel().currentIndex(), None)


def detail_html(data: dict) -> str:
    f = data["facts"]
    rows = [(translate("EstablishmentsPage", "Category"), category_label(f["category"])),
            (translate("EstablishmentsPage", "Township"), f["township"]),
            (translate("EstablishmentsPage", "Village"), f["village"]),
            (translate("EstablishmentsPage", "Address"), f["address"]),
            (licence_type_label(f.get("licence_type")) or translate("EstablishmentsPage", "Licence no."),
             f["licence_no"]),
            (translate("EstablishmentsPage", "Credit code"), f["credit_code"]),
            (translate("EstablishmentsPage", "Legal representative"), f["legal_rep"]),
            (translate("EstablishmentsPage", "Responsible person's ID no."), f.get("responsible_id")),
            (translate("EstablishmentsPage", "Contact"), f["contact_person"]),
            (translate("EstablishmentsPage", "Phone"), f["phone"]),
            (translate("EstablishmentsPage", "Risk grade"), f["risk_grade"]),
            (translate("EstablishmentsPage", "Status"), status_label(f["status"]))]
    facts = "".join(f"<tr><td style='color:#666;padding-right:12px'>{k}</td><td>{_esc(v)}</td></tr>"
                    for k, v in rows if v)
    draft = translate("EstablishmentsPage", "Draft")
    never = translate("EstablishmentsPage", "Not inspected yet")
    none = translate("EstablishmentsPage", "None")
    history = "".join(
        f"<li><a href='inspection:{h['id']}'>{h['date']}</a> · {_esc(h['checklist'])} · "
        f"{result_dot(h['result'])} {result_label(h['result']) if h['result'] else draft}</li>"
        for h in data["history"]) or f"<li>{never}</li>"
    rectify_by = translate("EstablishmentsPage", "Rectify by")
    recheck = translate("EstablishmentsPage", "Re-inspect")
    orders = "".join(f"<li>{rectify_by} <b>{o['deadline']}</b>: {_esc(', '.join(o['items']))}"
                     f"{_order_flags(o)} · <a href='recheck:{o['id']}'>{recheck}</a></li>"
                     for o in data["orders"]) or f"<li>{none}</li>"
    provisional = ""
    if f["provisional"]:
        note = translate("EstablishmentsPage", "Not yet confirmed by the district register")
        provisional = f"<p style='color:#ef6c00'>{note}</p>"
    inspections_title = translate("EstablishmentsPage", "Inspections")
    orders_title = translate("EstablishmentsPage", "Open rectification orders")
    return (f"<h2>{_esc(f['name'])}</h2>{provisional}<table>{facts}</table>"
            f"<h3>{inspections_title}</h3><ul>{history}</ul><h3>{orders_title}</h3><ul>{orders}</ul>")


RESULT_COLOURS = {"compliant": "#2e7d32", "basically_compliant": "#ef6c00", "non_compliant": "#c62828"}


def _order_flags(order: dict) -> str:
    flags = [order_status_label("escalated")] if order.get("status") == "escalated" else []
    if order.get("recheck_failed"):
        flags.append(translate("EstablishmentsPage", "re-inspection found it not rectified"))
    return "".join(f" <span style='color:#c62828'>({_esc(flag)})</span>" for flag in flags)


def result_dot(result: str | None) -> str:
    return f"<span style='color:{RESULT_COLOURS.get(result, '#9e9e9e')}'>●</span>"


def _esc(value) -> str:
    from html import escape
    return escape("" if value is None else str(value))
