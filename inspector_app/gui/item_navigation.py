"""Moving through the Inspection screen: which items show (skip logic), sections, the current item, keys.

Which items show follows the category and the answers so far (core's
relevant_items), recomputed on every answer together with the progress and
the live result. Up/Down/Enter move across sections; one-item mode shows only
the current item. Mixed into InspectionPage; its texts keep the page's
translation context.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer

from ..core import rules
from .item_card import ItemWidget, set_shown
from .section_list import section_rows

translate = QCoreApplication.translate


class ItemNavigation:
    """Visibility, sections and the current item; uses `data`, `answers`, `column`, `scroll`, `_cards`."""

    def _first_open_item(self) -> str | None:
        visible = self.visible_items()
        for item_id in visible:
            if rules.item_outcome(self.data.checklist.items[item_id], self.answers.get(item_id)) is None \
                    and self.data.checklist.items[item_id].scored:
                return item_id
        return visible[0] if visible else None

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
        text = translate("InspectionPage", "{0} of {1} answered").format(answered, total)
        if failed:
            text += " · " + translate("InspectionPage", "{0} non-compliant").format(failed)
        self.progress_label.setText(text)
        self._show_result()
        self._prune_missing()

    def _apply_visibility(self) -> None:
        if self.current_section is not None:
            self._build_section(self.current_section)
        visible = set(self.visible_items())
        for item_id, card in self._cards.items():
            set_shown(card, item_id in visible and (not self.one_item or item_id == self.current_item))
        for section_id, block in self.section_blocks.items():
            set_shown(block, section_id == self.current_section)

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
