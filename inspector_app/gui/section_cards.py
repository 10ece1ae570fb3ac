"""The item cards of the Inspection screen, built a section at a time.

Opening builds the cards of the section shown first; the other sections'
cards are built when first needed (shown, jumped to, or looked up in
`page.item_widgets`) and, while the page is on screen, a section at a time in
idle moments, so switching sections stays instant.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from . import inspection_ops as ops
from .item_card import ItemWidget, set_shown
from .item_kinds import widget_for


class ItemCards(Mapping):
    """`page.item_widgets`: the card of every item by id, in checklist order.

    Looking a card up builds its section's cards if they are not built yet;
    `built` holds the cards that exist."""

    def __init__(self, page):
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


class SectionCards:
    """Builds and discards the cards; uses the page's `data`, `answers`, `scroll`, `_cards`, `_fill_timer`."""

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
