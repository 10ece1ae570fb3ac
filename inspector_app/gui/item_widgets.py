"""One widget per checklist item kind, picked from WIDGETS by `item.kind`.

Every widget shows the item's text (★ for key items), its answer controls, a
note that opens on 不符合, the photos and, behind ⓘ, the guidance and legal
basis. Widgets only emit what the user did; the page saves it. Keys: 1/2/3
answer, Up/Down move, Enter moves on.

Cards are cheap to build: their resting look comes from ITEM_STYLE, set once
on the widget that holds the cards (or on a card that stands alone), and only
a look that differs (a chosen answer, the current or a failed key item) gets a
style sheet of its own. The note, the photo strip and the guidance panel are
made when first needed.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
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
from .photo_strip import THUMBNAIL_STYLE, PhotoStrip

GREEN, AMBER, RED, GREY, BLUE = "#2e7d32", "#b26a00", "#c62828", "#6d6d6d", "#1565c0"
OUTCOME_COLOUR = {"pass": GREEN, "fail": RED, "na": GREY, None: "#d5d5d5"}
OUTCOME_ICON = {"pass": "✓", "fail": "✗", "na": "–"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff"}
BUTTON_HEIGHT = 48
NO_DATE = QDate(2000, 1, 1)
ITEM_STYLE_PROPERTY = "itemStyle"  # set on the widget whose style sheet holds ITEM_STYLE

# The resting look of everything on a card, by object name and dynamic property.
ITEM_STYLE = (
    "QFrame#itemCard { background: white; border: 1px solid #d5d5d5; border-left: 7px solid #d5d5d5;"
    " border-radius: 6px; }"
    + "".join(f'QFrame#itemCard[outcome="{outcome}"] {{ border-left: 7px solid {colour}; }}'
              for outcome, colour in OUTCOME_COLOUR.items() if outcome)
    + 'QPushButton[choice="true"] { background: white; color: #222; border: 1px solid #9e9e9e;'
    " border-radius: 6px; padding: 4px 14px; }"
    'QPushButton[choice="true"]:hover { border-color: #1565c0; }'
    'QPushButton[choice="true"]:disabled { color: #9e9e9e; border-color: #d5d5d5; }'
    f"QPushButton#noteButton, QPushButton#photoButton {{ color: {BLUE}; border: none; padding: 6px; }}"
    'QPushButton#noteButton:hover, QPushButton#photoButton[needed="false"]:hover { text-decoration: underline; }'
    f'QPushButton#photoButton[needed="true"] {{ color: {RED}; font-weight: bold; border: none; padding: 6px; }}'
    "QLabel#itemNumber { color: #6d6d6d; }"
    f"QLabel#keyMark {{ color: {RED}; font-weight: bold; }}"
    "QLabel#recordTag { color: #6d6d6d; border: 1px solid #c8c8c8; border-radius: 3px; padding: 1px 4px; }"
    "QLabel#details { background: #f4f7fb; border-radius: 4px; padding: 8px; color: #333; }"
    "QLabel#rangeHint { color: #6d6d6d; }"
    f"QLabel#valueProblem {{ color: {RED}; }}"
    + THUMBNAIL_STYLE
)


def apply_item_style(widget: QWidget, own: str = "") -> None:
    """Give `widget` (which will hold item cards) ITEM_STYLE after its own rules `own`."""
    widget.setProperty(ITEM_STYLE_PROPERTY, True)
    widget.setStyleSheet(own + ITEM_STYLE)


def _styled(widget: QWidget | None) -> bool:
    while widget is not None:
        if widget.property(ITEM_STYLE_PROPERTY):
            return True
        widget = widget.parentWidget()
    return False


def set_shown(widget: QWidget, shown: bool) -> None:
    """setVisible, skipped when the widget already is explicitly so (each call relayouts)."""
    if widget.isHidden() == shown or not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
        widget.setVisible(shown)


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def image_paths(urls: list[QUrl]) -> list[str]:
    """Local image files among dropped URLs (by suffix; core verifies the content)."""
    return [url.toLocalFile() for url in urls
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES]


def answer_button(text: str, name: str, parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setProperty("choice", True)  # the resting look is ITEM_STYLE's
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setMinimumWidth(128)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def style_choice(button: QPushButton, colour: str | None) -> None:
    """A chosen answer is filled with its colour; the others are plain outlines (ITEM_STYLE)."""
    sheet = (f"QPushButton {{ background: {colour}; color: white; border: 2px solid {colour};"
             " border-radius: 6px; padding: 4px 14px; font-weight: bold; }") if colour else ""
    if button.styleSheet() != sheet:
        button.setStyleSheet(sheet)


_MONO: QFont | None = None


def _mono_font() -> QFont:
    global _MONO
    if _MONO is None:
        _MONO = QFont("monospace")
        _MONO.setStyleHint(QFont.StyleHint.Monospace)
    return _MONO


class _Editor(QLineEdit):
    """A line edit that leaves Up/Down to the item (to move between items)."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            event.ignore()
            return
        super().keyPressEvent(event)


