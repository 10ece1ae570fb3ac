"""A failed item's follow-through on its card: 当场整改 with what was done, and 影响食品安全 for a general item.

Mixed into item_card.ItemWidget. The card only shows and sends the marks; core
decides what follows from them (core/rules.treatment: a case, a fix on the spot
or a written order) and refuses a fix without its note (core/failure_marks.py).
A photo of the fix goes on the card's photo strip like any other photo.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

MARKS = ("fixed_on_spot", "fix_note", "affects_safety")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ItemWidget", text)  # the card's context in the .ts


class CardFix:
    """The marks half of a card; expects `item`, `_layout`, `_state`, `_read_only`, `has_answer()`,
    `outcome()` and `changed` from the card. The row is made when an item first fails."""

    _fix_row: QWidget | None = None
    fixed_box: QCheckBox
    fix_note: QLineEdit
    safety_box: QCheckBox | None = None

    @property
    def fix_row(self) -> QWidget:
        if self._fix_row is None:
            from .item_card import Editor
            row = QWidget(self)  # type: ignore[arg-type]  # mixed into a QFrame
            row.setObjectName("fixRow")
            column = QVBoxLayout(row)
            column.setContentsMargins(0, 0, 0, 0)
            boxes = QHBoxLayout()
            self.fixed_box = QCheckBox(_tr("Fixed on the spot"), row)
            self.fixed_box.setObjectName("fixedOnSpot")
            self.fixed_box.setToolTip(_tr("Put right while you were there: record what was done "
                                          "(Order 49 Art. 33 ¶2). It still counts as found."))
            self.fixed_box.toggled.connect(self._fixed_toggled)
            boxes.addWidget(self.fixed_box)
            if not self.item.key:
                self.safety_box = QCheckBox(_tr("Affects food safety"), row)
                self.safety_box.setObjectName("affectsSafety")
                self.safety_box.setToolTip(_tr("Not minor: the item goes to a case for investigation "
                                               "(Order 49 Art. 33 ¶3)"))
                self.safety_box.toggled.connect(self._safety_toggled)
                boxes.addWidget(self.safety_box)
            boxes.addStretch(1)
            column.addLayout(boxes)
            self.fix_note = Editor(row)
            self.fix_note.setObjectName("fixNote")
            self.fix_note.setPlaceholderText(_tr("What was done on the spot, and with what effect (required)"))
            self.fix_note.setMinimumHeight(36)
            self.fix_note.setVisible(False)
            self.fix_note.editingFinished.connect(self._fix_note_finished)
            column.addWidget(self.fix_note)
            details = self._layout.indexOf(self._details) if self._details is not None else -1
            self._layout.insertWidget(details if details >= 0 else self._layout.count(), row)
            self._fix_row = row
            self.show_marks()
        return self._fix_row

    def show_marks(self) -> None:
        """Put the stored marks on the controls, emitting nothing."""
        if self._fix_row is None:
            return
        for box, key in ((self.fixed_box, "fixed_on_spot"), (self.safety_box, "affects_safety")):
            if box is not None:
                box.blockSignals(True)
                box.setChecked(bool(self._state.get(key)))
                box.setEnabled(not self._read_only)
                box.blockSignals(False)
        self.fix_note.setText(self._state.get("fix_note") or "")
        self.fix_note.setReadOnly(self._read_only)
        self.fix_note.setVisible(bool(self._state.get("fixed_on_spot")))

    def refresh_marks(self) -> None:
        """Shown on a failed item only; an item that no longer fails drops its marks (core refuses them)."""
        failed = self.outcome() == "fail"
        if not failed and any(key in self._state for key in MARKS):
            for key in MARKS:
                self._state.pop(key, None)
            self.show_marks()
        if failed or self._fix_row is not None:
            self.fix_row.setVisible(failed)

    def _send_marks(self) -> None:
        if self._read_only or not self.has_answer():
            return
        self.changed.emit(self.item.id, self.state(), True)

    def _fixed_toggled(self, checked: bool) -> None:
        if checked:
            self._state["fixed_on_spot"] = True
            self.fix_note.setVisible(True)
            self.fix_note.setFocus(Qt.FocusReason.OtherFocusReason)
            if self._state.get("fix_note"):
                self._send_marks()  # else it is sent with its note (core wants both)
        else:
            self._state.pop("fixed_on_spot", None)
            self._state.pop("fix_note", None)
            self.fix_note.clear()
            self.fix_note.setVisible(False)
            self._send_marks()

    def _fix_note_finished(self) -> None:
        text = self.fix_note.text().strip() or None
        if text == self._state.get("fix_note") or not self._state.get("fixed_on_spot"):
            return
        if text is None:
            self._state.pop("fix_note", None)
            return  # a fix without its note is not sent; core would refuse it
        self._state["fix_note"] = text
        self._send_marks()

    def _safety_toggled(self, checked: bool) -> None:
        if checked:
            self._state["affects_safety"] = True
        else:
            self._state.pop("affects_safety", None)
        self._send_marks()
