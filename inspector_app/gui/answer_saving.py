"""Saving on the Inspection screen: every answer is written through the Runner the moment it is given.

Notes are written after a short pause in typing (NOTE_PAUSE_MS; flush() writes
them at once), and the top bar says whether everything shown is in the store.
When a write fails the page shows the error and reopens the inspection from
the store, so what is shown is what is kept. Mixed into InspectionPage; its
texts keep the page's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from . import inspection_ops as ops
from .errors import show_error
from .theme import GREY

translate = QCoreApplication.translate
NOTE_PAUSE_MS = 500


class AnswerSaving:
    """Answers, notes and the hazard mark to the store; uses the page's `data`, `answers`, `context`,
    `saved_label` and the pending/in-flight bookkeeping set up in its __init__."""

    def _on_changed(self, item_id: str, state: dict, immediate: bool) -> None:
        if self.data is None or self.data.read_only or item_id not in self._cards:
            return
        self.answers[item_id] = dict(state)
        if immediate:
            self._pending.pop(item_id, None)
            self._save(item_id, state)
        else:
            self._pending[item_id] = dict(state)
            self._note_timer.start()
        self._refresh_live()
        self._update_saved_label()

    def flush(self) -> None:
        """Write what is waiting for the typing pause now."""
        self._note_timer.stop()
        pending, self._pending = self._pending, {}
        for item_id, state in pending.items():
            self._save(item_id, state)
        self._update_saved_label()

    def _save(self, item_id: str, state: dict) -> None:
        if self.data is None or state == self._saved_states.get(item_id):
            return
        if state.get("answer") is None and state.get("value") is None:
            return  # nothing the store can hold yet (a note before any answer)
        inspection_id, actor = self.data.id, getattr(self.context.user, "id", None)
        state = dict(state)
        self._in_flight += 1
        self.context.runner.op(lambda task: ops.save_answer(task, inspection_id, item_id, state, actor),
                               parent=self) \
            .success(lambda _: self._saved(inspection_id, item_id, state)) \
            .failure(lambda exc: self._save_failed(inspection_id, exc)) \
            .changes("inspections").run()
        self._update_saved_label()

    def _saved(self, inspection_id: str, item_id: str, state: dict) -> None:
        self._in_flight -= 1
        if self.data is not None and self.data.id == inspection_id:
            self._saved_states[item_id] = state
        self._update_saved_label()

    def _save_failed(self, inspection_id: str, exc: BaseException) -> None:
        self._in_flight -= 1
        self._save_error = str(getattr(exc, "message", exc))
        self._update_saved_label()
        show_error(self, exc)
        if self.data is not None and self.data.id == inspection_id:
            self._pending.clear()
            self.open(inspection_id)  # show what the store really holds

    @property
    def is_saved(self) -> bool:
        """True when every change shown is in the store."""
        return not self._pending and self._in_flight == 0 and self._save_error is None

    def _update_saved_label(self) -> None:
        if self.data is None:
            return
        if self.data.read_only:
            self.saved_label.setText(translate("InspectionPage", "Read-only"))
            self._restyle(self.saved_label, f"color: {GREY};")
        elif self._save_error:
            self.saved_label.setText("⚠ " + translate("InspectionPage", "Not saved"))
            self.saved_label.setToolTip(self._save_error)
            self._restyle(self.saved_label, "color: #c62828; font-weight: bold;")
        elif self._pending or self._in_flight:
            self.saved_label.setText(translate("InspectionPage", "Saving…"))
            self._restyle(self.saved_label, f"color: {GREY};")
        else:
            self.saved_label.setText("✓ " + translate("InspectionPage", "Saved"))
            self._restyle(self.saved_label, f"color: {GREY};")

    def set_hazard(self, hazard: bool) -> None:
        """Mark or unmark a latent incident risk: saved at once, and the live result follows."""
        if self.data is None or self.data.read_only or hazard == self.data.hazard:
            return
        inspection_id, actor = self.data.id, getattr(self.context.user, "id", None)
        self.data.hazard = hazard
        self._show_result()
        self._in_flight += 1
        self._update_saved_label()
        self.context.runner.op(lambda task: ops.set_hazard(task, inspection_id, hazard, actor), parent=self) \
            .success(lambda _: self._saved_hazard()) \
            .failure(lambda exc: self._save_failed(inspection_id, exc)) \
            .changes("inspections").run()

    def _saved_hazard(self) -> None:
        self._in_flight -= 1
        self._update_saved_label()
