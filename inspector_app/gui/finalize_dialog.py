"""Finish an inspection: the summary the operator reads, the signatures, a confirmation.

Left: result, handling, the deadline in large type and what must be fixed.
Right: one signature pad per signer (inspector 1, inspector 2, operator) or the
operator's refusal with a witness. Signatures and the finalize happen in one
background transaction, so a half-signed record never exists.
"""

from __future__ import annotations

import html
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import rules
from . import inspection_ops as ops
from .signature_pad import SignaturePad
from .theme import AMBER, BLUE, GREEN, GREY, RED

RESULT_LOOK = {rules.COMPLIANT: ("✓", GREEN), rules.BASIC: ("◐", AMBER), rules.NON_COMPLIANT: ("✗", RED)}


def result_text(result: str | None, language: str) -> str:
    """The official wording of a result (符合 / 基本符合 / 不符合), in the interface language."""
    labels = rules.RESULT_LABELS.get(result)
    return "" if labels is None else labels[1 if language.startswith("en") else 0]


def handling_text(handling: str | None, language: str) -> str:
    labels = rules.HANDLING_LABELS.get(handling)
    return "" if labels is None else labels[1 if language.startswith("en") else 0]


def format_date(value: str | date | None, language: str) -> str:
    """2026年12月13日 in Chinese, ISO in English."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return day.isoformat() if language.startswith("en") else f"{day.year}年{day.month}月{day.day}日"


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


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
        columns.addWidget(self._summary_panel(), 11)
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

    # --- the summary (what the operator reads) -------------------------------

    def _summary_panel(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("summaryPanel")
        panel.setStyleSheet("QFrame#summaryPanel { background: white; border: 1px solid #d5d5d5;"
                            " border-radius: 6px; }")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        s = self.summary
        name = QLabel(s["establishment"]["name"])
        name.setFont(scaled_font(self, 1.35, bold=True))
        name.setWordWrap(True)
        layout.addWidget(name)
        checklist = s["checklist_obj"]
        facts = QLabel(f"{checklist.title.get(self.language)} · v{checklist.version} · "
                       f"{format_date(s['started_at'], self.language)}")
        facts.setWordWrap(True)
        facts.setStyleSheet(f"color: {GREY};")
        layout.addWidget(facts)
        layout.addSpacing(6)
        layout.addWidget(self._caption(self.tr("Result")))
        icon, colour = RESULT_LOOK.get(s["result"], ("○", GREY))
        self.result_label = QLabel(f"{icon} {result_text(s['result'], self.language)}")
        self.result_label.setObjectName("finalResult")
        self.result_label.setFont(scaled_font(self, 2.3, bold=True))
        self.result_label.setStyleSheet(f"color: {colour};")
        layout.addWidget(self.result_label)
        handling = QLabel(handling_text(s["handling"], self.language))
        handling.setObjectName("finalHandling")
        handling.setFont(scaled_font(self, 1.25, bold=True))
        handling.setWordWrap(True)
        layout.addWidget(handling)
        if s["rectification_deadline"]:
            layout.addSpacing(4)
            layout.addWidget(self._caption(self.tr("Fix everything below by")))
            self.deadline_label = QLabel(format_date(s["rectification_deadline"], self.language))
            self.deadline_label.setObjectName("finalDeadline")
            self.deadline_label.setFont(scaled_font(self, 2.3, bold=True))
            layout.addWidget(self.deadline_label)
        if s.get("case_filing"):
            note = QLabel(self.tr("A key item failed: the case goes to investigation (立案调查)."))
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {RED};")
            layout.addWidget(note)
        failed = s["failed_key_items"] + s["failed_general_items"]
        layout.addSpacing(6)
        layout.addWidget(self._caption(self.tr("What must be fixed ({0})").format(len(failed)) if failed
                                       else self.tr("Nothing must be fixed.")))
        layout.addWidget(self._failed_list(failed), 1)
        return panel

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet(f"color: {GREY}; font-weight: bold;")
        return label

    def _failed_list(self, failed: list[str]) -> QWidget:
        checklist, answers = self.summary["checklist_obj"], self.summary.get("answers", {})
        rows = []
        for number, item_id in enumerate(failed, start=1):
            item = checklist.items[item_id]
            star = "★ " if item.key else ""
            text = html.escape(item.text.get(self.language))
            note = (answers.get(item_id) or {}).get("note")
            value = (answers.get(item_id) or {}).get("value")
            extra = []
            if value is not None and item.kind == "number":
                extra.append(f"{value} {html.escape(item.unit or '')}")
            if note:
                extra.append(html.escape(note))
            detail = f"<br><span style='color:#333'>{' · '.join(extra)}</span>" if extra else ""
            if item.legal_basis:
                detail += (f"<br><span style='color:#6d6d6d; font-size:small'>"
                           f"{html.escape(item.legal_basis.get(self.language))}</span>")
            rows.append(f"<p style='margin:0 0 8px 0'><b>{number}.</b> <span style='color:{RED}'>{star}</span>"
                        f"<span style='color:#6d6d6d'>{html.escape(item_id)}</span> {text}{detail}</p>")
        label = QLabel("".join(rows))
        label.setObjectName("failedItems")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setStyleSheet("QLabel#failedItems { background: white; }")
        scroll = QScrollArea()
        scroll.setObjectName("failedScroll")
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea#failedScroll { background: white; }")
        scroll.viewport().setStyleSheet("background: white;")
        return scroll

    # --- signatures ------------------------------------------------------------

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
        layout.addWidget(self._caption(self.tr("Signatures")))
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

    # --- confirm and finalize --------------------------------------------------

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
            f"QPushButton {{ background: {BLUE}; color: white; font-weight: bold; border-radius: 6px;"
            " padding: 6px 18px; } QPushButton:disabled { background: #b8c7da; }")
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
