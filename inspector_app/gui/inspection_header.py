"""The Inspection screen's top: what is open, the latent-hazard toggle, whether everything is saved,
and the live result; the banner over a finalized record.

Mixed into InspectionPage; its texts keep the page's translation context.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core import rules
from . import inspection_ops as ops
from .labels import format_date, handling_label, result_label
from .theme import GREY, RESULT_LOOK

translate = QCoreApplication.translate


class InspectionHeader:
    """The top bar and the banner; uses the page's `data`, `language`, `open()` and `start_amendment()`."""

    def _top_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("topBar")
        bar.setStyleSheet("QFrame#topBar { background: white; border-bottom: 1px solid #d5d5d5; }")
        row = QHBoxLayout(bar)
        row.setContentsMargins(10, 8, 14, 8)
        row.setSpacing(12)
        self.back_button = QPushButton("← " + translate("InspectionPage", "Back"))
        self.back_button.setObjectName("backButton")
        self.back_button.setMinimumHeight(40)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.back_button.clicked.connect(self.leave)
        row.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.establishment_label = QLabel()
        self.establishment_label.setObjectName("establishmentName")
        font = self.establishment_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.establishment_label.setFont(font)
        self.checklist_label = QLabel()
        self.checklist_label.setObjectName("checklistName")
        self.checklist_label.setStyleSheet(f"color: {GREY};")
        titles.addWidget(self.establishment_label)
        titles.addWidget(self.checklist_label)
        row.addLayout(titles, 1)
        self.hazard_box = QCheckBox(translate("InspectionPage", "A latent incident risk (stop operations at once)"))
        self.hazard_box.setObjectName("hazardToggle")
        self.hazard_box.setMinimumHeight(38)
        self.hazard_box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.hazard_box.setToolTip(translate("InspectionPage", "Tick when a latent food-safety incident risk is "
                                                               "found: operations then stop at once (立即停止), "
                                                               "whatever the result (Order 49 Art. 31 ¶2)."))
        self.hazard_box.setVisible(False)
        self.hazard_box.toggled.connect(self.set_hazard)
        row.addWidget(self.hazard_box)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedIndicator")
        self.saved_label.setToolTip(translate("InspectionPage", "Every answer is written to this laptop as soon as "
                                                                "you give it."))
        row.addWidget(self.saved_label)
        self.result_badge = QLabel()
        self.result_badge.setObjectName("resultBadge")
        self.result_badge.setMinimumHeight(38)
        self.result_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.result_badge)
        return bar

    def _banner(self) -> QWidget:
        self.banner = QFrame()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet("QFrame#readOnlyBanner { background: #fff8e1; border-bottom: 1px solid #e0c97a; }")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(14, 8, 14, 8)
        self.banner_label = QLabel()
        self.banner_label.setObjectName("readOnlyText")
        self.banner_label.setWordWrap(True)
        row.addWidget(self.banner_label, 1)
        self.finalized_actions = QHBoxLayout()
        row.addLayout(self.finalized_actions)
        self.amend_button = QPushButton(translate("InspectionPage", "Start amendment"))
        self.amend_button.setObjectName("amendButton")
        self.amend_button.setMinimumHeight(40)
        self.amend_button.clicked.connect(self.start_amendment)
        row.addWidget(self.amend_button)
        self.open_amendment_button = QPushButton(translate("InspectionPage", "Open the amendment"))
        self.open_amendment_button.setObjectName("openAmendment")
        self.open_amendment_button.setMinimumHeight(40)
        self.open_amendment_button.clicked.connect(lambda: self.data and self.open(self.data.amended_by))
        row.addWidget(self.open_amendment_button)
        self.banner.setVisible(False)
        return self.banner

    def add_finalized_action(self, widget: QWidget) -> None:
        """Hook for the main window: a button (print, preview…) shown while a finalized record is open."""
        self.finalized_actions.addWidget(widget)

    def _show_header(self, data: ops.InspectionData) -> None:
        checklist = data.checklist
        self.establishment_label.setText(data.establishment_name)
        extra = ""
        if data.amends_id:
            extra = " · " + translate("InspectionPage", "Amendment")
        self.checklist_label.setText(f"{checklist.title.get(self.language)} · v{checklist.version}{extra}")
        self.banner.setVisible(data.read_only)
        self._show_hazard(data)
        self.finish_button.setVisible(not data.read_only)
        self.keys_hint.setText("" if data.read_only else self.keys_text)
        self.amend_button.setVisible(data.read_only and not data.amended_by)
        self.open_amendment_button.setVisible(data.read_only and bool(data.amended_by))
        if data.read_only:
            when = format_date(data.finalized_at, self.language) if data.finalized_at else ""
            text = translate("InspectionPage", "Finalized on {0}: {1}. This record can no longer be changed.").format(
                when, result_label(data.result, self.language))
            text += " " + (translate("InspectionPage", "It was corrected by a later amendment.") if data.amended_by
                           else translate("InspectionPage", "To correct it, start an amendment."))
            self.banner_label.setText(text)

    def _show_hazard(self, data: ops.InspectionData) -> None:
        """Drafts can change it; a finalized record shows it only when it was marked."""
        self.hazard_box.blockSignals(True)
        self.hazard_box.setChecked(data.hazard)
        self.hazard_box.blockSignals(False)
        self.hazard_box.setEnabled(not data.read_only)
        self.hazard_box.setVisible(not data.read_only or data.hazard)

    def _show_result(self) -> None:
        if self.data.read_only:
            result, handling = self.data.result, self.data.handling
        else:
            outcome = rules.evaluate(self.data.checklist, self.answers, category=self.data.category,
                                     hazard=self.data.hazard, on=date.today())
            result, handling = outcome.result, outcome.handling
        if result is None:
            self.result_badge.setText("○ " + translate("InspectionPage", "Not checked yet"))
            self._restyle(self.result_badge, f"QLabel#resultBadge {{ color: {GREY}; border: 1px solid #c8c8c8;"
                          " border-radius: 6px; padding: 4px 14px; }")
            self.result_badge.setToolTip("")
            return
        icon, colour = RESULT_LOOK[result]
        prefix = "" if self.data.read_only else translate("InspectionPage", "So far:") + " "
        stop = " · " + handling_label(handling, self.language) if handling == rules.STOP else ""
        self.result_badge.setText(f"{prefix}{icon} {result_label(result, self.language)}{stop}")
        self._restyle(self.result_badge, f"QLabel#resultBadge {{ color: white; background: {colour};"
                      " border-radius: 6px; padding: 4px 14px; font-weight: bold; }")
        self.result_badge.setToolTip(handling_label(handling, self.language))

    def _restyle(self, widget: QWidget, sheet: str) -> None:
        """setStyleSheet only when the sheet changes: each call restyles the widget."""
        if self._looks.get(id(widget)) != sheet:
            self._looks[id(widget)] = sheet
            widget.setStyleSheet(sheet)
