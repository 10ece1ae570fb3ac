"""Notices on screen: preview inside the app, print with the system dialog, save as PDF.

Rendering runs on the work pool and issuing on the store worker; the first
print or save of a notice issues it (number, signed QR), later ones are
copies (副本). Each print is logged by core.notices.issue. Pages are
rasterized with pdfium (pypdfium2, the engine QtPdf wraps): QtPdf is only in
the 400 MB add-ons wheel of the PySide6 releases we can ship.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

PREVIEW_DPI = 110
PRINT_DPI = 203  # the thermal roll's resolution; A4 office printers scale it cleanly


@dataclass(frozen=True)
class Page:
    """One rasterized page: raw RGB bytes (made on a worker) and its size in points."""

    rgb: bytes
    width: int
    height: int
    width_pt: float
    height_pt: float

    def image(self) -> QImage:
        return QImage(self.rgb, self.width, self.height, self.width * 3, QImage.Format.Format_RGB888).copy()


def rasterize(pdf: bytes, dpi: int) -> list[Page]:
    """PDF → pages on a white background (worker thread; pure)."""
    import pypdfium2
    document = pypdfium2.PdfDocument(pdf)
    pages = []
    try:
        for page in document:
            width_pt, height_pt = page.get_size()
            bitmap = page.render(scale=dpi / 72)  # white background by default
            image = bitmap.to_pil().convert("RGB")
            pages.append(Page(image.tobytes(), image.width, image.height, width_pt, height_pt))
            page.close()
    finally:
        document.close()
    return pages


def _notices():
    from ..core import notices
    return notices


def preview_pdf(task, inspection_id, kind: str, paper: str) -> bytes:
    notices = _notices()
    with task.store.session() as session:
        content = notices.preview(session, paths=task.context.paths, settings=task.context.settings,
                                  inspection_id=inspection_id, kind=kind, paper=paper)
    task.check_cancelled()
    return rasterize(notices.render(content), PREVIEW_DPI)


def issue_pdf(task, inspection_id, kind: str, paper: str, purpose: str) -> tuple[bytes, dict]:
    notices = _notices()
    with task.store.write() as session:
        actor = getattr(task.context.user, "id", None)
        content = notices.issue(session, paths=task.context.paths, settings=task.context.settings,
                                inspection_id=inspection_id, kind=kind, paper=paper, purpose=purpose,
                                actor_id=actor)
    pdf = notices.render(content)
    return pdf, rasterize(pdf, PRINT_DPI), {"copy": getattr(content, "copy", False)}


def choices(task, inspection_id) -> tuple[list[str], bool]:
    """(the kinds this inspection can print, whether the bureau may still record what it seals on its stop)."""
    from ..core.notices import sealing
    with task.store.session() as session:
        return _notices().kinds_available(session, inspection_id), sealing.can_record(session, inspection_id)


class NoticeDialog(QDialog):
    printed = Signal(str)  # the kind printed or saved

    def __init__(self, context, inspection_id, parent=None, *, kind: str = "result"):
        super().__init__(parent)
        self.context, self.inspection_id = context, inspection_id
        self.setWindowTitle(self.tr("Notice — preview, print, save"))
        self.resize(900, 720)
        self.kind = QComboBox(objectName="noticeKind")
        self.paper = QComboBox(objectName="noticePaper")
        for code, label in (("a4", "A4"), ("80mm", self.tr("80 mm thermal roll"))):
            self.paper.addItem(label, code)
        self.paper.setCurrentIndex(max(0, self.paper.findData(context.settings.get("paper", "a4"))))
        self.status = QLabel(objectName="noticeStatus", wordWrap=True)
        self.pages: list[Page] = []
        self.view = QScrollArea(objectName="noticePreview")
        self.view.setWidgetResizable(True)
        self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.sheet = QWidget()
        self.sheet_layout = QVBoxLayout(self.sheet)
        self.sheet_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.view.setWidget(self.sheet)
        self.print_button = QPushButton(self.tr("Print…"), objectName="printButton")
        self.print_button.setMinimumHeight(44)
        self.save_button = QPushButton(self.tr("Save as PDF…"), objectName="savePdfButton")
        self.seal_button = QPushButton(self.tr("Seal or seize…"), objectName="sealButton")
        self.seal_button.setToolTip(self.tr("List what the bureau seals or seizes on this stop; the coercive-measures "
                                            "decision then prints"))
        self.seal_button.hide()
        self.seal_button.clicked.connect(self.open_sealing)
        close = QPushButton(self.tr("Close"))
        self.print_button.clicked.connect(self.print_notice)
        self.save_button.clicked.connect(self.save_notice)
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Document")))
        top.addWidget(self.kind, 1)
        top.addWidget(QLabel(self.tr("Paper")))
        top.addWidget(self.paper)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.seal_button)
        bottom.addWidget(close)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._initial_kind = kind
        self.kind.currentIndexChanged.connect(self.refresh)
        self.paper.currentIndexChanged.connect(self.refresh)
        self.load_choices()

    def load_choices(self) -> None:
        self.context.runner.op(lambda task: choices(task, self.inspection_id), self).success(self._fill_choices).run()

    def _fill_choices(self, result: tuple[list[str], bool]) -> None:
        kinds, can_seal = result
        self.seal_button.setVisible(can_seal)
        self._fill_kinds(kinds)

    def open_sealing(self) -> None:
        from .sealing_dialog import SealingDialog
        dialog = SealingDialog(self.context, self.inspection_id, self)
        dialog.saved.connect(self._sealed)
        dialog.open()

    def _sealed(self) -> None:
        self._initial_kind = "coercive"
        self.load_choices()

    def _fill_kinds(self, kinds: list[str]) -> None:
        labels = {"result": self.tr("Result record (监督检查结果记录表)"),
                  "record": self.tr("On-site record (现场检查笔录)"),
                  "order": self.tr("Order to correct (责令改正通知书)"),
                  "coercive": self.tr("Coercive measures decision and list (实施行政强制措施决定书)")}
        self.kind.blockSignals(True)
        self.kind.clear()
        for code in kinds:
            self.kind.addItem(labels.get(code, code), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(self._initial_kind)))
        self.kind.blockSignals(False)
        self.refresh()

    def selection(self) -> tuple[str, str]:
        return self.kind.currentData(), self.paper.currentData()

    def refresh(self) -> None:
        kind, paper = self.selection()
        if kind is None:
            return
        self.status.setText(self.tr("Preparing the preview…"))
        self.context.runner.op(lambda task: preview_pdf(task, self.inspection_id, kind, paper), self) \
            .on_pool().success(self._show_pages).run()

    def _show_pages(self, pages: list[Page]) -> None:
        self.pages = pages
        while self.sheet_layout.count():
            item = self.sheet_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        width = max(200, self.view.viewport().width() - 24)
        for page in pages:
            label = QLabel()
            label.setStyleSheet("background: white; border: 1px solid #bbb;")
            pixmap = QPixmap.fromImage(page.image())
            if pixmap.width() > width:
                pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(pixmap)
            self.sheet_layout.addWidget(label)
        self.status.setText(self.tr("Preview: {0} page(s)").format(len(pages)))

    def print_notice(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return  # asked before issuing, so a cancelled print is not logged as a print
        self._issue("print", lambda pdf, pages: self._send_to_printer(printer, pages))

    def save_notice(self, path: str | None = None) -> None:
        if not path:
            kind, _paper = self.selection()
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), f"{kind}.pdf", "PDF (*.pdf)")
        if path:
            self._issue("pdf", lambda pdf, pages: self._write_file(path, pdf))

    def _issue(self, purpose: str, then) -> None:
        kind, paper = self.selection()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.context.runner.op(lambda task: issue_pdf(task, self.inspection_id, kind, paper, purpose), self) \
            .changes("notices", "orders").success(lambda result: self._issued(result, then)) \
            .failure(self._failed).run()

    def _issued(self, result, then) -> None:
        pdf, pages, info = result
        then(pdf, pages)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("Printed as a copy (副本).") if info["copy"] else self.tr("Printed."))
        self.printed.emit(self.selection()[0])

    def _failed(self, error) -> None:
        from .errors import show_error
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        show_error(self, error)

    def _write_file(self, path: str, pdf: bytes) -> None:
        def write(task):
            with open(path, "wb") as handle:
                handle.write(pdf)
        self.context.runner.op(write, self).on_pool() \
            .success(lambda _r: self.status.setText(self.tr("Saved to {0}").format(path))).run()

    def _send_to_printer(self, printer: QPrinter, pages: list[Page]) -> None:
        """Paint the pages rasterized at the printer's resolution: what you preview is printed."""
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(self.tr("The printer could not be opened."))
            return
        for number, page in enumerate(pages):
            if number:
                printer.newPage()
            target = painter.viewport()
            scaled = page.image().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(QPointF(0, 0), scaled)
        painter.end()