class ItemWidget(QFrame):
    """The common frame: header, answer row (from the subclass), note, photos, details."""

    changed = Signal(str, dict, bool)  # item id, {"answer","value","note"}, save at once (else debounce)
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
        self._note: _Editor | None = None
        self._photos: PhotoStrip | None = None
        self._details: QLabel | None = None
        self._edge: str | None = None
        self._own_style = "" if _styled(parent) else ITEM_STYLE  # a card on its own brings the look along
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

    # Building

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        number = QLabel(self.item.id, self)
        number.setObjectName("itemNumber")
        number.setFont(_mono_font())
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
            note = _Editor(self)
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
    def photos(self) -> PhotoStrip:
        """The item's photo strip, made when first needed (below the note)."""
        if self._photos is None:
            strip = PhotoStrip(self, with_button=False)
            strip.setVisible(False)
            strip.open_requested.connect(self.open_photo)
            self._layout.insertWidget(2 + (self._note is not None), strip)
            self._photos = strip
        return self._photos

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

    # State

    def state(self) -> dict:
        return dict(self._state)

    def set_state(self, state: dict | None) -> None:
        """Show a stored answer without emitting anything."""
        self._state = {"answer": None, "value": None, "note": None, **(state or {})}
        if self._note is not None or self._state["note"]:
            self.note.setText(self._state["note"] or "")
        self.show_value()
        self._refresh()

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

    # The note

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

    # Appearance

    def _refresh(self) -> None:
        outcome = self.outcome()
        show_note = outcome == "fail" or bool(self._state["note"]) or bool(self._note and self._note.text())
        if show_note or self._note is not None:
            set_shown(self.note, show_note)
        set_shown(self.note_button, not show_note and not self._read_only and self.has_answer())
        if self._photos is not None:
            set_shown(self._photos, bool(self._photos.thumbs))
        set_shown(self.photo_button, not self._read_only)
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

    def add_photo(self, sha256: str, image=None, *, evidence_id: str | None = None) -> None:
        self.photos.add_photo(sha256, image, evidence_id=evidence_id)
        self._refresh()

    def remove_photo(self, evidence_id: str) -> bool:
        """Take a removed photo's thumbnail away; the "needed" look comes back if it was the last."""
        if self._photos is None or not self._photos.remove_photo(evidence_id):
            return False
        self._refresh()
        return True

    def photo_count(self) -> int:
        return len(self._photos.thumbs) if self._photos is not None else 0

    def needs_photo(self) -> bool:
        return self.item.evidence_on_fail and self.outcome() == "fail" and not self.photo_count()

    # Keys, mouse, drops

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

    def dragEnterEvent(self, event) -> None:
        if not self._read_only and image_paths(event.mimeData().urls()):
            event.acceptProposedAction()
            self._drag_over = True
            self._refresh_frame()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if not self._read_only and image_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self._drag_over = False
        self._refresh_frame()

    def dropEvent(self, event) -> None:
        self._drag_over = False
        self._refresh_frame()
        paths = image_paths(event.mimeData().urls())
        if self._read_only or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.photos_dropped.emit(self.item.id, paths)


