"""The Inspection screen (检查): sections on the left, items in the centre, live result on top.

Built from the checklist definition. Every answer is written through the
Runner the moment it is given (notes after a short pause in typing) and the
top bar says so; open() restores a draft completely from the store, so a
crash loses nothing. Finalized inspections show read-only, with a button to
start an amendment; `finalized(id)` lets the main window offer printing.

Opening builds the cards of the section shown first; the other sections'
cards are built when first needed (shown, jumped to, or looked up in
`item_widgets`) and, while the page is on screen, a section at a time in idle
moments, so switching sections stays instant.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Mapping
from datetime import date

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core import rules
from ..core.errors import ValidationError
from . import inspection_ops as ops
from .errors import show_error
from .finalize_dialog import RESULT_LOOK, FinalizeDialog, format_date, handling_text, result_text
from .item_widgets import BLUE, GREY, ItemWidget, apply_item_style, set_shown, widget_for
from .photo_strip import PhotoViewer
from .section_list import MissingRow, SectionColumn, section_rows

logger = logging.getLogger(__name__)
NOTE_PAUSE_MS = 500
IMAGE_FILTER = "*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff"


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


class ItemCards(Mapping):
    """`page.item_widgets`: the card of every item by id, in checklist order.

    Looking a card up builds its section's cards if they are not built yet;
    `built` holds the cards that exist."""

    def __init__(self, page: InspectionPage):
        self._page = weakref.ref(page)  # no cycle: the page goes as soon as nothing else holds it
        self.built: dict[str, ItemWidget] = {}

    def _ids(self) -> dict:
        page = self._page()
        data = page.data if page is not None else None
        return data.checklist.items if data is not None else {}

    def __getitem__(self, item_id) -> ItemWidget:
        card = self.built.get(item_id)
        if card is None:
            if item_id not in self._ids():
                raise KeyError(item_id)
            page = self._page()
            page._build_section(page.data.checklist.section_of[item_id])
            card = self.built[item_id]
        return card

    def __contains__(self, item_id) -> bool:
        return item_id in self._ids()

    def __iter__(self):
        return iter(list(self._ids()))

    def __len__(self) -> int:
        return len(self._ids())


class InspectionPage(QWidget):
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

    # Building the frame

    def _top_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("topBar")
        bar.setStyleSheet("QFrame#topBar { background: white; border-bottom: 1px solid #d5d5d5; }")
        row = QHBoxLayout(bar)
        row.setContentsMargins(10, 8, 14, 8)
        row.setSpacing(12)
        self.back_button = QPushButton("← " + self.tr("Back"))
        self.back_button.setObjectName("backButton")
        self.back_button.setMinimumHeight(40)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.back_button.clicked.connect(self.leave)
        row.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.establishment_label = QLabel()
        self.establishment_label.setObjectName("establishmentName")
        font = self.establishment_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.establishment_label.setFont(font)
        self.checklist_label = QLabel()
        self.checklist_label.setObjectName("checklistName")
        self.checklist_label.setStyleSheet(f"color: {GREY};")
        titles.addWidget(self.establishment_label)
        titles.addWidget(self.checklist_label)
        row.addLayout(titles, 1)
        self.hazard_box = QCheckBox(self.tr("A latent incident risk (stop operations at once)"))
        self.hazard_box.setObjectName("hazardToggle")
        self.hazard_box.setMinimumHeight(38)
        self.hazard_box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.hazard_box.setToolTip(self.tr("Tick when a latent food-safety incident risk is found: a non-compliant "
                                           "result then means operations stop at once (立即停止)."))
        self.hazard_box.setVisible(False)
        self.hazard_box.toggled.connect(self.set_hazard)
        row.addWidget(self.hazard_box)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedIndicator")
        self.saved_label.setToolTip(self.tr("Every answer is written to this laptop as soon as you give it."))
        row.addWidget(self.saved_label)
        self.result_badge = QLabel()
        self.result_badge.setObjectName("resultBadge")
        self.result_badge.setMinimumHeight(38)
        self.result_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.result_badge)
        return bar

    def _banner(self) -> QWidget:
        self.banner = QFrame()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet("QFrame#readOnlyBanner { background: #fff8e1; border-bottom: 1px solid #e0c97a; }")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(14, 8, 14, 8)
        self.banner_label = QLabel()
        self.banner_label.setObjectName("readOnlyText")
        self.banner_label.setWordWrap(True)
        row.addWidget(self.banner_label, 1)
        self.finalized_actions = QHBoxLayout()
        row.addLayout(self.finalized_actions)
        self.amend_button = QPushButton(self.tr("Start amendment"))
        self.amend_button.setObjectName("amendButton")
        self.amend_button.setMinimumHeight(40)
        self.amend_button.clicked.connect(self.start_amendment)
        row.addWidget(self.amend_button)
        self.open_amendment_button = QPushButton(self.tr("Open the amendment"))
        self.open_amendment_button.setObjectName("openAmendment")
        self.open_amendment_button.setMinimumHeight(40)
        self.open_amendment_button.clicked.connect(lambda: self.data and self.open(self.data.amended_by))
        row.addWidget(self.open_amendment_button)
        self.banner.setVisible(False)
        return self.banner

    def add_finalized_action(self, widget: QWidget) -> None:
        """Hook for the main window: a button (print, preview…) shown while a finalized record is open."""
        self.finalized_actions.addWidget(widget)

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
        self.finish_button.setStyleSheet(
            f"QPushButton {{ background: {BLUE}; color: white; font-weight: bold; border-radius: 6px;"
            " padding: 6px 18px; } QPushButton:disabled { background: #b8c7da; }")
        self.finish_button.setToolTip(self.tr("Check that everything is answered, then sign (Ctrl+Enter)"))
        self.finish_button.clicked.connect(self.check_and_finish)
        row.addWidget(self.finish_button)
        return bar

    # Opening

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

    def _discard_widgets(self) -> None:
        self._fill_timer.stop()
        for card in self._cards.values():
            card.blockSignals(True)
        self._cards.clear()
        self.section_blocks, self._built_sections, self._item_photos = {}, set(), {}
        self.scroll.setWidget(self._empty_container())  # deletes the old container

    def _build_sections(self, data: ops.InspectionData) -> None:
        """A titled (hidden) block per section; cards come with _build_section."""
        container = self.scroll.widget()
        layout = container.layout()
        font = None
        for section in data.checklist.sections:
            block = QWidget(container)  # children get parents at once: no widget is ever a window
            block.setObjectName("sectionBlock")
            block.setVisible(False)
            block_layout = QVBoxLayout(block)
            block_layout.setContentsMargins(0, 0, 0, 0)
            block_layout.setSpacing(10)
            title = QLabel(section.title.get(self.language), block)
            title.setObjectName("sectionTitle")
            if font is None:
                font = title.font()
                font.setPointSizeF(font.pointSizeF() * 1.25)
                font.setBold(True)
            title.setFont(font)
            block_layout.addWidget(title)
            layout.addWidget(block)
            self.section_blocks[section.id] = block
        layout.addStretch(1)

    def _build_section(self, section_id: str) -> None:
        """The cards of one section, showing the answers and photos as they are now."""
        if self.data is None or section_id in self._built_sections:
            return
        self._built_sections.add(section_id)
        data, block = self.data, self.section_blocks[section_id]
        block_layout = block.layout()
        visible = set(self.visible_items())
        section = next(s for s in data.checklist.sections if s.id == section_id)
        for item in section.items:
            card = widget_for(item, self.language, block, state=self.answers.get(item.id),
                              read_only=data.read_only)
            card.changed.connect(self._on_changed)
            card.move.connect(self.move)
            card.photos_dropped.connect(self.attach_photos)
            card.add_photos.connect(self.choose_photos)
            card.open_photo.connect(self.open_photo)
            for photo in self._item_photos.get(item.id, ()):
                card.add_photo(photo.sha256, self._thumbs.get(photo.sha256), evidence_id=photo.evidence_id)
            set_shown(card, item.id in visible and (not self.one_item or item.id == self.current_item))
            block_layout.addWidget(card)
            self._cards[item.id] = card

    def _schedule_fill(self) -> None:
        if self.data is not None and self.isVisible() and len(self._built_sections) < len(self.section_blocks):
            self._fill_timer.start()

    def _build_next_section(self) -> None:
        """One more section's cards (idle work while the page is on screen), the nearest after the current."""
        if self.data is None or not self.isVisible():
            return
        ids = [s.id for s in self.data.checklist.sections]
        start = ids.index(self.current_section) if self.current_section in ids else 0
        for section_id in ids[start:] + ids[:start]:
            if section_id not in self._built_sections:
                self._build_section(section_id)
                break
        self._schedule_fill()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._schedule_fill()

    def _show_header(self, data: ops.InspectionData) -> None:
        checklist = data.checklist
        self.establishment_label.setText(data.establishment_name)
        extra = ""
        if data.amends_id:
            extra = " · " + self.tr("Amendment")
        self.checklist_label.setText(f"{checklist.title.get(self.language)} · v{checklist.version}{extra}")
        self.banner.setVisible(data.read_only)
        self._show_hazard(data)
        self.finish_button.setVisible(not data.read_only)
        self.keys_hint.setText("" if data.read_only else self.keys_text)
        self.amend_button.setVisible(data.read_only and not data.amended_by)
        self.open_amendment_button.setVisible(data.read_only and bool(data.amended_by))
        if data.read_only:
            when = format_date(data.finalized_at, self.language) if data.finalized_at else ""
            text = self.tr("Finalized on {0}: {1}. This record can no longer be changed.").format(
                when, result_text(data.result, self.language))
            text += " " + (self.tr("It was corrected by a later amendment.") if data.amended_by
                           else self.tr("To correct it, start an amendment."))
            self.banner_label.setText(text)

    def _first_open_item(self) -> str | None:
        visible = self.visible_items()
        for item_id in visible:
            if rules.item_outcome(self.data.checklist.items[item_id], self.answers.get(item_id)) is None \
                    and self.data.checklist.items[item_id].scored:
                return item_id
        return visible[0] if visible else None

    # Live state: skip logic, progress, result

    def visible_items(self) -> list[str]:
        """Items shown for this category and the answers so far, in checklist order."""
        if self.data is None:
            return []
        return [item.id for item in self.data.checklist.relevant_items(self.answers, self.data.category)]

    def _section_rows(self):
        return section_rows(self.data.checklist, self.answers, self.data.category, self.language)

    def _refresh_live(self) -> None:
        if self.data is None:
            return
        self._apply_visibility()
        rows = self._section_rows()
        self.column.set_rows(rows)
        answered, total = sum(r.answered for r in rows), sum(r.total for r in rows)
        failed = sum(r.failed for r in rows)
        text = self.tr("{0} of {1} answered").format(answered, total)
        if failed:
            text += " · " + self.tr("{0} non-compliant").format(failed)
        self.progress_label.setText(text)
        self._show_result()
        self._prune_missing()

    def _show_result(self) -> None:
        if self.data.read_only:
            result, handling = self.data.result, self.data.handling
        else:
            outcome = rules.evaluate(self.data.checklist, self.answers, category=self.data.category,
                                     hazard=self.data.hazard, on=date.today())
            result, handling = outcome.result, outcome.handling
        if result is None:
            self.result_badge.setText("○ " + self.tr("Not checked yet"))
            self._restyle(self.result_badge, f"QLabel#resultBadge {{ color: {GREY}; border: 1px solid #c8c8c8;"
                          " border-radius: 6px; padding: 4px 14px; }")
            self.result_badge.setToolTip("")
            return
        icon, colour = RESULT_LOOK[result]
        prefix = "" if self.data.read_only else self.tr("So far:") + " "
        stop = " · " + handling_text(handling, self.language) if handling == rules.STOP else ""
        self.result_badge.setText(f"{prefix}{icon} {result_text(result, self.language)}{stop}")
        self._restyle(self.result_badge, f"QLabel#resultBadge {{ color: white; background: {colour};"
                      " border-radius: 6px; padding: 4px 14px; font-weight: bold; }")
        self.result_badge.setToolTip(handling_text(handling, self.language))

    def _apply_visibility(self) -> None:
        if self.current_section is not None:
            self._build_section(self.current_section)
        visible = set(self.visible_items())
        for item_id, card in self._cards.items():
            set_shown(card, item_id in visible and (not self.one_item or item_id == self.current_item))
        for section_id, block in self.section_blocks.items():
            set_shown(block, section_id == self.current_section)

    # Navigation

    def show_section(self, section_id: str, *, focus: bool = True) -> None:
        self._select_section(section_id)
        if focus:
            in_section = [i for i in self.visible_items() if self.data.checklist.section_of[i] == section_id]
            open_items = [i for i in in_section
                          if rules.item_outcome(self.data.checklist.items[i], self.answers.get(i)) is None]
            target = (open_items or in_section or [None])[0]
            if target:
                self.jump_to(target)
                return
        self._apply_visibility()
        self.scroll.verticalScrollBar().setValue(0)

    def _select_section(self, section_id: str) -> None:
        self.current_section = section_id
        self.column.select(section_id)

    def jump_to(self, item_id: str) -> None:
        """Show the item's section, scroll to the item and give it the keyboard."""
        card = self.item_widgets.get(item_id)
        if card is None:
            return
        section = self.data.checklist.section_of[item_id]
        if section != self.current_section:
            self._select_section(section)
        self._set_current(item_id)
        self._apply_visibility()
        card.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.widget().layout().activate()
        self._scroll_to(card)
        QTimer.singleShot(0, lambda: shiboken6.isValid(card) and self._scroll_to(card))

    def _scroll_to(self, card: ItemWidget) -> None:
        if card.isVisible():
            self.scroll.ensureWidgetVisible(card, 10, 24)

    def move(self, item_id: str, step: int) -> None:
        """Up/Down/Enter: the previous or next shown item, across sections."""
        visible = self.visible_items()
        if item_id not in visible:
            return
        index = visible.index(item_id) + step
        if 0 <= index < len(visible):
            self.jump_to(visible[index])
        elif index >= len(visible) and not self.read_only:
            self.finish_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_one_item(self, one: bool) -> None:
        self.one_item = one
        if self.one_item_button.isChecked() != one:
            self.one_item_button.setChecked(one)
        if self.data is not None:
            self._apply_visibility()
            if self.current_item:
                self.jump_to(self.current_item)

    def _set_current(self, item_id: str | None) -> None:
        if item_id == self.current_item:
            return
        old = self._cards.get(self.current_item) if self.current_item else None
        if old is not None and shiboken6.isValid(old):
            old.set_current(False)
        self.current_item = item_id
        if item_id in self.item_widgets:
            self.item_widgets[item_id].set_current(True)

    def _focus_changed(self, _old, new) -> None:
        if not shiboken6.isValid(self) or new is None:
            return
        widget = new
        while widget is not None and not isinstance(widget, ItemWidget):
            widget = widget.parentWidget()
        if widget is not None and self._cards.get(widget.item.id) is widget:
            self._set_current(widget.item.id)
            if self.one_item:
                self._apply_visibility()

    def keyPressEvent(self, event) -> None:
        """Keys pressed outside any item go to the current item."""
        card = self._cards.get(self.current_item) if self.current_item else None
        if card is not None and card.isVisible():
            card.setFocus(Qt.FocusReason.OtherFocusReason)
            card.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    # The latent hazard

    def _show_hazard(self, data: ops.InspectionData) -> None:
        """Drafts can change it; a finalized record shows it only when it was marked."""
        self.hazard_box.blockSignals(True)
        self.hazard_box.setChecked(data.hazard)
        self.hazard_box.blockSignals(False)
        self.hazard_box.setEnabled(not data.read_only)
        self.hazard_box.setVisible(not data.read_only or data.hazard)

    def set_hazard(self, hazard: bool) -> None:
        """Mark or unmark a latent incident risk: saved at once, and the live result follows."""
        if self.data is None or self.data.read_only or hazard == self.data.hazard:
            return
        inspection_id, actor = self.data.id, getattr(self.context.user, "id", None)
        self.data.hazard = hazard
        self._show_result()
        self._in_flight += 1
        self._update_saved_label()
        self.context.runner.op(lambda task: ops.set_hazard(task, inspection_id, hazard, actor), parent=self) \
            .success(lambda _: self._saved_hazard()) \
            .failure(lambda exc: self._save_failed(inspection_id, exc)) \
            .changes("inspections").run()

    def _saved_hazard(self) -> None:
        self._in_flight -= 1
        self._update_saved_label()

    # Saving

    def _on_changed(self, item_id: str, state: dict, immediate: bool) -> None:
        if self.data is None or self.data.read_only or item_id not in self._cards:
            return
        self.answers[item_id] = dict(state)
        if immediate:
            self._pending.pop(item_id, None)
            self._save(item_id, state)
        else:
            self._pending[item_id] = dict(state)
            self._note_timer.start()
        self._refresh_live()
        self._update_saved_label()

    def flush(self) -> None:
        """Write what is waiting for the typing pause now."""
        self._note_timer.stop()
        pending, self._pending = self._pending, {}
        for item_id, state in pending.items():
            self._save(item_id, state)
        self._update_saved_label()

    def _save(self, item_id: str, state: dict) -> None:
        if self.data is None or state == self._saved_states.get(item_id):
            return
        if state.get("answer") is None and state.get("value") is None:
            return  # nothing the store can hold yet (a note before any answer)
        inspection_id, actor = self.data.id, getattr(self.context.user, "id", None)
        state = dict(state)
        self._in_flight += 1
        self.context.runner.op(lambda task: ops.save_answer(task, inspection_id, item_id, state, actor),
                               parent=self) \
            .success(lambda _: self._saved(inspection_id, item_id, state)) \
            .failure(lambda exc: self._save_failed(inspection_id, exc)) \
            .changes("inspections").run()
        self._update_saved_label()

    def _saved(self, inspection_id: str, item_id: str, state: dict) -> None:
        self._in_flight -= 1
        if self.data is not None and self.data.id == inspection_id:
            self._saved_states[item_id] = state
        self._update_saved_label()

    def _save_failed(self, inspection_id: str, exc: BaseException) -> None:
        self._in_flight -= 1
        self._save_error = str(getattr(exc, "message", exc))
        self._update_saved_label()
        show_error(self, exc)
        if self.data is not None and self.data.id == inspection_id:
            self._pending.clear()
            self.open(inspection_id)  # show what the store really holds

    @property
    def is_saved(self) -> bool:
        """True when every change shown is in the store."""
        return not self._pending and self._in_flight == 0 and self._save_error is None

    def _update_saved_label(self) -> None:
        if self.data is None:
            return
        if self.data.read_only:
            self.saved_label.setText(self.tr("Read-only"))
            self._restyle(self.saved_label, f"color: {GREY};")
        elif self._save_error:
            self.saved_label.setText("⚠ " + self.tr("Not saved"))
            self.saved_label.setToolTip(self._save_error)
            self._restyle(self.saved_label, "color: #c62828; font-weight: bold;")
        elif self._pending or self._in_flight:
            self.saved_label.setText(self.tr("Saving…"))
            self._restyle(self.saved_label, f"color: {GREY};")
        else:
            self.saved_label.setText("✓ " + self.tr("Saved"))
            self._restyle(self.saved_label, f"color: {GREY};")

    def _restyle(self, widget: QWidget, sheet: str) -> None:
        """setStyleSheet only when the sheet changes: each call restyles the widget."""
        if self._looks.get(id(widget)) != sheet:
            self._looks[id(widget)] = sheet
            widget.setStyleSheet(sheet)

    def leave(self) -> None:
        self.flush()
        self.closed.emit()

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)

    # Photos

    def choose_photos(self, item_id: str) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose photos"), folder,
                                                self.tr("Images ({0})").format(IMAGE_FILTER))
        if paths:
            self.attach_photos(item_id, paths)

    def attach_photos(self, item_id: str, paths: list) -> None:
        """Attach image files to an item (the file picker and drops both come here)."""
        if self.read_only or not paths:
            return
        inspection_id, actor = self.data.id, getattr(self.context.user, "id", None)
        paths = [str(p) for p in paths]
        self._in_flight += 1
        self._update_saved_label()
        self.context.runner.op(lambda task: ops.attach_photos(task, inspection_id, item_id, paths, actor),
                               parent=self) \
            .success(lambda result: self._photos_attached(inspection_id, result)) \
            .failure(lambda exc: self._save_failed(inspection_id, exc)) \
            .changes("inspections").run()

    def _photos_attached(self, inspection_id: str, result) -> None:
        self._in_flight -= 1
        attached, problems = result
        if self.data is not None and self.data.id == inspection_id:
            self._show_photos(attached)
            self._refresh_live()
        self._update_saved_label()
        if problems:
            show_error(self, ValidationError("\n".join(problems)))

    def _show_photos(self, photos) -> None:
        for photo in photos:
            if photo.item_id not in self.item_widgets:
                continue
            self._item_photos.setdefault(photo.item_id, []).append(photo)
            card = self._cards.get(photo.item_id)
            if card is not None:
                card.add_photo(photo.sha256, self._thumbs.get(photo.sha256), evidence_id=photo.evidence_id)
        wanted = sorted({p.sha256 for p in photos if p.sha256 not in self._thumbs})
        if wanted:
            blobs = self.context.paths.blobs
            self.context.runner.op(lambda task: ops.thumbnails(task, blobs, wanted), parent=self) \
                .on_pool().success(self._thumbnails_loaded).run()

    def _thumbnails_loaded(self, images: dict) -> None:
        self._thumbs.update(images)
        for card in self._cards.values():
            if not card.photo_count():
                continue
            for sha256 in card.photos.hashes():
                if sha256 in images:
                    card.photos.set_thumbnail(sha256, images[sha256])

    def open_photo(self, sha256: str, evidence_id: str = "") -> None:
        blobs = self.context.paths.blobs
        self.context.runner.op(lambda task: ops.thumbnails(task, blobs, [sha256], size=500), parent=self) \
            .on_pool().success(lambda images: sha256 in images and self._show_photo(images[sha256], evidence_id)) \
            .run()

    def _show_photo(self, image, evidence_id: str) -> None:
        """The large photo; a draft's photo can be removed from there (after a confirmation)."""
        viewer = PhotoViewer(image, self, evidence_id=evidence_id or None,
                             removable=not self.read_only and bool(evidence_id))
        viewer.remove_requested.connect(self.remove_photo)
        viewer.finished.connect(viewer.deleteLater)
        viewer.open()

    def remove_photo(self, evidence_id: str) -> None:
        """Take a (wrong) photo off the draft: written through the runner, then the item's thumbnails
        and its "photo needed" state follow."""
        if self.read_only or not evidence_id:
            return
        inspection_id, actor = self.data.id, getattr(self.context.user, "id", None)
        self._in_flight += 1
        self._update_saved_label()
        self.context.runner.op(lambda task: ops.detach_photo(task, inspection_id, evidence_id, actor),
                               parent=self) \
            .success(lambda _: self._photo_removed(inspection_id, evidence_id)) \
            .failure(lambda exc: self._save_failed(inspection_id, exc)) \
            .changes("inspections").run()

    def _photo_removed(self, inspection_id: str, evidence_id: str) -> None:
        self._in_flight -= 1
        if self.data is not None and self.data.id == inspection_id:
            for item_id, photos in list(self._item_photos.items()):
                kept = [p for p in photos if p.evidence_id != evidence_id]
                if len(kept) != len(photos):
                    self._item_photos[item_id] = kept
                    card = self._cards.get(item_id)
                    if card is not None:
                        card.remove_photo(evidence_id)
                    self._relist_missing_photo(item_id)
            self._refresh_live()
        self._update_saved_label()

    # Finishing

    def check_and_finish(self) -> None:
        """Check answers and photos; list what is missing, or open the finalize dialog."""
        if self.read_only:
            return
        self.flush()
        inspection_id = self.data.id
        self.finish_button.setEnabled(False)
        self.context.runner.op(lambda task: ops.readiness(task, inspection_id), parent=self) \
            .success(self._readiness_checked).failure(self._finish_failed).run()

    def _finish_failed(self, exc: BaseException) -> None:
        self.finish_button.setEnabled(True)
        show_error(self, exc)

    def _readiness_checked(self, result: dict) -> None:
        checklist = self.data.checklist
        rows = [MissingRow(i, checklist.items[i].text.get(self.language), "answer") for i in result["missing"]]
        rows += [MissingRow(i, checklist.items[i].text.get(self.language), "photo")
                 for i in result["missing_evidence"]]
        self.column.show_missing(rows)
        if rows:
            self.finish_button.setEnabled(True)
            return
        inspection_id = self.data.id
        self.context.runner.op(lambda task: ops.summary(task, inspection_id), parent=self) \
            .success(self._open_finalize).failure(self._finish_failed).run()

    def _relist_missing_photo(self, item_id: str) -> None:
        """While the missing list is shown, an item whose last needed photo was removed joins it again."""
        rows = list(self.missing_model.rows)
        if not rows or any(r.item_id == item_id and r.reason == "photo" for r in rows):
            return
        item = self.data.checklist.items[item_id]
        if item.evidence_on_fail and rules.item_outcome(item, self.answers.get(item_id)) == "fail" \
                and not self._item_photos.get(item_id):
            self.column.show_missing(rows + [MissingRow(item_id, item.text.get(self.language), "photo")])

    def _prune_missing(self) -> None:
        """Entries leave the missing list as the inspector fixes them."""
        if not self.missing_model.rows:
            return
        visible = set(self.visible_items())

        def still_missing(row) -> bool:
            if row.item_id not in visible:
                return False
            card = self._cards.get(row.item_id)
            if card is not None:
                return card.outcome() is None if row.reason == "answer" else card.needs_photo()
            item = self.data.checklist.items[row.item_id]
            outcome = rules.item_outcome(item, self.answers.get(row.item_id))
            if row.reason == "answer":
                return outcome is None
            return bool(item.evidence_on_fail) and outcome == "fail" and not self._item_photos.get(row.item_id)

        self.column.prune_missing(still_missing)

    def _open_finalize(self, summary: dict) -> None:
        self.finish_button.setEnabled(True)
        if summary["id"] != self.inspection_id:
            return
        self.finalize_dialog = FinalizeDialog(self.context, summary, self.language, parent=self)
        self.finalize_dialog.finalized.connect(self._on_finalized)
        self.finalize_dialog.finished.connect(self._finalize_dialog_closed)
        self.finalize_dialog.open()

    def _finalize_dialog_closed(self) -> None:
        dialog, self.finalize_dialog = self.finalize_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_finalized(self, inspection_id: str) -> None:
        self.open(inspection_id)
        self.finalized.emit(inspection_id)

    def start_amendment(self) -> None:
        """A correction of a finalized record: a new draft with the answers and photos copied in."""
        if self.data is None or not self.data.read_only or self.data.amended_by:
            return
        original, actor = self.data.id, getattr(self.context.user, "id", None)
        self.amend_button.setEnabled(False)
        self.context.runner.op(lambda task: ops.start_amendment(task, original, actor), parent=self) \
            .with_progress(self.tr("Starting the amendment…"), cancellable=False) \
            .success(self._amendment_started).failure(self._amendment_failed).changes("inspections").run()

    def _amendment_started(self, new_id: str) -> None:
        self.amend_button.setEnabled(True)
        self.open(new_id)

    def _amendment_failed(self, exc: BaseException) -> None:
        self.amend_button.setEnabled(True)
        show_error(self, exc)
