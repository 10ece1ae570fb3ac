"""A failed item's card offers 当场整改 (with what was done) and, for a general item, 影响食品安全 (Order 49 Art. 33).

The card only shows and sends the marks; core decides what follows (tests/core/test_outcome_order49.py).
What it sends must be something core takes: a fix only with its note, marks only on a failure.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from inspector_app.core import checklists
from inspector_app.core.paths import forms_dir
from inspector_app.gui.item_kinds import widget_for


@pytest.fixture(scope="module")
def catering():
    return checklists.load_file(forms_dir() / "catering.v1.yaml")


def card_for(qtbot, item, state=None):
    card = widget_for(item, "zh", state=state)
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    sent = []
    card.changed.connect(lambda item_id, state, _now: sent.append(state))
    return card, sent


def tick(qtbot, box):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_a_general_item_is_fixed_on_the_spot_or_marked_as_affecting_safety(qtbot, catering):
    card, sent = card_for(qtbot, catering.items["5.2"])
    assert card._fix_row is None, "nothing to mark before a failure"
    qtbot.mouseClick(card.buttons["fail"], Qt.MouseButton.LeftButton)
    assert card.fix_row.isVisible() and card.safety_box is not None and not card.fix_note.isVisible()
    tick(qtbot, card.safety_box)
    assert sent[-1] == {"answer": "fail", "value": None, "note": None, "affects_safety": True}
    tick(qtbot, card.safety_box)
    count = len(sent)
    tick(qtbot, card.fixed_box)
    assert card.fix_note.isVisible() and len(sent) == count, "a fix is sent only with its note"
    assert "fixed_on_spot" not in card.state()
    QTest.keyClicks(card.fix_note, "cleaned")
    QTest.keyClick(card.fix_note, Qt.Key.Key_Return)
    assert sent[-1] == {"answer": "fail", "value": None, "note": None, "fixed_on_spot": True, "fix_note": "cleaned"}
    tick(qtbot, card.fixed_box)  # taken back: the note goes with it
    assert sent[-1] == {"answer": "fail", "value": None, "note": None} and not card.fix_note.isVisible()
    tick(qtbot, card.fixed_box)
    QTest.keyClicks(card.fix_note, "again")
    QTest.keyClick(card.fix_note, Qt.Key.Key_Return)
    qtbot.mouseClick(card.buttons["pass"], Qt.MouseButton.LeftButton)
    assert sent[-1] == {"answer": "pass", "value": None, "note": None}, "a pass carries no marks"
    assert not card.fix_row.isVisible()


def test_a_key_item_has_no_safety_mark_and_a_stored_fix_shows(qtbot, catering):
    """A failed key item goes to a case anyway (Art. 32); its fix on the spot is still recorded."""
    stored = {"answer": "fail", "value": None, "note": None, "fixed_on_spot": True, "fix_note": "已更换"}
    card, sent = card_for(qtbot, catering.items["3.1"], state=stored)
    assert card.fix_row.isVisible() and card.safety_box is None
    assert card.fixed_box.isChecked() and card.fix_note.text() == "已更换" and card.fix_note.isVisible()
    assert card.state() == stored and sent == []
