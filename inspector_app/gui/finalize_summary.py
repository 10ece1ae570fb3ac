"""The left half of the finalize dialog: what the operator reads before signing.

The result in large type (符合 / 基本符合 / 不符合, in the catalogue's words),
how it is handled, the deadline and every failed item with its note, measured
value and legal basis (Order 49 Art. 31, 34). Its texts keep the
FinalizeDialog translation context.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from .labels import format_date, handling_label, result_label, treatment_label
from .theme import GREY, RED, RESULT_LOOK

translate = QCoreApplication.translate


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def caption(text: str) -> QLabel:
    """A small grey heading over a part of the dialog."""
    label = QLabel(text)
    label.setStyleSheet(f"color: {GREY}; font-weight: bold;")
    return label


class SummaryPanel(QFrame):
    """Built once from `summary` (inspection_ops.summary) in `language`, the checklist's language."""

    def __init__(self, summary: dict, language: str, parent: QWidget):
        super().__init__(parent)
        self.summary, self.language = summary, language
        self.deadline_label: QLabel | None = None
        self.setObjectName("summaryPanel")
        self.setStyleSheet("QFrame#summaryPanel { background: white; border: 1px solid #d5d5d5;"
                           " border-radius: 6px; }")
        layout = QVBoxLayout(self)
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
        layout.addWidget(caption(translate("FinalizeDialog", "Result")))
        icon, colour = RESULT_LOOK.get(s["result"], ("○", GREY))
        self.result_label = QLabel(f"{icon} {result_label(s['result'], self.language)}")
        self.result_label.setObjectName("finalResult")
        self.result_label.setFont(scaled_font(self, 2.3, bold=True))
        self.result_label.setStyleSheet(f"color: {colour};")
        layout.addWidget(self.result_label)
        handling = QLabel(handling_label(s["handling"], self.language))
        handling.setObjectName("finalHandling")
        handling.setFont(scaled_font(self, 1.25, bold=True))
        handling.setWordWrap(True)
        layout.addWidget(handling)
        if s["rectification_deadline"]:
            layout.addSpacing(4)
            layout.addWidget(caption(translate("FinalizeDialog", "Fix everything below by")))
            self.deadline_label = QLabel(format_date(s["rectification_deadline"], self.language))
            self.deadline_label.setObjectName("finalDeadline")
            self.deadline_label.setFont(scaled_font(self, 2.3, bold=True))
            layout.addWidget(self.deadline_label)
        if s.get("case_filing"):
            note = QLabel(translate("FinalizeDialog", "Items below go to a case for investigation (依法立案调查)."))
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {RED};")
            layout.addWidget(note)
        failed = s["failed_key_items"] + s["failed_general_items"]
        layout.addSpacing(6)
        layout.addWidget(caption(translate("FinalizeDialog", "What must be fixed ({0})").format(len(failed))
                                 if failed else translate("FinalizeDialog", "Nothing must be fixed.")))
        layout.addWidget(self._failed_list(failed), 1)

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
            treatment = self.summary.get("treatments", {}).get(item_id)
            if treatment:
                fix = (answers.get(item_id) or {}).get("fix_note")
                extra.append(f"<b>{html.escape(treatment_label(treatment, self.language))}</b>"
                             + (f"：{html.escape(fix)}" if fix else ""))
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
