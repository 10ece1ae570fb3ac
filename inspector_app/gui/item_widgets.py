"""One widget per checklist item kind, picked from WIDGETS by `item.kind`.

Every widget shows the item's text (★ for key items), its answer controls, a
note that opens on 不符合, the photos and, behind ⓘ, the guidance and legal
basis. Widgets only emit what the user did; the page saves it. Keys: 1/2/3
answer, Up/Down move, Enter moves on.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDateEdit, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy,
                               QToolButton, QVBoxLayout, QWidget)

from ..core import rules
from .photo_strip import PhotoStrip

GREEN, AMBER, RED, GREY, BLUE = "#2e7d32", "#b26a00", "#c62828", "#6d6d6d", "#1565c0"
OUTCOME_COLOUR = {"pass": GREEN, "fail": RED, "na": GREY, None: "#d5d5d5"}
OUTCOME_ICON = {"pass": "✓", "fail": "✗", "na": "–"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff"}
BUTTON_HEIGHT = 48
LINK_STYLE = (f"QPushButton {{ color: {BLUE}; border: none; padding: 6px; }}"
              " QPushButton:hover { text-decoration: underline; }")
NO_DATE = QDate(2000, 1, 1)


def image_paths(urls: list[QUrl]) -> list[str]:
    """Local image files among dropped URLs (by suffix; core verifies the content)."""
    return [url.toLocalFile() for url in urls
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES]


def answer_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setMinimumWidth(128)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    style_choice(button, None)
    return button


def style_choice(button: QPushButton, colour: str | None) -> None:
    """A chosen answer is filled with its colour; the others are plain outlines."""
    if colour:
        button.setStyleSheet(f"QPushButton {{ background: {colour}; color: white; border: 2px solid {colour};"
                             " border-radius: 6px; padding: 4px 14px; font-weight: bold; }")
    else:
        button.setStyleSheet("QPushButton { background: white; color: #222; border: 1px solid #9e9e9e;"
                             " border-radius: 6px; padding: 4px 14px; }"
                             "QPushButton:hover { border-color: #1565c0; }"
                             "QPushButton:disabled { color: #9e9e9e; border-color: #d5d5d5; }")


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
    open_photo = Signal(str)           # sha256

    def __init__(self, item, language: str, parent=None):
        super().__init__(parent)
        self.item, self.language = item, language
        self._state = {"answer": None, "value": None, "note": None}
        self._read_only = False
        self._current = False
        self._drag_over = False
        self.setObjectName("itemCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never squeezed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(self._header())
        self.answer_row = QHBoxLayout()
        self.answer_row.setSpacing(10)
        layout.addLayout(self.answer_row)  # first, so controls get their parent at once (never a window)
        self.build_answer_row(self.answer_row)
        self.answer_row.addStretch(1)
        self.note_button = QPushButton(self.tr("Add note"))
        self.note_button.setObjectName("noteButton")
        self.note_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.note_button.setFlat(True)
        self.note_button.setStyleSheet(LINK_STYLE)
        self.note_button.clicked.connect(self._open_note)
        self.answer_row.addWidget(self.note_button)
        self.photo_button = QPushButton(self.tr("Add photo…"))
        self.photo_button.setObjectName("photoButton")
        self.photo_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.photo_button.setFlat(True)
        self.photo_button.setToolTip(self.tr("Choose photos, or drag image files onto this item"))
        self.photo_button.clicked.connect(lambda: self.add_photos.emit(self.item.id))
        self.answer_row.addWidget(self.photo_button)
        self.note = _Editor()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("Note: what exactly is wrong, where, how many"))
        self.note.setMinimumHeight(36)
        self.note.textEdited.connect(self._note_edited)
        self.note.editingFinished.connect(self._note_finished)
        layout.addWidget(self.note)
        self.photos = PhotoStrip(with_button=False)
        self.photos.open_requested.connect(self.open_photo)
        layout.addWidget(self.photos)
        self.details = QLabel(self._details_html())
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet("QLabel#details { background: #f4f7fb; border-radius: 4px; padding: 8px;"
                                   " color: #333; }")
        self.details.setVisible(False)
        layout.addWidget(self.details)
        self._refresh()

    # --- building ----------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        number = QLabel(self.item.id)
        number.setObjectName("itemNumber")
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        number.setFont(mono)
        number.setStyleSheet("color: #6d6d6d;")
        number.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(number)
        if self.item.key:
            star = QLabel("★ " + self.tr("Key"))
            star.setObjectName("keyMark")
            star.setStyleSheet(f"color: {RED}; font-weight: bold;")
            star.setToolTip(self.tr("Key item (重点项): a failure weighs heavily on the result"))
            star.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(star)
        self.text_label = QLabel(self.item.text.get(self.language))
        self.text_label.setObjectName("itemText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = self.text_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.12)
        self.text_label.setFont(font)
        row.addWidget(self.text_label, 1)
        if not self.item.scored:
            tag = QLabel(self.tr("For the record"))
            tag.setToolTip(self.tr("Recorded only; it does not count for the result"))
            tag.setStyleSheet("color: #6d6d6d; border: 1px solid #c8c8c8; border-radius: 3px; padding: 1px 4px;")
            tag.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(tag)
        self.info_button = QToolButton()
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
        """Subclasses add their answer controls to `row`."""
        raise NotImplementedError

    # --- state ---------------------------------------------------------------

    def state(self) -> dict:
        return dict(self._state)

    def set_state(self, state: dict | None) -> None:
        """Show a stored answer without emitting anything."""
        self._state = {"answer": None, "value": None, "note": None, **(state or {})}
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
        self.note.setReadOnly(read_only)
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

    # --- note ------------------------------------------------------------------

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

    # --- look ----------------------------------------------------------------

    def _refresh(self) -> None:
        outcome = self.outcome()
        show_note = outcome == "fail" or bool(self._state["note"]) or bool(self.note.text())
        self.note.setVisible(show_note)
        self.note_button.setVisible(not show_note and not self._read_only and self.has_answer())
        self.photos.setVisible(bool(self.photos.thumbs))
        self.photo_button.setVisible(not self._read_only)
        needed = self.needs_photo()
        self.photo_button.setText(self.tr("Add photo (needed)…") if needed else self.tr("Add photo…"))
        self.photo_button.setStyleSheet(f"QPushButton {{ color: {RED}; font-weight: bold; border: none;"
                                        " padding: 6px; }" if needed else LINK_STYLE)
        self.refresh_controls()
        self._refresh_frame()

    def refresh_controls(self) -> None:
        """Subclasses show the state on their controls."""

    def _refresh_frame(self) -> None:
        outcome = self.outcome()
        edge = OUTCOME_COLOUR[outcome]
        key_failed = self.item.key and outcome == "fail"
        border = RED if key_failed else (BLUE if self._current else "#d5d5d5")
        width = 2 if (key_failed or self._current) else 1
        background = "#fff4f4" if key_failed else ("#f7fbff" if self._current else "white")
        if self._drag_over:
            border, width, background = BLUE, 2, "#e8f1fc"
        style = "dashed" if self._drag_over else "solid"
        self.setStyleSheet(f"QFrame#itemCard {{ background: {background}; border: {width}px {style} {border};"
                           f" border-left: 7px solid {RED if key_failed else edge}; border-radius: 6px; }}")

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)

    def add_photo(self, sha256: str, image=None) -> None:
        self.photos.add_photo(sha256, image)
        self._refresh()

    def photo_count(self) -> int:
        return len(self.photos.thumbs)

    def needs_photo(self) -> bool:
        return self.item.evidence_on_fail and self.outcome() == "fail" and not self.photos.thumbs

    # --- keys, mouse, drops --------------------------------------------------

    def answer_by_key(self, number: int) -> bool:
        """Keys 1..9; subclasses answer and return True when the key meant something."""
        return False

    def keyPressEvent(self, event) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and mods == Qt.KeyboardModifier.NoModifier:
            if not self._read_only and self.answer_by_key(int(key) - int(Qt.Key.Key_0)):
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
        if self.note.isVisible() and self.outcome() == "fail" and not self.note.text():
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)
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
            button = answer_button(labels[answer], f"answer_{answer}")
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

    def show_outcome(self, outcome: str | None, texts: dict) -> None:
        self.setVisible(outcome is not None)
        if outcome is not None:
            colour = OUTCOME_COLOUR[outcome]
            self.setText(f"{OUTCOME_ICON[outcome]} {texts[outcome]}")
            self.setStyleSheet(f"color: {colour}; font-weight: bold; padding: 0 8px;")


class _ValueItem(ItemWidget):
    """Shared by value kinds: an editor, an outcome chip and 合理缺项 (key 3) for scored items."""

    def add_na_and_chip(self, row: QHBoxLayout) -> None:
        self.chip = OutcomeChip()
        self.chip.setObjectName("outcomeChip")
        row.addWidget(self.chip)
        self.na_button = answer_button("–  " + self.tr("Not applicable"), "answer_na")
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
        self.editor = _Editor()
        self.editor.setObjectName("valueEditor")
        self.editor.setMinimumHeight(BUTTON_HEIGHT - 4)
        self.editor.setMaximumWidth(160)
        self.editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editor.editingFinished.connect(self._commit)
        self.editor.textEdited.connect(self._typing)
        self.setFocusProxy(self.editor)
        row.addWidget(self.editor)
        unit = QLabel(self.item.unit or "")
        row.addWidget(unit)
        limits = self.item.range
        if limits is not None:
            if limits.min is not None and limits.max is not None:
                text = self.tr("allowed {0} – {1}").format(_number(limits.min), _number(limits.max))
            elif limits.min is not None:
                text = self.tr("at least {0}").format(_number(limits.min))
            else:
                text = self.tr("at most {0}").format(_number(limits.max))
            hint = QLabel(f"({text} {self.item.unit})")
            hint.setStyleSheet("color: #6d6d6d;")
            row.addWidget(hint)
        self.problem = QLabel(self.tr("Enter a number, e.g. 130"))
        self.problem.setStyleSheet(f"color: {RED};")
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
            button = answer_button(choice.label.get(self.language), f"choice_{choice.value}")
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
        self.editor = _DateEditor()
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
        self.today = QPushButton(self.tr("Today"))
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
        self.editor = _Editor()
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


def widget_for(item, language: str, parent: QWidget | None = None) -> ItemWidget:
    return WIDGETS[item.kind](item, language, parent)


def _number(value) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}"
