"""The card of one checklist item: its text, answer row, note, photos, follow-through and guidance.

A card shows the item's text (★ for key items), the answer controls its kind
adds (item_kinds.py), a note that opens on 不符合, the photos, on a failure the
当场整改 / 影响食品安全 marks (item_fix.py) and, behind ⓘ, the guidance and legal
basis. Cards only emit what the user did; the page saves it. Keys: 1/2/3 answer, Up/Down move, Enter moves on.

Cards are cheap to build: their resting look comes from theme.ITEM_STYLE, set
once on the widget that holds the cards (or on a card that stands alone), and
only a look that differs (a chosen answer, the current or a failed key item)
gets a style sheet of its own. The note, the photo strip and the guidance
panel are made when first needed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import rules
from .item_fix import CardFix
from .item_photos import CardPhotos
from .theme import BLUE, ITEM_STYLE, ITEM_STYLE_PROPERTY, OUTCOME_COLOUR, RED, has_item_style, repolish


def set_shown(widget: QWidget, shown: bool) -> None:
    """setVisible, skipped when the widget already is explicitly so (each call relayouts)."""
    if widget.isHidden() == shown or not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
        widget.setVisible(shown)


_MONO: QFont | None = None


def mono_font() -> QFont:
    global _MONO
    if _MONO is None:
        _MONO = QFont("monospace")
        _MONO.setStyleHint(QFont.StyleHint.Monospace)
    return _MONO


class Editor(QLineEdit):
    """A line edit that leaves Up/Down to the item (to move between items)."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            event.ignore()
            return
        super().keyPressEvent(event)


