"""The signature pad: ink from the mouse, a pen and a finger, rendered as a PNG for the record."""

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from inspector_app.gui.signature_pad import SignaturePad


@pytest.fixture
def pad(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 200)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def drag(pad, points):
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def decode(png: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(png, "PNG")
    return image


def ink_pixels(image: QImage, step: int = 2) -> int:
    """Dark pixels of an image on a white background."""
    return sum(1 for x in range(0, image.width(), step) for y in range(0, image.height(), step)
               if QColor.fromRgba(image.pixel(x, y)).lightness() < 100)


def test_a_mouse_drag_draws_a_stroke_and_the_pad_says_it_changed(qtbot, pad):
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        drag(pad, [QPoint(60, 120), QPoint(150, 60), QPoint(240, 140), QPoint(330, 70), QPoint(420, 130)])
    assert not pad.is_empty()
    (stroke,) = pad.strokes()
    assert len(stroke) >= 5
    assert stroke[0][:2] == pytest.approx((0.1, 0.6))
    drag(pad, [QPoint(100, 40), QPoint(120, 160)])
    assert len(pad.strokes()) == 2


def test_the_png_is_black_ink_on_a_transparent_or_white_background(pad):
    drag(pad, [QPoint(60, 100), QPoint(300, 100), QPoint(540, 100)])
    transparent = decode(pad.to_png())
    assert transparent.size() == QSize(1200, 400)
    assert QColor.fromRgba(transparent.pixel(5, 5)).alpha() == 0
    middle = QColor.fromRgba(transparent.pixel(600, 200))
    assert middle.alpha() == 255 and middle.lightness() < 60
    white = decode(pad.to_png(QSize(300, 100), background="white"))
    assert white.size() == QSize(300, 100)
    corner = QColor.fromRgba(white.pixel(2, 2))
    assert (corner.alpha(), corner.lightness()) == (255, 255)
    assert QColor.fromRgba(white.pixel(150, 50)).lightness() < 80


def test_clear_removes_the_ink(qtbot, pad):
    drag(pad, [QPoint(60, 100), QPoint(200, 120)])
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty() and pad.strokes() == []


def test_strokes_are_kept_relative_so_a_resized_pad_keeps_the_signature(qtbot, pad):
    drag(pad, [QPoint(300, 20), QPoint(300, 180)])
    pad.resize(300, 100)
    image = pad.to_image(QSize(300, 100), background="white")
    assert QColor(image.pixel(150, 50)).lightness() < 80


def test_a_pen_draws_with_pressure_and_no_double_stroke(qtbot, pad):
    pen = QPointingDevice("test pen", 4242, QPointingDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                          QPointingDevice.Capability.Position | QPointingDevice.Capability.Pressure, 1, 2)

    def tablet(kind, x, y, pressure, buttons):
        position = QPointF(x, y)
        event = QTabletEvent(kind, pen, position, pad.mapToGlobal(position), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                             Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons)
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()

    tablet(QEvent.Type.TabletPress, 100, 100, 0.2, Qt.MouseButton.LeftButton)
    tablet(QEvent.Type.TabletMove, 200, 80, 0.9, Qt.MouseButton.LeftButton)
    tablet(QEvent.Type.TabletMove, 300, 120, 1.0, Qt.MouseButton.LeftButton)
    tablet(QEvent.Type.TabletRelease, 320, 120, 0.0, Qt.MouseButton.NoButton)
    qtbot.wait(20)
    (stroke,) = pad.strokes()
    pressures = [p for _, _, p in stroke]
    assert pressures[1] == pytest.approx(0.9) and min(pressures) >= 0.05


def test_a_finger_draws_with_touch_events(qtbot, pad):
    screen = QTest.createTouchDevice()
    QTest.touchEvent(pad, screen).press(0, QPoint(80, 100)).commit()
    QTest.touchEvent(pad, screen).move(0, QPoint(200, 60)).commit()
    QTest.touchEvent(pad, screen).move(0, QPoint(320, 140)).commit()
    QTest.touchEvent(pad, screen).release(0, QPoint(330, 140)).commit()
    qtbot.wait(20)
    assert len(pad.strokes()) == 1
    assert len(pad.strokes()[0]) >= 3
    assert ink_pixels(pad.to_image(background="white")) > 20
