"""A card's photos: its strip of thumbnails, image files dropped on it, and whether a photo is still needed.

Mixed into item_card.ItemWidget, whose frame shows a drop target while files
are dragged over it (`_drag_over`, `_refresh_frame`). The page attaches the
dropped files and hands the thumbnails back (add_photo).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from .photo_strip import PhotoStrip

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff"}


def image_paths(urls: list[QUrl]) -> list[str]:
    """Local image files among dropped URLs (by suffix; core verifies the content)."""
    return [url.toLocalFile() for url in urls
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES]



class CardPhotos:
    """The photo half of a card; expects `item`, `_layout`, `_note`, `_read_only`, `_refresh()`,
    `_refresh_frame()` and the signals `open_photo` and `photos_dropped` from the card."""

    _photos: PhotoStrip | None = None
    _drag_over = False

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
