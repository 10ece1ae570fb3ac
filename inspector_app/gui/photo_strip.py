"""Thumbnails of an item's photos, with an "Add photo" button; images arrive from the page.

The strip never reads files: the page loads thumbnails on the work pool and
hands them over with set_thumbnail(). Until then a calm placeholder shows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

THUMB = 72
# The look of a thumbnail; part of item_widgets.ITEM_STYLE, which the strip's card or page carries.
THUMBNAIL_STYLE = ("QLabel#thumbnail { border: 1px solid #c8c8c8; border-radius: 4px;"
                   " background: #f3f3f3; color: #9e9e9e; }")


class Thumbnail(QLabel):
    clicked = Signal(str)

    def __init__(self, sha256: str, parent=None):
        super().__init__(parent)
        self.sha256 = sha256
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
            self.clicked.emit(self.sha256)
        super().mouseReleaseEvent(event)


class PhotoStrip(QWidget):
    """A row of thumbnails and the "Add photo…" button."""

    add_requested = Signal()
    open_requested = Signal(str)  # sha256

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

    def add_photo(self, sha256: str, image: QImage | None = None) -> Thumbnail:
        thumb = Thumbnail(sha256, self)
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

    def hashes(self) -> list[str]:
        return [thumb.sha256 for thumb in self.thumbs]

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setVisible(self._with_button and not read_only)


class PhotoViewer(QDialog):
    """One photo, large; the image is loaded by the caller off the UI thread."""

    def __init__(self, image: QImage, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Photo"))
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setPixmap(QPixmap.fromImage(image))
        scroll = QScrollArea()
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(min(image.width() + 60, 1100), min(image.height() + 100, 700))
