"""The drawing pieces of the notices: headings, tick boxes, images, the QR block, the face, tables.

All text goes through fonts.printable(), so no character prints blank.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from . import fonts, qr

SCAN_CAPTION = "扫码核验"


class Heading(Flowable):
    """A centered line in fill-and-stroke text (the font has no bold); shrinks to fit."""

    def __init__(self, text: str, size: float, *, space_after: float = 4, stroke: float = 0.035):
        super().__init__()
        self.text, self.size, self.stroke = fonts.printable(text), size, stroke
        self.spaceAfter = space_after

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        natural = stringWidth(self.text, fonts.FONT, self.size)
        self.used = self.size if natural <= avail_width else self.size * avail_width / natural
        return avail_width, self.used * 1.3

    def draw(self):
        canvas = self.canv
        text = canvas.beginText()
        text.setFont(fonts.FONT, self.used)
        text.setTextRenderMode(2)
        canvas.setLineWidth(self.used * self.stroke)
        width = stringWidth(self.text, fonts.FONT, self.used)
        text.setTextOrigin((self.width - width) / 2, self.used * 0.28)
        text.textOut(self.text)
        canvas.drawText(text)


class TickBoxes(Flowable):
    """A label and its options as ruled tick boxes; the chosen one holds a ✓ (real text, searchable)."""

    def __init__(self, label: str, options: list[tuple[str, str]], selected: str | None, size: float):
        super().__init__()
        self.label, self.selected, self.size = label, selected, size
        self.options = [(value, fonts.printable(text)) for value, text in options]

    def _layout(self, avail_width):
        size, box = self.size, self.size * 0.95
        x = stringWidth(self.label, fonts.FONT, size)
        indent, line, placed = x, 0, []
        for value, text in self.options:
            width = box + size * 0.3 + stringWidth(text, fonts.FONT, size) + size
            if x + width > avail_width and x > indent:
                x, line = indent, line + 1
            placed.append((x, line, value, text))
            x += width
        return placed, line + 1

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.placed, lines = self._layout(avail_width)
        self.height = lines * self.size * 1.6
        return self.width, self.height

    def draw(self):
        c, size, box = self.canv, self.size, self.size * 0.95
        top = self.height - size * 1.2
        c.setFont(fonts.FONT, size)
        c.drawString(0, top, self.label)
        c.setLineWidth(0.7)
        for x, line, value, text in self.placed:
            y = top - line * size * 1.6
            c.rect(x, y - size * 0.12, box, box)
            if value == self.selected:
                c.setFont(fonts.FONT, size * 1.05)
                c.drawCentredString(x + box / 2, y - size * 0.02, "✓")
                c.setFont(fonts.FONT, size)
            c.drawString(x + box + size * 0.3, y, text)


class Pictures(Flowable):
    """Images side by side, each fitted into a box × height (aspect kept); blank space when there are none."""

    def __init__(self, images: tuple[bytes | None, ...], box: float, height: float, gap: float = 4 * mm):
        super().__init__()
        self.images, self.box, self.height, self.gap = [i for i in images if i], box, height, gap
        self.width = max(1, len(self.images)) * (box + gap) - gap

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        for k, data in enumerate(self.images):
            image = ImageReader(io.BytesIO(data))
            iw, ih = image.getSize()
            scale = min(self.box / iw, self.height / ih)
            w, h = iw * scale, ih * scale
            self.canv.drawImage(image, k * (self.box + self.gap), (self.height - h) / 2, w, h, mask="auto")


class QRBlock(Flowable):
    """The QR code at a printable size with "扫码核验" beneath it."""

    def __init__(self, code: qr.Code, size: float, caption_size: float):
        super().__init__()
        self.code, self.size, self.caption_size = code, size, caption_size
        self.width, self.height = size, size + caption_size * 1.5

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        draw_qr(self.canv, self.code, 0, self.caption_size * 1.5, self.size, self.caption_size)


class Face(Flowable):
    """The quantified-grading face: smile or flat mouth, drawn as vectors."""

    def __init__(self, face: str | None, size: float):
        super().__init__()
        self.face, self.width, self.height = face, size, size

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        if self.face is None:
            return
        c, r = self.canv, self.width / 2
        c.setLineWidth(r * 0.09)
        c.circle(r, r, r * 0.92)
        c.circle(r * 0.65, r * 1.25, r * 0.1, fill=1)
        c.circle(r * 1.35, r * 1.25, r * 0.1, fill=1)
        if self.face == "flat":
            c.line(r * 0.55, r * 0.62, r * 1.45, r * 0.62)
        else:
            extent = -180 if self.face == "big_smile" else -140
            start = -20 if extent == -140 else 0
            c.arc(r * 0.45, r * 0.3, r * 1.55, r * 1.2, startAng=start, extent=extent)


def draw_qr(canvas, code: qr.Code, x: float, y: float, size: float, caption_size: float) -> None:
    """The QR image with its bottom-left corner at (x, y) and the caption centred beneath."""
    canvas.drawImage(ImageReader(code.image), x, y, size, size)
    canvas.setFont(fonts.FONT, caption_size)
    canvas.drawCentredString(x + size / 2, y - caption_size * 1.2, SCAN_CAPTION)


class FontTable(Table):
    """A Table whose cell font is the notice font (the default, Helvetica, would be referenced unembedded)."""

    def __init__(self, rows, colWidths=None, **kwargs):
        super().__init__(rows, colWidths=colWidths, **kwargs)
        self.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.FONT)]))


def label(text: str, style: ParagraphStyle, width: float, pad: float = 3):
    """A table label: plain text (one drawString) when it fits the column, else a wrapping paragraph."""
    text = fonts.printable(text)
    if stringWidth(text, fonts.FONT, style.fontSize) + 2 * pad <= width:
        return text
    return Paragraph(escape(text), style)


def grid(rows: list[list], widths: list[float], *, boxed: bool = True, pad: float = 3,
         size: float = 10) -> Table:
    """A table of labels and paragraphs; `boxed` draws the form's ruled cells; `size` is the labels' type."""
    table = FontTable(rows, colWidths=widths)
    commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTSIZE", (0, 0), (-1, -1), size),
                ("LEADING", (0, 0), (-1, -1), size * 1.35),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad * 0.7), ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.9)]
    if boxed:
        commands.append(("GRID", (0, 0), (-1, -1), 0.6, "black"))
    table.setStyle(TableStyle(commands))
    return table


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(fonts.printable(text), style)


def preview_box(canvas: Canvas, x: float, y: float, size: float, caption: float) -> None:
    canvas.setDash(2, 2)
    canvas.rect(x, y, size, size)
    canvas.setDash()
    canvas.setFont(fonts.FONT, caption)
    canvas.drawCentredString(x + size / 2, y + size / 2, "出具后生成")
    canvas.drawCentredString(x + size / 2, y + size / 2 - caption * 1.3, "核验二维码")


class PreviewBox(Flowable):
    """The roll's placeholder for the QR code of a notice not yet issued."""

    def __init__(self, size: float, caption: float):
        super().__init__()
        self.width, self.height, self.caption = size, size + caption * 1.5, caption

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        preview_box(self.canv, 0, self.caption * 1.5, self.width, self.caption)
