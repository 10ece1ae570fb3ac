"""A signature pad for mouse, pen (tablet events, with pressure) and touch.

Strokes are kept as points relative to the pad's size, so the signature can be
rendered at any size: to_png() gives black ink on a transparent or white
background, ready for evidence.attach(role="signature_…").
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

Point = tuple[float, float, float]  # x, y relative to the pad (0..1), pressure (0..1)
INK = QColor("#111111")
BASE_WIDTH = 2.6  # ink width in pixels at a 600 px wide pad
MIN_WIDTH = 2.0   # small renders stay black, not grey


class SignaturePad(QWidget):
    """Sign with a finger, a pen or the mouse. `changed` fires when ink is added or cleared."""

    changed = Signal()

    def __init__(self, parent=None, *, prompt: str = ""):
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self._strokes: list[list[Point]] = []
        self._drawing = False
        self.prompt = prompt or self.tr("Sign here")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(360, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(self.tr("Sign with a finger, a pen or the mouse"))

    # Data

    def is_empty(self) -> bool:
        return not any(len(stroke) for stroke in self._strokes)

    def strokes(self) -> list[list[Point]]:
        return [list(stroke) for stroke in self._strokes]

    def clear(self) -> None:
        if self._strokes:
            self._strokes = []
            self._drawing = False
            self.update()
            self.changed.emit()

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    # Input

    def _relative(self, pos: QPointF, pressure: float = 0.5) -> Point:
        width, height = max(self.width(), 1), max(self.height(), 1)
        x = min(max(pos.x() / width, 0.0), 1.0)
        y = min(max(pos.y() / height, 0.0), 1.0)
        return (x, y, pressure)

    def _begin(self, pos: QPointF, pressure: float = 0.5) -> None:
        self._drawing = True
        self._strokes.append([self._relative(pos, pressure)])
        self.update()

    def _extend(self, pos: QPointF, pressure: float = 0.5) -> None:
        if self._drawing and self._strokes:
            self._strokes[-1].append(self._relative(pos, pressure))
            self.update()

    def _end(self, pos: QPointF | None = None, pressure: float = 0.5) -> None:
        if not self._drawing:
            return
        if pos is not None:
            self._extend(pos, pressure)
        self._drawing = False
        self.changed.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event) -> None:
        self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
            event.accept()

    def tabletEvent(self, event) -> None:
        pressure = max(0.05, min(event.pressure(), 1.0))
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position(), pressure)
        event.accept()  # no synthesized mouse events: the pen draws once

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            points = event.points()
            if points:
                point = points[0]
                if kind == QEvent.Type.TouchBegin:
                    self._begin(point.position())
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(point.position())
                elif kind == QEvent.Type.TouchEnd:
                    self._end(point.position())
            if kind == QEvent.Type.TouchCancel:
                self._end()
            event.accept()
            return True
        return super().event(event)

    # Drawing

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#b0b0b0"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        baseline = self.height() * 0.75
        painter.setPen(QPen(QColor("#c8c8c8"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(24, baseline), QPointF(self.width() - 24, baseline))
        if self.is_empty():
            painter.setPen(QColor("#9e9e9e"))
            painter.drawText(QRectF(24, baseline + 4, self.width() - 48, self.height() - baseline - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "✍ " + self.prompt)
        self._draw_strokes(painter, QSize(self.width(), self.height()))

    def _draw_strokes(self, painter: QPainter, size: QSize) -> None:
        width, height = size.width(), size.height()
        scale = max(width / 600.0, 0.5)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes:
            if not stroke:
                continue
            points = [QPointF(x * width, y * height) for x, y, _ in stroke]
            pressure = sum(p for _, _, p in stroke) / len(stroke)
            pen = QPen(INK, max(MIN_WIDTH, BASE_WIDTH * scale * (0.6 + pressure * 0.8)), Qt.PenStyle.SolidLine,
                       Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            if len(points) == 1:
                painter.drawPoint(points[0])
                continue
            path = QPainterPath(points[0])
            for current, following in zip(points[1:], points[2:], strict=False):
                middle = (current + following) / 2
                path.quadTo(current, middle)
            path.lineTo(points[-1])
            painter.drawPath(path)

    def to_image(self, size: QSize | None = None, *, background: str = "transparent") -> QImage:
        """The signature as an image: black ink on a transparent (default) or white background."""
        size = size or QSize(max(self.width(), 1) * 2, max(self.height(), 1) * 2)
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white") if background == "white" else Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._draw_strokes(painter, size)
        painter.end()
        return image

    def to_png(self, size: QSize | None = None, *, background: str = "transparent") -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.to_image(size, background=background).save(buffer, "PNG")
        return bytes(buffer.data())
