"""The answer controls of each item kind, picked from WIDGETS by `item.kind`.

check: 符合 / 不符合 / 合理缺项 as three large buttons; number, choice, date
and text: an editor, the outcome it means by the checklist's range or failing
choices, and 合理缺项 for scored items. The common card (text, note, photos,
guidance) is item_card.ItemWidget.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from .item_card import Editor, ItemWidget, set_shown
from .theme import BLUE, GREEN, GREY, OUTCOME_COLOUR, OUTCOME_ICON, RED, style_choice

BUTTON_HEIGHT = 48
NO_DATE = QDate(2000, 1, 1)


def answer_button(text: str, name: str, parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setProperty("choice", True)  # the resting look is ITEM_STYLE's
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setMinimumWidth(128)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


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
        self.editor = Editor(self)
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
        self.editor = Editor(self)
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
