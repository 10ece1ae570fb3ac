"""Finish an inspection: the summary the operator reads, the signatures, a confirmation.

Left: result, handling, the deadline in large type and what must be fixed
(finalize_summary.py).
Right: one signature pad per signer (inspector 1, inspector 2, operator) or the
operator's refusal with a witness. Signatures and the finalize happen in one
background transaction, so a half-signed record never exists.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import inspection_ops as ops
from .finalize_summary import SummaryPanel, caption
from .signature_pad import SignaturePad
from .theme import BLUE, GREEN, PRIMARY_BUTTON


class Signer:
    """One slot: an inspector (by user id) or the operator."""

    def __init__(self, slot: str, role: str, user_id: str | None, label: str, needed: bool):
        self.slot, self.role, self.user_id, self.label, self.needed = slot, role, user_id, label, needed
        self.pad: SignaturePad | None = None
        self.button: QPushButton | None = None


class FinalizeDialog(QDialog):
    """Shows `summary` (from inspection_ops.summary), collects signatures, then finalizes."""

    finalized = Signal(str)  # inspection id

    def __init__(self, context, summary: dict, language: str, parent=None):
        super().__init__(parent)
        self.context, self.summary, self.language = context, summary, language
        self.inspection_id = summary["id"]
        self.setObjectName("finalizeDialog")
        self.setWindowTitle(self.tr("Finish the inspection — {0}").format(summary["establishment"]["name"]))
        self.setModal(True)
        self.signers = self._signers()
        self._busy = False
        columns = QHBoxLayout()
        columns.setSpacing(16)
        self.summary_panel = SummaryPanel(summary, language, self)
        self.result_label, self.deadline_label = self.summary_panel.result_label, self.summary_panel.deadline_label
        columns.addWidget(self.summary_panel, 11)
        columns.addWidget(self._signature_panel(), 12)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(self._bottom_bar())
        self._select(next((i for i, s in enumerate(self.signers) if s.needed), 0))
        self._update_state()
        if parent is not None:
            window = parent.window()
            self.resize(min(1240, max(window.width() - 40, 900)), min(700, max(window.height() - 40, 600)))
        else:
            self.resize(1240, 700)

    def _signers(self) -> list[Signer]:
        gaps = set(self.summary["signature_gaps"])
        signers = []
        for position, person in enumerate(self.summary["inspectors"], start=1):
            slot = f"inspector:{person['id']}"
            label = self.tr("Inspector {0}: {1}").format(position, person["name"])
            signers.append(Signer(slot, "signature_inspector", person["id"], label, slot in gaps))
        signers.append(Signer("operator", "signature_operator", None, self.tr("Operator"), "operator" in gaps))
        return signers

    def _signature_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption(self.tr("Signatures")))
        tabs = QHBoxLayout()
        self.signer_group = QButtonGroup(self)
        self.signer_group.setExclusive(True)
        self.pages = QStackedWidget()
        for index, signer in enumerate(self.signers):
            button = QPushButton()
            button.setObjectName(f"signer_{index}")
            button.setCheckable(True)
            button.setMinimumHeight(44)
            button.clicked.connect(partial(self._select, index))
            self.signer_group.addButton(button, index)
            tabs.addWidget(button)
            signer.button = button
            self.pages.addWidget(self._signer_page(signer))
        layout.addLayout(tabs)
        layout.addWidget(self.pages, 1)
        return panel

    def _signer_page(self, signer: Signer) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        if not signer.needed:
            done = QLabel("✓ " + (self.tr("The operator's refusal is recorded already.")
                                  if signer.slot == "operator" and self.summary.get("refusal")
                                  else self.tr("Signed already.")))
            done.setStyleSheet(f"color: {GREEN}; font-weight: bold;")
            layout.addWidget(done)
            layout.addStretch(1)
            return page
        if signer.slot == "operator":
            return self._operator_page(signer)
        person = next(p for p in self.summary["inspectors"] if p["id"] == signer.user_id)
        who = QLabel(self.tr("{0} (enforcement credential {1}) signs below.").format(
            person["name"], person["credential_no"]))
        who.setWordWrap(True)
        layout.addWidget(who)
        signer.pad = SignaturePad(prompt=self.tr("Sign here: {0}").format(person["name"]))
        signer.pad.changed.connect(self._update_state)
        layout.addWidget(signer.pad, 1)
        layout.addLayout(self._pad_buttons(signer))
        return page

    def _operator_page(self, signer: Signer) -> QWidget:
        self.operator_stack = QStackedWidget()
        sign = QWidget()
        layout = QVBoxLayout(sign)
        layout.setContentsMargins(0, 6, 0, 0)
        who = QLabel(self.tr("The operator or their representative reads the summary and signs below."))
        who.setWordWrap(True)
        layout.addWidget(who)
        signer.pad = SignaturePad(prompt=self.tr("Operator signs here"))
        signer.pad.changed.connect(self._update_state)
        layout.addWidget(signer.pad, 1)
        buttons = self._pad_buttons(signer)
        self.refuse_button = QPushButton(self.tr("Operator refuses to sign…"))
        self.refuse_button.setObjectName("refuseButton")
        self.refuse_button.setMinimumHeight(40)
        self.refuse_button.clicked.connect(lambda: self._set_refusing(True))
        buttons.insertWidget(1, self.refuse_button)
        layout.addLayout(buttons)
        self.operator_stack.addWidget(sign)
        self.operator_stack.addWidget(self._refusal_form())
        return self.operator_stack

    def _refusal_form(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        intro = QLabel(self.tr("The operator refuses to sign. Write down the reason and a witness "
                               "(Order 49, Art. 34); the refusal goes into the record."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.refusal_reason = QLineEdit()
        self.refusal_reason.setObjectName("refusalReason")
        self.refusal_reason.setPlaceholderText(self.tr("What the operator said"))
        self.witness_name = QLineEdit()
        self.witness_name.setObjectName("witnessName")
        self.witness_id = QLineEdit()
        self.witness_id.setObjectName("witnessId")
        self.witness_id.setPlaceholderText(self.tr("optional"))
        for editor in (self.refusal_reason, self.witness_name, self.witness_id):
            editor.setMinimumHeight(36)
            editor.textChanged.connect(self._update_state)
        form.addRow(self.tr("Reason"), self.refusal_reason)
        form.addRow(self.tr("Witness name"), self.witness_name)
        form.addRow(self.tr("Witness ID number"), self.witness_id)
        layout.addLayout(form)
        layout.addStretch(1)
        back = QPushButton(self.tr("Back to the signature pad"))
        back.setObjectName("backToPad")
        back.setMinimumHeight(40)
        back.clicked.connect(lambda: self._set_refusing(False))
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _pad_buttons(self, signer: Signer) -> QHBoxLayout:
        row = QHBoxLayout()
        clear = QPushButton(self.tr("Clear"))
        clear.setObjectName("clearPad")
        clear.setMinimumHeight(40)
        clear.clicked.connect(signer.pad.clear)
        row.addWidget(clear)
        row.addStretch(1)
        following = QPushButton(self.tr("Next signer"))
        following.setObjectName("nextSigner")
        following.setMinimumHeight(40)
        following.clicked.connect(self._next_signer)
        row.addWidget(following)
        return row

    def _set_refusing(self, refusing: bool) -> None:
        self.operator_stack.setCurrentIndex(1 if refusing else 0)
        if refusing:
            self.refusal_reason.setFocus()
        self._update_state()

    @property
    def refusing(self) -> bool:
        return hasattr(self, "operator_stack") and self.operator_stack.currentIndex() == 1

    def _select(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.signers[index].button.setChecked(True)

    def _next_signer(self) -> None:
        open_slots = [i for i, s in enumerate(self.signers) if not self._done(s)]
        current = self.pages.currentIndex()
        later = [i for i in open_slots if i > current] or open_slots
        if later:
            self._select(later[0])
        else:
            self.confirm.setFocus()

    def _done(self, signer: Signer) -> bool:
        if not signer.needed:
            return True
        if signer.slot == "operator" and self.refusing:
            return bool(self.refusal_reason.text().strip() and self.witness_name.text().strip())
        return signer.pad is not None and not signer.pad.is_empty()

    def _bottom_bar(self) -> QVBoxLayout:
        box = QVBoxLayout()
        self.confirm = QCheckBox(self.tr("The operator has seen this summary. After finalizing, "
                                         "the record cannot be changed."))
        self.confirm.setObjectName("confirmBox")
        self.confirm.toggled.connect(self._update_state)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back to the checklist"))
        self.back_button.setObjectName("backToChecklist")
        self.back_button.setMinimumHeight(44)
        self.back_button.clicked.connect(self.reject)
        self.status = QLabel()
        self.status.setObjectName("finalizeStatus")
        self.status.setWordWrap(True)
        self.finalize_button = QPushButton(self.tr("Finalize"))
        self.finalize_button.setObjectName("finalizeButton")
        self.finalize_button.setMinimumHeight(44)
        self.finalize_button.setMinimumWidth(180)
        self.finalize_button.setDefault(False)
        self.finalize_button.setAutoDefault(False)
        self.finalize_button.setStyleSheet(
PRIMARY_BUTTON)
        self.finalize_button.clicked.connect(self.finalize)
        row.addWidget(self.back_button)
        row.addWidget(self.status, 1)
        row.addWidget(self.finalize_button)
        box.addWidget(self.confirm)
        box.addLayout(row)
        return box

    def missing_signers(self) -> list[Signer]:
        return [s for s in self.signers if not self._done(s)]

    def _update_state(self) -> None:
        for signer in self.signers:
            mark = "✓ " if self._done(signer) else "○ "
            text = signer.label
            if signer.slot == "operator" and self.refusing:
                text = self.tr("Operator: refuses")
            signer.button.setText(mark + text)
            colour = GREEN if self._done(signer) else "#222"
            signer.button.setStyleSheet(
                f"QPushButton {{ background: white; color: {colour}; border: 1px solid #9e9e9e; border-radius: 6px;"
                " padding: 4px 10px; }"
                f"QPushButton:checked {{ background: #dbe8f7; border: 2px solid {BLUE}; font-weight: bold; }}")
        missing = self.missing_signers()
        if missing:
            self.status.setText(self.tr("Still to sign: {0}").format(", ".join(s.label for s in missing)))
        elif not self.confirm.isChecked():
            self.status.setText(self.tr("Tick the confirmation, then finalize."))
        else:
            self.status.setText(self.tr("Ready to finalize."))
        self.finalize_button.setEnabled(not missing and self.confirm.isChecked() and not self._busy)

    def finalize(self) -> None:
        if self.missing_signers() or not self.confirm.isChecked() or self._busy:
            return
        signatures = [(s.role, s.user_id, s.pad.to_png(background="white")) for s in self.signers
                      if s.needed and s.pad is not None and not (s.slot == "operator" and self.refusing)]
        refusal = None
        if self.refusing and any(s.slot == "operator" and s.needed for s in self.signers):
            refusal = {"reason": self.refusal_reason.text(), "witness_name": self.witness_name.text(),
                       "witness_id_no": self.witness_id.text().strip() or None}
        self._busy = True
        self._update_state()
        user = self.context.user
        inspection_id = self.inspection_id
        self.context.runner.op(
            lambda task: ops.finalize(task, inspection_id, signatures=signatures, refusal=refusal,
                                      actor_id=user.id if user else None), parent=self) \
            .with_progress(self.tr("Finalizing…"), cancellable=False) \
            .success(self._finalized).failure(self._failed).changes("inspections", "orders").run()

    def _finalized(self, inspection_id: str) -> None:
        self._busy = False
        self.finalized.emit(inspection_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from .errors import show_error
        self._busy = False
        self._update_state()
        show_error(self, exc)

    def has_ink(self) -> bool:
        return any(s.pad is not None and not s.pad.is_empty() for s in self.signers)

    def reject(self) -> None:
        if self._busy:
            return
        if self.has_ink():
            answer = QMessageBox.question(self, self.tr("Leave without finalizing?"),
                                          self.tr("The signatures on this screen will be discarded. "
                                                  "Your answers stay saved."))
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