class CheckItem(ItemWidget):
    """符合 / 不符合 / 合理缺项 as three large buttons (keys 1 / 2 / 3)."""

    ANSWERS = ("pass", "fail", "na")

    def build_answer_row(self, row: QHBoxLayout) -> None:
        labels = {"pass": "✓  " + self.tr("Compliant"), "fail": "✗  " + self.tr("Non-compliant"),
                  "na": "–  " + self.tr("Not applicable")}
        self.buttons = {}
        for number, answer in enumerate(self.ANSWERS, start=1):
            button = answer_button(labels[answer], f"answer_{answer}", self)
            button.setToolTip(self.tr("Key {0}").format(number))
            button.clicked.connect(lambda _=False, a=answer: self.choose(a))
            row.addWidget(button)
            self.buttons[answer] = button

    def choose(self, answer: str) -> None:
        if self._read_only:
            return
        self._update(answer=answer)
        self.take_focus()

    def answer_by_key(self, number: int) -> bool:
        if number <= len(self.ANSWERS):
            self.choose(self.ANSWERS[number - 1])
            return True
        return False

    def refresh_controls(self) -> None:
        chosen = self._state["answer"]
        for answer, button in self.buttons.items():
            style_choice(button, OUTCOME_COLOUR[answer] if answer == chosen else None)

    def enable_controls(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(enabled)


class OutcomeChip(QLabel):
    """What a value means for the result: ✓ Compliant / ✗ Non-compliant, by the checklist's range."""

    _shown: tuple | None = None

    def show_outcome(self, outcome: str | None, texts: dict) -> None:
        if (outcome, texts.get(outcome)) == self._shown:
            return
        self._shown = (outcome, texts.get(outcome))
        set_shown(self, outcome is not None)
        if outcome is not None:
            colour = OUTCOME_COLOUR[outcome]
            self.setText(f"{OUTCOME_ICON[outcome]} {texts[outcome]}")
            self.setStyleSheet(f"color: {colour}; font-weight: bold; padding: 0 8px;")


class _ValueItem(ItemWidget):
    """Shared by value kinds: an editor, an outcome chip and 合理缺项 (key 3) for scored items."""

    def add_na_and_chip(self, row: QHBoxLayout) -> None:
        self.chip = OutcomeChip(self)
        self.chip.setObjectName("outcomeChip")
        row.addWidget(self.chip)
        self.na_button = answer_button("–  " + self.tr("Not applicable"), "answer_na", self)
        self.na_button.clicked.connect(self.choose_na)
        if not self.item.scored:  # (setVisible(True) here would steal the window activation offscreen)
            self.na_button.hide()
        row.addWidget(self.na_button)

    def choose_na(self) -> None:
        if self._read_only:
            return
        self._update(answer=None if self._state["answer"] == "na" else "na")
        self.take_focus()

    def answer_by_key(self, number: int) -> bool:
        if number == 3 and self.item.scored:
            self.choose_na()
            return True
        return False

    def set_value(self, value) -> None:
        answer = None if self._state["answer"] == "na" else self._state["answer"]
        self._update(answer=answer, value=value)

    def refresh_controls(self) -> None:
        texts = {"pass": self.tr("Compliant"), "fail": self.tr("Non-compliant"), "na": self.tr("Not applicable")}
        outcome = self.outcome()
        self.chip.show_outcome(outcome if outcome != "na" else None, texts)
        style_choice(self.na_button, GREY if self._state["answer"] == "na" else None)

    def enable_controls(self, enabled: bool) -> None:
        self.na_button.setEnabled(enabled)


class NumberItem(_ValueItem):
    """A measured number with its unit; outside the checklist's range it fails."""

    def build_answer_row(self, row: QHBoxLayout) -> None:
        self.editor = _Editor(self)
        self.editor.setObjectName("valueEditor")
        self.editor.setMinimumHeight(BUTTON_HEIGHT - 4)
        self.editor.setMaximumWidth(160)
        self.editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editor.editingFinished.connect(self._commit)
        self.editor.textEdited.connect(self._typing)
        self.setFocusProxy(self.editor)
        row.addWidget(self.editor)
        unit = QLabel(self.item.unit or "", self)
        row.addWidget(unit)
        limits = self.item.range
        if limits is not None:
            if limits.min is not None and limits.max is not None:
                text = self.tr("allowed {0} – {1}").format(_number(limits.min), _number(limits.max))
            elif limits.min is not None:
                text = self.tr("at least {0}").format(_number(limits.min))
            else:
                text = self.tr("at most {0}").format(_number(limits.max))
            hint = QLabel(f"({text} {self.item.unit})", self)
            hint.setObjectName("rangeHint")
            row.addWidget(hint)
        self.problem = QLabel(self.tr("Enter a number, e.g. 130"), self)
        self.problem.setObjectName("valueProblem")
        self.problem.setVisible(False)
        row.addWidget(self.problem)
        self.add_na_and_chip(row)

    def _parse(self):
        text = self.editor.text().strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
        if number != number or number in (float("inf"), float("-inf")):
            return None
        return int(number) if number.is_integer() and abs(number) < 1e15 else number

    def _typing(self, _text: str) -> None:
        """Keep a typed number even if the laptop dies before Enter (saved after a pause)."""
        value = self._parse()
        if value is not None and value != self._state["value"]:
            answer = None if self._state["answer"] == "na" else self._state["answer"]
            self._update(immediate=False, answer=answer, value=value)

    def _commit(self) -> None:
        if not self.editor.text().strip():
            self.problem.setVisible(False)
            self.show_value()  # core cannot forget a value; show the stored one
            return
        value = self._parse()
        self.problem.setVisible(value is None)
        if value is None:
            return
        if value != self._state["value"] or self._state["answer"] == "na":
            self.set_value(value)
        else:
            self.changed.emit(self.item.id, self.state(), True)  # write now what typing left pending

    def show_value(self) -> None:
        value = self._state["value"]
        self.editor.setText("" if value is None else _number(value))

    def enable_controls(self, enabled: bool) -> None:
        super().enable_controls(enabled)
        self.editor.setReadOnly(not enabled)


class ChoiceItem(_ValueItem):
    """One button per choice (keys 1..n); choices listed as failing fail the item."""

    def build_answer_row(self, row: QHBoxLayout) -> None:
        self.buttons = {}
        for number, choice in enumerate(self.item.choices, start=1):
            button = answer_button(choice.label.get(self.language), f"choice_{choice.value}", self)
            button.setToolTip(self.tr("Key {0}").format(number))
            button.clicked.connect(lambda _=False, v=choice.value: self.choose(v))
            row.addWidget(button)
            self.buttons[choice.value] = button
        self.add_na_and_chip(row)

    def choose(self, value: str) -> None:
        if self._read_only:
            return
        self.set_value(value)
        self.take_focus()

    def answer_by_key(self, number: int) -> bool:
        choices = self.item.choices
        if number <= len(choices):
            self.choose(choices[number - 1].value)
            return True
        return False

    def refresh_controls(self) -> None:
        super().refresh_controls()
        chosen = None if self._state["answer"] == "na" else self._state["value"]
        failing = set(self.item.fail_choices or ())
        for value, button in self.buttons.items():
            if value != chosen:
                style_choice(button, None)
            elif not self.item.scored:
                style_choice(button, BLUE)
            else:
                style_choice(button, RED if value in failing else GREEN)

    def enable_controls(self, enabled: bool) -> None:
        super().enable_controls(enabled)
        for button in self.buttons.values():
            button.setEnabled(enabled)


class _DateEditor(QDateEdit):
    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            event.ignore()
            return
        super().keyPressEvent(event)


class DateItem(_ValueItem):
    """A date, picked from a calendar or typed; "Today" fills it in one click."""

    def build_answer_row(self, row: QHBoxLayout) -> None:
        self.editor = _DateEditor(self)
        self.editor.setObjectName("valueEditor")
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd")
        self.editor.setMinimumDate(NO_DATE)
        self.editor.setSpecialValueText("—")
        self.editor.setDate(NO_DATE)
        self.editor.setMinimumHeight(BUTTON_HEIGHT - 4)
        self.editor.editingFinished.connect(self._commit)
        self.setFocusProxy(self.editor)
        row.addWidget(self.editor)
        self.today = QPushButton(self.tr("Today"), self)
        self.today.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.today.setMinimumHeight(BUTTON_HEIGHT - 4)
        self.today.clicked.connect(self._set_today)
        row.addWidget(self.today)
        self.add_na_and_chip(row)

    def _set_today(self) -> None:
        self.editor.setDate(QDate.currentDate())
        self._commit()

    def _commit(self) -> None:
        chosen = self.editor.date()
        if chosen == NO_DATE:
            self.show_value()
            return
        value = chosen.toString("yyyy-MM-dd")
        if value != self._state["value"]:
            self.set_value(value)

    def show_value(self) -> None:
        value = self._state["value"]
        try:
            day = date.fromisoformat(str(value)) if value else None
        except ValueError:
            day = None
        self.editor.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)

    def enable_controls(self, enabled: bool) -> None:
        super().enable_controls(enabled)
        self.editor.setReadOnly(not enabled)
        self.today.setEnabled(enabled)


