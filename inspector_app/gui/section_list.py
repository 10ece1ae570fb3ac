"""The left column of the Inspection screen: sections with progress, and what is still missing.

Both lists are small models over plain rows; the page recomputes the rows
from the checklist and the answers with core's pure functions (skip logic,
item outcomes), so progress follows every click at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QFrame, QLabel, QListView, QSizePolicy, QStyle, QStyledItemDelegate, QVBoxLayout

from ..core import rules
from .theme import GREEN, GREY, RED

NO_PARENT = QModelIndex()

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
NEED_ROLE = Qt.ItemDataRole.UserRole + 2


def two_lines(text: str, font: QFont, width: int) -> list[str]:
    """Wrap to at most two lines, the second elided: long section titles stay readable."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a long word never overflows
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(width)
    end = line.textStart() + line.textLength()
    layout.endLayout()
    if end >= len(text):
        return [text]
    rest = text[end:].strip()
    return [text[:end].rstrip(), QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)]


@dataclass(frozen=True)
class SectionRow:
    id: str
    title: str
    answered: int      # relevant scored items with an outcome
    total: int         # relevant scored items
    key_answered: int
    key_total: int
    failed: int
    visible: bool      # at least one item is shown for this category and these answers

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


def section_rows(checklist, answers: dict, category: str | None, language: str) -> list[SectionRow]:
    relevant = {item.id for item in checklist.relevant_items(answers, category)}
    rows = []
    for section in checklist.sections:
        shown = [item for item in section.items if item.id in relevant]
        scored = [item for item in shown if item.scored]
        outcomes = {item.id: rules.item_outcome(item, answers.get(item.id)) for item in scored}
        keys = [item for item in scored if item.key]
        rows.append(SectionRow(
            id=section.id, title=section.title.get(language),
            answered=sum(1 for o in outcomes.values() if o is not None), total=len(scored),
            key_answered=sum(1 for item in keys if outcomes[item.id] is not None), key_total=len(keys),
            failed=sum(1 for o in outcomes.values() if o == "fail"), visible=bool(shown)))
    return rows


