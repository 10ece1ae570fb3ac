"""Page machinery shared by the three documents: papers, styles, text helpers, the PDF build, the footer.

A4 pages carry a footer band on every page (page x of y, QR code bottom
right, the copy mark); the 80 mm roll is one page as long as its content,
with the QR code at the end. Black and white only, one embedded font.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, partial
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate

from . import fonts, qr
from .flowables import draw_qr, preview_box

COPY_MARK = "副本"
PREVIEW_MARK = "样张 · 未出具 · 不作凭证"


@dataclass(frozen=True)
class Paper:
    name: str
    width: float
    margin: float
    top: float
    footer: float  # height of the footer band (A4), 0 on the roll
    body: float
    small: float
    title: float
    big: float
    qr_min_mm: float

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin


PAPERS = {
    "a4": Paper("a4", A4[0], 20 * mm, 12 * mm, 32 * mm, 10.5, 8, 18, 26, 25),
    "80mm": Paper("80mm", 80 * mm, 4 * mm, 4 * mm, 0, 9, 7.5, 12.5, 22, 20),
}


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    label: ParagraphStyle
    center: ParagraphStyle
    right: ParagraphStyle
    big: ParagraphStyle
    large: ParagraphStyle
    indent: ParagraphStyle  # body text with the official documents' two-character first-line indent


@cache
def styles(paper_name: str) -> Styles:
    paper, font = PAPERS[paper_name], fonts.register()

    def style(name, size, leading=1.45, **kw):
        return ParagraphStyle(f"{paper_name}-{name}", fontName=font, fontSize=size, leading=size * leading,
                              wordWrap="CJK", **kw)

    return Styles(
        body=style("body", paper.body, firstLineIndent=0, spaceAfter=paper.body * 0.35),
        small=style("small", paper.small, 1.35),
        cell=style("cell", paper.body - 0.5, 1.35),
        label=style("label", paper.body - 0.5, 1.35),
        center=style("center", paper.body, alignment=TA_CENTER),
        right=style("right", paper.body, alignment=TA_RIGHT),
        big=style("big", paper.big, 1.25),
        large=style("large", paper.big * 0.72, 1.3),
        indent=style("indent", paper.body, firstLineIndent=paper.body * 2, spaceAfter=paper.body * 0.35),
    )


def esc(text) -> str:
    return escape("" if text is None else str(text))


def cn_date(day: date | None) -> str:
    """A date as documents write it: month and day without a leading zero (GB/T 9704-2012, 成文日期: 月、日不编虚位)."""
    return "—" if day is None else f"{day.year}年{day.month}月{day.day}日"


def cn_time(moment: datetime) -> str:
    return f"{moment.hour:02d}时{moment.minute:02d}分"


# Building the PDF

ROLL_MAX = 2000 * mm  # the roll is laid out on a page this tall, then cut to its content


class _PagedCanvas(Canvas):
    """Holds pages back until the end so each page can say "第 x 页 共 y 页".

    With `crop` (the roll) the single page is shortened to its content: the
    drawing is shifted down by the unused height and the page made that much
    shorter, so the layout runs once.
    """

    def __init__(self, *args, decorate: Callable[[Canvas, int, int], None] | None = None,
                 crop: float | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._decorate, self._crop = decorate, crop
        self._pages: list[dict] = []
        self.content_bottom: float | None = None

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._crop is not None and self.content_bottom is not None:
                unused = max(0.0, self.content_bottom - self._crop)
                self._code.insert(0, f"1 0 0 1 0 {-unused:.2f} cm")
                width, height = self._pagesize
                self.setPageSize((width, height - unused))
            if self._decorate:
                self._decorate(self, self._pageNumber, total)
            Canvas.showPage(self)
        Canvas.save(self)


class _End(Flowable):
    """Marks where the content ends (on the roll, the page is cut below it)."""

    width = height = 0

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):
        canvas.content_bottom = y

    def draw(self):
        pass


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str


def build(story: list, paper: Paper, meta: Meta,
          decorate: Callable[[Canvas, int, int], None] | None = None) -> bytes:
    """Lay out `story` on the paper and return the PDF bytes (byte-identical for the same input)."""
    fonts.register()
    roll = not paper.footer
    if roll:  # one page as long as its content, so nothing to keep together
        story = [part for f in story for part in (f._content if isinstance(f, KeepTogether) else [f])] + [_End()]
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(paper.width, ROLL_MAX if roll else A4[1]), invariant=1,
                          initialFontName=fonts.FONT, initialFontSize=paper.body, title=meta.title,
                          author=meta.author, subject=meta.subject, creator="inspector_app",
                          leftMargin=paper.margin, rightMargin=paper.margin, topMargin=paper.top,
                          bottomMargin=paper.top + paper.footer)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=partial(_PagedCanvas, decorate=decorate, crop=paper.top if roll else None))
    return out.getvalue()


def footer(*, paper: Paper, code: qr.Code | None, copy: str | None, page_label: bool,
           signature_line: str | None = None, closing: tuple[str, ...] = ()) -> Callable[[Canvas, int, int], None]:
    """The A4 footer: QR code bottom-right, page x of y, an optional signature line; marks.

    `copy` is the note under the 副本 mark (e.g. its print date), None on the original;
    `closing` lines (issuer, date) go left of the QR code on the last page.
    """
    qr_size = paper.qr_min_mm * mm

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        right, bottom = paper.width - paper.margin, paper.top
        if code is not None:
            draw_qr(canvas, code, right - qr_size, bottom + paper.small * 1.6, qr_size, paper.small)
        else:
            preview_box(canvas, right - qr_size, bottom + paper.small * 1.6, qr_size, paper.small)
        canvas.setFont(fonts.FONT, paper.body)
        if closing and page == total:
            y = bottom + paper.small * 1.6 + qr_size * 0.55
            for line in closing:
                canvas.drawRightString(right - qr_size - 8 * mm, y, fonts.printable(line))
                y -= paper.body * 1.6
        if signature_line:
            canvas.drawString(paper.margin, bottom + 14 * mm, signature_line)
        if page_label or total > 1:
            canvas.setFont(fonts.FONT, paper.small + 1)
            canvas.drawCentredString(paper.width / 2, bottom, f"第 {page} 页 共 {total} 页")
        if copy:
            width = copy_mark(canvas, right, A4[1] - 4 * mm, paper.body * 1.5)
            canvas.setFont(fonts.FONT, paper.small)
            canvas.drawRightString(right - width - 2 * mm, A4[1] - 4 * mm - paper.body * 1.5, copy)
        if code is None:
            preview_mark(canvas, paper)
        canvas.restoreState()

    return decorate


def copy_mark(canvas: Canvas, right: float, top: float, size: float) -> float:
    """A boxed 副本 with its top-right corner at (right, top); returns its width."""
    width = stringWidth(COPY_MARK, fonts.FONT, size) + size
    canvas.setLineWidth(1.2)
    canvas.rect(right - width, top - size * 1.7, width, size * 1.7)
    canvas.setFont(fonts.FONT, size)
    canvas.drawCentredString(right - width / 2, top - size * 1.25, COPY_MARK)
    return width


def preview_mark(canvas: Canvas, paper: Paper) -> None:
    canvas.setFont(fonts.FONT, paper.body)
    canvas.drawString(paper.margin, A4[1] - paper.top + 3 * mm, PREVIEW_MARK)
