"""核验执法文书: check a printed notice's QR code on the desktop — paste its address or code, or pick a PDF or photo.

The verdict is core's (core/notices/verify.py), read on the store worker
through the runner, as `inspector verify` gives it: whether the code is
genuine, in the largest type, then the facts it carries. A genuine code
behind someone else's address stays genuine but gets a warning that the
address is not the district's own verification address: a look-alike site
may show other facts beside a copied code.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import codes
from ..core import language as spoken
from .labels import handling_label, result_label
from .theme import GREEN, PRIMARY_BUTTON, RED

FILE_FILTER = "PDF / PNG / JPEG (*.pdf *.png *.jpg *.jpeg)"


def check_notice(task, value: str):
    """The verdict on a token, a URL or a file (store worker): a plain Verification."""
    from ..core.notices.address import own_base
    from ..core.notices.verify import verify_input
    with task.store.session() as session:
        return verify_input(session, value, own_base=own_base(task.context.settings, session))


def shortened(url: str, keep: int = 56) -> str:
    """A long address cut after its host and the start of its path: the host is what tells a fake site."""
    return url if len(url) <= keep else url[:keep] + "…"


def foreign_address_sentence() -> str:
    """Core's sentence for a genuine code behind another address, in the language spoken."""
    from ..core.messages import render
    return render("verify.foreign_address", spoken.current(), {})


class VerifyDialog(QDialog):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.verdict = None
        self.setWindowTitle(self.tr("Verify a notice"))
        self.resize(640, 520)
        intro = QLabel(self.tr("Paste the address or the code from a notice's QR code, or choose the notice's "
                               "PDF or a photo of it."), wordWrap=True)
        self.input = QLineEdit(objectName="verifyInput", placeholderText=self.tr("https://…/v/… or the code"))
        self.input.setMinimumHeight(36)
        self.input.returnPressed.connect(self.check)
        self.file_button = QPushButton(self.tr("Choose a PDF or photo…"), objectName="verifyFileButton")
        self.file_button.clicked.connect(self.choose_file)
        self.status = QLabel(objectName="verifyStatus", wordWrap=True)
        self.headline = QLabel(objectName="verifyHeadline", wordWrap=True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.headline.setFont(font)
        self.warning = QLabel(objectName="verifyWarning", wordWrap=True)
        self.warning.setStyleSheet(f"color: white; background: {RED}; padding: 8px; border-radius: 4px;"
                                   " font-weight: bold;")
        self.warning.hide()
        self.details = QWidget(objectName="verifyDetails")
        self.form = QFormLayout(self.details)
        self.form.setContentsMargins(0, 0, 0, 0)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        self.check_button = QPushButton(self.tr("Verify"), objectName="verifyButton")
        self.check_button.setStyleSheet(PRIMARY_BUTTON)
        self.check_button.setMinimumHeight(44)
        self.check_button.clicked.connect(self.check)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.file_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        bottom.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.headline)
        layout.addWidget(self.warning)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.input.setFocus()

    # Asking
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a notice"), "", FILE_FILTER)
        if path:
            self.verify(path)

    def check(self) -> None:
        if self.input.text().strip():
            self.verify(self.input.text())

    def verify(self, value: str) -> None:
        """Verify a token, an address or a file's path."""
        self.verdict = None
        self.check_button.setEnabled(False)
        self.status.setText(self.tr("Checking…"))
        self.context.runner.op(lambda task: check_notice(task, value), self) \
            .success(self.show_verdict).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        from .errors import message_for
        self.check_button.setEnabled(True)
        self.status.setText(message_for(error))

    # Showing
    def show_verdict(self, verdict) -> None:
        self.verdict = verdict
        self.check_button.setEnabled(True)
        self.status.clear()
        data = verdict.to_dict()
        if verdict.valid:
            self.headline.setText("✓ " + self.tr("Genuine"))
            self.headline.setStyleSheet(f"color: {GREEN};")
        else:
            self.headline.setText("✗ " + self.tr("Cannot be verified"))
            self.headline.setStyleSheet(f"color: {RED};")
        if verdict.foreign_address:
            self.warning.setText("⚠ " + foreign_address_sentence() + "\n"
                                 + self.tr("Address: {0}").format(shortened(data["address"]["given"])))
            self.warning.setToolTip(data["address"]["given"])
        self.warning.setVisible(verdict.foreign_address)
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in self._rows(data, verdict):
            text = QLabel(value, wordWrap=True)
            text.setObjectName("verifyValue")
            self.form.addRow(label, text)

    def _rows(self, data: dict, verdict) -> list[tuple[str, str]]:
        if not verdict.valid:
            return [(self.tr("Why"), verdict.message or "")]
        language = spoken.current()
        shop = data["establishment"]
        rows = [(self.tr("Document"), codes.label("notice_kind", data["kind"], language, data["kind"])),
                (self.tr("Establishment"), shop["name"] + ("…" if shop["name_truncated"] else "")
                 + (f"  {shop['licence_no']}" if shop["licence_no"] else "")),
                (self.tr("Inspected on"), data["date"]),
                (self.tr("Result"), result_label(data["result"]) or "—"),
                (self.tr("Handling"), handling_label(data["handling"]) or "—"),
                (self.tr("Rectify by"), data["deadline"] or "—")]
        if data["number"]:
            rows.append((self.tr("Number"), data["number"]))
        if data["current"] is False:
            rows.append((self.tr("Later inspection"), self.tr("A later inspection of this establishment "
                                                               "replaces this one.")))
        return rows
