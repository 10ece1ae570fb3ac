"""Finishing on the Inspection screen: check that everything is answered, list what is missing, sign.

"Finish and sign…" asks core whether every shown item is answered and every
needed photo is there; what is missing is listed in the left column and leaves
the list as it is fixed; when nothing is, the finalize dialog opens. A
finalized record can be corrected by an amendment. Mixed into InspectionPage;
its texts keep the page's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core import rules
from . import inspection_ops as ops
from .errors import show_error
from .finalize_dialog import FinalizeDialog
from .section_list import MissingRow

translate = QCoreApplication.translate


class FinishFlow:
    """From "Finish and sign…" to a finalized record; uses `data`, `answers`, `column`, `finish_button`."""

    def check_and_finish(self) -> None:
        """Check answers and photos; list what is missing, or open the finalize dialog."""
        if self.read_only:
            return
        self.flush()
        inspection_id = self.data.id
        self.finish_button.setEnabled(False)
        self.context.runner.op(lambda task: ops.readiness(task, inspection_id), parent=self) \
            .success(self._readiness_checked).failure(self._finish_failed).run()

    def _finish_failed(self, exc: BaseException) -> None:
        self.finish_button.setEnabled(True)
        show_error(self, exc)

    def _readiness_checked(self, result: dict) -> None:
        checklist = self.data.checklist
        rows = [MissingRow(i, checklist.items[i].text.get(self.language), "answer") for i in result["missing"]]
        rows += [MissingRow(i, checklist.items[i].text.get(self.language), "photo")
                 for i in result["missing_evidence"]]
        self.column.show_missing(rows)
        if rows:
            self.finish_button.setEnabled(True)
            return
        inspection_id = self.data.id
        self.context.runner.op(lambda task: ops.summary(task, inspection_id), parent=self) \
            .success(self._open_finalize).failure(self._finish_failed).run()

    def _relist_missing_photo(self, item_id: str) -> None:
        """While the missing list is shown, an item whose last needed photo was removed joins it again."""
        rows = list(self.missing_model.rows)
        if not rows or any(r.item_id == item_id and r.reason == "photo" for r in rows):
            return
        item = self.data.checklist.items[item_id]
        if item.evidence_on_fail and rules.item_outcome(item, self.answers.get(item_id)) == "fail" \
                and not self._item_photos.get(item_id):
            self.column.show_missing(rows + [MissingRow(item_id, item.text.get(self.language), "photo")])

    def _prune_missing(self) -> None:
        """Entries leave the missing list as the inspector fixes them."""
        if not self.missing_model.rows:
            return
        visible = set(self.visible_items())

        def still_missing(row) -> bool:
            if row.item_id not in visible:
                return False
            card = self._cards.get(row.item_id)
            if card is not None:
                return card.outcome() is None if row.reason == "answer" else card.needs_photo()
            item = self.data.checklist.items[row.item_id]
            outcome = rules.item_outcome(item, self.answers.get(row.item_id))
            if row.reason == "answer":
                return outcome is None
            return bool(item.evidence_on_fail) and outcome == "fail" and not self._item_photos.get(row.item_id)

        self.column.prune_missing(still_missing)

    def _open_finalize(self, summary: dict) -> None:
        self.finish_button.setEnabled(True)
        if summary["id"] != self.inspection_id:
            return
        self.finalize_dialog = FinalizeDialog(self.context, summary, self.language, parent=self)
        self.finalize_dialog.finalized.connect(self._on_finalized)
        self.finalize_dialog.finished.connect(self._finalize_dialog_closed)
        self.finalize_dialog.open()

    def _finalize_dialog_closed(self) -> None:
        dialog, self.finalize_dialog = self.finalize_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_finalized(self, inspection_id: str) -> None:
        self.open(inspection_id)
        self.finalized.emit(inspection_id)

    def start_amendment(self) -> None:
        """A correction of a finalized record: a new draft with the answers and photos copied in."""
        if self.data is None or not self.data.read_only or self.data.amended_by:
            return
        original, actor = self.data.id, getattr(self.context.user, "id", None)
        self.amend_button.setEnabled(False)
        self.context.runner.op(lambda task: ops.start_amendment(task, original, actor), parent=self) \
            .with_progress(translate("InspectionPage", "Starting the amendment…"), cancellable=False) \
            .success(self._amendment_started).failure(self._amendment_failed).changes("inspections").run()

    def _amendment_started(self, new_id: str) -> None:
        self.amend_button.setEnabled(True)
        self.open(new_id)

    def _amendment_failed(self, exc: BaseException) -> None:
        self.amend_button.setEnabled(True)
        show_error(self, exc)
