"""The Inspection screen (检查): sections on the left, items in the centre, live result on top.

Built from the checklist definition. Every answer is written through the
Runner the moment it is given (answer_saving.py) and the top bar says so
(inspection_header.py); open() restores a draft completely from the store, so
a crash loses nothing. Cards are built a section at a time (section_cards.py);
item_navigation.py keeps the shown items, the sections and the current item;
photos are inspection_photos.py; "Finish and sign…" is finish_flow.py.
Finalized inspections show read-only, with a button to start an amendment;
`finalized(id)` lets the main window offer printing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from . import inspection_ops as ops
from .answer_saving import NOTE_PAUSE_MS, AnswerSaving
from .finalize_dialog import FinalizeDialog
from .finish_flow import FinishFlow
from .inspection_header import InspectionHeader
from .inspection_photos import InspectionPhotos
from .item_navigation import ItemNavigation
from .section_cards import ItemCards, SectionCards
from .section_list import SectionColumn
from .theme import GREY, PRIMARY_BUTTON, apply_item_style

logger = logging.getLogger(__name__)


class ElidedLabel(QLabel):
    """One line that ends in … when the window is narrow (the full text is the tooltip)."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


class InspectionPage(InspectionHeader, SectionCards, ItemNavigation, AnswerSaving, InspectionPhotos, FinishFlow,
                     QWidget):
    """The checklist editor for one inspection. Call open(inspection_id)."""

    finalized = Signal(object)  # inspection id, after a successful finalize
    closed = Signal()           # the user left the page (everything is saved or being saved)
    loaded = Signal(object)     # inspection id, once it is shown

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.language = context.settings.get("language", "zh_CN")
        self.data: ops.InspectionData | None = None
        self.answers: dict[str, dict] = {}
        self.item_widgets = ItemCards(self)
        self._cards = self.item_widgets.built  # the cards built so far
        self.section_blocks: dict[str, QWidget] = {}
        self._built_sections: set[str] = set()
        self._item_photos: dict[str, list[ops.Photo]] = {}  # item id -> its photos, for cards built later
        self._looks: dict[int, str] = {}  # id(label) -> its last style sheet (setStyleSheet is not free)
        self.current_section: str | None = None
        self.current_item: str | None = None
        self.one_item = False
        self.finalize_dialog: FinalizeDialog | None = None
        self._loading: str | None = None
        self._saved_states: dict[str, dict] = {}
        self._pending: dict[str, dict] = {}
        self._in_flight = 0
        self._save_error: str | None = None
        self._thumbs: dict = {}
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_PAUSE_MS)
        self._note_timer.timeout.connect(self.flush)
        self._fill_timer = QTimer(self)  # builds the other sections' cards in idle moments
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._build_next_section)
        self.setObjectName("inspectionPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._top_bar())
        layout.addWidget(self._banner())
        middle = QHBoxLayout()
        middle.setSpacing(0)
        self.column = SectionColumn()
        self.column.section_chosen.connect(self.show_section)
        self.column.item_chosen.connect(self.jump_to)
        self.section_list, self.missing_list = self.column.sections, self.column.missing_list
        self.missing_panel, self.missing_model = self.column.missing_panel, self.column.missing_model
        middle.addWidget(self.column)
        middle.addWidget(self._centre(), 1)
        layout.addLayout(middle, 1)
        layout.addWidget(self._bottom_bar())
        self.finish_button.setEnabled(False)
        self.one_item_button.setEnabled(False)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.check_and_finish)

    def _centre(self) -> QWidget:
        self.scroll = QScrollArea()
        self.scroll.setObjectName("itemsScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        container = self._empty_container()
        empty = QLabel(self.tr("No inspection is open. Start one from Today or Establishments, "
                               "or resume a draft from Today."))
        empty.setObjectName("emptyState")
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setStyleSheet(f"color: {GREY}; padding: 40px;")
        container.layout().addWidget(empty)
        container.layout().addStretch(1)
        self.scroll.setWidget(container)
        return self.scroll

    def _empty_container(self) -> QWidget:
        container = QWidget()
        container.setObjectName("itemsContainer")
        apply_item_style(container, "QWidget#itemsContainer { background: #f2f3f5; }")  # the cards' look too
        layout = QVBoxLayout(container)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(10)
        return container

    def _bottom_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("bottomBar")
        bar.setStyleSheet("QFrame#bottomBar { background: white; border-top: 1px solid #d5d5d5; }")
        row = QHBoxLayout(bar)
        row.setContentsMargins(14, 8, 14, 8)
        row.setSpacing(12)
        self.keys_text = self.tr("Keys: 1 compliant · 2 non-compliant · 3 not applicable · ↑↓ move · "
                                 "Enter next · I guidance")
        self.keys_hint = ElidedLabel(self.keys_text)
        self.keys_hint.setStyleSheet(f"color: {GREY};")
        row.addWidget(self.keys_hint, 1)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        row.addWidget(self.progress_label)
        self.one_item_button = QPushButton(self.tr("One item at a time"))
        self.one_item_button.setObjectName("oneItemToggle")
        self.one_item_button.setCheckable(True)
        self.one_item_button.setMinimumHeight(40)
        self.one_item_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.one_item_button.setToolTip(self.tr("Show one item at a time, or the whole section"))
        self.one_item_button.toggled.connect(self.set_one_item)
        row.addWidget(self.one_item_button)
        self.finish_button = QPushButton(self.tr("Finish and sign…"))
        self.finish_button.setObjectName("finishButton")
        self.finish_button.setMinimumHeight(44)
        self.finish_button.setMinimumWidth(180)
        self.finish_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.finish_button.setStyleSheet(PRIMARY_BUTTON)
        self.finish_button.setToolTip(self.tr("Check that everything is answered, then sign (Ctrl+Enter)"))
        self.finish_button.clicked.connect(self.check_and_finish)
        row.addWidget(self.finish_button)
        return bar

    @property
    def inspection_id(self) -> str | None:
        return self.data.id if self.data else None

    @property
    def read_only(self) -> bool:
        return self.data is None or self.data.read_only

    def open(self, inspection_id) -> None:
        """Show an inspection, restored entirely from the store (drafts resume where they stopped)."""
        if not inspection_id:
            return
        self.flush()
        self._loading = str(inspection_id)
        self.saved_label.setText(self.tr("Opening…"))
        self.context.runner.op(lambda task: ops.load(task, inspection_id), parent=self) \
            .success(self._show).run()

    def _show(self, data: ops.InspectionData) -> None:
        if data.id != self._loading:
            return
        self._loading = None
        self._discard_widgets()
        self.data = data
        self.answers = {item_id: dict(state) for item_id, state in data.answers.items()}
        self._saved_states = {item_id: dict(state) for item_id, state in data.answers.items()}
        self._save_error = None
        self.column.show_missing([])
        self._build_sections(data)
        self._show_header(data)
        self.finish_button.setEnabled(True)
        self.one_item_button.setEnabled(True)
        self._show_photos(data.photos)
        self.column.set_rows(self._section_rows())
        self.column.fit_sections()
        first = self._first_open_item()
        self.current_item = None
        self.show_section(data.checklist.section_of[first] if first else data.checklist.sections[0].id,
                          focus=False)
        self._refresh_live()
        self._update_saved_label()
        if first:
            self.jump_to(first)
        self._schedule_fill()
        self.loaded.emit(data.id)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._schedule_fill()

    def leave(self) -> None:
        self.flush()
        self.closed.emit()

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)