class TextItem(_ValueItem):
    """Free text for the record (a name, a batch number)."""

    def build_answer_row(self, row: QHBoxLayout) -> None:
        self.editor = _Editor(self)
        self.editor.setObjectName("valueEditor")
        self.editor.setMinimumHeight(BUTTON_HEIGHT - 4)
        self.editor.setMinimumWidth(320)
        self.editor.editingFinished.connect(self._commit)
        self.editor.textEdited.connect(self._typing)
        self.setFocusProxy(self.editor)
        row.addWidget(self.editor, 3)
        self.add_na_and_chip(row)

    def _typing(self, text: str) -> None:
        text = text.strip()
        if text and text != self._state["value"]:
            answer = None if self._state["answer"] == "na" else self._state["answer"]
            self._update(immediate=False, answer=answer, value=text)

    def _commit(self) -> None:
        text = self.editor.text().strip()
        if not text:
            self.show_value()
            return
        if text != self._state["value"]:
            self.set_value(text)
        else:
            self.changed.emit(self.item.id, self.state(), True)

    def show_value(self) -> None:
        self.editor.setText(self._state["value"] or "")

    def enable_controls(self, enabled: bool) -> None:
        super().enable_controls(enabled)
        self.editor.setReadOnly(not enabled)


WIDGETS: dict[str, type[ItemWidget]] = {
    "check": CheckItem,
    "number": NumberItem,
    "choice": ChoiceItem,
    "date": DateItem,
    "text": TextItem,
}


def widget_for(item, language: str, parent: QWidget | None = None, *, state: dict | None = None,
               read_only: bool = False) -> ItemWidget:
    """The card for `item`, showing a stored `state` (nothing is emitted)."""
    return WIDGETS[item.kind](item, language, parent, state=state, read_only=read_only)


def _number(value) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}"
