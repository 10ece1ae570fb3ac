"""Thumbnails of an item's photos, with an "Add photo" button; images arrive from the page.

The strip never reads files: the page loads thumbnails on the work pool and
hands them over with set_thumbnail(). Until then a calm placeholder shows.
A thumbnail knows its evidence id, so the viewer can offer "Remove photo"
(drafts only) and the page can take exactly that thumbnail away.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

THUMB = 72
# The look of a thumbnail; part of theme.ITEM_STYLE, which the strip's card or page carries.
THUMBNAIL_STYLE = ("QLabel#thumbnail { border: 1px solid #c8c8c8; border-radius: 4px;"
                   " background: #f3f3f3; color: #9e9e9e; }")


class Thumbnail(QLabel):
    clicked = Signal(str, str)  # sha256, evidence id ("" when unknown)

    def __init__(self, sha256: str, parent=None, *, evidence_id: str | None = None):
        super().__init__(parent)
        self.sha256 = sha256
        self.evidence_id = evidence_id
        self.setObjectName("thumbnail")
        self.setFixedSize(THUMB, THUMB)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setText("…")
        self.setToolTip(self.tr("Photo — click to see it larger"))

    def set_image(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image).scaled(QSize(THUMB - 4, THUMB - 4), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(pixmap)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.sha256, self.evidence_id or "")
        super().mouseReleaseEvent(event)


class PhotoStrip(QWidget):
    """A row of thumbnails and the "Add photo…" button."""

    add_requested = Signal()
    open_requested = Signal(str, str)  # sha256, evidence id

    def __init__(self, parent=None, *, with_button: bool = True):
        super().__init__(parent)
        self.thumbs: list[Thumbnail] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self.add_button = QPushButton(self.tr("Add photo…"), self)
        self.add_button.setObjectName("addPhoto")
        self.add_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.add_button.setToolTip(self.tr("Choose photos, or drag image files onto this item"))
        self.add_button.clicked.connect(self.add_requested)
        self.add_button.setVisible(with_button)
        self._with_button = with_button
        self._row.addWidget(self.add_button)
        self._row.addStretch(1)

    def add_photo(self, sha256: str, image: QImage | None = None, *, evidence_id: str | None = None) -> Thumbnail:
        thumb = Thumbnail(sha256, self, evidence_id=evidence_id)
        thumb.clicked.connect(self.open_requested)
        if image is not None:
            thumb.set_image(image)
        self._row.insertWidget(len(self.thumbs), thumb)
        self.thumbs.append(thumb)
        return thumb

    def set_thumbnail(self, sha256: str, image: QImage) -> None:
        for thumb in self.thumbs:
            if thumb.sha256 == sha256:
                thumb.set_image(image)

    def remove_photo(self, evidence_id: str) -> bool:
        """Take the thumbnail of this evidence away; False when it is not in the strip."""
        thumb = next((t for t in self.thumbs if t.evidence_id == evidence_id), None)
        if thumb is None:
            return False
        self.thumbs.remove(thumb)
        self._row.removeWidget(thumb)
        thumb.hide()
        thumb.deleteLater()
        return True

    def hashes(self) -> list[str]:
        return [thumb.sha256 for thumb in self.thumbs]

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setVisible(self._with_button and not read_only)


class PhotoViewer(QDialog):
    """One photo, large; the image is loaded by the caller off the UI thread.

    With `removable` (a draft's photo) it offers "Remove photo…"; once the
    inspector confirms, it emits remove_requested(evidence id) and closes.
    The caller does the removal (through the runner)."""

    remove_requested = Signal(str)  # evidence id

    def __init__(self, image: QImage, parent=None, *, evidence_id: str | None = None, removable: bool = False):
        super().__init__(parent)
        self.evidence_id = evidence_id
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Photo"))
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setPixmap(QPixmap.fromImage(image))
        scroll = QScrollArea()
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        self.remove_button = QPushButton(self.tr("Remove photo…"))
        self.remove_button.setObjectName("removePhoto")
        self.remove_button.setToolTip(self.tr("Take this photo off the draft (for example, a wrong photo)"))
        self.remove_button.setStyleSheet("QPushButton#removePhoto { color: #c62828; }")
        self.remove_button.clicked.connect(self.ask_remove)
        self.remove_button.setVisible(removable and bool(evidence_id))
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closePhoto")
        close.clicked.connect(self.accept)
        close.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(buttons)
        self.resize(min(image.width() + 60, 1100), min(image.height() + 100, 700))

    def ask_remove(self) -> None:
        """Confirm first (window-modal, not a nested event loop); No is the default."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove this photo?"),
                          self.tr("The photo is taken off this draft inspection. The image file stays on "
                                  "this laptop."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmRemovePhoto")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Remove photo"))
        box.finished.connect(lambda _result: self._confirmed(box))
        self.confirm_box = box
        box.open()

    def _confirmed(self, box: QMessageBox) -> None:
        self.confirm_box = None
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        if yes and self.evidence_id:
            self.remove_requested.emit(self.evidence_id)
            self.accept()