class ItemWidget(CardFix, CardPhotos, QFrame):
    """The common frame: header, answer row (from the subclass), note, photos (CardPhotos), marks (CardFix),
    details."""

    changed = Signal(str, dict, bool)  # item id, {"answer","value","note", marks set}, save at once (else debounce)
    move = Signal(str, int)            # item id, +1 / -1
    photos_dropped = Signal(str, list)  # item id, local file paths
    add_photos = Signal(str)           # item id: open the file picker
    open_photo = Signal(str, str)      # sha256, evidence id

    def __init__(self, item, language: str, parent=None, *, state: dict | None = None, read_only: bool = False):
        super().__init__(parent)
        self.item, self.language = item, language
        self._state = {"answer": None, "value": None, "note": None, **(state or {})}
        self._read_only = read_only
        self._current = False
        self._drag_over = False
        self._note: Editor | None = None
        self._photos = None  # the strip, made when first needed (CardPhotos.photos)
        self._details: QLabel | None = None
        self._edge: str | None = None
        self._own_style = "" if has_item_style(parent) else ITEM_STYLE  # a card on its own brings the look along
        self._frame_style: str | None = None
        self._photo_needed: bool | None = None
        self.setObjectName("itemCard")
        if self._own_style:
            self.setProperty(ITEM_STYLE_PROPERTY, True)
            self.setStyleSheet(self._own_style)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(not read_only)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never squeezed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 10)
        layout.setSpacing(8)
        self._layout = layout
        layout.addLayout(self._header())
        self.answer_row = QHBoxLayout()
        self.answer_row.setSpacing(10)
        layout.addLayout(self.answer_row)
        self.build_answer_row(self.answer_row)  # controls are made with the card as parent (never a window)
        self.answer_row.addStretch(1)
        self.note_button = QPushButton(self.tr("Add note"), self)
        self.note_button.setObjectName("noteButton")
        self.note_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.note_button.setFlat(True)
        self.note_button.clicked.connect(self._open_note)
        self.answer_row.addWidget(self.note_button)
        self.photo_button = QPushButton(self.tr("Add photo…"), self)
        self.photo_button.setObjectName("photoButton")
        self.photo_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.photo_button.setFlat(True)
        self.photo_button.setToolTip(self.tr("Choose photos, or drag image files onto this item"))
        self.photo_button.clicked.connect(lambda: self.add_photos.emit(self.item.id))
        self.answer_row.addWidget(self.photo_button)
        if state:
            self.show_value()
        if read_only:
            self.enable_controls(False)
        self._refresh()

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        number = QLabel(self.item.id, self)
        number.setObjectName("itemNumber")
        number.setFont(mono_font())
        number.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(number)
        if self.item.key:
            star = QLabel("★ " + self.tr("Key"), self)
            star.setObjectName("keyMark")
            star.setToolTip(self.tr("Key item (重点项): a failure weighs heavily on the result"))
            star.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(star)
        self.text_label = QLabel(self.item.text.get(self.language), self)
        self.text_label.setObjectName("itemText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = self.text_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.12)
        self.text_label.setFont(font)
        row.addWidget(self.text_label, 1)
        if not self.item.scored:
            tag = QLabel(self.tr("For the record"), self)
            tag.setObjectName("recordTag")
            tag.setToolTip(self.tr("Recorded only; it does not count for the result"))
            tag.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(tag)
        self.info_button = QToolButton(self)
        self.info_button.setObjectName("infoButton")
        self.info_button.setText("ⓘ")
        self.info_button.setCheckable(True)
        self.info_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.info_button.setToolTip(self.tr("How to check, and the legal basis (key I)"))
        self.info_button.setMinimumSize(36, 36)
        self.info_button.setEnabled(bool(self.item.guidance or self.item.legal_basis))
        self.info_button.toggled.connect(self._toggle_details)
        row.addWidget(self.info_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    @property
    def note(self) -> QLineEdit:
        """The note editor, made when first needed (below the answer row)."""
        if self._note is None:
            note = Editor(self)
            note.setObjectName("note")
            note.setPlaceholderText(self.tr("Note: what exactly is wrong, where, how many"))
            note.setMinimumHeight(36)
            note.setText(self._state["note"] or "")
            note.setReadOnly(self._read_only)
            note.setVisible(False)
            note.textEdited.connect(self._note_edited)
            note.editingFinished.connect(self._note_finished)
            self._layout.insertWidget(2, note)
            QWidget.setTabOrder(self.photo_button, note)  # Tab goes on from the answer row, as it always did
            self._note = note
        return self._note

    @property
    def details(self) -> QLabel:
        """The guidance and legal basis, behind ⓘ, made when first shown."""
        if self._details is None:
            details = QLabel(self)
            details.setObjectName("details")
            details.setWordWrap(True)
            details.setTextFormat(Qt.TextFormat.RichText)
            details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            details.setText(self._details_html())
            details.setVisible(False)
            self._layout.addWidget(details)
            self._details = details
        return self._details

    def _details_html(self) -> str:
        parts = []
        how, basis = html.escape(self.tr("How to check")), html.escape(self.tr("Legal basis"))
        if self.item.guidance:
            parts.append(f"<b>{how}</b><br>{html.escape(self.item.guidance.get(self.language))}")
        if self.item.legal_basis:
            parts.append(f"<b>{basis}</b><br>"
                         f"<span style='color:#555'>{html.escape(self.item.legal_basis.get(self.language))}</span>")
        return "<br><br>".join(parts)

    def build_answer_row(self, row: QHBoxLayout) -> None:
        """Subclasses add their answer controls to `row` (made with the card as their parent)."""
        raise NotImplementedError

    def state(self) -> dict:
        state = dict(self._state)
        if state.get("fixed_on_spot") and not state.get("fix_note"):
            del state["fixed_on_spot"]  # pending until its note is typed: core takes a fix only with its note
        return state

    def set_state(self, state: dict | None) -> None:
        """Show a stored answer without emitting anything."""
        self._state = {"answer": None, "value": None, "note": None, **(state or {})}
        if self._note is not None or self._state["note"]:
            self.note.setText(self._state["note"] or "")
        self.show_value()
        self._refresh()
        self.show_marks()

    def show_value(self) -> None:
        """Subclasses put the stored value into their editors."""

    def outcome(self) -> str | None:
        return rules.item_outcome(self.item, self._state)

    def has_answer(self) -> bool:
        return self._state["answer"] is not None or self._state["value"] is not None

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if self._note is not None:
            self._note.setReadOnly(read_only)
        self.setAcceptDrops(not read_only)
        self.enable_controls(not read_only)
        self._refresh()
        self.show_marks()

    def enable_controls(self, enabled: bool) -> None:
        """Subclasses enable or disable their answer controls."""

    def set_current(self, current: bool) -> None:
        if current != self._current:
            self._current = current
            self._refresh_frame()

    def is_current(self) -> bool:
        return self._current

    def has_focus_within(self) -> bool:
        from PySide6.QtWidgets import QApplication
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self or self.isAncestorOf(focus))

    def _update(self, immediate: bool = True, **changes) -> None:
        if self._read_only:
            return
        self._state.update(changes)
        self._refresh()
        self.changed.emit(self.item.id, self.state(), immediate)

    def _open_note(self) -> None:
        self.note.setVisible(True)
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def _note_edited(self, text: str) -> None:
        if self.has_answer():
            self._update(immediate=False, note=text.strip() or None)

    def _note_finished(self) -> None:
        text = self.note.text().strip() or None
        if self.has_answer() and text != self._state["note"]:
            self._update(immediate=True, note=text)
        elif self.has_answer():
            self.changed.emit(self.item.id, self.state(), True)

    def _refresh(self) -> None:
        outcome = self.outcome()
        show_note = outcome == "fail" or bool(self._state["note"]) or bool(self._note and self._note.text())
        if show_note or self._note is not None:
            set_shown(self.note, show_note)
        set_shown(self.note_button, not show_note and not self._read_only and self.has_answer())
        if self._photos is not None:
            set_shown(self._photos, bool(self._photos.thumbs))
        set_shown(self.photo_button, not self._read_only)
        self.refresh_marks()
        needed = bool(self.needs_photo())
        if needed != self._photo_needed:
            first = self._photo_needed is None
            self._photo_needed = needed
            self.photo_button.setText(self.tr("Add photo (needed)…") if needed else self.tr("Add photo…"))
            self.photo_button.setProperty("needed", needed)
            if not first:
                repolish(self.photo_button)
        self.refresh_controls()
        self._refresh_frame()

    def refresh_controls(self) -> None:
        """Subclasses show the state on their controls."""

    def _refresh_frame(self) -> None:
        """The edge shows the outcome (ITEM_STYLE, by property); the current item, a failed key item
        and a drop target get a frame of their own."""
        outcome = self.outcome()
        edge = outcome or "none"
        if edge != self._edge:
            first = self._edge is None
            self._edge = edge
            self.setProperty("outcome", edge)
            if not first:
                repolish(self)
        key_failed = self.item.key and outcome == "fail"
        if key_failed or self._current or self._drag_over:
            border = RED if key_failed else (BLUE if self._current else "#d5d5d5")
            width = 2 if (key_failed or self._current) else 1
            background = "#fff4f4" if key_failed else ("#f7fbff" if self._current else "white")
            if self._drag_over:
                border, width, background = BLUE, 2, "#e8f1fc"
            style = "dashed" if self._drag_over else "solid"
            frame = (f"QFrame#itemCard {{ background: {background}; border: {width}px {style} {border};"
                     f" border-left: 7px solid {RED if key_failed else OUTCOME_COLOUR[outcome]};"
                     " border-radius: 6px; }")
        else:
            frame = ""
        if frame != self._frame_style:
            unstyled = self._frame_style is None and not frame
            self._frame_style = frame
            if not unstyled:
                self.setStyleSheet(self._own_style + frame)

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)

    def answer_by_key(self, number: int) -> bool:
        """Keys 1..9; subclasses answer and return True when the key meant something."""
        return False

    def keyPressEvent(self, event) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if (Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and mods == Qt.KeyboardModifier.NoModifier
                and not self._read_only and self.answer_by_key(int(key) - int(Qt.Key.Key_0))):
                event.accept()
                return
        if key == Qt.Key.Key_I and mods == Qt.KeyboardModifier.NoModifier and self.info_button.isEnabled():
            self.info_button.toggle()
        elif key == Qt.Key.Key_Down:
            self.move.emit(self.item.id, 1)
        elif key == Qt.Key.Key_Up:
            self.move.emit(self.item.id, -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move.emit(self.item.id, 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def take_focus(self) -> None:
        """After a click on an answer, keys go on working on this item."""
        note = self._note
        if note is not None and note.isVisible() and self.outcome() == "fail" and not note.text():
            note.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
