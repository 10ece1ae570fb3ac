"""A painted push button in a list column: each row's primary action without a widget per row.

Today's lists put a button on up to 200 rows each. As real QPushButtons
(setIndexWidget) that cost the GUI thread about 1 ms a row right after
sign-in (235 ms measured on the demo district) and 14 KB each; painted by
the style, the list costs nothing per row. The button looks and clicks like
a real one; Enter or a double-click on a row does the same.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionButton

MARGIN = 4


class RowActionDelegate(QStyledItemDelegate):
    """Paints `text` as a button in its column; `clicked(row)` when it is clicked."""

    clicked = Signal(int)

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self._text = text
        self._pressed: tuple[int, int] | None = None  # (row, column) held down, painted sunken

    def _button(self, option, index: QModelIndex) -> QStyleOptionButton:
        button = QStyleOptionButton()
        button.rect = QRect(option.rect).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        button.text = self._text
        button.state = QStyle.StateFlag.State_Enabled | (
            QStyle.StateFlag.State_Sunken if self._pressed == (index.row(), index.column())
            else QStyle.StateFlag.State_Raised)
        if option.state & QStyle.StateFlag.State_MouseOver:
            button.state |= QStyle.StateFlag.State_MouseOver
        return button

    def paint(self, painter, option, index) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_PushButton, self._button(option, index), painter, widget)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        button = QStyleOptionButton()
        button.text = self._text
        text = option.fontMetrics.size(Qt.TextFlag.TextShowMnemonic, self._text)
        size = style.sizeFromContents(QStyle.ContentsType.CT_PushButton, button, text, widget)
        return size + QSize(2 * MARGIN, 2 * MARGIN)

    def _repaint(self, option) -> None:
        if option.widget is not None:
            option.widget.viewport().update(option.rect)

    def editorEvent(self, event, model, option, index) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                        QEvent.Type.MouseButtonDblClick):
            return False
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        inside = QRect(option.rect).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN).contains(event.position().toPoint())
        if kind == QEvent.Type.MouseButtonPress:
            self._pressed = (index.row(), index.column()) if inside else None
            self._repaint(option)
            return inside
        if kind == QEvent.Type.MouseButtonDblClick:
            return inside  # a double-click on the button is one click, not a row activation too
        pressed, self._pressed = self._pressed, None
        self._repaint(option)
        if inside and pressed == (index.row(), index.column()):
            self.clicked.emit(index.row())
            return True
        return False
