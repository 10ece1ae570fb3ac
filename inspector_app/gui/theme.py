"""The desktop's look in one place: the colours, the primary button, and the resting look of item cards.

A colour always comes with an icon or words (✓ ✗ ◐), never alone: the
inspection screen is read in a bright canteen and by colour-blind people.
Item cards are cheap to build because their resting look comes from
ITEM_STYLE, set once on the widget that holds the cards (apply_item_style);
only a look that differs gets a style sheet of its own.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from ..core import rules
from .photo_strip import THUMBNAIL_STYLE

GREEN, AMBER, RED, GREY, BLUE = "#2e7d32", "#b26a00", "#c62828", "#6d6d6d", "#1565c0"
OUTCOME_COLOUR = {"pass": GREEN, "fail": RED, "na": GREY, None: "#d5d5d5"}
OUTCOME_ICON = {"pass": "✓", "fail": "✗", "na": "–"}
RESULT_LOOK = {rules.COMPLIANT: ("✓", GREEN), rules.BASIC: ("◐", AMBER), rules.NON_COMPLIANT: ("✗", RED)}

# The one action a screen leads to (finish, finalize, export).
PRIMARY_BUTTON = (f"QPushButton {{ background: {BLUE}; color: white; font-weight: bold; border-radius: 6px;"
                  " padding: 6px 18px; } QPushButton:disabled { background: #b8c7da; }")

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


def has_item_style(widget: QWidget | None) -> bool:
    """Whether `widget` or one of its ancestors carries ITEM_STYLE."""
    while widget is not None:
        if widget.property(ITEM_STYLE_PROPERTY):
            return True
        widget = widget.parentWidget()
    return False


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def style_choice(button: QPushButton, colour: str | None) -> None:
    """A chosen answer is filled with its colour; the others are plain outlines (ITEM_STYLE)."""
    sheet = (f"QPushButton {{ background: {colour}; color: white; border: 2px solid {colour};"
             " border-radius: 6px; padding: 4px 14px; font-weight: bold; }") if colour else ""
    if button.styleSheet() != sheet:
        button.setStyleSheet(sheet)
