"""Photos on the Inspection screen: attach (file picker or drop), show as thumbnails, view large, remove.

Files are checked and stored by core through the Runner; thumbnails are made
on the work pool and handed to the cards, also to cards built later. Mixed
into InspectionPage; its texts keep the page's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from ..core.errors import ValidationError
from . import inspection_ops as ops
from .errors import show_error
from .photo_strip import PhotoViewer

translate = QCoreApplication.translate
IMAGE_FILTER = "*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff"


class InspectionPhotos:
    """The page's photos; uses `data`, `context`, `_cards`, `_item_photos`, `_thumbs` and the saving bookkeeping."""

    def choose_photos(self, item_id: str) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        paths, _ = QFileDialog.getOpenFileNames(self, translate("InspectionPage", "Choose photos"), folder,
                                                translate("InspectionPage", "Images ({0})").format(IMAGE_FILTER))
        if paths:
            self.attach_photos(item_id, paths)

    def attach_photos(self, item_id: str, paths: list) -> None:
        """Attach image files to an item (the file picker and drops both come here)."""
        if self.read_only or not paths:
            return
        inspection_id, actor = self.data.id, getattr(self.context.user, "id", None)
        paths = [str(p) for p in paths]
        self._in_flight += 1
        self._update_saved_label()
        self.context.runner.op(lambda task: ops.attach_photos(task, inspection_id, item_id, paths, actor),
                               parent=self) \
            .success(lambda result: self._photos_attached(inspection_id, result)) \
            .failure(lambda exc: self._save_failed(inspection_id, exc)) \
            .changes("inspections").run()

    def _photos_attached(self, inspection_id: str, result) -> None:
        self._in_flight -= 1
        attached, problems = result
        if self.data is not None and self.data.id == inspection_id:
            self._show_photos(attached)
            self._refresh_live()
        self._update_saved_label()
        if problems:
            show_error(self, ValidationError("\n".join(problems)))

    def _show_photos(self, photos) -> None:
        for photo in photos:
            if photo.item_id not in self.item_widgets:
                continue
            self._item_photos.setdefault(photo.item_id, []).append(photo)
            card = self._cards.get(photo.item_id)
            if card is not None:
                card.add_photo(photo.sha256, self._thumbs.get(photo.sha256), evidence_id=photo.evidence_id)
        wanted = sorted({p.sha256 for p in photos if p.sha256 not in self._thumbs})
        if wanted:
            blobs = self.context.paths.blobs
            self.context.runner.op(lambda task: ops.thumbnails(task, blobs, wanted), parent=self) \
                .on_pool().success(self._thumbnails_loaded).run()

    def _thumbnails_loaded(self, images: dict) -> None:
        self._thumbs.update(images)
        for card in self._cards.values():
            if not card.photo_count():
                continue
            for sha256 in card.photos.hashes():
                if sha256 in images:
                    card.photos.set_thumbnail(sha256, images[sha256])

    def open_photo(self, sha256: str, evidence_id: str = "") -> None:
        blobs = self.context.paths.blobs
        self.context.runner.op(lambda task: ops.thumbnails(task, blobs, [sha256], size=500), parent=self) \
            .on_pool().success(lambda images: sha256 in images and self._show_photo(images[sha256], evidence_id)) \
            .run()

    def _show_photo(self, image, evidence_id: str) -> None:
        """The large photo; a draft's photo can be removed from there (after a confirmation)."""
        viewer = PhotoViewer(image, self, evidence_id=evidence_id or None,
                             removable=not self.read_only and bool(evidence_id))
        viewer.remove_requested.connect(self.remove_photo)
        viewer.finished.connect(viewer.deleteLater)
        viewer.open()

    def remove_photo(self, evidence_id: str) -> None:
        """Take a (wrong) photo off the draft: written through the runner, then the item's thumbnails
        and its "photo needed" state follow."""
        if self.read_only or not evidence_id:
            return
        inspection_id, actor = self.data.id, getattr(self.context.user, "id", None)
        self._in_flight += 1
        self._update_saved_label()
        self.context.runner.op(lambda task: ops.detach_photo(task, inspection_id, evidence_id, actor),
                               parent=self) \
            .success(lambda _: self._photo_removed(inspection_id, evidence_id)) \
            .failure(lambda exc: self._save_failed(inspection_id, exc)) \
            .changes("inspections").run()

    def _photo_removed(self, inspection_id: str, evidence_id: str) -> None:
        self._in_flight -= 1
        if self.data is not None and self.data.id == inspection_id:
            for item_id, photos in list(self._item_photos.items()):
                kept = [p for p in photos if p.evidence_id != evidence_id]
                if len(kept) != len(photos):
                    self._item_photos[item_id] = kept
                    card = self._cards.get(item_id)
                    if card is not None:
                        card.remove_photo(evidence_id)
                    self._relist_missing_photo(item_id)
            self._refresh_live()
        self._update_saved_label()