class _RowsModel(QAbstractListModel):
    """A small list model over plain rows; subclasses say what each role shows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def row_at(self, index):
        return self.rows[index.row()] if index.isValid() and 0 <= index.row() < len(self.rows) else None

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class SectionModel(_RowsModel):
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.title}  {row.answered}/{row.total}"
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{0}: {1} of {2} answered, key items {3} of {4}, {5} non-compliant").format(
                row.title, row.answered, row.total, row.key_answered, row.key_total, row.failed)
        return None

    def set_rows(self, rows: list[SectionRow]) -> None:
        """Same sections: update in place, so the selection and scroll position stay."""
        if [r.id for r in rows] != [r.id for r in self.rows]:
            super().set_rows(rows)
            return
        self.rows = rows
        if rows:
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))

    def row_of(self, section_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == section_id), -1)


class SectionDelegate(QStyledItemDelegate):
    """Status mark, title, then "★ 1/2   3/5" on the right; red ✗n when something failed."""

    def sizeHint(self, option, index) -> QSize:
        return QSize(200, max(44, option.fontMetrics.height() * 2 + 8))

    def paint(self, painter, option, index) -> None:
        row: SectionRow = index.data(ROW_ROLE)
        if row is None:
            return super().paint(painter, option, index)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect
        painter.fillRect(rect, QColor("#dbe8f7") if selected else QColor("white"))
        if selected:
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), QColor("#1565c0"))
        painter.setPen(QPen(QColor("#e6e6e6")))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        metrics = option.fontMetrics
        if row.failed:
            mark, colour = "✗", RED
        elif row.total and row.complete:
            mark, colour = "✓", GREEN
        else:
            mark, colour = ("●" if row.answered else "○"), "#9e9e9e"
        inner = rect.adjusted(12, 0, -10, 0)
        painter.setPen(QColor(colour))
        painter.drawText(QRect(inner.left(), inner.top(), 18, inner.height()), Qt.AlignmentFlag.AlignVCenter, mark)
        counts = f"{row.answered}/{row.total}"
        keys = f"★{row.key_answered}/{row.key_total}" if row.key_total else ""
        bold = QFont(option.font)
        bold.setBold(True)
        counts_width = metrics.horizontalAdvance("00/00") + 6
        keys_width = metrics.horizontalAdvance("★00/00") + 8
        failed_text = f"✗{row.failed}" if row.failed else ""
        failed_width = metrics.horizontalAdvance("✗00") + 6
        right = inner.right()
        painter.setPen(QColor("#222") if row.visible else QColor(GREY))
        painter.drawText(QRect(right - counts_width, inner.top(), counts_width, inner.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, counts)
        right -= counts_width
        painter.setPen(QColor(RED) if keys and row.key_answered < row.key_total else QColor("#555"))
        painter.drawText(QRect(right - keys_width, inner.top(), keys_width, inner.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, keys)
        right -= keys_width
        painter.setPen(QColor(RED))
        painter.drawText(QRect(right - failed_width, inner.top(), failed_width, inner.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, failed_text)
        right -= failed_width
        title_rect = QRect(inner.left() + 22, inner.top(), right - inner.left() - 26, inner.height())
        painter.setFont(bold if selected else option.font)
        painter.setPen(QColor("#222") if row.visible else QColor(GREY))
        lines = two_lines(row.title, painter.font(), title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, "\n".join(lines))
        painter.restore()


class SectionList(QListView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sectionList")
        self.section_model = SectionModel(self)
        self.setModel(self.section_model)
        self.setItemDelegate(SectionDelegate(self))
        self.setUniformItemSizes(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet("QListView#sectionList { border: none; background: white; }")

    def content_height(self) -> int:
        """The height that shows every section without scrolling."""
        rows = self.section_model.rowCount()
        return rows * self.sizeHintForRow(0) + 2 * self.frameWidth() + 2 if rows else 0


@dataclass(frozen=True)
class MissingRow:
    item_id: str
    text: str
    reason: str  # "answer" | "photo"


class MissingDelegate(QStyledItemDelegate):
    """Two lines: the item number and what it needs, then the item's text (elided)."""

    def sizeHint(self, option, index) -> QSize:
        return QSize(200, option.fontMetrics.height() * 2 + 12)

    def paint(self, painter, option, index) -> None:
        row: MissingRow = index.data(ROW_ROLE)
        if row is None:
            return super().paint(painter, option, index)
        painter.save()
        rect = option.rect
        if option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor("#fde3e3"))
        painter.setPen(QPen(QColor("#f0c9c9")))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        metrics = option.fontMetrics
        inner = rect.adjusted(4, 5, -6, -5)
        half = inner.height() // 2
        first = QRect(inner.left(), inner.top(), inner.width(), half)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#222"))
        painter.drawText(first, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, row.item_id)
        shift = QFontMetrics(bold).horizontalAdvance(row.item_id + "  ")
        painter.setFont(option.font)
        painter.setPen(QColor(RED) if row.reason == "photo" else QColor("#555"))
        painter.drawText(first.adjusted(shift, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         index.data(NEED_ROLE))
        painter.setPen(QColor("#333"))
        second = QRect(inner.left(), inner.top() + half, inner.width(), inner.height() - half)
        painter.drawText(second, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         metrics.elidedText(row.text, Qt.TextElideMode.ElideRight, second.width()))
        painter.restore()


class MissingModel(_RowsModel):
    """What blocks finalizing; clicking a row jumps to the item."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == NEED_ROLE:
            return self.tr("needs a photo") if row.reason == "photo" else self.tr("needs an answer")
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.item_id} {self.data(index, NEED_ROLE)} · {row.text}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(RED) if row.reason == "photo" else QColor("#222")
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.text
        if role == ROW_ROLE:
            return row
        return None


class SectionColumn(QFrame):
    """The left column: the sections with progress, and (after a check) what is still missing."""

    section_chosen = Signal(str)  # section id
    item_chosen = Signal(str)     # item id, from the missing list

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("leftColumn")
        self.setFixedWidth(min(380, round(300 * max(self.font().pointSizeF(), 10.5) / 10.5)))  # large text
        self.setStyleSheet("QFrame#leftColumn { background: white; border-right: 1px solid #d5d5d5; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        caption = QLabel(self.tr("Sections"))
        caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        caption.setContentsMargins(12, 0, 12, 4)
        caption.setStyleSheet(f"color: {GREY}; font-weight: bold;")
        layout.addWidget(caption)
        self.sections = SectionList()
        self.sections.setMinimumHeight(160)
        self.sections.clicked.connect(lambda index: self.section_chosen.emit(self.sections.section_model.rows[
            index.row()].id))
        layout.addWidget(self.sections, 3)
        layout.addWidget(self._missing_panel(), 2)
        layout.addStretch(0)  # takes what the sections leave while the missing list is hidden

    def _missing_panel(self) -> QFrame:
        self.missing_panel = QFrame()
        self.missing_panel.setObjectName("missingPanel")
        self.missing_panel.setStyleSheet("QFrame#missingPanel { background: #fff4f4; border-top: 2px solid #c62828; }")
        layout = QVBoxLayout(self.missing_panel)
        layout.setContentsMargins(10, 8, 6, 6)
        self.missing_label = QLabel()
        self.missing_label.setObjectName("missingLabel")
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(f"font-weight: bold; color: {RED};")
        layout.addWidget(self.missing_label)
        self.missing_model = MissingModel(self)
        self.missing_list = QListView()
        self.missing_list.setObjectName("missingList")
        self.missing_list.setModel(self.missing_model)
        self.missing_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.missing_list.setItemDelegate(MissingDelegate(self.missing_list))
        self.missing_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.missing_list.setMouseTracking(True)
        self.missing_list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.missing_list.setStyleSheet("QListView#missingList { border: none; background: #fff4f4; }")
        self.missing_list.clicked.connect(lambda index: self.item_chosen.emit(self.missing_model.rows[
            index.row()].item_id))
        layout.addWidget(self.missing_list)
        self.missing_panel.setVisible(False)
        return self.missing_panel

    def set_rows(self, rows: list[SectionRow]) -> None:
        self.sections.section_model.set_rows(rows)

    def fit_sections(self) -> None:
        """Show every section without scrolling when there is room."""
        self.sections.setMaximumHeight(max(self.sections.content_height(), 160))

    def select(self, section_id: str) -> None:
        model = self.sections.section_model
        row = model.row_of(section_id)
        if row >= 0:
            self.sections.setCurrentIndex(model.index(row))
            self.sections.scrollTo(model.index(row))

    def show_missing(self, rows: list[MissingRow]) -> None:
        """List what blocks finishing (an empty list hides the panel)."""
        self.missing_model.set_rows(rows)
        self.missing_panel.setVisible(bool(rows))
        self.missing_label.setText(self.tr("Still needed before finishing: {0}. Click one to go there.")
                                   .format(len(rows)))
        QTimer.singleShot(0, self._keep_section_in_view)

    def _keep_section_in_view(self) -> None:
        if shiboken6.isValid(self) and self.sections.currentIndex().isValid():
            self.sections.scrollTo(self.sections.currentIndex())

    def prune_missing(self, still_missing) -> None:
        """Drop the entries for which `still_missing(row)` is false: the list shrinks as gaps are fixed."""
        rows = self.missing_model.rows
        keep = [row for row in rows if still_missing(row)]
        if len(keep) != len(rows):
            self.show_missing(keep)
